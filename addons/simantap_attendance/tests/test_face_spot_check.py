import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .face_common import face_photo
from .presence_common import DAY, PresenceCase, utc


@tagged("post_install", "-at_install")
class TestFaceSpotCheck(PresenceCase):
    """A spot-check answer's selfie goes through the same face step: a signal,
    never a refusal."""

    def setUp(self):
        super().setUp()
        self.check_in(self.emp_employee, utc(0, 55))
        reference = self.env["simantap.face.reference"].create(
            {
                "employee_id": self.emp_employee.id,
                "photo": base64.b64encode(face_photo("obama_1")),
            }
        )
        reference.action_approve()

    def answer(self, photo, due):
        check = self.env["simantap.spot.check"].create(
            {
                "employee_id": self.emp_employee.id,
                "work_date": DAY.date(),
                "due_at": due,
                "day_end": utc(10),
            }
        )
        with freeze_time(due + timedelta(minutes=5)):
            self.Presence._today(self.emp_employee)
        at = due + timedelta(minutes=10)
        with freeze_time(at):
            result = self.Presence._answer_spot_check(
                self.emp_employee,
                self.payload(
                    at - timedelta(seconds=3), spot_check_id=check.id, photo=photo
                ),
            )
        return check, result

    def test_right_and_wrong_face(self):
        right, result = self.answer(face_photo("obama_3"), utc(2))
        self.assertEqual(result["status"], "accepted", result)
        wrong, result = self.answer(face_photo("biden"), utc(4))
        self.assertEqual(result["status"], "accepted", result)
        self.assertTrue(right.face_pending and wrong.face_pending)
        self.env["simantap.spot.check"]._cron_check_faces()
        self.assertEqual(right.face_verdict, "match")
        self.assertTrue(right.face_reference_photo)
        self.assertEqual(wrong.face_verdict, "mismatch")
        self.assertGreater(wrong.face_distance, 0.6)
        # the phone sending its answer again reads the signal
        replayed = self.Presence._spot_result(wrong, replayed=True)
        self.assertIn("face_mismatch", replayed["signals"])
        self.assertNotIn("face_mismatch", self.Presence._spot_result(right)["signals"])

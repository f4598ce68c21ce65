import base64

from freezegun import freeze_time

from odoo.tests import tagged

from .checkin_common import NOW
from .face_common import face_photo
from .test_face_checkin import FaceCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestFaceSecondFrame(FaceCase):
    """The phone's second frame (about a second after the selfie) reaches the
    two-frame liveness check through the one door, checked like the selfie."""

    def setUp(self):
        super().setUp()
        self.enrol(self.emp_employee, "obama_1")
        self.company.simantap_face_policy = "refuse"

    def test_the_same_frame_twice_is_refused(self):
        selfie = face_photo("obama_2")
        result = self.send(photo=selfie, second_photo=base64.b64encode(selfie).decode())
        self.assertEqual(result["status"], "refused")
        self.assertEqual(result["reason"], "face_liveness")
        self.assertIn("live person turning their head", result["message"])
        self.assertFalse(self.attendances())
        attempt = self.attempt(result)
        self.assertEqual(attempt.face_verdict, "match")
        self.assertNotIn("second_photo", attempt.raw_payload)
        self.assertEqual(
            attempt.raw_payload["second_photo_size"],
            len(base64.b64encode(selfie).decode()),
        )

    def test_a_second_picture_of_the_same_person_passes(self):
        result = self.send(
            photo=face_photo("obama_2"), second_photo=face_photo("obama_3")
        )
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(self.attempt(result).face_verdict, "match")

    def test_under_flag_the_background_job_checks_the_two_frames(self):
        """The default policy stores the check-in at once; the job that checks
        the face later also compares the two frames, then forgets the second."""
        self.company.simantap_face_policy = "flag"
        selfie = face_photo("obama_2")
        result = self.send(photo=selfie, second_photo=base64.b64encode(selfie).decode())
        self.assertEqual(result["status"], "accepted")
        attempt = self.attempt(result).sudo()
        self.assertTrue(attempt.face_pending)
        self.assertTrue(attempt.face_second_frame)
        self.env["simantap.attendance.attempt"]._cron_check_faces()
        self.assertFalse(attempt.face_pending)
        self.assertFalse(attempt.face_second_frame)
        self.assertIn("face_liveness", attempt.signal_ids.mapped("code"))
        self.assertEqual(attempt.review_state, "to_review")

    def test_no_second_frame_is_not_checked(self):
        result = self.send(photo=face_photo("obama_2"))
        self.assertEqual(result["status"], "accepted")

    def test_a_bad_second_frame_is_refused_like_a_selfie(self):
        selfie = face_photo("obama_2")
        self.company.simantap_photo_max_bytes = len(selfie) + 10
        big = face_photo("obama_3") + b"\0" * (len(selfie) + 20)
        for data, code in (
            (b"not a picture at all", "photo_not_image"),
            (big, "photo_too_large"),
            (base64.b64encode(big).decode(), "photo_too_large"),
        ):
            result = self.send(photo=selfie, second_photo=data)
            self.assertEqual(result["status"], "refused", code)
            self.assertEqual(result["reason"], code)
        self.assertFalse(self.attendances())

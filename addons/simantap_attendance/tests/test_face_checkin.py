import base64
from datetime import timedelta
from unittest import mock

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..lib import face as face_lib
from .checkin_common import NOW, CheckinCase
from .face_common import darker, face_photo, mirrored, no_face, side_by_side


def b64(data):
    return base64.b64encode(data)


class FaceCase(CheckinCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.References = cls.env["simantap.face.reference"]

    def enrol(self, employee, name, user=None, approve=True):
        reference = self.References.with_user(user or self.user_officer).create(
            {"employee_id": employee.id, "photo": b64(face_photo(name))}
        )
        if approve:
            reference.with_user(self.user_officer).action_approve()
        return reference

    def checked(self, result):
        """The attempt of ``result`` once the background job checked its face."""
        attempt = self.env["simantap.attendance.attempt"].browse(result["attempt_id"])
        self.assertTrue(attempt.face_pending)
        self.assertFalse(attempt.face_verdict)
        self.env["simantap.attendance.attempt"]._cron_check_faces()
        self.assertFalse(attempt.face_pending)
        return attempt


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestFaceCheckin(FaceCase):
    """A selfie is compared with the employee's approved reference faces."""

    def test_enrol_and_approve(self):
        reference = self.enrol(self.emp_employee, "obama_1", approve=False)
        self.assertEqual(reference.state, "draft")
        self.assertEqual(len(base64.b64decode(reference.encoding)), 1024)
        self.assertFalse(self.emp_employee.simantap_face_enrolled)
        reference.with_user(self.user_officer).action_approve()
        self.assertEqual(reference.state, "approved")
        self.assertEqual(reference.approved_by, self.user_officer)
        self.assertTrue(self.emp_employee.simantap_face_enrolled)

    def test_enrol_refuses_no_face_and_several_faces(self):
        for data, words in (
            (no_face(), "No face"),
            (side_by_side("obama_1", "biden"), "2 faces"),
        ):
            with self.assertRaisesRegex(UserError, words):
                self.References.with_user(self.user_officer).create(
                    {"employee_id": self.emp_employee.id, "photo": b64(data)}
                )
        self.assertFalse(self.References.search([]))

    def test_only_an_officer_approves(self):
        reference = self.enrol(self.emp_employee, "obama_1", approve=False)
        with self.assertRaises(UserError):
            reference.with_user(self.user_head).action_approve()
        self.assertEqual(reference.state, "draft")

    def test_right_face_matches(self):
        self.enrol(self.emp_employee, "obama_1")
        result = self.send(photo=face_photo("obama_2"))
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], [])
        attempt = self.checked(result)
        self.assertEqual(attempt.face_verdict, "match")
        self.assertFalse(attempt.signal_ids)
        self.assertFalse(attempt.review_state)
        self.assertLess(attempt.face_distance, 0.6)
        self.assertTrue(attempt.face_reference_photo)

    def test_other_face_is_flagged(self):
        reference = self.enrol(self.emp_employee, "obama_1")
        result = self.send(photo=face_photo("biden"))
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], [])  # checked within a minute
        attempt = self.checked(result)
        self.assertEqual(attempt.signal_ids.mapped("code"), ["face_mismatch"])
        self.assertIn("0.6", attempt.explanation)
        self.assertEqual(attempt.face_verdict, "mismatch")
        self.assertGreater(attempt.face_distance, 0.6)
        self.assertEqual(attempt.sudo().face_reference_id, reference)
        self.assertEqual(attempt.review_state, "to_review")
        attendance = self.env["hr.attendance"].browse(result["attendance_id"])
        self.assertEqual(attendance.simantap_in_face_verdict, "mismatch")
        self.assertEqual(attendance.simantap_review_state, "to_review")
        self.assertTrue(attendance.simantap_in_face_reference_photo)
        Attempt = self.env["simantap.attendance.attempt"]
        self.assertEqual(Attempt._simantap_face_mismatches_today(self.company), 1)

    def test_other_face_is_refused_under_refuse_policy(self):
        self.company.simantap_face_policy = "refuse"
        self.enrol(self.emp_employee, "obama_1")
        result = self.send(photo=face_photo("astronaut"))
        self.assertEqual(result["status"], "refused")
        self.assertEqual(result["reason"], "face_mismatch")
        self.assertFalse(result["attendance_id"])
        self.assertFalse(self.attendances())
        self.assertEqual(self.attempt(result).face_verdict, "mismatch")
        # the right face then checks in
        result = self.send(photo=mirrored("obama_1"))
        self.assertEqual(result["status"], "accepted")

    def test_no_face_and_several_faces(self):
        self.enrol(self.emp_employee, "obama_1")
        attempt = self.checked(self.send(photo=no_face()))
        self.assertEqual(attempt.signal_ids.mapped("code"), ["no_face"])
        self.assertEqual(attempt.face_verdict, "no_face")
        self.company.simantap_face_policy = "refuse"
        with freeze_time(NOW + timedelta(minutes=1)):
            result = self.send(
                photo=side_by_side("obama_2", "biden"),
                captured_at=NOW + timedelta(minutes=1),
                kind="check_out",
            )
        self.assertEqual(result["status"], "refused")
        self.assertEqual(result["reason"], "several_faces")
        self.assertIn("2", result["message"])

    def test_not_enrolled(self):
        result = self.send(photo=face_photo("biden"))
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], [])
        self.assertEqual(self.attempt(result).face_verdict, "not_enrolled")
        # what an officer (no HR rights) lists as employees without a face
        missing = (
            self.env["hr.employee.public"]
            .with_user(self.user_officer)
            .search([("simantap_face_enrolled", "=", False)])
        )
        self.assertIn(self.emp_employee.id, missing.ids)
        self.enrol(self.emp_employee, "obama_1")
        self.env.flush_all()  # the public profile is a view of the employee table
        missing = (
            self.env["hr.employee.public"]
            .with_user(self.user_officer)
            .search([("simantap_face_enrolled", "=", False)])
        )
        self.assertNotIn(self.emp_employee.id, missing.ids)

    def test_policy_off(self):
        self.company.simantap_face_policy = "off"
        self.enrol(self.emp_employee, "obama_1")
        result = self.send(photo=face_photo("biden"))
        self.assertEqual(result["signals"], [])
        self.assertEqual(self.attempt(result).face_verdict, "unchecked")

    def test_library_missing(self):
        self.enrol(self.emp_employee, "obama_1")
        missing = face_lib.FaceUnavailable("cannot import dlib: No module named 'dlib'")
        with mock.patch.object(face_lib, "load", side_effect=missing):
            result = self.send(photo=face_photo("biden"))
            settings = self.env["res.config.settings"].create({})
            self.assertFalse(settings.simantap_face_available)
            self.assertIn("dlib", settings.simantap_face_status)
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], ["face_unchecked"])
        self.assertEqual(self.attempt(result).face_verdict, "unchecked")
        self.assertTrue(
            self.env["res.config.settings"].create({}).simantap_face_available
        )

    def test_threshold_is_the_companys(self):
        self.enrol(self.emp_employee, "obama_1")
        self.company.simantap_face_threshold = 0.2
        attempt = self.checked(self.send(photo=face_photo("obama_3")))
        self.assertEqual(attempt.signal_ids.mapped("code"), ["face_mismatch"])

    def test_two_frames(self):
        self.enrol(self.emp_employee, "obama_1")
        employee = self.emp_employee
        check = employee._simantap_face_check(
            face_photo("obama_2"), second_frame=face_photo("obama_3")
        )
        self.assertEqual(check.verdict, "match")
        self.assertEqual(check.signals, {})
        check = employee._simantap_face_check(
            face_photo("obama_2"), second_frame=face_photo("obama_2")
        )
        self.assertEqual(
            check.signals, {"face_liveness": {"problem": "frames_identical"}}
        )
        self.company.simantap_face_policy = "refuse"
        check = employee._simantap_face_check(
            face_photo("obama_2"), second_frame=darker("biden")
        )
        self.assertEqual(check.refusal, "face_liveness")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestFaceReenrolment(FaceCase):
    def test_reenrolment_needs_approval_and_replaces(self):
        first = self.enrol(self.emp_employee, "obama_1")
        second = self.References.with_user(self.user_officer).create(
            {"employee_id": self.emp_employee.id, "photo": b64(face_photo("obama_2"))}
        )
        self.assertTrue(second.reenrolment)
        self.assertEqual(second.state, "draft")
        self.assertEqual(first.state, "approved")  # until approved, the old one holds
        second.with_user(self.user_officer).action_approve()
        self.assertEqual(first.state, "replaced")
        self.assertEqual(second.state, "approved")
        self.assertIn(
            "re-enrolment",
            " ".join(self.emp_employee.message_ids.mapped("body")).lower(),
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestFacePrivacy(FaceCase):
    """Encodings are read by attendance officers and the employee themself only;
    deleted at the end of retention."""

    def test_who_reads_encodings(self):
        reference = self.enrol(self.emp_employee, "obama_1")
        own = self.References.with_user(self.user_employee).search([])
        self.assertEqual(own, reference)
        self.assertTrue(own.encoding)
        self.assertFalse(self.References.with_user(self.user_colleague).search([]))
        self.assertFalse(self.References.with_user(self.user_head).search([]))
        with self.assertRaises(AccessError):
            reference.with_user(self.user_head).read(["encoding"])
        with self.assertRaises(AccessError):
            reference.with_user(self.user_colleague).read(["encoding"])
        with self.assertRaises(AccessError):
            reference.with_user(self.user_employee).write({"state": "rejected"})
        with self.assertRaises(AccessError):
            self.References.with_user(self.user_employee).create(
                {"employee_id": self.emp_employee.id, "photo": b64(face_photo("biden"))}
            )
        self.assertEqual(
            self.References.with_user(self.user_officer).search([]), reference
        )

    def test_unit_head_sees_the_mismatch_not_the_encoding(self):
        self.enrol(self.emp_employee, "obama_1")
        attempt = self.checked(self.send(photo=face_photo("biden")))
        attempt = attempt.with_user(self.user_head)
        self.assertEqual(attempt.face_verdict, "mismatch")
        self.assertTrue(attempt.face_reference_photo)
        mismatches = (
            self.env["simantap.attendance.attempt"]
            .with_user(self.user_head)
            .search([("face_verdict", "=", "mismatch")])
        )
        self.assertEqual(mismatches, attempt)
        other = (
            self.env["simantap.attendance.attempt"]
            .with_user(self.user_colleague)
            .search([("face_verdict", "=", "mismatch")])
        )
        self.assertFalse(other)

    def test_retention_deletes_faces(self):
        kept = self.enrol(self.emp_employee, "obama_1")
        gone = self.enrol(self.emp_colleague, "biden")
        replaced = self.enrol(self.emp_head, "astronaut")
        self.References.create(
            {"employee_id": self.emp_head.id, "photo": b64(mirrored("astronaut"))}
        ).action_approve()
        self.assertEqual(replaced.state, "replaced")
        self.emp_colleague.active = False
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "simantap.face.reference"),
                    ("res_field", "=", "photo"),
                    ("res_id", "=", gone.id),
                ]
            )
        )
        self.assertTrue(attachment)
        self.References._cron_purge_face_data(now=NOW + timedelta(days=30))
        self.assertTrue(gone.exists() and replaced.exists())
        self.References._cron_purge_face_data(now=NOW + timedelta(days=400))
        self.assertFalse(gone.exists())
        self.assertFalse(replaced.exists())
        self.assertTrue(kept.exists())
        self.assertFalse(attachment.exists())

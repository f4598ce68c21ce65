import base64
import io
from datetime import timedelta

from freezegun import freeze_time
from PIL import Image

from odoo.tests import tagged

from .checkin_common import NOW, CheckinCase, make_photo


def blank_png(width, height):
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinBadInput(CheckinCase):
    """Each bad input is refused with its own reason code, and nothing is stored but
    the attempt (no attendance, no selfie)."""

    def assert_refused(self, code, result, keeps_photo=False):
        self.assertEqual(result["status"], "refused")
        self.assertEqual(result["reason"], code)
        self.assertTrue(result["message"])
        self.assertIsNone(result["attendance_id"])
        attempt = self.attempt(result)
        self.assertTrue(attempt.exists(), "every attempt is kept")
        self.assertEqual(attempt.reason_code, code)
        self.assertEqual(bool(attempt.photo), keeps_photo)
        self.assertFalse(
            self.env["hr.attendance"].search_count([]) - self.attendances_before
        )

    def setUp(self):
        super().setUp()
        self.attendances_before = self.env["hr.attendance"].search_count([])

    def test_each_bad_field_has_its_own_code(self):
        gif = make_photo(1, fmt="GIF")
        truncated = self.photos[0][: len(self.photos[0]) // 2]
        cases = [
            ({"uuid": None}, "uuid_missing"),
            ({"uuid": ""}, "uuid_missing"),
            ({"uuid": "not-a-uuid"}, "uuid_invalid"),
            ({"device_id": ""}, "device_missing"),
            ({"device_id": None}, "device_missing"),
            ({"captured_at": ""}, "captured_at_missing"),
            ({"captured_at": "yesterday morning"}, "captured_at_invalid"),
            ({"captured_at": 12345}, "captured_at_invalid"),
            ({"captured_at": NOW + timedelta(minutes=3)}, "captured_in_future"),
            ({"captured_at": NOW - timedelta(hours=73)}, "captured_too_old"),
            ({"latitude": None}, "coordinates_missing"),
            ({"longitude": None}, "coordinates_missing"),
            ({"latitude": float("nan")}, "coordinates_invalid"),
            ({"longitude": "east"}, "coordinates_invalid"),
            ({"latitude": 91.0}, "latitude_out_of_range"),
            ({"latitude": -90.5}, "latitude_out_of_range"),
            ({"latitude": 1000.0}, "latitude_out_of_range"),
            (
                {
                    "captured_at": "0001-01-01T00:00:00",
                    "sent_at": "9999-12-31T23:59:59",
                },
                "captured_at_invalid",
            ),
            ({"longitude": 181.0}, "longitude_out_of_range"),
            ({"accuracy": -5}, "accuracy_invalid"),
            ({"accuracy": None}, "accuracy_invalid"),
            ({"photo": None}, "photo_missing"),
            ({"photo": b""}, "photo_missing"),
            ({"photo": b"this is not a picture"}, "photo_not_image"),
            ({"photo": truncated}, "photo_truncated"),
            ({"photo": gif}, "photo_format"),
            ({"photo": blank_png(8000, 5001)}, "photo_too_many_pixels"),
            ({"photo": blank_png(20_000, 20_000)}, "photo_too_many_pixels"),
            ({"photo": "%%% not base64 %%%"}, "photo_not_image"),
        ]
        for overrides, code in cases:
            with self.subTest(code=code, overrides=str(overrides)[:60]):
                self.assert_refused(code, self.send(**overrides))

    def test_missing_capture_time(self):
        payload = self.payload()
        del payload["captured_at"]
        result = (
            self.env["simantap.intake"]
            .with_user(self.user_employee)
            ._record_check(self.emp_employee, "check_in", payload)
        )
        self.assert_refused("captured_at_missing", result)

    def test_photo_over_the_size_limit(self):
        self.company.simantap_photo_max_bytes = 5 * 1024 * 1024
        big = make_photo(2, size=(4000, 3000), quality=100)
        self.company.simantap_photo_max_bytes = len(big) - 1
        result = self.send(photo=big)
        self.assert_refused("photo_too_large", result)
        text = base64.b64encode(big).decode()
        self.assert_refused("photo_too_large", self.send(photo=text))

    def test_photo_over_the_default_five_megabytes(self):
        self.assertEqual(self.company.simantap_photo_max_bytes, 5 * 1024 * 1024)
        oversized = self.photos[0] + b"\0" * (5 * 1024 * 1024)
        self.assert_refused("photo_too_large", self.send(photo=oversized))

    def test_unknown_and_archived_employees(self):
        Employee = self.env["hr.employee"].with_user(self.user_employee)
        Intake = self.env["simantap.intake"].with_user(self.user_employee)
        result = Intake._record_check(Employee.browse(), "check_in", self.payload())
        self.assert_refused("employee_unknown", result)
        self.assertFalse(self.attempt(result).employee_id)
        result = Intake._record_check(
            Employee.browse(999_999), "check_in", self.payload()
        )
        self.assert_refused("employee_unknown", result)
        self.emp_colleague.active = False
        result = self.send(employee=self.emp_colleague, user=self.user_employee)
        self.assert_refused("employee_unknown", result)
        self.assertEqual(self.attempt(result).employee_id, self.emp_colleague)

    def test_employee_of_another_company(self):
        result = self.send(employee=self.emp_foreign, user=self.user_officer)
        self.assert_refused("employee_other_company", result)

    def test_unknown_kind(self):
        result = self.send(kind="lunch_break")
        self.assert_refused("kind_invalid", result)
        self.assertFalse(self.attempt(result).kind)

    def test_refusals_are_explained_in_plain_words(self):
        result = self.send(captured_at=NOW + timedelta(minutes=10))
        self.assertEqual(
            result["message"],
            "The capture time is 10 minutes ahead of the server: check the phone's "
            "clock.",
        )
        attempt = self.attempt(result)
        self.assertEqual(attempt.message, result["message"])
        self.assertIn(result["message"], attempt.explanation)
        self.assertEqual(attempt.raw_payload["photo_size"], len(self.photos[0]))
        self.assertNotIn("photo", attempt.raw_payload)

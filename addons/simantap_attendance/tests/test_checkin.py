import base64
import io
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from PIL import Image
from psycopg2 import errors

from odoo.api import call_kw
from odoo.tests import tagged
from odoo.tools import mute_logger

from .checkin_common import (
    COMPOUND,
    NOW,
    OFFICE,
    SCHOOL_A,
    SCHOOL_B,
    CheckinCase,
    east,
    make_photo,
    north,
)

RESULT_KEYS = {
    "uuid",
    "attempt_id",
    "kind",
    "status",
    "reason",
    "message",
    "signals",
    "signal_messages",
    "attendance_id",
    "verdict",
    "distance",
    "location_id",
    "location_name",
    "event_time",
    "working_day",
    "replayed",
}


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinGeofence(CheckinCase):
    """Where a check-in is accepted: inside a fence, at its edge, in a polygon, at
    either of two schools; outside is refused unless field duty covers it."""

    def test_inside_is_accepted_on_stock_attendance(self):
        result = self.send(where=north(OFFICE, 40))
        self.assertEqual(set(result), RESULT_KEYS)
        self.assertEqual(result["status"], "accepted")
        self.assertIsNone(result["reason"])
        self.assertEqual(result["verdict"], "inside")
        self.assertEqual(result["distance"], 0)
        self.assertEqual(result["location_id"], self.office.id)
        self.assertEqual(result["location_name"], "Kantor Dinas Uji")
        self.assertEqual(result["event_time"], "2026-11-02 00:30:00")
        self.assertEqual(result["working_day"], "2026-11-02")
        self.assertEqual(result["message"], "Checked in at 07:30 at Kantor Dinas Uji.")
        self.assertEqual(result["signals"], [])
        self.assertFalse(result["replayed"])
        attendance = self.env["hr.attendance"].browse(result["attendance_id"])
        self.assertEqual(attendance.employee_id, self.emp_employee)
        self.assertEqual(attendance.check_in, NOW)
        self.assertFalse(attendance.check_out)
        self.assertEqual(attendance.in_mode, "simantap")
        self.assertAlmostEqual(attendance.in_latitude, north(OFFICE, 40)[0], places=6)
        self.assertAlmostEqual(attendance.in_longitude, OFFICE[1], places=6)
        self.assertEqual(attendance.in_browser, "HP-UJI-1")
        self.assertEqual(self.emp_employee.attendance_state, "checked_in")
        attempt = self.attempt(result)
        self.assertEqual(attendance.simantap_check_in_attempt_id, attempt)
        self.assertEqual(attempt.attendance_id, attendance)
        self.assertEqual(attendance.simantap_location_id, self.office)
        self.assertEqual(attendance.simantap_in_verdict, "inside")
        self.assertEqual(attendance.simantap_working_day, date(2026, 11, 2))
        self.assertFalse(attendance.simantap_flagged)
        self.assertEqual(attempt.status, "accepted")
        self.assertEqual(attempt.user_id, self.user_employee)
        self.assertEqual(attempt.received_at, NOW)
        self.assertEqual(len(attempt.photo_hash), 16)
        stored = Image.open(io.BytesIO(base64.b64decode(attempt.photo)))
        self.assertEqual((stored.format, stored.size), ("JPEG", (640, 480)))
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", attempt._name),
                ("res_id", "=", attempt.id),
                ("res_field", "=", "photo"),
            ]
        )
        self.assertEqual(attachment.mimetype, "image/jpeg")

    def test_a_large_selfie_is_stored_at_1024_pixels(self):
        sent = make_photo(7, size=(1280, 960), taken_at=datetime(2026, 11, 2, 7, 29))
        result = self.send(photo=sent)
        attempt = self.attempt(result)
        # checked and hashed at once, shown as sent until the job re-encodes it
        self.assertEqual(base64.b64decode(attempt.photo), sent)
        self.assertTrue(attempt.photo_pending)
        photo_hash = attempt.photo_hash
        attempt._cron_reencode_photos()
        stored = Image.open(io.BytesIO(base64.b64decode(attempt.photo)))
        self.assertEqual(stored.size, (1024, 768))
        self.assertFalse(stored.getexif(), "camera metadata removed")
        self.assertFalse(attempt.photo_pending)
        self.assertEqual(attempt.photo_hash, photo_hash)

    def test_outside_is_refused_and_only_the_attempt_is_kept(self):
        result = self.send(where=north(OFFICE, 1100))
        self.assertEqual(result["status"], "refused")
        self.assertEqual(result["reason"], "outside_geofence")
        self.assertEqual(result["verdict"], "outside")
        self.assertAlmostEqual(result["distance"], 1000, delta=5)
        self.assertEqual(
            result["message"],
            "You are 1000 m outside Kantor Dinas Uji. Rule: the GPS accuracy counts "
            "for at most 30 m.",
        )
        self.assertIsNone(result["attendance_id"])
        self.assertFalse(self.attendances())
        attempt = self.attempt(result)
        self.assertEqual(attempt.status, "refused")
        self.assertEqual(attempt.reason_code, "outside_geofence")
        self.assertTrue(attempt.photo, "a policy refusal keeps its evidence")
        self.assertIn("outside Kantor Dinas Uji", attempt.explanation)

    def test_the_attempt_map_button_opens_its_fix(self):
        # the form's "Map" button, called as the web client calls it (on the record)
        attempt = self.attempt(self.send(where=north(OFFICE, 1100)))
        action = call_kw(
            self.env["simantap.attendance.attempt"].with_user(self.user_officer),
            "action_open_map",
            [attempt.ids],
            {},
        )
        self.assertEqual(action["res_model"], "simantap.attendance.attempt")
        self.assertEqual(action["domain"], [("id", "=", attempt.id)])
        self.assertEqual(action["views"][0][1], "leaflet_map")

    def test_edge_of_the_fence_with_the_accuracy_circle(self):
        """120 m from the centre of a 100 m fence is 20 m outside it: an accuracy
        of 25 m reaches the fence, 15 m does not."""
        refused = self.send(where=north(OFFICE, 120), accuracy=15)
        self.assertEqual(refused["reason"], "outside_geofence")
        self.assertAlmostEqual(refused["distance"], 20, delta=1)
        accepted = self.send(where=north(OFFICE, 120), accuracy=25)
        self.assertEqual(accepted["status"], "accepted")
        self.assertEqual(accepted["verdict"], "inside")
        self.assertAlmostEqual(accepted["distance"], 20, delta=1)

    def test_polygon_fence(self):
        self.emp_employee.simantap_location_ids = self.compound
        outside = self.send(where=east(COMPOUND, 500))
        self.assertEqual(outside["reason"], "outside_geofence")
        self.assertEqual(outside["location_id"], self.compound.id)
        self.assertAlmostEqual(outside["distance"], 389, delta=5)
        inside = self.send(where=COMPOUND)
        self.assertEqual(inside["status"], "accepted")
        self.assertEqual(inside["location_name"], "Kompleks Perkantoran")
        self.assertEqual(inside["distance"], 0)

    def test_teacher_checks_in_at_either_school(self):
        at_b = self.send(employee=self.emp_teacher, where=north(SCHOOL_B, 30))
        self.assertEqual(at_b["status"], "accepted")
        self.assertEqual(at_b["location_id"], self.school_b.id)
        with freeze_time(NOW + timedelta(days=1)):
            at_a = self.send(
                employee=self.emp_teacher,
                where=SCHOOL_A,
                captured_at=NOW + timedelta(days=1),
                photo=self.photos[1],
            )
        self.assertEqual(at_a["status"], "accepted")
        self.assertEqual(at_a["location_id"], self.school_a.id)
        # the office is not one of the teacher's places
        with freeze_time(NOW + timedelta(days=2)):
            at_office = self.send(
                employee=self.emp_teacher,
                where=OFFICE,
                captured_at=NOW + timedelta(days=2),
            )
        self.assertEqual(at_office["reason"], "outside_geofence")
        self.assertEqual(at_office["location_id"], self.school_a.id)

    def test_unit_default_locations_apply(self):
        self.emp_employee.simantap_location_ids = False
        self.opd.simantap_location_ids = self.compound
        result = self.send(where=COMPOUND)
        self.assertEqual(result["location_id"], self.compound.id)

    def test_no_allowed_location_is_refused_with_its_own_reason(self):
        self.emp_employee.simantap_location_ids = False
        self.emp_employee.work_location_id = False
        result = self.send()
        self.assertEqual(result["reason"], "no_allowed_location")

    def test_outside_is_accepted_when_approved_duty_covers_the_moment(self):
        duty = self.env["res.partner"].create({"name": "Surat tugas 12/2026"})
        judge = {
            "verdict": "on_duty",
            "location_id": False,
            "distance": 5000.0,
            "duty": duty,
        }
        with patch.object(
            type(self.env["hr.employee"]), "_simantap_judge_fix", return_value=judge
        ) as judge_fix:
            result = self.send(where=north(OFFICE, 5100))
        self.assertEqual(judge_fix.call_args.args[3], NOW)
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["verdict"], "on_duty")
        self.assertEqual(result["message"], "Checked in at 07:30, on field duty.")
        self.assertTrue(result["attendance_id"])

    def test_outside_a_duty_destination_is_refused(self):
        duty = self.env["res.partner"].create({"name": "Dinas ke Dinas Lain"})
        judge = {
            "verdict": "outside",
            "location_id": False,
            "distance": 800.0,
            "duty": duty,
        }
        with patch.object(
            type(self.env["hr.employee"]), "_simantap_judge_fix", return_value=judge
        ):
            result = self.send(where=north(OFFICE, 5100))
        self.assertEqual(result["reason"], "outside_geofence")
        self.assertIn("Dinas ke Dinas Lain", result["message"])


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinFlow(CheckinCase):
    """Check-in then check-out the way Odoo's flow does, the working day in the
    employee's timezone, mock and accuracy refusals, idempotent replays."""

    def test_check_out_closes_the_attendance(self):
        check_in = self.send()
        with freeze_time(self.later(hours=8, minutes=35)):
            check_out = self.send(
                "check_out",
                where=north(OFFICE, 20),
                captured_at=self.later(hours=8, minutes=35),
                photo=self.photos[1],
            )
        self.assertEqual(check_out["status"], "accepted")
        self.assertEqual(check_out["attendance_id"], check_in["attendance_id"])
        self.assertEqual(check_out["message"], "Checked out at 16:05.")
        attendance = self.env["hr.attendance"].browse(check_out["attendance_id"])
        self.assertEqual(attendance.check_out, self.later(hours=8, minutes=35))
        self.assertEqual(attendance.out_mode, "simantap")
        self.assertAlmostEqual(attendance.out_latitude, north(OFFICE, 20)[0], places=6)
        self.assertGreater(attendance.worked_hours, 7)  # less the lunch break
        self.assertEqual(
            attendance.simantap_check_out_attempt_id, self.attempt(check_out)
        )
        self.assertEqual(self.emp_employee.attendance_state, "checked_out")

    def test_double_check_in_is_refused(self):
        self.send()
        with freeze_time(self.later(minutes=5)):
            again = self.send(captured_at=self.later(minutes=5), photo=self.photos[1])
        self.assertEqual(again["reason"], "already_checked_in")
        self.assertEqual(again["message"], "You already checked in today at 07:30.")
        self.assertEqual(len(self.attendances()), 1)
        self.assertEqual(self.attempt(again).status, "refused")

    def test_check_out_without_check_in_is_refused(self):
        result = self.send("check_out")
        self.assertEqual(result["reason"], "not_checked_in")
        self.assertFalse(self.attendances())

    def test_check_in_after_a_forgotten_check_out_closes_yesterday(self):
        first = self.send()
        tomorrow = self.later(days=1)
        with freeze_time(tomorrow):
            # checking out today does not close yesterday's attendance
            out = self.send("check_out", captured_at=tomorrow, photo=self.photos[1])
            self.assertEqual(out["reason"], "not_checked_in")
            second = self.send(captured_at=tomorrow, photo=self.photos[2])
        self.assertEqual(second["status"], "accepted")
        yesterday = self.env["hr.attendance"].browse(first["attendance_id"])
        self.assertEqual(yesterday.check_out, yesterday.check_in)
        self.assertEqual(yesterday.out_mode, "technical")
        self.assertTrue(yesterday.simantap_missing_check_out)
        self.assertEqual(len(self.attendances()), 2)

    def test_server_time_in_the_employee_timezone_decides_the_day(self):
        late_evening = datetime(2026, 11, 2, 17, 30)  # 00:30 on 3 November in WIB
        with freeze_time(late_evening):
            result = self.send(captured_at=late_evening)
        self.assertEqual(result["working_day"], "2026-11-03")
        # the phone's clock says otherwise: server time still decides
        with freeze_time(late_evening + timedelta(minutes=30)):
            self.emp_colleague.tz = "Asia/Jayapura"  # WIT, UTC+9
            result = self.send(
                employee=self.emp_colleague,
                captured_at=late_evening + timedelta(minutes=29),
                sent_at=late_evening + timedelta(minutes=30),
                photo=self.photos[1],
                device_id="HP-REKAN",
            )
        self.assertEqual(result["event_time"], "2026-11-02 17:59:00")
        self.assertEqual(result["working_day"], "2026-11-03")
        self.assertEqual(result["message"], "Checked in at 02:59 at Kantor Dinas Uji.")

    def test_mock_location_is_refused(self):
        result = self.send(mock_location=True)
        self.assertEqual(result["reason"], "mock_location")
        self.assertFalse(self.attendances())
        attempt = self.attempt(result)
        self.assertTrue(attempt.mock_location)
        self.assertTrue(attempt.photo)
        # "true" as text counts too
        self.assertEqual(self.send(mock_location="true")["reason"], "mock_location")

    def test_poor_accuracy_is_refused_by_the_company_maximum(self):
        result = self.send(accuracy=150)
        self.assertEqual(result["reason"], "accuracy_too_poor")
        self.assertEqual(
            result["message"],
            "The GPS accuracy is 150 m; at most 100 m is needed. Move to open sky and "
            "try again.",
        )
        self.assertFalse(self.attendances())
        self.company.simantap_max_accuracy = 200
        self.assertEqual(self.send(accuracy=150)["status"], "accepted")

    def test_same_uuid_twice_returns_the_first_result_and_stores_nothing(self):
        payload_uuid = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"
        first = self.send(uuid=payload_uuid)
        attempts = self.env["simantap.attendance.attempt"].search_count([])
        with freeze_time(self.later(minutes=3)):
            again = self.send(
                uuid=payload_uuid.upper(),
                captured_at=self.later(minutes=3),
                where=north(OFFICE, 5000),
            )
        self.assertTrue(again.pop("replayed"))
        self.assertFalse(first.pop("replayed"))
        self.assertEqual(again, first)
        self.assertEqual(
            self.env["simantap.attendance.attempt"].search_count([]), attempts
        )
        self.assertEqual(len(self.attendances()), 1)

    def test_a_refused_event_replays_its_refusal(self):
        first = self.send(
            uuid="0b7c1c4e-1111-4a4a-9b9b-222233334444", mock_location=True
        )
        again = self.send(uuid="0b7c1c4e-1111-4a4a-9b9b-222233334444")
        self.assertEqual(again["reason"], "mock_location")
        self.assertEqual(again["attempt_id"], first["attempt_id"])
        self.assertTrue(again["replayed"])

    def test_uuid_of_another_employee_is_refused_and_not_stored(self):
        event = "5d2a9c1e-3b4f-4a6d-9e8f-7a6b5c4d3e2f"
        self.send(uuid=event)
        count = self.env["simantap.attendance.attempt"].search_count([])
        result = self.send(employee=self.emp_colleague, uuid=event)
        self.assertEqual(result["reason"], "uuid_conflict")
        self.assertIsNone(result["attempt_id"])
        self.assertEqual(
            self.env["simantap.attendance.attempt"].search_count([]), count
        )
        self.assertFalse(self.attendances(self.emp_colleague))

    def test_a_concurrent_duplicate_makes_the_request_retry(self):
        """Two requests with one UUID at once: the second insert hits the unique
        index and raises a serialization failure, so Odoo retries the request and
        the replay answers it."""
        event = "7e3b2a1c-5d4f-4e6a-8b9c-0d1e2f3a4b5c"
        self.send(uuid=event)
        Attempt = type(self.env["simantap.attendance.attempt"])
        original = Attempt.search

        def blind_search(records, domain, *args, **kwargs):
            if domain == [("uuid", "=", event)]:
                return records.browse()
            return original(records, domain, *args, **kwargs)

        with (
            patch.object(Attempt, "search", blind_search),
            mute_logger("odoo.sql_db"),
            self.assertRaises(errors.SerializationFailure),
        ):
            self.send(uuid=event, photo=self.photos[1])

    def test_late_sync_is_dated_at_its_capture(self):
        captured = self.later(minutes=-40)
        result = self.send(captured_at=captured)
        self.assertEqual(result["event_time"], "2026-11-01 23:50:00")
        self.assertEqual(result["message"], "Checked in at 06:50 at Kantor Dinas Uji.")
        attendance = self.env["hr.attendance"].browse(result["attendance_id"])
        self.assertEqual(attendance.check_in, captured)

    def test_a_late_event_before_a_closed_attendance_is_refused(self):
        self.env["hr.attendance"].create(
            {
                "employee_id": self.emp_employee.id,
                "check_in": self.later(minutes=-60),
                "check_out": self.later(minutes=-5),
            }
        )
        result = self.send(captured_at=self.later(minutes=-30))
        self.assertEqual(result["reason"], "attendance_closed")
        self.assertIn("07:25", result["message"])
        self.assertEqual(len(self.attendances()), 1)
        self.assertEqual(self.attempt(result).status, "refused")

    def test_base64_photo_is_accepted(self):
        photo = base64.b64encode(make_photo(42)).decode()
        self.assertEqual(self.send(photo=photo)["status"], "accepted")

    def test_iso_capture_times_with_an_offset(self):
        result = self.send(captured_at="2026-11-02T07:29:50+07:00")
        attempt = self.attempt(result)
        self.assertEqual(attempt.captured_at, datetime(2026, 11, 2, 0, 29, 50))
        self.assertEqual(result["status"], "accepted")

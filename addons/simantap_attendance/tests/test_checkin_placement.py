from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import BaseCase, tagged

from ..lib import placement
from .checkin_common import NOW, CheckinCase


@tagged("post_install", "-at_install")
class TestPlacementLib(BaseCase):
    """Where a check-in may go: both sides of every boundary."""

    DAY = date(2026, 11, 2)
    AT = datetime(2026, 11, 2, 1, 0)

    def test_check_in_against_an_open_attendance(self):
        refuse = placement.check_in_refusal
        self.assertEqual(
            refuse(self.AT, self.DAY, self.DAY, None), "already_checked_in"
        )
        self.assertIsNone(refuse(self.AT, self.DAY, date(2026, 11, 1), None))

    def test_check_in_against_a_closed_attendance(self):
        refuse = placement.check_in_refusal
        later = datetime(2026, 11, 2, 1, 0, 1)
        self.assertEqual(refuse(self.AT, self.DAY, None, later), "attendance_closed")
        # checked out at the very second of the new check-in: no overlap
        self.assertIsNone(refuse(self.AT, self.DAY, None, self.AT))
        self.assertIsNone(refuse(self.AT, self.DAY, None, None))

    def test_check_out(self):
        refuse = placement.check_out_refusal
        self.assertIsNone(refuse(self.AT, self.DAY, self.AT, self.DAY))
        earlier = datetime(2026, 11, 2, 0, 30)
        self.assertEqual(
            refuse(self.AT, self.DAY, earlier, self.DAY, datetime(2026, 11, 2, 0, 59)),
            "attendance_conflict",
        )
        self.assertIsNone(refuse(self.AT, self.DAY, earlier, self.DAY, self.AT))
        self.assertEqual(refuse(self.AT, self.DAY, None, None), "not_checked_in")
        self.assertEqual(
            refuse(self.AT, self.DAY, datetime(2026, 11, 2, 1, 0, 1), self.DAY),
            "not_checked_in",
        )
        self.assertEqual(
            refuse(self.AT, self.DAY, self.AT, date(2026, 11, 1)), "not_checked_in"
        )


@tagged("post_install", "-at_install")
class TestCheckinPlacement(CheckinCase):
    """An offline check-in that arrives after the day's attendance was closed."""

    def setUp(self):
        super().setUp()
        with freeze_time(NOW):  # 07:30 WIB
            self.first = self.send(sent_at=NOW)
        leave = self.later(hours=8, minutes=30)  # 16:00 WIB
        with freeze_time(leave):
            self.out = self.send(
                "check_out", captured_at=leave, sent_at=leave, photo=self.photos[1]
            )
        self.assertEqual(self.out["status"], "accepted")

    def offline_check_in(self, captured, photo=2):
        """Sent at 17:00 WIB, captured at ``captured`` (phone clock right)."""
        arrival = self.later(hours=9, minutes=30)
        with freeze_time(arrival):
            return self.send(
                captured_at=captured, sent_at=arrival, photo=self.photos[photo]
            )

    def test_a_check_in_captured_before_the_closed_day_is_refused(self):
        result = self.offline_check_in(self.later(minutes=-30))  # 07:00 WIB
        self.assertEqual(result["status"], "refused")
        self.assertEqual(result["reason"], "attendance_closed")
        # local times, not UTC
        self.assertIn("2026-11-02 07:00", result["message"])
        self.assertIn("2026-11-02 16:00", result["message"])
        self.assertEqual(len(self.attendances()), 1)
        self.assertEqual(self.emp_employee.attendance_state, "checked_out")
        # the employee is not stuck: nothing is open, a check-out says so
        again = self.later(hours=9, minutes=35)
        with freeze_time(again):
            out = self.send(
                "check_out", captured_at=again, sent_at=again, photo=self.photos[3]
            )
        self.assertEqual(out["reason"], "not_checked_in")

    def test_a_check_in_captured_inside_the_closed_attendance_is_refused(self):
        result = self.offline_check_in(self.later(hours=3))  # 10:30 WIB
        self.assertEqual(result["reason"], "attendance_closed")
        self.assertEqual(len(self.attendances()), 1)

    def test_a_check_in_after_the_check_out_is_accepted(self):
        result = self.offline_check_in(self.later(hours=9))  # 16:30 WIB
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(len(self.attendances()), 2)

    def test_odoo_refusals_name_local_times(self):
        """An attendance entered in the backend while the phone's is open: the
        check-out's conflict names the backend's check-in in WIB."""
        self.env["hr.attendance"].search([]).filtered(
            lambda a: a.employee_id == self.emp_employee
        ).unlink()
        with freeze_time(NOW):
            self.send(sent_at=NOW, photo=self.photos[4])
        self.env["hr.attendance"].with_context(tz="UTC").create(
            {
                "employee_id": self.emp_employee.id,
                "check_in": self.later(hours=1),  # 08:30 WIB, 01:30 UTC
                "check_out": self.later(hours=2),
            }
        )
        leave = self.later(hours=8, minutes=30)
        with freeze_time(leave):
            result = self.send(
                "check_out", captured_at=leave, sent_at=leave, photo=self.photos[5]
            )
        self.assertEqual(result["reason"], "attendance_conflict")
        self.assertEqual(
            result["message"],
            "This event conflicts with another attendance: an attendance from "
            "2026-11-02 08:30 to 2026-11-02 09:30 is recorded after your check-in of "
            "2026-11-02 07:30.",
        )
        self.assertEqual(
            self.attendances().filtered(lambda a: not a.check_out).check_in, NOW
        )


@tagged("post_install", "-at_install")
class TestForgottenCheckOut(CheckinCase):
    """A day left open and closed by the next day's check-in is a forgotten
    check-out (LAP), not an early departure."""

    def test_the_closed_day_is_a_forgotten_check_out(self):
        with freeze_time(NOW):  # Monday 07:30 WIB
            self.send(sent_at=NOW)
        tuesday = self.later(days=1)
        with freeze_time(tuesday):
            result = self.send(
                captured_at=tuesday, sent_at=tuesday, photo=self.photos[1]
            )
        self.assertEqual(result["status"], "accepted")
        monday = self.env["simantap.daily.status"].search(
            [
                ("employee_id", "=", self.emp_employee.id),
                ("date", "=", date(2026, 11, 2)),
            ]
        )
        self.assertEqual(monday.codes, "H LAP")
        self.assertTrue(monday.missing_check_out)
        self.assertFalse(monday.early_code)
        self.assertEqual(monday.minutes_early, 0)
        self.assertFalse(monday.check_out)

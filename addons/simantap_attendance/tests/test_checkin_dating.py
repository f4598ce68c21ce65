from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .checkin_common import NOW, CheckinCase


@tagged("post_install", "-at_install")
class TestCheckinDating(CheckinCase):
    """Issue #13: a check-in is dated at its capture time on the server's clock,
    whether the network gap was short or long; only the long one is flagged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # work starts at 07:30 WIB on Mondays
        cls.calendar.attendance_ids.filtered(
            lambda line: line.dayofweek == "0" and line.hour_from == 8
        ).hour_from = 7.5

    def check_in(self, taken, sent):
        """Taken ``taken`` and sent ``sent`` after 07:30 WIB (phone clock right)."""
        with freeze_time(NOW + sent):
            result = self.send(captured_at=NOW + taken, sent_at=NOW + sent)
            codes = self.env["simantap.daily.status"]._simantap_so_far(
                self.emp_employee
            )
        return result, codes

    def test_a_short_network_gap_costs_no_allowance(self):
        result, codes = self.check_in(-timedelta(seconds=30), timedelta(minutes=3))
        self.assertEqual(result["event_time"], "2026-11-02 00:29:30")
        self.assertEqual(result["message"], "Checked in at 07:29 at Kantor Dinas Uji.")
        self.assertEqual(result["signals"], [])
        self.assertEqual(codes, "H")

    def test_a_late_arrival_is_late_whatever_the_gap(self):
        result, codes = self.check_in(timedelta(minutes=2), timedelta(minutes=3))
        self.assertEqual(result["event_time"], "2026-11-02 00:32:00")
        self.assertEqual(codes, "H TL1")

    def test_a_long_gap_keeps_the_capture_time_and_is_flagged(self):
        result, codes = self.check_in(-timedelta(minutes=3), timedelta(minutes=3))
        self.assertEqual(result["event_time"], "2026-11-02 00:27:00")
        self.assertEqual(result["signals"], ["late_sync"])
        self.assertEqual(self.attempt(result).review_state, "to_review")
        self.assertEqual(codes, "H")

    def test_the_late_sync_threshold_itself_is_not_flagged(self):
        result, _codes = self.check_in(-timedelta(minutes=2), timedelta(minutes=3))
        self.assertEqual(result["event_time"], "2026-11-02 00:28:00")
        self.assertEqual(result["signals"], [])

    def test_the_sync_delay_bounds_the_capture_time(self):
        at, _codes = self.check_in(-timedelta(hours=72), timedelta(0))
        self.assertEqual(at["status"], "accepted")
        beyond, _codes = self.check_in(
            -timedelta(hours=72, seconds=1), timedelta(seconds=1)
        )
        self.assertEqual(beyond["reason"], "captured_too_old")

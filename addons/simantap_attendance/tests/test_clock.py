from datetime import datetime, timedelta

from odoo.tests import BaseCase, tagged

from ..lib import clock

RECEIVED = datetime(2026, 11, 2, 2, 0, 30)


@tagged("post_install", "-at_install")
class TestClock(BaseCase):
    """The phone's times: read as naive UTC, corrected by the measured offset."""

    def test_times_are_naive_utc_to_the_second(self):
        self.assertEqual(
            clock.utc_naive("2026-11-02T09:00:00.750+07:00"), datetime(2026, 11, 2, 2)
        )
        self.assertEqual(
            clock.utc_naive(" 2026-11-02T02:00:00 "), datetime(2026, 11, 2, 2)
        )
        for bad in ("yesterday", 1700000000, None):
            with self.assertRaises((TypeError, ValueError)):
                clock.utc_naive(bad)

    def test_offset_measured_from_sent_at(self):
        sent, offset = clock.measured_offset("2026-11-02T02:10:25Z", RECEIVED)
        self.assertEqual(sent, datetime(2026, 11, 2, 2, 10, 25))
        self.assertEqual(offset, timedelta(minutes=-9, seconds=-55))
        self.assertEqual(
            clock.on_server_clock(datetime(2026, 11, 2, 2, 10), offset),
            datetime(2026, 11, 2, 2, 0, 5),
        )

    def test_no_or_unreadable_sent_at_is_no_offset(self):
        for value in (None, "", "not a time", 42):
            self.assertEqual(clock.measured_offset(value, RECEIVED), (None, None))
        self.assertEqual(clock.on_server_clock(RECEIVED, None), RECEIVED)

    def test_an_absurd_clock_dates_nothing(self):
        with self.assertRaises(clock.ClockError):
            clock.measured_offset("1900-01-01T00:00:00", RECEIVED)
        with self.assertRaises(clock.ClockError):
            clock.on_server_clock(datetime(9999, 12, 31), timedelta(days=2))

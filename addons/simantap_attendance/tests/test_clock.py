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


@tagged("post_install", "-at_install")
class TestDateEvent(BaseCase):
    """The one rule that dates an event: both sides of every threshold."""

    BOUNDS = {
        "future_skew": timedelta(minutes=2),
        "sync_delay": timedelta(hours=72),
        "late_after": timedelta(minutes=5),
        "tolerance": timedelta(seconds=30),
    }

    def date(self, before, sent_before=None, phone_ahead=timedelta(0)):
        """An event captured ``before`` the receipt (server clock), sent
        ``sent_before`` it (None: sent_at not given), by a phone whose clock is
        ``phone_ahead`` of ours."""
        captured = RECEIVED - before + phone_ahead
        sent = None
        if sent_before is not None:
            sent = (RECEIVED - sent_before + phone_ahead).isoformat()
        return clock.date_event(captured, sent, RECEIVED, **self.BOUNDS)

    def test_a_short_gap_keeps_the_capture_time(self):
        """Taken 07:29:30, sent 07:33 (3.5 minutes): dated 07:29:30, no flag."""
        dating = self.date(timedelta(minutes=3, seconds=30), timedelta(0))
        self.assertEqual(dating.event_time, RECEIVED - timedelta(minutes=3, seconds=30))
        self.assertFalse(dating.late)
        self.assertEqual((dating.skew_seconds, dating.unmeasured_seconds), (0, 0))

    def test_late_sync_threshold(self):
        at = self.date(timedelta(minutes=5), timedelta(0))
        self.assertFalse(at.late)
        beyond = self.date(timedelta(minutes=5, seconds=1), timedelta(0))
        self.assertTrue(beyond.late)
        self.assertEqual(beyond.event_time, RECEIVED - timedelta(minutes=5, seconds=1))

    def test_sync_delay_threshold(self):
        at = self.date(timedelta(hours=72), timedelta(0))
        self.assertEqual(at.event_time, RECEIVED - timedelta(hours=72))
        with self.assertRaises(clock.DatingRefusal) as caught:
            self.date(timedelta(hours=72, seconds=1), timedelta(0))
        self.assertEqual(caught.exception.code, "captured_too_old")
        self.assertEqual(caught.exception.params, {"hours": 72})

    def test_future_threshold_and_never_after_receipt(self):
        at = self.date(-timedelta(minutes=2), timedelta(0))
        self.assertEqual(at.event_time, RECEIVED)
        self.assertEqual(at.delay, timedelta(0))
        with self.assertRaises(clock.DatingRefusal) as caught:
            self.date(-timedelta(minutes=2, seconds=1), timedelta(0))
        self.assertEqual(caught.exception.code, "captured_in_future")
        self.assertEqual(caught.exception.params, {"minutes": 3})

    def test_a_wrong_clock_is_corrected_and_flagged_beyond_tolerance(self):
        within = self.date(timedelta(minutes=1), timedelta(0), timedelta(seconds=30))
        self.assertEqual(within.event_time, RECEIVED - timedelta(minutes=1))
        self.assertEqual(within.skew_seconds, 0)
        beyond = self.date(timedelta(minutes=1), timedelta(0), -timedelta(seconds=31))
        self.assertEqual(beyond.event_time, RECEIVED - timedelta(minutes=1))
        self.assertEqual(beyond.skew_seconds, 31)
        # twenty minutes slow and sent at once: not a late sync
        slow = self.date(timedelta(0), timedelta(0), -timedelta(minutes=20))
        self.assertEqual((slow.event_time, slow.late), (RECEIVED, False))

    def test_an_unmeasured_clock_is_believed_but_flagged_beyond_tolerance(self):
        within = self.date(timedelta(seconds=30))
        self.assertEqual(within.event_time, RECEIVED - timedelta(seconds=30))
        self.assertEqual((within.unmeasured_seconds, within.skew_seconds), (0, 0))
        beyond = self.date(timedelta(seconds=31))
        self.assertEqual(beyond.event_time, RECEIVED - timedelta(seconds=31))
        self.assertEqual(beyond.unmeasured_seconds, 31)
        # ahead of ours: the clock is provably off; dated at the receipt
        ahead = self.date(-timedelta(seconds=31))
        self.assertEqual(ahead.event_time, RECEIVED)
        self.assertEqual((ahead.skew_seconds, ahead.unmeasured_seconds), (31, 0))
        self.assertEqual(self.date(-timedelta(seconds=30)).skew_seconds, 0)

    def test_an_absurd_clock_dates_nothing(self):
        with self.assertRaises(clock.DatingRefusal) as caught:
            clock.date_event(RECEIVED, "0001-01-01T00:00:00", RECEIVED, **self.BOUNDS)
        self.assertEqual(caught.exception.code, "captured_at_invalid")

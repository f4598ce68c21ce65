import io
from datetime import datetime, timedelta

from freezegun import freeze_time
from lxml import etree
from PIL import Image

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .checkin_common import NOW, SCHOOL_A, SCHOOL_B, CheckinCase, make_photo, north


def reencoded(data, size=(480, 360), quality=60):
    out = io.BytesIO()
    Image.open(io.BytesIO(data)).resize(size).save(out, "JPEG", quality=quality)
    return out.getvalue()


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinSignals(CheckinCase):
    """Fraud signals flag an accepted event for review without refusing it; each
    one is raised when it should be and not otherwise."""

    def send_on(self, when, kind="check_in", **overrides):
        with freeze_time(when):
            overrides.setdefault("captured_at", when)
            return self.send(kind, **overrides)

    def test_photo_reused(self):
        self.send()
        tomorrow = self.later(days=1)
        result = self.send_on(tomorrow, photo=reencoded(self.photos[0]))
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], ["photo_reused"])
        self.assertIn("2026-11-02 07:30", result["signal_messages"][0]["message"])
        attempt = self.attempt(result)
        self.assertTrue(attempt.flagged)
        self.assertEqual(attempt.review_state, "to_review")
        attendance = self.env["hr.attendance"].browse(result["attendance_id"])
        self.assertTrue(attendance.simantap_flagged)
        self.assertEqual(attendance.simantap_review_state, "to_review")
        self.assertEqual(
            attendance.simantap_signal_ids.mapped("code"), ["photo_reused"]
        )

    def test_photo_not_reused(self):
        self.send()
        result = self.send_on(self.later(days=1), photo=self.photos[1])
        self.assertEqual(result["signals"], [])
        self.assertFalse(self.attempt(result).review_state)

    def test_photo_reuse_is_looked_for_in_the_window_only(self):
        self.send()
        self.company.simantap_photo_reuse_days = 60
        result = self.send_on(self.later(days=61), photo=self.photos[0])
        self.assertNotIn("photo_reused", result["signals"])

    def test_photo_stale(self):
        taken = datetime(2026, 11, 2, 7, 19)  # local time, 11 minutes before 07:30
        result = self.send(photo=make_photo(20, taken_at=taken))
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], ["photo_stale"])
        self.assertEqual(
            result["signal_messages"][0]["message"],
            "the camera took the selfie at 2026-11-02 07:19, 11 minutes before the "
            "event.",
        )
        self.assertEqual(
            self.attempt(result).photo_taken_at, datetime(2026, 11, 2, 0, 19)
        )

    def test_photo_fresh_or_without_camera_time_is_not_stale(self):
        fresh = self.send(photo=make_photo(21, taken_at=datetime(2026, 11, 2, 7, 25)))
        self.assertEqual(fresh["signals"], [])
        without = self.send_on(self.later(days=1), photo=make_photo(22))
        self.assertEqual(without["signals"], [])

    def test_impossible_travel(self):
        self.send(employee=self.emp_teacher, where=SCHOOL_A)
        result = self.send_on(
            self.later(minutes=10),
            "check_out",
            employee=self.emp_teacher,
            where=north(SCHOOL_B, 20),
            photo=self.photos[1],
        )
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], ["impossible_travel"])
        self.assertRegex(
            result["signal_messages"][0]["message"],
            r"^49\.\d km from the position of 2026-11-02 07:30, in 10 minutes "
            r"\(29\d km/h\)\.$",
        )

    def test_possible_travel(self):
        self.send(employee=self.emp_teacher, where=SCHOOL_A)
        result = self.send_on(
            self.later(hours=3),
            "check_out",
            employee=self.emp_teacher,
            where=SCHOOL_B,
            photo=self.photos[1],
        )
        self.assertEqual(result["signals"], [])

    def test_devices(self):
        first = self.send(device_id="HP-A")
        self.assertEqual(first["signals"], [], "the first phone is enrolled silently")
        other = self.send_on(
            self.later(hours=8), "check_out", device_id="HP-B", photo=self.photos[1]
        )
        self.assertEqual(other["signals"], ["unknown_device", "second_device"])
        back = self.send_on(self.later(days=1), device_id="HP-A", photo=self.photos[2])
        self.assertEqual(back["signals"], ["second_device"])
        self.assertIn("HP-B", back["signal_messages"][0]["message"])

    def test_same_device_raises_nothing(self):
        self.send(device_id="HP-A")
        result = self.send_on(
            self.later(hours=8), "check_out", device_id="HP-A", photo=self.photos[1]
        )
        self.assertEqual(result["signals"], [])

    def test_second_device_only_within_the_window(self):
        self.send(device_id="HP-B")
        self.send_on(self.later(days=1), device_id="HP-A", photo=self.photos[1])
        self.company.simantap_device_window_days = 30
        result = self.send_on(
            self.later(days=40), device_id="HP-A", photo=self.photos[2]
        )
        self.assertEqual(result["signals"], [])

    def test_shared_device(self):
        self.send(device_id="HP-A")
        result = self.send(
            employee=self.emp_colleague, device_id="HP-A", photo=self.photos[1]
        )
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], ["shared_device"])
        self.assertIn("Pegawai Bidang", result["signal_messages"][0]["message"])
        alone = self.send(
            employee=self.emp_head, device_id="HP-KEPALA", photo=self.photos[2]
        )
        self.assertEqual(alone["signals"], [])

    def test_late_sync(self):
        late = self.send(captured_at=self.later(minutes=-10), sent_at=NOW)
        self.assertEqual(late["signals"], ["late_sync"])
        self.assertEqual(late["event_time"], "2026-11-02 00:20:00")
        self.assertIn("10 minutes", late["signal_messages"][0]["message"])

    def test_a_short_gap_keeps_the_capture_time(self):
        prompt = self.send(captured_at=self.later(minutes=-3), sent_at=NOW)
        self.assertEqual(prompt["signals"], [])
        self.assertEqual(prompt["event_time"], "2026-11-02 00:27:00")

    def test_an_unmeasured_clock_is_flagged(self):
        result = self.send(captured_at=self.later(minutes=-3))
        self.assertEqual(result["signals"], ["clock_unmeasured"])
        self.assertEqual(result["event_time"], "2026-11-02 00:27:00")
        self.assertIn("180 seconds", result["signal_messages"][0]["message"])
        self.assertEqual(self.attempt(result).review_state, "to_review")

    def test_clock_ahead(self):
        ahead = self.send(captured_at=NOW + timedelta(seconds=60))
        self.assertEqual(ahead["status"], "accepted")
        self.assertEqual(ahead["signals"], ["clock_skew"])
        self.assertEqual(ahead["event_time"], "2026-11-02 00:30:00")

    def test_clock_within_tolerance(self):
        result = self.send(
            captured_at=NOW + timedelta(seconds=10), sent_at=NOW + timedelta(seconds=12)
        )
        self.assertEqual(result["signals"], [])

    def test_clock_set_back_is_measured_and_corrected(self):
        """A phone whose clock was set 20 minutes back sends a check-in that looks
        captured 20 minutes ago; its send time gives the offset away."""
        result = self.send(
            captured_at=NOW - timedelta(minutes=20),
            sent_at=NOW - timedelta(minutes=20) + timedelta(seconds=2),
        )
        self.assertEqual(result["signals"], ["clock_skew"])
        self.assertEqual(result["event_time"], "2026-11-02 00:29:58")
        attempt = self.attempt(result)
        self.assertEqual(attempt.clock_offset, 1198)
        self.assertIn("1198 seconds", result["signal_messages"][0]["message"])

    def test_offline_capture_with_a_good_clock_is_a_late_sync_only(self):
        result = self.send(
            captured_at=NOW - timedelta(hours=2), sent_at=NOW - timedelta(seconds=1)
        )
        self.assertEqual(result["signals"], ["late_sync"])
        self.assertEqual(result["event_time"], "2026-11-01 22:30:01")

    def test_signals_are_kept_on_refused_attempts_too(self):
        self.send(device_id="HP-A")
        refused = self.send(
            employee=self.emp_colleague, device_id="HP-A", mock_location=True
        )
        self.assertEqual(refused["reason"], "mock_location")
        self.assertIn("shared_device", refused["signals"])
        self.assertFalse(self.attempt(refused).review_state)

    def test_flagged_attempt_is_listed_under_to_review(self):
        """The officer's menu "Perlu Ditinjau" (To Review) lists the accepted
        attempt that raised a signal, from its creation by the one door, and not
        the clean one."""
        clean = self.attempt(self.send_on(self.later(days=1)))
        flagged = self.attempt(
            self.send_on(self.later(days=2), photo=reencoded(self.photos[0]))
        )
        self.assertEqual(flagged.status, "accepted")
        self.assertTrue(flagged.signal_ids)
        menu = self.env.ref(
            "simantap_attendance.simantap_attendance_attempt_menu_review"
        )
        action = menu.action.sudo()
        context = safe_eval(action.context)
        arch = etree.fromstring(
            self.env[action.res_model].get_view(action.search_view_id.id, "search")[
                "arch"
            ]
        )
        domain = []
        for name in (key[len("search_default_") :] for key in context):
            (node,) = arch.xpath(f"//filter[@name='{name}']")
            domain += safe_eval(node.get("domain"))
        listed = (
            self.env[action.res_model]
            .with_user(self.user_officer)
            .search(domain + safe_eval(action.domain or "[]"))
        )
        self.assertIn(flagged, listed)
        self.assertNotIn(clean, listed)

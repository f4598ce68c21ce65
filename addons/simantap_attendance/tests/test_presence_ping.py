from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .presence_common import AWAY, DAY, NEAR, PresenceCase, utc

PING_UUID = "0b7c6f5e-2d1a-4c3b-9e8f-7a6b5c4d3e2f"


class StubDuty:
    """An approved field duty without a destination fence, standing in for the
    field-duty model in these tests."""

    def __bool__(self):
        return True

    def _simantap_fence(self):
        return None


@tagged("post_install", "-at_install")
class TestPresencePing(PresenceCase):
    """One ping: validated, judged where a check-in is judged, stored once."""

    def setUp(self):
        super().setUp()
        self.attendance = self.check_in(self.emp_employee, utc(0, 55))
        self.Ping = self.env["simantap.presence.ping"]

    def test_ping_inside_is_stored_and_judged(self):
        result = self.ping(self.emp_employee, utc(2))
        self.assertEqual(result["status"], "accepted", result)
        self.assertEqual(result["verdict"], "inside")
        self.assertEqual(result["location_id"], self.office.id)
        self.assertEqual(result["working_day"], "2026-11-02")
        self.assertEqual(result["signals"], [])
        ping = self.Ping.browse(result["ping_id"])
        self.assertEqual(ping.employee_id, self.emp_employee)
        self.assertEqual(ping.department_id, self.sub_unit)
        self.assertEqual(ping.company_id, self.company)
        self.assertEqual(ping.attendance_id, self.attendance)
        self.assertEqual(ping.captured_at, utc(2))
        self.assertEqual(ping.received_at, utc(2) + timedelta(seconds=5))
        self.assertEqual(str(ping.work_date), "2026-11-02")

    def test_ping_outside_has_its_distance(self):
        result = self.ping(self.emp_employee, utc(2), where=AWAY)
        self.assertEqual(result["verdict"], "outside")
        self.assertGreater(result["distance"], 800)

    def test_same_uuid_twice_returns_the_first_result(self):
        first = self.ping(self.emp_employee, utc(2), uuid=PING_UUID)
        again = self.ping(self.emp_employee, utc(2), where=AWAY, uuid=PING_UUID.upper())
        self.assertTrue(again["replayed"])
        self.assertEqual(again["ping_id"], first["ping_id"])
        self.assertEqual(again["verdict"], "inside")
        self.assertEqual(self.Ping.search_count([("uuid", "=", PING_UUID)]), 1)

    def test_uuid_of_another_employee_is_refused(self):
        self.check_in(self.emp_colleague, utc(0, 50))
        self.ping(self.emp_employee, utc(2), uuid=PING_UUID)
        result = self.ping(self.emp_colleague, utc(2), uuid=PING_UUID)
        self.assertEqual(result["reason"], "uuid_conflict")

    def test_ping_outside_working_hours_is_refused_and_not_stored(self):
        for when in (utc(0, 30), utc(5, 30), utc(10, 30)):  # before, lunch, after
            result = self.ping(self.emp_employee, when)
            self.assertEqual(result["status"], "refused")
            self.assertEqual(result["reason"], "outside_working_hours")
        saturday = DAY + timedelta(days=5)
        self.attendance.check_out = utc(10)
        self.check_in(self.emp_employee, saturday.replace(hour=1))
        result = self.ping(self.emp_employee, saturday.replace(hour=2))
        self.assertEqual(result["reason"], "outside_working_hours")
        self.assertFalse(self.Ping.search([("employee_id", "=", self.emp_employee.id)]))

    def test_public_holiday_is_not_working_time(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Hari libur uji",
                "calendar_id": self.calendar.id,
                "company_id": self.company.id,
                "date_from": utc(0) - timedelta(hours=7),
                "date_to": utc(23),
            }
        )
        result = self.ping(self.emp_employee, utc(2))
        self.assertEqual(result["reason"], "outside_working_hours")

    def test_ping_while_not_checked_in_is_refused(self):
        result = self.ping(self.emp_colleague, utc(2))
        self.assertEqual(result["reason"], "not_checked_in")
        self.attendance.check_out = utc(3)
        result = self.ping(self.emp_employee, utc(4))
        self.assertEqual(result["reason"], "not_checked_in")

    def test_duty_covers_an_outside_fix_and_time_outside_attendance(self):
        Employee = type(self.env["hr.employee"])
        with patch.object(
            Employee,
            "_simantap_covering_duty",
            lambda self, when, duties=None: StubDuty(),
        ):
            result = self.ping(self.emp_employee, utc(2), where=AWAY)
            self.assertEqual(result["verdict"], "on_duty")
            # on duty, pings are taken even without a check-in
            result = self.ping(self.emp_colleague, utc(2), where=AWAY)
            self.assertEqual(result["status"], "accepted")
            self.assertEqual(result["verdict"], "on_duty")
        episodes = self.derive(self.emp_employee, utc(2, 10))
        self.assertFalse(episodes.filtered(lambda ep: ep.kind == "outside"))

    def test_bad_pings_are_refused_with_their_code(self):
        cases = [
            ({"uuid": ""}, "uuid_missing"),
            ({"uuid": "ping-1"}, "uuid_invalid"),
            ({"captured_at": None}, "captured_at_missing"),
            ({"captured_at": "yesterday"}, "captured_at_invalid"),
            ({"mock_location": True}, "mock_location"),
            ({"latitude": None}, "coordinates_missing"),
            ({"latitude": "north"}, "coordinates_invalid"),
            ({"latitude": float("nan")}, "coordinates_invalid"),
            ({"latitude": 91}, "latitude_out_of_range"),
            ({"longitude": -181}, "longitude_out_of_range"),
            ({"accuracy": -1}, "accuracy_invalid"),
            ({"accuracy": 250}, "accuracy_too_poor"),
        ]
        for change, code in cases:
            with self.subTest(code=code), freeze_time(utc(2, 1)):
                payload = self.payload(utc(2), NEAR)
                payload.update(change)
                result = self.Presence._record_ping(self.emp_employee, payload)
                self.assertEqual(result["status"], "refused")
                self.assertEqual(result["reason"], code)
                self.assertTrue(result["message"])
        self.assertFalse(self.Ping.search([("employee_id", "=", self.emp_employee.id)]))

    def test_capture_time_in_the_future_or_too_old(self):
        result = self.ping(self.emp_employee, utc(2, 10), received=utc(2))
        self.assertEqual(result["reason"], "captured_in_future")
        result = self.ping(
            self.emp_employee, utc(2), received=utc(2) + timedelta(hours=73)
        )
        self.assertEqual(result["reason"], "captured_too_old")

    def test_a_fast_phone_clock_is_corrected_by_its_offset(self):
        # the phone's clock runs 10 minutes fast: its capture time alone would be
        # in the future; sent_at tells the offset, the ping is dated on ours
        fast = timedelta(minutes=10)
        result = self.ping(
            self.emp_employee,
            utc(2) + fast,
            received=utc(2, 0) + timedelta(seconds=30),
            sent_at=utc(2) + fast + timedelta(seconds=25),
        )
        self.assertEqual(result["status"], "accepted", result)
        self.assertEqual(result["signals"], [])
        ping = self.Ping.browse(result["ping_id"])
        self.assertEqual(ping.captured_at, utc(2) + timedelta(seconds=5))
        self.assertEqual(ping.clock_offset, -(10 * 60 - 5))
        # without sent_at, the same ping is refused as captured in the future
        refused = self.ping(
            self.emp_employee, utc(2) + fast, received=utc(2) + timedelta(seconds=30)
        )
        self.assertEqual(refused["reason"], "captured_in_future")

    def test_a_slow_phone_sending_late_keeps_its_capture_time(self):
        # the phone's clock is 3 minutes slow and it sent the ping 40 minutes after
        # taking it: the capture time is read on our clock, the ping is late
        slow = timedelta(minutes=3)
        result = self.ping(
            self.emp_employee,
            utc(2) - slow,
            received=utc(2, 40),
            sent_at=utc(2, 40) - slow,
        )
        self.assertEqual(result["status"], "accepted", result)
        self.assertEqual(result["signals"], ["late_sync"])
        ping = self.Ping.browse(result["ping_id"])
        self.assertEqual(ping.captured_at, utc(2))
        self.assertEqual(ping.clock_offset, 180)

    def test_an_absurd_or_broken_sent_at(self):
        absurd = self.ping(self.emp_employee, utc(2), sent_at="1900-01-01T00:00:00")
        self.assertEqual(absurd["reason"], "captured_at_invalid")
        broken = self.ping(self.emp_employee, utc(2), sent_at="not a time")
        self.assertEqual(broken["status"], "accepted", broken)
        self.assertFalse(self.Ping.browse(broken["ping_id"]).clock_offset)

    def test_late_ping_is_accepted_with_the_late_sync_signal(self):
        result = self.ping(
            self.emp_employee, utc(2), received=utc(2) + timedelta(hours=30)
        )
        self.assertEqual(result["status"], "accepted")
        self.assertEqual(result["signals"], ["late_sync"])
        self.assertTrue(self.Ping.browse(result["ping_id"]).late_sync)

    def test_capture_time_with_offset_is_read_as_utc(self):
        with freeze_time(utc(2, 1)):
            result = self.Presence._record_ping(
                self.emp_employee,
                self.payload("2026-11-02T09:00:00+07:00"),
            )
        self.assertEqual(result["event_time"], "2026-11-02 02:00:00")

    def test_batch_ingest_answers_each_ping(self):
        payloads = [
            self.payload(utc(2)),
            self.payload(utc(2, 30), mock_location=True),
            self.payload(utc(3), AWAY),
        ]
        payloads.append(dict(payloads[0]))
        with freeze_time(utc(3, 1)):
            results = self.Presence._ingest_pings(
                [(self.emp_employee, payload) for payload in payloads]
            )
        self.assertEqual(
            [(r["status"], r["reason"], r["replayed"]) for r in results],
            [
                ("accepted", None, False),
                ("refused", "mock_location", False),
                ("accepted", None, False),
                ("accepted", None, True),
            ],
        )
        self.assertEqual(
            self.Ping.search_count([("employee_id", "=", self.emp_employee.id)]), 2
        )
        day = self.env["simantap.presence.day"].search(
            [("employee_id", "=", self.emp_employee.id)]
        )
        self.assertTrue(day.to_derive)

    def test_every_refusal_code_has_a_message(self):
        codes = [
            "employee_unknown",
            "uuid_conflict",
            "kind_invalid",
            "captured_too_old",
            "outside_working_hours",
            "not_checked_in",
            "spot_check_unknown",
            "spot_check_closed",
            "photo_too_large",
            "photo_format",
        ]
        for code in codes:
            message = self.env["simantap.intake"]._refusal_message(code, {})
            self.assertNotIn(code, message)

    def test_department_cadence_overrides_the_company(self):
        self.assertEqual(
            self.env["simantap.calendar"]._ping_interval(self.emp_employee), 60
        )
        self.opd.simantap_ping_interval = 30
        self.assertEqual(self.sub_unit.simantap_effective_ping_interval, 30)
        self.assertEqual(
            self.env["simantap.calendar"]._ping_interval(self.emp_employee), 30
        )
        self.sub_unit.simantap_ping_interval = 45
        self.assertEqual(
            self.env["simantap.calendar"]._ping_interval(self.emp_employee), 45
        )
        self.assertEqual(
            self.env["simantap.calendar"]._silence_threshold(self.emp_employee), 60
        )
        self.opd.simantap_ping_interval = 0
        self.company.simantap_ping_interval = 90
        self.assertEqual(self.other_opd.simantap_effective_ping_interval, 90)

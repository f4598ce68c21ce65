"""Dated working schedules (Ramadan hours): the schedule in force on a date is
read everywhere working time is (daily status, presence windows and pings)."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .presence_common import NEAR, PresenceCase

# Monday 2 to Friday 6 November 2026; Ramadan (for the test) from Tuesday 3 to
# Thursday 5: Monday is the day before, Friday the day after.
MONDAY, TUESDAY, THURSDAY, FRIDAY = (date(2026, 11, day) for day in (2, 3, 5, 6))
FIRST, LAST = TUESDAY, THURSDAY


def local(day, hour, minute=0):
    """Naive UTC of a Jakarta (UTC+7) local time."""
    return datetime.combine(day, datetime.min.time()) + timedelta(
        hours=hour - 7, minutes=minute
    )


def schedule(env, name, company, days):
    """A calendar of ``days``: ``{weekday: [(from, to), ...]}`` in hours."""
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": "Asia/Jakarta",
            "company_id": company.id,
            "attendance_ids": [(5, 0, 0)]
            + [
                (
                    0,
                    0,
                    {
                        "name": f"{name} {weekday}",
                        "dayofweek": str(weekday),
                        "hour_from": start,
                        "hour_to": stop,
                        "day_period": "morning" if start < 12 else "afternoon",
                    },
                )
                for weekday, spans in days.items()
                for start, stop in spans
            ],
        }
    )


@tagged("post_install", "-at_install")
class TestScheduleOverride(PresenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the regency's usual 5-day week (Keppres 68/1995) and Ramadan's
        # (SE MenPANRB: 08.00-15.00 Mon-Thu, 08.00-15.30 Fri), see reference/
        usual = {day: [(7.5, 12), (13, 16)] for day in range(4)}
        usual[4] = [(7.5, 11.5), (13, 16.5)]
        ramadan = {day: [(8, 12), (12.5, 15)] for day in range(4)}
        ramadan[4] = [(8, 11.5), (12.5, 15.5)]
        cls.usual = schedule(cls.env, "Jam kerja biasa", cls.company, usual)
        cls.ramadan = schedule(cls.env, "Jam kerja Ramadan", cls.company, ramadan)
        cls.staff.write({"resource_calendar_id": cls.usual.id})
        cls.Override = cls.env["simantap.schedule.override"]
        cls.Status = cls.env["simantap.daily.status"]

    def override(self, **values):
        return self.Override.create(
            {
                "name": "Ramadan 1448 H",
                "date_from": FIRST,
                "date_to": LAST,
                "calendar_id": self.ramadan.id,
                "company_id": self.company.id,
                **values,
            }
        )

    def arrive(self, employee, day, hour=7, minute=50):
        """Check in at 07:50 and out at 16:35, local."""
        return self.check_in(employee, local(day, hour, minute), local(day, 16, 35))

    def status(self, employee, day):
        return self.Status.search(
            [("employee_id", "=", employee.id), ("date", "=", day)]
        )

    def evaluate_week(self, employees):
        with freeze_time(local(FRIDAY, 7) + timedelta(days=3)):
            self.Status._evaluate(MONDAY, FRIDAY, employees)

    def test_same_arrival_on_time_in_ramadan_and_late_outside(self):
        self.override()
        for day in (MONDAY, TUESDAY, THURSDAY, FRIDAY):
            self.arrive(self.emp_employee, day)
        self.evaluate_week(self.emp_employee)
        late = {
            day: self.status(self.emp_employee, day).minutes_late
            for day in (MONDAY, TUESDAY, THURSDAY, FRIDAY)
        }
        # 07:50 is 20 minutes late on the usual 07:30, on time for Ramadan's 08:00;
        # both edges of the range are inside, the day before and after outside
        self.assertEqual(late, {MONDAY: 20, TUESDAY: 0, THURSDAY: 0, FRIDAY: 20}, late)
        self.assertIn("TL1", self.status(self.emp_employee, MONDAY).codes)
        self.assertEqual(self.status(self.emp_employee, TUESDAY).codes, "H")
        self.assertEqual(
            self.status(self.emp_employee, THURSDAY).calendar_id, self.ramadan
        )
        self.assertEqual(
            self.status(self.emp_employee, THURSDAY).expected_end,
            local(THURSDAY, 15),
        )
        self.assertEqual(
            self.status(self.emp_employee, FRIDAY).expected_end, local(FRIDAY, 16, 30)
        )

    def test_pings_are_expected_within_ramadan_hours_only(self):
        self.override()
        windows = self.env["simantap.calendar"]._working_windows(
            [(self.emp_employee, day) for day in (MONDAY, TUESDAY, THURSDAY, FRIDAY)]
        )
        self.assertEqual(
            windows[(self.emp_employee.id, TUESDAY)],
            [
                (local(TUESDAY, 8), local(TUESDAY, 12)),
                (local(TUESDAY, 12, 30), local(TUESDAY, 15)),
            ],
        )
        self.assertEqual(
            windows[(self.emp_employee.id, THURSDAY)][-1][1], local(THURSDAY, 15)
        )
        self.assertEqual(
            windows[(self.emp_employee.id, MONDAY)][-1][1], local(MONDAY, 16)
        )
        self.assertEqual(
            windows[(self.emp_employee.id, FRIDAY)][0][0], local(FRIDAY, 7, 30)
        )
        # at 15:30, still checked in: the phone stops pinging in Ramadan only
        for day, collecting in ((MONDAY, True), (TUESDAY, False)):
            attendance = self.check_in(self.emp_employee, local(day, 7, 50))
            today = self.Presence._today(self.emp_employee, now=local(day, 15, 30))
            self.assertEqual(today["collecting"], collecting, (day, today))
            attendance.check_out = local(day, 16, 35)

    def test_silence_after_ramadan_hours_is_no_episode(self):
        self.company.write({"simantap_ping_interval": 30, "simantap_ping_grace": 5})
        self.override()
        for day in (MONDAY, TUESDAY):
            self.arrive(self.emp_employee, day)
            for hour in range(8, 15):
                for minute in (10, 40):
                    self.ping(self.emp_employee, local(day, hour, minute), NEAR)
        episodes = {
            day: self.derive(
                self.emp_employee,
                local(day, 18),
                day=datetime.combine(day, datetime.min.time()),
            ).filtered(lambda episode: episode.kind == "silent")
            for day in (MONDAY, TUESDAY)
        }
        # the last ping at 14:40 and no other till 16:00 (35 minutes of silence
        # allowed): a silent episode on a usual day only
        self.assertEqual(
            [(e.start, e.stop) for e in episodes[MONDAY]],
            [(local(MONDAY, 14, 40), local(MONDAY, 16))],
        )
        self.assertFalse(episodes[TUESDAY])

    def test_overlapping_overrides_of_the_same_scope_are_refused(self):
        self.override()
        with self.assertRaises(ValidationError) as caught:
            self.override(name="Ramadan bis", date_from=LAST, date_to=FRIDAY)
        self.assertIn("may not overlap", str(caught.exception))
        # the next day, or another scope (a unit), is fine
        self.override(name="Sesudahnya", date_from=FRIDAY, date_to=FRIDAY)
        self.override(name="Unit", department_id=self.opd.id)

    def test_a_unit_override_covers_its_sub_units_before_the_company(self):
        shorter = schedule(
            self.env, "Jam sekolah", self.company, {day: [(7, 12)] for day in range(5)}
        )
        self.override()
        self.override(name="Sekolah", calendar_id=shorter.id, department_id=self.opd.id)
        windows = self.env["simantap.calendar"]._working_windows(
            [(self.emp_employee, TUESDAY), (self.emp_officer, TUESDAY)]
        )
        # emp_employee works in a sub-unit of the OPD; emp_officer elsewhere
        self.assertEqual(
            windows[(self.emp_employee.id, TUESDAY)],
            [(local(TUESDAY, 7), local(TUESDAY, 12))],
        )
        self.assertEqual(
            windows[(self.emp_officer.id, TUESDAY)][0][0], local(TUESDAY, 8)
        )

    def test_an_override_re_evaluates_the_evaluated_days(self):
        for day in (MONDAY, TUESDAY, THURSDAY, FRIDAY):
            self.arrive(self.emp_employee, day)
        self.evaluate_week(self.emp_employee)
        self.assertEqual(self.status(self.emp_employee, TUESDAY).minutes_late, 20)
        locked = self.status(self.emp_employee, THURSDAY)
        locked.locked = True
        with freeze_time(local(FRIDAY, 7) + timedelta(days=3)):
            ramadan = self.override()
        self.assertEqual(self.status(self.emp_employee, TUESDAY).minutes_late, 0)
        self.assertEqual(self.status(self.emp_employee, MONDAY).minutes_late, 20)
        self.assertEqual(self.status(self.emp_employee, FRIDAY).minutes_late, 20)
        # a locked day keeps what was paid and says what it would be now
        self.assertEqual(locked.minutes_late, 20)
        self.assertIn("Ramadan 1448 H", locked.message_ids[:1].body)
        # moved away, then removed: the days are evaluated again
        with freeze_time(local(FRIDAY, 7) + timedelta(days=3)):
            ramadan.write({"date_from": FRIDAY, "date_to": FRIDAY})
        self.assertEqual(self.status(self.emp_employee, TUESDAY).minutes_late, 20)
        self.assertEqual(self.status(self.emp_employee, FRIDAY).minutes_late, 0)
        with freeze_time(local(FRIDAY, 7) + timedelta(days=3)):
            ramadan.unlink()
        self.assertEqual(self.status(self.emp_employee, FRIDAY).minutes_late, 20)

    def test_who_reads_and_who_changes_a_dated_schedule(self):
        """Attendance officers read the dated schedules, only a Simantap
        administrator sets them; an employee sees none."""
        ramadan = self.override()
        self.assertEqual(self.Override.with_user(self.user_officer).search([]), ramadan)
        with self.assertRaises(AccessError):
            ramadan.with_user(self.user_officer).write({"name": "Diubah"})
        with self.assertRaises(AccessError):
            self.Override.with_user(self.user_employee).search([])
        admin = self.user_officer.copy(
            {
                "login": "sm_admin_jadwal",
                "groups_id": [
                    Command.link(
                        self.env.ref("simantap_attendance.group_simantap_admin").id
                    )
                ],
            }
        )
        ramadan.with_user(admin).write({"name": "Ramadan 1448 H (SE baru)"})
        self.assertEqual(ramadan.name, "Ramadan 1448 H (SE baru)")

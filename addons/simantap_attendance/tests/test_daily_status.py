import datetime
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from ..lib import daily
from .common import SimantapCase

D = datetime.date
DT = datetime.datetime
# Asia/Jakarta is UTC+7: 07:30 local is 00:30 UTC.
MON, FRI, SAT, SUN = D(2026, 11, 2), D(2026, 11, 6), D(2026, 11, 7), D(2026, 11, 8)


def utc(day, hour, minute=0):
    """Local Jakarta time of ``day`` as naive UTC."""
    return DT.combine(day, datetime.time()) + datetime.timedelta(
        hours=hour - 7, minutes=minute
    )


class DailyCase(SimantapCase):
    """An office calendar and a school calendar of their own, in Asia/Jakarta."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Calendar = cls.env["resource.calendar"]

        def lines(spec):
            return [(5, 0, 0)] + [
                (
                    0,
                    0,
                    {
                        "name": f"{day} {start}",
                        "dayofweek": day,
                        "hour_from": start,
                        "hour_to": end,
                        "day_period": period,
                    },
                )
                for day, start, end, period in spec
            ]

        office = [(d, 7.5, 12, "morning") for d in "0123"] + [
            (d, 13, 16, "afternoon") for d in "0123"
        ]
        office += [("4", 7.5, 11.5, "morning"), ("4", 13, 16.5, "afternoon")]
        cls.office = Calendar.create(
            {
                "name": "Kantor 5 hari",
                "tz": "Asia/Jakarta",
                "attendance_ids": lines(office),
                "company_id": cls.company.id,
            }
        )
        school = [(d, 7, 14, "morning") for d in "0123"] + [
            ("4", 7, 11, "morning"),
            ("5", 7, 12.5, "morning"),
        ]
        cls.school = Calendar.create(
            {
                "name": "Sekolah 6 hari",
                "tz": "Asia/Jakarta",
                "attendance_ids": lines(school),
                "company_id": cls.company.id,
            }
        )
        (cls.emp_employee | cls.emp_colleague | cls.emp_head | cls.emp_officer).write(
            {"resource_calendar_id": cls.office.id, "tz": "Asia/Jakarta"}
        )
        cls.teacher = cls.env["hr.employee"].create(
            {
                "name": "Guru Uji",
                "department_id": cls.sub_unit.id,
                "company_id": cls.company.id,
                "resource_calendar_id": cls.school.id,
                "tz": "Asia/Jakarta",
            }
        )
        cls.Status = cls.env["simantap.daily.status"]
        cls.leave_type = cls.env["hr.leave.type"].create(
            {
                "name": "Cuti Tahunan Uji",
                "requires_allocation": "no",
                "request_unit": "half_day",
                "simantap_code_id": cls.env.ref(
                    "simantap_attendance.status_code_ct"
                ).id,
                "company_id": cls.company.id,
            }
        )

    def attend(self, employee, check_in, check_out=None):
        return self.env["hr.attendance"].create(
            {"employee_id": employee.id, "check_in": check_in, "check_out": check_out}
        )

    def status(self, employee, day):
        self.Status._evaluate(day, day, employee)
        return self.Status.search(
            [("employee_id", "=", employee.id), ("date", "=", day)]
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-11-20 12:00:00")
class TestDailyStatus(DailyCase):
    def test_on_time_day_is_present(self):
        self.attend(self.emp_employee, utc(MON, 7, 25), utc(MON, 16, 5))
        day = self.status(self.emp_employee, MON)
        self.assertEqual(day.effective_codes, "H")
        self.assertEqual(
            (day.minutes_late, day.minutes_early, day.expected_minutes), (0, 0, 450)
        )

    def test_late_brackets(self):
        for minutes, code in (
            (1, "TL1"),
            (30, "TL1"),
            (31, "TL2"),
            (60, "TL2"),
            (61, "TL3"),
            (90, "TL3"),
            (91, "TL4"),
        ):
            with self.subTest(minutes=minutes):
                attendance = self.attend(
                    self.emp_employee, utc(MON, 7, 30 + minutes), utc(MON, 16, 0)
                )
                day = self.status(self.emp_employee, MON)
                self.assertEqual(day.minutes_late, minutes)
                self.assertEqual(day.effective_codes, f"H {code}")
                attendance.unlink()

    def test_seconds_late_count_as_a_minute(self):
        self.attend(
            self.emp_employee,
            utc(MON, 7, 30) + datetime.timedelta(seconds=20),
            utc(MON, 16, 0),
        )
        self.assertEqual(self.status(self.emp_employee, MON).effective_codes, "H TL1")

    def test_friday_ends_at_half_past_four(self):
        self.attend(self.emp_employee, utc(FRI, 7, 30), utc(FRI, 16, 0))
        day = self.status(self.emp_employee, FRI)
        self.assertEqual((day.minutes_early, day.early_code), (30, "PSW1"))
        self.assertEqual(day.expected_minutes, 450)

    def test_early_departure_brackets(self):
        self.attend(self.emp_employee, utc(MON, 7, 30), utc(MON, 14, 31))
        self.assertEqual(self.status(self.emp_employee, MON).effective_codes, "H PSW3")

    def test_forgotten_check_out(self):
        self.attend(self.emp_employee, utc(MON, 7, 20))
        day = self.status(self.emp_employee, MON)
        self.assertEqual(day.effective_codes, "H LAP")
        self.assertTrue(day.missing_check_out)

    def test_no_presence_and_no_excuse_is_tk(self):
        self.assertEqual(self.status(self.emp_employee, MON).effective_codes, "TK")

    def test_weekend_has_no_status_but_school_saturday_does(self):
        self.assertFalse(self.status(self.emp_employee, SAT))
        self.attend(self.teacher, utc(SAT, 6, 55), utc(SAT, 12, 0))
        day = self.status(self.teacher, SAT)
        self.assertEqual(
            (day.effective_codes, day.minutes_early, day.expected_minutes),
            ("H PSW1", 30, 330),
        )
        self.assertFalse(self.status(self.teacher, SUN))

    def test_public_holiday_has_no_status(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Libur nasional",
                "date_from": utc(MON, 0),
                "date_to": utc(MON, 23, 59),
                "calendar_id": False,
                "company_id": self.company.id,
            }
        )
        self.assertFalse(self.status(self.emp_employee, MON))

    def test_codes_so_far_during_the_day(self):
        so_far = self.Status._simantap_so_far
        employee = self.emp_employee
        # 08:00, not checked in yet: nothing to say before the night
        self.assertEqual(so_far(employee, now=utc(MON, 8, 0)), "")
        attendance = self.attend(employee, utc(MON, 8, 5))
        # checked in 35 minutes late, still at work: late, no LAP yet
        self.assertEqual(so_far(employee, now=utc(MON, 10, 0)), "H TL2")
        # left at 14:00 and came back: no early departure while checked in again
        attendance.check_out = utc(MON, 14, 0)
        self.assertEqual(so_far(employee, now=utc(MON, 14, 30)), "H TL2 PSW4")
        self.attend(employee, utc(MON, 14, 40))
        self.assertEqual(so_far(employee, now=utc(MON, 15, 0)), "H TL2")
        # once the working day is over, the day's facts speak as at night
        self.assertEqual(so_far(employee, now=utc(MON, 17, 0)), "H TL2 PSW4")
        self.attend(self.emp_head, utc(MON, 7, 20))
        self.assertEqual(so_far(self.emp_head, now=utc(MON, 12, 0)), "H")
        self.assertEqual(so_far(self.emp_head, now=utc(MON, 17, 0)), "H LAP")
        # absent once the day is over; judged, not stored
        self.assertEqual(so_far(self.emp_officer, now=utc(MON, 17, 0)), "TK")
        self.assertFalse(
            self.Status.search([("employee_id", "=", self.emp_officer.id)])
        )
        # a leave names the day from the start; a weekend says nothing
        self._leave(self.emp_colleague, MON, MON)
        self.assertEqual(so_far(self.emp_colleague, now=utc(MON, 7, 0)), "CT")
        self.assertEqual(so_far(employee, now=utc(SAT, 9, 0)), "")

    def _leave(self, employee, date_from, date_to, **extra):
        leave = (
            self.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "employee_id": employee.id,
                    "holiday_status_id": self.leave_type.id,
                    "request_date_from": date_from,
                    "request_date_to": date_to,
                    **extra,
                }
            )
        )
        leave.with_context(leave_skip_state_check=True).write({"state": "validate"})
        return leave

    def test_full_day_leave_gives_its_code(self):
        self._leave(self.emp_employee, MON, MON)
        self.assertEqual(self.status(self.emp_employee, MON).effective_codes, "CT")

    def test_morning_leave_moves_the_expected_start(self):
        self._leave(
            self.emp_employee,
            MON,
            MON,
            request_unit_half=True,
            request_date_from_period="am",
        )
        self.attend(self.emp_employee, utc(MON, 13, 0), utc(MON, 16, 0))
        day = self.status(self.emp_employee, MON)
        self.assertEqual(day.effective_codes, "H")
        self.assertEqual(day.expected_start, utc(MON, 13, 0))

    def _duty(self, intervals):
        return patch.object(
            type(self.Status), "_duties", lambda self, ids, start, end: intervals
        )

    def test_full_day_duty_is_dl_and_partial_duty_excuses_lateness(self):
        with self._duty(
            {self.emp_employee.id: [(utc(MON, 7, 30), utc(MON, 16, 0), 1)]}
        ):
            self.assertEqual(self.status(self.emp_employee, MON).effective_codes, "DL")
        self.attend(self.emp_employee, utc(MON, 10, 0), utc(MON, 16, 0))
        with self._duty({self.emp_employee.id: [(utc(MON, 7, 0), utc(MON, 10, 0), 1)]}):
            day = self.status(self.emp_employee, MON)
        self.assertEqual(day.effective_codes, "H")

    def test_presence_minutes_give_keluar_area(self):
        self.attend(self.emp_employee, utc(MON, 7, 30), utc(MON, 16, 0))
        figures = {self.emp_employee.id: {"minutes_outside": 25, "minutes_silent": 20}}
        with patch.object(
            type(self.Status), "_presence_figures", lambda self, ids, s, e: figures
        ):
            day = self.status(self.emp_employee, MON)
        self.assertEqual((day.effective_codes, day.outside_code), ("H KA2", "KA2"))

    def test_correction_keeps_the_computed_codes_and_survives_reevaluation(self):
        day = self.status(self.emp_employee, MON)
        officer_day = day.with_user(self.user_officer)
        with self.assertRaises(UserError):
            officer_day.action_correct("DL", "")
        officer_day.action_correct("H", "Listrik padam, mesin absen mati")
        self.Status._evaluate(MON, MON, self.emp_employee)
        day.invalidate_recordset()
        self.assertEqual(
            (day.effective_codes, day.codes, day.corrected), ("H", "TK", True)
        )
        self.assertEqual(day.correction_reason, "Listrik padam, mesin absen mati")

    def test_only_officers_correct(self):
        day = self.status(self.emp_employee, MON)
        with self.assertRaises(UserError):
            day.with_user(self.user_head).action_correct("H", "teman saya")

    def test_locked_day_is_never_rewritten(self):
        day = self.status(self.emp_employee, MON)
        day.locked = True
        self.attend(self.emp_employee, utc(MON, 7, 20), utc(MON, 16, 0))
        self.Status._evaluate(MON, MON, self.emp_employee)
        day.invalidate_recordset()
        self.assertEqual(day.effective_codes, "TK")

    def test_late_fact_reevaluates_a_past_day(self):
        self.assertEqual(self.status(self.emp_employee, MON).effective_codes, "TK")
        # yesterday's check-in arrives late (offline sync): the day follows by itself
        attendance = self.attend(self.emp_employee, utc(MON, 7, 20), utc(MON, 16, 0))
        day = self.Status.search(
            [("employee_id", "=", self.emp_employee.id), ("date", "=", MON)]
        )
        self.assertEqual(day.effective_codes, "H")
        attendance.write({"check_in": utc(MON, 8, 15)})
        day.invalidate_recordset()
        self.assertEqual(day.effective_codes, "H TL2")
        attendance.unlink()
        day.invalidate_recordset()
        self.assertEqual(day.effective_codes, "TK")

    def test_record_rules(self):
        employees = self.emp_employee | self.emp_colleague | self.emp_head
        self.Status._evaluate(MON, MON, employees)
        days = self.Status.search(
            [("employee_id", "in", employees.ids), ("date", "=", MON)]
        )
        self.assertEqual(len(days), 3)
        own = self.Status.with_user(self.user_employee).search([("id", "in", days.ids)])
        self.assertEqual(own.employee_id, self.emp_employee)
        unit = self.Status.with_user(self.user_head).search([("id", "in", days.ids)])
        self.assertEqual(unit.employee_id, self.emp_employee | self.emp_head)
        everyone = self.Status.with_user(self.user_officer).search(
            [("id", "in", days.ids)]
        )
        self.assertEqual(len(everyone), 3)
        with self.assertRaises(AccessError):
            days.filtered(lambda d: d.employee_id == self.emp_colleague).with_user(
                self.user_employee
            ).read(["codes"])

    def test_cron_evaluates_yesterday_in_batches(self):
        employees = (
            self.emp_employee | self.emp_colleague | self.emp_head | self.emp_officer
        )
        with (
            freeze_time("2026-11-03 20:00:00"),
            patch.object(type(self.env["ir.cron"]), "_notify_progress") as progress,
        ):
            self.Status._cron_evaluate_days(batch_size=2)
            self.Status._cron_evaluate_days(batch_size=100000)
        self.assertTrue(progress.called)
        done = self.Status.search(
            [("employee_id", "in", employees.ids), ("date", "=", D(2026, 11, 3))]
        )
        self.assertEqual(len(done), 4)


@tagged("post_install", "-at_install")
class TestDayCodes(SimantapCase):
    """The pure evaluation of one day."""

    def test_missing_check_in_is_lam(self):
        facts = daily.DayFacts(
            work_intervals=[(utc(MON, 7, 30), utc(MON, 16, 0))],
            check_out=utc(MON, 16, 0),
        )
        result = daily.evaluate(facts, [])
        self.assertEqual(result.codes, "LAM")

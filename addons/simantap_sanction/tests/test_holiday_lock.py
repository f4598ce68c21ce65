import datetime

from odoo.tests import freeze_time, tagged

from .common import NOV, D
from .test_month import MonthCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestHolidayAfterTheLock(MonthCase):
    """A public holiday added for a day of a locked month is handled like a
    correction after the lock: the day stays as paid, the difference lands in the
    next open month."""

    def holiday(self, day, name="Hari Jadi Kabupaten"):
        # the local day in Asia/Jakarta (UTC+7), as naive UTC
        start = datetime.datetime.combine(day, datetime.time()) - datetime.timedelta(
            hours=7
        )
        return (
            self.env["resource.calendar.leaves"]
            .with_company(self.company)
            .create(
                {
                    "name": name,
                    "date_from": start,
                    "date_to": start + datetime.timedelta(hours=23, minutes=59),
                }
            )
        )

    def test_holiday_on_a_locked_tk_day_pays_it_back_next_month(self):
        period = self.period(datetime.date(2026, 10, 1))
        period.action_compute()
        period.action_start_review()
        period.action_lock()
        line = self.line(period, self.emp_employee)
        paid = line.deduction
        day = self.days[D(2026, 10, 13)]
        self.assertEqual(day.effective_codes, "TK")
        self.holiday(D(2026, 10, 13))
        Adjustment = self.env["simantap.sanction.adjustment"]
        adjustment = Adjustment.search([("status_id", "=", day.id)])
        # one TK day (3% of 2 000 000) less: 60 000 paid back in November
        self.assertEqual(len(adjustment), 1)
        self.assertEqual((adjustment.old_codes, adjustment.new_codes), ("TK", ""))
        self.assertEqual(adjustment.amount, -60_000)
        self.assertEqual(adjustment.period_id.date_from, NOV)
        self.assertIn("Hari Jadi Kabupaten", adjustment.reason)
        # the locked day and line stay as paid
        day.invalidate_recordset()
        self.assertEqual((day.effective_codes, line.deduction), ("TK", paid))
        # a day on field duty cost nothing; the same day made free again (removed,
        # added back) pays nothing twice
        self.holiday(D(2026, 10, 14))
        leave = self.env["resource.calendar.leaves"].search(
            [("name", "=", "Hari Jadi Kabupaten"), ("company_id", "=", self.company.id)]
        )
        leave.filtered(lambda holiday: holiday.date_to.day == 13).unlink()
        self.holiday(D(2026, 10, 13), "Cuti bersama")
        found = Adjustment.search([("employee_id", "=", self.emp_employee.id)])
        self.assertEqual(
            found,
            adjustment,
            [(a.date, a.old_codes, a.new_codes, a.amount, a.reason) for a in found],
        )

    def test_dated_schedule_over_a_locked_day_is_a_correction_after_the_lock(self):
        period = self.period(datetime.date(2026, 10, 1))
        period.action_compute()
        period.action_start_review()
        period.action_lock()
        line = self.line(period, self.emp_employee)
        paid = line.deduction
        day = self.days[D(2026, 10, 13)]
        self.assertEqual(day.effective_codes, "TK")
        # a schedule that works on Saturdays only makes that Tuesday a free day
        saturdays = self.env["resource.calendar"].create(
            {
                "name": "Sabtu saja",
                "tz": "Asia/Jakarta",
                "company_id": self.company.id,
                "attendance_ids": [(5, 0, 0)]
                + [
                    (
                        0,
                        0,
                        {
                            "name": "Sabtu",
                            "dayofweek": "5",
                            "hour_from": 8,
                            "hour_to": 12,
                            "day_period": "morning",
                        },
                    )
                ],
            }
        )
        self.env["simantap.schedule.override"].create(
            {
                "name": "Jadwal khusus Oktober",
                "date_from": D(2026, 10, 13),
                "date_to": D(2026, 10, 13),
                "calendar_id": saturdays.id,
                "company_id": self.company.id,
            }
        )
        adjustment = self.env["simantap.sanction.adjustment"].search(
            [("status_id", "=", day.id)]
        )
        self.assertEqual(len(adjustment), 1)
        self.assertEqual((adjustment.old_codes, adjustment.new_codes), ("TK", ""))
        self.assertEqual(adjustment.amount, -60_000)
        self.assertEqual(adjustment.period_id.date_from, NOV)
        self.assertIn("Jadwal khusus Oktober", adjustment.reason)
        day.invalidate_recordset()
        self.assertEqual((day.effective_codes, line.deduction), ("TK", paid))

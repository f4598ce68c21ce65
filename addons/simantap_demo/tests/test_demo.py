import datetime

from odoo import fields
from odoo.tests import TransactionCase


class TestDemoRegency(TransactionCase):
    """The demo is the regency alone, with a month of true history up to yesterday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.today = fields.Date.context_today(
            cls.env["res.users"].with_context(tz="Asia/Jakarta")
        )
        cls.first = (cls.today.replace(day=1) - datetime.timedelta(days=1)).replace(
            day=1
        )
        cls.employees = cls.env["hr.employee"].search([])

    def test_no_stock_demo_people_company_or_places(self):
        self.assertEqual(len(self.employees), 40)
        self.assertTrue(all(self.employees.mapped("nip")))
        self.assertEqual(
            self.employees.department_id.mapped("company_id"), self.company
        )
        self.assertFalse(
            self.env["hr.department"].search([("name", "in", ("Administration",))])
        )
        self.assertEqual(self.company.name, "Pemerintah Kabupaten Solok Selatan")
        self.assertEqual(self.company.city, "Padang Aro")
        self.assertEqual(self.company.country_id, self.env.ref("base.id"))
        self.assertEqual(self.company.currency_id, self.env.ref("base.IDR"))
        self.assertTrue(self.company.logo)
        locations = self.env["hr.work.location"].search([])
        self.assertTrue(locations)
        for location in locations:
            self.assertTrue(location.latitude and location.longitude, location.name)
            self.assertLess(location.latitude, 0)  # south of the equator

    def test_history_is_last_month_to_yesterday(self):
        Attendance = self.env["hr.attendance"]
        attendances = Attendance.search([])
        self.assertGreater(len(attendances), 20 * len(self.employees))
        local = {
            fields.Datetime.context_timestamp(
                attendances.with_context(tz="Asia/Jakarta"), a.check_in
            ).date()
            for a in attendances
        }
        # from the first working day of last month (the 1st may be a Sunday)
        self.assertLessEqual(self.first, min(local))
        self.assertLess(min(local), self.first + datetime.timedelta(days=3))
        self.assertLess(max(local), self.today)
        self.assertFalse(attendances.filtered(lambda a: not a.check_out))
        statuses = self.env["simantap.daily.status"].search([])
        self.assertEqual(set(statuses.employee_id.ids), set(self.employees.ids))
        codes = " ".join(statuses.mapped("effective_codes")).split()
        for code in ("H", "TL1", "TK", "CS", "DL"):
            self.assertIn(code, codes)
        self.assertEqual(
            self.env["hr.leave"].search_count([("state", "=", "validate")]), 2
        )
        self.assertEqual(
            self.env["simantap.field.duty"].search_count([("state", "=", "approved")]),
            2,
        )
        self.assertTrue(self.env["simantap.presence.ping"].search_count([]))
        checks = self.env["simantap.spot.check"].search([])
        self.assertIn("unanswered", checks.mapped("state"))
        self.assertGreater(len(checks.filtered(lambda c: c.state != "unanswered")), 10)
        recaps = self.env["simantap.weekly.unit.recap"].search([])
        self.assertTrue(recaps)
        self.assertTrue(recaps.filtered("activity_ids"))

    def test_month_under_review_everyone_with_a_class(self):
        assignments = self.env["simantap.tpp.assignment"].search([])
        self.assertEqual(assignments.employee_id, self.employees)
        period = self.env["simantap.sanction.period"].search([])
        self.assertEqual(len(period), 1)
        self.assertEqual((period.date_from, period.state), (self.first, "review"))
        self.assertEqual(len(period.line_ids), 40)
        self.assertNotIn("none", period.line_ids.mapped("base_source"))
        self.assertTrue(period.line_ids.filtered(lambda line: line.deduction > 0))
        self.assertFalse(period.message_ids.filtered(lambda m: "TPP class" in m.body))

    def test_next_years_ramadan_hours_are_shipped(self):
        from odoo.addons.simantap_attendance.lib import holiday_calendar  # noqa: PLC0415

        year = self.today.year + 1
        first, last = holiday_calendar.ramadan(year)
        overrides = self.env["simantap.schedule.override"].search([])
        self.assertEqual(set(overrides.mapped("date_from")), {first})
        self.assertEqual(set(overrides.mapped("date_to")), {last})
        self.assertEqual((last - first).days, 29)
        company_wide = overrides.filtered(lambda o: not o.department_id)
        self.assertEqual(len(company_wide), 1)
        # an office employee's Monday in Ramadan ends at 15:00 local (08:00 UTC)
        office = self.employees.filtered(
            lambda e: (
                e.department_id.unit_type != "school"
                and e.resource_calendar_id
                == self.env.ref("simantap_demo.resource_calendar_office_5_day_demo")
            )
        )[:1]
        inside = [
            first + datetime.timedelta(days=n)
            for n in range(30)
            if (first + datetime.timedelta(days=n)).weekday() < 4
        ]
        before = [day - datetime.timedelta(days=35) for day in inside]
        windows = self.env["simantap.calendar"]._working_windows(
            [(office, day) for day in inside + before], time_off=False
        )
        ends = {
            windows[(office.id, day)][-1][1].hour
            for day in inside
            if (office.id, day) in windows
        }
        self.assertEqual(ends, {8})
        ends = {
            windows[(office.id, day)][-1][1].hour
            for day in before
            if (office.id, day) in windows
        }
        self.assertEqual(ends, {9})

import datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from ..lib import holiday_calendar
from .test_daily_status import MON, DailyCase, utc

D = datetime.date
INDEPENDENCE = D(2026, 8, 17)  # a Monday


@tagged("post_install", "-at_install")
@freeze_time("2026-11-20 12:00:00")
class TestHolidayImport(DailyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin = new_test_user(
            cls.env,
            login="sm_admin_libur",
            groups="base.group_user,simantap_attendance.group_simantap_admin",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.Leaves = cls.env["resource.calendar.leaves"]
        cls.company.resource_calendar_id.tz = "Asia/Jakarta"

    def wizard(self, year=2026):
        wizard = (
            self.env["simantap.holiday.import"]
            .with_user(self.user_admin)
            .create({"year": year, "company_id": self.company.id})
        )
        wizard.action_preview()
        return wizard

    def public_days(self):
        return self.Leaves.search(
            [("company_id", "=", self.company.id), ("resource_id", "=", False)]
        )

    def test_lib_gives_the_year_and_ramadan(self):
        days = {day.date: day for day in holiday_calendar.year_days(2026)}
        self.assertEqual(days[INDEPENDENCE].kind, holiday_calendar.NATIONAL)
        self.assertIn("Kemerdekaan", days[INDEPENDENCE].name)
        self.assertEqual(days[D(2026, 12, 24)].kind, holiday_calendar.CUTI_BERSAMA)
        first, last = holiday_calendar.ramadan(2027)
        self.assertEqual((last - first).days, 29)
        self.assertIn(last + datetime.timedelta(days=1), days_of(2027))

    def test_preview_lists_the_year(self):
        wizard = self.wizard()
        expected = holiday_calendar.year_days(2026)
        self.assertEqual(
            [(line.date, line.name, line.kind) for line in wizard.line_ids],
            [(day.date, day.name, day.kind) for day in expected],
        )
        self.assertTrue(all(wizard.line_ids.mapped("selected")))
        self.assertFalse(any(wizard.line_ids.mapped("exists")))
        self.assertFalse(self.public_days())  # a preview stores nothing

    def test_import_frees_a_tk_day_and_keeps_unticked_days_out(self):
        self.assertEqual(
            self.status(self.emp_employee, INDEPENDENCE).effective_codes, "TK"
        )
        self.assertEqual(self.status(self.emp_employee, MON).effective_codes, "TK")
        tuesday = MON + datetime.timedelta(days=1)
        self.assertEqual(self.status(self.emp_employee, tuesday).effective_codes, "TK")
        wizard = self.wizard()
        christmas_eve = wizard.line_ids.filtered(
            lambda line: line.date == D(2026, 12, 24)
        )
        christmas_eve.selected = False
        # the regency's anniversary, added by hand
        wizard.line_ids = [
            (0, 0, {"date": MON, "name": "Hari Jadi Kabupaten", "kind": "regional"})
        ]
        wizard.action_confirm()
        days = self.public_days()
        self.assertEqual(len(days), len(holiday_calendar.year_days(2026)))
        self.assertNotIn(
            D(2026, 12, 24),
            [(d.date_from + datetime.timedelta(hours=7)).date() for d in days],
        )
        anniversary = days.filtered(lambda d: d.name == "Hari Jadi Kabupaten")
        # the whole local day (Asia/Jakarta) is free
        self.assertEqual(anniversary.date_from, utc(MON, 0))
        self.assertEqual(anniversary.simantap_kind, "regional")
        # the past days were evaluated again: TK became a free day (no status)
        statuses = self.Status.search(
            [
                ("employee_id", "=", self.emp_employee.id),
                ("date", "in", [MON, INDEPENDENCE]),
            ]
        )
        self.assertFalse(statuses)
        # days never evaluated are not judged by the import (nor before Simantap ran)
        self.assertFalse(self.Status.search([("employee_id", "=", self.teacher.id)]))
        # removing the day off makes it a working day again (its month was evaluated)
        anniversary.unlink()
        self.assertEqual(
            self.Status.search(
                [("employee_id", "=", self.emp_employee.id), ("date", "=", MON)]
            ).effective_codes,
            "TK",
        )

    def test_importing_the_same_year_twice_creates_nothing(self):
        self.wizard().action_confirm()
        count = len(self.public_days())
        again = self.wizard()
        self.assertTrue(all(again.line_ids.mapped("exists")))
        self.assertFalse(any(again.line_ids.mapped("selected")))
        again.line_ids.selected = True  # even ticked again by hand
        again.action_confirm()
        self.assertEqual(len(self.public_days()), count)

    def test_only_administrators_import(self):
        with self.assertRaises(AccessError):
            self.env["simantap.holiday.import"].with_user(self.user_officer).create(
                {"year": 2026, "company_id": self.company.id}
            )

    def test_december_reminder_asks_the_administrators_once(self):
        Activity = self.env["mail.activity"]
        domain = [
            ("res_id", "=", self.company.partner_id.id),
            ("res_model", "=", "res.partner"),
            ("user_id", "=", self.user_admin.id),
        ]
        self.Leaves._cron_simantap_holiday_reminder()  # November: nothing yet
        self.assertFalse(Activity.search(domain))
        with freeze_time("2026-12-01 03:00:00"):
            self.Leaves._cron_simantap_holiday_reminder()
            self.Leaves._cron_simantap_holiday_reminder()
        activity = Activity.search(domain)
        self.assertEqual(len(activity), 1)
        self.assertIn("2027", activity.summary)
        # once next year is imported, nobody is asked
        activity.unlink()
        self.wizard(2027).action_confirm()
        with freeze_time("2026-12-08 03:00:00"):
            self.Leaves._cron_simantap_holiday_reminder()
        self.assertFalse(Activity.search(domain))


def days_of(year):
    return [day.date for day in holiday_calendar.year_days(year)]

from odoo.tests import freeze_time, tagged

from .common import OCT, SanctionCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestMonthNoClass(SanctionCase):
    """A payroll officer computing a month learns who has days in it but no TPP
    class, instead of finding zero lines in the payroll export."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        days = cls.working_days(OCT)
        cls.mark(cls.emp_employee, dict.fromkeys(days, "H"))
        cls.newcomer = cls.env["hr.employee"].create(
            {
                "name": "Pegawai Baru Tanpa Kelas",
                "company_id": cls.company.id,
                "department_id": cls.opd.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.mark(cls.newcomer, dict.fromkeys(days, "H"))

    def test_compute_warns_and_lists_employees_without_class(self):
        period = self.period(OCT)
        action = period.with_user(self.user_payroll).action_compute()
        self.assertEqual(period.state, "computed")
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("Pegawai Baru Tanpa Kelas", action["params"]["message"])
        self.assertNotIn("Pegawai Bidang", action["params"]["message"])
        self.assertIn("1 employee(s)", action["params"]["message"])
        posted = period.message_ids.filtered(
            lambda message: "Pegawai Baru Tanpa Kelas" in (message.body or "")
        )
        self.assertEqual(len(posted), 1)
        self.assertEqual(self.line(period, self.newcomer).base_source, "none")

    def test_no_warning_when_everyone_has_a_class(self):
        self.newcomer.active = False
        self.env["simantap.daily.status"].search(
            [("employee_id", "=", self.newcomer.id)]
        ).unlink()
        period = self.period(OCT)
        self.assertIs(period.with_user(self.user_payroll).action_compute(), True)
        self.assertFalse(
            period.message_ids.filtered(lambda m: "TPP class" in (m.body or ""))
        )

from odoo.tests import freeze_time, tagged

from .common import OCT, D
from .test_month import MonthCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestPayrollBridge(MonthCase):
    """The optional bridge to the OCA payroll addon: without it nothing breaks; with
    it, the deductions become payslip inputs."""

    def locked_october(self):
        period = self.period(OCT)
        period.action_compute()
        period.action_start_review()
        period.action_lock()
        return period

    def test_without_payroll(self):
        if "hr.payslip.input" in self.env:
            self.skipTest("the payroll addon is installed")
        period = self.locked_october()
        self.assertFalse(period.payroll_installed)
        self.assertEqual(self.code_of(period.action_send_to_payroll), "no_payroll")
        period.action_export()  # the export does not need it
        self.assertEqual(period.state, "exported")

    def test_with_payroll(self):
        if "hr.payslip.input" not in self.env:
            self.skipTest("the OCA payroll addon is not installed")
        period = self.locked_october()
        self.assertTrue(period.payroll_installed)
        contract = self.env["hr.contract"].create(
            {
                "name": "Kontrak Pegawai Bidang",
                "employee_id": self.emp_employee.id,
                "wage": 8_000_000,
                "date_start": D(2026, 1, 1),
                "state": "open",
                "resource_calendar_id": self.calendar.id,
            }
        )
        Payslip = self.env["hr.payslip"]
        slip = Payslip.create(
            {
                "employee_id": self.emp_employee.id,
                "contract_id": contract.id,
                "date_from": OCT,
                "date_to": D(2026, 10, 31),
            }
        )
        november = Payslip.create(
            {
                "employee_id": self.emp_employee.id,
                "contract_id": contract.id,
                "date_from": D(2026, 11, 1),
                "date_to": D(2026, 11, 30),
            }
        )
        self.assertEqual(period.action_send_to_payroll(), 1)
        cut = slip.input_line_ids.filtered(lambda i: i.code == "TPP_CUT")
        self.assertEqual(cut.amount, 835_000)
        self.assertEqual(cut.contract_id, contract)
        self.assertFalse(
            november.input_line_ids.filtered(lambda i: i.code == "TPP_CUT")
        )
        # writing again updates the input, it does not add one
        period.action_send_to_payroll()
        self.assertEqual(
            len(slip.input_line_ids.filtered(lambda i: i.code == "TPP_CUT")), 1
        )
        self.assertEqual(
            self.code_of(period.with_user(self.user_officer).action_send_to_payroll),
            "not_payroll",
        )

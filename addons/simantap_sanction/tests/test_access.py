from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import OCT, D
from .test_month import MonthCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestAccess(MonthCase):
    """Each role, allowed and refused: payroll officers compute, lock and export;
    unit heads read their unit; employees read their own statement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.october = cls.Period.create(
            {"company_id": cls.company.id, "date_from": OCT}
        )
        cls.october.action_compute()
        cls.foreign_period = cls.Period.create(
            {"company_id": cls.other_company.id, "date_from": OCT}
        )
        cls.mark(cls.emp_foreign, {D(2026, 10, 1): "TK"})
        cls.foreign_period.action_compute()
        cls.Line = cls.env["simantap.sanction.line"]

    def visible_employees(self, user):
        return self.Line.with_user(user).search([]).mapped("employee_id")

    def test_employee_reads_only_their_own_statement(self):
        self.assertEqual(self.visible_employees(self.user_employee), self.emp_employee)
        line = self.line(self.october, self.emp_employee).with_user(self.user_employee)
        self.assertTrue(line.detail_ids.mapped("description"))
        self.assertTrue(line.item_ids.mapped("rule_name"))
        self.assertTrue(line.period_id.name)
        with self.assertRaises(AccessError):
            line.read(["nip"])
        colleague = self.line(self.october, self.emp_colleague)
        with self.assertRaises(AccessError):
            colleague.with_user(self.user_employee).read(["deduction"])
        self.assertFalse(
            self.env["simantap.sanction.line.detail"]
            .with_user(self.user_employee)
            .search([("line_id", "=", colleague.id)])
        )
        # the rules are public; the money of others and the workflow are not
        self.assertTrue(self.default_set.with_user(self.user_employee).rule_ids)
        with self.assertRaises(AccessError):
            self.default_set.rule_ids[0].with_user(self.user_employee).percent = 9
        period = self.october.with_user(self.user_employee)
        self.assertEqual(self.code_of(period.action_compute), "not_payroll")
        with self.assertRaises(AccessError):
            period.read(["export_csv"])
        with self.assertRaises(AccessError):
            self.Period.with_user(self.user_employee).create(
                {"company_id": self.company.id, "date_from": D(2026, 12, 1)}
            )
        with self.assertRaises(AccessError):
            self.class_9.with_user(self.user_employee).read(["tpp_amount"])
        assignments = (
            self.env["simantap.tpp.assignment"].with_user(self.user_employee).search([])
        )
        self.assertEqual(assignments.employee_id, self.emp_employee)

    def test_unit_head_reads_their_unit(self):
        self.assertEqual(
            self.visible_employees(self.user_head), self.emp_employee | self.emp_head
        )
        period = self.october.with_user(self.user_head)
        self.assertEqual(self.code_of(period.action_compute), "not_payroll")
        self.assertEqual(self.code_of(period.action_start_review), "not_payroll")
        with self.assertRaises(AccessError):
            self.line(self.october, self.emp_colleague).with_user(self.user_head).read(
                ["net"]
            )

    def test_officer_reads_the_company_but_does_not_compute(self):
        self.assertEqual(
            self.visible_employees(self.user_officer),
            self.emp_employee | self.emp_colleague | self.emp_head | self.emp_officer,
        )
        self.assertEqual(
            self.code_of(self.october.with_user(self.user_officer).action_compute),
            "not_payroll",
        )
        with self.assertRaises(AccessError):
            self.default_set.with_user(self.user_officer).write({"cap_percent": 50})

    def test_payroll_computes_locks_exports_in_their_company(self):
        period = self.october.with_user(self.user_payroll)
        period.action_compute()
        period.action_start_review()
        period.action_lock()
        period.action_export()
        self.assertEqual(period.state, "exported")
        line = self.line(self.october, self.emp_employee).with_user(self.user_payroll)
        self.assertEqual(line.read(["nip"])[0]["nip"], False)
        self.assertTrue(period.export_csv)
        # another company is out of reach
        self.assertNotIn(self.emp_foreign, self.visible_employees(self.user_payroll))
        with self.assertRaises(AccessError):
            self.foreign_period.with_user(self.user_payroll).read(["name"])
        # rule sets and position classes are theirs to edit
        self.class_9.with_user(self.user_payroll).tpp_amount = 5_100_000
        self.env["simantap.tpp.rule.set"].with_user(self.user_payroll).create(
            {
                "name": "Perbup 2030",
                "company_id": self.company.id,
                "date_from": D(2030, 1, 1),
            }
        )

    def test_objection_and_adjustment_scopes(self):
        self.october.action_start_review()
        Objection = self.env["simantap.sanction.objection"]
        mine = Objection.with_user(self.user_employee).create(
            {
                "period_id": self.october.id,
                "status_ids": [(6, 0, self.days[D(2026, 10, 13)].ids)],
                "requested_code_ids": [
                    (6, 0, self.env.ref("simantap_attendance.status_code_dl").ids)
                ],
                "reason": "Dinas luar",
            }
        )
        self.assertEqual(mine.employee_id, self.emp_employee)
        self.assertEqual(Objection.with_user(self.user_head).search([]), mine)
        self.assertFalse(Objection.with_user(self.user_colleague).search([]))
        self.assertEqual(Objection.with_user(self.user_payroll).search([]), mine)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_employee).write({"head_note": "setuju"})

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SimantapCase


@tagged("post_install", "-at_install")
class TestRecordRules(SimantapCase):
    """Who reads whose attendance: own, unit (with sub-units), company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attendance = cls.env["hr.attendance"]

        def attend(employee):
            return Attendance.create(
                {
                    "employee_id": employee.id,
                    "check_in": "2026-11-02 00:30:00",
                    "check_out": "2026-11-02 09:00:00",
                }
            )

        cls.att_employee = attend(cls.emp_employee)
        cls.att_colleague = attend(cls.emp_colleague)
        cls.att_head = attend(cls.emp_head)
        cls.att_foreign = attend(cls.emp_foreign)
        cls.all_attendances = (
            cls.att_employee | cls.att_colleague | cls.att_head | cls.att_foreign
        )

    def _visible(self, user):
        return (
            self.env["hr.attendance"]
            .with_user(user)
            .search([("id", "in", self.all_attendances.ids)])
        )

    def test_employee_reads_only_their_own(self):
        self.assertEqual(self._visible(self.user_employee), self.att_employee)
        with self.assertRaises(AccessError):
            self.att_colleague.with_user(self.user_employee).read(["check_in"])

    def test_employee_cannot_change_their_own(self):
        with self.assertRaises(AccessError):
            self.att_employee.with_user(self.user_employee).write(
                {"check_in": "2026-11-02 00:00:00"}
            )

    def test_unit_head_reads_unit_and_sub_units(self):
        self.assertEqual(
            self._visible(self.user_head), self.att_employee | self.att_head
        )
        with self.assertRaises(AccessError):
            self.att_colleague.with_user(self.user_head).read(["check_in"])

    def test_unit_head_cannot_edit_their_unit(self):
        with self.assertRaises(AccessError):
            self.att_employee.with_user(self.user_head).write(
                {"check_in": "2026-11-02 00:00:00"}
            )

    def test_officer_reads_the_whole_company_only(self):
        self.assertEqual(
            self._visible(self.user_officer), self.all_attendances - self.att_foreign
        )
        with self.assertRaises(AccessError):
            self.att_foreign.with_user(self.user_officer).read(["check_in"])

    def test_officer_corrects_with_audit(self):
        self.att_colleague.with_user(self.user_officer).write(
            {"check_in": "2026-11-02 00:20:00"}
        )
        self.assertEqual(str(self.att_colleague.check_in), "2026-11-02 00:20:00")

    def test_payroll_reads_the_company_but_cannot_write(self):
        self.assertEqual(
            self._visible(self.user_payroll), self.all_attendances - self.att_foreign
        )
        with self.assertRaises(AccessError):
            self.att_employee.with_user(self.user_payroll).write(
                {"check_in": "2026-11-02 00:00:00"}
            )

    def test_roles_form_a_ladder(self):
        admin_group = self.env.ref("simantap_attendance.group_simantap_admin")
        implied = admin_group.trans_implied_ids
        for xmlid in ("employee", "unit_head", "officer", "payroll"):
            self.assertIn(
                self.env.ref(f"simantap_attendance.group_simantap_{xmlid}"), implied
            )
        self.assertTrue(
            self.user_employee.has_group("simantap_attendance.group_simantap_employee")
        )
        self.assertFalse(
            self.user_employee.has_group("simantap_attendance.group_simantap_unit_head")
        )

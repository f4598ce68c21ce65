from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SimantapCase


@tagged("post_install", "-at_install")
class TestEmployeeDirectory(SimantapCase):
    """A plain employee reads the staff of their own office (the OPD with its
    sub-units) and no one else's; heads and officers keep the whole company."""

    def directory(self, user, model="hr.employee.public"):
        everyone = self.emp_head | self.emp_employee | self.emp_colleague
        everyone |= self.emp_officer
        return self.env[model].with_user(user).search([("id", "in", everyone.ids)])

    def test_employee_sees_their_office_only(self):
        self.assertEqual(
            set(self.directory(self.user_employee).ids),
            {self.emp_employee.id, self.emp_head.id},
        )
        # the private model goes through the same rule for a user without HR rights
        self.assertEqual(
            set(self.directory(self.user_employee, "hr.employee").ids),
            {self.emp_employee.id, self.emp_head.id},
        )
        # the colleague of another OPD sees their OPD, not this one
        self.assertEqual(
            set(self.directory(self.user_colleague).ids),
            {self.emp_colleague.id, self.emp_officer.id},
        )
        with self.assertRaises(AccessError):
            self.env["hr.employee.public"].with_user(self.user_employee).browse(
                self.emp_colleague.id
            ).read(["name"])

    def test_the_manager_of_another_office_stays_visible(self):
        self.emp_employee.parent_id = self.emp_officer
        self.env.flush_all()
        self.assertIn(
            self.emp_officer, self.directory(self.user_employee, "hr.employee")
        )

    def test_heads_and_officers_see_the_company(self):
        everyone = {
            self.emp_head.id,
            self.emp_employee.id,
            self.emp_colleague.id,
            self.emp_officer.id,
        }
        for user in (self.user_head, self.user_officer, self.user_payroll):
            self.assertEqual(set(self.directory(user).ids), everyone, user.login)

    def test_the_employee_own_pages_still_work(self):
        me = (
            self.env["hr.employee"]
            .with_user(self.user_employee)
            .browse(self.emp_employee.id)
        )
        self.assertEqual(me.name, "Pegawai Bidang")
        # the form of their own record, with the manager's and unit's names
        values = me.web_read(
            {
                "name": {},
                "department_id": {"fields": {"display_name": {}}},
                "parent_id": {"fields": {"display_name": {}}},
            }
        )
        self.assertEqual(
            values[0]["department_id"]["display_name"], "Dinas Uji / Bidang Uji"
        )
        # the avatar card of a chatter message by an officer of another office
        card = (
            self.env["res.users"]
            .with_user(self.user_employee)
            .browse(self.user_officer.id)
            .read(["name", "department_id", "job_title", "work_email"])
        )
        self.assertEqual(card[0]["name"], self.user_officer.name)

    def test_a_new_sub_unit_belongs_to_its_office(self):
        unit = self.env["hr.department"].create(
            {
                "name": "Seksi Uji",
                "unit_type": "sub_unit",
                "parent_id": self.sub_unit.id,
            }
        )
        self.assertEqual(unit.simantap_office_id, self.opd)
        self.assertEqual(self.other_opd.simantap_office_id, self.other_opd)
        unit.parent_id = self.other_opd
        self.assertEqual(unit.simantap_office_id, self.other_opd)

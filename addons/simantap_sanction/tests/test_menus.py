from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import SanctionCase


@tagged("post_install", "-at_install")
class TestTppAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.menu = cls.env.ref("simantap_sanction.simantap_sanction_menu")
        cls.payroll = new_test_user(
            cls.env,
            login="payroll_menu",
            groups="base.group_user,simantap_attendance.group_simantap_payroll",
        )
        cls.employee = new_test_user(
            cls.env, login="employee_menu", groups="base.group_user"
        )
        cls.position_class = cls.env["simantap.position.class"].create(
            {"name": "Kelas 9", "grade": 9, "tpp_amount": 4_500_000}
        )

    def _visible(self, user):
        return (
            self.menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        )

    def test_payroll_officer_sees_tpp_menu_and_sets_amounts(self):
        self.assertTrue(self._visible(self.payroll))
        self.position_class.with_user(self.payroll).tpp_amount = 4_750_000
        self.assertEqual(self.position_class.tpp_amount, 4_750_000)

    def test_employee_neither_sees_nor_reads_tpp_amounts(self):
        self.assertFalse(self._visible(self.employee))
        with self.assertRaises(AccessError):
            self.position_class.with_user(self.employee).read(["tpp_amount"])


@tagged("post_install", "-at_install")
class TestTppMenusByRole(SanctionCase):
    """Each role finds its own entry: employees their statements, unit heads their
    unit, payroll officers the months; and the views open for them."""

    def visible(self, user, xmlid):
        menu = self.env.ref(xmlid)
        return menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_menus(self):
        mine = "simantap_sanction.simantap_sanction_my_menu"
        unit = "simantap_sanction.simantap_sanction_unit_menu"
        months = "simantap_sanction.simantap_sanction_menu"
        expected = {
            self.user_employee: (True, False, False),
            self.user_head: (True, True, False),
            self.user_officer: (True, True, False),
            self.user_payroll: (True, False, True),
        }
        for user, flags in expected.items():
            self.assertEqual(
                tuple(self.visible(user, xmlid) for xmlid in (mine, unit, months)),
                flags,
                user.login,
            )

    def test_views_open_for_each_role(self):
        for user, model in (
            (self.user_employee, "simantap.sanction.line"),
            (self.user_employee, "simantap.sanction.objection"),
            (self.user_head, "simantap.discipline.alert"),
            (self.user_officer, "simantap.sanction.adjustment"),
            (self.user_payroll, "simantap.sanction.period"),
            (self.user_payroll, "simantap.tpp.rule.set"),
            (self.user_payroll, "simantap.tpp.assignment"),
        ):
            views = (
                self.env[model]
                .with_user(user)
                .get_views([(False, "list"), (False, "form"), (False, "search")])
            )
            self.assertEqual(set(views["views"]), {"list", "form", "search"}, model)

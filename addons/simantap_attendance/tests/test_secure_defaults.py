from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .common import SimantapCase


@tagged("post_install", "-at_install")
class TestSecureDefaults(SimantapCase, HttpCase):
    """A government server's defaults: no public sign-up, no database manager, a
    login page that asks for the login, and each role at its Simantap home."""

    def test_public_sign_up_is_off(self):
        scope = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("auth_signup.invitation_scope")
        )
        self.assertEqual(scope, "b2b")
        self.assertEqual(self.url_open("/web/signup").status_code, 404)

    def test_no_database_manager_without_the_database_list(self):
        with patch.dict(config.options, {"list_db": False}):
            for path in ("/web/database/manager", "/web/database/selector"):
                self.assertEqual(self.url_open(path).status_code, 404, path)

    def test_the_login_field_is_labelled_login(self):
        page = self.url_open("/web/login")
        self.assertEqual(page.status_code, 200)
        self.assertIn(">Login</label>", page.text)
        self.assertNotIn(">Email</label>", page.text)

    def home_of(self, user):
        self.authenticate(user.login, user.login)
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        return self.env["ir.actions.act_window"].browse(info["home_action_id"])

    def test_each_role_lands_in_its_simantap_home(self):
        ref = self.env.ref
        self.assertEqual(
            self.home_of(self.user_officer),
            ref("simantap_attendance.simantap_presence_monitor_action"),
        )
        self.assertEqual(
            self.home_of(self.user_head),
            ref("simantap_attendance.simantap_field_duty_action_to_approve"),
        )
        self.assertEqual(
            self.home_of(self.user_employee),
            ref("simantap_attendance.simantap_daily_status_action_my_month"),
        )

    def test_a_home_chosen_by_the_user_is_kept(self):
        chosen = self.env.ref("simantap_attendance.simantap_daily_status_action")
        self.user_officer.write({"action_id": chosen.id})
        self.assertEqual(self.home_of(self.user_officer), chosen)

    def test_employees_see_neither_apps_nor_the_staff_directory(self):
        Menu = self.env["ir.ui.menu"]
        hidden = self.env.ref("base.menu_management") | self.env.ref("hr.menu_hr_root")
        visible = Menu.with_user(self.user_employee)._visible_menu_ids()
        self.assertFalse(set(hidden.ids) & visible)
        # the heads who answer for their unit still reach it
        visible = Menu.with_user(self.user_head)._visible_menu_ids()
        self.assertIn(self.env.ref("hr.menu_hr_root").id, visible)

from odoo.tests import HttpCase, tagged

from odoo.addons.simantap_attendance.tests.common import SimantapCase


@tagged("post_install", "-at_install")
class TestHome(SimantapCase, HttpCase):
    def home_of(self, user):
        self.authenticate(user.login, user.login)
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        return self.env["ir.actions.act_window"].browse(info["home_action_id"])

    def test_the_treasurer_lands_on_the_tpp_months(self):
        self.assertEqual(
            self.home_of(self.user_payroll),
            self.env.ref("simantap_sanction.simantap_sanction_period_action"),
        )

    def test_the_attendance_officer_who_also_pays_lands_on_the_monitor(self):
        self.user_officer.groups_id |= self.env.ref(
            "simantap_attendance.group_simantap_payroll"
        )
        self.assertEqual(
            self.home_of(self.user_officer),
            self.env.ref("simantap_attendance.simantap_presence_monitor_action"),
        )

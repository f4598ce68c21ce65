from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _simantap_home_actions(self):
        """The payroll officer (treasurer) lands on the TPP months, after the
        attendance officer's live monitor and before the unit head's approvals."""
        homes = super()._simantap_home_actions()
        homes.insert(
            1,
            (
                "simantap_attendance.group_simantap_payroll",
                "simantap_sanction.simantap_sanction_period_action",
            ),
        )
        return homes

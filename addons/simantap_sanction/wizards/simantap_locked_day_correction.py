from odoo import models


class SimantapLockedDayCorrection(models.TransientModel):
    """An attendance officer's correction of days of a locked TPP month: the days
    stay as paid, the difference lands in the next open month.  The same form as
    the correction of an open day (days, new codes, reason), applied as
    adjustments."""

    _name = "simantap.locked.day.correction"
    _inherit = "simantap.daily.status.correction"
    _description = "Correct a Day of a Locked TPP Month"

    def action_apply(self):
        self.ensure_one()
        adjustments = self.status_ids.action_correct_locked(
            " ".join(self.code_ids.mapped("code")), self.reason
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "simantap.sanction.adjustment",
            "view_mode": "list,form",
            "domain": [("id", "in", adjustments.ids)],
            "name": self.env._("Adjustments"),
        }

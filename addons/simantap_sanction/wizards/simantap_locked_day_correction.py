from odoo import fields, models


class SimantapLockedDayCorrection(models.TransientModel):
    """An attendance officer's correction of days of a locked TPP month: the days
    stay as paid, the difference lands in the next open month."""

    _name = "simantap.locked.day.correction"
    _description = "Correct a Day of a Locked TPP Month"

    status_ids = fields.Many2many("simantap.daily.status", required=True)
    code_ids = fields.Many2many(
        "simantap.status.code", string="New Codes", required=True
    )
    reason = fields.Text(required=True)

    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "simantap.daily.status":
            values["status_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

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

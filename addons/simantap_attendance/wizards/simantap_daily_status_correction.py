from odoo import fields, models


class SimantapDailyStatusCorrection(models.TransientModel):
    """An attendance officer's correction of one or more days (a broken phone, a
    power cut...): new codes and the reason, kept in the chatter."""

    _name = "simantap.daily.status.correction"
    _description = "Correct a Daily Attendance Status"

    status_ids = fields.Many2many("simantap.daily.status", string="Days", required=True)
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
        self.status_ids.action_correct(
            " ".join(self.code_ids.mapped("code")), self.reason
        )
        return {"type": "ir.actions.act_window_close"}

from odoo import fields, models


class SimantapFieldDutyReject(models.TransientModel):
    """The approver's (or an officer's) reason for rejecting one or more field
    duties; the reason goes to the duty and its chatter."""

    _name = "simantap.field.duty.reject"
    _description = "Reject a Field Duty"

    duty_ids = fields.Many2many("simantap.field.duty", required=True)
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        self.duty_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}

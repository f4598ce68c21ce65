from odoo import fields, models


class SimantapSanctionLock(models.TransientModel):
    """Lock a month while objections are still open: only with a reason, kept on the
    month; the open objections lapse."""

    _name = "simantap.sanction.lock"
    _description = "Lock a TPP Month with Open Objections"

    period_id = fields.Many2one("simantap.sanction.period", required=True)
    open_objection_count = fields.Integer(related="period_id.open_objection_count")
    reason = fields.Text(required=True)

    def action_lock(self):
        self.ensure_one()
        self.period_id.action_lock(override_reason=self.reason or "")
        return {"type": "ir.actions.act_window_close"}

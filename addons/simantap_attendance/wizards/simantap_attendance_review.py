from odoo import api, fields, models


class SimantapAttendanceReview(models.TransientModel):
    """An attendance officer's decision on flagged check-ins or check-outs: genuine
    (accepted) or not (rejected), with a comment kept in the chatter of the attempts
    and of their attendances."""

    _name = "simantap.attendance.review"
    _description = "Review flagged check-ins"

    attempt_ids = fields.Many2many(
        "simantap.attendance.attempt", string="Check-ins and Check-outs", required=True
    )
    decision = fields.Selection(
        [("accepted", "Genuine: accept"), ("rejected", "Not genuine: reject")],
        required=True,
        default="accepted",
    )
    comment = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        ids = context.get("active_ids") or []
        if context.get("active_model") == "simantap.attendance.attempt" and ids:
            values["attempt_ids"] = [(6, 0, ids)]
        elif context.get("active_model") == "hr.attendance" and ids:
            attendances = self.env["hr.attendance"].browse(ids)
            attempts = (
                attendances.simantap_check_in_attempt_id
                | attendances.simantap_check_out_attempt_id
            )
            values["attempt_ids"] = [(6, 0, attempts.ids)]
        return values

    def action_apply(self):
        self.ensure_one()
        self.attempt_ids._simantap_review(self.decision, self.comment)
        return {"type": "ir.actions.act_window_close"}

from odoo import models


class SimantapSanctionPeriod(models.Model):
    """Computing a month warns about the employees who have days in it but no TPP
    assignment (no position class, no individual amount): their line is zero and
    payroll would pay them no TPP at all, silently."""

    _inherit = "simantap.sanction.period"

    def action_compute(self):
        result = super().action_compute()
        warnings = []
        for period in self:
            # searched, not filtered: a regency's month has 50 000 lines
            missing = (
                self.env["simantap.sanction.line"]
                .sudo()
                .search([("period_id", "=", period.id), ("base_source", "=", "none")])
                .employee_id
            )
            if not missing:
                continue
            message = self.env._(
                "%(count)s employee(s) have days in %(month)s but no TPP class: "
                "%(names)s. Their TPP is zero until they get a TPP assignment "
                "(Simantap > TPP > TPP Assignments); then compute the month again.",
                count=len(missing),
                month=period.display_name,
                names=", ".join(sorted(missing.mapped("name"))),
            )
            period.message_post(body=message)
            warnings.append(message)
        if not warnings:
            return result
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Employees without a TPP class"),
                "message": "\n".join(warnings),
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

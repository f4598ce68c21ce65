from odoo import api, fields, models

from ..lib import tpp


class SimantapSanctionAdjustment(models.Model):
    """A correction of a day in a locked month: the locked line stays as it was paid;
    the difference (the month recomputed with the corrected day minus what was
    deducted) lands in the next open month of the company, on the employee's line
    there.  More than zero cuts more; less than zero pays back."""

    _name = "simantap.sanction.adjustment"
    _inherit = ["mail.thread"]
    _description = "TPP Adjustment"
    _order = "id desc"

    period_id = fields.Many2one(
        "simantap.sanction.period",
        string="Lands In",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    origin_line_id = fields.Many2one(
        "simantap.sanction.line",
        string="Original Line",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    origin_period_id = fields.Many2one(
        related="origin_line_id.period_id", string="Corrected Month", store=True
    )
    status_id = fields.Many2one(
        "simantap.daily.status",
        string="Day",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    date = fields.Date(readonly=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True, ondelete="restrict"
    )
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    old_codes = fields.Char(string="Codes Paid", readonly=True)
    new_codes = fields.Char(string="Corrected Codes", readonly=True)
    reason = fields.Text(readonly=True)
    percent_before = fields.Float(digits=(16, 4), readonly=True)
    percent_after = fields.Float(digits=(16, 4), readonly=True)
    deduction_before = fields.Monetary(readonly=True)
    deduction_after = fields.Monetary(readonly=True)
    amount = fields.Monetary(
        string="Adjustment",
        readonly=True,
        help="Deducted in the month it lands in: more than zero cuts more, less than "
        "zero pays back.",
    )

    def _compute_display_name(self):
        for adjustment in self:
            adjustment.display_name = self.env._(
                "%(employee)s %(day)s: %(old)s → %(new)s",
                employee=adjustment.employee_id.name,
                day=adjustment.date,
                old=adjustment.old_codes,
                new=adjustment.new_codes,
            )

    @api.model
    def _simantap_record(self, status, codes, reason, origin_line, skip_zero=False):
        """Record the correction of the locked day ``status`` to ``codes``: the
        difference against the month as last paid (the locked line and the
        adjustments already recorded for it), landing in the next open month.
        With ``skip_zero``, a correction that changes no money records nothing."""
        earlier = self.search([("origin_line_id", "=", origin_line.id)], order="id")
        overlay = {
            adjustment.status_id.id: adjustment.new_codes for adjustment in earlier
        }
        before = earlier[-1:].deduction_after if earlier else origin_line.deduction
        percent_before = (
            earlier[-1:].percent_after if earlier else origin_line.capped_percent
        )
        overlay[status.id] = codes
        period = origin_line.period_id
        Facts = self.env["simantap.sanction.month.facts"]
        facts = Facts._simantap_month_facts(
            period.company_id.id,
            period.date_from,
            period.date_to,
            origin_line.employee_id.ids,
            overlay,
            run_from=period.rule_set_id.forfeit_tk_run,
        ).get(origin_line.employee_id.id, {})
        result = tpp.compute(
            period.rule_set_id._simantap_lib(),
            tpp.Month(
                code_days=facts.get("code_days", {}),
                spot_days=facts.get("spot_days", []),
                max_tk_run=facts.get("max_tk_run", 0),
                tpp_base=tpp.dec(origin_line.tpp_base),
            ),
        )
        if skip_zero and float(result.deduction) == before:
            return self.browse()
        landing = period._simantap_open_period_after(
            period.company_id, period.date_from
        )
        old_codes = (
            earlier.filtered(lambda a: a.status_id == status)[-1:].new_codes
            or status.effective_codes
        )
        adjustment = self.create(
            {
                "period_id": landing.id,
                "origin_line_id": origin_line.id,
                "status_id": status.id,
                "date": status.date,
                "employee_id": origin_line.employee_id.id,
                "department_id": origin_line.department_id.id,
                "company_id": origin_line.company_id.id,
                "old_codes": old_codes,
                "new_codes": codes,
                "reason": reason,
                "percent_before": percent_before,
                "percent_after": float(
                    tpp.HUNDRED if result.forfeited else result.capped_percent
                ),
                "deduction_before": before,
                "deduction_after": float(result.deduction),
                "amount": float(result.deduction) - before,
            }
        )
        if landing.state in ("computed", "review"):
            landing._simantap_compute(origin_line.employee_id.ids)
        return adjustment

from odoo import api, fields, models


class SimantapSanctionLine(models.Model):
    """One employee's TPP month: counts per code, percent per rule, the total and the
    capped percent, the TPP base, the deduction in rupiah, adjustments from earlier
    months and the net TPP; with a day-by-day breakdown the employee can read.
    Written by the month's computation only (set-based SQL), frozen by the lock."""

    _name = "simantap.sanction.line"
    _description = "TPP Month Line"
    _order = "period_id desc, department_id, employee_id"
    _rec_name = "employee_id"

    period_id = fields.Many2one(
        "simantap.sanction.period",
        string="Month",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    date_from = fields.Date(related="period_id.date_from", string="Month Start")
    state = fields.Selection(related="period_id.state", string="Month State")
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True, ondelete="restrict"
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit", index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    nip = fields.Char(
        string="NIP",
        readonly=True,
        groups="simantap_attendance.group_simantap_payroll",
    )
    position_class_id = fields.Many2one(
        "simantap.position.class", readonly=True, ondelete="set null"
    )
    base_source = fields.Selection(
        [
            ("class", "Position class"),
            ("override", "Individual amount"),
            ("none", "No TPP assignment"),
        ],
        readonly=True,
    )
    tpp_base = fields.Monetary(string="TPP", readonly=True, aggregator="sum")
    percent_base = fields.Monetary(
        string="Amount Cut From",
        readonly=True,
        aggregator="sum",
        help="The amount the percentages apply to (the discipline component).",
    )
    total_percent = fields.Float(
        string="Total (%)", digits=(16, 4), readonly=True, aggregator="avg"
    )
    capped_percent = fields.Float(
        string="Cut (%)", digits=(16, 4), readonly=True, aggregator="avg"
    )
    forfeited = fields.Boolean(
        readonly=True,
        help="Absent without a valid reason on so many working days in a row that "
        "the whole TPP of the month is forfeited.",
    )
    deduction = fields.Monetary(readonly=True, aggregator="sum")
    adjustment_amount = fields.Monetary(
        string="Adjustments",
        readonly=True,
        aggregator="sum",
        help="Corrections of locked earlier months landing in this month: more "
        "than zero cuts more, less than zero pays back.",
    )
    net = fields.Monetary(string="Net TPP", readonly=True, aggregator="sum")
    working_days = fields.Integer(readonly=True, aggregator="sum")
    tk_days = fields.Integer(string="TK Days", readonly=True, aggregator="sum")
    code_counts = fields.Char(string="Codes", readonly=True)
    item_ids = fields.One2many(
        "simantap.sanction.line.item", "line_id", string="Rules", readonly=True
    )
    detail_ids = fields.One2many(
        "simantap.sanction.line.detail", "line_id", string="Breakdown", readonly=True
    )
    adjustment_ids = fields.One2many(
        "simantap.sanction.adjustment",
        compute="_compute_adjustment_ids",
        string="Adjustment Details",
    )
    breakdown = fields.Text(string="Readable Breakdown", compute="_compute_breakdown")

    _sql_constraints = [
        (
            "period_employee_uniq",
            "unique(period_id, employee_id)",
            "One line per employee and month.",
        ),
    ]

    @api.depends("period_id", "employee_id")
    def _compute_adjustment_ids(self):
        Adjustment = self.env["simantap.sanction.adjustment"]
        for line in self:
            line.adjustment_ids = Adjustment.search(
                [
                    ("period_id", "=", line.period_id.id),
                    ("employee_id", "=", line.employee_id.id),
                ]
            )

    @api.depends("detail_ids")
    def _compute_breakdown(self):
        for line in self:
            text = [detail.description for detail in line.detail_ids]
            line.breakdown = "\n".join(text) or self.env._("No cut this month.")

    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.employee_id.name} · {line.period_id.display_name}"
            )

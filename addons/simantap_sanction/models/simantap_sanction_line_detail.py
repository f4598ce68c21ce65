from odoo import api, fields, models

KINDS = [
    ("occurrence", "Per occurrence"),
    ("day", "Per day"),
    ("month", "Once in the month"),
    ("tier", "Days in the month"),
    ("forfeit", "TPP forfeited"),
]


class SimantapSanctionLineDetail(models.Model):
    """One line of the breakdown an employee reads: on which day, which code, under
    which rule, how many percent (a month or tier figure has no day).

    Written only by the month's computation, several hundred thousand rows at once
    (:meth:`~.simantap_sanction_period.SimantapSanctionPeriod._simantap_store`):
    no create/write log, and the rule is kept as its id without a foreign key,
    because PostgreSQL checks a foreign key row by row, and those checks were a
    third of a regency's month.  A rule deleted since reads as none."""

    _name = "simantap.sanction.line.detail"
    _description = "TPP Month Line Breakdown"
    _order = "line_id, date, code, id"
    _log_access = False

    line_id = fields.Many2one(
        "simantap.sanction.line", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(string="Day", readonly=True)
    code = fields.Char(readonly=True)
    rule_ref = fields.Integer(
        string="Rule Id", readonly=True, help="The id of the rule that applied."
    )
    rule_id = fields.Many2one("simantap.tpp.rule", compute="_compute_rule_id")
    kind = fields.Selection(KINDS, readonly=True)
    count = fields.Integer(string="Days", readonly=True)
    percent = fields.Float(string="Cut (%)", digits=(16, 4), readonly=True)
    description = fields.Char(compute="_compute_description")

    @api.depends("rule_ref")
    def _compute_rule_id(self):
        rules = self.env["simantap.tpp.rule"].browse(set(self.mapped("rule_ref")) - {0})
        existing = set(rules.exists().ids)
        for detail in self:
            detail.rule_id = detail.rule_ref if detail.rule_ref in existing else False

    @api.depends("date", "code", "rule_id", "kind", "count", "percent")
    def _compute_description(self):
        for detail in self:
            percent = f"{detail.percent:g}%"
            rule = detail.rule_id.name or ""
            if detail.kind == "forfeit":
                text = self.env._(
                    "%(count)s working days in a row absent without a valid reason "
                    "(TK): the whole TPP of the month is forfeited",
                    count=detail.count,
                )
            elif detail.kind == "tier":
                text = self.env._(
                    "%(code)s on %(count)s days in the month (%(rule)s): %(percent)s",
                    code=detail.code,
                    count=detail.count,
                    rule=rule,
                    percent=percent,
                )
            elif detail.kind == "month":
                text = self.env._(
                    "%(code)s from %(day)s, once in the month (%(rule)s): %(percent)s",
                    code=detail.code,
                    day=detail.date,
                    rule=rule,
                    percent=percent,
                )
            else:
                text = self.env._(
                    "%(day)s %(code)s (%(rule)s): %(percent)s",
                    day=detail.date,
                    code=detail.code,
                    rule=rule,
                    percent=percent,
                )
            detail.description = text

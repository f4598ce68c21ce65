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
    which rule, how many percent (a month or tier figure has no day)."""

    _name = "simantap.sanction.line.detail"
    _description = "TPP Month Line Breakdown"
    _order = "line_id, date, code, id"

    line_id = fields.Many2one(
        "simantap.sanction.line", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(string="Day", readonly=True)
    code = fields.Char(readonly=True)
    rule_id = fields.Many2one("simantap.tpp.rule", readonly=True, ondelete="set null")
    kind = fields.Selection(KINDS, readonly=True)
    count = fields.Integer(string="Days", readonly=True)
    percent = fields.Float(string="Cut (%)", digits=(16, 4), readonly=True)
    description = fields.Char(compute="_compute_description")

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

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.daily import Bracket


class SimantapStatusBracket(models.Model):
    """Minutes -> code brackets: late arrival (TL), early departure (PSW) and time
    outside the area (keluar area).  The first bracket's lower bound is the grace: with
    TL1 starting at minute 6, up to 5 minutes late is not late."""

    _name = "simantap.status.bracket"
    _description = "Attendance Code Bracket"
    _order = "company_id, kind, minutes_from"

    kind = fields.Selection(
        [
            ("late", "Late arrival"),
            ("early", "Early departure"),
            ("outside", "Outside the area"),
        ],
        required=True,
    )
    minutes_from = fields.Integer(string="From (minutes)", required=True)
    minutes_to = fields.Integer(
        string="To (minutes)", help="Inclusive; 0 means no upper bound."
    )
    code_id = fields.Many2one(
        "simantap.status.code", required=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company",
        help="Empty: the default brackets of every company without its own.",
    )

    @api.constrains("minutes_from", "minutes_to")
    def _check_bounds(self):
        for bracket in self:
            if bracket.minutes_from < 1 or (
                bracket.minutes_to and bracket.minutes_to < bracket.minutes_from
            ):
                raise ValidationError(
                    self.env._(
                        "A bracket starts at minute 1 or later and ends after it starts "
                        "(%(code)s).",
                        code=bracket.code_id.code,
                    )
                )

    @api.model
    def _for_company(self, company):
        """The company's own brackets, else the shared defaults, as lib values."""
        brackets = self.search([("company_id", "=", company.id)]) or self.search(
            [("company_id", "=", False)]
        )
        return brackets._as_lib()

    def _as_lib(self):
        return [
            Bracket(b.kind, b.minutes_from, b.minutes_to or None, b.code_id.code)
            for b in self
        ]

from odoo import api, fields, models


class SimantapStatusCode(models.Model):
    """The regency's vocabulary of daily attendance codes (H, TL1–TL4, PSW1–PSW4, TK,
    DL, leave codes, keluar area...).  Shipped with the defaults of the reference rule
    set; HR may rename them and add their own."""

    _name = "simantap.status.code"
    _description = "Daily Attendance Code"
    _order = "sequence, code"
    _rec_name = "code"

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Meaning", required=True, translate=True)
    category = fields.Selection(
        [
            ("present", "Present"),
            ("late", "Late arrival"),
            ("early", "Early departure"),
            ("missing", "Missing check-in/out"),
            ("absent", "Absent without reason"),
            ("duty", "Field duty"),
            ("leave", "Leave"),
            ("outside", "Outside the area"),
        ],
        required=True,
    )
    counts_as_present = fields.Boolean(
        help="The day counts as worked (present, field duty) in the weekly recap."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each attendance code is defined once."),
    ]

    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.code} – {record.name}"

    @api.model
    def _simantap_resolve(self, codes):
        """``(records, unknown)`` for the code texts ``codes``: the codes defined,
        and, in the order given, those that are not."""
        records = self.search([("code", "in", list(codes))])
        known = set(records.mapped("code"))
        return records, [code for code in codes if code not in known]

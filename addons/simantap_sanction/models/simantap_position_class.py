from odoo import fields, models

GROUPS = "simantap_attendance.group_simantap_officer,simantap_attendance.group_simantap_payroll"


class SimantapPositionClass(models.Model):
    """A position class (kelas jabatan) and the monthly TPP it earns.  TPP (tambahan
    penghasilan pegawai) is the regional performance allowance that attendance
    discipline can cut.  The amount changes with each regulation: dated amounts
    (``amount_ids``) say from when; ``tpp_amount`` applies before the first one."""

    _name = "simantap.position.class"
    _description = "Position Class (kelas jabatan)"
    _order = "grade desc, name"

    name = fields.Char(required=True, translate=True)
    grade = fields.Integer(required=True, help="The class number, 1 (lowest) to 17.")
    tpp_amount = fields.Monetary(
        string="Monthly TPP",
        required=True,
        currency_field="currency_id",
        groups=GROUPS,
        help="The amount before the first dated amount (or always, without any).",
    )
    amount_ids = fields.One2many(
        "simantap.position.class.amount",
        "position_class_id",
        string="Dated Amounts",
        groups=GROUPS,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "grade_company_uniq",
            "unique(grade, company_id)",
            "Each position class appears once per company.",
        ),
        (
            "tpp_amount_positive",
            "CHECK(tpp_amount >= 0)",
            "A TPP amount cannot be negative.",
        ),
    ]

    def _simantap_amount_on(self, day):
        """The monthly TPP of this class on ``day``."""
        self.ensure_one()
        dated = self.amount_ids.filtered(lambda a: a.date_from <= day).sorted(
            "date_from", reverse=True
        )
        return dated[:1].amount if dated else self.tpp_amount

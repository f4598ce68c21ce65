from odoo import fields, models


class SimantapPositionClass(models.Model):
    """A position class (kelas jabatan) and the monthly TPP it earns.  TPP (tambahan
    penghasilan pegawai) is the regional performance allowance that attendance
    discipline can cut."""

    _name = "simantap.position.class"
    _description = "Position Class (kelas jabatan)"
    _order = "grade desc, name"

    name = fields.Char(required=True, translate=True)
    grade = fields.Integer(required=True, help="The class number, 1 (lowest) to 17.")
    tpp_amount = fields.Monetary(
        string="Monthly TPP", required=True, currency_field="currency_id"
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

from odoo import fields, models


class SimantapPositionClassAmount(models.Model):
    """The monthly TPP of a position class from a date on (until the next dated
    amount): the amounts of each regulation, kept side by side."""

    _name = "simantap.position.class.amount"
    _description = "Position Class TPP Amount"
    _order = "position_class_id, date_from desc"

    position_class_id = fields.Many2one(
        "simantap.position.class", required=True, index=True, ondelete="cascade"
    )
    date_from = fields.Date(string="From", required=True)
    amount = fields.Monetary(
        string="Monthly TPP", required=True, currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="position_class_id.currency_id")
    company_id = fields.Many2one(
        related="position_class_id.company_id", store=True, index=True
    )
    note = fields.Char(help="The regulation that set this amount.")

    _sql_constraints = [
        (
            "class_date_uniq",
            "unique(position_class_id, date_from)",
            "A position class has one amount per date.",
        ),
        ("amount_positive", "CHECK(amount >= 0)", "A TPP amount cannot be negative."),
    ]

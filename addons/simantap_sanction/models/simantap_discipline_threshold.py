from odoo import fields, models

LEVELS = [
    ("ringan", "Light (ringan)"),
    ("sedang", "Medium (sedang)"),
    ("berat", "Heavy (berat)"),
]


class SimantapDisciplineThreshold(models.Model):
    """A PP 94/2021 band of days absent without a valid reason (TK) in a calendar
    year, or of such days in a row, and the sanction it calls for.  Reaching it raises
    an alert for the unit head and BKPSDM: a sanction needs an examination by the
    superior, never this count alone."""

    _name = "simantap.discipline.threshold"
    _description = "Discipline Threshold (PP 94/2021)"
    _order = "rank, days_from"

    name = fields.Char(string="Sanction", required=True, translate=True)
    level = fields.Selection(LEVELS, required=True)
    rank = fields.Integer(
        required=True, help="Higher is graver; one alert per employee, year and rank."
    )
    days_from = fields.Integer(string="TK Days From")
    days_to = fields.Integer(string="TK Days To", help="0: no upper bound.")
    consecutive_days = fields.Integer(
        string="TK Days in a Row",
        help="Set for the band reached by consecutive working days absent instead of "
        "a yearly total.",
    )
    active = fields.Boolean(default=True)

from odoo import fields, models

from ..lib import holiday_calendar


class SimantapHolidayImportLine(models.TransientModel):
    """One day of the year's import: ticked days are imported."""

    _name = "simantap.holiday.import.line"
    _description = "Day of the National Holiday Import"
    _order = "date"

    wizard_id = fields.Many2one(
        "simantap.holiday.import", required=True, ondelete="cascade"
    )
    selected = fields.Boolean(string="Import", default=True)
    date = fields.Date(required=True)
    name = fields.Char(required=True)
    kind = fields.Selection(
        [
            (holiday_calendar.NATIONAL, "National Holiday"),
            (holiday_calendar.CUTI_BERSAMA, "Cuti Bersama"),
            (holiday_calendar.REGIONAL, "Regional Day"),
        ],
        required=True,
        default=holiday_calendar.REGIONAL,
    )
    exists = fields.Boolean(string="Already Free", readonly=True)

from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    simantap_treasurer_id = fields.Many2one(
        "hr.employee",
        string="Treasurer (Bendahara)",
        help="Signs the unit's list of TPP cuts beside its head; a sub-unit without "
        "its own takes its parent unit's.",
    )

    def _simantap_treasurer(self):
        """The treasurer of the unit, else of the nearest unit above it."""
        self.ensure_one()
        unit = self
        while unit and not unit.simantap_treasurer_id:
            unit = unit.parent_id
        return unit.simantap_treasurer_id

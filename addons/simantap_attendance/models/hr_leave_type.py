from odoo import fields, models


class HrLeaveType(models.Model):
    _inherit = "hr.leave.type"

    simantap_code_id = fields.Many2one(
        "simantap.status.code",
        string="Attendance Code",
        domain=[("category", "=", "leave")],
        help="The daily attendance code of a day off of this type (CT, CS, CB, ...). "
        "Empty: IZIN.",
    )

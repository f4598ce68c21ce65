from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    simantap_device_limit = fields.Integer(
        string="Active Phones per Employee",
        default=1,
        help="Approving another phone revokes the oldest active one beyond this "
        "number.",
    )
    simantap_device_bind_first = fields.Boolean(
        string="Bind the First Phone Without Approval",
        default=True,
        help="The first phone an employee ever signs in with is bound at once; any "
        "later phone waits for an attendance officer's approval.",
    )

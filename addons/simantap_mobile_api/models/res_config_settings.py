from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    simantap_device_limit = fields.Integer(
        related="company_id.simantap_device_limit", readonly=False
    )
    simantap_device_bind_first = fields.Boolean(
        related="company_id.simantap_device_bind_first", readonly=False
    )

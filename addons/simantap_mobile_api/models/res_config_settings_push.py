from odoo import fields, models


# the push settings apart from the phone-binding ones (res_config_settings.py)
# pylint: disable=consider-merging-classes-inherited
class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    simantap_vapid_public_key = fields.Char(
        related="company_id.simantap_vapid_public_key"
    )
    simantap_vapid_rotated_at = fields.Datetime(
        related="company_id.simantap_vapid_rotated_at"
    )
    simantap_push_contact = fields.Char(
        related="company_id.simantap_push_contact", readonly=False
    )
    simantap_push_spot_check = fields.Boolean(
        related="company_id.simantap_push_spot_check", readonly=False
    )
    simantap_push_check_in = fields.Boolean(
        related="company_id.simantap_push_check_in", readonly=False
    )
    simantap_push_check_out = fields.Boolean(
        related="company_id.simantap_push_check_out", readonly=False
    )
    simantap_push_duty = fields.Boolean(
        related="company_id.simantap_push_duty", readonly=False
    )
    simantap_push_objection = fields.Boolean(
        related="company_id.simantap_push_objection", readonly=False
    )
    simantap_push_review = fields.Boolean(
        related="company_id.simantap_push_review", readonly=False
    )
    simantap_push_check_in_lead = fields.Integer(
        related="company_id.simantap_push_check_in_lead", readonly=False
    )
    simantap_push_quiet_from = fields.Float(
        related="company_id.simantap_push_quiet_from", readonly=False
    )
    simantap_push_quiet_to = fields.Float(
        related="company_id.simantap_push_quiet_to", readonly=False
    )
    simantap_push_daily_cap = fields.Integer(
        related="company_id.simantap_push_daily_cap", readonly=False
    )
    simantap_push_excuse_undelivered = fields.Boolean(
        related="company_id.simantap_push_excuse_undelivered", readonly=False
    )

    def action_simantap_rotate_vapid(self):
        self.ensure_one()
        self.company_id.action_simantap_rotate_vapid()
        return {"type": "ir.actions.client", "tag": "reload"}

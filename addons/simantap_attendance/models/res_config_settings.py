from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    simantap_max_accuracy = fields.Float(
        related="company_id.simantap_max_accuracy", readonly=False
    )
    simantap_geofence_policy = fields.Selection(
        related="company_id.simantap_geofence_policy", readonly=False
    )
    simantap_geofence_tolerance = fields.Integer(
        related="company_id.simantap_geofence_tolerance", readonly=False
    )
    simantap_sync_delay_hours = fields.Integer(
        related="company_id.simantap_sync_delay_hours", readonly=False
    )
    simantap_late_sync_minutes = fields.Integer(
        related="company_id.simantap_late_sync_minutes", readonly=False
    )
    simantap_clock_skew_minutes = fields.Integer(
        related="company_id.simantap_clock_skew_minutes", readonly=False
    )
    simantap_clock_tolerance_seconds = fields.Integer(
        related="company_id.simantap_clock_tolerance_seconds", readonly=False
    )
    simantap_photo_max_bytes = fields.Integer(
        related="company_id.simantap_photo_max_bytes", readonly=False
    )
    simantap_photo_max_megapixels = fields.Float(
        related="company_id.simantap_photo_max_megapixels", readonly=False
    )
    simantap_photo_stale_minutes = fields.Integer(
        related="company_id.simantap_photo_stale_minutes", readonly=False
    )
    simantap_photo_reuse_days = fields.Integer(
        related="company_id.simantap_photo_reuse_days", readonly=False
    )
    simantap_photo_reuse_distance = fields.Integer(
        related="company_id.simantap_photo_reuse_distance", readonly=False
    )
    simantap_impossible_speed_kmh = fields.Float(
        related="company_id.simantap_impossible_speed_kmh", readonly=False
    )
    simantap_device_window_days = fields.Integer(
        related="company_id.simantap_device_window_days", readonly=False
    )
    simantap_ping_interval = fields.Integer(
        related="company_id.simantap_ping_interval", readonly=False
    )
    simantap_ping_grace = fields.Integer(
        related="company_id.simantap_ping_grace", readonly=False
    )
    simantap_spot_checks_per_day = fields.Integer(
        related="company_id.simantap_spot_checks_per_day", readonly=False
    )
    simantap_spot_check_window = fields.Integer(
        related="company_id.simantap_spot_check_window", readonly=False
    )
    simantap_ping_retention_days = fields.Integer(
        related="company_id.simantap_ping_retention_days", readonly=False
    )
    simantap_duty_retroactive_days = fields.Integer(
        related="company_id.simantap_duty_retroactive_days", readonly=False
    )
    simantap_duty_max_bytes = fields.Integer(
        related="company_id.simantap_duty_max_bytes", readonly=False
    )
    simantap_paper_format = fields.Selection(
        related="company_id.simantap_paper_format", readonly=False
    )
    simantap_government_name = fields.Char(
        related="company_id.simantap_government_name", readonly=False
    )
    simantap_signing_place = fields.Char(
        related="company_id.simantap_signing_place", readonly=False
    )

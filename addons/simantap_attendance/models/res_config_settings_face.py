from odoo import api, fields, models

from ..lib import face as face_lib


# Face verification lives in its own files (issue #15), beside the intake.
# pylint: disable=consider-merging-classes-inherited
class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    simantap_face_policy = fields.Selection(
        related="company_id.simantap_face_policy", readonly=False
    )
    simantap_face_threshold = fields.Float(
        related="company_id.simantap_face_threshold", readonly=False
    )
    simantap_face_retention_days = fields.Integer(
        related="company_id.simantap_face_retention_days", readonly=False
    )
    simantap_face_available = fields.Boolean(compute="_compute_simantap_face_status")
    simantap_face_status = fields.Char(compute="_compute_simantap_face_status")

    @api.depends("company_id")
    def _compute_simantap_face_status(self):
        available, reason = face_lib.status()
        for settings in self:
            settings.simantap_face_available = available
            settings.simantap_face_status = (
                self.env._("The face library is loaded.")
                if available
                else self.env._(
                    "The face library cannot load (%(reason)s): every selfie is "
                    "accepted unchecked with the signal 'Face not checked'.",
                    reason=reason,
                )
            )

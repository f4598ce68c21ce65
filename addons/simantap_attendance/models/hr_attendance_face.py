from odoo import fields, models


# Face verification lives in its own files (issue #15), beside the intake.
# pylint: disable=consider-merging-classes-inherited
class HrAttendance(models.Model):
    """The face verdicts of the check-in and check-out selfies, beside them."""

    _inherit = "hr.attendance"

    simantap_in_face_verdict = fields.Selection(
        related="simantap_check_in_attempt_id.face_verdict", string="Check-in Face"
    )
    simantap_in_face_distance = fields.Float(
        related="simantap_check_in_attempt_id.face_distance",
        string="Check-in Face Distance",
    )
    simantap_in_face_reference_photo = fields.Binary(
        related="simantap_check_in_attempt_id.face_reference_photo",
        string="Check-in Closest Reference",
    )
    simantap_out_face_verdict = fields.Selection(
        related="simantap_check_out_attempt_id.face_verdict", string="Check-out Face"
    )
    simantap_out_face_distance = fields.Float(
        related="simantap_check_out_attempt_id.face_distance",
        string="Check-out Face Distance",
    )
    simantap_out_face_reference_photo = fields.Binary(
        related="simantap_check_out_attempt_id.face_reference_photo",
        string="Check-out Closest Reference",
    )

import base64

from odoo import api, fields, models

from .simantap_attendance_attempt_face import FACE_VERDICTS


# Face verification lives in its own files (issue #15), beside the intake.
# pylint: disable=consider-merging-classes-inherited
class SimantapSpotCheck(models.Model):
    """The face step of a spot-check answer: always a signal, never a refusal (a
    spot check answered is a fact of the day; an officer reviews it), checked in
    the background within a minute."""

    _inherit = "simantap.spot.check"

    face_verdict = fields.Selection(
        FACE_VERDICTS, string="Face", readonly=True, index=True
    )
    face_distance = fields.Float(digits=(4, 2), readonly=True, aggregator=None)
    face_reference_id = fields.Many2one(
        "simantap.face.reference",
        string="Closest Reference Face",
        readonly=True,
        ondelete="set null",
        groups="simantap_attendance.group_simantap_officer",
    )
    face_signals = fields.Json(readonly=True)
    face_pending = fields.Boolean(string="Face Check Pending", readonly=True)
    face_reference_photo = fields.Binary(
        string="Closest Reference", compute="_compute_face_reference_photo"
    )

    def _compute_face_reference_photo(self):
        for check in self:
            reference = check.sudo().face_reference_id
            check.face_reference_photo = reference.photo if reference else False

    def _simantap_face_record(self, employee, jpeg):
        """Run the employee's face check on the answer's selfie and store it.  One
        call in the intake (move it with the intake)."""
        self.ensure_one()
        check = employee._simantap_face_check(jpeg, defer=True)
        if check.verdict == "pending":
            self.sudo().face_pending = True
            return check
        self.sudo().write(
            {
                "face_verdict": check.verdict,
                "face_distance": check.distance or 0.0,
                "face_reference_id": check.reference_id or False,
                "face_signals": check.signals or False,
            }
        )
        return check

    @api.model
    def _cron_check_faces(self, batch=100):
        """Check the faces of the answers waiting for it (see the attempt's)."""
        checks = self.sudo().search(
            [("face_pending", "=", True)], order="id", limit=batch
        )
        for check in checks:
            result = check.employee_id._simantap_face_check(
                base64.b64decode(check.photo or b"")
            )
            check.write(
                {
                    "face_pending": False,
                    "face_verdict": result.verdict,
                    "face_distance": result.distance or 0.0,
                    "face_reference_id": result.reference_id or False,
                    "face_signals": result.signals or False,
                }
            )


class SimantapPresence(models.AbstractModel):
    _inherit = "simantap.presence"

    @api.model
    def _spot_result(self, check, replayed=False):
        result = super()._spot_result(check, replayed=replayed)
        result["signals"] = result["signals"] + list(check.sudo().face_signals or {})
        return result

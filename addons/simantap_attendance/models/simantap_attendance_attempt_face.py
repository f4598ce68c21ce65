import base64
from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.tools.sql import create_index

from ..lib.refusals import Refusal

FACE_VERDICTS = [
    ("match", "Match"),
    ("mismatch", "Mismatch"),
    ("not_enrolled", "Not enrolled"),
    ("no_face", "No face"),
    ("several_faces", "Several faces"),
    ("unchecked", "Not checked"),
]
FACE_REFUSALS = [
    ("no_face", "No face in the selfie"),
    ("several_faces", "Several faces in the selfie"),
    ("face_mismatch", "Selfie does not show the employee"),
    ("face_liveness", "The two frames do not show a live person"),
]


# Face verification lives in its own files (issue #15), beside the intake.
# pylint: disable=consider-merging-classes-inherited
class SimantapAttendanceAttempt(models.Model):
    """The face step of a check-in or check-out: the verdict, the distance to the
    employee's closest reference face and that face, beside the selfie."""

    _inherit = "simantap.attendance.attempt"

    reason_code = fields.Selection(selection_add=FACE_REFUSALS)
    face_verdict = fields.Selection(
        FACE_VERDICTS, string="Face", readonly=True, index=True
    )
    face_distance = fields.Float(
        digits=(4, 2),
        readonly=True,
        aggregator=None,
        help="Distance between the selfie's face and the closest reference face: "
        "0 is the same picture; the same person is usually under 0.6.",
    )
    face_reference_id = fields.Many2one(
        "simantap.face.reference",
        string="Closest Reference Face",
        readonly=True,
        ondelete="set null",
        groups="simantap_attendance.group_simantap_officer",
    )
    face_reference_photo = fields.Binary(
        string="Closest Reference", compute="_compute_face_reference_photo"
    )
    face_pending = fields.Boolean(
        string="Face Check Pending",
        readonly=True,
        copy=False,
        help="The face is checked by a background job within a minute (flag "
        "policy); the fraud signal, if any, is added then.",
    )

    face_second_frame = fields.Binary(
        string="Second Frame",
        attachment=True,
        copy=False,
        groups="simantap_attendance.group_simantap_officer",
        help="The phone's second picture, kept only until the background job has "
        "compared it with the selfie (liveness), then deleted.",
    )

    def init(self):
        result = super().init()
        create_index(
            self.env.cr,
            "simantap_attendance_attempt_face_pending_idx",
            self._table,
            ["id"],
            where="face_pending",
        )
        return result

    def _compute_face_reference_photo(self):
        # the reference's photo, not its encoding, to whoever may read the attempt
        for attempt in self:
            reference = attempt.sudo().face_reference_id
            attempt.face_reference_photo = reference.photo if reference else False

    @api.model
    def _simantap_face_step(self, employee, vals, evidence, signals):
        """Run the employee's face check on the selfie in ``evidence``; fill the
        face fields in ``vals`` and the face signals in ``signals``.  Returns the
        :class:`Refusal` the company's policy asks for, or None.  One call in the
        intake's judging step (``simantap.intake._judge_and_store_check``)."""
        photo = evidence.get("photo")
        if not photo:
            return None
        # the refuse policy must answer now; flagging waits for the background job
        refuse = employee.company_id.simantap_face_policy == "refuse"
        check = employee._simantap_face_check(
            photo.jpeg, second_frame=evidence.get("second_frame"), defer=not refuse
        )
        if check.verdict == "pending":
            vals["face_pending"] = True
            if evidence.get("second_frame"):
                # the liveness check runs with the face check, in the background
                vals["face_second_frame"] = base64.b64encode(evidence["second_frame"])
            return None
        vals.update(
            face_verdict=check.verdict,
            face_distance=check.distance or 0.0,
            face_reference_id=check.reference_id or False,
        )
        signals.update(check.signals)
        evidence["face_ms"] = check.milliseconds
        if check.refusal:
            return Refusal(check.refusal, **check.refusal_params)
        return None

    def _simantap_signal_message(self, code, params):
        messages = {
            "face_mismatch": lambda: self.env._(
                "the face in the selfie is %(distance)s from the employee's closest "
                "reference face (the same person is at most %(threshold)s).",
                **params,
            ),
            "no_face": lambda: self.env._("no face was found in the selfie."),
            "several_faces": lambda: self.env._(
                "%(count)s faces were found in the selfie.", **params
            ),
            "face_unchecked": lambda: self.env._(
                "the face could not be checked (%(reason)s).", **params
            ),
            "face_liveness": lambda: self.env._(
                "the two frames failed the liveness check (%(problem)s).", **params
            ),
        }
        if code in messages:
            try:
                return messages[code]()
            except (KeyError, TypeError, ValueError):
                return code
        return super()._simantap_signal_message(code, params)

    @api.model
    def _cron_check_faces(self, batch=100):
        """Check the faces of the selfies waiting for it, oldest first, in
        batches; the cron runs again while some remain."""
        attempts = self.sudo().search(
            [("face_pending", "=", True)], order="id", limit=batch
        )
        for attempt in attempts:
            attempt._simantap_face_check_later()
        remaining = self.sudo().search_count([("face_pending", "=", True)])
        self.env["ir.cron"]._notify_progress(done=len(attempts), remaining=remaining)

    def _simantap_face_check_later(self):
        """The face step of a stored attempt: its verdict, and its signals added
        to the attempt's (which then waits for review if it was accepted)."""
        self.ensure_one()
        attempt = self.sudo()
        vals = {"face_pending": False, "face_second_frame": False}
        if attempt.employee_id and attempt.photo:
            second = attempt.face_second_frame
            check = attempt.employee_id._simantap_face_check(
                base64.b64decode(attempt.photo),
                second_frame=base64.b64decode(second) if second else None,
            )
            vals.update(
                face_verdict=check.verdict,
                face_distance=check.distance or 0.0,
                face_reference_id=check.reference_id or False,
            )
            if check.signals:
                signals = {**(attempt.signal_params or {}), **check.signals}
                Signal = self.env["simantap.fraud.signal"]
                vals.update(
                    signal_params=signals,
                    signal_ids=[(6, 0, Signal._from_codes(signals).ids)],
                    flagged=True,
                )
                if attempt.status == "accepted" and not attempt.review_state:
                    vals["review_state"] = "to_review"
        attempt.write(vals)

    @api.model
    def _simantap_face_mismatches_today(self, company=None):
        """How many of today's (in the user's timezone) check-in attempts of ``company`` (the
        current one by default) raised a face mismatch: for the monitor."""
        company = company or self.env.company
        tz = self.env["simantap.calendar"]._zone(self.env.user.tz)
        today = datetime.now(tz).date()
        start = (
            tz.localize(datetime.combine(today, time.min))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        return self.sudo().search_count(
            [
                ("company_id", "=", company.id),
                ("received_at", ">=", start),
                ("face_verdict", "=", "mismatch"),
            ]
        )

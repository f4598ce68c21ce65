import base64
import time
from dataclasses import dataclass, field

from odoo import api, fields, models

from ..lib import face as face_lib

# What refuses a selfie under the "refuse" policy, in this order; every other
# outcome is a signal at most.
REFUSING = ("no_face", "several_faces", "face_mismatch", "face_liveness")


@dataclass
# Face verification lives in its own files (issue #15), beside the intake.
# pylint: disable=consider-merging-classes-inherited
class FaceCheck:
    """The face step's answer for one selfie."""

    verdict: str  # one of face_lib.VERDICTS
    distance: float | None = None  # to the closest approved reference
    reference_id: int | None = None  # that reference (simantap.face.reference)
    signals: dict = field(default_factory=dict)  # {signal code: message params}
    refusal: str | None = None  # a refusal code when the policy refuses
    refusal_params: dict = field(default_factory=dict)
    milliseconds: int = 0


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    simantap_face_reference_ids = fields.One2many(
        "simantap.face.reference",
        "employee_id",
        string="Reference Faces",
        groups="simantap_attendance.group_simantap_officer",
    )
    simantap_face_enrolled = fields.Boolean(
        string="Face Enrolled",
        compute="_compute_simantap_face_enrolled",
        store=True,
        compute_sudo=True,
        help="The employee has at least one approved reference face.",
    )

    @api.depends("simantap_face_reference_ids.state")
    def _compute_simantap_face_enrolled(self):
        for employee in self:
            employee.simantap_face_enrolled = any(
                reference.state == "approved"
                for reference in employee.simantap_face_reference_ids
            )

    def _simantap_face_references(self):
        """[(reference id, encoding)] of the employee's approved faces."""
        self.ensure_one()
        references = (
            self.env["simantap.face.reference"]
            .sudo()
            .search([("employee_id", "=", self.id), ("state", "=", "approved")])
        )
        return [
            (reference.id, face_lib.unpack(base64.b64decode(reference.encoding)))
            for reference in references
            if reference.encoding
        ]

    def _simantap_face_check(self, photo_bytes, second_frame=None, defer=False):
        """THE face step of a selfie (check-in, check-out, spot-check answer):
        detect, encode, compare with the employee's approved references, and
        judge by the company's policy.  ``second_frame``: the picture the phone
        took about a second later (two-frame liveness check).  Returns a
        :class:`FaceCheck`; never raises for a bad picture or a missing library
        (those are verdicts and signals).  With ``defer``, what is cheap is
        decided now (policy off, library missing, nobody enrolled) and the rest
        answers ``pending``: the caller checks later in the background."""
        self.ensure_one()
        company = self.company_id
        policy = company.simantap_face_policy or "flag"
        if policy == "off":
            return FaceCheck("unchecked")
        threshold = company.simantap_face_threshold or face_lib.DEFAULT_THRESHOLD
        started = time.perf_counter()
        try:
            face_lib.load()
        except face_lib.FaceUnavailable as error:
            return FaceCheck(
                "unchecked", signals={"face_unchecked": {"reason": error.reason}}
            )
        if not self.sudo().simantap_face_enrolled:
            # nothing to compare with: listed for officers, no signal per selfie
            return FaceCheck("not_enrolled")
        if defer:
            return FaceCheck("pending")
        references = self._simantap_face_references()
        if not references:
            return FaceCheck("not_enrolled")
        try:
            analysis = face_lib.analyse(photo_bytes)
            second = face_lib.analyse(second_frame) if second_frame else None
        except face_lib.FaceImageError:
            return FaceCheck(
                "unchecked",
                signals={"face_unchecked": {"reason": "unreadable picture"}},
            )
        reference_id, distance = (None, None)
        if analysis.encoding is not None:
            reference_id, distance = face_lib.closest(analysis.encoding, references)
        verdict = face_lib.verdict(analysis, distance, threshold)
        signals = {}
        if verdict == "mismatch":
            signals["face_mismatch"] = {
                "distance": round(distance, 2),
                "threshold": round(threshold, 2),
            }
        elif verdict == "no_face":
            signals["no_face"] = {}
        elif verdict == "several_faces":
            signals["several_faces"] = {"count": analysis.faces}
        if second is not None:
            problem = face_lib.frames_problem(analysis, second, threshold)
            if problem:
                signals["face_liveness"] = {"problem": problem}
        check = FaceCheck(
            verdict,
            distance=round(distance, 4) if distance is not None else None,
            reference_id=reference_id,
            signals=signals,
            milliseconds=round((time.perf_counter() - started) * 1000),
        )
        if policy == "refuse":
            for code in REFUSING:
                if code in signals:
                    check.refusal = code
                    check.refusal_params = signals[code]
                    break
        return check


class HrEmployeePublic(models.Model):
    """The enrolled flag, readable by officers who have no HR rights (the public
    profile is what they read of employees)."""

    _inherit = "hr.employee.public"

    # whether a reference face exists (not the face itself): readable with the
    # profile, as stock reads every stored field of hr.employee through it
    simantap_face_enrolled = fields.Boolean(string="Face Enrolled", readonly=True)

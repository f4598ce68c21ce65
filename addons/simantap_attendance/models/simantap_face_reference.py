import base64
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import face as face_lib

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "To Approve"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("replaced", "Replaced"),
]
SOURCES = [("officer", "Enrolled by an officer"), ("phone", "Sent from the phone")]


class SimantapFaceReference(models.Model):
    """A reference face of an employee: the photo it was taken from and its face
    encoding (128 numbers that describe the face: personal data under UU PDP).
    Selfies are compared with the employee's approved references only.

    An officer enrols a face from a photo taken in person, or the employee sends
    selfies from the phone; either waits for an officer's approval (and the state
    and approver are tracked).  Approving a re-enrolment replaces the references
    approved before.
    Read only by attendance officers and by the employee themself."""

    _name = "simantap.face.reference"
    _description = "Reference face"
    _inherit = ["mail.thread"]
    _order = "employee_id, id desc"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", string="Unit", store=True
    )
    photo = fields.Binary(string="Source Photo", attachment=True, required=True)
    encoding = fields.Binary(
        string="Face Encoding",
        attachment=False,
        readonly=True,
        copy=False,
        help="128 numbers describing the face, computed from the photo.",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, index=True
    )
    source = fields.Selection(SOURCES, required=True, default="officer", readonly=True)
    reenrolment = fields.Boolean(
        string="Re-enrolment",
        readonly=True,
        help="The employee already had an approved face when this one was sent.",
    )
    approved_by = fields.Many2one("res.users", readonly=True, tracking=True)
    approved_at = fields.Datetime(readonly=True)
    ended_at = fields.Datetime(
        string="Rejected or Replaced On",
        readonly=True,
        help="Retention runs from this date.",
    )

    @api.depends("employee_id", "create_date")
    def _compute_display_name(self):
        for reference in self:
            reference.display_name = self.env._(
                "Face of %(employee)s #%(id)s",
                employee=reference.employee_id.name or "",
                id=reference.id or "",
            )

    # ------------------------------------------------------------------ create

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("encoding") and self.env.su:
                pass  # computed by the caller from the same photo (phone enrolment)
            elif vals.get("photo"):
                vals["encoding"] = base64.b64encode(
                    self._simantap_encode(base64.b64decode(vals["photo"]))
                )
            employee = self.env["hr.employee"].sudo().browse(vals.get("employee_id"))
            vals["reenrolment"] = bool(employee.simantap_face_enrolled)
        references = super().create(vals_list)
        for reference in references.filtered(lambda r: r.state == "approved"):
            reference._simantap_mark_approved()
        return references

    @api.model
    def _simantap_create_from_phone(self, employee, photos):
        """Store the enrolment selfies an employee sent, already analysed
        [(jpeg bytes, Analysis)], waiting for an officer's approval."""
        references = self.sudo().create(
            [
                {
                    "employee_id": employee.id,
                    "photo": base64.b64encode(jpeg),
                    "encoding": base64.b64encode(face_lib.pack(analysis.encoding)),
                    "source": "phone",
                }
                for jpeg, analysis in photos
            ]
        )
        employee.sudo().message_post(
            body=self.env._(
                "%(count)s face enrolment selfie(s) sent from the phone, waiting for "
                "an attendance officer's approval.",
                count=len(references),
            )
        )
        return references

    def write(self, vals):
        if "photo" in vals:
            raise UserError(
                self.env._(
                    "The photo of a reference face cannot be changed: enrol a new one."
                )
            )
        return super().write(vals)

    @api.model
    def _simantap_encode(self, data):
        """The packed encoding of the one face in ``data``, or a UserError saying
        what is wrong (no face, several faces, unreadable, library missing)."""
        problem, analysis = self._simantap_analyse_enrolment(data)
        if problem:
            raise UserError(problem[1])
        return face_lib.pack(analysis.encoding)

    @api.model
    def _simantap_analyse_enrolment(self, data):
        """(None, analysis) when ``data`` holds exactly one face, else
        ((code, message), analysis or None)."""
        try:
            analysis = face_lib.analyse(data)
        except face_lib.FaceUnavailable as error:
            message = self.env._(
                "Faces cannot be enrolled: the face library cannot load (%(reason)s).",
                reason=error.reason,
            )
            return ("face_unavailable", message), None
        except face_lib.FaceImageError:
            message = self.env._("The photo is not a readable image.")
            return ("photo_not_image", message), None
        if analysis.faces == 0:
            message = self.env._(
                "No face was found in the photo: take it again, facing the camera "
                "in good light."
            )
            return ("no_face", message), analysis
        if analysis.faces > 1:
            message = self.env._(
                "%(count)s faces were found in the photo: only the employee may be "
                "in it.",
                count=analysis.faces,
            )
            return ("several_faces", message), analysis
        return None, analysis

    # ------------------------------------------------------------------ approval

    def _simantap_check_officer(self):
        if not self.env.user.has_group("simantap_attendance.group_simantap_officer"):
            raise UserError(
                self.env._("Only an attendance officer may approve or reject a face.")
            )

    def action_approve(self):
        self._simantap_check_officer()
        drafts = self.filtered(lambda r: r.state == "draft")
        drafts.sudo().write(
            {
                "state": "approved",
                "approved_by": self.env.uid,
                "approved_at": fields.Datetime.now(),
            }
        )
        drafts._simantap_mark_approved()
        return True

    def action_reject(self):
        self._simantap_check_officer()
        self.filtered(lambda r: r.state == "draft").sudo().write(
            {"state": "rejected", "ended_at": fields.Datetime.now()}
        )
        return True

    def _simantap_mark_approved(self):
        """Fill who approved an officer's enrolment; a re-enrolment replaces the
        references approved before it, and the employee's chatter says so."""
        for reference in self:
            if not reference.approved_by:
                reference.sudo().write(
                    {"approved_by": self.env.uid, "approved_at": fields.Datetime.now()}
                )
            older = self.sudo().search(
                [
                    ("employee_id", "=", reference.employee_id.id),
                    ("state", "=", "approved"),
                    ("id", "<", reference.id),
                    ("id", "not in", self.ids),
                ]
            )
            if reference.reenrolment and older:
                older.write({"state": "replaced", "ended_at": fields.Datetime.now()})
                reference.employee_id.sudo().message_post(
                    body=self.env._(
                        "Face re-enrolment approved by %(officer)s: %(count)s older "
                        "reference face(s) replaced.",
                        officer=self.env.user.name,
                        count=len(older),
                    )
                )

    # ------------------------------------------------------------------ retention

    @api.model
    def _cron_purge_face_data(self, now=None):
        """Delete reference faces (encoding and photo) past their retention: those
        of employees archived that long ago, and those rejected or replaced that
        long ago.  Set-based, per company."""
        now = now or fields.Datetime.now()
        References = self.sudo().with_context(active_test=False)
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("simantap_face_retention_days", ">", 0)])
        )
        for company in companies:  # 0 days: kept until an officer deletes them
            limit = now - timedelta(days=company.simantap_face_retention_days)
            stale = References.search(
                [
                    ("company_id", "=", company.id),
                    "|",
                    "&",
                    ("state", "in", ("rejected", "replaced")),
                    ("ended_at", "<", limit),
                    "&",
                    ("employee_id.active", "=", False),
                    ("employee_id.write_date", "<", limit),
                ]
            )
            if stale:
                _logger.info("Purged %s reference faces past retention", len(stale))
                stale.unlink()

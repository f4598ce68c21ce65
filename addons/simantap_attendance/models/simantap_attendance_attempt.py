import json

import pytz
from psycopg2 import errorcodes, errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.clock import DEFAULT_TZ

KINDS = [("check_in", "Check-in"), ("check_out", "Check-out")]
VERDICTS = [
    ("inside", "Inside"),
    ("on_duty", "On field duty"),
    ("outside", "Outside"),
]
# The codes an attempt is refused with, short for the list's filters; their
# messages and HTTP statuses are in lib/refusals.py (a test checks each is there).
# Malformed input is refused before the selfie is processed (the attempt keeps no
# evidence); a policy refusal (from mock_location on) keeps the whole evidence,
# selfie included, for the officers.
REFUSALS = [
    ("uuid_missing", "No event UUID"),
    ("uuid_invalid", "Invalid event UUID"),
    ("uuid_conflict", "UUID used by another event"),
    ("employee_unknown", "Unknown or archived employee"),
    ("employee_other_company", "Employee of another company"),
    ("kind_invalid", "Unknown kind of event"),
    ("device_missing", "No device id"),
    ("captured_at_missing", "No capture time"),
    ("captured_at_invalid", "Invalid capture time"),
    ("captured_in_future", "Capture time in the future"),
    ("captured_too_old", "Captured too long ago"),
    ("coordinates_missing", "No coordinates"),
    ("coordinates_invalid", "Invalid coordinates"),
    ("latitude_out_of_range", "Latitude out of range"),
    ("longitude_out_of_range", "Longitude out of range"),
    ("accuracy_invalid", "Invalid accuracy"),
    ("photo_missing", "No selfie"),
    ("photo_too_large", "Selfie too large"),
    ("photo_not_image", "Selfie is not an image"),
    ("photo_format", "Selfie format not accepted"),
    ("photo_too_many_pixels", "Selfie has too many pixels"),
    ("photo_truncated", "Selfie incomplete or damaged"),
    ("mock_location", "Mock location"),
    ("accuracy_too_poor", "GPS accuracy too poor"),
    ("already_checked_in", "Already checked in"),
    ("not_checked_in", "Not checked in"),
    ("attendance_conflict", "Conflicts with another attendance"),
    ("attendance_closed", "Before an attendance already closed"),
    ("no_allowed_location", "No allowed location"),
    ("outside_geofence", "Outside every allowed location"),
]
REVIEW_STATES = [
    ("to_review", "To Review"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
]
# What an officer may change on an attempt: its review, nothing of the evidence.
REVIEW_FIELDS = frozenset(
    {"review_state", "review_comment", "reviewer_id", "reviewed_at"}
)


class SimantapAttendanceAttempt(models.Model):
    """Every check-in or check-out a phone sends, accepted or refused, as it was
    judged: the forensic log of Simantap.  Created only by the intake
    (``simantap.intake._record_check``); an officer may review it, nobody may change its
    evidence.

    The employee/unit/company fields carry the same meaning as in
    ``simantap.employee.record.mixin`` (so the record rules read the same), but the
    employee is optional here: an attempt for an unknown employee is kept too."""

    _name = "simantap.attendance.attempt"
    _description = "Check-in attempt"
    _inherit = ["mail.thread"]
    _order = "received_at desc, id desc"

    uuid = fields.Char(string="Event UUID", readonly=True, copy=False)
    kind = fields.Selection(KINDS, readonly=True)
    employee_id = fields.Many2one(
        "hr.employee", readonly=True, index=True, ondelete="cascade"
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        readonly=True,
        index=True,
        help="The employee's unit when the event was received.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Sent By", readonly=True, ondelete="set null"
    )
    device_id = fields.Char(readonly=True, index=True)
    captured_at = fields.Datetime(
        string="Captured (phone clock)",
        readonly=True,
        help="The time the phone says the event was captured: evidence, not truth.",
    )
    sent_at = fields.Datetime(string="Sent (phone clock)", readonly=True)
    received_at = fields.Datetime(
        string="Received (server)", required=True, readonly=True, index=True
    )
    event_time = fields.Datetime(
        string="Recorded Time",
        readonly=True,
        index=True,
        help="The capture time corrected by the phone's measured clock offset (the "
        "server's clock), never after the receipt.",
    )
    working_day = fields.Date(
        readonly=True,
        index=True,
        help="The day of the recorded time in the employee's timezone.",
    )
    clock_offset = fields.Integer(
        string="Phone Clock Behind By (s)",
        readonly=True,
        help="Server time minus the phone's time when it sent the event; negative "
        "when the phone's clock is ahead.",
    )
    has_fix = fields.Boolean(string="Valid Position", readonly=True)
    latitude = fields.Float(digits=(10, 7), readonly=True, aggregator=None)
    longitude = fields.Float(digits=(10, 7), readonly=True, aggregator=None)
    accuracy = fields.Float(string="Accuracy (m)", readonly=True, aggregator=None)
    mock_location = fields.Boolean(readonly=True)
    raw_payload = fields.Json(
        readonly=True, help="What the phone sent, without the selfie, for forensics."
    )
    raw_payload_text = fields.Text(
        string="Sent by the Phone", compute="_compute_raw_payload_text"
    )
    status = fields.Selection(
        [("accepted", "Accepted"), ("refused", "Refused")],
        required=True,
        readonly=True,
        index=True,
    )
    reason_code = fields.Selection(REFUSALS, string="Refusal", readonly=True)
    reason_params = fields.Json(readonly=True)
    message = fields.Char(
        string="Answer Sent", readonly=True, help="The answer the phone was given."
    )
    verdict = fields.Selection(VERDICTS, readonly=True, index=True)
    location_id = fields.Many2one(
        "hr.work.location", string="Matched Location", readonly=True
    )
    distance = fields.Float(
        string="Distance to Fence (m)",
        digits=(10, 1),
        readonly=True,
        aggregator=None,
        help="From the fix to the nearest point of the nearest allowed geofence; 0 "
        "inside it.",
    )
    signal_ids = fields.Many2many(
        "simantap.fraud.signal",
        "simantap_attempt_signal_rel",
        "attempt_id",
        "signal_id",
        string="Fraud Signals",
        readonly=True,
    )
    signal_params = fields.Json(readonly=True)
    flagged = fields.Boolean(readonly=True, index=True)
    explanation = fields.Text(string="In Plain Words", compute="_compute_explanation")
    photo = fields.Binary(
        string="Selfie",
        attachment=True,
        readonly=True,
        help="Re-encoded as a JPEG of at most 1024 pixels, camera metadata removed.",
    )
    photo_hash = fields.Char(
        string="Selfie Hash", readonly=True, help="64-bit perceptual hash (dHash)."
    )
    photo_taken_at = fields.Datetime(string="Selfie Taken (camera)", readonly=True)
    attendance_id = fields.Many2one("hr.attendance", compute="_compute_attendance_id")
    review_state = fields.Selection(
        REVIEW_STATES, string="Review", tracking=True, index=True
    )
    review_comment = fields.Text(tracking=True)
    reviewer_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)
    reviewed_at = fields.Datetime(readonly=True)
    # for the leaflet map view
    date_localization = fields.Date(string="Map Date", related="working_day")
    map_note = fields.Char(compute="_compute_map_note")

    _sql_constraints = [
        ("uuid_uniq", "unique(uuid)", "An event UUID is recorded once."),
    ]

    # ------------------------------------------------------------------ display

    @api.depends("kind", "employee_id", "event_time", "status")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for attempt in self:
            attempt.display_name = self.env._(
                "%(kind)s of %(employee)s, %(time)s",
                kind=kinds.get(attempt.kind) or self.env._("Event"),
                employee=attempt.employee_id.name or self.env._("unknown employee"),
                time=attempt._simantap_local_text(
                    attempt.event_time or attempt.received_at
                ),
            )

    @api.depends("status", "reason_code", "reason_params", "signal_params", "kind")
    def _compute_explanation(self):
        for attempt in self:
            lines = []
            if attempt.status == "refused":
                lines.append(
                    self.env["simantap.intake"]._refusal_message(
                        attempt.reason_code, attempt.reason_params or {}
                    )
                )
            elif attempt.status == "accepted":
                lines.append(attempt._simantap_accepted_message())
            for signal in attempt.signal_ids:
                params = (attempt.signal_params or {}).get(signal.code, {})
                lines.append(
                    f"• {signal.name}: "
                    + attempt._simantap_signal_message(signal.code, params)
                )
            attempt.explanation = "\n".join(lines)

    @api.depends("verdict", "location_id", "distance", "status")
    def _compute_map_note(self):
        verdicts = dict(self._fields["verdict"]._description_selection(self.env))
        for attempt in self:
            attempt.map_note = self.env._(
                "%(verdict)s %(location)s (%(distance)s m)",
                verdict=verdicts.get(attempt.verdict, ""),
                location=attempt.location_id.name or "",
                distance=round(attempt.distance or 0),
            )

    @api.depends("raw_payload")
    def _compute_raw_payload_text(self):
        for attempt in self:
            attempt.raw_payload_text = json.dumps(
                attempt.raw_payload or {}, indent=1, sort_keys=True, default=str
            )

    def _compute_attendance_id(self):
        Attendance = self.env["hr.attendance"].sudo()
        by_attempt = {}
        if self.ids:
            for attendance in Attendance.search(
                [
                    "|",
                    ("simantap_check_in_attempt_id", "in", self.ids),
                    ("simantap_check_out_attempt_id", "in", self.ids),
                ]
            ):
                by_attempt[attendance.simantap_check_in_attempt_id.id] = attendance.id
                by_attempt[attendance.simantap_check_out_attempt_id.id] = attendance.id
        for attempt in self:
            attempt.attendance_id = by_attempt.get(attempt.id, False)

    # ------------------------------------------------------------------ guards

    def write(self, vals):
        if not self.env.su and set(vals) - REVIEW_FIELDS:
            raise AccessError(
                self.env._(
                    "A check-in attempt is evidence: only its review can be changed."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------ messages

    def _simantap_tz(self):
        employee = self.employee_id.sudo()
        return employee._simantap_tz() if employee else DEFAULT_TZ

    def _simantap_local_text(self, value, with_date=True):
        """A naive UTC datetime as local text in the employee's timezone."""
        if not value:
            return ""
        return self._simantap_tz_text(
            value, self._simantap_tz(), "%Y-%m-%d %H:%M" if with_date else "%H:%M"
        )

    def _simantap_signal_message(self, code, params):
        """The fraud signal ``code`` in plain words, in the current language."""
        messages = {
            "photo_reused": lambda: self.env._(
                "the selfie is nearly the same picture as the one sent on %(date)s "
                "(%(bits)s of 64 bits differ).",
                **params,
            ),
            "photo_stale": lambda: self.env._(
                "the camera took the selfie at %(taken)s, %(minutes)s minutes before "
                "the event.",
                **params,
            ),
            "impossible_travel": lambda: self.env._(
                "%(km)s km from the position of %(previous)s, in %(minutes)s minutes "
                "(%(speed)s km/h).",
                **params,
            ),
            "unknown_device": lambda: self.env._(
                "this phone (%(device)s) was never used by this employee before.",
                **params,
            ),
            "second_device": lambda: self.env._(
                "another phone (%(other)s) was used by this employee in the last "
                "%(days)s days.",
                **params,
            ),
            "shared_device": lambda: self.env._(
                "this phone was used by %(others)s in the last %(days)s days.",
                **params,
            ),
            "late_sync": lambda: self.env._(
                "received %(minutes)s minutes after its capture (sent offline).",
                **params,
            ),
            "clock_skew": lambda: self.env._(
                "the phone's clock is %(seconds)s seconds off the server's.", **params
            ),
            "clock_unmeasured": lambda: self.env._(
                "the phone did not send its clock (sent_at): its capture time, "
                "%(seconds)s seconds before receipt, could not be checked.",
                **params,
            ),
        }
        message = messages.get(code)
        try:
            return message() if message else code
        except (KeyError, TypeError, ValueError):
            return code

    def _simantap_accepted_message(self):
        self.ensure_one()
        return self._simantap_accepted_text(
            self.kind,
            self.event_time,
            self.verdict,
            self.location_id.sudo().name,
            self._simantap_tz(),
        )

    @api.model
    def _simantap_accepted_text(self, kind, event_time, verdict, location, tz):
        time = self._simantap_tz_text(event_time, tz, "%H:%M")
        if kind == "check_out":
            return self.env._("Checked out at %(time)s.", time=time)
        if verdict == "on_duty":
            return self.env._("Checked in at %(time)s, on field duty.", time=time)
        return self.env._(
            "Checked in at %(time)s at %(location)s.",
            time=time,
            location=location or "",
        )

    def _simantap_result(self, replayed=False, attendance=None):
        """The answer of the service for this attempt, plain JSON-able values."""
        self.ensure_one()
        attempt = self.sudo()
        refused = attempt.status == "refused"
        params = attempt.signal_params or {}
        if attendance is None:
            attendance = attempt.attendance_id
        return {
            "uuid": attempt.uuid or None,
            "attempt_id": attempt.id,
            "kind": attempt.kind or None,
            "status": attempt.status,
            "reason": attempt.reason_code or None,
            "message": (
                self.env["simantap.intake"]._refusal_message(
                    attempt.reason_code, attempt.reason_params or {}
                )
                if refused
                else attempt._simantap_accepted_message()
            ),
            "signals": attempt.signal_ids.mapped("code"),
            "signal_messages": [
                {
                    "code": signal.code,
                    "message": attempt._simantap_signal_message(
                        signal.code, params.get(signal.code, {})
                    ),
                }
                for signal in attempt.signal_ids
            ],
            "attendance_id": attendance.id or None,
            "verdict": attempt.verdict or None,
            "distance": attempt.distance if attempt.verdict else None,
            "location_id": attempt.location_id.id or None,
            "location_name": attempt.location_id.name or None,
            "event_time": fields.Datetime.to_string(attempt.event_time) or None,
            "working_day": fields.Date.to_string(attempt.working_day) or None,
            "replayed": replayed,
        }

    # ------------------------------------------------------------------ storing

    def _simantap_create(self, vals, photo=None):
        """Insert the attempt, with ``photo`` (the selfie's JPEG bytes, not base64)
        as its ``photo``; a concurrent request that stored the same UUID first
        makes this one fail with a serialization failure, so that Odoo retries the
        whole request, which then answers with the first result."""
        Attempt = self.sudo().with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
        )
        try:
            attempt = Attempt.create(vals)
        except errors.UniqueViolation as exc:
            if vals.get("uuid") and "uuid_uniq" in str(exc):
                retry = errors.SerializationFailure()
                retry.__setstate__({"pgcode": errorcodes.SERIALIZATION_FAILURE})
                raise retry from exc
            raise
        if photo:
            attempt._simantap_attach_photo(photo)
        return attempt

    def _simantap_attach_photo(self, jpeg):
        """Store ``jpeg`` as this attempt's ``photo``, the attachment the Binary
        field would make, given as bytes: the field would take base64, which
        ir.attachment then decodes three times (type, size check, storage) in the
        phone's request."""
        self.ensure_one()
        self.env["ir.attachment"].sudo().create(
            {
                "name": "photo",
                "res_model": self._name,
                "res_field": "photo",
                "res_id": self.id,
                "type": "binary",
                "mimetype": "image/jpeg",
                "raw": jpeg,
            }
        )
        self.invalidate_recordset(["photo"])

    @api.model
    def _simantap_tz_text(self, value, tz, pattern="%Y-%m-%d %H:%M"):
        """A naive UTC datetime as local text in the timezone ``tz``."""
        return pytz.utc.localize(value).astimezone(pytz.timezone(tz)).strftime(pattern)

    # ------------------------------------------------------------------ actions

    def action_open_map(self):
        """This attempt's fix on the map."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": self._name,
            "view_mode": "leaflet_map,form",
            "views": [
                (
                    self.env.ref(
                        "simantap_attendance.simantap_attendance_attempt_view_map"
                    ).id,
                    "leaflet_map",
                ),
                (False, "form"),
            ],
            "domain": [("id", "=", self.id)],
        }

    def action_open_attendance(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.attendance",
            "view_mode": "form",
            "res_id": self.attendance_id.id,
        }

    def _simantap_review(self, decision, comment):
        """An officer's decision on accepted (typically flagged) attempts: genuine
        ('accepted') or not ('rejected'), with a comment, in the chatter of the
        attempts and of their attendances."""
        if not self.env.user.has_group("simantap_attendance.group_simantap_officer"):
            raise AccessError(self.env._("Only attendance officers review check-ins."))
        if decision not in ("accepted", "rejected"):
            raise UserError(self.env._("Choose to accept or to reject."))
        comment = (comment or "").strip()
        if not comment:
            raise UserError(self.env._("Say why: a review needs a comment."))
        if self.filtered(lambda attempt: attempt.status != "accepted"):
            raise UserError(
                self.env._(
                    "Only recorded check-ins and check-outs can be reviewed: a "
                    "refused attempt stays refused."
                )
            )
        self.write(
            {
                "review_state": decision,
                "review_comment": comment,
                "reviewer_id": self.env.uid,
                "reviewed_at": fields.Datetime.now(),
            }
        )
        decisions = dict(self._fields["review_state"]._description_selection(self.env))
        for attempt in self:
            body = self.env._(
                "%(what)s reviewed: %(decision)s. %(comment)s",
                what=attempt.display_name,
                decision=decisions[decision],
                comment=comment,
            )
            attempt.message_post(body=body)
            if attempt.attendance_id:
                attempt.attendance_id.message_post(body=body)
        return True

    def action_review(self):
        """Open the review of the selected flagged attempts."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review"),
            "res_model": "simantap.attendance.review",
            "view_mode": "form",
            "target": "new",
            "context": {"default_attempt_ids": [(6, 0, self.ids)]},
        }

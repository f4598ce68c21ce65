import base64
import json
import logging
import math
import uuid as uuid_lib
from datetime import datetime, timedelta

import pytz
from psycopg2 import errorcodes, errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib import geofence
from ..lib import photo as photo_lib

_logger = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Jakarta"
KINDS = [("check_in", "Check-in"), ("check_out", "Check-out")]
VERDICTS = [
    ("inside", "Inside"),
    ("on_duty", "On field duty"),
    ("outside", "Outside"),
]
# Every refusal has one of these codes.  Malformed input is refused before the
# selfie is processed (the attempt keeps no evidence); a policy refusal (from
# mock_location on) keeps the whole evidence, selfie included, for the officers.
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


class Refusal(Exception):
    """Internal: stops the service with a refusal code and message parameters."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def _truthy(value):
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


class SimantapAttendanceAttempt(models.Model):
    """Every check-in or check-out a phone sends, accepted or refused, as it was
    judged: the forensic log of Simantap.  Created only by the service
    :meth:`_simantap_record`; an officer may review it, nobody may change its
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
                    attempt._simantap_reason_message(
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

    def _simantap_reason_message(self, code, params):
        """The refusal ``code`` in plain words, in the current language."""
        messages = {
            "uuid_missing": lambda: self.env._("The event has no identifier (UUID)."),
            "uuid_invalid": lambda: self.env._(
                "The event identifier is not a valid UUID."
            ),
            "uuid_conflict": lambda: self.env._(
                "This event identifier was already used for another event."
            ),
            "employee_unknown": lambda: self.env._(
                "No active employee is linked to this account."
            ),
            "employee_other_company": lambda: self.env._(
                "This employee belongs to another organisation."
            ),
            "kind_invalid": lambda: self.env._(
                "Only check-in and check-out can be recorded."
            ),
            "device_missing": lambda: self.env._(
                "The phone did not send its device id."
            ),
            "captured_at_missing": lambda: self.env._(
                "The phone did not send the capture time."
            ),
            "captured_at_invalid": lambda: self.env._(
                "The capture time is not a valid time."
            ),
            "captured_in_future": lambda: self.env._(
                "The capture time is %(minutes)s minutes ahead of the server: check "
                "the phone's clock.",
                **params,
            ),
            "captured_too_old": lambda: self.env._(
                "The event was captured more than %(hours)s hours ago and can no "
                "longer be sent.",
                **params,
            ),
            "coordinates_missing": lambda: self.env._("The position is missing."),
            "coordinates_invalid": lambda: self.env._(
                "The position is not a valid number."
            ),
            "latitude_out_of_range": lambda: self.env._(
                "The latitude must lie between -90 and 90."
            ),
            "longitude_out_of_range": lambda: self.env._(
                "The longitude must lie between -180 and 180."
            ),
            "accuracy_invalid": lambda: self.env._(
                "The GPS accuracy is missing or negative."
            ),
            "photo_missing": lambda: self.env._("A selfie is required."),
            "photo_too_large": lambda: self.env._(
                "The selfie is %(size)s MB; at most %(maximum)s MB is accepted.",
                **params,
            ),
            "photo_not_image": lambda: self.env._("The selfie is not an image."),
            "photo_format": lambda: self.env._(
                "The selfie is a %(format)s image; send a JPEG, PNG or WebP.",
                **params,
            ),
            "photo_too_many_pixels": lambda: self.env._(
                "The selfie has too many pixels (at most %(maximum)s megapixels).",
                **params,
            ),
            "photo_truncated": lambda: self.env._(
                "The selfie is incomplete or damaged; take it again."
            ),
            "mock_location": lambda: self.env._(
                "The phone reports a mock (fake) location. Turn off location "
                "spoofing apps and developer mock locations."
            ),
            "accuracy_too_poor": lambda: self.env._(
                "The GPS accuracy is %(accuracy)s m; at most %(maximum)s m is needed. "
                "Move to open sky and try again.",
                **params,
            ),
            "already_checked_in": lambda: self.env._(
                "You already checked in today at %(since)s.", **params
            ),
            "not_checked_in": lambda: self.env._(
                "You have not checked in today, so you cannot check out."
            ),
            "attendance_conflict": lambda: self.env._(
                "This event conflicts with another attendance: %(detail)s", **params
            ),
            "attendance_closed": lambda: self.env._(
                "This check-in, captured at %(time)s, comes before your check-out at "
                "%(check_out)s that is already recorded: it cannot be placed.",
                **params,
            ),
            "no_allowed_location": lambda: self.env._(
                "No place of work with a geofence is set for you. Contact your "
                "attendance officer."
            ),
            "outside_geofence": lambda: " ".join(
                text
                for text in (
                    self.env._(
                        "You are %(distance)s m outside %(location)s.", **params
                    ),
                    self.env["hr.work.location"]._simantap_rule_text(
                        params.get("rule"),
                        params.get("tolerance"),
                        params.get("allowance"),
                    ),
                )
                if text
            ),
        }
        message = messages.get(code)
        try:
            return message() if message else code or ""
        except (KeyError, TypeError, ValueError):
            return code

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
                attempt._simantap_reason_message(
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

    # ------------------------------------------------------------------ service

    @api.model
    def _simantap_record(self, employee, kind, payload):
        """THE door for a check-in or check-out sent by a phone (see
        ``hr.employee._simantap_record_check``).  Validates, judges, raises the fraud
        signals, stores the attempt (always) and the attendance (when accepted), and
        returns :meth:`_simantap_result`.  The same UUID again returns the first
        result and stores nothing."""
        received = fields.Datetime.now().replace(microsecond=0)
        payload = dict(payload or {})
        sudo = self.sudo()
        if isinstance(employee, int):
            employee = self.env["hr.employee"].browse(employee)
        employee = (employee or self.env["hr.employee"]).sudo().exists()[:1]
        vals = {
            "received_at": received,
            "event_time": received,
            "user_id": self.env.uid,
            "employee_id": employee.id,
            "department_id": employee.department_id.id,
            "company_id": (employee.company_id or self.env.company).id,
            "raw_payload": self._simantap_raw_payload(kind, payload),
        }
        if kind in dict(KINDS):
            vals["kind"] = kind
        try:
            vals["uuid"] = self._simantap_check_uuid(payload.get("uuid"))
        except Refusal as refusal:
            return self._simantap_store_refusal(vals, refusal)
        first = sudo.search([("uuid", "=", vals["uuid"])], limit=1)
        if first:
            if first.employee_id == employee and first.kind == kind:
                return first._simantap_result(replayed=True)
            return self._simantap_conflict_result(vals["uuid"], kind)
        try:
            evidence = self._simantap_validate(employee, kind, payload, vals)
        except Refusal as refusal:
            return self._simantap_store_refusal(vals, refusal)
        return self._simantap_judge_and_store(employee, kind, vals, evidence)

    def _simantap_conflict_result(self, event_uuid, kind):
        message = self._simantap_reason_message("uuid_conflict", {})
        return {
            "uuid": event_uuid,
            "attempt_id": None,
            "kind": kind if kind in dict(KINDS) else None,
            "status": "refused",
            "reason": "uuid_conflict",
            "message": message,
            "signals": [],
            "signal_messages": [],
            "attendance_id": None,
            "verdict": None,
            "distance": None,
            "location_id": None,
            "location_name": None,
            "event_time": None,
            "working_day": None,
            "replayed": False,
        }

    @api.model
    def _simantap_raw_payload(self, kind, payload):
        raw = {"kind": kind if isinstance(kind, str) else repr(kind)}
        for key, value in payload.items():
            if key == "photo":
                raw["photo_size"] = len(value) if value else 0
            elif isinstance(value, datetime):
                raw[key] = value.isoformat()
            elif value is None or isinstance(value, bool | int | str):
                raw[key] = value if not isinstance(value, str) else value[:200]
            elif isinstance(value, float):
                raw[key] = value if math.isfinite(value) else repr(value)
            else:
                raw[key] = repr(value)[:200]
        return raw

    @api.model
    def _simantap_check_uuid(self, value):
        if value is None or value == "":
            raise Refusal("uuid_missing")
        try:
            return str(uuid_lib.UUID(str(value).strip()))
        except ValueError as exc:
            raise Refusal("uuid_invalid") from exc

    @api.model
    def _simantap_validate(self, employee, kind, payload, vals):
        """Check the input, cheapest first; fill ``vals`` and return the evidence
        needed to judge.  Raises :class:`Refusal` for malformed input."""
        if not employee or not employee.active:
            raise Refusal("employee_unknown")
        if employee.company_id not in self.env.companies:
            raise Refusal("employee_other_company")
        if kind not in dict(KINDS):
            raise Refusal("kind_invalid")
        device = payload.get("device_id")
        device = str(device).strip()[:128] if device not in (None, "") else ""
        if not device:
            raise Refusal("device_missing")
        vals["device_id"] = device
        company = employee.company_id
        timing = self._simantap_check_time(company, payload, vals["received_at"], vals)
        try:
            lat, lon, acc = geofence.check_fix(
                payload.get("latitude"),
                payload.get("longitude"),
                payload.get("accuracy"),
                max_accuracy=math.inf,
            )
        except geofence.FixError as error:
            raise Refusal(error.code, **error.params) from error
        vals.update(has_fix=True, latitude=lat, longitude=lon, accuracy=acc)
        vals["mock_location"] = _truthy(payload.get("mock_location"))
        photo = self._simantap_check_photo(company, payload.get("photo"))
        tz = employee._simantap_tz()
        vals.update(
            photo=base64.b64encode(photo.jpeg),
            photo_hash=photo.phash_hex,
            photo_taken_at=photo.taken_at_utc(tz),
        )
        event_time = vals["event_time"]
        vals["working_day"] = (
            pytz.utc.localize(event_time).astimezone(pytz.timezone(tz)).date()
        )
        return {"photo": photo, "tz": tz, "company": company, **timing}

    @api.model
    def _simantap_check_photo(self, company, data):
        max_bytes = company.simantap_photo_max_bytes
        try:
            if isinstance(data, str):
                data = photo_lib.decode_base64(data, max_bytes)
            return photo_lib.process(
                data or b"",
                max_bytes=max_bytes,
                max_megapixels=company.simantap_photo_max_megapixels,
            )
        except photo_lib.PhotoError as error:
            raise Refusal(error.code, **error.params) from error

    # ------------------------------------------------------------------ judging

    @api.model
    def _simantap_judge_and_store(self, employee, kind, vals, evidence):
        company = evidence["company"]
        event_time = vals["event_time"]
        judgement = {"verdict": False, "location_id": False, "distance": None}
        if vals["accuracy"] <= company.simantap_max_accuracy:  # else never judged
            judgement = employee._simantap_judge_fix(
                vals["latitude"], vals["longitude"], vals["accuracy"], event_time
            )
        vals.update(
            verdict=judgement["verdict"],
            location_id=judgement["location_id"],
            distance=judgement["distance"] or 0.0,
        )
        signals = self._simantap_signals(employee, vals, evidence)
        face_refusal = self._simantap_face_step(employee, vals, evidence, signals)
        vals.update(
            signal_ids=[
                (6, 0, self.env["simantap.fraud.signal"]._from_codes(signals).ids)
            ],
            signal_params=signals,
            flagged=bool(signals),
        )
        try:
            if face_refusal:
                raise face_refusal
            if vals["mock_location"]:
                raise Refusal("mock_location")
            if vals["accuracy"] > company.simantap_max_accuracy:
                raise Refusal(
                    "accuracy_too_poor",
                    accuracy=round(vals["accuracy"]),
                    maximum=round(company.simantap_max_accuracy),
                )
            plan = self._simantap_plan_attendance(employee, kind, vals, evidence)
            if judgement["verdict"] == "outside":
                raise self._simantap_outside_refusal(judgement)
        except Refusal as refusal:
            return self._simantap_store_refusal(vals, refusal)
        vals.update(
            status="accepted",
            review_state="to_review" if signals else False,
            message=self._simantap_accepted_text(
                kind,
                event_time,
                judgement["verdict"],
                self.env["hr.work.location"]
                .sudo()
                .browse(judgement["location_id"])
                .name,
                evidence["tz"],
            ),
        )
        attempt = self._simantap_create(vals)
        try:
            with self.env.cr.savepoint():
                attendance = attempt._simantap_store_attendance(plan)
        except ValidationError as error:
            attendance = self.env["hr.attendance"]
            params = {"detail": str(error)}
            attempt.sudo().write(
                {
                    "status": "refused",
                    "reason_code": "attendance_conflict",
                    "reason_params": params,
                    "review_state": False,
                    "message": self._simantap_reason_message(
                        "attendance_conflict", params
                    ),
                }
            )
        return attempt._simantap_result(attendance=attendance)

    @api.model
    def _simantap_outside_refusal(self, judgement):
        """Outside: of the allowed locations, or of an approved duty's destination."""
        duty = judgement.get("duty")
        if duty:
            where = duty.sudo().display_name
        elif judgement["location_id"]:
            where = (
                self.env["hr.work.location"]
                .sudo()
                .browse(judgement["location_id"])
                .name
            )
        else:
            return Refusal("no_allowed_location")
        return Refusal(
            "outside_geofence",
            distance=round(judgement["distance"] or 0),
            location=where,
            rule=judgement.get("policy") or "",
            allowance=round(judgement.get("allowance") or 0),
            tolerance=round(judgement.get("tolerance") or 0),
        )

    @api.model
    def _simantap_create(self, vals):
        """Insert the attempt; a concurrent request that stored the same UUID first
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
        return attempt

    @api.model
    def _simantap_store_refusal(self, vals, refusal):
        vals.update(
            status="refused",
            reason_code=refusal.code,
            reason_params=refusal.params or {},
            review_state=False,
            message=self._simantap_reason_message(refusal.code, refusal.params or {}),
        )
        if vals.get("kind") not in dict(KINDS):
            vals.pop("kind", None)
        return self._simantap_create(vals)._simantap_result(
            attendance=self.env["hr.attendance"]
        )

    # ------------------------------------------------------------------ signals

    @api.model
    def _simantap_signals(self, employee, vals, evidence):
        """The fraud signals of a valid event: {code: message parameters}."""
        company = evidence["company"]
        event_time = vals["event_time"]
        signals = {}
        # the same picture as one of the employee's recent selfies
        photo = evidence["photo"]
        since = event_time - timedelta(days=company.simantap_photo_reuse_days)
        best = None
        for phash, when in self._simantap_recent_photo_hashes(employee, since):
            bits = photo_lib.hamming(photo.phash, phash)
            if bits <= company.simantap_photo_reuse_distance and (
                best is None or bits < best[0]
            ):
                best = (bits, when)
        if best:
            signals["photo_reused"] = {
                "bits": best[0],
                "date": self._simantap_tz_text(best[1], evidence["tz"]),
            }
        # a picture taken well before the event
        taken = vals.get("photo_taken_at")
        stale = timedelta(minutes=company.simantap_photo_stale_minutes)
        if taken and taken < evidence["captured"] - stale:
            signals["photo_stale"] = {
                "taken": self._simantap_tz_text(taken, evidence["tz"]),
                "minutes": round((evidence["captured"] - taken).total_seconds() / 60),
            }
        # a journey no one can make
        previous = self._simantap_previous_fix(employee, event_time)
        if previous:
            speed = geofence.unexplained_speed_kmh(
                (
                    previous["latitude"],
                    previous["longitude"],
                    previous["accuracy"],
                    previous["time"],
                ),
                (vals["latitude"], vals["longitude"], vals["accuracy"], event_time),
            )
            if speed > company.simantap_impossible_speed_kmh:
                km = geofence.distance_m(
                    previous["latitude"],
                    previous["longitude"],
                    vals["latitude"],
                    vals["longitude"],
                )
                signals["impossible_travel"] = {
                    "km": round(km / 1000, 1),
                    "previous": self._simantap_tz_text(
                        previous["time"], evidence["tz"]
                    ),
                    "minutes": round(
                        abs((event_time - previous["time"]).total_seconds()) / 60
                    ),
                    "speed": "∞" if math.isinf(speed) else round(speed),
                }
        signals.update(
            self._simantap_device_signals(
                employee, vals["device_id"], event_time, company
            )
        )
        if evidence["late_minutes"]:
            signals["late_sync"] = {"minutes": evidence["late_minutes"]}
        if evidence["skew_seconds"]:
            signals["clock_skew"] = {"seconds": evidence["skew_seconds"]}
        if evidence.get("unmeasured_seconds"):
            signals["clock_unmeasured"] = {"seconds": evidence["unmeasured_seconds"]}
        return signals

    @api.model
    def _simantap_tz_text(self, value, tz, pattern="%Y-%m-%d %H:%M"):
        """A naive UTC datetime as local text in the timezone ``tz``."""
        return pytz.utc.localize(value).astimezone(pytz.timezone(tz)).strftime(pattern)

    @api.model
    def _simantap_recent_photo_hashes(self, employee, since):
        """[(hash as int, naive UTC time)] of the employee's selfies since ``since``.
        Extend to compare with selfies stored elsewhere (spot checks)."""
        self.flush_model(["employee_id", "photo_hash", "event_time"])
        self.env.cr.execute(
            SQL(
                """
                SELECT photo_hash, event_time
                  FROM simantap_attendance_attempt
                 WHERE employee_id = %s
                   AND photo_hash IS NOT NULL
                   AND event_time >= %s
                """,
                employee.id,
                since,
            )
        )
        return [
            (photo_lib.hash_from_hex(phash), when)
            for phash, when in self.env.cr.fetchall()
        ]

    @api.model
    def _simantap_previous_fix(self, employee, before):
        """The employee's last valid fix at or before ``before``: a dict with
        latitude, longitude, accuracy and time, or None.  Extend to include fixes
        stored elsewhere (presence pings)."""
        self.flush_model(["employee_id", "has_fix", "event_time"])
        self.env.cr.execute(
            SQL(
                """
                SELECT latitude, longitude, accuracy, event_time
                  FROM simantap_attendance_attempt
                 WHERE employee_id = %s
                   AND has_fix
                   AND event_time <= %s
              ORDER BY event_time DESC, id DESC
                 LIMIT 1
                """,
                employee.id,
                before,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return None
        return dict(
            zip(("latitude", "longitude", "accuracy", "time"), row, strict=True)
        )

    @api.model
    def _simantap_device_signals(self, employee, device, event_time, company):
        """unknown_device: the employee has used other phones but never this one
        (the first phone an employee uses is enrolled silently); second_device:
        another phone of the employee's within the device window; shared_device: this
        phone used by another employee within the window.  The mobile API's device
        binding may extend this."""
        since = event_time - timedelta(days=company.simantap_device_window_days)
        self.flush_model(["employee_id", "device_id", "event_time"])
        self.env.cr.execute(
            SQL(
                """
                SELECT bool_or(device_id = %(device)s),
                       count(*),
                       min(device_id) FILTER (
                           WHERE device_id <> %(device)s AND event_time >= %(since)s
                       )
                  FROM simantap_attendance_attempt
                 WHERE employee_id = %(employee)s
                   AND device_id IS NOT NULL
                """,
                device=device,
                since=since,
                employee=employee.id,
            )
        )
        seen, count, other = self.env.cr.fetchone()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT employee_id
                  FROM simantap_attendance_attempt
                 WHERE device_id = %(device)s
                   AND employee_id <> %(employee)s
                   AND event_time >= %(since)s
                 LIMIT 5
                """,
                device=device,
                since=since,
                employee=employee.id,
            )
        )
        others = [row[0] for row in self.env.cr.fetchall()]
        signals = {}
        if count and not seen:
            signals["unknown_device"] = {"device": device}
        if other:
            signals["second_device"] = {
                "other": other,
                "days": company.simantap_device_window_days,
            }
        if others:
            names = self.env["hr.employee"].sudo().browse(others).mapped("name")
            signals["shared_device"] = {
                "others": ", ".join(names),
                "days": company.simantap_device_window_days,
            }
        return signals

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

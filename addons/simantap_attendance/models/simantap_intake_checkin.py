import math
from datetime import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import intake
from ..lib import photo as photo_lib
from ..lib.refusals import Refusal

CHECK_KINDS = ("check_in", "check_out")


# The intake is split by door to keep each file readable; pylint-odoo would have
# them in one file.
# pylint: disable=consider-merging-classes-inherited
class SimantapIntake(models.AbstractModel):
    """The check-in and check-out door: validated by the intake's steps, judged,
    kept as a ``simantap.attendance.attempt`` (always) and written on
    hr.attendance (when accepted)."""

    _inherit = "simantap.intake"

    @api.model
    def _record_check(self, employee, kind, payload):
        """Record a check-in or check-out sent by ``employee``'s phone: the one door
        the mobile API, the offline batch, the backend and the tests use.

        ``kind`` is 'check_in' or 'check_out'; ``payload`` a dict with ``uuid``,
        ``device_id``, ``captured_at`` (phone clock, UTC: datetime or ISO 8601),
        optional ``sent_at`` (phone clock when sending), ``latitude``,
        ``longitude``, ``accuracy`` (m), ``mock_location`` (bool) and ``photo``
        (bytes, or base64 text).  ``employee`` may be empty or an id (unknown
        employee: the attempt is still logged).  The caller has resolved the
        employee (the API from its device token); rights are not the caller's:
        the attempt and the attendance are written as superuser.

        Validates (the steps of this model), judges, raises the fraud signals,
        stores the attempt (always) and the attendance (when accepted).  Returns a
        JSON-able dict, see ``simantap.attendance.attempt._simantap_result``:
        status ('accepted'/'refused'), reason (refusal code or None), message,
        signals (codes), signal_messages, attendance_id, attempt_id, verdict,
        distance, location_id, location_name, event_time, working_day, replayed.
        The same UUID again returns the first result and stores nothing; the days
        the attendance touched are evaluated once, when the door closes."""
        with self.env["simantap.presence"]._simantap_door():
            return self._record_check_in_door(employee, kind, payload)

    @api.model
    def _record_check_in_door(self, employee, kind, payload):
        """:meth:`_record_check`'s work, inside its door."""
        Attempt = self.env["simantap.attendance.attempt"]
        received = fields.Datetime.now().replace(microsecond=0)
        payload = dict(payload or {})
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
            "raw_payload": self._raw_payload(kind, payload),
        }
        if kind in CHECK_KINDS:
            vals["kind"] = kind
        try:
            vals["uuid"] = intake.read_uuid(payload.get("uuid"))
        except Refusal as refusal:
            return self._store_check_refusal(vals, refusal)
        first = Attempt.sudo().search([("uuid", "=", vals["uuid"])], limit=1)
        if first:
            if first.employee_id == employee and first.kind == kind:
                return first._simantap_result(replayed=True)
            return self._check_conflict_result(vals["uuid"], kind)
        try:
            evidence = self._validate_check(employee, kind, payload, vals)
        except Refusal as refusal:
            return self._store_check_refusal(vals, refusal)
        return self._judge_and_store_check(employee, kind, vals, evidence)

    @api.model
    def _check_conflict_result(self, event_uuid, kind):
        return {
            "uuid": event_uuid,
            "attempt_id": None,
            "kind": kind if kind in CHECK_KINDS else None,
            "status": "refused",
            "reason": "uuid_conflict",
            "message": self._refusal_message("uuid_conflict"),
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
    def _raw_payload(self, kind, payload):
        """What the phone sent, without the selfie, for forensics."""
        raw = {"kind": kind if isinstance(kind, str) else repr(kind)}
        for key, value in payload.items():
            if key in ("photo", "second_photo"):
                raw[f"{key}_size"] = len(value) if value else 0
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
    def _validate_check(self, employee, kind, payload, vals):
        """The intake's steps for a check-in or check-out, cheapest first: fill
        ``vals`` as each field is read (a refused attempt keeps what was read) and
        return the evidence needed to judge.  Raises :class:`Refusal`."""
        self._check_employee(employee, same_company=True)
        if kind not in CHECK_KINDS:
            raise Refusal("kind_invalid")
        vals["device_id"] = intake.read_device(payload.get("device_id"), True)
        company = employee.company_id
        captured = intake.read_capture_time(payload.get("captured_at"))
        vals["captured_at"] = captured
        dating = intake.date(
            captured,
            payload.get("sent_at"),
            vals["received_at"],
            self._clock_bounds(company),
        )
        if dating.sent:
            vals["sent_at"] = dating.sent
            vals["clock_offset"] = int(dating.offset.total_seconds())
        vals["event_time"] = dating.event_time
        event = intake.Event(
            kind=kind,
            uuid=vals["uuid"],
            device_id=vals["device_id"],
            captured_at=captured,
            dating=dating,
            received_at=vals["received_at"],
            mock_location=intake.truthy(payload.get("mock_location")),
            payload=payload,
        )
        # the accuracy limit and a mock location are policy, refused after judging
        event = intake.with_position(event)
        position = event.position
        vals.update(
            has_fix=True,
            latitude=position.latitude,
            longitude=position.longitude,
            accuracy=position.accuracy,
            mock_location=event.mock_location,
        )
        event, selfie_signals = self._check_selfie(employee, event)
        second_frame = self._check_second_frame(employee, payload.get("second_photo"))
        photo = event.photo
        tz = employee._simantap_tz()
        vals.update(
            photo_hash=photo.phash_hex,
            photo_taken_at=photo.taken_at_utc(tz),
            photo_pending=not photo.reencoded,
            working_day=pytz.utc.localize(dating.event_time)
            .astimezone(pytz.timezone(tz))
            .date(),
        )
        return {
            "event": event,
            "photo": photo,
            "selfie_signals": selfie_signals,
            "second_frame": second_frame,
            "tz": tz,
            "company": company,
            "captured": dating.event_time,
            "late_minutes": (
                round(dating.delay.total_seconds() / 60) if dating.late else 0
            ),
            "skew_seconds": dating.skew_seconds,
            "unmeasured_seconds": dating.unmeasured_seconds,
        }

    @api.model
    def _check_second_frame(self, employee, data):
        """The optional second frame the phone took about a second after the
        selfie (two-frame liveness check): None when not sent, else its bytes,
        checked by the selfie's rules (the same refusals: ``photo_too_large``,
        ``photo_not_image``...).  Never stored."""
        if data is None or data in ("", b""):
            return None
        company = employee.company_id
        frame = intake.read_photo(
            data,
            max_bytes=company.simantap_photo_max_bytes or photo_lib.DEFAULT_MAX_BYTES,
            max_megapixels=company.simantap_photo_max_megapixels
            or photo_lib.DEFAULT_MAX_MEGAPIXELS,
            reencode=False,
        )
        return frame.jpeg

    @api.model
    def _judge_and_store_check(self, employee, kind, vals, evidence):
        """Step 7: the geofence or duty, the fraud signals, the policy refusals;
        the attempt stored, and the attendance when accepted."""
        Attempt = self.env["simantap.attendance.attempt"]
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
        signals = Attempt._simantap_signals(employee, vals, evidence)
        signals.update(evidence["selfie_signals"])
        face_refusal = Attempt._simantap_face_step(employee, vals, evidence, signals)
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
            plan = Attempt._simantap_plan_attendance(employee, kind, vals, evidence)
            if judgement["verdict"] == "outside":
                raise self._outside_refusal(judgement)
        except Refusal as refusal:
            return self._store_check_refusal(
                vals, refusal, photo=evidence["photo"].jpeg
            )
        vals.update(
            status="accepted",
            review_state="to_review" if signals else False,
            message=Attempt._simantap_accepted_text(
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
        attempt = Attempt._simantap_create(vals, photo=evidence["photo"].jpeg)
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
                    "message": self._refusal_message("attendance_conflict", params),
                }
            )
        return attempt._simantap_result(attendance=attendance)

    @api.model
    def _outside_refusal(self, judgement):
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
    def _store_check_refusal(self, vals, refusal, photo=None):
        vals.update(
            status="refused",
            reason_code=refusal.code,
            reason_params=refusal.params or {},
            review_state=False,
            message=self._refusal_message(refusal.code, refusal.params or {}),
        )
        if vals.get("kind") not in CHECK_KINDS:
            vals.pop("kind", None)
        Attempt = self.env["simantap.attendance.attempt"]
        return Attempt._simantap_create(vals, photo=photo)._simantap_result(
            attendance=self.env["hr.attendance"]
        )

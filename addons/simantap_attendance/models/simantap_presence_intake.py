import base64
import binascii
import logging
import uuid as uuid_lib
from collections import defaultdict
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import clock, geofence, sqlarray
from ..lib import photo as photo_lib

_logger = logging.getLogger(__name__)

# The events an offline batch may hold; attendance events are applied first, so
# that a ping of the batch finds the check-in it follows, whatever the order sent.
EVENT_KINDS = ("check_in", "check_out", "ping", "spot_check_answer")


class Refusal(Exception):
    """An event that is not stored: ``code`` is stable, ``params`` fill the message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


class SimantapPresenceIntake(models.AbstractModel):
    """The phone's doors: pings, spot-check answers, today's state, the offline batch,
    and the wording of their refusals."""

    _inherit = "simantap.presence"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ reasons

    @api.model
    def _reason_message(self, code, params=None):
        """The translated sentence for a refusal ``code``."""
        params = params or {}
        messages = {
            "employee_unknown": self.env._("This employee is unknown or archived."),
            "uuid_missing": self.env._("The event has no identifier (UUID)."),
            "uuid_invalid": self.env._("The event identifier is not a valid UUID."),
            "uuid_conflict": self.env._(
                "This identifier (UUID) was already used for another event."
            ),
            "kind_invalid": self.env._("This kind of event is not known."),
            "captured_at_missing": self.env._("The event has no capture time."),
            "captured_at_invalid": self.env._(
                "The capture time of the event is not valid."
            ),
            "captured_in_future": self.env._(
                "The capture time is ahead of the server's clock: check the "
                "phone's date and time."
            ),
            "captured_too_old": self.env._(
                "The event was captured more than %(hours)s hours ago; it can no "
                "longer be sent.",
                hours=params.get("hours", ""),
            ),
            "outside_working_hours": self.env._(
                "No position is collected outside working hours or approved duty."
            ),
            "not_checked_in": self.env._(
                "No position is collected while you are not checked in (or on "
                "approved duty)."
            ),
            "mock_location": self.env._(
                "The phone reported a fake (mock) location. Turn off mock location "
                "apps and try again."
            ),
            "coordinates_missing": self.env._(
                "The position has no latitude or longitude."
            ),
            "coordinates_invalid": self.env._(
                "The latitude or longitude is not a number."
            ),
            "latitude_out_of_range": self.env._(
                "The latitude must lie between -90 and 90."
            ),
            "longitude_out_of_range": self.env._(
                "The longitude must lie between -180 and 180."
            ),
            "accuracy_invalid": self.env._(
                "The accuracy of the position is not valid."
            ),
            "accuracy_too_poor": self.env._(
                "The position is too imprecise (%(accuracy)s m, at most %(maximum)s "
                "m allowed). Move to open sky and try again.",
                accuracy=params.get("accuracy", ""),
                maximum=params.get("maximum", ""),
            ),
            "spot_check_unknown": self.env._(
                "There is no such spot check due for you."
            ),
            "spot_check_closed": self.env._(
                "This spot check is closed; it can no longer be answered."
            ),
            "photo_missing": self.env._("The selfie is missing."),
            "photo_too_large": self.env._(
                "The selfie is too large (%(size)s MB, at most %(maximum)s MB).",
                size=params.get("size", ""),
                maximum=params.get("maximum", ""),
            ),
            "photo_not_image": self.env._("The selfie is not a picture."),
            "photo_format": self.env._(
                "The selfie must be a JPEG, PNG or WebP picture, not %(format)s.",
                format=params.get("format", ""),
            ),
            "photo_too_many_pixels": self.env._(
                "The selfie has too many pixels (at most %(maximum)s megapixels).",
                maximum=params.get("maximum", ""),
            ),
            "photo_truncated": self.env._("The selfie is incomplete or damaged."),
        }
        return messages.get(code) or self.env._("Refused (%(code)s).", code=code)

    @api.model
    def _refused(self, uuid, code, params=None, kind=None):
        """A refusal, shaped like the check-in service's results."""
        return {
            "uuid": uuid if isinstance(uuid, str) else None,
            "kind": kind,
            "status": "refused",
            "reason": code,
            "message": self._reason_message(code, params),
            "signals": [],
            "verdict": None,
            "distance": None,
            "location_id": None,
            "event_time": None,
            "working_day": None,
            "replayed": False,
        }

    @api.model
    def _parse_event(self, employee, payload, now):
        """The fields common to every phone event, checked; raises Refusal.
        ``employee`` is an existing record (see :meth:`_employees`) or empty."""
        if not employee or not employee.active:
            raise Refusal("employee_unknown")
        uuid = payload.get("uuid")
        if uuid is None or uuid == "":
            raise Refusal("uuid_missing")
        try:  # the canonical text, as the check-in service stores it
            uuid = str(uuid_lib.UUID(str(uuid).strip()))
        except ValueError as error:
            raise Refusal("uuid_invalid") from error
        if payload.get("captured_at") in (None, ""):
            raise Refusal("captured_at_missing")
        try:
            captured_at = clock.utc_naive(payload["captured_at"])
        except (TypeError, ValueError) as error:
            raise Refusal("captured_at_invalid") from error
        try:
            dating = clock.date_event(
                captured_at,
                payload.get("sent_at"),
                now,
                **self.env["simantap.attendance.attempt"]._simantap_dating_bounds(
                    employee.company_id
                ),
            )
        except clock.DatingRefusal as refusal:
            raise Refusal(refusal.code, **refusal.params) from refusal
        offset = dating.offset
        return {
            "uuid": uuid,
            "employee": employee,
            "device_id": (str(payload.get("device_id") or "")[:128]) or None,
            "captured_at": dating.event_time,
            "clock_offset": None if offset is None else int(offset.total_seconds()),
            "received_at": now,
            "late_sync": dating.late,
            "latitude": payload.get("latitude"),
            "longitude": payload.get("longitude"),
            "accuracy": payload.get("accuracy"),
            "mock_location": bool(payload.get("mock_location")),
        }

    @api.model
    def _check_position(self, event):
        """Mock flag and coordinates of an event; returns (lat, lon, accuracy)."""
        if event["mock_location"]:
            raise Refusal("mock_location")
        try:
            return geofence.check_fix(
                event["latitude"],
                event["longitude"],
                event["accuracy"],
                event["employee"].company_id.simantap_max_accuracy
                or geofence.DEFAULT_MAX_ACCURACY,
            )
        except geofence.FixError as error:
            raise Refusal(error.code, **error.params) from error

    @api.model
    def _ping_result(self, row, replayed=False):
        return {
            "uuid": row["uuid"],
            "kind": "ping",
            "status": "accepted",
            "reason": None,
            "message": None,
            "ping_id": row["id"],
            "signals": ["late_sync"] if row["late_sync"] else [],
            "verdict": row["verdict"],
            "distance": row["distance"],
            "location_id": row["location_id"] or None,
            "event_time": fields.Datetime.to_string(row["captured_at"]),
            "working_day": fields.Date.to_string(row["work_date"]),
            "replayed": replayed,
        }

    @api.model
    def _stored_pings(self, uuids):
        if not uuids:
            return {}
        self.env["simantap.presence.ping"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT uuid, id, employee_id, work_date, captured_at, verdict,
                       distance, location_id, late_sync
                  FROM simantap_presence_ping WHERE uuid = ANY(%s::varchar[])
                """,
                sqlarray.literal(uuids),
            )
        )
        return {row["uuid"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def _ingest_pings(self, items, now=None):
        """Validate, judge and store pings: ``items`` is a list of
        ``(employee, payload)``; returns one result per item, in order.

        A payload holds ``uuid``, ``device_id``, ``captured_at`` (datetime or ISO
        8601 text; UTC when naive), ``latitude``, ``longitude``, ``accuracy``
        (metres) and ``mock_location``.  A result is a JSON-able dict shaped like
        the check-in service's: ``uuid``, ``kind`` ('ping'), ``status``
        ('accepted' or 'refused'), ``reason`` (refusal code) and ``message``,
        ``ping_id``, ``signals`` (['late_sync']), ``verdict`` ('inside',
        'on_duty', 'outside'), ``distance`` (m), ``location_id``, ``event_time``
        (the capture time, UTC text), ``working_day`` (the employee's local day)
        and ``replayed`` (the UUID was already stored: the first result comes
        back and nothing new is stored)."""
        now = now or fields.Datetime.now()
        self = self.sudo()
        results = [None] * len(items)
        events = {}  # index -> parsed event
        first_of = {}  # uuid -> index of its first occurrence in the batch
        known = self._employees(employee for employee, _payload in items)
        Employee = self.env["hr.employee"]
        for index, (employee, payload) in enumerate(items):
            payload = payload or {}
            employee = known.get(employee.id if employee else None, Employee)
            try:
                event = self._parse_event(employee, payload, now)
            except Refusal as refusal:
                results[index] = self._refused(
                    payload.get("uuid"), refusal.code, refusal.params, kind="ping"
                )
                continue
            if event["uuid"] in first_of:
                results[index] = ("same_as", first_of[event["uuid"]])
                continue
            first_of[event["uuid"]] = index
            events[index] = event
        stored = self._stored_pings({event["uuid"] for event in events.values()})
        for index, event in list(events.items()):
            row = stored.get(event["uuid"])
            if row is None:
                continue
            del events[index]
            if row["employee_id"] != event["employee"].id:
                results[index] = self._refused(
                    event["uuid"], "uuid_conflict", kind="ping"
                )
            else:
                results[index] = self._ping_result(row, replayed=True)
        rows = self._judge_pings(events, results, now)
        inserted = self.env["simantap.presence.ping"]._insert_rows(
            [row for _index, row in rows]
        )
        late = {}
        for index, row in rows:
            if row["uuid"] in inserted:
                results[index] = self._ping_result(dict(row, id=inserted[row["uuid"]]))
            else:  # stored by a concurrent request meanwhile
                late[index] = row["uuid"]
        if late:
            again = self._stored_pings(set(late.values()))
            for index, uuid in late.items():
                results[index] = self._ping_result(again[uuid], replayed=True)
        for index, result in enumerate(results):
            if isinstance(result, tuple):
                first = dict(results[result[1]])
                first["replayed"] = first["status"] == "accepted"
                results[index] = first
        self._mark_days(
            (row["employee_id"], row["work_date"])
            for index, row in rows
            if results[index]["status"] == "accepted"
        )
        return results

    @api.model
    def _judge_pings(self, events, results, now):
        """Privacy, position and verdict of parsed pings; fills ``results`` with the
        refusals and returns ``[(index, row)]`` of the pings to store."""
        if not events:
            return []
        employees = self.env["hr.employee"].union(
            *(event["employee"] for event in events.values())
        )
        for event in events.values():
            event["work_date"] = self._local_date(
                event["employee"], event["captured_at"]
            )
        windows = self._working_windows(
            {(event["employee"], event["work_date"]) for event in events.values()}
        )
        times = [event["captured_at"] for event in events.values()]
        first, last = min(times) - timedelta(days=1), max(times) + timedelta(days=1)
        attendances = self._attendances(employees.ids, first, last)
        duties = self._duty_intervals(employees.ids, first, last)
        batch = {"duties": duties, "fences": {}}  # read once, not once per ping
        rows = []
        for index, event in events.items():
            employee = event["employee"]
            when = event["captured_at"]
            try:
                tolerance = timedelta(
                    minutes=employee.company_id.simantap_clock_skew_minutes
                )
                working = any(
                    start <= when <= stop
                    for start, stop in windows.get(
                        (employee.id, event["work_date"]), ()
                    )
                )
                attendance_id = self._covering_attendance(
                    attendances.get(employee.id, ()), when, tolerance
                )
                if not (working and attendance_id) and not (
                    employee._simantap_covering_duty(when, duties)
                ):
                    raise Refusal(
                        "not_checked_in" if working else "outside_working_hours"
                    )
                latitude, longitude, accuracy = self._check_position(event)
            except Refusal as refusal:
                results[index] = self._refused(
                    event["uuid"], refusal.code, refusal.params, kind="ping"
                )
                continue
            judgement = employee._simantap_judge_fix(
                latitude, longitude, accuracy, when, batch
            )
            rows.append(
                (
                    index,
                    {
                        "uuid": event["uuid"],
                        "employee_id": employee.id,
                        "device_id": event["device_id"],
                        "captured_at": when,
                        "clock_offset": event["clock_offset"],
                        "received_at": now,
                        "work_date": event["work_date"],
                        "latitude": latitude,
                        "longitude": longitude,
                        "accuracy": accuracy,
                        "mock_location": False,
                        "verdict": judgement["verdict"],
                        "location_id": judgement["location_id"] or None,
                        "distance": judgement["distance"],
                        "attendance_id": attendance_id or None,
                        "late_sync": event["late_sync"],
                    },
                )
            )
        return rows

    @api.model
    def _record_ping(self, employee, payload, now=None):
        """One ping from the phone (see :meth:`_ingest_pings` for the payload and
        the result); the result also carries ``spot_check``: the spot check now due
        (see :meth:`_today`), or None."""
        now = now or fields.Datetime.now()
        result = self._ingest_pings([(employee, payload)], now=now)[0]
        result["spot_check"] = (
            None
            if result["reason"] == "employee_unknown"
            else self._due_spot_check(employee.sudo(), now)
        )
        return result

    # ------------------------------------------------------------------ today

    @api.model
    def _open_attendance(self, employee):
        return (
            self.env["hr.attendance"]
            .sudo()
            .search(
                [("employee_id", "=", employee.id), ("check_out", "=", False)],
                order="check_in desc",
                limit=1,
            )
        )

    @api.model
    def _due_spot_check(self, employee, now, attendance=None, duty=None):
        """The earliest spot check of the employee due now and still answerable,
        if they are checked in (since before the drawn moment) or on duty; it is
        marked as told to the phone.  Returns its description or None."""
        if attendance is None:
            attendance = self._open_attendance(employee)
        if duty is None:
            duty = employee._simantap_covering_duty(now)
        if not attendance and not duty:
            return None
        domain = [
            ("employee_id", "=", employee.id),
            ("state", "=", "pending"),
            ("due_at", "<=", now),
            "|",
            ("close_at", "=", False),
            ("close_at", ">", now),
        ]
        if attendance and not duty:
            domain.append(("due_at", ">=", attendance.check_in))
        check = (
            self.env["simantap.spot.check"]
            .sudo()
            .search(domain, order="due_at", limit=1)
        )
        if not check:
            return None
        check._notify(now)
        return check._as_due(now)

    @api.model
    def _today(self, employee, now=None):
        """What the phone needs to know now about presence checks.

        Returns a JSON-able dict (times as UTC text): ``employee_id``,
        ``working_day``; ``checked_in``, ``attendance_id``, ``check_in``;
        ``on_duty``; ``working_now`` and ``working_intervals`` (today's,
        ``[[start, stop]]``); ``collecting`` (pings are accepted now);
        ``ping_interval_minutes``; ``last_contact_at``; ``next_ping_at`` (None
        when not collecting; in the past means "now"); ``spot_check``: None or
        ``{id, due_at, deadline, seconds_left, late}`` -- the phone must answer
        it with a selfie and a fix (:meth:`_answer_spot_check`).  Asking marks
        the spot check as told: its answer window starts then."""
        now = now or fields.Datetime.now()
        self = self.sudo()
        employee = employee.sudo().ensure_one()
        day = self._local_date(employee, now)
        windows = self._working_windows([(employee, day)]).get((employee.id, day), [])
        working = any(start <= now <= stop for start, stop in windows)
        attendance = self._open_attendance(employee)
        duty = employee._simantap_covering_duty(now)
        collecting = bool((working and attendance) or duty)
        last_contact = self._last_contacts(employee.ids).get(employee.id)
        interval = self._ping_interval(employee)
        next_ping = None
        if collecting:
            # on duty with no check-in nor contact yet: the cadence starts now
            contacts = [last_contact, attendance.check_in if attendance else None]
            next_ping = max([when for when in contacts if when] or [now]) + timedelta(
                minutes=interval
            )
        to_text = fields.Datetime.to_string
        return {
            "employee_id": employee.id,
            "working_day": fields.Date.to_string(day),
            "checked_in": bool(attendance),
            "attendance_id": attendance.id or None,
            "check_in": to_text(attendance.check_in) or None,
            "on_duty": bool(duty),
            "working_now": working,
            "working_intervals": [[to_text(a), to_text(b)] for a, b in windows],
            "collecting": collecting,
            "ping_interval_minutes": interval,
            "last_contact_at": to_text(last_contact) or None,
            "next_ping_at": to_text(next_ping) or None,
            "spot_check": self._due_spot_check(
                employee, now, attendance=attendance, duty=duty
            ),
        }

    @api.model
    def _last_contacts(self, employee_ids):
        """``{employee_id: the latest capture time of a ping, a spot-check answer
        or an attendance event}``."""
        if not employee_ids:
            return {}
        for model in ("simantap.presence.ping", "simantap.spot.check", "hr.attendance"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT e.id, GREATEST(
                    (SELECT max(captured_at) FROM simantap_presence_ping p
                      WHERE p.employee_id = e.id),
                    (SELECT max(captured_at) FROM simantap_spot_check s
                      WHERE s.employee_id = e.id),
                    (SELECT max(GREATEST(check_in, check_out)) FROM hr_attendance a
                      WHERE a.employee_id = e.id))
                  FROM hr_employee e WHERE e.id = ANY(%s)
                """,
                list(employee_ids),
            )
        )
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------------ spot checks

    @api.model
    def _spot_result(self, check, replayed=False):
        signals = ["late_sync"] if check.late_sync else []
        if check.photo_reused:
            signals.append("photo_reused")
        return {
            "uuid": check.uuid,
            "kind": "spot_check_answer",
            "status": "accepted",
            "reason": None,
            "message": None,
            "spot_check_id": check.id,
            "state": check.state,
            "signals": signals,
            "verdict": check.verdict,
            "distance": check.distance,
            "location_id": check.location_id.id or None,
            "event_time": fields.Datetime.to_string(check.captured_at),
            "working_day": fields.Date.to_string(check.work_date),
            "replayed": replayed,
        }

    @api.model
    def _answer_spot_check(self, employee, payload, now=None):
        """The answer to a due spot check: ``payload`` as for a ping plus
        ``spot_check_id`` and ``photo`` (the selfie: bytes, or base64 text).

        Judged by the server's clock: within the window -> ``answered_inside``
        (inside a fence or on duty) or ``answered_outside``; within a second window
        -> ``late``; after that the spot check is closed (``spot_check_closed``).
        Returns a JSON-able dict like :meth:`_ingest_pings`' results (``kind``
        'spot_check_answer'), with ``spot_check_id`` and ``state`` instead of
        ``ping_id``; signals: 'late_sync', 'photo_reused'."""
        now = now or fields.Datetime.now()
        self = self.sudo()
        employee = (employee or self.env["hr.employee"]).sudo().exists()[:1]
        payload = payload or {}
        kind = "spot_check_answer"
        SpotCheck = self.env["simantap.spot.check"].sudo()
        try:
            event = self._parse_event(employee, payload, now)
            previous = SpotCheck.search([("uuid", "=", event["uuid"])], limit=1)
            if previous:
                if previous.employee_id != employee:
                    raise Refusal("uuid_conflict")
                return self._spot_result(previous, replayed=True)
            try:
                check_id = int(payload.get("spot_check_id") or 0)
            except (TypeError, ValueError):
                check_id = 0
            check = SpotCheck.browse(check_id).exists() if check_id > 0 else SpotCheck
            if not check or check.employee_id != employee or check.due_at > now:
                raise Refusal("spot_check_unknown")
            if check.state != "pending":
                raise Refusal("spot_check_closed")
            if check.close_at and now > check.close_at:
                check.write({"state": "unanswered"})
                raise Refusal("spot_check_closed")
            latitude, longitude, accuracy = self._check_position(event)
            picture = self._spot_photo(employee, payload.get("photo"))
        except Refusal as refusal:
            return self._refused(
                payload.get("uuid"), refusal.code, refusal.params, kind=kind
            )
        check._notify(now)
        judgement = employee._simantap_judge_fix(
            latitude, longitude, accuracy, event["captured_at"]
        )
        if now > check.deadline:
            state = "late"
        elif judgement["verdict"] == "outside":
            state = "answered_outside"
        else:
            state = "answered_inside"
        check.write(
            {
                "state": state,
                "uuid": event["uuid"],
                "device_id": event["device_id"],
                "answered_at": now,
                "captured_at": event["captured_at"],
                "clock_offset": event["clock_offset"],
                "latitude": latitude,
                "longitude": longitude,
                "accuracy": accuracy,
                "verdict": judgement["verdict"],
                "location_id": judgement["location_id"],
                "distance": judgement["distance"],
                "late_sync": event["late_sync"],
                "photo": base64.b64encode(picture.jpeg),
                "photo_hash": picture.phash_hex,
                "photo_reused": self._photo_reused(employee, picture.phash, now),
            }
        )
        self._mark_days([(employee.id, check.work_date)])
        return self._spot_result(check)

    @api.model
    def _photo_reused(self, employee, phash, now):
        """Whether the selfie is the same picture as one of the employee's recent
        selfies (check-ins and check-outs, earlier spot checks)."""
        company = employee.company_id
        since = now - timedelta(days=company.simantap_photo_reuse_days or 60)
        distance = company.simantap_photo_reuse_distance
        hashes = [
            phash_int
            for phash_int, _when in self.env[
                "simantap.attendance.attempt"
            ]._simantap_recent_photo_hashes(employee, since)
        ]
        hashes += [
            photo_lib.hash_from_hex(check.photo_hash)
            for check in self.env["simantap.spot.check"].search_fetch(
                [
                    ("employee_id", "=", employee.id),
                    ("photo_hash", "!=", False),
                    ("answered_at", ">=", since),
                ],
                ["photo_hash"],
            )
        ]
        return any(photo_lib.hamming(phash, other) <= distance for other in hashes)

    @api.model
    def _spot_photo(self, employee, data):
        """The selfie checked and re-encoded by the shared photo rules."""
        company = employee.company_id
        max_bytes = company.simantap_photo_max_bytes or photo_lib.DEFAULT_MAX_BYTES
        try:
            if isinstance(data, str):
                data = photo_lib.decode_base64(data, max_bytes)
            return photo_lib.process(
                data,
                max_bytes=max_bytes,
                max_megapixels=company.simantap_photo_max_megapixels
                or photo_lib.DEFAULT_MAX_MEGAPIXELS,
            )
        except photo_lib.PhotoError as error:
            raise Refusal(error.code, **error.params) from error
        except (binascii.Error, TypeError) as error:
            raise Refusal("photo_not_image") from error

    # ------------------------------------------------------------------ batch

    @api.model
    def _sync_batch(self, employee, events, now=None):
        """An offline batch: ``events`` is a list of dicts, each with ``kind``
        ('check_in', 'check_out', 'ping', 'spot_check_answer') and that event's
        payload, in any order, possibly sent before.  Attendance events go first
        (in capture order, through the check-in service), then the pings in one
        batch, then the spot-check answers; each event is answered on its own, a
        bad one never stops the good ones, and the days touched are derived once
        at the end.

        Returns ``{"results": [one result per event, in the order sent],
        "spot_check": the spot check due now or None}``; each result is the one
        of the event's door (``status``, ``reason``, ``replayed``...)."""
        now = now or fields.Datetime.now()
        self = self.sudo()
        employee = (employee or self.env["hr.employee"]).sudo().exists()[:1]
        results = [None] * len(events)
        by_kind = defaultdict(list)
        for index, event in enumerate(events):
            event = event if isinstance(event, dict) else {}
            kind = event.get("kind")
            if kind not in EVENT_KINDS:
                results[index] = self._refused(event.get("uuid"), "kind_invalid")
            else:
                by_kind[kind].append((index, event))

        def capture_order(entry):
            try:
                return (0, clock.utc_naive(entry[1].get("captured_at")), "")
            except (TypeError, ValueError):
                return (1, datetime.min, "")

        for index, event in sorted(
            by_kind["check_in"] + by_kind["check_out"], key=capture_order
        ):
            with self.env.cr.savepoint():
                results[index] = employee._simantap_record_check(event["kind"], event)
        pings = by_kind["ping"]
        ingested = self._ingest_pings([(employee, event) for _i, event in pings], now)
        for (index, _event), result in zip(pings, ingested, strict=True):
            results[index] = result
        for index, event in sorted(by_kind["spot_check_answer"], key=capture_order):
            with self.env.cr.savepoint():
                results[index] = self._answer_spot_check(employee, event, now=now)
        days = {
            (employee.id, fields.Date.to_date(result["working_day"]))
            for result in results
            if result.get("status") == "accepted" and result.get("working_day")
        }
        self._simantap_touch_days(days, episodes=True, now=now)
        return {
            "results": results,
            "spot_check": self._due_spot_check(employee, now),
        }

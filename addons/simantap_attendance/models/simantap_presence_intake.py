import base64
import logging
from collections import defaultdict
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import intake, sqlarray
from ..lib import photo as photo_lib
from ..lib.refusals import Refusal

_logger = logging.getLogger(__name__)

# The events an offline batch may hold; attendance events are applied first, so
# that a ping of the batch finds the check-in it follows, whatever the order sent.
EVENT_KINDS = ("check_in", "check_out", "ping", "spot_check_answer")


# simantap.presence is split by concern (calendar core, intake, days) to keep each
# file readable; pylint-odoo would have them in one file.
# pylint: disable=consider-merging-classes-inherited
class SimantapPresenceIntake(models.AbstractModel):
    """The phone's presence doors: pings, spot-check answers, today's state and the
    offline batch.  Each reads its events through the steps of ``simantap.intake``
    (the check-ins of a batch through its door, ``_record_check``); refusals are
    worded by the catalogue (:mod:`..lib.refusals`)."""

    _inherit = "simantap.presence"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ reading

    @api.model
    def _parse_event(self, employee, payload, now, kind, memo=None):
        """The intake's steps 2-3 for a presence event (see ``simantap.intake``):
        the employee, the UUID, the device and the phone's clock; raises
        :class:`Refusal`.  ``employee`` is an existing record (see
        :meth:`_employees`) or empty.  Returns the working dict of the door, the
        :class:`..lib.intake.Event` under ``event``.

        ``memo`` (a dict kept for one batch) remembers each employee found
        acceptable and their company's clock bounds: read once, not per event."""
        Intake = self.env["simantap.intake"]
        bounds = memo.get(employee.id) if memo is not None and employee else None
        if bounds is None:
            Intake._check_employee(employee)
            bounds = Intake._clock_bounds(employee.company_id)
            if memo is not None:
                memo[employee.id] = bounds
        event = Intake._read_event(employee, payload, kind, now, bounds=bounds)
        return {
            "event": event,
            "uuid": event.uuid,
            "employee": employee,
            "device_id": event.device_id,
            "captured_at": event.event_time,
            "clock_offset": event.clock_offset,
            "received_at": now,
            "late_sync": event.dating.late,
        }

    @api.model
    def _check_position(self, event, max_accuracy=None):
        """Mock flag and coordinates of an event; returns (lat, lon, accuracy)."""
        position = (
            self.env["simantap.intake"]
            ._check_position(event["employee"], event["event"], max_accuracy)
            .position
        )
        return position.latitude, position.longitude, position.accuracy

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
            # as fields.Datetime/Date.to_string write them, a few times faster
            "event_time": row["captured_at"].isoformat(" ", "seconds"),
            "working_day": row["work_date"].isoformat(),
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
        memo = {}
        for index, (employee, payload) in enumerate(items):
            payload = payload or {}
            employee = known.get(employee.id if employee else None, Employee)
            try:
                event = self._parse_event(employee, payload, now, "ping", memo)
            except Refusal as refusal:
                results[index] = self.env["simantap.intake"]._refused(
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
                results[index] = self.env["simantap.intake"]._refused(
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
        Calendar = self.env["simantap.calendar"]
        Intake = self.env["simantap.intake"]
        # what each employee's settings say, read once for the batch
        zones, skews, accuracies = {}, {}, {}
        for employee in employees:
            company = employee.company_id
            zones[employee.id] = Calendar._employee_zone(employee)
            skews[employee.id] = timedelta(minutes=company.simantap_clock_skew_minutes)
            accuracies[employee.id] = Intake._max_accuracy(company)
        for event in events.values():
            event["work_date"] = Calendar._local_date(
                zones[event["employee"].id], event["captured_at"]
            )
        windows = Calendar._working_windows(
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
                tolerance = skews[employee.id]
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
                latitude, longitude, accuracy = self._check_position(
                    event, accuracies[employee.id]
                )
            except Refusal as refusal:
                results[index] = self.env["simantap.intake"]._refused(
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
        Calendar = self.env["simantap.calendar"]
        day = Calendar._local_date(Calendar._employee_zone(employee), now)
        windows = Calendar._working_windows([(employee, day)]).get(
            (employee.id, day), []
        )
        working = any(start <= now <= stop for start, stop in windows)
        attendance = self._open_attendance(employee)
        duty = employee._simantap_covering_duty(now)
        collecting = bool((working and attendance) or duty)
        last_contact = self._last_contacts(employee.ids).get(employee.id)
        interval = Calendar._ping_interval(employee)
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
            event = self._parse_event(employee, payload, now, kind)
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
            selfie, _signals = self.env["simantap.intake"]._check_selfie(
                employee, event["event"]
            )
            picture = selfie.photo
        except Refusal as refusal:
            return self.env["simantap.intake"]._refused(
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
        check._simantap_face_record(employee, picture.jpeg)
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
                results[index] = self.env["simantap.intake"]._refused(
                    event.get("uuid"), "kind_invalid"
                )
            else:
                by_kind[kind].append((index, event))

        def capture_order(entry):
            try:
                return (0, intake.read_capture_time(entry[1].get("captured_at")), "")
            except Refusal:
                return (1, datetime.min, "")

        for index, event in sorted(
            by_kind["check_in"] + by_kind["check_out"], key=capture_order
        ):
            with self.env.cr.savepoint():
                results[index] = self.env["simantap.intake"]._record_check(
                    employee, event["kind"], event
                )
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

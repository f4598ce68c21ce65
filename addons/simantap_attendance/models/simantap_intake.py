from odoo import api, models
from odoo.tools.translate import get_translation

from ..lib import geofence, intake, refusals
from ..lib import photo as photo_lib
from ..lib.refusals import Refusal


class SimantapIntake(models.AbstractModel):
    """The one intake of the phone's events: check-in and check-out
    (:meth:`_record_check`), pings, spot-check answers and the offline batch (the
    doors of ``simantap.presence``: ``_record_ping``, ``_ingest_pings``,
    ``_answer_spot_check``, ``_sync_batch``) all run these steps, in this order,
    cheapest first; each step refuses with a code of :mod:`..lib.refusals`:

    1. the event's UUID (:func:`..lib.intake.read_uuid`); a UUID already stored
       answers the first result and stores nothing;
    2. the employee (:meth:`_check_employee`): ``employee_unknown``,
       ``employee_other_company``; the kind (``kind_invalid``);
    3. the device and the phone's clock (:meth:`_read_event`, see
       :func:`..lib.intake.read_event`): dated on the server's clock;
    4. the door's own state (a spot check due, working hours for a ping);
    5. the position (:meth:`_check_position`; a check-in reads it in step 3 and
       refuses a mock location or a poor accuracy as policy, after judging);
    6. the selfie (:meth:`_check_selfie`): every selfie of every kind passes there
       (type, size, pixels, damage);
    7. judging (geofence or duty, fraud signals, the face against the employee's
       enrolled faces: ``simantap.attendance.attempt._simantap_face_step`` for a
       check-in or check-out, ``simantap.spot.check._simantap_face_record`` for a
       spot-check answer) and storing, then the days the event touched are derived.

    The face check's refusal (the company's "refuse" policy) is raised in step 7,
    after judging, so that the refused attempt is stored with its verdict; under
    "flag" it runs in the background and adds its signals later.  A push notification
    when a spot check is issued goes with ``simantap.spot.check._notify`` (the
    moment a due spot check is told to the phone and its answer window starts;
    the doors reach it through ``simantap.presence._due_spot_check``), so that a
    ping, today's state and a push tell the same spot check once.

    A new refusal code is one :func:`..lib.refusals.define` line in
    lib/refusals.py (its message and HTTP status) plus its Indonesian translation
    in i18n/id.po; the phone app's words for it go in its js/i18n.js
    (``why_<code>``, a test lists what is missing).  Raise it as
    ``Refusal(code, **params)`` anywhere below a door."""

    _name = "simantap.intake"
    _description = "Phone event intake"

    # ------------------------------------------------------------------ refusals

    @api.model
    def _refusal_message(self, code, params=None):
        """The refusal ``code`` in plain words, in the current language."""
        lang = self.env.lang or "en_US"
        params = params or {}

        def translate(module, source):
            return get_translation(module, lang, source, ())

        text = refusals.render(code, params, translate)
        if code == "outside_geofence":
            rule = self.env["hr.work.location"]._simantap_rule_text(
                params.get("rule"), params.get("tolerance"), params.get("allowance")
            )
            text = " ".join(part for part in (text, rule) if part)
        return text

    @api.model
    def _refused(self, uuid, code, params=None, kind=None):
        """A refused presence event, shaped like the check-in's results."""
        return {
            "uuid": uuid if isinstance(uuid, str) else None,
            "kind": kind,
            "status": "refused",
            "reason": code,
            "message": self._refusal_message(code, params),
            "signals": [],
            "verdict": None,
            "distance": None,
            "location_id": None,
            "event_time": None,
            "working_day": None,
            "replayed": False,
        }

    # ------------------------------------------------------------------ steps

    @api.model
    def _check_employee(self, employee, same_company=False):
        """Step 2: an active employee (of the companies of the request)."""
        if not employee or not employee.active:
            raise Refusal("employee_unknown")
        if same_company and employee.company_id not in self.env.companies:
            raise Refusal("employee_other_company")

    @api.model
    def _clock_bounds(self, company):
        """The company's bounds of :func:`..lib.clock.date_event`."""
        return intake.clock_bounds(
            future_skew=company.simantap_clock_skew_minutes,
            sync_delay=company.simantap_sync_delay_hours,
            late_after=company.simantap_late_sync_minutes,
            tolerance=company.simantap_clock_tolerance_seconds,
        )

    @api.model
    def _read_event(
        self, employee, payload, kind, now, device_required=False, bounds=None
    ):
        """Steps 1 and 3: an :class:`..lib.intake.Event` of the employee's phone;
        ``bounds``: the company's :meth:`_clock_bounds`, when a batch read them
        already."""
        return intake.read_event(
            payload,
            kind=kind,
            received=now,
            bounds=bounds or self._clock_bounds(employee.company_id),
            device_required=device_required,
        )

    @api.model
    def _max_accuracy(self, company):
        """The worst accuracy (metres) a fix of ``company`` may claim."""
        return company.simantap_max_accuracy or geofence.DEFAULT_MAX_ACCURACY

    @api.model
    def _check_position(self, employee, event, max_accuracy=None):
        """Step 5 of a presence event: a mock location is refused first, then the
        position is read with the company's accuracy limit (``max_accuracy``, when
        a batch read it already); returns the event with its
        :class:`..lib.intake.Position`."""
        if event.mock_location:
            raise Refusal("mock_location")
        return intake.with_position(
            event, max_accuracy or self._max_accuracy(employee.company_id)
        )

    @api.model
    def _check_selfie(self, employee, event):
        """Step 6: the selfie of any event checked by the company's rules; returns
        ``(event with its photo, signals)`` where signals are ``{code: params}``
        the selfie raised (none yet), or raises :class:`Refusal`.

        A check-in's JPEG is kept as sent and re-encoded by a background job (see
        ``simantap.attendance.attempt._cron_reencode_photos``); a spot check's is
        re-encoded now."""
        company = employee.company_id
        event = intake.with_photo(
            event,
            max_bytes=company.simantap_photo_max_bytes or photo_lib.DEFAULT_MAX_BYTES,
            max_megapixels=company.simantap_photo_max_megapixels
            or photo_lib.DEFAULT_MAX_MEGAPIXELS,
            reencode=event.kind not in ("check_in", "check_out"),
        )
        return event, {}

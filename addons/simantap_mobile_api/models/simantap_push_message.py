"""The log of every Web Push, and the sender that works it off the request path."""

import json
import logging
import threading
from datetime import datetime, time, timedelta

import pytz
import requests
from py_vapid import Vapid02
from pywebpush import WebPushException, webpush

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

KINDS = [
    ("spot_check", "Spot Check"),
    ("check_in", "Check-in Reminder"),
    ("check_out", "Check-out Reminder"),
    ("duty_approved", "Field Duty Approved"),
    ("duty_rejected", "Field Duty Rejected"),
    ("objection_decided", "Objection Decided"),
    ("month_review", "Month Open for Review"),
]
# the company switch of each kind
KIND_SWITCH = {
    "spot_check": "simantap_push_spot_check",
    "check_in": "simantap_push_check_in",
    "check_out": "simantap_push_check_out",
    "duty_approved": "simantap_push_duty",
    "duty_rejected": "simantap_push_duty",
    "objection_decided": "simantap_push_objection",
    "month_review": "simantap_push_review",
}
# kinds that neither quiet hours nor the daily cap hold back: a spot check is the
# attendance rule itself, drawn inside working time
UNCAPPED = ("spot_check",)
# why a push is not (yet) accepted: selection labels, so that each reader sees
# them in their own language
REASONS = [
    (
        "no_subscription",
        "No push subscription: the app never allowed notifications on a phone, "
        "or signed out.",
    ),
    ("expired", "Expired before it could be sent."),
    ("quiet_hours", "Held by the quiet hours."),
    ("quiet_expired", "Held by the quiet hours until it expired."),
    ("daily_cap", "The employee's daily push limit is reached."),
    ("removed", "The phone's subscription was removed."),
    ("gone", "The push service says the subscription is gone."),
    ("refused", "Refused by the push service."),
]
MAX_ATTEMPTS = 5
RETRY_BASE = timedelta(seconds=30)
REQUEST_TIMEOUT = 10
BATCH = 200


def backoff(attempts):
    """The wait before the next try after ``attempts`` failed ones: 30 s, 1 min,
    2 min, 4 min..."""
    return RETRY_BASE * (2 ** max(attempts - 1, 0))


def is_quiet(local_hour, quiet_from, quiet_to):
    """Whether a local time (hours as a float) falls in the quiet hours (which may
    run over midnight; equal bounds: never quiet)."""
    if quiet_from == quiet_to:
        return False
    if quiet_from < quiet_to:
        return quiet_from <= local_hour < quiet_to
    return local_hour >= quiet_from or local_hour < quiet_to


def _float_time(hours):
    hours = min(max(hours, 0.0), 23.99)
    minutes = round(hours * 60)
    return time(minutes // 60, minutes % 60)


class SimantapPushMessage(models.Model):
    """One push to one phone: what was said, when it was sent, whether the push
    service accepted it and whether the employee opened it.  Lets officers tell
    "the phone was unreachable" from "the employee ignored it"."""

    _name = "simantap.push.message"
    _inherit = ["simantap.employee.record.mixin"]
    _description = "Push Notification"
    _order = "queued_at desc, id desc"
    _rec_name = "title"

    kind = fields.Selection(KINDS, required=True, readonly=True, index=True)
    subscription_id = fields.Many2one(
        "simantap.push.subscription", readonly=True, ondelete="set null", index=True
    )
    device_id = fields.Many2one("simantap.device", readonly=True, ondelete="set null")
    title = fields.Char(readonly=True)
    body = fields.Char(string="Text", readonly=True)
    url = fields.Char(string="Opens", readonly=True, help="The app screen it opens.")
    payload = fields.Text(readonly=True, help="The JSON the phone receives.")
    lang = fields.Char(string="Language", readonly=True)
    ttl = fields.Integer(
        string="TTL (s)",
        readonly=True,
        help="How long the push service keeps it for an unreachable phone.",
    )
    urgency = fields.Selection(
        [("normal", "Normal"), ("high", "High")], default="normal", readonly=True
    )
    expires_at = fields.Datetime(readonly=True)
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("failed", "Failed"),
            ("gone", "Subscription Gone"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    queued_at = fields.Datetime(
        string="Queued", default=fields.Datetime.now, readonly=True, index=True
    )
    attempts = fields.Integer(readonly=True)
    next_try = fields.Datetime(readonly=True, index=True)
    sent_at = fields.Datetime(readonly=True)
    accepted_at = fields.Datetime(
        readonly=True, help="When the push service accepted it (201)."
    )
    opened_at = fields.Datetime(
        readonly=True, help="When the employee tapped the notification."
    )
    http_status = fields.Integer(string="HTTP Status", readonly=True)
    reason = fields.Selection(REASONS, readonly=True)
    error = fields.Char(
        string="Push Service Answer",
        readonly=True,
        help="What the push service answered (its own words), or the network error.",
    )
    spot_check_id = fields.Many2one(
        "simantap.spot.check", readonly=True, ondelete="cascade", index=True
    )

    # ------------------------------------------------------------------ queueing

    @api.model
    def _employee_lang(self, employee):
        employee = employee.sudo()
        lang = employee.user_id.lang or employee.work_contact_id.lang
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        if lang in installed:
            return lang
        return "id_ID" if "id_ID" in installed else "en_US"

    @api.model
    def _enqueue(
        self, employee, kind, title, body, url, ttl, spot_check=None, now=None
    ):
        """Queue ``kind`` to every push subscription of ``employee`` (sudo), if the
        company pushes that kind.  An employee with no subscription gets one
        failed line, so that the log says the push could not be sent.  Returns
        the messages."""
        employee = employee.sudo()
        company = employee.company_id
        if not company[KIND_SWITCH[kind]]:
            return self.browse()
        now = now or fields.Datetime.now()
        subscriptions = (
            self.env["simantap.push.subscription"]
            .sudo()
            .search([("employee_id", "=", employee.id)])
        )
        base = {
            "employee_id": employee.id,
            "kind": kind,
            "title": title,
            "body": body,
            "url": url,
            "lang": self._employee_lang(employee),
            "ttl": int(ttl),
            "urgency": "high" if kind == "spot_check" else "normal",
            "expires_at": now + timedelta(seconds=int(ttl)),
            "spot_check_id": spot_check.id if spot_check else False,
            "next_try": now,
            "queued_at": now,
        }
        if not subscriptions:
            return self.sudo().create(
                dict(
                    base,
                    state="failed",
                    reason="no_subscription",
                )
            )
        messages = self.sudo().create(
            [
                dict(base, subscription_id=sub.id, device_id=sub.device_id.id)
                for sub in subscriptions
            ]
        )
        for message in messages:
            message.payload = json.dumps(message._payload_dict(), ensure_ascii=False)
        return messages

    def _payload_dict(self):
        self.ensure_one()
        data = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "body": self.body,
            "url": self.url,
            "tag": f"simantap-{self.kind}",
        }
        if self.spot_check_id:
            data["spot_check_id"] = self.spot_check_id.id
            data["tag"] = f"simantap-spot-check-{self.spot_check_id.id}"
        return data

    # ------------------------------------------------------------------ sending

    @api.model
    def _cron_push(self):
        """Every minute: queue what is due (spot checks, reminders), then send."""
        now = fields.Datetime.now()
        self.env["simantap.spot.check"]._simantap_queue_pushes(now)
        self.env["simantap.push.reminder"]._queue_reminders(now)
        self._send_due(now)

    @api.model
    def _send_due(self, now=None, limit=BATCH):
        """Send the queued messages whose time has come (one cron at a time per
        message: locked rows are skipped)."""
        now = now or fields.Datetime.now()
        self.flush_model()
        self.env.cr.execute(
            """
            SELECT id FROM simantap_push_message
             WHERE state = 'queued' AND (next_try IS NULL OR next_try <= %s)
             ORDER BY next_try NULLS FIRST, id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
            """,
            (now, limit),
        )
        messages = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        for message in messages:
            message._send_one(now)
            if not getattr(threading.current_thread(), "testing", False):
                # each outcome is kept even if a later push breaks the run
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return messages

    def _held_until(self, now):
        """None, or when quiet hours end (naive UTC) for this message."""
        self.ensure_one()
        if self.kind in UNCAPPED:
            return None
        company = self.company_id
        tz = pytz.timezone(self.employee_id._simantap_tz())
        local = pytz.utc.localize(now).astimezone(tz)
        hour = local.hour + local.minute / 60 + local.second / 3600
        quiet_from = company.simantap_push_quiet_from
        quiet_to = company.simantap_push_quiet_to
        if not is_quiet(hour, quiet_from, quiet_to):
            return None
        end = tz.localize(datetime.combine(local.date(), _float_time(quiet_to)))
        if end <= local:
            end = tz.localize(
                datetime.combine(
                    local.date() + timedelta(days=1), _float_time(quiet_to)
                )
            )
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    def _over_daily_cap(self, now):
        self.ensure_one()
        cap = self.company_id.simantap_push_daily_cap
        if self.kind in UNCAPPED or cap <= 0:
            return False
        Calendar = self.env["simantap.calendar"]
        zone = Calendar._employee_zone(self.employee_id)
        start, stop = Calendar._day_bounds(zone, Calendar._local_date(zone, now))
        sent = self.search_count(
            [
                ("employee_id", "=", self.employee_id.id),
                ("kind", "not in", UNCAPPED),
                ("state", "in", ("sent", "accepted")),
                ("sent_at", ">=", start),
                ("sent_at", "<", stop),
                ("id", "!=", self.id),
            ]
        )
        return sent >= cap

    def _fail(self, reason, state="failed", http_status=None, error=None):
        self.write(
            {
                "state": state,
                "reason": reason,
                "error": error,
                "http_status": http_status,
            }
        )
        self._after_outcome()

    def _send_one(self, now):
        self.ensure_one()
        if self.expires_at and self.expires_at <= now:
            self._fail("expired")
            return
        subscription = self.subscription_id
        if not subscription:
            self._fail("removed", state="gone")
            return
        held = self._held_until(now)
        if held:
            if self.expires_at and held >= self.expires_at:
                self._fail("quiet_expired")
            else:
                self.write({"next_try": held, "reason": "quiet_hours"})
            return
        if self._over_daily_cap(now):
            self._fail("daily_cap")
            return
        private_pem, _public = self.company_id._simantap_vapid_keys()
        self.write({"state": "sent", "sent_at": now, "attempts": self.attempts + 1})
        headers = {"Urgency": self.urgency or "normal"}
        if self.kind == "spot_check" and self.spot_check_id:
            headers["Topic"] = f"spot-check-{self.spot_check_id.id}"
        status = None
        error = None
        try:
            response = webpush(
                subscription.sudo()._as_info(),
                data=self.payload,
                vapid_private_key=Vapid02.from_pem(private_pem.encode()),
                vapid_claims={"sub": self.company_id._simantap_push_subject()},
                ttl=self.ttl,
                headers=headers,
                timeout=REQUEST_TIMEOUT,
                content_encoding="aes128gcm",
            )
            status = response.status_code
        except WebPushException as exc:
            status = exc.response.status_code if exc.response is not None else None
            error = (exc.response.text if exc.response is not None else str(exc))[:500]
        except requests.RequestException as exc:
            error = str(exc)[:500]
        if status is not None and 200 <= status < 300:
            accepted = fields.Datetime.now()
            self.write(
                {
                    "state": "accepted",
                    "accepted_at": accepted,
                    "http_status": status,
                    "reason": False,
                    "error": False,
                }
            )
            subscription.write({"last_accepted_at": accepted, "failures": 0})
            self._after_outcome()
            return
        if status in (404, 410):
            self.write({"subscription_id": False})
            subscription.unlink()
            self._fail("gone", state="gone", http_status=status, error=error)
            return
        subscription.failures += 1
        retryable = status is None or status == 429 or status >= 500
        if retryable and self.attempts < MAX_ATTEMPTS:
            self.write(
                {
                    "state": "queued",
                    "http_status": status,
                    "reason": False,
                    "error": error,
                    "next_try": now + backoff(self.attempts),
                }
            )
            _logger.info("Push %s failed (%s), retried later", self.id, status)
            return
        self._fail("refused", http_status=status, error=error)

    def _after_outcome(self):
        """Tell the spot check what became of its push."""
        self.spot_check_id._simantap_push_outcome()

    # ------------------------------------------------------------------ the app

    @api.model
    def _api_opened(self, device, message_id):
        """The employee tapped push ``message_id`` on ``device``: noted once.
        False when it is not a push to that phone."""
        message = self.sudo().search(
            [("id", "=", message_id), ("device_id", "=", device.id)], limit=1
        )
        if not message:
            return False
        if not message.opened_at:
            message.opened_at = fields.Datetime.now()
        return message

import hashlib
import secrets
from datetime import timedelta

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .. import ratelimit
from ..concurrency import retry_on_duplicate

# last_seen_at is written at most this often, so that a phone's requests do not all
# write (and lock) its binding row
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


def token_digest(token):
    """The stored form of a bearer token: its SHA-256, so that a copy of the
    database gives no usable token."""
    return hashlib.sha256(token.encode()).hexdigest()


class SimantapDevice(models.Model):
    """A phone bound to an employee: the only place a mobile API token is valid.

    An employee signs in once from a phone; the first phone is bound at once (by
    default), any other waits for an attendance officer's approval, which revokes
    the oldest active phone beyond the company's limit.  Revoking a binding (or
    archiving the employee) stops its token at the next request."""

    _name = "simantap.device"
    _inherit = ["simantap.employee.record.mixin", "mail.thread"]
    _description = "Mobile Device"
    _order = "requested_at desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    device_uid = fields.Char(
        string="Device ID",
        required=True,
        index=True,
        readonly=True,
        help="The identifier the app reads from the phone (Android ID); the same "
        "phone always sends the same one.",
    )
    device_model = fields.Char(string="Phone Model", readonly=True)
    platform = fields.Char(readonly=True, help="Operating system and version.")
    app_version = fields.Char(readonly=True)
    state = fields.Selection(
        [
            ("pending", "Waiting for Approval"),
            ("active", "Active"),
            ("revoked", "Revoked"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    requested_at = fields.Datetime(
        default=fields.Datetime.now, required=True, readonly=True
    )
    approved_at = fields.Datetime(readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    revoked_at = fields.Datetime(readonly=True)
    revoked_by_id = fields.Many2one("res.users", readonly=True)
    revoke_reason = fields.Char(
        tracking=True, help="Why the phone was revoked or refused (lost, replaced...)."
    )
    last_seen_at = fields.Datetime(
        string="Last Seen", readonly=True, help="Last request made with its token."
    )
    token_hash = fields.Char(
        copy=False, readonly=True, groups="base.group_system", index=True
    )
    token_issued_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("token_hash_uniq", "unique(token_hash)", "A token belongs to one device."),
    ]

    def init(self):
        # one open (pending or active) binding per employee and phone
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS simantap_device_open_uniq "
                "ON simantap_device (employee_id, device_uid) "
                "WHERE state IN ('pending', 'active')"
            )
        )
        ratelimit.create_table(self.env.cr)

    def unlink(self):
        ratelimit.forget(self.env.cr, self.ids)
        return super().unlink()

    @api.depends("device_model", "device_uid", "employee_id.name")
    def _compute_name(self):
        for device in self:
            phone = device.device_model or device.device_uid or ""
            device.name = f"{phone} ({device.employee_id.name})"

    # ------------------------------------------------------------------
    # Officer actions
    # ------------------------------------------------------------------
    def _check_officer(self):
        if not self.env.user.has_group("simantap_attendance.group_simantap_officer"):
            raise AccessError(
                self.env._("Only attendance officers approve or revoke devices.")
            )
        # the record rules decide which devices the officer may change
        self.check_access("write")

    def action_approve(self):
        """Bind the pending phones, revoking the oldest active ones of the same
        employee beyond the company's limit of active phones."""
        self._check_officer()
        pending = self.filtered(lambda d: d.state == "pending")
        if pending != self:
            raise UserError(
                self.env._("Only a device waiting for approval is approved.")
            )
        now = fields.Datetime.now()
        for device in pending:
            device.sudo()._activate(approver=self.env.user, when=now)
        return True

    def action_revoke(self):
        """Stop the phones: their tokens are refused from the next request on."""
        self._check_officer()
        self.filtered(lambda d: d.state != "revoked").sudo()._revoke(
            self.env.user, fields.Datetime.now()
        )
        return True

    def _activate(self, approver, when):
        self.ensure_one()
        limit = max(self.company_id.simantap_device_limit, 1)
        others = self.search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("state", "=", "active"),
                ("id", "!=", self.id),
            ],
            order="approved_at desc, id desc",
        )
        replaced = others[limit - 1 :]
        if replaced:
            replaced.revoke_reason = self.env._(
                "Replaced by %(device)s", device=self.name
            )
            replaced._revoke(approver, when)
        self.write(
            {
                "state": "active",
                "approved_at": when,
                "approved_by_id": approver.id,
            }
        )

    def _revoke(self, user, when):
        # the token's digest stays, so that the phone is told why it is refused
        # (device_revoked) rather than that its token is unknown
        self.write({"state": "revoked", "revoked_at": when, "revoked_by_id": user.id})

    # ------------------------------------------------------------------
    # Mobile API services (called by simantap_mobile_api's routers)
    # ------------------------------------------------------------------
    @api.model
    def _api_sign_in(
        self, employee, device_uid, device_model=None, platform=None, app_version=None
    ):
        """Bind ``device_uid`` to ``employee`` (whose credentials were checked by
        the caller) and, once the binding is active, issue a new token.

        Returns ``(device, token)``: ``token`` is None while the device waits for
        approval.  Any earlier token of the device stops working."""
        Device = self.sudo()
        info = {
            key: value
            for key, value in (
                ("device_model", device_model),
                ("platform", platform),
                ("app_version", app_version),
            )
            if value
        }
        device = Device.search(
            [
                ("employee_id", "=", employee.id),
                ("device_uid", "=", device_uid),
                ("state", "in", ("pending", "active")),
            ],
            limit=1,
        )
        now = fields.Datetime.now()
        if device:
            if info:
                device.write(info)
        else:
            try:
                device = Device.create(
                    {"employee_id": employee.id, "device_uid": device_uid, **info}
                )
            except errors.UniqueViolation as exc:
                # the same phone signing in twice at once: the retry finds the
                # binding the other request made
                retry = retry_on_duplicate(exc, {"simantap_device_open_uniq"})
                if retry is None:
                    raise
                raise retry from exc
            if device._may_bind_without_approval():
                device._activate(approver=self.env.ref("base.user_root"), when=now)
        if device.state != "active":
            return device, None
        token = secrets.token_urlsafe(32)
        device.write(
            {
                "token_hash": token_digest(token),
                "token_issued_at": now,
                "last_seen_at": now,
            }
        )
        return device, token

    def _may_bind_without_approval(self):
        """The first phone an employee ever signs in with, if the company allows it
        and no other employee uses that phone."""
        self.ensure_one()
        if not self.company_id.simantap_device_bind_first:
            return False
        Device = self.sudo().with_context(active_test=False)
        if Device.search_count(
            [("employee_id", "=", self.employee_id.id), ("id", "!=", self.id)], limit=1
        ):
            return False
        return not Device.search_count(
            [
                ("device_uid", "=", self.device_uid),
                ("employee_id", "!=", self.employee_id.id),
                ("state", "=", "active"),
            ],
            limit=1,
        )

    @api.model
    def _api_find_by_token(self, token):
        """The binding (sudo) holding ``token``, whatever its state, or an empty
        recordset.  Only the digest is compared."""
        if not token:
            return self.sudo().browse()
        return self.sudo().search([("token_hash", "=", token_digest(token))], limit=1)

    def _api_usable_reason(self):
        """None if this binding's token may be used now, else the reason code."""
        self.ensure_one()
        if self.state != "active":
            return "device_revoked"
        employee = self.employee_id.sudo()
        if not employee.active or not employee.user_id.active:
            return "account_inactive"
        return None

    def _api_touch(self):
        """Note the request time, at most every few minutes."""
        self.ensure_one()
        if self.env.cr.readonly:
            # a read-only page served by the replica: the next write notes the time
            return
        now = fields.Datetime.now()
        if not self.last_seen_at or now - self.last_seen_at >= LAST_SEEN_RESOLUTION:
            self.sudo().last_seen_at = now

    def _api_sign_out(self):
        self.ensure_one()
        self.sudo().write({"token_hash": False})

from odoo import api, fields, models


class SimantapPushSubscription(models.Model):
    """A phone's Web Push subscription (the browser's PushSubscription), bound to
    the device that posted it.  Dropped when the phone signs out, when the device
    is revoked, when the employee is archived, when the company's VAPID keys are
    rotated and when the push service answers that it is gone (404/410)."""

    _name = "simantap.push.subscription"
    _inherit = ["simantap.employee.record.mixin"]
    _description = "Push Subscription"
    _order = "create_date desc, id desc"
    _rec_name = "device_id"

    device_id = fields.Many2one(
        "simantap.device", required=True, index=True, ondelete="cascade", readonly=True
    )
    endpoint = fields.Char(required=True, readonly=True)
    p256dh = fields.Char(string="Public Key (p256dh)", required=True, readonly=True)
    auth = fields.Char(string="Auth Secret", required=True, readonly=True)
    vapid_public_key = fields.Char(
        string="Subscribed With",
        readonly=True,
        help="The company's VAPID public key the phone subscribed with.",
    )
    user_agent = fields.Char(readonly=True)
    last_accepted_at = fields.Datetime(
        string="Last Accepted",
        readonly=True,
        help="When the push service last accepted a push for this subscription.",
    )
    failures = fields.Integer(
        string="Failures in a Row", readonly=True, help="Reset by an accepted push."
    )

    _sql_constraints = [
        ("endpoint_uniq", "unique(endpoint)", "A push endpoint belongs to one phone."),
        ("device_uniq", "unique(device_id)", "A phone has one push subscription."),
    ]

    def _as_info(self):
        """What pywebpush wants."""
        self.ensure_one()
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": self.p256dh, "auth": self.auth},
        }

    @api.model
    def _api_subscribe(self, device, endpoint, p256dh, auth, user_agent=None):
        """Bind (or replace) the subscription of ``device`` (sudo, checked by the
        caller).  An endpoint another phone held moves to this one."""
        Subscription = self.sudo()
        device = device.sudo()
        Subscription.search(
            [
                "|",
                ("device_id", "=", device.id),
                ("endpoint", "=", endpoint),
            ]
        ).unlink()
        return Subscription.create(
            {
                "device_id": device.id,
                "employee_id": device.employee_id.id,
                "endpoint": endpoint,
                "p256dh": p256dh,
                "auth": auth,
                "user_agent": user_agent,
                "vapid_public_key": device.employee_id.company_id._simantap_vapid_keys()[
                    1
                ],
            }
        )

    @api.model
    def _drop_for_devices(self, devices):
        self.sudo().search([("device_id", "in", devices.ids)]).unlink()

    @api.model
    def _drop_for_employees(self, employees):
        self.sudo().search([("employee_id", "in", employees.ids)]).unlink()

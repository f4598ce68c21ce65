"""Web Push settings of a company: its VAPID key pair and what is pushed when."""

import base64

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid02

from odoo import api, fields, models
from odoo.exceptions import AccessError


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_vapid_keys():
    """A new P-256 key pair: ``(private PEM, public key as the browser wants it:
    the uncompressed point, base64url)``."""
    vapid = Vapid02()
    vapid.generate_keys()
    private_pem = vapid.private_pem().decode()
    public = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return private_pem, b64url(public)


# the push settings apart from the phone-binding ones (res_company.py)
# pylint: disable=consider-merging-classes-inherited
class ResCompany(models.Model):
    _inherit = "res.company"

    simantap_vapid_private_key = fields.Text(
        string="VAPID Private Key", groups="base.group_system", copy=False
    )
    simantap_vapid_public_key = fields.Char(
        string="VAPID Public Key",
        copy=False,
        readonly=True,
        help="The key the phones subscribe with (applicationServerKey).",
    )
    simantap_vapid_rotated_at = fields.Datetime(
        string="VAPID Keys Made At", copy=False, readonly=True
    )
    simantap_push_contact = fields.Char(
        string="Push Contact",
        help="The address push services may write to about our pushes (VAPID "
        "'sub'): mailto:... or https://...; the company's email when empty.",
    )
    simantap_push_spot_check = fields.Boolean(string="Push Spot Checks", default=True)
    simantap_push_check_in = fields.Boolean(
        string="Push Check-in Reminders", default=True
    )
    simantap_push_check_out = fields.Boolean(
        string="Push Check-out Reminders", default=True
    )
    simantap_push_duty = fields.Boolean(
        string="Push Field-Duty Decisions", default=True
    )
    simantap_push_objection = fields.Boolean(
        string="Push Objection Decisions", default=True
    )
    simantap_push_review = fields.Boolean(
        string="Push Month Open for Review", default=True
    )
    simantap_push_check_in_lead = fields.Integer(
        string="Check-in Reminder Lead (minutes)",
        default=10,
        help="The check-in reminder comes this long before the schedule starts.",
    )
    simantap_push_quiet_from = fields.Float(
        string="Quiet From",
        default=21.0,
        help="Local time from which nothing but spot checks is pushed.",
    )
    simantap_push_quiet_to = fields.Float(
        string="Quiet Until",
        default=6.0,
        help="Local time until which nothing but spot checks is pushed.",
    )
    simantap_push_daily_cap = fields.Integer(
        string="Pushes per Employee per Day",
        default=8,
        help="At most this many pushes to an employee a day (spot checks not "
        "counted); 0: no limit.",
    )
    simantap_push_excuse_undelivered = fields.Boolean(
        string="Undelivered Spot Checks Are Not Held Against",
        default=True,
        help="A spot check that reached no phone (no working push subscription, "
        "the push service refused it) and went unanswered is not counted as "
        "expected in the daily status nor as unanswered for the TPP.",
    )

    def _simantap_vapid_keys(self):
        """``(private PEM, public base64url)`` of the company, made on first need."""
        self.ensure_one()
        company = self.sudo()
        if not company.simantap_vapid_private_key:
            company._simantap_set_vapid_keys()
        return company.simantap_vapid_private_key, company.simantap_vapid_public_key

    def _simantap_set_vapid_keys(self):
        for company in self.sudo():
            private_pem, public = new_vapid_keys()
            company.write(
                {
                    "simantap_vapid_private_key": private_pem,
                    "simantap_vapid_public_key": public,
                    "simantap_vapid_rotated_at": fields.Datetime.now(),
                }
            )

    def action_simantap_rotate_vapid(self):
        """New keys: every subscription made with the old ones is dropped, and
        each phone subscribes again with the new key when the app next opens."""
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(self.env._("Only an administrator rotates push keys."))
        self.env["simantap.push.subscription"].sudo().search(
            [("company_id", "in", self.ids)]
        ).unlink()
        self._simantap_set_vapid_keys()
        return True

    @api.model
    def _simantap_init_vapid_keys(self):
        """Post-install: keys for every company that has none."""
        self.sudo().search(
            [("simantap_vapid_public_key", "=", False)]
        )._simantap_set_vapid_keys()

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._simantap_set_vapid_keys()
        return companies

    def _simantap_push_subject(self):
        self.ensure_one()
        contact = (self.simantap_push_contact or "").strip()
        if contact.startswith(("mailto:", "https://")):
            return contact
        return f"mailto:{contact or self.email or 'admin@localhost'}"

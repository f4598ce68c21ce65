"""The sign-in cooldown of phones, counted per network address *and login*.

Odoo puts a whole network address on cooldown after a few failed logins in a row.
Phones on mobile data share a handful of carrier addresses (carrier-grade NAT):
one civil servant mistyping a password would lock out every colleague behind the
same address.  A phone's sign-in is therefore counted per address and login, and
the address as a whole only after ten times as many failures (a guard against
trying many logins from one place).  Backend logins keep Odoo's rule."""

import contextlib
import datetime

from odoo import models
from odoo.exceptions import AccessDenied
from odoo.http import request

# failures an address as a whole may make, in multiples of one login's allowance
ADDRESS_FACTOR = 10


class SignInCooldown(AccessDenied):
    """A phone sign-in refused unchecked: its login (or address) is on cooldown."""


def mark_phone_sign_in(login):
    """Say that the login checked next, in this request, is a phone's sign-in."""
    if request:  # none when the API is driven in-process (tests)
        request.simantap_phone_login = login


def phone_login():
    """The login of the phone sign-in being handled, or None (any other login)."""
    try:
        return getattr(request, "simantap_phone_login", None) if request else None
    except RuntimeError:  # no request bound to this thread
        return None


class ResUsers(models.Model):
    _inherit = "res.users"

    @contextlib.contextmanager
    def _assert_can_auth(self, user=None):
        login = phone_login()
        if not login:
            with super()._assert_can_auth(user=user):
                yield
            return
        registry = self.env.registry
        failures = registry.__dict__.setdefault("_simantap_sign_in_failures", {})
        address = request.httprequest.remote_addr
        keys = ((address, login.strip().lower()), address)
        for key, factor in zip(keys, (1, ADDRESS_FACTOR), strict=True):
            count, last = failures.get(key, (0, datetime.datetime.min))
            if self._on_login_cooldown(count // factor, last):
                raise SignInCooldown(
                    self.env._("Too many failed sign-ins: wait a minute and try again.")
                )
        try:
            yield
        except AccessDenied:
            now = datetime.datetime.now()
            for key in keys:
                count, _last = failures.get(key, (0, now))
                failures[key] = (count + 1, now)
            raise
        else:
            for key in keys:
                failures.pop(key, None)

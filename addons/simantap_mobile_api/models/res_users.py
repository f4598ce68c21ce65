"""The sign-in cooldown of phones, counted per network address *and login*.

Odoo puts a whole network address on cooldown after a few failed logins in a row.
Phones on mobile data share a handful of carrier addresses (carrier-grade NAT):
one civil servant mistyping a password would lock out every colleague behind the
same address.  A phone's sign-in is therefore counted per address and login, and
the address as a whole only after ten times as many failures (a guard against
trying many logins from one place).  A success clears the counts of its login
and of its address.  The counts live in PostgreSQL (see signin_failures.py),
shared by every worker process and server.  Backend logins keep Odoo's rule."""

import contextlib
import datetime

from odoo import models
from odoo.exceptions import AccessDenied
from odoo.http import request
from odoo.tools import SQL

from .. import signin_failures

# failures an address as a whole may make, in multiples of one login's allowance
ADDRESS_FACTOR = 10


class SignInCooldown(AccessDenied):
    """A phone sign-in refused unchecked: its login (``scope`` "login") or its
    whole address (``scope`` "address") is on cooldown."""

    def __init__(self, scope, message):
        super().__init__(message)
        self.scope = scope


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

    def init(self):
        res = super().init()
        signin_failures.create_table(self.env.cr)
        return res

    @contextlib.contextmanager
    def _simantap_failures_cursor(self):
        """A cursor of its own, committed at once (the test cursor in tests)."""
        with self.env.registry.cursor() as cr:
            if not self.env.registry.in_test_mode():
                cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
            yield cr

    @contextlib.contextmanager
    def _assert_can_auth(self, user=None):
        login = phone_login()
        if not login:
            with super()._assert_can_auth(user=user):
                yield
            return
        keys = signin_failures.keys_of(request.httprequest.remote_addr, login)
        with self._simantap_failures_cursor() as cr:
            counted = signin_failures.counts(cr, keys)
        now = datetime.datetime.now()
        for key, factor, scope in zip(
            keys, (1, ADDRESS_FACTOR), ("login", "address"), strict=True
        ):
            if key not in counted:
                continue
            failures, age = counted[key]
            last = now - datetime.timedelta(seconds=age)
            if self._on_login_cooldown(failures // factor, last):
                raise SignInCooldown(
                    scope,
                    self.env._(
                        "Too many failed sign-ins: wait a minute and try again."
                    ),
                )
        try:
            yield
        except AccessDenied:
            with self._simantap_failures_cursor() as cr:
                signin_failures.record_failure(cr, keys)
            raise
        else:
            # a success clears this login's count and the whole address's
            with self._simantap_failures_cursor() as cr:
                signin_failures.forget(cr, keys)

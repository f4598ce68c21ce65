"""Web Push from the phone's side: learn the company's VAPID key, post or remove
this phone's subscription, and say that a notification was opened."""

import base64
import binascii
import ipaddress
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Path, Request, Response
from starlette import status

from odoo.tools.translate import LazyTranslate

from ..dependencies import Caller, authenticated_caller, write_quota
from ..errors import MESSAGES, api_error
from ..schemas.common import utc
from ..schemas.push import PushKey, PushSubscriptionIn, PushSubscriptionOut
from .responses import AUTHENTICATED, WRITE, error_responses

_lt = LazyTranslate(__name__)

router = APIRouter(tags=["push"])

MESSAGES.update(
    {
        "push_endpoint_invalid": _lt(
            "The push endpoint must be the https address of a public push service."
        ),
        "push_keys_invalid": _lt(
            "The push subscription's keys are not valid (p256dh: a P-256 public "
            "key, auth: 16 bytes, both base64url)."
        ),
    }
)

PushId = Annotated[int, Path(ge=1, le=2**31 - 1)]
# names a push service never has: the server must not be made to post inside
BLOCKED_HOST_SUFFIXES = (".local", ".localhost", ".internal", ".lan", ".home.arpa")
_B64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def b64url_decode(text):
    """Bytes of a base64url text (padding optional), or None."""
    if not text or any(c not in _B64URL for c in text.rstrip("=")):
        return None
    try:
        return base64.urlsafe_b64decode(text.rstrip("=") + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None


def endpoint_ok(url):
    """An https URL on a public host name (no address, no user, no local name)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme != "https" or not host or "." not in host:
        return False
    if parts.username or parts.password or port not in (None, 443):
        return False
    if any(c.isspace() for c in url) or host == "localhost":
        return False
    if host.endswith(BLOCKED_HOST_SUFFIXES):
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return True
    return False


def keys_ok(p256dh, auth):
    public = b64url_decode(p256dh)
    secret = b64url_decode(auth)
    return (
        public is not None
        and len(public) == 65
        and public[0] == 4
        and secret is not None
        and len(secret) == 16
    )


def current_key(caller):
    return caller.employee.sudo().company_id._simantap_vapid_keys()[1]


@router.get(
    "/push/key", response_model=PushKey, responses=error_responses(*AUTHENTICATED)
)
async def push_key(caller: Annotated[Caller, Depends(authenticated_caller)]) -> PushKey:
    """The company's VAPID public key, and whether this phone is subscribed with
    it (after the keys are rotated it is not: subscribe again)."""
    public = current_key(caller)
    subscription = (
        caller.env["simantap.push.subscription"]
        .sudo()
        .search([("device_id", "=", caller.device.id)], limit=1)
    )
    return PushKey(
        public_key=public,
        subscribed=bool(subscription) and subscription.vapid_public_key == public,
    )


@router.post(
    "/push/subscription",
    response_model=PushSubscriptionOut,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*WRITE),
)
async def subscribe(
    data: PushSubscriptionIn,
    request: Request,
    caller: Annotated[Caller, Depends(write_quota)],
) -> PushSubscriptionOut:
    """Post this phone's push subscription (``PushSubscription.toJSON()``): it
    replaces the phone's earlier one. 422 ``push_endpoint_invalid`` for an
    endpoint that is not the https address of a public push service, 422
    ``push_keys_invalid`` for keys that are not a P-256 key and a 16-byte
    secret."""
    if not endpoint_ok(data.endpoint):
        raise api_error(
            caller.env, status.HTTP_422_UNPROCESSABLE_CONTENT, "push_endpoint_invalid"
        )
    if not keys_ok(data.keys.p256dh, data.keys.auth):
        raise api_error(
            caller.env, status.HTTP_422_UNPROCESSABLE_CONTENT, "push_keys_invalid"
        )
    subscription = caller.env["simantap.push.subscription"]._api_subscribe(
        caller.device,
        data.endpoint,
        data.keys.p256dh.rstrip("="),
        data.keys.auth.rstrip("="),
        user_agent=(request.headers.get("user-agent") or "")[:256] or None,
    )
    return PushSubscriptionOut(
        id=subscription.id,
        public_key=subscription.vapid_public_key,
        subscribed_at=utc(subscription.create_date),
    )


@router.delete(
    "/push/subscription",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=error_responses(*AUTHENTICATED),
)
async def unsubscribe(
    caller: Annotated[Caller, Depends(authenticated_caller)],
) -> Response:
    """Remove this phone's push subscription (nothing is pushed to it any more)."""
    caller.env["simantap.push.subscription"]._drop_for_devices(caller.device)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/push/{push_id}/opened",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=error_responses(404, *WRITE),
)
async def opened(
    push_id: PushId, caller: Annotated[Caller, Depends(write_quota)]
) -> Response:
    """The employee tapped notification ``push_id`` (the ``id`` of its payload)
    on this phone: noted once. 404 ``not_found`` for a push to another phone."""
    if not caller.env["simantap.push.message"]._api_opened(caller.device, push_id):
        raise api_error(caller.env, status.HTTP_404_NOT_FOUND, "not_found")
    return Response(status_code=status.HTTP_204_NO_CONTENT)

"""Who is calling, in which language, and may they write now.

A handler of the mobile API takes :func:`api_env` (public routes) or
:func:`authenticated_caller` / :func:`write_quota` (everything else).  Once the
bearer token is checked, the handler runs as the employee's own Odoo user, with the
same rights and record rules as in the backend; the endpoint's technical user only
signs in and looks the token up.

The request's environment comes from the fastapi addon's context variable and the
endpoint's id and company from the app's state (set when the endpoint builds its
app), not through the addon's ``odoo_env`` and ``fastapi_endpoint`` dependencies:
those need the app's dependency overrides, and while an app has any, FastAPI
analyses every dependency of a route again at each request.  The dependencies, like
the handlers, are coroutines: FastAPI would run a plain function in a worker thread
of its own, and the app runs in the request's thread (bridge.py)."""

import inspect
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette import status

from odoo.api import Environment

from odoo.addons.fastapi.context import odoo_env_ctx
from odoo.addons.fastapi.dependencies import accept_language as addon_accept_language

from .errors import api_error, content_language, resolve_lang

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="DeviceToken",
    description="The access token `POST /auth/sign-in` returned for this phone.",
)


# the header the fastapi addon's app-level dependency declares (and documents)
_ACCEPT_LANGUAGE = inspect.signature(addon_accept_language).parameters[
    "accept_language"
]


async def accept_language(
    accept_language: _ACCEPT_LANGUAGE.annotation = _ACCEPT_LANGUAGE.default,
) -> str | None:
    """The fastapi addon's app-level dependency, the same header with the same
    documentation, as a coroutine: FastAPI runs the addon's plain function in a
    thread it starts for the request.  The language itself is resolved by
    :func:`_in_language`."""
    return accept_language


@dataclass
class Caller:
    """The authenticated phone: its binding, its employee and the employee's
    environment (language of the request, employee's company)."""

    device: object
    employee: object
    env: Environment


async def api_env(request: Request, response: Response) -> Environment:
    """The endpoint's environment (its user, its company) in the language the
    phone asked for."""
    env = odoo_env_ctx.get()
    company_id = request.app.state.simantap_company_id
    if company_id:
        env = env(context=dict(env.context, allowed_company_ids=[company_id]))
    return _in_language(env, request, response)


def api_limits(request: Request):
    """The limits of the ``fastapi.endpoint`` serving this request, as its app
    was built with them: ``{field name: value}``."""
    return request.app.state.simantap_limits


def _in_language(env, request, response):
    lang = resolve_lang(env, request.headers.get("accept-language"))
    response.headers["Content-Language"] = content_language(lang)
    return env(context=dict(env.context, lang=lang))


def _unauthorized(env, code):
    return api_error(
        env,
        status.HTTP_401_UNAUTHORIZED,
        code,
        headers={"WWW-Authenticate": "Bearer"},
    )


async def authenticated_caller(
    request: Request,
    response: Response,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Caller:
    """The phone behind the bearer token; 401 if there is none, if it is unknown
    or replaced, if the phone was revoked or the employee archived."""
    env = _in_language(odoo_env_ctx.get(), request, response)
    if credentials is None or not credentials.credentials:
        raise _unauthorized(env, "token_missing")
    device = env["simantap.device"]._api_find_by_token(credentials.credentials)
    if not device:
        raise _unauthorized(env, "token_invalid")
    reason = device._api_usable_reason()
    if reason:
        raise _unauthorized(env, reason)
    device._api_touch()
    employee = device.employee_id
    user = employee.user_id
    company = employee.company_id
    if company.id not in user._get_company_ids():
        company = user.company_id
    user_env = env(
        user=user.id,
        context=dict(
            env.context,
            allowed_company_ids=company.ids,
            authenticated_partner_id=user.partner_id.id,
        ),
    )
    return Caller(
        device=device.with_env(user_env),
        employee=employee.with_env(user_env),
        env=user_env,
    )


async def write_quota(
    caller: Annotated[Caller, Depends(authenticated_caller)],
    request: Request,
) -> Caller:
    """The caller, if its phone may write now (token bucket per phone); else 429
    with ``Retry-After``."""
    limits = api_limits(request)
    allowed, retry_after = odoo_env_ctx.get()[
        "fastapi.endpoint"
    ]._simantap_consume_write(
        caller.device.id,
        limits["simantap_rate_per_minute"],
        limits["simantap_rate_burst"],
    )
    if not allowed:
        raise api_error(
            caller.env,
            status.HTTP_429_TOO_MANY_REQUESTS,
            "rate_limited",
            headers={"Retry-After": str(retry_after)},
            params={"seconds": retry_after},
            retry_after=retry_after,
        )
    return caller

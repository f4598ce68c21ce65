"""The one error model of the mobile API.

Every refusal is a JSON body ``{"detail": {"code": ..., "message": ..., ...}}``:
``code`` is stable (phones and tests compare it), ``message`` is translated into the
language the phone asked for (``Accept-Language``: ``id`` or ``en``; Indonesian when
it does not say, if Indonesian is installed).  The same shape comes out of three
paths:

* :class:`ApiError` (an ``HTTPException``) raised by a dependency or a handler:
  what the request wrote is rolled back;
* FastAPI's and Odoo's own exceptions (request validation, unknown route, access
  error...), converted to an :class:`ApiError` by :class:`ErrorModelMiddleware`,
  which answers both (the OCA addon ignores custom exception handlers);
* :func:`refusal_response` returned by a handler when a model service refused an
  event: the attempt the service logged is committed.
"""

import json
import logging

import psycopg2
from fastapi import HTTPException
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette import status
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from werkzeug.datastructures import LanguageAccept
from werkzeug.exceptions import HTTPException as WerkzeugHTTPException
from werkzeug.http import parse_accept_header

from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError
from odoo.tools.translate import LazyTranslate

from odoo.addons.fastapi.context import odoo_env_ctx
from odoo.addons.simantap_attendance.lib import refusals

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

DEFAULT_LANG = "id_ID"
LANGS = {"id": "id_ID", "in": "id_ID", "en": "en_US"}  # "in": Android's old code

MESSAGES = {
    "invalid_credentials": _lt("Wrong login or password."),
    "no_employee": _lt(
        "Your account is not linked to an employee: ask your attendance officer."
    ),
    "device_pending_approval": _lt(
        "This phone is waiting for an attendance officer's approval. Sign in again "
        "once it is approved."
    ),
    "token_missing": _lt("Sign in first: the request has no bearer token."),
    "token_invalid": _lt("This sign-in is no longer valid: sign in again."),
    "device_revoked": _lt(
        "This phone is no longer bound to your account: sign in again to ask for "
        "approval."
    ),
    "account_inactive": _lt("Your account or employee record is archived."),
    "forbidden": _lt("You are not allowed to do this."),
    "not_found": _lt("Not found."),
    "method_not_allowed": _lt("This method is not allowed here."),
    "body_too_large": _lt("The request is too large (at most %(limit)s bytes)."),
    "batch_too_large": _lt(
        "A batch holds at most %(limit)s events: send the rest in another batch."
    ),
    "batch_empty": _lt("The batch holds no event."),
    "sign_in_cooldown": _lt(
        "Too many failed sign-ins with this login: try again in %(seconds)s seconds."
    ),
    "address_cooldown": _lt(
        "Too many failed sign-ins from this network address: try again in "
        "%(seconds)s seconds."
    ),
    "rate_limited": _lt(
        "Too many requests from this phone: try again in %(seconds)s seconds."
    ),
    "malformed_request": _lt("The request body is not valid JSON."),
    "invalid_request": _lt("Some fields are missing or not valid."),
    "refused": _lt("Refused."),
    "letter_too_large": _lt(
        "The assignment letter is too large (at most %(limit)s bytes)."
    ),
    "letter_type": _lt("The assignment letter is not a valid base64 file."),
    "photo_too_large": _lt("A photo is too large (at most %(limit)s bytes)."),
    "photo_type": _lt("A photo is not a valid base64 file."),
    "document_too_large": _lt(
        "The supporting document is too large (at most %(limit)s bytes)."
    ),
    "document_type": _lt("The supporting document is not a valid base64 file."),
    "uuid_conflict": _lt(
        "This request's UUID was already used for something else: make a new one."
    ),
    "conflict": _lt(
        "This conflicts with something stored at the same moment: try again."
    ),
    "http_error": _lt("The request could not be served."),
    "internal_error": _lt(
        "The server failed to handle the request; it has been logged. Try again later."
    ),
}


def reason_status(code):
    """The HTTP status of a service's refusal code, from the one catalogue of
    refusal codes (simantap_attendance/lib/refusals.py): 409 when the state of the
    day or record does not allow it (check in first, already checked in,
    closed); 404 when the thing answered is unknown; 403 when it is not the
    caller's to do; 413 when a file is too big; everything else a valid request
    can be refused for is a 422 (a business refusal: outside the geofence, mock
    location, poor accuracy, outside working hours...)."""
    return refusals.status(code)


def resolve_lang(env, header):
    """Odoo language code for an ``Accept-Language`` header: ``id`` or ``en`` in
    the phone's order of preference, else Indonesian; a language that is not
    installed falls back to English."""
    installed = {code for code, _name in env["res.lang"].get_installed()}
    wanted = [DEFAULT_LANG]
    if header:
        accepted = parse_accept_header(header, LanguageAccept)
        tags = [tag.replace("_", "-").split("-")[0].lower() for tag, _q in accepted]
        wanted = [LANGS[tag] for tag in tags if tag in LANGS] + wanted
    for lang in wanted:
        if lang == "en_US" or lang in installed:
            return lang
    return "en_US"


def content_language(lang):
    return lang.split("_")[0]


def message(env, code, **params):
    """The translated message of ``code``, its placeholders filled: the API's
    own codes here, a service's refusal code from the catalogue."""
    if code not in MESSAGES and code in refusals.CATALOGUE:
        return env["simantap.intake"]._refusal_message(code, params)
    source = MESSAGES.get(code) or MESSAGES["http_error"]
    text = env._(source)
    if not params:
        return text
    try:
        return text % params
    except (KeyError, TypeError, ValueError):
        _logger.warning("Broken %s translation of the API message %s", env.lang, code)
        english = env(context=dict(env.context, lang="en_US"))._(source)
        return english % params


class ApiError(HTTPException):
    """An error of the error model; raising it undoes what the request wrote."""

    # the level it is logged at: a refusal is no server error
    loglevel = logging.INFO
    exc_info = None

    def __init__(self, status_code, code, message, headers=None, **extra):
        super().__init__(
            status_code=status_code,
            detail={"code": code, "message": message, **extra},
            headers=headers,
        )
        self.code = code

    def __str__(self):
        return f"{self.status_code} {self.code}"


def api_error(env, status_code, code, headers=None, params=None, **extra):
    """An :class:`ApiError` whose message is translated into ``env``'s language."""
    lang = env.lang or "en_US"
    headers = {"Content-Language": content_language(lang), **(headers or {})}
    return ApiError(
        status_code,
        code,
        message(env, code, **(params or {})),
        headers=headers,
        **extra,
    )


def error_response(
    env, status_code, code, headers=None, params=None, text=None, **extra
):
    """The error model as a response: unlike :class:`ApiError`, what the request
    wrote is committed (a device's request for approval, a refused attempt).
    ``text`` replaces the message (a service's own translated reason)."""
    lang = env.lang or "en_US"
    detail = {"code": code, "message": text or message(env, code, **(params or {}))}
    detail.update(jsonable_encoder(extra))
    return JSONResponse(
        {"detail": detail},
        status_code=status_code,
        headers={"Content-Language": content_language(lang), **(headers or {})},
    )


def refusal_response(env, event):
    """The response to one event a model service refused: the error model with
    the event's result (an ``EventResult``), and a committed transaction (the
    service's log of the attempt is kept)."""
    code = event.code or "refused"
    return error_response(
        env, reason_status(code), code, text=event.message, event=event
    )


def _request_lang_env(scope):
    env = odoo_env_ctx.get()
    header = None
    for name, value in scope.get("headers") or ():
        if name == b"accept-language":
            header = value.decode("latin-1")
            break
    return env(context=dict(env.context, lang=resolve_lang(env, header)))


def _validation_error(env, exc):
    errors = jsonable_encoder(exc.errors())
    if any(error.get("type") == "json_invalid" for error in errors):
        return api_error(env, status.HTTP_400_BAD_REQUEST, "malformed_request")
    # what the phone sent is not echoed back (it may hold a selfie)
    for error in errors:
        error.pop("input", None)
        error.pop("ctx", None)
        error.pop("url", None)
    return api_error(
        env, status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_request", errors=errors
    )


def convert_exception(env, exc):
    """The :class:`ApiError` for an exception raised under the app, or None to let
    it through (database errors must reach Odoo's retry loop untouched)."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, RequestValidationError):
        return _validation_error(env, exc)
    if isinstance(exc, StarletteHTTPException):
        codes = {
            status.HTTP_400_BAD_REQUEST: "malformed_request",
            status.HTTP_401_UNAUTHORIZED: "token_missing",
            status.HTTP_403_FORBIDDEN: "forbidden",
            status.HTTP_404_NOT_FOUND: "not_found",
            status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
        }
        return api_error(
            env,
            exc.status_code,
            codes.get(exc.status_code, "http_error"),
            headers=exc.headers,
        )
    if isinstance(exc, WerkzeugHTTPException):
        return api_error(env, exc.code or 500, "http_error")
    if isinstance(exc, AccessDenied | AccessError):
        return api_error(env, status.HTTP_403_FORBIDDEN, "forbidden")
    if isinstance(exc, MissingError):
        return api_error(env, status.HTTP_404_NOT_FOUND, "not_found")
    if isinstance(exc, UserError) and isinstance(getattr(exc, "code", None), str):
        # a service's refusal with its own code and translated message
        error = api_error(env, reason_status(exc.code), exc.code)
        if exc.args:
            error.detail["message"] = str(exc.args[0])
        return error
    if isinstance(exc, UserError):  # ValidationError included
        error = api_error(env, status.HTTP_422_UNPROCESSABLE_CONTENT, "refused")
        if exc.args:
            error.detail["message"] = str(exc.args[0])
        return error
    if isinstance(exc, json.JSONDecodeError | UnicodeDecodeError):
        return api_error(env, status.HTTP_400_BAD_REQUEST, "malformed_request")
    if isinstance(exc, psycopg2.IntegrityError):
        # never PostgreSQL's text (it names tables, columns and ids)
        return api_error(env, status.HTTP_409_CONFLICT, "conflict")
    if isinstance(exc, psycopg2.Error):
        return None  # Odoo retries serialisation failures
    # a bug: still the error model, and still logged with its traceback
    error = api_error(env, status.HTTP_500_INTERNAL_SERVER_ERROR, "internal_error")
    error.loglevel = logging.ERROR
    error.exc_info = (type(exc), exc, exc.__traceback__)
    return error


class ErrorModelMiddleware:
    """Pure ASGI middleware: every exception of the error model's kinds leaves the
    app as a JSON response of the error model, after what the request wrote is
    rolled back (a savepoint around the app, as a raised error would have the
    dispatcher do).

    It answers rather than re-raises: the WSGI bridge of the OCA addon can lose an
    exception raised just after the body is read (the app is marked done before
    the error reaches the WSGI side, which then has no response: a 500).  Database
    errors are still raised, for Odoo to retry the request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        env = _request_lang_env(scope)
        try:
            with env.cr.savepoint():
                await self.app(scope, receive, tracking_send)
        except Exception as exc:
            error = exc if isinstance(exc, ApiError) else convert_exception(env, exc)
            if error is None or started:
                raise
            _logger.log(
                error.loglevel,
                "%s %s: %s",
                scope.get("method"),
                scope.get("path"),
                error,
                exc_info=error.exc_info,
            )
            response = JSONResponse(
                {"detail": error.detail},
                status_code=error.status_code,
                headers=error.headers,
            )
            await response(scope, receive, send)


class BodyLimitMiddleware:
    """Refuse a request body larger than ``max_bytes`` with a 413, from its
    Content-Length before anything is read, or while it streams in."""

    def __init__(self, app, max_bytes):
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self, scope):
        return api_error(
            _request_lang_env(scope),
            status.HTTP_413_CONTENT_TOO_LARGE,
            "body_too_large",
            params={"limit": self.max_bytes},
            limit=self.max_bytes,
        )

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.max_bytes:
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers") or ():
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    raise self._too_large(scope)
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body") or b"")
                if received > self.max_bytes:
                    raise self._too_large(scope)
            return message

        await self.app(scope, limited_receive, send)

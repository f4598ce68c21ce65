"""The mobile API's body limit, applied before anything reads the body.

The fastapi addon copies a request's whole body into memory before the app (and
its :class:`~.errors.BodyLimitMiddleware`) sees a byte of it, and it does so for a
public route, before any token is checked.  ``guard`` runs earlier, in
``ir.http._pre_dispatch``: a declared Content-Length over the limit is refused at
once (413 ``body_too_large``) without reading anything; a chunked body (no
Content-Length) is read here, a piece at a time, and refused as soon as it grows
past the limit, so that at most the limit is ever held in memory; what was read
is then handed on with its length, as if it had been declared."""

import io

from starlette import status

from .errors import api_error

PIECE = 64 * 1024


def too_large(env, limit):
    # the unread rest of the body is never read: Odoo's server (werkzeug) closes
    # every connection after its response
    return api_error(
        env,
        status.HTTP_413_CONTENT_TOO_LARGE,
        "body_too_large",
        params={"limit": limit},
        limit=limit,
    )


def read_capped(stream, limit):
    """The bytes of ``stream`` up to its end, or None as soon as there are more
    than ``limit`` of them."""
    body = io.BytesIO()
    while True:
        piece = stream.read(min(PIECE, limit + 1 - body.tell()))
        if not piece:
            return body.getvalue()
        body.write(piece)
        if body.tell() > limit:
            return None


def guard(httprequest, limit, env):
    """Refuse or read, within ``limit`` bytes, the body of ``httprequest`` (the
    werkzeug request, not read yet); ``env`` gives the refusal's language."""
    if not limit:
        return
    declared = httprequest.content_length
    if declared is not None and declared > limit:
        raise too_large(env, limit)
    environ = httprequest.environ
    if not environ.get("wsgi.input_terminated"):
        return  # a declared length (werkzeug reads no further) or no body
    body = read_capped(environ["wsgi.input"], limit)
    if body is None:
        raise too_large(env, limit)
    # from here on, a body of a known length, no longer chunked
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    del environ["wsgi.input_terminated"]
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    # werkzeug caches the stream it derives from the environ
    httprequest.__dict__.pop("stream", None)

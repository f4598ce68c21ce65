import inspect
import io
import threading
from unittest.mock import patch

from fastapi.routing import APIRoute
from psycopg2 import errorcodes, errors

from odoo.tests import BaseCase, HttpCase, TransactionCase, tagged

from ..bridge import InThreadApp
from ..routers import ROUTERS, meta

META = "/simantap/api/v1/meta"


def serialization_failure():
    failure = errors.SerializationFailure()
    failure.__setstate__({"pgcode": errorcodes.SERIALIZATION_FAILURE})
    return failure


def wsgi_call(app, body=b"", method="POST"):
    """Call the WSGI ``app`` as the fastapi dispatcher does; returns
    ``(status, headers, exc_info, body)``."""
    answer = {}

    def start_response(status, headers, exc_info):
        answer.update(status=status, headers=headers, exc_info=exc_info)

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/echo",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8069",
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/octet-stream",
        "wsgi.input": io.BytesIO(body),
    }
    chunks = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], answer["exc_info"], chunks


@tagged("post_install", "-at_install")
class TestInThreadApp(BaseCase):
    """The WSGI side of the mobile API: the ASGI app runs to its end in the
    calling thread, with the whole body, and its answer or its exception comes
    back as the fastapi dispatcher expects them."""

    def test_the_body_arrives_whole_and_the_answer_comes_back(self):
        seen = {}

        async def echo(scope, receive, send):
            message = await receive()
            seen["thread"] = threading.get_ident()
            seen["more_body"] = message["more_body"]
            await send(
                {
                    "type": "http.response.start",
                    "status": 201,
                    "headers": [(b"x-length", str(len(message["body"])).encode())],
                }
            )
            await send({"type": "http.response.body", "body": message["body"][:5]})

        body = b"selfie" * 50_000  # 300 kB, more than a2wsgi's 64 kB pieces
        status, headers, exc_info, answer = wsgi_call(InThreadApp(echo), body)
        self.assertEqual(status, "201 Created")
        self.assertEqual(headers, [("x-length", "300000")])
        self.assertIsNone(exc_info)
        self.assertEqual(answer, b"selfi")
        self.assertFalse(seen["more_body"])
        self.assertEqual(seen["thread"], threading.get_ident())

    def test_a_streamed_answer_is_whole_and_then_the_client_is_gone(self):
        async def stream(scope, receive, send):
            await receive()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            for piece in (b"one ", b"two ", b"three"):
                await send(
                    {"type": "http.response.body", "body": piece, "more_body": True}
                )
            await send({"type": "http.response.body", "body": b""})
            # a streaming answer listens for the client leaving; after the end
            # that is what it hears, at once
            self.assertEqual((await receive())["type"], "http.disconnect")

        status, _headers, _exc_info, answer = wsgi_call(InThreadApp(stream))
        self.assertEqual(status, "200 OK")
        self.assertEqual(answer, b"one two three")

    def test_an_exception_reaches_the_dispatcher(self):
        # the dispatcher raises what start_response's third argument holds: Odoo
        # then runs the request again (a serialization failure) or answers it
        failure = serialization_failure()

        async def failing(scope, receive, send):
            await receive()
            raise failure

        status, _headers, exc_info, _answer = wsgi_call(InThreadApp(failing))
        self.assertEqual(status, "500 Internal Server Error")
        self.assertIs(exc_info[1], failure)


@tagged("post_install", "-at_install")
class TestServedInTheRequestThread(HttpCase):
    """Over Odoo's real HTTP server: the mobile API's handlers run in the
    server's own request thread, and a request that lost a serialization race
    is run again by Odoo, as any Odoo route is."""

    def test_a_serialization_failure_is_retried_in_the_request_thread(self):
        calls = []
        real_utc = meta.utc

        def utc_once_failing(moment):
            calls.append(threading.current_thread())
            if len(calls) == 1:
                raise serialization_failure()
            return real_utc(moment)

        with patch.object(meta, "utc", side_effect=utc_once_failing):
            response = self.url_open(META, headers={"Accept-Language": "en"})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["api_version"], "1")
        self.assertEqual(len(calls), 2)
        # Odoo's own request thread, not a worker thread of FastAPI's or an
        # event loop's
        self.assertTrue(calls[0].name.startswith("odoo.service.http.request"))
        self.assertIs(calls[0], calls[1])


@tagged("post_install", "-at_install")
class TestNoWorkerThread(TransactionCase):
    def test_every_handler_and_dependency_is_awaited(self):
        # FastAPI runs a plain function in a thread it starts for the request:
        # none of the app's routes may need one (the app's own dependencies,
        # the caller, the handler)
        endpoint = self.env.ref("simantap_mobile_api.fastapi_endpoint_simantap")
        calls = [
            (None, depends.dependency)
            for depends in endpoint._get_fastapi_app_dependencies()
        ]

        def collect(dependant, path):
            calls.append((path, dependant.call))
            for sub in dependant.dependencies:
                collect(sub, path)

        routes = [
            route
            for router in ROUTERS
            for route in router.routes
            if isinstance(route, APIRoute)
        ]
        self.assertGreater(len(routes), 20)
        for route in routes:
            collect(route.dependant, route.path)
        plain = [
            (path, call)
            for path, call in calls
            if call is not None
            and not inspect.iscoroutinefunction(call)
            and not inspect.iscoroutinefunction(type(call).__call__)
        ]
        self.assertEqual(plain, [])

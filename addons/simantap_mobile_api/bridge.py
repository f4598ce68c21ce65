"""The mobile API served in the request's own thread.

The fastapi addon's WSGI bridge (a2wsgi) runs the app on an event loop in another
thread and passes the request and the answer between the two threads one message
at a time: the start of the answer, each piece of it, each 64 kB of the body (a
check-in's selfie is four).  FastAPI then runs each plain ``def`` handler and
dependency in a third thread, started for the request and stopped after it.  Every
hand-over waits for Python's global lock, behind every other busy thread of the
server; at a morning peak those waits, not the work, were most of what a check-in
cost above stock Odoo's own route (bench/README.md).

:class:`InThreadApp` runs the app to its end on an event loop in the WSGI thread
itself: the body, already in memory (the dispatcher and ``bodylimit.guard`` have
read it), is handed over whole, and the answer is collected and returned whole, as
the dispatcher returns it anyway.  The handlers a phone calls at the peak and the
caller's dependencies are coroutines (routers/events.py, dependencies.py), so the
Odoo work of a check-in runs in the request's thread, as in any Odoo route.  An
exception the app raises reaches the dispatcher as a2wsgi hands it over (the third
argument of ``start_response``), so Odoo still retries a request that lost a
serialization race and answers anything else with the addon's error handling."""

import asyncio
import queue

from a2wsgi.asgi import StatusStringMapping, build_scope

from odoo.service.server import CommonServer

# event loops not running: a request takes one, runs its app on it and gives it
# back (Odoo's threaded server starts a thread per connection, so a loop per
# thread would be made and dropped with each request)
_idle_loops = queue.SimpleQueue()


def _close_idle_loops():
    while True:
        try:
            _idle_loops.get_nowait().close()
        except queue.Empty:
            return


CommonServer.on_stop(_close_idle_loops)


def run_here(coroutine):
    """Run ``coroutine`` to its end on an idle event loop, in this thread."""
    try:
        loop = _idle_loops.get_nowait()
    except queue.Empty:
        loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        _idle_loops.put(loop)


class InThreadApp:
    """A WSGI application running the ASGI ``app`` in the calling thread."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        stream = environ.get("wsgi.input")
        body = stream.read(length) if stream is not None and length else b""
        exchange = _Exchange(body)
        try:
            run_here(self.app(build_scope(environ), exchange.receive, exchange.send))
        except Exception as exc:  # handed to the dispatcher, which raises it
            if exchange.finished:
                raise
            start_response(
                "500 Internal Server Error",
                [("Content-Type", "text/plain; charset=utf-8")],
                (type(exc), exc, exc.__traceback__),
            )
            return [b""]
        if exchange.status is None:
            raise RuntimeError("The mobile API returned no response.")
        start_response(StatusStringMapping[exchange.status], exchange.headers, None)
        return [b"".join(exchange.chunks)]


class _Exchange:
    """One request's ASGI ``receive`` and ``send``: the whole body at once, then
    a disconnect once the answer is complete; the answer kept in memory."""

    def __init__(self, body):
        self.body = body
        self.body_given = False
        self.status = None
        self.headers = []
        self.chunks = []
        self.finished = False
        self.done = None

    async def receive(self):
        if not self.body_given:
            self.body_given = True
            return {"type": "http.request", "body": self.body, "more_body": False}
        # what a client that went away looks like; asked before the answer is
        # complete (a streaming answer listening for it), it waits for the end
        if not self.finished:
            if self.done is None:
                self.done = asyncio.get_running_loop().create_future()
            await self.done
        return {"type": "http.disconnect"}

    async def send(self, message):
        kind = message["type"]
        if kind == "http.response.start":
            self.status = message["status"]
            self.headers = [
                (name.decode("latin-1"), value.decode("latin-1"))
                for name, value in message.get("headers", ())
            ]
        elif kind == "http.response.body":
            self.chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                self.finished = True
                if self.done is not None and not self.done.done():
                    self.done.set_result(None)

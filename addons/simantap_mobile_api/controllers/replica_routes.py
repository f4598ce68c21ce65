"""The mobile API's read-only pages, declared read-only so that Odoo serves them from
the PostgreSQL replica when one is configured (``db_replica_host``).

The whole API is one Odoo route, ``<root>/<path:application_path>``, read-write; the
more specific routes below win for these paths (werkzeug matches a static path before
a converter) and hand the request to the same FastAPI app, on a read-only cursor.  A
write there (none is expected) makes Odoo retry the request read-write.

Why these and not ``/me/today``: a phone reads its week and month to look back; its
"today" follows each check-in and ping at once, so it stays on the primary.  The stack
also makes every commit wait until the replica has applied it (synchronous_commit =
remote_apply, scripts/stack.py), so even these pages never show a phone an older state
than the one its last answered write left (docs/stack.md)."""

from odoo import http

API_ROOT = "/simantap/api/v1"
READONLY_PATHS = ("/me/week", "/me/month")


class SimantapReplicaRoutes(http.Controller):
    @http.route(
        [API_ROOT + path for path in READONLY_PATHS],
        type="fastapi",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
        readonly=True,
    )
    def simantap_readonly_page(self, **_kwargs):
        """Never called: the fastapi dispatcher serves the request from its app."""

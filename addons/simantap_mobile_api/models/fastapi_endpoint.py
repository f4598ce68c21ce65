from fastapi import Depends
from starlette.middleware import Middleware

from odoo import api, fields, models, tools

from odoo.addons.fastapi.dependencies import accept_language as addon_accept_language

from .. import ratelimit
from ..bridge import InThreadApp
from ..dependencies import accept_language
from ..docs import add_local_docs
from ..errors import BodyLimitMiddleware, ErrorModelMiddleware
from ..routers import ROUTERS

API_DESCRIPTION = """\
The phone's door to Simantap.

* Sign in once per phone with `POST /auth/sign-in`; send the token it returns as
  `Authorization: Bearer <token>`. A phone other than the employee's first waits for
  an attendance officer's approval (403 `device_pending_approval`).
* Every event (check-in, check-out, ping, spot-check answer) carries a UUID made by
  the phone: sending it again returns the first outcome and stores nothing new.
  Events captured offline go to `POST /sync`, each answered on its own.
* Every refusal is `{"detail": {"code", "message", ...}}`: `code` is stable,
  `message` is in the language of `Accept-Language` (`id` or `en`; Indonesian by
  default).
* Server time is the truth: `GET /meta` gives it, for the phone to measure its skew.
"""


# the limits a request of the Simantap app obeys: kept in the app's state (and the
# body limit in an ormcache) rather than read from the record at each request; a
# change of one of them resets the apps and the caches (_fastapi_app_fields)
LIMIT_FIELDS = (
    "simantap_rate_per_minute",
    "simantap_rate_burst",
    "simantap_max_body_bytes",
    "simantap_max_batch_events",
)


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("simantap", "Simantap Mobile API")],
        ondelete={"simantap": "cascade"},
    )
    simantap_rate_per_minute = fields.Integer(
        string="Writes per Minute per Phone",
        default=30,
        help="Sustained rate of write requests (check-in, ping, sync...) a phone may "
        "make; beyond it the API answers 429 with Retry-After. 0: no limit.",
    )
    simantap_rate_burst = fields.Integer(
        string="Burst of Writes per Phone",
        default=20,
        help="Writes a phone may make at once before the per-minute rate applies.",
    )
    simantap_max_body_bytes = fields.Integer(
        string="Maximum Request Size (bytes)",
        default=8 * 1024 * 1024,
        help="Larger requests are refused (413) before they are read.",
    )
    simantap_max_batch_events = fields.Integer(
        string="Maximum Events per Batch",
        default=100,
        help="Larger offline batches are refused (413) before any event is judged.",
    )

    def _get_fastapi_routers(self):
        if self.app == "simantap":
            return list(ROUTERS)
        return super()._get_fastapi_routers()

    @api.model
    def _fastapi_app_fields(self):
        return [*super()._fastapi_app_fields(), *LIMIT_FIELDS]

    @api.model
    @tools.ormcache("endpoint_id")
    def _simantap_body_limit(self, endpoint_id):
        """The body limit of the endpoint ``endpoint_id`` in bytes (0: none), or
        None when it does not serve the Simantap app."""
        endpoint = self.sudo().browse(endpoint_id)
        if endpoint.app != "simantap":
            return None
        return endpoint.simantap_max_body_bytes

    def _get_fastapi_app_middlewares(self):
        middlewares = super()._get_fastapi_app_middlewares()
        if self.app == "simantap":
            middlewares = [
                *middlewares,
                Middleware(ErrorModelMiddleware),
                Middleware(BodyLimitMiddleware, max_bytes=self.simantap_max_body_bytes),
            ]
        return middlewares

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "simantap":
            params.update(
                title="Simantap Mobile API",
                version="1",
                description=API_DESCRIPTION,
                # the same document whether served or exported: no request-bound
                # server URL
                servers=[{"url": "/simantap/api/v1"}],
                root_path_in_servers=False,
                # FastAPI's docs pages load their assets from a CDN: ours are
                # served from this server (docs.py); ReDoc is not offered
                docs_url=None,
                redoc_url=None,
            )
        return params

    def _get_app(self):
        app = super()._get_app()
        if self.app == "simantap":
            add_local_docs(app)
            # what the addon's overridden dependencies would give (dependencies.py)
            app.state.simantap_endpoint_id = self.id
            app.state.simantap_company_id = self.company_id.id
            app.state.simantap_limits = {name: self[name] for name in LIMIT_FIELDS}
        return app

    @api.model
    def get_app(self, path):
        wsgi_app = super().get_app(path)
        if wsgi_app is not None and self._get_endpoint(path).app == "simantap":
            # served in the request's thread, not through a2wsgi's loop thread
            return InThreadApp(wsgi_app.app)
        return wsgi_app

    def _get_fastapi_app_dependencies(self):
        dependencies = super()._get_fastapi_app_dependencies()
        if self.app == "simantap":
            # the same header, awaited in the request's thread (dependencies.py)
            dependencies = [
                Depends(accept_language)
                if dependency.dependency is addon_accept_language
                else dependency
                for dependency in dependencies
            ]
        return dependencies

    def _get_app_dependencies_overrides(self):
        if self.app == "simantap":
            # none: while an app has overrides FastAPI analyses every dependency
            # of a route again at each request (dependencies.py)
            return {}
        return super()._get_app_dependencies_overrides()

    @api.model
    def _simantap_consume_write(self, device_id, per_minute, burst):
        """Take a write from the phone's token bucket (``per_minute`` writes a
        minute after a burst of ``burst``; no limit when ``per_minute`` is 0), in a
        transaction of its own (a refused or failed request still counts).
        Returns ``(allowed, retry_after_seconds)``."""
        if per_minute <= 0:
            return True, 0
        with self.env.registry.cursor() as cr:
            if not self.env.registry.in_test_mode():
                ratelimit.begin(cr)
            return ratelimit.consume(cr, device_id, per_minute, burst)

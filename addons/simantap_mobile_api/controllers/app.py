"""The phone web app (PWA) at /simantap/app: its page, manifest, service worker and
assets, served from ``static/app`` without a session or the backend's bundles.

The app talks only to the mobile API (/simantap/api/v1, same origin); these routes
need no database record, so they are ``auth="none"`` and never save a session."""

import os
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import Stream, request

APP_DIR = "simantap_mobile_api/static/app"
# what a file of the app may be called: lowercase words, one extension we serve
SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
MIMETYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
# the page loads nothing from elsewhere and talks only to its own origin
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "style-src 'self'; script-src 'self'; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


class SimantapPhoneApp(http.Controller):
    def _serve(self, relative):
        parts = relative.split("/")
        if not all(SAFE_NAME.match(part) for part in parts):
            raise NotFound()
        extension = os.path.splitext(parts[-1])[1]
        if extension not in MIMETYPES:
            raise NotFound()
        try:
            stream = Stream.from_path(f"{APP_DIR}/{relative}", filter_ext=(extension,))
        except (FileNotFoundError, ValueError) as error:
            raise NotFound() from error
        stream.mimetype = MIMETYPES[extension]
        stream.max_age = 0  # revalidate each time: the service worker keeps it offline
        response = stream.get_response(
            content_security_policy=PAGE_POLICY if extension == ".html" else None
        )
        response.headers["Cache-Control"] = "no-cache"
        return response

    @http.route("/simantap/app", type="http", auth="none", save_session=False)
    def app_root(self):
        return request.redirect("/simantap/app/", code=301, local=True)

    @http.route(
        ["/simantap/app/", "/simantap/app/index.html"],
        type="http",
        auth="none",
        save_session=False,
    )
    def app_page(self):
        return self._serve("index.html")

    @http.route(
        "/simantap/app/manifest.webmanifest",
        type="http",
        auth="none",
        save_session=False,
    )
    def app_manifest(self):
        return self._serve("manifest.webmanifest")

    @http.route("/simantap/app/sw.js", type="http", auth="none", save_session=False)
    def app_service_worker(self):
        response = self._serve("sw.js")
        response.headers["Service-Worker-Allowed"] = "/simantap/app/"
        return response

    @http.route(
        "/simantap/app/<path:relative>",
        type="http",
        auth="none",
        save_session=False,
    )
    def app_asset(self, relative):
        return self._serve(relative)

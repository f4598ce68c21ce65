"""The API's interactive documentation (Swagger UI) at ``<root>/docs``, with its
script, stylesheet and icon served from the ``swagger-ui-bundle`` package on this
server, not from a CDN: a regency's network may have no way out, and the page must
not be blank there.  The package's Swagger UI (4.x) reads OpenAPI 3.0 only: the
page is given the 3.1 document told in 3.0 (``lib/openapi30.py``).

FastAPI's own docs page (and ReDoc, which no package of ours ships) is switched off
in :meth:`fastapi.endpoint._prepare_fastapi_app_params`; this module adds the
same page with local assets to the endpoint's app."""

import html
import json

from fastapi import FastAPI, Request
from starlette import status
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response
from swagger_ui_bundle import swagger_ui_path

from .lib.openapi30 import as_openapi_3_0

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"
# the document as the page's Swagger UI (4.x) reads it: OpenAPI 3.0
DOCS_OPENAPI_PATH = "/docs/openapi-3.0.json"
# the only files served, and their types: nothing else of the package is reachable
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
CACHE = "public, max-age=86400"
# FastAPI's page names a preset the package's Swagger UI (4.x) lacks: our own page
PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script>
const config = {config};
config.presets = [SwaggerUIBundle.presets.apis];
window.ui = SwaggerUIBundle(config);
</script>
</body>
</html>
"""


def add_local_docs(app: FastAPI):
    """Serve Swagger UI for ``app`` at ``/docs`` from the package's files."""

    async def swagger_ui(request: Request) -> Response:
        root = request.scope.get("root_path", "").rstrip("/")
        return HTMLResponse(
            PAGE.format(
                title=html.escape(f"{app.title} - Swagger UI"),
                assets=html.escape(f"{root}{ASSETS_PATH}"),
                config=json.dumps(
                    {
                        "url": f"{root}{DOCS_OPENAPI_PATH}",
                        "dom_id": "#swagger-ui",
                        "layout": "BaseLayout",
                        "deepLinking": True,
                    }
                ).replace("<", "\\u003c"),
            )
        )

    async def openapi_3_0(request: Request) -> Response:
        return JSONResponse(as_openapi_3_0(app.openapi()))

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            raise HTTPException(status.HTTP_404_NOT_FOUND)
        return Response(
            (swagger_ui_path / name).read_bytes(),
            media_type=ASSETS[name],
            headers={"Cache-Control": CACHE},
        )

    app.add_route(DOCS_PATH, swagger_ui, include_in_schema=False)
    app.add_route(DOCS_OPENAPI_PATH, openapi_3_0, include_in_schema=False)
    app.add_route(f"{ASSETS_PATH}/{{name}}", asset, include_in_schema=False)
    return app

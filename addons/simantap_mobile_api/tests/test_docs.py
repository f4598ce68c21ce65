import re

from odoo.tests import HttpCase, tagged

ROOT = "/simantap/api/v1"
# what the page loads: its tags' src and href, and Swagger UI's "url"
URLS = re.compile('(?:src|href)=["\']([^"\']+)["\']|"url": "([^"]+)"')


@tagged("post_install", "-at_install")
class TestDocsOffline(HttpCase):
    """The interactive docs load nothing from the internet: their script,
    stylesheet and icon come from this server (the swagger-ui-bundle package)."""

    def test_docs_page_and_its_assets_come_from_this_server(self):
        page = self.url_open(f"{ROOT}/docs")
        self.assertEqual(page.status_code, 200)
        html = page.text
        urls = re.findall(URLS, html)
        urls = [a or b for a, b in urls]
        self.assertTrue(urls, html)
        for url in urls:
            self.assertTrue(url.startswith(f"{ROOT}/"), url)  # nothing elsewhere
        # the document as this Swagger UI (4.x) reads it: OpenAPI 3.0
        self.assertIn(f"{ROOT}/docs/openapi-3.0.json", urls)
        told = self.url_open(f"{ROOT}/docs/openapi-3.0.json").json()
        self.assertEqual(told["openapi"], "3.0.3")
        self.assertEqual(told["info"]["title"], "Simantap Mobile API")
        types = {
            "swagger-ui-bundle.js": "text/javascript",
            "swagger-ui.css": "text/css",
            "favicon-32x32.png": "image/png",
        }
        for name, mimetype in types.items():
            url = f"{ROOT}/docs/assets/{name}"
            self.assertIn(url, urls)
            asset = self.url_open(url)
            self.assertEqual(asset.status_code, 200, url)
            self.assertTrue(asset.headers["Content-Type"].startswith(mimetype))
            self.assertGreater(len(asset.content), 500, url)
        self.assertIn(
            b"SwaggerUIBundle",
            self.url_open(f"{ROOT}/docs/assets/swagger-ui-bundle.js").content,
        )
        document = self.url_open(f"{ROOT}/openapi.json")
        self.assertEqual(document.json()["info"]["title"], "Simantap Mobile API")

    def test_nothing_else_of_the_package_is_served(self):
        for name in ("index.html", "swagger-initializer.js", "..%2F__init__.py"):
            response = self.url_open(f"{ROOT}/docs/assets/{name}")
            self.assertEqual(response.status_code, 404, name)
        self.assertEqual(self.url_open(f"{ROOT}/redoc").status_code, 404)

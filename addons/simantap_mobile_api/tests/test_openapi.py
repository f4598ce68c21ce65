import json

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

COMMITTED = "simantap_mobile_api/static/openapi.json"


@tagged("post_install", "-at_install")
class TestOpenApiDocument(TransactionCase):
    def test_committed_document_is_the_served_one(self):
        """static/openapi.json is what mobile developers generate their client
        from: regenerate it with `make openapi` whenever the API changes."""
        endpoint = self.env.ref("simantap_mobile_api.fastapi_endpoint_simantap")
        served = json.loads(json.dumps(endpoint._get_app().openapi()))
        with open(file_path(COMMITTED), encoding="utf-8") as file:
            committed = json.load(file)
        self.assertEqual(
            committed,
            served,
            "static/openapi.json differs from the served document: run `make openapi`",
        )

    def test_every_operation_documents_the_error_model(self):
        endpoint = self.env.ref("simantap_mobile_api.fastapi_endpoint_simantap")
        document = endpoint._get_app().openapi()
        self.assertIn("ErrorResponse", document["components"]["schemas"])
        self.assertNotIn("HTTPValidationError", document["components"]["schemas"])
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                self.assertIn("422", operation["responses"], f"{method} {path}")

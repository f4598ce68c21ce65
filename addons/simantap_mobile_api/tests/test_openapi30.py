import json

from odoo.tests import BaseCase, tagged
from odoo.tools.misc import file_path

from ..lib.openapi30 import as_openapi_3_0


@tagged("post_install", "-at_install")
class TestOpenApi30(BaseCase):
    """The docs page's Swagger UI (4.x, from swagger-ui-bundle) renders OpenAPI 3.0
    only: it is given the 3.1 document told in 3.0."""

    def test_nullable_const_examples_and_bounds(self):
        document = {
            "openapi": "3.1.0",
            "components": {
                "schemas": {
                    "A": {
                        "properties": {
                            "name": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                            "ref": {
                                "anyOf": [
                                    {"$ref": "#/components/schemas/B"},
                                    {"type": "null"},
                                ]
                            },
                            "two": {
                                "anyOf": [
                                    {"type": "string"},
                                    {"type": "integer"},
                                    {"type": "null"},
                                ]
                            },
                            "kinds": {"type": ["string", "null"]},
                            "fixed": {"const": "ok", "type": "string"},
                            "said": {"type": "string", "examples": ["H", "TL1"]},
                            "above": {"type": "number", "exclusiveMinimum": 0},
                        }
                    }
                }
            },
        }
        before = json.dumps(document, sort_keys=True)
        result = as_openapi_3_0(document)
        self.assertEqual(json.dumps(document, sort_keys=True), before)  # untouched
        self.assertEqual(result["openapi"], "3.0.3")
        props = result["components"]["schemas"]["A"]["properties"]
        self.assertEqual(props["name"], {"type": "string", "nullable": True})
        self.assertEqual(
            props["ref"],
            {"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": True},
        )
        self.assertEqual(
            props["two"],
            {"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": True},
        )
        self.assertEqual(props["kinds"], {"type": "string", "nullable": True})
        self.assertEqual(props["fixed"], {"enum": ["ok"], "type": "string"})
        self.assertEqual(props["said"], {"type": "string", "example": "H"})
        self.assertEqual(
            props["above"],
            {"type": "number", "minimum": 0, "exclusiveMinimum": True},
        )

    def test_the_api_document_leaves_nothing_of_3_1(self):
        with open(file_path("simantap_mobile_api/static/openapi.json")) as file:
            document = json.load(file)
        text = json.dumps(as_openapi_3_0(document))
        self.assertNotIn('"type": "null"', text)
        self.assertNotIn('"const"', text)
        self.assertIn('"nullable": true', text)

"""The API's OpenAPI 3.1 document told in OpenAPI 3.0, for the Swagger UI shipped by
the ``swagger-ui-bundle`` package (4.x: it renders 3.0 documents only).  Pure: no
ORM, no FastAPI.

Only the docs page reads this copy; ``/openapi.json`` (and the committed
``static/openapi.json`` that clients are generated from) stay 3.1.  What FastAPI
and pydantic write that 3.0 lacks: a null type among ``anyOf`` (-> ``nullable``),
a list of types, ``const`` (-> a one-value ``enum``), a list of ``examples``
(-> ``example``), numeric ``exclusiveMinimum``/``exclusiveMaximum``."""

import copy

VERSION = "3.0.3"
NULL = {"type": "null"}


def _nullable_any_of(schema):
    options = [option for option in schema.pop("anyOf") if option != NULL]
    schema["nullable"] = True
    if len(options) != 1:
        schema["anyOf"] = options
    elif "$ref" in options[0]:
        # a $ref takes no siblings in 3.0: wrap it
        schema["allOf"] = options
    else:
        for key, value in options[0].items():
            schema.setdefault(key, value)


def _schema_3_0(schema):
    if NULL in (schema.get("anyOf") or []):
        _nullable_any_of(schema)
    kinds = schema.get("type")
    if isinstance(kinds, list):
        others = [kind for kind in kinds if kind != "null"]
        if len(others) < len(kinds):
            schema["nullable"] = True
        if len(others) == 1:
            schema["type"] = others[0]
        else:
            schema.pop("type")
            schema["anyOf"] = [{"type": kind} for kind in others]
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    if isinstance(schema.get("examples"), list):
        examples = schema.pop("examples")
        if examples:
            schema.setdefault("example", examples[0])
    for bound, limit in (
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ):
        value = schema.get(bound)
        if isinstance(value, int | float) and not isinstance(value, bool):
            schema[limit] = value
            schema[bound] = True


def _walk(node):
    if isinstance(node, dict):
        for value in node.values():
            _walk(value)
        _schema_3_0(node)
    elif isinstance(node, list):
        for value in node:
            _walk(value)


def as_openapi_3_0(document):
    """A copy of the 3.1 ``document`` in OpenAPI 3.0 (the original is untouched)."""
    result = copy.deepcopy(document)
    _walk(result)
    result["openapi"] = VERSION
    return result

"""The OpenAPI document as the API really answers: errors are 400/404 with one JSON body.

FastAPI documents a 422 for every operation with parameters; lagebild answers
invalid parameters with 400 and the error body of ``_error``.  This rewrites
the generated document once: 422 is dropped, 400 (bad parameters, unknown
Host, a query over its cost budget) is added everywhere and 404 wherever a path
names a record.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["ok", "error", "errors", "status"],
    "properties": {
        "ok": {"type": "boolean", "enum": [False]},
        "error": {"type": "string", "description": "what was wrong and how to fix it"},
        "errors": {"type": "array", "items": {"type": "object"}, "description": "one entry per bad parameter"},
        "status": {"type": "integer", "description": "the HTTP status code again"},
    },
}
_REF = {"$ref": "#/components/schemas/Error"}
# What ``/api/search`` answers with ``format=json`` (the endpoint returns a plain dict).
SEARCH_SCHEMA: dict[str, Any] = {
    "title": "SearchResults",
    "type": "object",
    "required": ["ok", "query", "mode", "total", "total_is_lower_bound", "related", "offset", "limit",
                 "next_offset", "suggestion", "results"],
    "properties": {
        "ok": {"type": "boolean", "enum": [True]},
        "query": {"type": "string"},
        "mode": {"type": "string", "enum": ["keyword", "semantic", "hybrid"]},
        "total": {
            "type": "integer",
            "description": "how many articles match: those with the query's words (keyword, hybrid), or "
            "those at least 0.30 alike in meaning (semantic, among the 100 nearest at least); counted "
            "exactly up to 1 000",
        },
        "total_is_lower_bound": {
            "type": "boolean",
            "description": "true when more than 1 000 articles match: total is then 1 000, a lower bound",
        },
        "related": {
            "type": "integer",
            "description": "hybrid: how many more articles are listed for their meaning alone, without the "
            "query's words (0 in keyword and semantic mode); the list is total + related long",
        },
        "offset": {"type": "integer"},
        "limit": {"type": "integer"},
        "next_offset": {
            "type": ["integer", "null"],
            "description": "the next page's offset (through total + related); null on the last",
        },
        "suggestion": {
            "type": ["string", "null"],
            "description": "did you mean: for a query with fewer than 5 matches, the query with each word "
            "the index does not know replaced by the closest word the articles or entity names write "
            "(`Muenterfering Ruecktritt` -> `Müntefering Rücktritt`); null when every word is known, "
            "nothing is close, or the query has 5 matches or more",
        },
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"}, "title": {"type": "string"},
                    "origins": {"type": "array", "items": {"type": "string"}},
                    "published": {"type": ["string", "null"]},
                    "snippet": {"type": "string", "description": "HTML-escaped text, <mark> around matches"},
                    "score": {"type": "number"}, "source": {"type": ["string", "null"]},
                    "language": {"type": ["string", "null"]},
                },
            },
        },
    },
}  # fmt: skip


def _response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _REF}}}


def install(app: FastAPI) -> None:
    """Replace ``app.openapi`` by a generator that documents the real error responses."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        schemas["Error"] = ERROR_SCHEMA
        schemas["SearchResults"] = SEARCH_SCHEMA
        search_ok = doc.get("paths", {}).get("/api/search", {}).get("get", {}).get("responses", {}).get("200")
        if search_ok:
            search_ok["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/SearchResults"}
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        for path, item in doc.get("paths", {}).items():
            for op in item.values():
                responses = op.setdefault("responses", {})
                responses.pop("422", None)
                responses["400"] = _response("Invalid parameters, an unknown Host, or a query over its cost budget")
                if "{" in path:
                    responses["404"] = _response("No such record")
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]

"""The OpenAPI description's shared parts: the bearer token scheme and the problem responses
every operation may give (added by a postprocessing hook, so no view can forget one)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from kinerja.api.problems import CONTENT_TYPE, TITLES


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "kinerja.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token API dari halaman Token API (/akses-api/), dibuat administrator "
            "perangkat daerah: `Authorization: Bearer knj_…`.",
        }


PROBLEM = {
    "type": "object",
    "description": "Galat sebagai problem details (RFC 9457), application/problem+json.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Untuk 400: satu butir per pesan, dengan nama kolom dan kodenya.",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
                "required": ["field", "code", "message"],
            },
        },
        "current": {
            "type": "object",
            "description": "Untuk 409: data sebagaimana tersimpan sekarang.",
            "additionalProperties": True,
        },
    },
    "required": ["type", "title", "status", "detail", "code"],
}
READ_ERRORS = (400, 401, 403, 404, 405, 406, 429, 500, 503)
WRITE_ERRORS = (409, 413, 415, 422)


def problem_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM
    ref = {"$ref": "#/components/schemas/Problem"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            codes = READ_ERRORS + (WRITE_ERRORS if method != "get" else ())
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    str(code),
                    {"description": TITLES[code], "content": {CONTENT_TYPE: {"schema": ref}}},
                )
    return result

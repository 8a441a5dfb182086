"""Publish the protocol dataclasses as the OpenAPI request and response schemas.

Handlers parse bodies themselves (to share validation with the client), so FastAPI cannot see
the shapes; this fills them in from the same dataclasses, so the document cannot drift.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter

from sync.protocol.messages import (
    AuditRequest,
    AuditResponse,
    ConflictList,
    ConflictListRequest,
    EnrolRequest,
    EnrolResponse,
    HelloRequest,
    HelloResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ResolveRequest,
    ResolveResponse,
    VerifyRequest,
    VerifyResponse,
)

BODIES: dict[str, tuple[type, type]] = {
    "/v1/enrol": (EnrolRequest, EnrolResponse),
    "/v1/sync/hello": (HelloRequest, HelloResponse),
    "/v1/sync/push": (PushRequest, PushResponse),
    "/v1/sync/pull": (PullRequest, PullResponse),
    "/v1/sync/verify": (VerifyRequest, VerifyResponse),
    "/v1/audit": (AuditRequest, AuditResponse),
    "/v1/conflicts/list": (ConflictListRequest, ConflictList),
    "/v1/conflicts/{conflict_id}/resolve": (ResolveRequest, ResolveResponse),
}
DESCRIPTION = """Sync server of Outreach Desk.

Every endpoint except `/v1/enrol` and `/v1/health` needs the headers `X-Device-Id`,
`X-Timestamp` (unix seconds), `X-Nonce` (128-bit hex) and `X-Signature`: base64 Ed25519
signature by the device key over `METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body))`.
Errors are `{"error": {"code": ..., "message": ...}}` with a stable code."""
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "required": ["code", "message"],
        }
    },
}


def install_openapi(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title, version=app.version, description=DESCRIPTION, routes=app.routes
        )
        components = doc.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = ERROR_SCHEMA
        for path, (request, response) in BODIES.items():
            operation = doc["paths"][path]["post"]
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _ref(request, components)}},
            }
            operation["responses"] = {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": _ref(response, components)}},
                },
                "default": {
                    "description": "Error",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
            }
        app.openapi_schema = doc
        return doc

    app.openapi = build  # type: ignore[method-assign]


def _ref(cls: type, components: dict[str, Any]) -> dict[str, str]:
    schema = TypeAdapter(cls).json_schema(ref_template="#/components/schemas/{model}")
    components.update(schema.pop("$defs", {}))
    components[cls.__name__] = schema
    return {"$ref": f"#/components/schemas/{cls.__name__}"}

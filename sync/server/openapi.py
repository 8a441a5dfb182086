"""Publish the protocol dataclasses as the OpenAPI request and response schemas.

Handlers parse bodies themselves (to share validation with the client), so FastAPI cannot see
the shapes; this fills them in from the same dataclasses, so the document cannot drift. What a
message's ``__post_init__`` checks beyond its types (UUIDs, lengths, ranges) is added from
``CONSTRAINTS``, so a schema-valid request is one the server accepts (tests fuzz the server
with requests generated from this document).
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter

from sync.protocol.messages import (
    ENTITIES,
    FIELD_NAME_PATTERN,
    MAX_PULL_LIMIT,
    MAX_SEQ,
    MAX_SKIP,
    PUSH_OPS_LIMIT,
    SUM_DIGEST,
    VALUES_FORM,
    AuditRequest,
    AuditResponse,
    CitizenAuditRequest,
    CitizenAuditResponse,
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
from sync.protocol.signing import HEADER_DEVICE, HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIMESTAMP

BODIES: dict[str, tuple[type, type]] = {
    "/v1/enrol": (EnrolRequest, EnrolResponse),
    "/v1/sync/hello": (HelloRequest, HelloResponse),
    "/v1/sync/push": (PushRequest, PushResponse),
    "/v1/sync/pull": (PullRequest, PullResponse),
    "/v1/sync/verify": (VerifyRequest, VerifyResponse),
    "/v1/audit": (AuditRequest, AuditResponse),
    "/v1/audit/citizen": (CitizenAuditRequest, CitizenAuditResponse),
    "/v1/conflicts/list": (ConflictListRequest, ConflictList),
    "/v1/conflicts/{conflict_id}/resolve": (ResolveRequest, ResolveResponse),
}
UNSIGNED = frozenset({"/v1/enrol"})
"""POST endpoints that take no device signature (a device has no key on the server yet)."""

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

UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
"""``is_uuid``: the canonical lower-case text form."""
_UUID: dict[str, Any] = {"type": "string", "pattern": UUID_PATTERN}
_SEQ: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": MAX_SEQ}
_DIGEST_KIND: dict[str, Any] = {
    "anyOf": [{"type": "string", "enum": [SUM_DIGEST]}, {"type": "null"}]
}
_PULL_FORM: dict[str, Any] = {
    "anyOf": [{"type": "string", "enum": [VALUES_FORM]}, {"type": "null"}]
}
_PUSHED_OP = {
    "type": "object",
    "description": "Anything else with a UUID op_id: the server rejects it in the op's result "
    "(reason invalid_op) and records it, without failing the batch.",
    "properties": {"op_id": _UUID},
    "required": ["op_id"],
}
_AUDIT_ENTRY = {
    "type": "object",
    "description": "One link of the device's access-log hash chain; a chain that does not "
    "verify is refused with 422 audit_chain_broken.",
    "properties": {
        "seq": _SEQ,
        "prev_hash": {"type": "string"},
        "hash": {"type": "string"},
        "citizen_id": {"anyOf": [{"type": "string"}, {"type": "null"}]},
    },
    "required": ["seq", "prev_hash", "hash"],
}

_NO_NUL = "^[^\\u0000]*$"
VALUE_WITHOUT_NUL: dict[str, Any] = {
    "description": "Any JSON value whose text (object keys included) holds no NUL character:"
    " PostgreSQL stores none, so the server refuses it on every backend.",
    "anyOf": [
        {"type": "string", "pattern": _NO_NUL},
        {"type": ["number", "boolean", "null"]},
        {"type": "array", "items": {"$ref": "#/components/schemas/ValueWithoutNul"}},
        {
            "type": "object",
            "propertyNames": {"pattern": _NO_NUL},
            "additionalProperties": {"$ref": "#/components/schemas/ValueWithoutNul"},
        },
    ],
}
"""A decided conflict's value (``/v1/conflicts/{id}/resolve``): any JSON, no NUL in it."""

CONSTRAINTS: dict[str, dict[str, dict[str, Any]]] = {
    # message -> property -> JSON Schema keywords that replace the generated ones
    "FieldChange": {"base": {"anyOf": [_SEQ, {"type": "null"}]}},
    "Op": {
        "op_id": _UUID,
        "device_id": _UUID,
        "record_id": _UUID,
        "partition": _UUID,
        "counter": _SEQ,
        "entity": {"type": "string", "enum": sorted(ENTITIES)},
        "hlc": {"type": "string", "minLength": 1, "maxLength": 64},
        "fields": {"propertyNames": {"pattern": FIELD_NAME_PATTERN}},
    },
    "EnrolRequest": {
        "code": {"type": "string", "minLength": 1, "maxLength": 40},
        "device_name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": _NO_NUL,
        },
        "device_public_key": {"type": "string", "pattern": "^[A-Za-z0-9+/]{43}=$"},
    },
    "CursorCheck": {"seq": _SEQ},
    "AuditBase": {"seq": _SEQ},
    "DeviceMarks": {"op_counter": _SEQ, "audit_seq": _SEQ},
    "PullRequest": {
        "after": _SEQ,
        "limit": {"type": "integer", "minimum": 1, "maximum": MAX_PULL_LIMIT},
        "skip": {
            "anyOf": [
                {"type": "array", "maxItems": MAX_SKIP, "items": {"type": "integer"}},
                {"type": "null"},
            ]
        },
        "digest": _DIGEST_KIND,
        "form": _PULL_FORM,
    },
    "VerifyRequest": {"digest": _DIGEST_KIND},
    "PushRequest": {
        "ops": {
            "type": "array",
            "maxItems": PUSH_OPS_LIMIT,
            "items": {"anyOf": [{"$ref": "#/components/schemas/Op"}, _PUSHED_OP]},
        }
    },
    "AuditRequest": {"entries": {"type": "array", "items": _AUDIT_ENTRY}},
    "CitizenAuditRequest": {"citizen_id": _UUID},
    "ResolveRequest": {"value": {"$ref": "#/components/schemas/ValueWithoutNul"}},
}
OP_NEEDS_FIELDS = {
    "if": {"properties": {"kind": {"enum": ["upsert", "append"]}}},
    "then": {"properties": {"fields": {"minProperties": 1}}},
}
"""An upsert or append carries at least one field; only a delete may have none."""

SIGNATURE_HEADERS: list[dict[str, Any]] = [
    {"name": HEADER_DEVICE, "schema": _UUID, "description": "The enrolled device's id."},
    {
        "name": HEADER_TIMESTAMP,
        "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"},
        "description": "Unix seconds; refused outside the server's clock-skew window.",
    },
    {
        "name": HEADER_NONCE,
        "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
        "description": "128 random bits as hex; each nonce is accepted once.",
    },
    {
        "name": HEADER_SIGNATURE,
        "schema": {"type": "string"},
        "description": "Base64 Ed25519 signature (see the description of this API).",
    },
]


def install_openapi(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title, version=app.version, description=DESCRIPTION, routes=app.routes
        )
        components = doc.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = ERROR_SCHEMA
        components["ValueWithoutNul"] = VALUE_WITHOUT_NUL
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
            parameters = [p for p in operation.get("parameters", []) if p["in"] == "path"]
            for parameter in parameters:
                parameter["schema"] = dict(_UUID)  # the only path parameters are ids
            if path not in UNSIGNED:
                parameters += [
                    {"in": "header", "required": True, **copy.deepcopy(h)}
                    for h in SIGNATURE_HEADERS
                ]
            if parameters:
                operation["parameters"] = parameters
        for name, properties in CONSTRAINTS.items():
            for prop, keywords in properties.items():
                target = components[name]["properties"][prop]
                if "anyOf" in keywords:
                    target.pop("type", None)
                if "type" in keywords:
                    target.pop("anyOf", None)
                target.update(copy.deepcopy(keywords))
        components["Op"].update(copy.deepcopy(OP_NEEDS_FIELDS))
        _add_values_form(components)
        app.openapi_schema = doc
        return doc

    app.openapi = build  # type: ignore[method-assign]


def _add_values_form(components: dict[str, Any]) -> None:
    """``ValuesChange``: a change in the values form (``PullRequest.form``), which a page may
    hold beside changes in the fields form."""
    change = copy.deepcopy(components["Change"])
    properties = change["properties"]
    del properties["fields"]
    properties["values"] = {
        "type": "object",
        "description": "Each field's value; every field has the change's ``version``.",
    }
    properties["version"] = copy.deepcopy(_SEQ)
    change["required"] = [n for n in change["required"] if n != "fields"] + ["values", "version"]
    change["title"] = "ValuesChange"
    components["ValuesChange"] = change
    changes = components["PullResponse"]["properties"]["changes"]
    changes["items"] = {
        "anyOf": [
            {"$ref": "#/components/schemas/Change"},
            {"$ref": "#/components/schemas/ValuesChange"},
        ]
    }


def _ref(cls: type, components: dict[str, Any]) -> dict[str, str]:
    schema = TypeAdapter(cls).json_schema(ref_template="#/components/schemas/{model}")
    components.update(schema.pop("$defs", {}))
    components[cls.__name__] = schema
    return {"$ref": f"#/components/schemas/{cls.__name__}"}

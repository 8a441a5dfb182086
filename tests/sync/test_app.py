"""HTTP surface: the OpenAPI document, JSON error bodies, limits, and logs free of data."""

from __future__ import annotations

import logging

import httpx
import pytest

from sync.protocol import ProtocolError
from tests.sync.conftest import Server, World, make_op, new_id


def test_openapi_document_describes_every_endpoint(server: Server) -> None:
    doc = httpx.get(f"{server.url}/openapi.json").json()
    for path in ("/v1/enrol", "/v1/sync/hello", "/v1/sync/push", "/v1/sync/pull", "/v1/audit"):
        assert "requestBody" in doc["paths"][path]["post"]
    schemas = doc["components"]["schemas"]
    assert {"Op", "FieldChange", "PushResponse", "Change", "Error"} <= set(schemas)
    assert schemas["Op"]["properties"]["kind"]["enum"] == ["upsert", "delete", "append"]


def test_unknown_path_and_bad_json_give_stable_error_codes(server: Server) -> None:
    missing = httpx.post(f"{server.url}/v1/nothing", json={})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    bad = httpx.post(f"{server.url}/v1/enrol", content=b"{not json")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid_request"
    wrong = httpx.post(f"{server.url}/v1/enrol", json={"code": 5})
    assert wrong.json()["error"] == {
        "code": "invalid_request",
        "message": "$.code: must be a string",
    }


def test_body_size_is_limited(world: World) -> None:
    anna = world.device("anna")
    huge = "x" * (world.server.settings.max_body_bytes + 1)
    with pytest.raises(ProtocolError) as caught:
        anna.resolve_conflict(new_id(), huge)
    assert caught.value.code == "body_too_large"


def test_logs_carry_ids_but_never_values(world: World, caplog: pytest.LogCaptureFixture) -> None:
    anna = world.device("anna")
    caplog.set_level(logging.DEBUG, logger="sync")
    secret = {"name": "Jens Jensen", "cpr": "010190-1234", "text": "en fortrolig note"}
    op = make_op(anna, "citizen", new_id(), world.team_a, secret)
    anna.push([op])
    anna.push([make_op(anna, "citizen", new_id(), world.team_b, secret)])  # rejected
    text = caplog.text
    assert op.op_id in text
    for value in secret.values():
        assert value not in text

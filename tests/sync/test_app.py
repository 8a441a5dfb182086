"""HTTP surface: the OpenAPI document, JSON error bodies, limits, and logs free of data."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import jsonschema_rs
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from sync.protocol import (
    GENESIS_HASH,
    ProtocolError,
    SyncClient,
    audit_entry_hash,
    encode_public_key,
    sign_request,
)
from sync.protocol.client import op_wire
from sync.server import accounts, schema
from tests.sync.conftest import Server, World, make_op, new_id


def test_openapi_document_describes_every_endpoint(server: Server) -> None:
    doc = httpx.get(f"{server.url}/openapi.json").json()
    for path in ("/v1/enrol", "/v1/sync/hello", "/v1/sync/push", "/v1/sync/pull", "/v1/audit"):
        assert "requestBody" in doc["paths"][path]["post"]
    for path, item in doc["paths"].items():
        if "post" in item:
            assert "requestBody" in item["post"], path
            assert "200" in item["post"]["responses"], path
    schemas = doc["components"]["schemas"]
    assert {"Op", "FieldChange", "PushResponse", "Change", "Error"} <= set(schemas)
    assert schemas["Op"]["properties"]["kind"]["enum"] == ["upsert", "delete", "append"]


def test_openapi_document_says_a_decided_value_holds_no_nul(server: Server) -> None:
    """The server refuses a conflict decision with a NUL anywhere in its text (PostgreSQL
    stores none); the document says so, keys and nested values included."""
    doc = httpx.get(f"{server.url}/openapi.json").json()
    root = {"$ref": "#/components/schemas/ResolveRequest", "components": doc["components"]}
    validator = jsonschema_rs.Draft202012Validator(root)
    fine = {"value": {"navn": ["Jens", 3, 1.5, None, True, {"æ": "ø"}]}}
    assert validator.is_valid(fine)
    for nul in ("a\x00", ["ok", {"k": "v\x00"}], {"k\x00": 1}, {"k": {"k2\x00": []}}):
        assert not validator.is_valid({"value": nul}), nul


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


def _signed_post(client: SyncClient, path: str, payload: Any) -> httpx.Response:
    assert client.credentials is not None
    body = json.dumps(payload).encode()
    creds = client.credentials
    headers = sign_request(creds.private_key, creds.device_id, "POST", path, body)
    return httpx.post(str(client._http.base_url).rstrip("/") + path, content=body, headers=headers)


TOO_BIG = 2**63  # one past the largest seq a signed 64-bit column holds


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/v1/sync/pull", {"after": TOO_BIG}),
        (
            "/v1/sync/hello",
            {
                "protocol": 1,
                "schema": 1,
                "app_version": "1",
                "cursor": {"seq": TOO_BIG, "change_id": "x"},
            },
        ),
        ("/v1/audit", {"entries": [{"seq": TOO_BIG, "prev_hash": "0", "hash": "0"}]}),
        ("/v1/conflicts/list", [1]),
        ("/v1/conflicts/list", "list"),
    ],
)
def test_out_of_range_numbers_and_wrong_bodies_are_invalid_not_a_crash(
    world: World, path: str, payload: Any
) -> None:
    """Found by fuzzing: a seq beyond 64 bits reached the database (500 on both backends),
    and the conflict list accepted any body."""
    answer = _signed_post(world.device("anna"), path, payload)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_request"


def test_nul_characters_are_refused_in_an_op_and_kept_readable(world: World) -> None:
    """Found by fuzzing: PostgreSQL stores no NUL, so a push holding one failed as a whole
    (500) there and succeeded on SQLite. Now the op is rejected on both, the rest applies."""
    anna = world.device("anna")
    bad = make_op(anna, "citizen", new_id(), world.team_a, {"name": "Jens\x00"})
    key = make_op(anna, "citizen", new_id(), world.team_a, {"address": {"street\x00": "x"}})
    good = make_op(anna, "citizen", new_id(), world.team_a, {"name": "Jens"})
    results = anna.push([bad, key, good]).results
    assert [(r.status, r.reason) for r in results] == [
        ("rejected", "invalid_op"),
        ("rejected", "invalid_op"),
        ("applied", None),
    ]
    with world.server.db.read() as conn:
        kept = conn.execute(select(schema.rejected_ops.c.op).order_by("op_id")).scalars().all()
    fields = [op["fields"] for op in kept]
    expected = [
        {"name": {"value": "Jens\ufffd", "base": None}},
        {"address": {"value": {"street\ufffd": "x"}, "base": None}},
    ]
    assert sorted(fields, key=json.dumps) == sorted(expected, key=json.dumps)


def test_an_op_naming_a_record_with_nul_is_rejected_alone(world: World) -> None:
    """A record id is looked up before the op is checked: it must never reach the database
    unless it is a UUID (PostgreSQL refuses NUL even in a query parameter)."""
    anna = world.device("anna")
    assert anna.credentials is not None
    good = make_op(anna, "citizen", new_id(), world.team_a, {"name": "Jens"})
    bad = {**op_wire(good), "op_id": new_id(), "record_id": "x\x00", "entity": ["citizen"]}
    worse = {**op_wire(good), "op_id": new_id(), "entity": "citizen\x00"}
    answer = _signed_post(anna, "/v1/sync/push", {"ops": [bad, worse, op_wire(good)]})
    assert answer.status_code == 200
    statuses = [(r["status"], r["reason"]) for r in answer.json()["results"]]
    assert statuses == [("rejected", "invalid_op"), ("rejected", "invalid_op"), ("applied", None)]


def test_a_conflict_is_not_resolved_with_nul_text(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    rid = new_id()
    anna.push([make_op(anna, "citizen", rid, world.team_a, {"name": "a"})])
    base = {"name": anna.pull(0).changes[-1].seq}
    anna.push([make_op(anna, "citizen", rid, world.team_a, {"name": "b"}, bases=base)])
    answer = bo.push([make_op(bo, "citizen", rid, world.team_a, {"name": "c"}, bases=base)])
    conflict_id = answer.results[0].conflict_id
    assert conflict_id is not None
    with pytest.raises(ProtocolError) as caught:
        bo.resolve_conflict(conflict_id, {"name": "d\x00"})
    assert (caught.value.status, caught.value.code) == (400, "invalid_request")
    assert bo.resolve_conflict(conflict_id, "d").seq is not None


def test_a_boolean_seq_is_not_an_access_log_entry(world: World) -> None:
    """Found by fuzzing: seq false was taken for 0, was looked up as a number (500 on
    PostgreSQL) and, once a chain was stored, skipped as already stored (accepted)."""
    anna = world.device("anna")
    first: dict[str, Any] = {"seq": 1, "prev_hash": GENESIS_HASH, "action": "read"}
    first["hash"] = audit_entry_hash(first)
    anna.upload_audit([first])
    for seq in (False, True):
        answer = _signed_post(anna, "/v1/audit", {"entries": [{**first, "seq": seq}]})
        assert (answer.status_code, answer.json()["error"]["code"]) == (422, "audit_chain_broken")


def test_nul_in_a_device_name_is_invalid(world: World) -> None:
    code, _ = accounts.issue_enrol_code(world.server.db, "anna", 900)
    key = encode_public_key(Ed25519PrivateKey.generate().public_key())
    body = {"code": code, "device_name": "lap\x00top", "device_public_key": key}
    answer = httpx.post(f"{world.server.url}/v1/enrol", json=body)
    assert (answer.status_code, answer.json()["error"]["code"]) == (400, "invalid_request")


def test_an_access_log_entry_with_nul_is_stored_readable(world: World) -> None:
    """The chain is checked on the entry as sent; the stored copy replaces the NUL."""
    anna, lise = world.device("anna"), world.device("lise")
    citizen = new_id()
    anna.push([make_op(anna, "citizen", citizen, world.team_a, {"name": "x"})])
    entry: dict[str, Any] = {
        "seq": 1,
        "prev_hash": GENESIS_HASH,
        "citizen_id": citizen,
        "action": "search",
        "criterion": "Jens\x00",
    }
    entry["hash"] = audit_entry_hash(entry)
    assert anna.upload_audit([entry]).verified_until == 1
    assert anna.upload_audit([entry]).verified_until == 1  # re-sent: still the same entry
    (stored,) = lise.citizen_audit(citizen).entries
    assert stored.criterion == "Jens\ufffd" and stored.hash == entry["hash"]

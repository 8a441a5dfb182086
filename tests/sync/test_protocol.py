"""The protocol module on its own: messages, signing, digests and the client's transport rules."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from sync.protocol import (
    AuthError,
    ChangeField,
    DeviceCredentials,
    InvalidMessage,
    Op,
    OpResult,
    ProtocolError,
    RecordVersion,
    ServerUnavailable,
    SyncClient,
    UpdateRequired,
    audit_entry_hash,
    canonical_json,
    canonical_request,
    decode,
    encode,
    partition_digest,
    partition_digest_of_lines,
    partition_sum_digest,
    sign_request,
    sum_step,
    sum_summary,
    values_equal,
    verify_signature,
)
from sync.protocol.client import _change, _page, check_op, decode_op, result_wire


def op_json(**changes: Any) -> dict[str, Any]:
    base = {
        "op_id": str(uuid.uuid4()),
        "device_id": str(uuid.uuid4()),
        "counter": 7,
        "entity": "citizen",
        "record_id": str(uuid.uuid4()),
        "partition": str(uuid.uuid4()),
        "kind": "upsert",
        "fields": {"nickname": {"base": None, "value": "Fie"}, "phone": {"base": 3, "value": None}},
        "hlc": "1700000000000-0001-abcd",
    }
    return {**base, **changes}


def test_op_round_trips_through_json() -> None:
    data = op_json()
    op = decode(Op, data)
    assert op.fields["phone"].base == 3 and op.fields["phone"].value is None
    assert encode(op) == data


INVALID_OPS: list[tuple[dict[str, Any], str]] = [
    ({"op_id": "not-a-uuid"}, "op_id"),
    ({"entity": "spaceship"}, "unknown entity"),
    ({"kind": "merge"}, "kind"),
    ({"counter": True}, "counter"),
    ({"counter": -1}, "counter"),
    ({"fields": {"Bad Name": {"value": 1}}}, "field name"),
    ({"fields": {}}, "needs fields"),
    ({"fields": {"a": {"value": 1, "base": "3"}}}, "base"),
    ({"fields": {"a": {"base": 3}}}, "value: required"),
    ({"hlc": ""}, "hlc"),
    ({"counter": 2**63}, "counter"),
    ({"fields": {"a": {"value": 1, "base": 2**63}}}, "base"),
    ({"fields": {"name\n": {"value": 1}}}, "field name"),
    ({"counter": 1.5}, "counter"),
    ({"fields": {"a": "x"}}, "must be an object"),
    ({"partition": None}, "partition"),
    # two ids run together in one key, the next left empty: not four UUIDs either way
    ({"op_id": f"{uuid.uuid4()}\n{uuid.uuid4()}", "device_id": ""}, "op_id"),
    ({"device_id": f"{uuid.uuid4()}\n"}, "device_id"),
    ({"record_id": str(uuid.uuid4()).upper()}, "record_id"),
]
"""(changes to a valid op, words of the complaint)"""


@pytest.mark.parametrize(("changes", "complaint"), INVALID_OPS)
def test_invalid_ops_are_refused_with_a_reason(changes: dict[str, Any], complaint: str) -> None:
    with pytest.raises(InvalidMessage) as caught:
        decode(Op, op_json(**changes))
    assert complaint in caught.value.message
    assert caught.value.code == "invalid_request"


@pytest.mark.parametrize(("changes", "complaint"), INVALID_OPS)
def test_quick_op_check_refuses_what_the_codec_refuses(
    changes: dict[str, Any], complaint: str
) -> None:
    """``decode_op`` (the server) and ``check_op`` (push_wire) say exactly what the codec says."""
    with pytest.raises(InvalidMessage) as codec:
        decode(Op, op_json(**changes))
    for quick in (decode_op, check_op):
        with pytest.raises(InvalidMessage) as caught:
            quick(op_json(**changes))
        assert caught.value.message == codec.value.message


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"kind": "delete", "fields": {}},
        {"kind": "append", "counter": 0},
        {"fields": {"a": {"value": [1, {"b": None}]}, "b": {"value": "x", "base": 2**63 - 1}}},
        {"counter": 7.0, "fields": {"a": {"value": 1.0, "base": 3.0}}},
        {"hlc": "x" * 64},
        {"fields": {"a": {"value": 1, "note": "ignored"}}},
    ],
)
def test_quick_op_decode_builds_what_the_codec_builds(changes: dict[str, Any]) -> None:
    data = op_json(**changes)
    check_op(data)
    assert decode_op(data) == decode(Op, data)


def test_an_integral_number_is_an_integer() -> None:
    """JSON has one number type (JSON Schema agrees): 7.0 is the integer 7."""
    op = decode(Op, op_json(counter=7.0, fields={"a": {"value": 1.0, "base": 3.0}}))
    assert (op.counter, op.fields["a"].base) == (7, 3)
    assert type(op.counter) is int and op.fields["a"].value == 1.0


def test_missing_op_key_names_the_path() -> None:
    data = op_json()
    del data["partition"]
    with pytest.raises(InvalidMessage, match=r"\$\.partition: required"):
        decode(Op, data)


def test_canonical_request_is_the_documented_string() -> None:
    body = b'{"after":0}'
    expected = (
        "POST\n/v1/sync/pull\n1700000000\n" + "ab" * 16 + "\n" + hashlib.sha256(body).hexdigest()
    )
    assert canonical_request("post", "/v1/sync/pull", 1700000000, "ab" * 16, body) == (
        expected.encode()
    )


def test_signed_headers_verify_and_tampering_fails() -> None:
    key = Ed25519PrivateKey.generate()
    headers = sign_request(key, "dev", "POST", "/v1/x", b"{}", timestamp=5, nonce="cd" * 16)
    assert set(headers) == {"X-Device-Id", "X-Timestamp", "X-Nonce", "X-Signature"}
    assert len(base64.b64decode(headers["X-Signature"])) == 64
    message = canonical_request("POST", "/v1/x", 5, "cd" * 16, b"{}")
    assert verify_signature(key.public_key(), headers["X-Signature"], message)
    assert not verify_signature(key.public_key(), headers["X-Signature"], message + b" ")
    assert not verify_signature(key.public_key(), "not base64!", message)


def test_nonces_are_random_128_bit_hex() -> None:
    key = Ed25519PrivateKey.generate()
    nonces = {sign_request(key, "d", "POST", "/", b"")["X-Nonce"] for _ in range(50)}
    assert len(nonces) == 50 and all(len(n) == 32 and int(n, 16) >= 0 for n in nonces)


def test_partition_digest_is_order_independent_and_documented() -> None:
    a = RecordVersion("citizen", "r1", 5, False)
    b = RecordVersion("note", "r2", 9, True)
    lines = "citizen|r1|5|0\nnote|r2|9|1\n"
    expected = hashlib.sha256(lines.encode()).hexdigest()
    assert partition_digest([b, a]).hash == partition_digest([a, b]).hash == expected
    assert partition_digest([]).hash == hashlib.sha256(b"").hexdigest()
    assert partition_digest([a]).count == 1


def test_digest_of_joined_lines_equals_the_digest_of_records() -> None:
    """What a database aggregate gives (lines in any order, no final newline) hashes like the
    records themselves, including a line that is a prefix of another and versions 9 vs 10."""
    records = [
        RecordVersion("note", "r2", 9, True),
        RecordVersion("citizen", "r1", 10, False),
        RecordVersion("citizen", "r1", 9, False),
        RecordVersion("citizen", "r", 1, False),
        RecordVersion("citizen", "r1|", 1, False),
    ]
    for order in (records, records[::-1], records[2:] + records[:2]):
        joined = "\n".join(f"{r.entity}|{r.record_id}|{r.version}|{int(r.deleted)}" for r in order)
        assert partition_digest_of_lines(joined) == partition_digest(records)
    assert partition_digest_of_lines(None) == partition_digest([]) == partition_digest_of_lines("")


def test_audit_hash_covers_everything_but_itself() -> None:
    entry = {"seq": 1, "prev_hash": "0" * 64, "purpose": "visit", "æ": "ø"}
    digest = audit_entry_hash(entry)
    assert audit_entry_hash({**entry, "hash": digest}) == digest
    assert audit_entry_hash({**entry, "purpose": "other"}) != digest


def _reference_canonical_json(value: Any) -> bytes:
    """What the access-log chain was defined with: the standard library's canonical form."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


_any_text = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "\x00", "\x1f\x7f", '"\\/', "\u2028\u2029", "æøå", "\U0001f600", "\uffff"]
)
_flat_value = (
    _any_text
    | st.integers(-(2**70), 2**70)
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=False, allow_infinity=False)
)


@given(st.dictionaries(_any_text, _flat_value | st.lists(_flat_value, max_size=3), max_size=8))
def test_canonical_json_is_byte_identical_to_the_standard_library(entry: dict[str, Any]) -> None:
    """Access-log hashes must not change: the quick form of a flat entry (text, whole
    numbers of any size, floats, NUL and other control characters, keys outside the BMP)
    writes exactly the standard library's bytes."""
    assert canonical_json(entry) == _reference_canonical_json(entry)
    body = {k: v for k, v in entry.items() if k != "hash"}
    expected = hashlib.sha256(_reference_canonical_json(body)).hexdigest()
    assert audit_entry_hash({**entry, "hash": "x"}) == expected


@given(
    _flat_value | st.lists(_flat_value, max_size=2), _flat_value | st.lists(_flat_value, max_size=2)
)
def test_values_equal_is_equality_of_canonical_json(a: Any, b: Any) -> None:
    assert values_equal(a, b) == (_reference_canonical_json(a) == _reference_canonical_json(b))
    assert values_equal(a, a)


def test_values_equal_tells_json_types_apart() -> None:
    assert not values_equal(1, True) and not values_equal(0, False) and not values_equal(1, 1.0)
    assert not values_equal(None, "") and values_equal(2**70, 2**70)


@pytest.mark.parametrize(
    "url", ["http://sync.example.dk", "http://10.0.0.5:8765", "ftp://127.0.0.1"]
)
def test_client_refuses_plain_http_beyond_loopback(url: str) -> None:
    with pytest.raises(ValueError):
        SyncClient(url)


@pytest.mark.parametrize(
    "url", ["https://sync.example.dk", "http://127.0.0.1:8765", "http://localhost", "http://[::1]"]
)
def test_client_accepts_https_and_loopback(url: str) -> None:
    SyncClient(url).close()


def _client(handler: Any) -> SyncClient:
    creds = DeviceCredentials(str(uuid.uuid4()), Ed25519PrivateKey.generate(), "")
    return SyncClient("https://sync.example.dk/base", creds, transport=httpx.MockTransport(handler))


def _error(status: int, code: str) -> Any:
    return lambda request: httpx.Response(status, json={"error": {"code": code, "message": "m"}})


@pytest.mark.parametrize(
    ("handler", "kind", "code"),
    [
        (_error(426, "update_required"), UpdateRequired, "update_required"),
        (_error(401, "stale_request"), AuthError, "stale_request"),
        (_error(403, "device_revoked"), AuthError, "wipe_invalid"),  # no wipe to verify
        (_error(400, "invalid_request"), ProtocolError, "invalid_request"),
        (_error(503, "internal_error"), ServerUnavailable, "internal_error"),
        (lambda r: httpx.Response(502, text="<html>"), ServerUnavailable, "http_error"),
    ],
)
def test_error_answers_become_typed_exceptions(
    handler: Any, kind: type[ProtocolError], code: str
) -> None:
    with _client(handler) as client, pytest.raises(kind) as caught:
        client.pull(0)
    assert caught.value.code == code


def test_network_failure_is_server_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with _client(refuse) as client, pytest.raises(ServerUnavailable):
        client.hello("1.0")


def test_client_signs_the_full_path_under_a_prefix() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"verified_until": 0})

    with _client(record) as client:
        client.upload_audit([])
    assert seen[0].url.path == "/base/v1/audit"
    assert client.credentials is not None
    message = canonical_request(
        "POST",
        "/base/v1/audit",
        int(seen[0].headers["X-Timestamp"]),
        seen[0].headers["X-Nonce"],
        seen[0].content,
    )
    key = client.credentials.private_key.public_key()
    assert verify_signature(key, seen[0].headers["X-Signature"], message)


def test_quick_result_form_equals_the_codec() -> None:
    results = [
        OpResult("o1", "applied", seq=4),
        OpResult("o2", "conflict", seq=5, conflict_id="k", conflict_ids=["k", "l"]),
        OpResult("o3", "rejected", reason="invalid_op", message="bad"),
    ]
    for result in results:
        assert result_wire(result) == encode(result)


_record = st.builds(
    RecordVersion,
    st.sampled_from(["citizen", "note", "plan", "goal"]),
    st.uuids().map(str),
    st.integers(0, 2**63 - 1),
    st.booleans(),
)


@given(
    records=st.lists(_record, unique_by=lambda r: (r.entity, r.record_id), max_size=30),
    data=st.data(),
)
def test_sum_digest_is_kept_by_steps_in_any_order(
    records: list[RecordVersion], data: st.DataObject
) -> None:
    """The sum digest of a set of lines is the same in any order, and a record's line added
    then taken away leaves it as it was: what lets both sides keep it instead of recomputing."""
    shuffled = data.draw(st.permutations(records))
    assert partition_sum_digest(shuffled) == partition_sum_digest(records)
    total = None
    for r in shuffled:
        total = sum_step(total, r.entity, r.record_id, r.version, r.deleted, 1)
    assert sum_summary(len(records), total) == partition_sum_digest(records)
    if records:
        gone = records[0]
        total = sum_step(total, gone.entity, gone.record_id, gone.version, gone.deleted, -1)
        assert sum_summary(len(records) - 1, total) == partition_sum_digest(records[1:])
    assert partition_sum_digest([]) == sum_summary(0, None)
    assert partition_sum_digest([]).hash == "0" * 64


def test_sum_digest_lines_are_those_of_the_sorted_digest() -> None:
    """Same line text as ``partition_digest`` (a version 7 and a tombstone), pinned."""
    line = "note|r1|7|1"
    expected = int.from_bytes(hashlib.sha256(line.encode()).digest(), "big")
    got = partition_sum_digest([RecordVersion("note", "r1", 7, True)])
    assert got.count == 1 and int(got.hash, 16) == expected


def _values_change(**changes: Any) -> dict[str, Any]:
    change: dict[str, Any] = {
        "seq": 3,
        "change_id": "c3",
        "entity": "citizen",
        "record_id": str(uuid.uuid4()),
        "partition": str(uuid.uuid4()),
        "kind": "upsert",
        "values": {"name": "Jens", "challenges": ["bolig"], "birth_year": None},
        "version": 3,
        "deleted": False,
        "server_time": 1.5,
        "author": None,
        "op_id": None,
    }
    change.update(changes)
    return change


def _answer(*changes: dict[str, Any]) -> dict[str, Any]:
    return {"changes": list(changes), "next": 3, "more": False, "epoch": "e", "high_water": 3}


def test_a_page_in_the_values_form_is_read_as_it_comes() -> None:
    change = _values_change()
    assert _page(_answer(change)).changes == [change]
    typed = _change(change)
    assert typed.fields == {
        "name": ChangeField("Jens", 3),
        "challenges": ChangeField(["bolig"], 3),
        "birth_year": ChangeField(None, 3),
    }


def test_an_unusual_change_in_the_values_form_goes_through_the_codec() -> None:
    """What the quick path does not take as it is, the codec reads in the fields form: the
    same acceptance, and the same refusals, as a change sent in that form."""
    odd = _values_change(version=3.0)  # JSON's one number type: 3.0 is the integer 3
    (read,) = _page(_answer(odd)).changes
    assert read["fields"]["name"] == {"value": "Jens", "version": 3}
    assert "values" not in read and type(read["fields"]["name"]["version"]) is int
    for broken in (_values_change(values=["Jens"]), _values_change(version="3")):
        with pytest.raises(InvalidMessage):
            _page(_answer(broken))

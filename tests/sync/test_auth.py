"""Enrolment and signed requests against a real server (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol import (
    AuthError,
    DeviceRevoked,
    SyncClient,
    WipeInstruction,
    encode_public_key,
    sign_request,
    verify_wipe_instruction,
)
from sync.server import accounts
from tests.sync.conftest import Server, World


def _enrol_raw(server: Server, code: str) -> httpx.Response:
    body = {
        "code": code,
        "device_name": "laptop",
        "device_public_key": encode_public_key(Ed25519PrivateKey.generate().public_key()),
    }
    return httpx.post(f"{server.url}/v1/enrol", json=body)


def _signed_post(client: SyncClient, path: str, payload: object, **sign: Any) -> httpx.Response:
    assert client.credentials is not None
    body = json.dumps(payload).encode()
    headers = sign_request(
        client.credentials.private_key, client.credentials.device_id, "POST", path, body, **sign
    )
    base = str(client._http.base_url).rstrip("/")
    return httpx.post(base + path, content=body, headers=headers)


def test_enrol_returns_user_teams_and_server_key(world: World) -> None:
    code, _ = accounts.issue_enrol_code(world.server.db, "lise", 900)
    client = SyncClient(world.server.url)
    answer = client.enrol(
        code.lower()[:5] + "-" + code.lower()[5:], "Lise's laptop", Ed25519PrivateKey.generate()
    )
    client.close()
    assert answer.user.username == "lise"
    assert answer.user.role == "team_lead"
    assert [(t.name, t.lead) for t in answer.teams] == [("Team A", True)]
    assert answer.server_public_key == world.server.identity.public_key
    assert answer.policy == {"offline_lease_days": 14}


def test_enrol_code_is_one_time(world: World) -> None:
    code, _ = accounts.issue_enrol_code(world.server.db, "anna", 900)
    assert _enrol_raw(world.server, code).status_code == 200
    second = _enrol_raw(world.server, code)
    assert second.status_code == 401
    assert second.json()["error"]["code"] == "enrol_code_used"


def test_expired_enrol_code_is_refused(world: World) -> None:
    code, _ = accounts.issue_enrol_code(world.server.db, "anna", 900, now=time.time() - 1000)
    answer = _enrol_raw(world.server, code)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "enrol_code_expired"


def test_unknown_enrol_code_is_refused_with_typed_error(world: World) -> None:
    client = SyncClient(world.server.url)
    with pytest.raises(AuthError) as caught:
        client.enrol("ABCDEFGHJK", "laptop", Ed25519PrivateKey.generate())
    client.close()
    assert caught.value.code == "enrol_code_invalid"


def test_enrol_code_is_ten_unambiguous_characters(world: World) -> None:
    code, _ = accounts.issue_enrol_code(world.server.db, "anna", 900)
    assert len(code) == 10
    assert not set(code) & set("0O1IL")


def test_signed_request_is_accepted(world: World) -> None:
    client = world.device("anna")
    answer = _signed_post(client, "/v1/sync/pull", {"after": 0})
    assert answer.status_code == 200, answer.text


def test_replayed_request_is_refused(world: World) -> None:
    client = world.device("anna")
    nonce = "ab" * 16
    assert _signed_post(client, "/v1/sync/pull", {"after": 0}, nonce=nonce).status_code == 200
    again = _signed_post(client, "/v1/sync/pull", {"after": 0}, nonce=nonce)
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "replayed_request"


def test_stale_request_is_refused(world: World) -> None:
    client = world.device("anna")
    answer = _signed_post(client, "/v1/sync/pull", {}, timestamp=int(time.time()) - 301)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "stale_request"


def test_client_with_skewed_clock_corrects_itself_once(world: World) -> None:
    client = world.device("anna")
    client.clock_offset = -3600.0
    assert client.pull(0).changes == []
    assert abs(client.clock_offset) < 60


def test_forged_signature_is_refused(world: World) -> None:
    client = world.device("anna")
    assert client.credentials is not None
    path, body = "/v1/sync/pull", b"{}"
    headers = sign_request(
        Ed25519PrivateKey.generate(), client.credentials.device_id, "POST", path, body
    )
    answer = httpx.post(world.server.url + path, content=body, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "bad_signature"


def test_signature_covers_body_and_path(world: World) -> None:
    client = world.device("anna")
    assert client.credentials is not None
    creds = client.credentials
    headers = sign_request(creds.private_key, creds.device_id, "POST", "/v1/sync/pull", b"{}")
    tampered = httpx.post(
        world.server.url + "/v1/sync/pull", content=b'{"after":5}', headers=headers
    )
    assert tampered.json()["error"]["code"] == "bad_signature"
    headers = sign_request(creds.private_key, creds.device_id, "POST", "/v1/sync/pull", b"{}")
    moved = httpx.post(world.server.url + "/v1/sync/verify", content=b"{}", headers=headers)
    assert moved.json()["error"]["code"] == "bad_signature"


def test_request_naming_another_device_is_refused(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    assert anna.credentials is not None and bo.credentials is not None
    body = b"{}"
    headers = sign_request(
        anna.credentials.private_key, bo.credentials.device_id, "POST", "/v1/sync/pull", body
    )
    answer = httpx.post(world.server.url + "/v1/sync/pull", content=body, headers=headers)
    assert answer.json()["error"]["code"] == "bad_signature"


def test_unknown_device_and_missing_headers_are_refused(world: World) -> None:
    answer = httpx.post(world.server.url + "/v1/sync/pull", json={})
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "missing_auth"
    key = Ed25519PrivateKey.generate()
    headers = sign_request(
        key, "00000000-0000-4000-8000-000000000000", "POST", "/v1/sync/pull", b"{}"
    )
    answer = httpx.post(world.server.url + "/v1/sync/pull", content=b"{}", headers=headers)
    assert answer.json()["error"]["code"] == "unknown_device"


def test_revoked_device_gets_a_verifiable_wipe_instruction(world: World) -> None:
    client = world.device("anna")
    assert client.credentials is not None
    accounts.revoke_device(world.server.db, client.credentials.device_id)
    with pytest.raises(DeviceRevoked) as caught:
        client.pull(0)
    wipe = caught.value.wipe_instruction
    assert wipe.device_id == client.credentials.device_id
    assert verify_wipe_instruction(wipe, world.server.identity.public_key, wipe.device_id)
    # The raw answer is a 403 with the stable code.
    raw = _signed_post(client, "/v1/sync/pull", {})
    assert raw.status_code == 403
    assert raw.json()["error"]["code"] == "device_revoked"


def test_forged_wipe_instruction_fails_verification(world: World) -> None:
    client = world.device("anna")
    assert client.credentials is not None
    device_id = client.credentials.device_id
    accounts.revoke_device(world.server.db, device_id)
    with pytest.raises(DeviceRevoked) as caught:
        client.pull(0)
    real = caught.value.wipe_instruction
    server_key = world.server.identity.public_key
    other_key = encode_public_key(Ed25519PrivateKey.generate().public_key())
    assert not verify_wipe_instruction(real, other_key, device_id)
    assert not verify_wipe_instruction(
        WipeInstruction(device_id, real.issued_at + 1, real.signature), server_key, device_id
    )
    assert not verify_wipe_instruction(real, server_key, "00000000-0000-4000-8000-000000000000")


def test_client_does_not_trust_a_wipe_signed_by_someone_else(world: World) -> None:
    client = world.device("anna")
    assert client.credentials is not None
    accounts.revoke_device(world.server.db, client.credentials.device_id)
    impostor = encode_public_key(Ed25519PrivateKey.generate().public_key())
    client.credentials = type(client.credentials)(
        client.credentials.device_id, client.credentials.private_key, impostor
    )
    with pytest.raises(AuthError) as caught:
        client.pull(0)
    assert not isinstance(caught.value, DeviceRevoked)
    assert caught.value.code == "wipe_invalid"


def test_disabled_user_is_refused(world: World) -> None:
    client = world.device("anna")
    accounts.set_user_disabled(world.server.db, "anna", True)
    with pytest.raises(AuthError) as caught:
        client.pull(0)
    assert caught.value.code == "user_disabled"

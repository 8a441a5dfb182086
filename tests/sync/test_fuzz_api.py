"""Fuzz every operation of the published OpenAPI document with schemathesis, against the real
server on 127.0.0.1: once with every request signed by an enrolled team lead's device key, once
unsigned. Checks: never a 5xx, responses match the document, schema-valid requests are not
refused as invalid, and schema-invalid ones are refused with a 4xx.

``OUTREACH_FUZZ_EXAMPLES`` sets the examples per operation and mode (default kept small so the
run stays well under a minute; e.g. 500 for a long run); ``OUTREACH_FUZZ_ONLY`` limits a run to
the operations whose path holds that text (e.g. ``/v1/conflicts``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.modes import GenerationMode

from sync.protocol import SyncClient, new_nonce, sign_request
from sync.server.openapi import BODIES
from tests.sync.conftest import World

EXAMPLES = int(os.environ.get("OUTREACH_FUZZ_EXAMPLES", "6"))
LONG_RUN = "OUTREACH_FUZZ_EXAMPLES" in os.environ
ONLY = os.environ.get("OUTREACH_FUZZ_ONLY", "")

CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # 422: a well-formed access-log chain that does not verify (/v1/audit);
            # 426: a handshake from a protocol older than the server accepts (/v1/sync/hello).
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "426"]
            },
            # 413: more ops in one push than the protocol allows; 426: a handshake refused as
            # too old before its carried push is looked at (protocol 4), which applies nothing.
            "negative_data_rejection": {
                "expected-statuses": ["400", "401", "403", "404", "405", "409", "413", "422", "426"]
            },
        }
    }
)


class DeviceSignature(requests.auth.AuthBase):
    """Sign each request exactly as it goes out (body bytes and path included)."""

    def __init__(self, client: SyncClient) -> None:
        assert client.credentials is not None
        self.credentials = client.credentials

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        path = unquote(urlsplit(str(request.url)).path)  # the server checks the decoded path
        assert request.method is not None
        creds = self.credentials
        request.headers.update(
            sign_request(creds.private_key, creds.device_id, request.method, path, body)
        )
        return request


def _placeholder_headers(client: SyncClient) -> dict[str, str]:
    """Fixed, well-formed signature headers: the signed run negates bodies and parameters,
    not the headers (the signature replaces them)."""
    assert client.credentials is not None
    return {
        "X-Device-Id": client.credentials.device_id,
        "X-Timestamp": "0",
        "X-Nonce": new_nonce(),
        "X-Signature": "placeholder",
    }


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
    if LONG_RUN
    else ["sqlite"]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """SQLite by default; a long run fuzzes PostgreSQL too."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


def _fuzz(world: World, signed: bool) -> list[str]:
    lise = world.device("lise")
    schema = schemathesis.openapi.from_url(f"{world.server.url}/openapi.json", config=CONFIG)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= set(BODIES)
    problems: list[str] = []
    for operation in (op for op in operations if ONLY in op.path):
        modes = [GenerationMode.POSITIVE]
        if operation.body or operation.path_parameters:
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:
            try:
                _fuzz_operation(world, operation, mode, lise if signed else None)
            except Exception as exc:  # collect every operation's failure, not only the first
                problems.append(f"{mode.value} {operation.label}:\n{exc}")
    return problems


def _fuzz_operation(
    world: World, operation: Any, mode: GenerationMode, signer: SyncClient | None
) -> None:
    """Run one operation's examples; raises what schemathesis or the checks found."""
    auth: dict[str, Any] = {}
    fixed: dict[str, Any] = {}
    signed_route = signer is not None and any(
        p.location == "header" for p in operation.iter_parameters()
    )
    if signer is not None:
        auth["auth"] = DeviceSignature(signer)
    if signed_route:
        assert signer is not None
        fixed["headers"] = _placeholder_headers(signer)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not LONG_RUN,  # the default run repeats itself; a long run explores
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode, **fixed))
    def run(case: Any) -> None:
        response = case.call_and_validate(base_url=world.server.url, **auth)
        if signed_route and case.meta.generation.mode.is_positive:
            # the fuzzing reaches the handlers: the signature is always accepted
            assert response.status_code != 401, response.text

    run()


@pytest.mark.parametrize("signed", [True, False], ids=["signed", "unsigned"])
def test_api_survives_fuzzing_from_its_openapi_document(world: World, signed: bool) -> None:
    problems = _fuzz(world, signed)
    assert not problems, "\n\n".join(problems)

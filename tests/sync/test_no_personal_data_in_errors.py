"""No CPR number or note text in any server answer, server log line or client error.

Requests carrying CPR-shaped values and note text in every place a value can sit (field
values, field names, entity names, ids, headers, malformed JSON, oversized bodies) are
sent to a real server while every log record (uvicorn's and ours, at DEBUG) and the
process's stderr are captured; then all of it is searched.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sync.protocol import ProtocolError, SyncClient, sign_request
from tests.sync.conftest import World, new_id

CPR = "010190-1234"
CPR_DIGITS = "0101901234"
NOTE = "Hemmelig notetekst om Vandrefalk ved Kvindekrisecentret"
FORBIDDEN = (CPR, CPR_DIGITS, "010190", "Vandrefalk", "Kvindekrisecentret")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(("httpx", "httpcore")):
            return  # this test's own HTTP client, which is made to send bad paths
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(text)


@pytest.fixture
def logs() -> Iterator[_Records]:
    """Every logger that could speak, at DEBUG, whether or not it propagates."""
    handler = _Records()
    names = ["", "uvicorn", "uvicorn.error", "uvicorn.access", "sync", "sqlalchemy"]
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)


def _assert_clean(where: str, text: str) -> None:
    for secret in FORBIDDEN:
        assert secret not in text, f"{secret!r} leaked into {where}: {text[:300]!r}"


def _post(client: SyncClient, path: str, body: bytes, device: str | None = None) -> httpx.Response:
    assert client.credentials is not None
    headers = sign_request(
        client.credentials.private_key, device or client.credentials.device_id, "POST", path, body
    )
    base = str(client._http.base_url).rstrip("/")
    return httpx.post(base + path, content=body, headers=headers)


def _op(client: SyncClient, team: str, **changes: Any) -> dict[str, Any]:
    assert client.credentials is not None
    op: dict[str, Any] = {
        "op_id": str(uuid.uuid4()),
        "device_id": client.credentials.device_id,
        "counter": 1,
        "entity": "citizen",
        "record_id": new_id(),
        "partition": team,
        "kind": "upsert",
        "fields": {"cpr": {"value": CPR, "base": None}, "name": {"value": NOTE, "base": None}},
        "hlc": "0001-test",
    }
    op.update(changes)
    return op


def _bad_pushes(client: SyncClient, world: World) -> list[dict[str, Any]]:
    team = world.team_a
    return [
        _op(client, team, entity=CPR),
        _op(client, team, entity=NOTE),
        _op(client, team, fields={CPR: {"value": NOTE}}),
        _op(client, team, fields={"cpr": {"value": CPR, "base": CPR}}),
        _op(client, team, fields={"cpr": {"value": CPR, "base": -1}}),
        _op(client, team, record_id=CPR),
        _op(client, team, partition=CPR),
        _op(client, team, device_id=CPR_DIGITS),
        _op(client, team, kind=NOTE),
        _op(client, team, hlc=NOTE * 3),
        _op(client, team, counter=CPR),
        _op(client, world.team_b),  # someone else's team
        _op(client, team, entity="note", fields={"text": {"value": NOTE}, "team_id": {"value": 1}}),
        _op(client, team, entity="addendum", kind="delete", fields={}),
        _op(client, team, op_id=CPR),
    ]


def test_server_answers_and_logs_never_quote_personal_data(
    world: World, logs: _Records, capfd: pytest.CaptureFixture[str]
) -> None:
    anna = world.device("anna")
    assert anna.credentials is not None
    answers: list[httpx.Response] = []
    for op in _bad_pushes(anna, world):
        answers.append(_post(anna, "/v1/sync/push", json.dumps({"ops": [op]}).encode()))
    answers.append(
        _post(anna, "/v1/sync/push", json.dumps({"ops": _bad_pushes(anna, world)[:-1]}).encode())
    )
    bodies: list[tuple[str, bytes]] = [
        ("/v1/sync/push", b'{"ops": [{"op_id": "' + CPR.encode() + b'", "text": "' + NOTE.encode()),
        ("/v1/sync/push", json.dumps({"ops": CPR}).encode()),
        ("/v1/sync/push", json.dumps({"ops": [CPR, NOTE]}).encode()),
        ("/v1/sync/push", json.dumps({"ops": [_op(anna, world.team_a)] * 501}).encode()),
        ("/v1/sync/push", (NOTE + CPR).encode() * 260_000),  # over 16 MiB
        ("/v1/sync/pull", json.dumps({"after": CPR, "partitions": [CPR]}).encode()),
        ("/v1/sync/pull", json.dumps({"partitions": [CPR, NOTE]}).encode()),
        ("/v1/sync/verify", json.dumps({"partitions": {CPR: {"count": 1, "hash": NOTE}}}).encode()),
        ("/v1/sync/verify", json.dumps({"partitions": {world.team_a: CPR}}).encode()),
        ("/v1/sync/hello", json.dumps({"protocol": 1, "schema": 1, "app_version": NOTE}).encode()),
        ("/v1/sync/hello", json.dumps({"protocol": CPR, "schema": NOTE}).encode()),
        (
            "/v1/audit",
            json.dumps(
                {"entries": [{"seq": 1, "prev_hash": CPR, "hash": NOTE, "criterion": CPR}]}
            ).encode(),
        ),
        ("/v1/audit", json.dumps({"entries": CPR}).encode()),
        (f"/v1/conflicts/{CPR}/resolve", json.dumps({"value": NOTE}).encode()),
    ]
    for path, body in bodies:
        answers.append(_post(anna, path, body))
    # unsigned, forged or naming a CPR as the device
    base = world.server.url
    answers.append(_post(anna, "/v1/sync/pull", b"{}", device=CPR))
    answers.append(httpx.post(base + "/v1/sync/pull", content=NOTE.encode()))
    answers.append(
        httpx.post(
            base + "/v1/sync/pull", content=b"{}", headers={"X-Device-Id": CPR, "X-Nonce": NOTE}
        )
    )
    answers.append(
        httpx.post(
            base + "/v1/enrol", json={"code": CPR, "device_name": NOTE, "device_public_key": CPR}
        )
    )
    answers.append(httpx.post(base + "/v1/enrol", content=NOTE.encode()))
    answers.append(httpx.get(base + "/v1/" + CPR))

    assert len(answers) > 30
    statuses = {a.status_code for a in answers}
    assert 413 in statuses  # the oversized body really was too large
    assert statuses - {200} and 500 not in statuses, statuses
    for answer in answers:
        _assert_clean(f"the answer to {answer.request.url.path[:20]}", answer.text)
    assert logs.lines, "the server logged nothing: the capture is not working"
    _assert_clean("the server log", "\n".join(logs.lines))
    out, err = capfd.readouterr()
    _assert_clean("stdout/stderr", out + err)


def test_client_errors_never_quote_personal_data(world: World) -> None:
    """What the client raises, and so what the app could show, for the same bad input."""
    anna = world.device("anna")
    raised: list[ProtocolError] = []
    for payload in (
        {"after": CPR},
        {"partitions": [CPR]},
    ):
        try:
            anna._call(dict, "/v1/sync/pull", payload)  # type: ignore[type-var]
        except ProtocolError as exc:
            raised.append(exc)
    assert len(raised) == 2
    for exc in raised:
        _assert_clean("a client error", f"{exc} {exc.message} {exc.code}")


def test_an_unexpected_error_is_a_500_whose_log_names_only_type_and_frames(
    world: World, logs: _Records, capfd: pytest.CaptureFixture[str]
) -> None:
    """Starlette's handler for ``Exception`` re-raises after answering, and uvicorn then logs
    the traceback with the exception's message: the server must catch it first."""
    from sync.server import create_app
    from tests.sync.conftest import running_server

    server = world.server
    app = create_app(server.settings, server.db)

    async def failing(value: str) -> None:
        raise ValueError(f"could not read {value}: {NOTE}")

    app.add_api_route("/v1/failing/{value}", failing, methods=["GET"])
    with running_server(server.db, server.settings, app) as url:
        answer = httpx.get(f"{url}/v1/failing/{CPR}")
    assert answer.status_code == 500
    assert answer.json()["error"]["code"] == "internal_error"
    _assert_clean("the answer", answer.text)
    out, err = capfd.readouterr()
    for where, text in (("logs", "\n".join(logs.lines)), ("stdout", out), ("stderr", err)):
        _assert_clean(where, text)
    assert any("ValueError" in line and "failing" in line for line in logs.lines)

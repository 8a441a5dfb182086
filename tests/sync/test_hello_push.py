"""Protocol 4: the hello carries the sync's push, applied only when the hello asks nothing of
the device first; an older server ignores it and the device pushes as before."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from outreach_desk.services import sync_service
from sync.engine import SyncEngine
from sync.protocol import (
    SUM_DIGEST,
    AuditBase,
    CursorCheck,
    DeviceMarks,
    ProtocolError,
    PullRequest,
    SyncClient,
)
from sync.protocol.client import HelloAnswer, op_wire
from tests.sync.conftest import World, make_op, new_id
from tests.sync.laptops import Laptop, edited_and_noted_after_a_sync
from tests.sync.test_audit import chain
from tests.sync.test_sync_in_push import _signed_requests


def _plan(client: SyncClient, world: World, counter: int = 1) -> tuple[str, dict[str, Any]]:
    rid = new_id()
    op = make_op(client, "plan", rid, world.team_a, {"wish": "a home"}, counter=counter)
    return rid, op_wire(op)


def _on_server(client: SyncClient, record_id: str) -> bool:
    return any(c["record_id"] == record_id for c in client.pull_page(0, 1000).changes)


def test_a_sync_with_only_remote_changes_is_one_request(
    pair: tuple[Laptop, Laptop], world: World
) -> None:
    anna, bo = pair
    edited_and_noted_after_a_sync(anna, bo)
    anna.sync()
    before = _signed_requests(world, bo)
    received = bo.sync()
    assert _signed_requests(world, bo) - before == 1  # hello, with the pull page and check
    assert (received.pulled, received.repaired, received.open_conflicts) == (2, [], 0)
    assert bo.snapshot() == anna.snapshot()


def test_the_hello_applies_its_push_and_answers_the_pull_and_the_log(world: World) -> None:
    anna = world.device("anna")
    rid, op = _plan(anna, world, counter=1)
    entries = chain(2)
    pull = PullRequest(0, 100, None, True, [], SUM_DIGEST)
    answer = anna.hello_and_push(
        "1.0", None, DeviceMarks(1, 2, entries[-1]["hash"]), [op], pull, entries
    )
    assert answer.push is not None and answer.hello.rolled_back is False
    (result,) = answer.push.response.results
    assert result.status == "applied" and result.seq is not None
    assert answer.push.audit is not None and answer.push.audit.verified_until == 2
    page = answer.push.page
    assert page is not None and page.changes == []  # its own write is left out
    assert page.next == result.seq and page.partitions is not None
    assert _on_server(anna, rid)
    # The next hello names the server's head of the log: the device's own entry there.
    marks = DeviceMarks(1, 2, entries[-1]["hash"])
    good = AuditBase(2, entries[-1]["hash"])
    again = anna.hello_and_push(
        "1.0", CursorCheck(result.seq, page.next_change_id or ""), marks, [], pull, (), good
    )
    assert again.push is not None and again.push.response.results == []


def _refused(anna: SyncClient, answer: HelloAnswer, record_id: str) -> None:
    """The hello is answered, the push it carried is left for after the device acted."""
    assert answer.push is None
    assert not _on_server(anna, record_id)


def test_a_hello_that_asks_something_of_the_device_leaves_its_push(world: World) -> None:
    anna = world.device("anna")
    _, first = _plan(anna, world, counter=5)
    anna.push_wire([first])
    entries = chain(3)
    anna.upload_audit(entries)
    head = entries[-1]["hash"]
    marks = DeviceMarks(5, 3, head)
    base = AuditBase(3, head)
    pull = PullRequest(0, 100, None, True, [], SUM_DIGEST)
    last = anna.pull_page(0, 100).changes[-1]
    here = CursorCheck(last["seq"], last["change_id"])

    # a restored server: the device's last change is not there (or beyond the high water)
    rid, op = _plan(anna, world, counter=6)
    unknown = anna.hello_and_push(
        "1", CursorCheck(last["seq"], "f" * 32), marks, [op], pull, (), base
    )
    assert unknown.hello.cursor_known is False
    _refused(anna, unknown, rid)
    beyond = PullRequest(last["seq"] + 50, 100, None, True, [], SUM_DIGEST)
    _refused(anna, anna.hello_and_push("1", None, marks, [op], beyond, (), base), rid)
    # a restored laptop: its marks are behind the server's
    behind = anna.hello_and_push("1", here, DeviceMarks(4, 3, head), [op], pull, (), base)
    assert behind.hello.rolled_back is True
    _refused(anna, behind, rid)
    # the device's log goes on past the server's head, and its entry there is another (its
    # copy forked), or it names another entry, or none
    ahead = DeviceMarks(5, 4, chain(4)[-1]["hash"])
    forked = AuditBase(3, chain(3, prev="0" * 64)[-1]["hash"])
    for other in (forked, AuditBase(2, entries[1]["hash"]), None):
        _refused(anna, anna.hello_and_push("1", here, ahead, [op], pull, (), other), rid)

    applied = anna.hello_and_push("1", here, ahead, [op], pull, (), base)
    assert applied.push is not None and applied.push.response.results[0].status == "applied"
    assert _on_server(anna, rid)


def test_a_malformed_push_in_the_hello_is_refused_before_anything(world: World) -> None:
    anna = world.device("anna")
    rid, op = _plan(anna, world)
    body = {"protocol": 4, "schema": 1, "app_version": "1", "marks": {"op_counter": 1}}
    for push, where in (({"ops": {}}, "$.push.ops"), ([op], "$.push")):
        with pytest.raises(ProtocolError) as caught:
            anna._post("/v1/sync/hello", {**body, "push": push}, True)
        assert caught.value.code == "invalid_request" and where in caught.value.message
    bad_pull = {"ops": [op], "pull": {"after": -1}}
    with pytest.raises(ProtocolError):
        anna._post("/v1/sync/hello", {**body, "push": bad_pull}, True)
    # a log entry without its links is refused too, also where the hello would not have
    # applied the push (here: a protocol newer than the server's)
    bad_log = {"ops": [op], "audit": {"entries": [{"citizen_id": None}]}}
    for protocol in (4, 99):
        with pytest.raises(ProtocolError) as caught:
            anna._post("/v1/sync/hello", {**body, "protocol": protocol, "push": bad_log}, True)
        assert caught.value.code == "invalid_request" and "entries[0]" in caught.value.message
    assert not _on_server(anna, rid)


class _OlderServer:
    """The real client, talking as to a protocol-3 server: such a server ignores the hello's
    ``push`` (a message's unknown keys are ignored) and answers the hello alone."""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def hello_and_push(self, version: str, cursor: Any, marks: Any, *_rest: Any) -> HelloAnswer:
        hello = self._client.hello(version, cursor, protocol=3, marks=marks)
        return HelloAnswer(dataclasses.replace(hello, max_protocol=3))


def test_with_an_older_server_the_device_pushes_after_the_hello(
    pair: tuple[Laptop, Laptop], world: World
) -> None:
    anna, bo = pair
    citizen = anna.new_citizen(nickname="Ravnen")
    anna.sync()
    bo.sync()
    anna.edit_citizen(citizen.id, phone="55 66 77 88")
    enrolment = anna.replica.enrolment()
    assert enrolment is not None
    before = _signed_requests(world, anna)
    with sync_service.client_for(enrolment) as client:
        engine = SyncEngine(_OlderServer(client), anna.replica, enrolment.device_id, "test")  # type: ignore[arg-type]
        report = engine.run()
    assert _signed_requests(world, anna) - before == 2  # hello, push (with audit and pull)
    assert (report.applied, report.repaired) == (1, [])
    bo.sync()
    assert bo.snapshot() == anna.snapshot()

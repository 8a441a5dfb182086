"""A laptop syncing through a proxy that drops, delays, duplicates, truncates, resets and
reorders requests: each failure is a typed error, never a crash, and the next sync ends with
every op applied exactly once and every device equal to the server."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from outreach_desk.services import casework, sync_service
from sync.protocol import HELLO_PUSH_PROTOCOL, PROTOCOL_VERSION, ProtocolError, ServerUnavailable
from sync.server import schema
from tests.sync.conftest import World
from tests.sync.fault_proxy import FAULT_KINDS, FaultProxy
from tests.sync.laptops import Laptop, phone_edited_on_both, through

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

EXPECTED_ERROR: dict[str, type[ProtocolError] | None] = {
    "drop_request": ServerUnavailable,
    "delay": None,
    "duplicate": None,  # the second copy is refused as a replay: the client sends it anew
    "truncate_response": ServerUnavailable,
    "reset": ServerUnavailable,
    "reorder": ServerUnavailable,
    "drop_response": ServerUnavailable,
}
COMMITTED_AT_ONCE = {"delay", "duplicate", "truncate_response", "drop_response"}


NOW = PROTOCOL_VERSION
"""The protocol of this app's laptops (3: laptops not yet updated)."""
HELLO = "/v1/sync/hello"
PUSH = HELLO
"""The request that carries the push (protocol 4 and later: the hello)."""
PUSH_3 = "/v1/sync/push"
"""The request that carries the push of a laptop speaking protocol 3."""
REQUESTS: dict[tuple[int, bool], list[str]] = {
    # protocol 4 and later: the hello carries the push (or, with no ops, an empty one) with
    # the access-log upload, and brings the first pull page and the sync's check back
    (NOW, True): [HELLO],
    (NOW, False): [HELLO],
    # protocol 3 (laptops not yet updated): the last push batch carries the log and brings
    # the first pull page; with no ops the last pull page brings the check, the log goes alone
    (3, True): [HELLO, PUSH_3],
    (3, False): [HELLO, "/v1/sync/pull", "/v1/audit"],
}
"""The requests of a sync with (True) or without (False) local changes, by protocol."""


def server_count(world: World, table: object, *where: object) -> int:
    with world.server.db.engine.connect() as conn:
        query = select(func.count()).select_from(table)  # type: ignore[arg-type]
        return int(conn.execute(query.where(*where) if where else query).scalar_one())


@pytest.fixture
def proxy(world: World) -> Iterator[FaultProxy]:
    with FaultProxy(world.server.url, seed=1) as running:
        yield running


def day_of_work(device: Laptop) -> tuple[str, str, str]:
    """A citizen, a final note and an addendum: four ops (three records and the lock)."""
    person = device.new_citizen(name="Jens Hansen", nickname="Store Jens")
    note = device.write_note(person.id, "Mødt ved banegården. Talte om bolig.")
    device.store.notes.finalise(note.id, device.store.followups)
    addendum = casework.add_addendum(device.store, note.id, "Søsteren var også med.")
    return person.id, note.id, addendum.id


@pytest.mark.parametrize("protocol", [NOW, 3])
@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_a_fault_on_push_is_a_typed_error_and_the_next_sync_applies_each_op_once(
    world: World, proxy: FaultProxy, pair: tuple[Laptop, Laptop], kind: str, protocol: int
) -> None:
    anna, bo = pair
    anna.protocol = protocol
    person_id, note_id, addendum_id = day_of_work(anna)
    ops = anna.store.outbox.count()
    through(anna, proxy.url)
    proxy.inject(kind, path=PUSH if protocol >= HELLO_PUSH_PROTOCOL else PUSH_3)
    expected = EXPECTED_ERROR[kind]
    if expected is None:
        anna.sync()
    else:
        with pytest.raises(expected):
            anna.sync()
        assert anna.store.outbox.count() == ops  # nothing acknowledged: nothing lost
    if kind == "duplicate":
        assert proxy.counts["replay_refused"] == 1
    applied = server_count(world, schema.applied_ops)
    assert applied == (ops if kind in COMMITTED_AT_ONCE else 0)
    assert proxy.faults() == {kind: 1}

    report = anna.sync()  # the network is fine again
    assert proxy.held == 0  # a reordered push reached the server after the next hello
    assert anna.store.outbox.count("pending") == 0
    assert anna.store.outbox.count("rejected") == anna.store.outbox.count("conflict") == 0
    assert report.pushed in (0, ops)
    if kind == "duplicate":
        assert report.pushed == 0  # the first sync went through
    assert server_count(world, schema.applied_ops) == ops
    assert server_count(world, schema.change_log) == ops  # each op applied exactly once
    assert server_count(world, schema.records, schema.records.c.entity == "note") == 1
    assert server_count(world, schema.records, schema.records.c.entity == "addendum") == 1
    bo.sync()
    assert len(bo.store.notes.timeline(person_id)) == 1
    assert [a.id for a in bo.store.addenda.for_note(note_id)] == [addendum_id]
    assert anna.snapshot() == bo.snapshot()
    assert anna.store.access_log.verify().ok


def audit_uploaded(world: World, device: Laptop) -> int:
    """Access-log entries the server holds from the device."""
    enrolment = device.replica.enrolment()
    assert enrolment is not None
    audit = schema.audit_entries
    return server_count(world, audit, audit.c.device_id == enrolment.device_id)


def only_viewed(anna: Laptop, bo: Laptop, person_id: str) -> None:
    """Anna sends her work, bo sends four ops of his, then anna only looks at her citizen:
    her next sync has access-log entries to upload and changes to pull, but no ops to push."""
    anna.sync()
    day_of_work(bo)
    bo.sync()
    casework.load_overview(anna.store, person_id)
    assert anna.store.outbox.count("pending") == 0 and anna.replica.audit_after()[1]


def requested(proxy: FaultProxy) -> list[str]:
    return [path for path, _fault in proxy.log]


@pytest.mark.parametrize(
    ("kind", "local", "protocol", "path"),
    [
        ("drop_response", True, NOW, HELLO),  # the hello with the push, log and first page
        ("reorder", True, NOW, HELLO),
        ("drop_response", False, NOW, HELLO),  # the hello with the log, page and check
        ("reorder", False, NOW, HELLO),
        ("drop_response", True, 3, HELLO),
        ("drop_response", True, 3, PUSH_3),  # the push with the log and first page
        ("reorder", True, 3, PUSH_3),
        ("reorder", False, 3, "/v1/sync/pull"),
        ("drop_response", False, 3, "/v1/sync/pull"),  # the last page, with the check
        ("drop_response", False, 3, "/v1/audit"),
        ("reorder", False, 3, "/v1/audit"),
    ],
)
def test_a_fault_at_any_stage_is_finished_by_the_next_sync(
    world: World,
    proxy: FaultProxy,
    pair: tuple[Laptop, Laptop],
    kind: str,
    local: bool,
    protocol: int,
    path: str,
) -> None:
    anna, bo = pair
    anna.protocol = protocol
    day_of_work(bo)
    bo.sync()
    person_id, _note_id, _addendum_id = day_of_work(anna)
    if not local:
        only_viewed(anna, bo, person_id)
    requests = REQUESTS[protocol, local]
    made = 8 if local else 12
    applied_before = server_count(world, schema.applied_ops)
    uploaded_before = audit_uploaded(world, anna)
    through(anna, proxy.url)
    proxy.inject(kind, path=path)
    with pytest.raises(ServerUnavailable):
        anna.sync()
    assert proxy.faults() == {kind: 1}  # the fault met the request it was meant for
    assert (path, kind) in proxy.log
    assert requested(proxy) == requests[: requests.index(path) + 1]
    carrier = PUSH if protocol >= HELLO_PUSH_PROTOCOL else PUSH_3  # with the ops and log
    committed = kind == "drop_response" and path in (carrier, "/v1/audit")
    if local:
        assert server_count(world, schema.applied_ops) == (made if committed else applied_before)
    assert (audit_uploaded(world, anna) > uploaded_before) is committed

    report = anna.sync()
    assert proxy.held == 0
    # bo's last four changes, lost with the answer, and none of anna's own writes (a fault
    # on the log's own upload came after the page was applied)
    assert report.pulled == (0 if path == "/v1/audit" else 4)
    bo.sync()
    assert anna.store.outbox.count() == 0
    assert server_count(world, schema.applied_ops) == server_count(world, schema.change_log) == made
    assert anna.snapshot() == bo.snapshot()
    # the whole log is up, and the server verified the chain to its end
    local = anna.store.access_log.entries()
    assert anna.replica.audit_after()[1] == []
    assert report.audit_verified_until == local[-1].seq
    assert audit_uploaded(world, anna) == len(local)
    assert anna.store.access_log.verify().ok


def test_a_lost_answer_to_a_conflict_resolution_is_safe_to_retry(
    world: World, proxy: FaultProxy, pair: tuple[Laptop, Laptop]
) -> None:
    anna, bo = pair
    person = phone_edited_on_both(anna, bo)
    bo.sync()
    (conflict,) = bo.replica.open_conflicts()
    through(bo, proxy.url)
    proxy.inject("drop_response", path=f"/v1/conflicts/{conflict['conflict_id']}/resolve")
    with pytest.raises(ServerUnavailable):
        sync_service.resolve_conflict(bo.store, conflict["conflict_id"], "33333333")
    seq = sync_service.resolve_conflict(bo.store, conflict["conflict_id"], "33333333")
    assert seq is not None  # the first answer, not a "resolved already" refusal
    bo.sync()
    anna.sync()
    assert anna.store.citizens.get(person.id).phone == "33333333"
    assert anna.snapshot() == bo.snapshot()
    assert bo.store.outbox.count("conflict") == 0


def test_a_seeded_storm_of_faults_ends_with_every_device_equal(
    world: World, pair: tuple[Laptop, Laptop]
) -> None:
    anna, bo = pair
    with FaultProxy(world.server.url, seed=20261201, rate=0.35) as proxy:
        for device in (anna, bo):
            through(device, proxy.url)
        errors: list[str] = []
        made = 0
        for _round in range(6):
            for device in (anna, bo):
                day_of_work(device)
                made += 4
                try:
                    device.sync()
                except ProtocolError as exc:  # typed, never anything else
                    errors.append(type(exc).__name__)
        proxy.rate = 0.0
        proxy.release_held()
        for _ in range(2):
            for device in (anna, bo):
                device.sync()
        assert errors and set(errors) == {"ServerUnavailable"}
        assert sum(proxy.faults().values()) >= len(errors)
    assert server_count(world, schema.applied_ops) == server_count(world, schema.change_log)
    assert server_count(world, schema.applied_ops) == made
    assert anna.snapshot() == bo.snapshot()
    assert anna.store.outbox.count() == bo.store.outbox.count() == 0


@pytest.mark.parametrize(
    ("local", "protocol", "path"),
    [
        (True, NOW, HELLO),
        (False, NOW, HELLO),
        (True, 3, HELLO),
        (True, 3, PUSH_3),
        (False, 3, "/v1/sync/pull"),
        (False, 3, "/v1/audit"),
    ],
)
def test_a_request_delivered_twice_is_sent_anew_not_reported_as_an_unknown_laptop(
    world: World,
    proxy: FaultProxy,
    pair: tuple[Laptop, Laptop],
    local: bool,
    protocol: int,
    path: str,
) -> None:
    anna, bo = pair
    anna.protocol = protocol
    person_id, _note_id, _addendum_id = day_of_work(anna)
    ops, pulled = 4, 0
    if not local:
        only_viewed(anna, bo, person_id)
        ops, pulled = 0, 4
    requests = REQUESTS[protocol, local]
    made = 4 + pulled
    through(anna, proxy.url)
    proxy.inject("duplicate", path=path)
    report = anna.sync()  # the server refused the second copy; the client sent it again
    assert proxy.counts["replay_refused"] == 1
    assert proxy.faults() == {"duplicate": 1} and (path, "duplicate") in proxy.log
    again = requests.index(path) + 1
    assert requested(proxy) == [*requests[:again], path, *requests[again:]]
    assert (report.applied, report.pulled) == (ops, pulled)
    assert anna.store.outbox.count() == 0
    assert server_count(world, schema.applied_ops) == server_count(world, schema.change_log) == made
    assert audit_uploaded(world, anna) == len(anna.store.access_log.entries())
    assert report.audit_verified_until == anna.store.access_log.entries()[-1].seq
    bo.sync()
    assert anna.snapshot() == bo.snapshot()


def test_a_request_cut_off_mid_body_is_not_a_server_error(
    world: World, proxy: FaultProxy, pair: tuple[Laptop, Laptop], caplog: pytest.LogCaptureFixture
) -> None:
    anna, _bo = pair
    day_of_work(anna)
    through(anna, proxy.url)
    proxy.inject("reset", path=PUSH)
    with caplog.at_level(logging.INFO):
        with pytest.raises(ServerUnavailable):
            anna.sync()
        deadline = time.monotonic() + 10
        while not any("went away" in r.getMessage() for r in caplog.records):
            assert time.monotonic() < deadline, "the server never noticed the cut-off request"
            time.sleep(0.01)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    anna.sync()
    assert anna.store.outbox.count() == 0

"""Push batches sized to the server: as many ops as the hello says it takes (an older server:
the 500 every server takes), and never a body larger than the server reads, so a long
outbox goes in few requests and a batch of long notes still arrives."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from outreach_desk.services import sync_service
from sync.engine import SyncEngine
from sync.protocol import (
    DEFAULT_MAX_BODY_BYTES,
    MAX_PUSH_OPS,
    PUSH_OPS_LIMIT,
    HelloResponse,
    SyncClient,
)
from tests.sync.conftest import World
from tests.sync.fault_proxy import FaultProxy
from tests.sync.laptops import Laptop, through

HELLO, PUSH = "/v1/sync/hello", "/v1/sync/push"


def _queue(device: Laptop, count: int) -> None:
    with device.store.transaction():
        for i in range(count):
            device.new_citizen(name=f"Borger {i}", nickname=f"K{i}")


def _requested(proxy: FaultProxy) -> list[str]:
    return [path for path, _fault in proxy.log]


class _OlderServer:
    """The real client, talking as to a server that does not say its push limits."""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def hello(self, *args: Any, **kwargs: Any) -> HelloResponse:
        hello = self._client.hello(*args, **kwargs)
        return dataclasses.replace(hello, max_push_ops=None, max_body_bytes=None)


def test_a_long_outbox_goes_in_batches_of_the_size_the_server_takes(
    world: World, pair: tuple[Laptop, Laptop]
) -> None:
    anna, bo = pair
    total = PUSH_OPS_LIMIT + 150
    _queue(anna, total)
    with FaultProxy(world.server.url, seed=1) as proxy:
        through(anna, proxy.url)
        report = anna.sync()
    # the hello (the outbox is too long to go with it), a full batch, and the last batch
    # (with the first part of the access-log upload and the first pull page)
    requested = _requested(proxy)
    assert requested[0] == HELLO and requested.count(PUSH) == 2
    assert (report.applied, report.conflicts, report.rejected) == (total, 0, 0)
    assert anna.store.outbox.count() == 0
    bo.sync()
    assert bo.snapshot() == anna.snapshot()


def test_an_older_server_gets_batches_of_the_size_every_server_takes(
    world: World, pair: tuple[Laptop, Laptop]
) -> None:
    anna, _bo = pair
    total = 2 * MAX_PUSH_OPS + 10
    _queue(anna, total)
    with FaultProxy(world.server.url, seed=1) as proxy:
        through(anna, proxy.url)
        enrolment = anna.replica.enrolment()
        assert enrolment is not None
        with sync_service.client_for(enrolment) as client:
            older = _OlderServer(client)
            engine = SyncEngine(older, anna.replica, enrolment.device_id, "test")  # type: ignore[arg-type]
            report = engine.run()
    requested = _requested(proxy)
    assert requested[0] == HELLO and requested.count(PUSH) == 3
    assert report.applied == total and anna.store.outbox.count() == 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # (the batching is the laptop's)
def test_long_notes_go_in_batches_that_fit_the_body_the_server_reads(
    world: World, pair: tuple[Laptop, Laptop]
) -> None:
    """Notes of 20,000 characters can take 80 kB each (four UTF-8 bytes a character), and 215
    of them are more than a server reads in one body; once they went as one batch and were
    refused on every sync."""
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen")
    with anna.store.transaction():
        for i in range(215):
            anna.write_note(person.id, f"{i:03d}" + "\U0001f642" * 19_997)
    queued = sum(len(e.stored_fields.encode()) for e in anna.store.outbox.pending(1000))
    assert queued > DEFAULT_MAX_BODY_BYTES == world.server.settings.max_body_bytes
    with FaultProxy(world.server.url, seed=1) as proxy:
        through(anna, proxy.url)
        report = anna.sync()
    assert _requested(proxy).count(PUSH) == 3  # at most half the body limit of fields each
    assert report.applied == 216 and anna.store.outbox.count() == 0
    bo.sync()
    notes = bo.store.context.query("SELECT count(*) AS n FROM notes WHERE length(text) > 0")
    assert next(iter(notes))["n"] == 215
    assert bo.snapshot() == anna.snapshot()

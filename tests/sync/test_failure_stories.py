"""Known data-loss stories of other sync systems, replayed against ours (one test per story).

Laptops are real encrypted stores, the server is a real uvicorn on SQLite, and on PostgreSQL
too where the story is about the server's storage.

The first story, "a checkpoint saved before the data it covers" (PouchDB's checkpointer, Anki's
``usn``), is proven by ``test_client_killed_between_applying_a_page_and_saving_the_cursor`` in
``tests/sync/test_faults.py``: the client process is killed half-way through a page and the
reopened store holds neither the half page nor a cursor past it.
"""

from __future__ import annotations

import dataclasses
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from outreach_desk.domain import Goal, Plan, ProgressRating
from outreach_desk.domain.enums import LifeArea
from outreach_desk.services import sync_service
from outreach_desk.services.casework import local_sync_state
from outreach_desk.services.oversight import load_oversight
from outreach_desk.store import Store
from outreach_desk.store.replica import LocalReplica
from sync import engine
from sync.engine import SyncEngine, SyncReport
from sync.protocol import SyncClient
from sync.protocol.client import HelloAnswer, decode_op
from sync.server import accounts, push, schema
from tests.sync.conftest import World, make_op
from tests.sync.laptops import PASSPHRASE, Laptop, laptop

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
POSTGRES_ONLY = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)


@pytest.fixture
def devices(world: World, tmp_path: Path) -> Iterator[Callable[[str], Laptop]]:
    """Laptops made on demand, all closed after the test."""
    made: list[Laptop] = []

    def make(username: str) -> Laptop:
        made.append(laptop(world, tmp_path, username))
        return made[-1]

    yield make
    for device in made:
        if device.store.is_open:
            device.store.close()


def _client(device: Laptop) -> SyncClient:
    enrolment = device.replica.enrolment()
    assert enrolment is not None
    return sync_service.client_for(enrolment)


def _server_record(world: World, entity: str, record_id: str) -> Any:
    r = schema.records
    with world.server.db.read() as conn:
        return conn.execute(
            select(r).where(r.c.entity == entity, r.c.record_id == record_id)
        ).first()


def _visible(device: Laptop) -> dict[str, list[dict[str, Any]]]:
    """What a person can see (tombstones left out)."""
    return {k: [r for r in rows if not r["deleted"]] for k, rows in device.snapshot().items()}


def _alive(device: Laptop) -> set[str]:
    return {row["id"] for row in device.snapshot()["citizens"] if not row["deleted"]}


# --- 2. create → delete → recreate ------------------------------------------------------------


@SQLITE_ONLY
def test_create_delete_recreate_never_reuses_an_id_and_a_device_that_missed_it_converges(
    world: World, devices: Callable[[str], Laptop]
) -> None:
    """Story: create → delete → recreate (CouchDB's resurrected ``_deleted`` revisions,
    Dropbox/Realm primary keys reused after a delete).

    A record is deleted and the same person is registered again as a new record. The new
    record gets a new id, the tombstone of the old one never hides it, the old id cannot be
    brought back, and a laptop that slept through all of it ends up exactly like the others.
    """
    anna, bo, lise = devices("anna"), devices("bo"), devices("lise")
    first = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()  # bo saw the first record; lise saw nothing yet
    anna.store.citizens.delete(first.id)
    second = anna.new_citizen(name="Jens Hansen", phone="11111111")
    assert second.id != first.id
    anna.sync()

    with _client(bo) as client:  # an upsert that would bring the old id back is refused
        (refused,) = client.push(
            [make_op(client, "citizen", first.id, world.team_a, {"name": "Jens Hansen"})]
        ).results
    assert (refused.status, refused.reason) == ("rejected", "record_deleted")

    bo.sync()
    lise.sync()  # create, delete and recreate arrive in one page
    for device in (anna, bo, lise):
        assert _alive(device) == {second.id}
        assert device.store.citizens.get(second.id).phone == "11111111"
    assert anna.snapshot() == bo.snapshot() == lise.snapshot()
    assert _server_record(world, "citizen", first.id).deleted
    assert not _server_record(world, "citizen", second.id).deleted


# --- 3. an old revision of a deleted record comes back -----------------------------------------


@SQLITE_ONLY
def test_offline_edit_of_a_record_deleted_elsewhere_is_rejected_not_resurrected(
    world: World, devices: Callable[[str], Laptop]
) -> None:
    """Story: an old revision comes back after a delete (CouchDB/PouchDB replicating an old
    leaf revision that "undeletes" a document; Evernote/OneNote "ghost" notes).

    Bo edits a citizen offline; Anna, who saw every version, deletes it. Bo's late edit is
    rejected with a reason and kept in his outbox for a person; it never brings the record
    back, on the server or on any laptop.
    """
    anna, bo = devices("anna"), devices("bo")
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    bo.edit_citizen(person.id, phone="22222222")  # offline
    anna.store.citizens.delete(person.id)
    assert anna.sync().conflicts == 0  # a clean delete: anna had seen every version
    report = bo.sync()
    assert report.rejected == 1
    (kept,) = bo.store.outbox.all()
    assert kept.state == "rejected" and kept.result is not None
    assert kept.result["reason"] == "record_deleted"
    assert kept.fields["phone"]["value"] == "22222222"  # the edit is kept, not dropped
    assert local_sync_state(bo.store).rejected == 1
    anna.sync()
    for device in (anna, bo):
        assert not device.store.citizens.exists(person.id)
    assert _server_record(world, "citizen", person.id).deleted
    assert _visible(anna) == _visible(bo)


@SQLITE_ONLY
def test_old_ops_replayed_after_a_delete_do_not_resurrect(
    world: World, devices: Callable[[str], Laptop], tmp_path: Path
) -> None:
    """Story: an old op replayed after the delete (a retried request, a laptop restored from
    a file backup of its profile, Morango's re-sent buffers).

    Bo's profile is copied while his edit is still queued; the edit is applied, then Anna
    deletes the record. Bo's laptop is restored from the copy and syncs: the queued edit is
    answered from the server's memory of that op, nothing is applied again, and the record
    stays deleted. The same edit under a new op id is rejected.
    """
    anna, bo = devices("anna"), devices("bo")
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    bo.edit_citizen(person.id, phone="22222222")
    (queued,), _full = bo.replica.pending_ops("", 10)
    folder = bo.store.paths.folder
    bo.store.close()
    backup = tmp_path / "bo-backup"
    shutil.copytree(folder, backup)
    bo = Laptop(Store.open(folder, PASSPHRASE), "bo")
    assert bo.sync().applied == 1
    anna.sync()
    anna.store.citizens.delete(person.id)
    assert anna.sync().conflicts == 0
    bo.store.close()

    shutil.rmtree(folder)
    shutil.copytree(backup, folder)  # the laptop comes back from its backup
    restored = Laptop(Store.open(folder, PASSPHRASE), "bo")
    report = restored.sync()
    assert (report.applied, report.rejected, report.conflicts) == (1, 0, 0)  # stored answer
    assert restored.store.outbox.count() == 0
    assert not restored.store.citizens.exists(person.id)

    with _client(restored) as client:
        assert client.credentials is not None
        again = decode_op({**queued, "device_id": client.credentials.device_id})
        (same,) = client.push([again]).results
        assert same.status == "applied"  # the stored answer, nothing applied again
        copy = make_op(client, "citizen", person.id, world.team_a, {"phone": "22222222"})
        (fresh,) = client.push([copy]).results
        assert (fresh.status, fresh.reason) == ("rejected", "record_deleted")
    assert _server_record(world, "citizen", person.id).deleted
    anna.sync()
    restored.sync()
    assert not anna.store.citizens.exists(person.id)
    assert anna.snapshot() == restored.snapshot()
    restored.store.close()


# --- 4. a filtered cursor skipping records -----------------------------------------------------


@SQLITE_ONLY
def test_team_added_to_a_user_brings_the_records_below_the_cursor(
    world: World, devices: Callable[[str], Laptop]
) -> None:
    """Story: a filtered cursor skips records (CouchDB filtered replication and Realm/MongoDB
    flexible sync, where widening the filter does not re-send what is below the checkpoint).

    Anna's cursor is far past Team B's changes when she joins Team B: her next sync must still
    bring every Team B record, and end with matching digests.
    """
    anna, carl = devices("anna"), devices("carl")
    theirs = [carl.new_citizen(name=f"Borger B{i}") for i in range(3)]
    note = carl.write_note(theirs[0].id, "Skrevet i team B")
    carl.sync()
    anna.new_citizen(name="Borger A")
    anna.sync()
    assert anna.replica.cursor() > 0 and anna.store.citizens.count() == 1
    accounts.add_member(world.server.db, "Team B", "anna")
    report = anna.sync()
    assert {c.id for c in theirs} <= _alive(anna)
    assert anna.store.notes.get(note.id).text == "Skrevet i team B"
    assert report.still_mismatched == []
    assert anna.sync().repaired == []  # and the next sync finds nothing to repair


@SQLITE_ONLY
def test_citizen_moving_between_teams_reaches_the_new_team_and_leaves_the_old(
    world: World, devices: Callable[[str], Laptop]
) -> None:
    """Story: a record moving into a device's filter below its cursor (Realm/Couchbase
    channels: a document that changes channel is never sent to the new channel's devices, or
    stays for ever on the old channel's devices).

    Lise (in both teams) moves a Team B citizen to Team A. Anna (Team A), whose cursor is past
    the citizen's creation, receives the whole record; Carl (Team B) no longer shows it, and
    neither laptop's digest disagrees with the server. Moved back, Carl gets it again as it is
    now.
    """
    accounts.add_member(world.server.db, "Team B", "lise")
    anna, carl, lise = devices("anna"), devices("carl"), devices("lise")
    person = carl.new_citizen(name="Jens Hansen", phone="11111111", nickname="Jensemand")
    carl.sync()
    anna.new_citizen(name="Borger A")
    anna.sync()
    lise.sync()
    lise.edit_citizen(person.id, team_id=world.team_a)
    lise.sync()
    report = anna.sync()
    moved = anna.store.citizens.get(person.id)
    assert (moved.name, moved.phone, moved.nickname) == ("Jens Hansen", "11111111", "Jensemand")
    assert report.repaired == []
    report = carl.sync()
    assert person.id not in _alive(carl)
    assert (report.repaired, report.still_mismatched) == ([], [])

    anna.edit_citizen(person.id, phone="22222222")
    anna.sync()
    lise.sync()
    lise.edit_citizen(person.id, team_id=world.team_b)
    lise.sync()
    report = carl.sync()
    back = carl.store.citizens.get(person.id)
    assert (back.phone, back.team_id) == ("22222222", world.team_b)
    assert (report.repaired, report.still_mismatched) == ([], [])
    anna.sync()
    assert person.id not in _alive(anna)


# --- 5. pagination without a stable order ------------------------------------------------------


def test_changes_committed_at_the_same_moment_arrive_exactly_once_in_small_pages(
    world: World, devices: Callable[[str], Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Story: paging by timestamp (``updated_at > last``) loses or repeats rows that share a
    timestamp across a page boundary (many REST sync APIs; CouchDB views paged by key).

    90 citizens are committed in one push, so they carry the same server time; another team
    writes in between; a new batch commits while the reader is half-way. With pages of 7, the
    reader receives every change exactly once and ends equal to the writer.
    """
    anna, bo, carl = devices("anna"), devices("bo"), devices("carl")
    with anna.store.transaction():
        for i in range(90):
            anna.new_citizen(name=f"Borger {i:03d}")
    carl.new_citizen(name="Borger i team B")
    carl.sync()
    anna.sync()
    with _client(bo) as client:
        changes = client.pull(0, limit=1000).changes
    assert len(changes) == 90 and len({c.server_time for c in changes}) == 1

    monkeypatch.setattr(engine, "PULL_PAGE", 7)
    received: list[int] = []
    original = LocalReplica.apply_changes
    later: list[str] = []

    def counting(self: LocalReplica, changes: list[dict[str, Any]], *args: Any, **kw: Any) -> Any:
        if self._store is bo.store and not kw.get("keep_cursor"):
            received.extend(int(c["seq"]) for c in changes)
        answer = original(self, changes, *args, **kw)
        if len(received) == 49 and not later:  # a new batch commits mid-way
            with anna.store.transaction():
                later.extend(anna.new_citizen(name=f"Senere {i}").id for i in range(10))
            anna.sync()
        return answer

    monkeypatch.setattr(LocalReplica, "apply_changes", counting)
    bo.sync()
    bo.sync()
    assert len(later) == 10
    assert len(received) == len(set(received)) == 100
    assert received == sorted(received)
    assert bo.snapshot() == anna.snapshot()


# --- 6. transactions committing out of sequence order (PostgreSQL) -----------------------------


@POSTGRES_ONLY
def test_push_committing_late_is_not_skipped_by_a_laptop_pulling_in_between(
    world: World, devices: Callable[[str], Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Story: a sequence is not commit order (PowerSync/ElectricSQL on PostgreSQL, Debezium):
    a transaction that took a smaller seq commits after a larger one, and a reader that moved
    its cursor in between never sees it.

    Anna's push has taken its seqs and is held before commit; Bo pushes meanwhile; Lise syncs
    in between and again after both committed. Lise ends with both, in seq order.
    """
    from tests.sync.test_postgres import _wait_for_lock_waiter

    anna, bo, lise = devices("anna"), devices("bo"), devices("lise")
    enrolment = anna.replica.enrolment()
    assert enrolment is not None
    holding, release = threading.Event(), threading.Event()
    original = push._Batch.flush

    def held_flush(self: Any) -> None:
        original(self)
        if self.actor.device_id == enrolment.device_id and not release.is_set():
            holding.set()
            release.wait(60)

    monkeypatch.setattr(push._Batch, "flush", held_flush)
    from_anna = anna.new_citizen(name="Fra Anna")
    from_bo = bo.new_citizen(name="Fra Bo")
    errors: list[BaseException] = []

    def run(device: Laptop) -> None:
        try:
            device.sync()
        except BaseException as exc:  # reported below
            errors.append(exc)

    first = threading.Thread(target=run, args=(anna,))
    first.start()
    assert holding.wait(60)
    second = threading.Thread(target=run, args=(bo,))
    second.start()
    _wait_for_lock_waiter(world.server.db)  # bo's push waits for the change-log lock
    try:
        lise.sync()
        assert lise.store.citizens.count() == 0
    finally:
        release.set()
        first.join(60)
        second.join(60)
    assert errors == []
    lise.sync()
    assert _alive(lise) == {from_anna.id, from_bo.id}
    with _client(lise) as client:
        seqs = [c.seq for c in client.pull(0).changes]
    assert seqs == sorted(seqs) and len(seqs) == 2
    anna.sync()
    bo.sync()
    assert anna.snapshot() == bo.snapshot() == lise.snapshot()


# --- 7. a delete refused by the server -----------------------------------------------------------


@SQLITE_ONLY
def test_delete_refused_by_the_server_brings_the_record_back_and_says_why(
    world: World, devices: Callable[[str], Laptop]
) -> None:
    """Story: a delete the server refuses is not reverted locally (PouchDB/Couchbase
    ``forbidden`` answers swallowed by the replicator, Firestore rules rejecting a delete that
    the local cache already applied): the record is gone on one laptop only, for ever.

    Bo (in Team A and Team B) deletes a citizen offline while Lise moves it to Team B. The
    server refuses the delete; after the sync the citizen is back on Bo's laptop, as the
    server holds it, and the refusal is listed with its reason.
    """
    accounts.add_member(world.server.db, "Team B", "lise")
    accounts.add_member(world.server.db, "Team B", "bo")
    bo, lise = devices("bo"), devices("lise")
    person = lise.new_citizen(name="Jens Hansen", phone="11111111")
    lise.sync()
    bo.sync()
    bo.store.citizens.delete(person.id)
    assert not bo.store.citizens.exists(person.id)
    lise.edit_citizen(person.id, team_id=world.team_b)
    lise.sync()
    report = bo.sync()
    assert report.rejected + report.conflicts == 1
    back = bo.store.citizens.get(person.id)  # the record is back, as the server holds it
    assert (back.name, back.team_id) == ("Jens Hansen", world.team_b)
    assert not _server_record(world, "citizen", person.id).deleted
    state = local_sync_state(bo.store)
    assert state.rejected + state.conflicts == 1  # the person sees that the delete failed
    if state.rejected:
        (row,) = load_oversight(bo.store).rejected
        assert row.values["record_id"] == person.id and row.values["reason"]


# --- 8. edits made during a sync -----------------------------------------------------------------


class _EditingClient:
    """The real client, with a local edit made while one of its requests is on the wire.

    ``push_wire`` and ``pull_page`` are the calls of a sync with a protocol-2 server (the
    server's ``hello`` is answered as one would), ``push_and_pull`` the protocol-3 push that
    brings the pull page back with it, ``hello_and_push`` the protocol-4 hello that carries
    the push. Below protocol 4 the hello's push is left out, as an older server ignores it."""

    def __init__(self, client: SyncClient, when: str, edit: Callable[[], None]) -> None:
        self._client, self._when, self._edit = client, when, edit
        self.done = False

    def __getattr__(self, name: str) -> Any:
        call = getattr(self._client, name)
        if name == "hello_and_push" and self._when != "hello_and_push":
            protocol = 3 if self._when == "push_and_pull" else 2
            return lambda version, cursor, marks, *_rest: HelloAnswer(
                dataclasses.replace(
                    self._client.hello(version, cursor, marks=marks), max_protocol=protocol
                )
            )
        if name == "hello" and self._when not in ("push_and_pull", "hello_and_push"):
            return lambda *args, **kwargs: dataclasses.replace(
                call(*args, **kwargs), max_protocol=2
            )
        if name != self._when:
            return call

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            answer = call(*args, **kwargs)
            if not self.done:
                self.done = True
                self._edit()
            return answer

        return wrapped


def _sync_editing(device: Laptop, when: str, edit: Callable[[], None]) -> SyncReport:
    enrolment = device.replica.enrolment()
    assert enrolment is not None
    with sync_service.client_for(enrolment) as client:
        editing = _EditingClient(client, when, edit)
        replica = device.replica
        report = SyncEngine(editing, replica, enrolment.device_id, "test").run()  # type: ignore[arg-type]
        assert editing.done
        return report


@SQLITE_ONLY
@pytest.mark.parametrize("when", ["push_wire", "pull_page", "push_and_pull", "hello_and_push"])
def test_edits_made_during_a_sync_are_neither_lost_nor_overwritten(
    world: World, devices: Callable[[str], Laptop], when: str
) -> None:
    """Story: an edit made while a sync runs is lost (Anki's "changes made during sync",
    Replicache/PouchDB writes between reading the outbox and marking it sent, a pull that
    overwrites a row edited after the push read it).

    Anna edits while her own push is on the wire, and again while a page is being fetched.
    Bo's concurrent edits of other fields arrive in the same sync. Anna's edits stay on her
    screen, reach the server on the next sync, and both laptops converge.
    """
    anna, bo = devices("anna"), devices("bo")
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    bo.edit_citizen(person.id, nickname="Jensemand")
    bo.sync()
    anna.edit_citizen(person.id, phone="22222222")

    def edit() -> None:
        anna.edit_citizen(person.id, phone="33333333", description="Skrevet under sync")

    _sync_editing(anna, when, edit)
    mine = anna.store.citizens.get(person.id)
    assert (mine.phone, mine.description, mine.nickname) == (
        "33333333",
        "Skrevet under sync",
        "Jensemand",
    )
    assert anna.store.outbox.count() == 1  # the edit made during the sync waits for the next
    report = anna.sync()
    assert (report.conflicts, report.rejected) == (0, 0)
    bo.sync()
    theirs = bo.store.citizens.get(person.id)
    assert (theirs.phone, theirs.description) == ("33333333", "Skrevet under sync")
    assert anna.snapshot() == bo.snapshot()


# --- 9. access removed while edits are pending ---------------------------------------------------


@SQLITE_ONLY
def test_user_removed_from_a_team_with_pending_edits_sees_them_rejected(
    world: World, devices: Callable[[str], Laptop]
) -> None:
    """Story: access removed while edits are pending (Couchbase/Realm permission changes that
    silently discard queued writes, or keep syncing a partition the user lost).

    Bo has unsynced edits when he is taken out of Team A. His sync rejects them with a reason
    and keeps them in his outbox for a person; nothing of Team A reaches his laptop any more,
    and Team A's records leave it.
    """
    anna, bo = devices("anna"), devices("bo")
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    bo.edit_citizen(person.id, phone="22222222")
    bo.write_note(person.id, "Skrevet efter jeg forlod teamet")
    accounts.remove_member(world.server.db, "Team A", "bo")
    report = bo.sync()
    assert report.rejected == 2 and report.teams == []
    kept = bo.store.outbox.all()
    assert [e.state for e in kept] == ["rejected", "rejected"]
    assert {e.result["reason"] for e in kept if e.result} == {"forbidden_partition"}
    assert local_sync_state(bo.store).rejected == 2
    anna.edit_citizen(person.id, nickname="Jensemand")
    anna.sync()
    bo.sync()
    assert not bo.store.citizens.exists(person.id)  # Team A's records left the laptop
    left = [e for e in bo.store.access_log.entries() if e.criterion == "access removed"]
    assert [(e.action, e.entity, e.record_id) for e in left] == [("delete", "team", world.team_a)]
    assert [e.op_id for e in bo.store.outbox.all()] == [e.op_id for e in kept]
    rows = load_oversight(bo.store).rejected
    assert [r.values["reason"] for r in rows] == ["forbidden_partition"] * 2
    assert _server_record(world, "citizen", person.id).fields["phone"] == "11111111"


@SQLITE_ONLY
def test_citizen_leaving_the_team_with_pending_edits_is_rejected_not_dropped(
    world: World, devices: Callable[[str], Laptop]
) -> None:
    """Story: the record leaves the user's partition while they hold unsynced edits of it.

    Lise moves a citizen from Team A to Team B while Bo (Team A only) edits it offline. Bo's
    edit is rejected with a reason and kept; the citizen stops reaching Bo's laptop.
    """
    accounts.add_member(world.server.db, "Team B", "lise")
    bo, lise, carl = devices("bo"), devices("lise"), devices("carl")
    person = lise.new_citizen(name="Jens Hansen", phone="11111111")
    lise.sync()
    bo.sync()
    bo.edit_citizen(person.id, phone="22222222")
    lise.edit_citizen(person.id, team_id=world.team_b)
    lise.sync()
    report = bo.sync()
    assert report.rejected == 1 and report.still_mismatched == []
    (kept,) = bo.store.outbox.all()
    assert kept.state == "rejected" and kept.result is not None
    assert kept.result["reason"] == "forbidden_partition"
    assert kept.fields["phone"]["value"] == "22222222"
    assert not bo.store.citizens.exists(person.id)
    carl.sync()
    assert carl.store.citizens.get(person.id).phone == "11111111"


# --- 10. values round-tripping between SQLite and PostgreSQL -------------------------------------

TEXTS = {
    "danish": "Søren Ærø Østergård Åsa æøå ÆØÅ",
    "emoji": "🧑🏽‍🤝‍🧑🏻 🏳️‍🌈 👍🏿 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "combining": "e\u0301 versus \u00e9, a\u030a versus \u00e5, Z\u0335\u0317a\u0336l",
    "rtl": "\u202bمرحبا بالعالم\u202c שלום \u200fעולם\u200e (ok)",
    "control": "tab\there\x01\x07\x1b[0m\x7f\u0085\u2028line\u2029para\r\nend",
    "quotes": "'\"\\ \\u0000 \\n %s {0} $1 ${x} -- ; DROP TABLE citizens",
    "noncharacters": "\ufeff\ufffe\uffff\U0010ffff\u00a0\u2009\u200b",
}


@pytest.fixture
def round_trip(world: World, devices: Callable[[str], Laptop]) -> tuple[Laptop, Laptop]:
    return devices("anna"), devices("bo")


def test_values_written_on_one_laptop_arrive_byte_identical_on_another(
    round_trip: tuple[Laptop, Laptop],
) -> None:
    """Story: values changed in transit (JSONB/float rounding in PowerSync and Supabase
    clients, Unicode normalised by a server, timezones shifted by a driver, NUL and control
    characters refused or cut): what one laptop wrote is not what the other reads.

    Danish letters, emoji, combining characters, RTL text, control characters, very long text,
    ratings and dates at their edges and time-zone-aware times travel through the server and
    come out identical, field by field and as stored.
    """
    anna, bo = round_trip
    long_text = ("Æblegrød og 🍎 " * 1500)[:20_000]
    people = {
        key: anna.new_citizen(name=f"Borger {key}", nickname=value[:200], description=value)
        for key, value in TEXTS.items()
    }
    person = people["danish"]
    copenhagen = ZoneInfo("Europe/Copenhagen")
    event = datetime(2026, 3, 29, 1, 59, 59, 999999, tzinfo=copenhagen)  # just before DST
    note = anna.write_note(person.id, long_text)
    note = anna.store.notes.update(note.edited(event_time=event))
    plan = anna.store.plans.add(
        Plan.new(person.id, anna.team, wish=TEXTS["emoji"], follow_up_date=date(9999, 12, 31))
    )
    goal = anna.store.goals.add(
        Goal.new(plan.id, LifeArea.HOUSING, TEXTS["combining"], target_date=date(1, 1, 1))
    )
    ratings = [
        anna.store.ratings.add(
            ProgressRating.new(
                goal.id, date(1900, 2, 28), score, support_need=need, comment=TEXTS["rtl"]
            )
        )
        for score, need in ((1, 0), (10, 4), (5, None))
    ]
    anna.sync()
    bo.sync()
    for key, value in TEXTS.items():
        arrived = bo.store.citizens.get(people[key].id)
        assert (arrived.nickname, arrived.description) == (value[:200], value)
    arrived_note = bo.store.notes.get(note.id)
    assert arrived_note.text == long_text and arrived_note.text.encode() == long_text.encode()
    assert arrived_note.event_time == event and arrived_note.event_time.utcoffset() is not None
    assert arrived_note.written_time == note.written_time
    assert bo.store.plans.get(plan.id).follow_up_date == date(9999, 12, 31)
    assert bo.store.goals.get(goal.id).target_date == date(1, 1, 1)
    for rating in ratings:
        came = bo.store.ratings.get(rating.id)
        assert (came.citizen_score, came.support_need, came.rated_on, came.comment) == (
            rating.citizen_score,
            rating.support_need,
            rating.rated_on,
            rating.comment,
        )
    assert anna.snapshot() == bo.snapshot()  # as stored, column by column


SAFE_FLOATS = [0.1, 1e-7, 5e-324, 2.2250738585072014e-308, 123.456, -2.5]
EDGE_FLOATS = [-0.0, 1e16, 1.5e300, 1.7976931348623157e308]
INTEGERS = [0, -1, 2**31, 2**53 + 1, 2**63 - 1, -(2**63)]


def _through_the_server(world: World, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Send ``values`` in an op from one device; what another device's feed gives back
    differently (by ``repr``, so ``1.0`` and ``1`` differ)."""
    anna, bo = world.device("anna"), world.device("bo")
    (result,) = anna.push([make_op(anna, "plan", str(uuid.uuid4()), world.team_a, values)]).results
    assert result.status == "applied"
    (change,) = bo.pull(0).changes
    return {
        name: (value, change.fields[name].value)
        for name, value in values.items()
        if repr(change.fields[name].value) != repr(value)
    }


def test_json_numbers_pass_through_the_server_unchanged(world: World) -> None:
    """Story: numbers changed by the server's storage (doubles losing digits, big integers
    becoming floats, text escapes undone).

    Integers at the edges of 32, 53 and 64 bits and floats with many digits or tiny
    magnitudes, sent in an op, come back to another device with the same value and JSON type.
    """
    values: dict[str, Any] = {f"f{i}": v for i, v in enumerate(SAFE_FLOATS)}
    values |= {f"i{i}": v for i, v in enumerate(INTEGERS)}
    values["nested"] = {"list": [*SAFE_FLOATS, *INTEGERS], "text": TEXTS["control"]}
    assert _through_the_server(world, values) == {}


def test_float_edges_keep_their_json_type_through_the_server(world: World) -> None:
    """Story: JSONB turning ``1e16`` into an integer or dropping ``-0.0``'s sign (PostgreSQL
    keeps these columns as ``json``, the text as written)."""
    values = {f"f{i}": v for i, v in enumerate(EDGE_FLOATS)}
    assert _through_the_server(world, values) == {}

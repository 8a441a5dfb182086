"""Desktop stores syncing through a real server (SQLite and PostgreSQL): nothing lost,
nothing duplicated, conflicts kept for people."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from outreach_desk.domain import Addendum
from outreach_desk.services import sync_service
from outreach_desk.store.replica import LocalReplica
from sync.engine import SyncCancelled
from sync.protocol import DeviceRevoked, SyncClient
from sync.server import accounts
from tests.sync.conftest import World
from tests.sync.laptops import Laptop, laptop, phone_edited_on_both


def test_work_recorded_offline_reaches_the_other_laptop(pair: tuple[Laptop, Laptop]) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen", nickname="Store Jens")
    note = anna.write_note(person.id, "Mødt på Kirkens Korshær. Talte om bolig.")
    anna.store.notes.finalise(note.id, anna.store.followups)
    report = anna.sync()
    assert report.pushed == 3 and report.applied == 3 and report.rejected == 0
    assert anna.store.outbox.count() == 0
    bo.sync()
    assert bo.store.citizens.get(person.id).nickname == "Store Jens"
    assert bo.store.notes.get(note.id).is_final
    assert [h.id for h in bo.store.search_notes("Korshær")] == [note.id]
    assert anna.snapshot() == bo.snapshot()


def test_edits_to_different_fields_are_both_kept(pair: tuple[Laptop, Laptop]) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen")
    anna.sync()
    bo.sync()
    anna.edit_citizen(person.id, phone="20304050")  # both offline
    bo.edit_citizen(person.id, nickname="Jensemand")
    assert anna.sync().conflicts == 0
    assert bo.sync().conflicts == 0
    anna.sync()
    for device in (anna, bo):
        current = device.store.citizens.get(person.id)
        assert (current.phone, current.nickname) == ("20304050", "Jensemand")
    assert anna.snapshot() == bo.snapshot()


def test_same_field_becomes_a_conflict_that_a_person_resolves(
    pair: tuple[Laptop, Laptop],
) -> None:
    anna, bo = pair
    person = phone_edited_on_both(anna, bo)
    report = bo.sync()
    assert report.conflicts == 1 and report.open_conflicts == 1
    anna.sync()
    # the provisional winner (what reached the server first) is what every device shows
    assert anna.store.citizens.get(person.id).phone == "22222222"
    assert bo.store.citizens.get(person.id).phone == "22222222"
    (conflict,) = bo.replica.open_conflicts()
    assert conflict["server"]["value"] == "22222222"
    assert conflict["incoming"]["value"] == "33333333"  # bo's edit is kept for a person
    (kept,) = [e for e in bo.store.outbox.all() if e.state == "conflict"]
    assert kept.fields["phone"]["value"] == "33333333"
    sync_service.resolve_conflict(bo.store, conflict["conflict_id"], "33333333")
    bo.sync()
    anna.sync()
    assert anna.store.citizens.get(person.id).phone == "33333333"
    assert bo.store.citizens.get(person.id).phone == "33333333"
    assert bo.replica.open_conflicts() == []
    assert bo.store.outbox.count("conflict") == 0  # decided: the entry retired
    assert anna.snapshot() == bo.snapshot()


def test_conflict_decided_against_the_laptop_that_lost_converges(
    pair: tuple[Laptop, Laptop],
) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen", nickname="Jens")
    anna.sync()
    bo.sync()
    anna.edit_citizen(person.id, nickname="Store Jens")
    bo.edit_citizen(person.id, nickname="Jensemand")
    bo.sync()  # bo first this time: anna's edit is the one that conflicts
    anna.sync()
    (conflict,) = anna.replica.open_conflicts()
    sync_service.resolve_conflict(bo.store, conflict["conflict_id"], "Jensemand")
    for device in (bo, anna, bo):
        device.sync()
    assert anna.store.citizens.get(person.id).nickname == "Jensemand"
    assert anna.store.outbox.count() == 0
    assert anna.snapshot() == bo.snapshot()


def test_pulled_change_under_a_pending_edit_is_shown_when_the_edit_conflicts(
    pair: tuple[Laptop, Laptop],
) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    anna.edit_citizen(person.id, phone="22222222")
    anna.sync()
    bo.edit_citizen(person.id, phone="33333333")
    # bo pulls anna's change while its own edit is still pending (pull-only sync)
    from sync.engine import SyncEngine

    enrolment = bo.replica.enrolment()
    assert enrolment is not None
    with sync_service.client_for(enrolment) as client:
        SyncEngine(client, bo.replica, enrolment.device_id, "test")._pull(
            __import__("sync.engine", fromlist=["SyncReport"]).SyncReport(), ""
        )
    assert bo.store.citizens.get(person.id).phone == "33333333"  # local edit on top
    bo.sync()  # push -> conflict: fall back to the server's value, remembered while pending
    assert bo.store.citizens.get(person.id).phone == "22222222"
    assert anna.snapshot() == bo.snapshot()


def test_concurrent_addenda_both_survive(pair: tuple[Laptop, Laptop]) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen")
    note = anna.write_note(person.id, "Første notat.")
    anna.store.notes.finalise(note.id, anna.store.followups)
    anna.sync()
    bo.sync()
    for device, text in ((anna, "Tillæg fra Anna"), (bo, "Tillæg fra Bo")):
        device.store.addenda.add(
            Addendum.new(note.id, device.store.session.user_id, text, device.store.session.clock())
        )
    anna.sync()
    bo.sync()
    anna.sync()
    for device in (anna, bo):
        texts = sorted(a.text for a in device.store.addenda.for_note(note.id))
        assert texts == ["Tillæg fra Anna", "Tillæg fra Bo"]


def test_delete_against_a_concurrent_edit_is_a_conflict(pair: tuple[Laptop, Laptop]) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen")
    anna.sync()
    bo.sync()
    anna.edit_citizen(person.id, phone="44444444")
    bo.store.citizens.delete(person.id)
    anna.sync()
    report = bo.sync()
    assert report.conflicts == 1
    anna.sync()
    assert anna.store.citizens.get(person.id).phone == "44444444"  # the edit is not lost


def test_two_edits_offline_before_a_sync_are_not_a_conflict(pair: tuple[Laptop, Laptop]) -> None:
    anna, _bo = pair
    person = anna.new_citizen(name="Jens Hansen")
    anna.edit_citizen(person.id, phone="11111111")
    anna.edit_citizen(person.id, phone="22222222")
    anna.store.citizens.delete(person.id)
    report = anna.sync()
    assert (report.conflicts, report.rejected) == (0, 0)


def test_lost_response_after_the_server_committed_applies_nothing_twice(
    pair: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen")
    anna.write_note(person.id, "Notat")
    replica_type = type(anna.replica)
    original = replica_type.record_results

    def crash(self, results):  # type: ignore[no-untyped-def]
        raise ConnectionResetError("the answer never arrived")

    monkeypatch.setattr(replica_type, "record_results", crash)
    with pytest.raises(ConnectionResetError):
        anna.sync()
    monkeypatch.setattr(replica_type, "record_results", original)
    assert anna.store.outbox.count() == 2  # still queued: nothing was acknowledged
    report = anna.sync()  # the retry: the server answers from applied_ops
    assert report.applied == 2 and anna.store.outbox.count() == 0
    bo.sync()
    assert bo.store.citizens.count() == 1 and bo.store.notes.count() == 1
    assert len(bo.store.notes.timeline(person.id)) == 1


def test_verify_finds_and_repairs_a_missing_record(pair: tuple[Laptop, Laptop]) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen")
    anna.sync()
    bo.sync()
    # damage bo's replica: forget the record and its versions behind the engine's back
    ctx = bo.store.context
    with bo.store.transaction():
        ctx.conn.execute("DELETE FROM citizens WHERE id = ?", (person.id,))
        ctx.conn.execute("DELETE FROM record_versions WHERE record_id = ?", (person.id,))
        ctx.conn.execute("DELETE FROM sync_records WHERE record_id = ?", (person.id,))
    report = bo.sync()
    assert report.repaired == [bo.team] and report.still_mismatched == []
    assert bo.store.citizens.get(person.id).name == "Jens Hansen"


def test_access_log_is_uploaded_and_verified(pair: tuple[Laptop, Laptop]) -> None:
    anna, _bo = pair
    person = anna.new_citizen(name="Jens Hansen")
    anna.store.citizens.get(person.id)
    report = anna.sync()
    entries = anna.store.access_log.entries()
    assert report.audit_verified_until == entries[-1].seq
    anna.store.citizens.get(person.id)
    assert anna.sync().audit_verified_until == entries[-1].seq + 1


def test_revoked_laptop_with_pending_changes_receives_a_verified_wipe(
    world: World, tmp_path: Path
) -> None:
    anna = laptop(world, tmp_path, "anna")
    person = anna.new_citizen(name="Jens Hansen")
    anna.write_note(person.id, "Skrevet på den bortkomne computer")
    enrolment = anna.replica.enrolment()
    assert enrolment is not None
    accounts.revoke_device(world.server.db, enrolment.device_id)
    with pytest.raises(DeviceRevoked) as revoked:
        anna.sync()
    assert revoked.value.wipe_instruction is not None  # verified against the server key
    with world.server.db.engine.connect() as conn:  # a revoked device writes nothing
        from sqlalchemy import func, select

        from sync.server import schema

        assert conn.execute(select(func.count()).select_from(schema.records)).scalar_one() == 0
    anna.store.crypto_erase()
    assert list(anna.store.paths.folder.iterdir()) == []


def test_three_laptops_converge(world: World, tmp_path: Path) -> None:
    devices = [laptop(world, tmp_path, name) for name in ("anna", "bo", "lise")]
    people = [d.new_citizen(name=f"Borger {i}") for i, d in enumerate(devices)]
    for device, person in zip(devices, people, strict=True):
        device.write_note(person.id, f"Notat om {person.name}")
    for _ in range(2):
        for device in devices:
            device.sync()
    snapshots = [d.snapshot() for d in devices]
    assert snapshots[0] == snapshots[1] == snapshots[2]
    assert len(snapshots[0]["citizens"]) == 3 and len(snapshots[0]["notes"]) == 3
    for device in devices:
        device.store.close()


def test_team_b_receives_nothing_of_team_a_and_cannot_write_to_it(
    world: World, tmp_path: Path
) -> None:
    anna, carl = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "carl")
    person = anna.new_citizen(name="Jens Hansen")
    anna.write_note(person.id, "Kun for team A")
    anna.sync()
    carl.sync()
    assert carl.store.citizens.count() == 0 and carl.store.notes.count() == 0
    # carl's laptop tries to write into team A (a tampered or mistaken record)
    from outreach_desk.domain import Citizen

    carl.store.citizens.add(Citizen.new(world.team_a, name="Smuglet ind"))
    report = carl.sync()
    assert report.rejected == 1
    (kept,) = carl.store.outbox.all()
    assert kept.state == "rejected" and kept.result is not None
    assert kept.result["reason"] == "forbidden_partition"  # kept, visible, never dropped
    anna.sync()
    assert {c["name"] for c in anna.snapshot()["citizens"]} == {"Jens Hansen"}
    anna.store.close()
    carl.store.close()


def test_the_check_of_a_sync_comes_with_the_last_pull_page(
    pair: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against a protocol-2 server a sync asks neither ``verify`` nor ``conflicts/list``;
    the per-partition check still runs, and a mismatch is repaired and verified again."""
    anna, bo = pair
    asked: list[str] = []
    for name in ("verify", "list_conflicts"):
        original = getattr(SyncClient, name)

        def spy(self: SyncClient, *args: Any, _name: str = name, _call: Any = original) -> Any:
            asked.append(_name)
            return _call(self, *args)

        monkeypatch.setattr(SyncClient, name, spy)
    person = anna.new_citizen(name="Jens Hansen")
    anna.sync()
    assert bo.sync().repaired == [] and asked == []
    with bo.store.transaction():
        bo.store.context.conn.execute("DELETE FROM sync_records WHERE record_id = ?", (person.id,))
    report = bo.sync()
    assert report.repaired == [bo.team] and report.still_mismatched == []
    assert asked == ["verify"]  # only to confirm the repair


def test_a_laptop_reading_pages_in_the_values_form_and_one_not_yet_updated_agree(
    pair: tuple[Laptop, Laptop],
) -> None:
    """Protocol 5 pulls pages in the values form; a protocol-4 laptop gets the fields form
    from the same server. Both end with the same records and versions."""
    anna, bo = pair
    bo.protocol = 4
    person = anna.new_citizen(name="Jens Hansen", nickname="Store Jens")
    note = anna.write_note(person.id, "Mødt ved Banegården.")
    anna.sync()
    bo.sync()
    bo.edit_citizen(person.id, phone="20304050")
    bo.sync()
    anna.sync()
    assert anna.store.citizens.get(person.id).phone == "20304050"
    assert bo.store.notes.get(note.id).text == "Mødt ved Banegården."
    assert anna.snapshot() == bo.snapshot()
    assert anna.replica.partition_sums() == bo.replica.partition_sums()


def _commits_recorded(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], threading.Event]:
    """The cursor at each commit of a pull transaction, and an event set by every commit."""
    commits: list[int] = []
    committed = threading.Event()
    original = LocalReplica.pulling

    @contextmanager
    def pulling(self: LocalReplica) -> Iterator[None]:
        with original(self):
            yield
        commits.append(self.cursor())
        committed.set()

    monkeypatch.setattr(LocalReplica, "pulling", pulling)
    return commits, committed


def test_pages_that_are_already_here_share_one_commit(
    pair: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long pull commits once for several pages while each arrives before the one before
    it is applied (here every fetch is waited for), at most ``PULL_GROUP`` changes each."""
    import sync.engine

    anna, bo = pair
    people = [anna.new_citizen(name=f"Person {i}") for i in range(9)]
    anna.sync()
    monkeypatch.setattr(sync.engine, "PULL_PAGE", 2)
    monkeypatch.setattr(sync.engine, "PULL_GROUP", 4)
    monkeypatch.setattr(sync.engine, "_arrived", lambda fetch: fetch.exception() is None)
    commits, _ = _commits_recorded(monkeypatch)
    seqs: list[int] = []
    original_apply = LocalReplica.apply_changes

    def apply_changes(self: LocalReplica, changes: Any, next_cursor: int, *a: Any, **k: Any) -> Any:
        seqs.append(next_cursor)
        return original_apply(self, changes, next_cursor, *a, **k)

    monkeypatch.setattr(LocalReplica, "apply_changes", apply_changes)
    report = bo.sync()
    assert report.pulled == 9 and len(seqs) == 5
    assert commits == [seqs[1], seqs[3], seqs[4]]  # two pages to a commit, then the last
    assert sorted(bo.store.citizens.all_ids()) == sorted(p.id for p in people)
    assert anna.snapshot() == bo.snapshot()


def test_a_pull_commits_what_it_applied_before_it_waits_for_the_network(
    pair: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page after the next one is slow to come: the pages applied so far are committed
    (cursor and all) while the laptop waits for it, so a connection lost then costs
    nothing of them."""
    import sync.engine

    anna, bo = pair
    people = [anna.new_citizen(name=f"Person {i}") for i in range(7)]
    anna.sync()
    monkeypatch.setattr(sync.engine, "PULL_PAGE", 2)
    commits, committed = _commits_recorded(monkeypatch)
    original_fetch = SyncClient.pull_page
    fetches: list[bool] = []

    def pull_page(self: SyncClient, after: int, *args: Any, **kwargs: Any) -> Any:
        fetches.append(True)
        if len(fetches) == 2:  # the late page: the commit must not wait for it
            fetches[-1] = committed.wait(30)
        return original_fetch(self, after, *args, **kwargs)

    monkeypatch.setattr(SyncClient, "pull_page", pull_page)
    report = bo.sync()
    assert fetches[1] is True  # the commit came while the late page was on its way
    assert report.pulled == 7 and commits[-1] == bo.replica.cursor()
    assert sorted(bo.store.citizens.all_ids()) == sorted(p.id for p in people)


def test_a_sync_cancelled_during_a_long_pull_keeps_the_pages_it_applied(
    pair: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelled after the first page, while the next pages are already here (and would
    share its transaction): the first page is committed, the sync stops, and the next sync
    brings the rest."""
    import sync.engine

    anna, bo = pair
    people = [anna.new_citizen(name=f"Person {i}") for i in range(7)]
    anna.sync()
    monkeypatch.setattr(sync.engine, "PULL_PAGE", 2)
    monkeypatch.setattr(sync.engine, "_arrived", lambda fetch: fetch.exception() is None)
    pulled: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "pull":
            pulled.append(done)

    with pytest.raises(SyncCancelled):
        sync_service.sync_now(bo.store, progress, cancelled=lambda: bool(pulled))
    assert bo.replica.cursor() == pulled[0]
    assert bo.store.citizens.count() == 2
    report = bo.sync()
    assert report.pulled == 5
    assert sorted(bo.store.citizens.all_ids()) == sorted(p.id for p in people)


def test_a_large_pull_transaction_has_its_log_copied_while_the_pull_goes_on(
    pair: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    import outreach_desk.store.replica as replica_module

    anna, bo = pair
    for i in range(3):
        anna.new_citizen(name=f"Person {i}")
    anna.sync()
    asked: list[bool] = []
    monkeypatch.setattr(bo.store, "checkpoint_soon", lambda: asked.append(True))
    bo.sync()
    assert len(asked) == 1  # after the sync only: a small pull
    monkeypatch.setattr(replica_module, "LARGE_PULL_ROWS", 3)
    anna.new_citizen(name="Person 3")
    anna.sync()
    bo.sync()
    assert len(asked) == 3  # after the pull transaction, and after the sync


def test_a_crash_while_a_page_is_applied_keeps_the_pages_before_it(
    pair: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next page is fetched while one is applied: a page that fails to apply leaves the
    cursor after the page before it (the fetched page is not applied), and the next sync
    goes on from there, every record once."""
    import sync.engine

    anna, bo = pair
    people = [anna.new_citizen(name=f"Person {i}") for i in range(7)]
    anna.sync()
    monkeypatch.setattr(sync.engine, "PULL_PAGE", 2)
    replica_type = type(bo.replica)
    original = replica_type.apply_changes
    pages: list[int] = []

    def second_page_fails(self, changes, next_cursor, epoch, **options):  # type: ignore[no-untyped-def]
        pages.append(next_cursor)
        if len(pages) == 2:
            raise OSError("disk full")
        return original(self, changes, next_cursor, epoch, **options)

    monkeypatch.setattr(replica_type, "apply_changes", second_page_fails)
    with pytest.raises(OSError):
        bo.sync()
    assert bo.replica.cursor() == pages[0]
    assert bo.store.citizens.count() == 2
    monkeypatch.setattr(replica_type, "apply_changes", original)
    report = bo.sync()
    assert report.pulled == 5
    assert sorted(bo.store.citizens.all_ids()) == sorted(p.id for p in people)
    assert anna.snapshot() == bo.snapshot()

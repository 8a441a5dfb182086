"""Faults on the laptop itself: killed in the middle of a schema migration, a disk that fills
up during a pull, a wall clock that is hours or days off. Nothing is lost in any of them."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from outreach_desk.domain.enums import HousingSituation
from outreach_desk.services import sync_service
from outreach_desk.services.oversight import load_oversight
from outreach_desk.store import DiskFull, KdfParams, Store, keys, migrations, store
from outreach_desk.store.connection import open_encrypted
from outreach_desk.store.replica import LocalReplica
from outreach_desk.store.session import utc_now
from sync import engine
from sync.engine import SyncEngine, SyncReport
from sync.server import accounts, schema
from tests.store.test_failures import _tiny_disk
from tests.store.test_migrations import _schema, _seed
from tests.sync.conftest import World
from tests.sync.laptops import PASSPHRASE, Laptop, laptop

ROOT = Path(__file__).resolve().parents[2]
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

# --- 1. SIGKILL in the middle of a migration -----------------------------------------------------

OLD_VERSION = 4

KILL_DURING_MIGRATION = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from outreach_desk.store import store

target_step, target_statement = {step!r}, {statement!r}
seen = {{"step": 0, "statement": 0}}

def trace(sql):
    if sql.startswith("BEGIN IMMEDIATE"):
        seen["step"] += 1
        seen["statement"] = 0
        return
    seen["statement"] += 1
    at_commit = target_statement == "COMMIT" and sql.startswith("COMMIT")
    if seen["step"] == target_step and (at_commit or seen["statement"] == target_statement):
        os.kill(os.getpid(), signal.SIGKILL)  # the power cut: no cleanup at all

original = store.open_encrypted
def traced(path, dek):
    conn = original(path, dek)
    conn.set_trace_callback(trace)
    return conn

store.open_encrypted = traced
store.Store.open(Path({profile!r}), {passphrase!r})
sys.exit(3)  # the migration finished: the kill point was never reached
"""


def _old_store(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A profile as an app at schema version ``OLD_VERSION`` left it, with data in it."""
    with monkeypatch.context() as patch:
        patch.setattr(
            migrations, "migrate", functools.partial(migrations.migrate, target=OLD_VERSION)
        )
        made = Store.create(
            folder,
            PASSPHRASE,
            user_id="u1",
            user_name="Anna",
            team_ids=("t1",),
            kdf=KdfParams.fast_for_tests(),
        )
    conn = made.context.conn
    assert migrations.version(conn) == OLD_VERSION
    _seed(conn, OLD_VERSION)
    made.close()


def _version(folder: Path) -> int:
    paths = store.ProfilePaths(folder)
    dek = keys.unwrap(keys.read_header(paths.header), PASSPHRASE)
    conn = open_encrypted(paths.database, dek)
    try:
        return migrations.version(conn)
    finally:
        conn.close()
        keys.zero(dek)


def test_laptop_killed_in_the_middle_of_a_migration_opens_and_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app is SIGKILLed three times while upgrading an old profile (in the middle of the
    first step, at the commit of the second, in the middle of the last); each time the profile
    is left at the last whole step, and the next start finishes the upgrade with every row."""
    folder = tmp_path / "profile"
    _old_store(folder, monkeypatch)
    # (step of this run, statement in it or its COMMIT, the version left behind)
    kills = [(1, 2, OLD_VERSION), (2, "COMMIT", OLD_VERSION + 1), (2, 5, OLD_VERSION + 2)]
    for step, statement, left_at in kills:
        script = KILL_DURING_MIGRATION.format(
            root=str(ROOT), profile=str(folder), passphrase=PASSPHRASE, step=step,
            statement=statement,
        )  # fmt: skip
        result = subprocess.run([sys.executable, "-c", script], check=False, timeout=120)
        assert result.returncode == -signal.SIGKILL
        assert _version(folder) == left_at
    with Store.open(folder, PASSPHRASE) as reopened:
        assert reopened.schema_version() == migrations.LATEST
        assert reopened.integrity_errors() == []
        conn = reopened.context.conn
        fresh = open_encrypted(tmp_path / "fresh.db", keys.new_dek())
        migrations.migrate(fresh)
        assert _schema(conn) == _schema(fresh)
        fresh.close()
        assert [h.title for h in reopened.search_citizens("Parasollen")] != []
        assert [h.id for h in reopened.search_notes("herberget")] == ["n1"]
        assert conn.execute("SELECT note_id FROM note_citizens").fetchall() == [("n1",)]
        assert reopened.access_log.verify().ok


# --- 2. the disk fills up during a pull ----------------------------------------------------------


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` to the brim, then give back ``leave`` bytes."""
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    with contextlib.suppress(OSError), filler.open("ab") as handle:
        while True:
            handle.write(b"\0" * 512)
            handle.flush()
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def _seqs(world: World, team: str) -> dict[str, int]:
    """Record id -> the seq of its last change in ``team``'s feed."""
    c = schema.change_log
    with world.server.db.read() as conn:
        rows = conn.execute(
            select(c.c.record_id, c.c.seq).where(c.c.partition == team).order_by(c.c.seq)
        ).all()
    return {row.record_id: int(row.seq) for row in rows}


@SQLITE_ONLY
def test_disk_full_during_a_pull_is_reported_and_the_next_sync_completes(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bo's disk fills up half-way through pulling a large caseload. The sync fails with the
    store's DiskFull; the cursor covers exactly the pages that were committed (two pages to a
    transaction here, so some are before the disk fills); his own unsynced note is still
    there and still queued. With space freed, the next sync completes."""
    anna = laptop(world, tmp_path, "anna")
    with anna.store.transaction():
        people = [
            anna.new_citizen(name=f"Borger {i:03d}", description=f"{i:03d} " + "x" * 3000)
            for i in range(300)
        ]
    anna.sync()
    monkeypatch.setattr(engine, "PULL_PAGE", 40)
    monkeypatch.setattr(engine, "PULL_GROUP", 80)
    with _tiny_disk("4m") as disk:
        bo_store = Store.create(
            disk / "bo",
            PASSPHRASE,
            user_id="local",
            user_name="bo",
            team_ids=("local",),
            kdf=KdfParams.fast_for_tests(),
        )
        try:
            code, _ = accounts.issue_enrol_code(world.server.db, "bo", 900)
            sync_service.enrol(bo_store, world.server.url, code, "bo-laptop")
            bo = Laptop(bo_store, "bo")
            mine = bo.new_citizen(name="Skrevet før disken blev fuld")
            bo.write_note(mine.id, "Notat der ikke må gå tabt")
            filler = _fill(disk, leave=600_000)
            with pytest.raises(DiskFull):
                bo.sync()
            cursor = LocalReplica(bo.store).cursor()
            seqs = _seqs(world, world.team_a)
            below = {rid for rid, seq in seqs.items() if seq <= cursor}
            arrived = {
                r[0] for r in bo.store.context.conn.execute("SELECT id FROM citizens").fetchall()
            }
            assert 0 < cursor < max(seqs.values())  # some pages were written, not all
            assert arrived - {mine.id} == below - {mine.id}  # exactly what the cursor covers
            assert bo.store.outbox.count() == 0  # pushed before the pull; answers recorded
            filler.unlink()
            report = bo.sync()
            assert report.still_mismatched == []
            assert bo.store.notes.timeline(mine.id)[0].text == "Notat der ikke må gå tabt"
            assert {p.id for p in people} | {mine.id} == {
                r["id"] for r in bo.snapshot()["citizens"]
            }
            anna.sync()
            assert anna.snapshot() == bo.snapshot()
        finally:
            bo_store.close()
            anna.store.close()


# --- 3. a wall clock hours or days off -----------------------------------------------------------


def _skewed(skew: timedelta) -> Callable[[], datetime]:
    return lambda: utc_now() + skew


def _sync_with_clock(device: Laptop, skew: timedelta) -> SyncReport:
    """A sync from a laptop whose wall clock is ``skew`` off: its first signed request is
    refused as stale, the client learns the server's time once and carries on."""
    enrolment = device.replica.enrolment()
    assert enrolment is not None
    with sync_service.client_for(enrolment) as client:
        client.clock_offset = skew.total_seconds()  # what its own clock says, off by skew
        sync = SyncEngine(
            client,
            device.replica,
            enrolment.device_id,
            "test",
            clock=lambda: time.time() + skew.total_seconds(),
        )
        report = sync.run()
        assert abs(client.clock_offset) < 60
        return report


@pytest.fixture(params=[timedelta(days=3), timedelta(hours=-7)], ids=["days-ahead", "hours-behind"])
def skewed_pair(
    request: pytest.FixtureRequest, world: World, tmp_path: Path
) -> Iterator[tuple[Laptop, Laptop, timedelta]]:
    skew: timedelta = request.param
    anna = laptop(world, tmp_path, "anna")
    bo = laptop(world, tmp_path, "bo", clock=_skewed(skew))
    yield anna, bo, skew
    anna.store.close()
    bo.store.close()


@SQLITE_ONLY
def test_a_laptop_with_a_skewed_clock_syncs_and_wins_nothing_by_it(
    skewed_pair: tuple[Laptop, Laptop, timedelta],
) -> None:
    """Bo's clock is days ahead or hours behind. His signed requests still work; which edit
    wins a conflict depends on what reached the server first, never on whose clock is later,
    and the other edit is kept for a person; edits of different fields both stay; a note's
    late flag means the same on every laptop."""
    anna, bo, skew = skewed_pair
    person = anna.new_citizen(name="Jens Hansen", phone="11111111", nickname="Jens")
    anna.sync()
    _sync_with_clock(bo, skew)

    # the same field, both orders: the first to arrive is the provisional winner
    anna.edit_citizen(person.id, phone="22222222")
    bo.edit_citizen(person.id, phone="33333333")
    anna.sync()
    assert _sync_with_clock(bo, skew).conflicts == 1
    bo.edit_citizen(person.id, nickname="Bo's navn")
    anna.edit_citizen(person.id, nickname="Annas navn")
    _sync_with_clock(bo, skew)
    assert anna.sync().conflicts == 1
    _sync_with_clock(bo, skew)
    for device in (anna, bo):
        shown = device.store.citizens.get(person.id)
        assert (shown.phone, shown.nickname) == ("22222222", "Bo's navn")
    kept = {c["incoming"]["value"] for c in anna.replica.open_conflicts()}
    assert kept == {"33333333", "Annas navn"}  # the edits that lost are kept for a person

    # different fields: both kept, whatever the clocks say
    anna.edit_citizen(person.id, description="Fra Anna")
    bo.edit_citizen(person.id, housing=HousingSituation.SHELTER)
    _sync_with_clock(bo, skew)
    anna.sync()
    _sync_with_clock(bo, skew)
    assert anna.store.citizens.get(person.id).description == "Fra Anna"
    assert anna.store.citizens.get(person.id).housing is HousingSituation.SHELTER
    assert anna.snapshot() == bo.snapshot()

    # late notes: written time and contact time come from the same clock, so the flag holds
    now = bo.store.session.clock()
    on_time = bo.write_note(person.id, "Skrevet samme dag")
    late = bo.write_note(person.id, "Skrevet to dage efter")
    for note, ago in ((on_time, timedelta(hours=2)), (late, timedelta(hours=50))):
        edited = bo.store.notes.update(note.edited(event_time=now - ago))
        bo.store.notes.finalise(edited.id, bo.store.followups)
    _sync_with_clock(bo, skew)
    anna.sync()
    for device in (anna, bo):
        flags = {n: device.store.notes.get(n).is_late() for n in (on_time.id, late.id)}
        assert flags == {on_time.id: False, late.id: True}
    listed = {r.values["note_id"] for r in load_oversight(anna.store).late_notes}
    assert listed == {late.id}

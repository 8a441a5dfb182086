"""Faults: a server restored from backup, a client killed mid-sync, a server killed
mid-batch. Afterwards every device equals the server and nothing is lost or doubled."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach_desk.store import Store
from outreach_desk.store.replica import LocalReplica
from sync.server import Settings, accounts
from sync.server.db import Database
from sync.server.identity import initialise
from tests.sync.conftest import World, running_server
from tests.sync.laptops import PASSPHRASE, Laptop, laptop

ROOT = Path(__file__).resolve().parents[2]


def _point_at(device: Laptop, url: str) -> None:
    """The same server under a new address (a restored host, a restarted process)."""
    replica = device.replica
    enrolment = replica.enrolment()
    assert enrolment is not None
    from dataclasses import replace

    replica.save_enrolment(replace(enrolment, server_url=url))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_server_restored_from_an_older_backup_loses_nothing(world: World, tmp_path: Path) -> None:
    anna, bo = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "bo")
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    backup = tmp_path / "backup.db"
    source = sqlite3.connect(world.server.db.engine.url.database or "")
    with sqlite3.connect(backup) as target:
        source.backup(target)
    source.close()
    # work that reaches the server after the backup was taken
    note = anna.write_note(person.id, "Skrevet efter backup")
    anna.store.notes.finalise(note.id, anna.store.followups)
    anna.edit_citizen(person.id, phone="22222222")
    anna.sync()
    bo.sync()
    assert bo.store.notes.get(note.id).is_final

    restored = Database(f"sqlite:///{backup}")
    with running_server(restored, Settings(database_url=restored.url)) as url:
        for device in (anna, bo):
            _point_at(device, url)
        report = anna.sync()
        assert report.requeued_after_restore >= 2
        bo.sync()
        anna.sync()
        assert anna.snapshot() == bo.snapshot()
        assert bo.store.citizens.get(person.id).phone == "22222222"
        # a laptop enrolled after the restore gets everything from the server itself
        accounts.add_user(restored, "nina", "Nina", "caseworker")
        accounts.add_member(restored, "Team A", "nina")
        code, _ = accounts.issue_enrol_code(restored, "nina", 900)
        from outreach_desk.services import sync_service

        nina_store = Store.create(
            tmp_path / "nina",
            PASSPHRASE,
            user_id="local",
            user_name="nina",
            team_ids=("local",),
            kdf=_fast(),
        )
        sync_service.enrol(nina_store, url, code, "nina-laptop")
        nina = Laptop(nina_store, "nina")
        nina.sync()
        assert nina.store.notes.get(note.id).text == "Skrevet efter backup"
        assert nina.store.citizens.get(person.id).phone == "22222222"
        for device in (anna, bo, nina):
            device.store.close()
    restored.dispose()


def _fast():  # type: ignore[no-untyped-def]
    from outreach_desk.store import KdfParams

    return KdfParams.fast_for_tests()


CRASH_AFTER_PUSH = """
import os, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from outreach_desk.store import Store
from outreach_desk.store.replica import LocalReplica
from outreach_desk.services import sync_service

def die(self, results):
    os._exit(9)  # the server has committed; we never write its answer down

LocalReplica.record_results = die
store = Store.open(Path({profile!r}), {passphrase!r})
sync_service.sync_now(store)
"""

CRASH_MID_PAGE = """
import os, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from outreach_desk.store import Store
from outreach_desk.store.replica import LocalReplica
from outreach_desk.services import sync_service

original = LocalReplica._apply_one
seen = []
def apply_then_die(self, change, report):
    original(self, change, report)
    seen.append(change)
    if len(seen) == 3:
        os._exit(9)  # half a page applied, cursor not yet saved

LocalReplica._apply_one = apply_then_die
store = Store.open(Path({profile!r}), {passphrase!r})
sync_service.sync_now(store)
"""


def _run_and_die(script: str, profile: Path) -> None:
    code = script.format(root=str(ROOT), profile=str(profile), passphrase=PASSPHRASE)
    result = subprocess.run([sys.executable, "-c", code], check=False, timeout=120)
    assert result.returncode == 9


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_client_killed_after_the_server_committed(world: World, tmp_path: Path) -> None:
    anna, bo = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "bo")
    person = anna.new_citizen(name="Jens Hansen")
    anna.write_note(person.id, "Notat skrevet før nedbruddet")
    folder = anna.store.paths.folder
    anna.store.close()
    _run_and_die(CRASH_AFTER_PUSH, folder)
    reopened = Laptop(Store.open(folder, PASSPHRASE), "anna")
    assert reopened.store.outbox.count() == 2  # not acknowledged: still queued, not lost
    report = reopened.sync()
    assert report.applied == 2 and reopened.store.outbox.count() == 0
    bo.sync()
    assert bo.store.citizens.count() == 1
    assert len(bo.store.notes.timeline(person.id)) == 1  # applied once, not twice
    assert reopened.snapshot() == bo.snapshot()
    reopened.store.close()
    bo.store.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_client_killed_between_applying_a_page_and_saving_the_cursor(
    world: World, tmp_path: Path
) -> None:
    anna, bo = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "bo")
    for i in range(5):
        person = anna.new_citizen(name=f"Borger {i}")
        anna.write_note(person.id, f"Notat {i}")
    anna.sync()
    folder = bo.store.paths.folder
    bo.store.close()
    _run_and_die(CRASH_MID_PAGE, folder)
    reopened = Laptop(Store.open(folder, PASSPHRASE), "bo")
    assert LocalReplica(reopened.store).cursor() == 0  # the half page rolled back whole
    assert reopened.store.citizens.count() == 0
    reopened.sync()
    assert reopened.snapshot() == anna.snapshot()
    reopened.store.close()
    anna.store.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server_process(tmp_path: Path) -> Iterator[dict[str, object]]:
    """The real `outreach-sync serve` in its own process, so it can be SIGKILLed."""
    db_url = f"sqlite:///{tmp_path / 'server.db'}"
    db = Database(db_url)
    initialise(db)
    team = accounts.add_team(db, "Team A").id
    accounts.add_user(db, "anna", "Anna", "caseworker")
    accounts.add_member(db, "Team A", "anna")
    state: dict[str, object] = {"db": db, "db_url": db_url, "team": team, "proc": None}

    def start() -> str:
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server", "--db", db_url, "serve", "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        state["proc"] = proc
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    state["start"] = start
    yield state
    proc = state["proc"]
    if isinstance(proc, subprocess.Popen) and proc.poll() is None:
        proc.kill()
        proc.wait(10)
    db.dispose()


def test_server_killed_mid_batch_applies_each_op_exactly_once(
    server_process: dict[str, object], tmp_path: Path
) -> None:
    from outreach_desk.services import sync_service

    start = server_process["start"]
    url = start()  # type: ignore[operator]
    db = server_process["db"]
    store = Store.create(
        tmp_path / "anna",
        PASSPHRASE,
        user_id="local",
        user_name="anna",
        team_ids=("local",),
        kdf=_fast(),
    )
    code, _ = accounts.issue_enrol_code(db, "anna", 900)  # type: ignore[arg-type]
    sync_service.enrol(store, url, code, "anna-laptop")
    anna = Laptop(store, "anna")
    with store.transaction():
        for i in range(400):
            anna.new_citizen(name=f"Borger {i}", nickname=f"B{i}")
    errors: list[BaseException] = []

    def push() -> None:
        try:
            anna.sync()
        except BaseException as exc:
            errors.append(exc)

    proc = server_process["proc"]
    worker = threading.Thread(target=push)
    worker.start()
    time.sleep(0.3)  # the batch is on its way or being applied
    os.kill(proc.pid, signal.SIGKILL)  # type: ignore[union-attr]
    proc.wait(10)  # type: ignore[union-attr]
    worker.join(60)
    url = start()  # type: ignore[operator]
    _point_at(anna, url)
    anna.sync()
    assert store.outbox.count() == 0
    with db.engine.connect() as conn:  # type: ignore[union-attr]
        from sqlalchemy import func, select

        from sync.server import schema

        records = conn.execute(
            select(func.count())
            .select_from(schema.records)
            .where(schema.records.c.entity == "citizen")
        ).scalar_one()
        applied = conn.execute(select(func.count()).select_from(schema.applied_ops)).scalar_one()
    assert records == 400 and applied == 400
    store.close()

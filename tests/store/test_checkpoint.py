"""The store's write-ahead log is copied into the database file by a thread of the store's own
(after a sync), not inside whichever commit fills the log; nothing committed depends on it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from outreach_desk.domain import Citizen
from outreach_desk.store import Session, Store, connection
from tests.conftest import PASSPHRASE, FakeClock, new_store
from tests.store.factories import citizen
from tests.store.file_alone import checkpoint_threads, citizens_in_file_alone


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def closed_profile(folder: Path, clock: FakeClock) -> Path:
    """A new profile, locked once: its schema and own rows are in the database file."""
    new_store(folder, clock).close()
    return folder


def test_a_requested_checkpoint_puts_committed_records_into_the_database_file(
    tmp_path: Path, clock: FakeClock
) -> None:
    profile = closed_profile(tmp_path / "p", clock)
    copy = tmp_path / "copy"
    with Store.open(profile, PASSPHRASE, clock=clock) as store:
        person = citizen(store, name="Kaj Holm")
        assert citizens_in_file_alone(profile, PASSPHRASE, copy) == set()  # in the log only
        store.checkpoint_soon()
        wait_for(
            lambda: person.id in citizens_in_file_alone(profile, PASSPHRASE, copy),
            "the log was never copied into the database file",
        )


def test_locking_ends_the_checkpoint_thread_and_later_requests_start_none(
    store: Store, profile: Path
) -> None:
    person = citizen(store, name="Lise Holm")
    store.checkpoint_soon()
    assert checkpoint_threads(store.paths.database)  # (it lingers a few seconds when idle)
    store.close()
    assert not checkpoint_threads(store.paths.database)
    store.checkpoint_soon()
    assert not checkpoint_threads(store.paths.database)
    with Store.open(profile, PASSPHRASE) as reopened:
        assert reopened.citizens.get(person.id).name == "Lise Holm"


def test_a_crash_while_checkpoints_run_loses_nothing_committed(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The process is killed right after asking for a checkpoint, after a run of commits each
    followed by one: every commit it reported is there on reopen, and the file is intact."""
    profile = closed_profile(tmp_path / "p", clock)
    script = f"""
import os, sys
from pathlib import Path
sys.path.insert(0, {str(Path.cwd())!r})
from outreach_desk.store import Store
from outreach_desk.domain import Citizen
s = Store.open(Path({str(profile)!r}), {PASSPHRASE!r})
for i in range(60):
    with s.transaction():
        for j in range(20):
            s.citizens.add(Citizen.new("t", name=f"Borger {{i}} {{j}}", description="x" * 400))
    s.checkpoint_soon()
    print(i + 1, flush=True)
os._exit(9)  # like SIGKILL, with a checkpoint just asked for: no cleanup
"""
    result = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True
    )
    assert result.returncode == 9, result.stderr[-2000:]
    committed = int(result.stdout.split()[-1])
    assert committed == 60
    with Store.open(profile, PASSPHRASE) as reopened:
        assert reopened.integrity_errors() == []
        count = reopened.context.query("SELECT count(*) AS n FROM citizens")[0]["n"]
        assert count == committed * 20
        assert reopened.outbox.count() == committed * 20
        assert reopened.access_log.verify().ok


def test_the_plaintext_benchmark_store_checkpoints_on_its_own_connection(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "plain" / "store.db"
    path.parent.mkdir()
    session = Session("u", "U", "device", ("t",), clock=clock)
    store = Store.open_plaintext_for_benchmark(path, session)
    try:
        person = store.citizens.add(Citizen.new("t", name="Ole Holm"))
        store.checkpoint_soon()

        def in_file_alone() -> bool:
            copy = tmp_path / "copy.db"
            shutil.copyfile(path, copy)
            conn = sqlite3.connect(copy)
            try:
                row = conn.execute("SELECT 1 FROM citizens WHERE id = ?", (person.id,))
                return row.fetchone() is not None
            except sqlite3.DatabaseError:  # no table in the file yet, or copied mid-write
                return False
            finally:
                conn.close()

        wait_for(in_file_alone, "the plain database's log was never copied into its file")
    finally:
        store.close()
    assert not checkpoint_threads(path)


def test_the_log_file_is_cut_back_once_copied(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large write leaves a large log; once it is copied, the next write starts the log
    over and the file shrinks to ``WAL_KEPT_BYTES`` (it used to keep its largest size)."""
    monkeypatch.setattr(connection, "WAL_KEPT_BYTES", 256 * 1024)
    profile = closed_profile(tmp_path / "p", clock)
    log = Path(f"{profile / 'store.db'}-wal")
    with Store.open(profile, PASSPHRASE, clock=clock) as store:
        assert store.paths.database == profile / "store.db"
        with store.transaction():
            for i in range(200):
                citizen(store, name=f"Borger {i}", cpr=None, description="x" * 4000)
        assert log.stat().st_size > 2 * 1024 * 1024
        store.checkpoint_soon()
        wait_for(lambda: store._checkpointer.done > 0, "no checkpoint ran")
        citizen(store, name="Efter", cpr=None)  # the next write starts the log over
        assert log.stat().st_size <= 256 * 1024
        assert len(store.citizens.all_ids()) == 201

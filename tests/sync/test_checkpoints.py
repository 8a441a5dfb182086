"""SQLite's write-ahead log is copied into the database file by a thread of its own: the
server's after writes, a laptop store's after a sync."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

from sync.server import accounts
from sync.server.db import Database
from sync.server.identity import initialise
from tests.store.file_alone import citizens_in_file_alone
from tests.sync.conftest import World
from tests.sync.laptops import PASSPHRASE, laptop


def _checkpointers(db_file: Path) -> list[threading.Thread]:
    """The checkpoint threads running for ``db_file`` (other tests' databases aside)."""
    return [t for t in threading.enumerate() if t.name == f"sqlite-checkpoint {db_file}"]


def _teams_in_file_alone(db_file: Path, copy: Path) -> set[str]:
    """The team names the database file holds without its log (a copy of the file only)."""
    shutil.copyfile(db_file, copy)
    conn = sqlite3.connect(copy)
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        if "teams" not in tables:  # not even the schema is in the file yet
            return set()
        return {name for (name,) in conn.execute("SELECT name FROM teams")}
    finally:
        conn.close()


def test_committed_writes_reach_the_database_file_without_a_writer_checkpointing(
    tmp_path: Path,
) -> None:
    db_file = tmp_path / "server.db"
    db = Database(f"sqlite:///{db_file}")
    try:
        initialise(db)
        accounts.add_team(db, "Team Nord")
        deadline = time.monotonic() + 30
        while "Team Nord" not in _teams_in_file_alone(db_file, tmp_path / "copy.db"):
            assert time.monotonic() < deadline, "the log was never checkpointed"
            time.sleep(0.05)
    finally:
        db.dispose()
    assert not _checkpointers(db_file)


def test_a_write_after_dispose_starts_no_thread(tmp_path: Path) -> None:
    db_file = tmp_path / "server.db"
    db = Database(f"sqlite:///{db_file}")
    initialise(db)
    db.dispose()
    accounts.add_team(db, "Team Syd")  # the engine reconnects; nothing runs behind it
    assert not _checkpointers(db_file)
    db.dispose()


def test_a_sync_leaves_what_both_laptops_hold_in_their_database_files(
    world: World, tmp_path: Path
) -> None:
    """After a sync, no later commit (of the next sync, or of an edit) copies the log: the
    store's thread has, for the laptop that sent a change and for the one that received it."""
    anna = laptop(world, tmp_path, "anna")
    bo = laptop(world, tmp_path, "bo")
    person = anna.new_citizen(name="Kaj Holm")
    anna.sync()
    bo.sync()
    assert bo.store.citizens.get(person.id).name == "Kaj Holm"
    for device in (anna, bo):
        profile = device.store.paths.folder
        deadline = time.monotonic() + 30
        while person.id not in citizens_in_file_alone(profile, PASSPHRASE, tmp_path / "copy"):
            assert time.monotonic() < deadline, f"{device.username}: the log was never copied"
            time.sleep(0.05)

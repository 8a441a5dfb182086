"""A stolen laptop after a real working day: nothing readable on disk without the passphrase.

Two caseworkers write notes and an addendum, search, and sync through a real server; then
every file in both profile folders (database, WAL, SHM, key file) and every temporary file
SQLite could have opened is searched for the personal data they handled.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from outreach_desk.domain import Addendum
from tests.sync.conftest import World
from tests.sync.laptops import Laptop, laptop

CPR = "010190-1234"
NAME = "Gudrun Østergaard-Bjerre"
NOTE_TEXT = "Ønsker afrusning på Kvindekrisecentret Vesterbro inden jul"
ADDENDUM_TEXT = "Tillæg: afrusningen er flyttet til Hvidovre Hospital"


def _secrets() -> list[bytes]:
    texts = [CPR, CPR.replace("-", ""), NAME, NOTE_TEXT, ADDENDUM_TEXT, "Kvindekrisecentret"]
    found: list[bytes] = []
    for text in texts:
        found += [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("latin-1", "ignore")]
    return found


def _working_day(anna: Laptop) -> None:
    person = anna.new_citizen(name=NAME, nickname="Gudde", cpr=CPR)
    written = anna.write_note(person.id, NOTE_TEXT)
    final = anna.store.notes.finalise(written.id, anna.store.followups)
    anna.store.addenda.add(
        Addendum.new(final.id, anna.store.session.user_id, ADDENDUM_TEXT, datetime.now(UTC))
    )
    for _ in range(30):
        anna.write_note(person.id, f"Opfølgning: {NOTE_TEXT}")
    assert anna.store.search_notes("Kvindekrisecentret")
    assert anna.store.search_citizens(CPR)
    assert anna.store.search_citizens(CPR.replace("-", ""))


def _assert_no_plaintext(folder: Path) -> None:
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert "store.db" in files
    for name, raw in files.items():
        for secret in _secrets():
            assert secret not in raw, f"plaintext {secret[:12]!r}… found in {name}"


def _open_temp_files() -> list[str]:
    """Files this process holds open outside the profile: SQLite's temp files show up here
    (unlinked at once, so only /proc sees them)."""
    paths = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            paths.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue
    return [p for p in paths if "etilqs_" in p or "sqlite" in p.lower()]


def _spill_a_large_sort(conn: object) -> list[str]:
    """Sort more than the page cache holds while a cursor is open; report temp files seen."""
    run = conn.execute  # type: ignore[attr-defined]
    run("PRAGMA cache_size = 50")
    run("CREATE TEMP TABLE IF NOT EXISTS spill(t TEXT)")
    run("BEGIN")
    run(
        "INSERT INTO spill SELECT n.text || c.i FROM notes AS n, (WITH RECURSIVE c(i) AS"
        " (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000) SELECT i FROM c) AS c"
    )
    cursor = run("SELECT t FROM spill ORDER BY substr(t, 3) || random()")
    cursor.fetchone()
    seen = _open_temp_files()
    cursor.close()
    run("ROLLBACK")
    return seen


def test_profile_and_temp_files_hold_no_plaintext_after_a_synced_day(
    world: World, tmp_path: Path
) -> None:
    anna, bo = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "bo")
    _working_day(anna)
    anna.sync()
    bo.sync()
    assert bo.store.search_citizens(CPR)  # the data really travelled
    assert bo.store.search_notes("Kvindekrisecentret")
    for device in (anna, bo):
        conn = device.store.context.conn
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert _spill_a_large_sort(conn) == [], "SQLite wrote a temp file"
    # while open (WAL holds the recent pages) and after locking
    for device in (anna, bo):
        _assert_no_plaintext(device.store.paths.folder)
    folders = [anna.store.paths.folder, bo.store.paths.folder]
    anna.store.close()
    bo.store.close()
    for folder in folders:
        _assert_no_plaintext(folder)
        assert {p.name for p in folder.iterdir()} <= {
            "store.db",
            "store.db-wal",
            "store.db-shm",
            "store.key",
            "unlock-state.json",
        }


def test_the_temp_file_probe_sees_a_file_backed_temp_store(tmp_path: Path) -> None:
    """The probe above can fail: with temp_store = FILE the same sort opens a temp file."""
    conn = sqlcipher3.connect(str(tmp_path / "probe.db"), isolation_level=None)
    try:
        conn.execute("PRAGMA key = \"x'" + "11" * 32 + "'\"")
        conn.execute("PRAGMA temp_store = FILE")
        conn.execute("CREATE TABLE notes(text TEXT)")
        conn.executemany("INSERT INTO notes VALUES (?)", [(NOTE_TEXT,)] * 30)
        assert _spill_a_large_sort(conn) != []
    finally:
        conn.close()

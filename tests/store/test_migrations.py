"""Migrations run from every earlier schema version, with data in the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from outreach_desk.store import StoreError, migrations
from outreach_desk.store.connection import open_encrypted
from outreach_desk.store.keys import new_dek
from outreach_desk.store.repositories import refresh_citizen_search, refresh_note_search

NOW = "2026-11-20T09:00:00.000000+00:00"


def _schema(conn: Any) -> set[tuple[str, str]]:
    return {
        (row[0], row[1])
        for row in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }


def _seed(conn: Any, version: int) -> None:
    """Rows as the app at ``version`` would have written them, derived tables included."""
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO places(id, name, kind, created_at, updated_at)"
        " VALUES ('p1', 'Café Parasollen', 'drop_in_centre', ?, ?)",
        (NOW, NOW),
    )
    conn.execute(
        "INSERT INTO citizens(id, team_id, name, nickname, usual_place_ids, created_at, updated_at)"
        " VALUES ('c1', 't1', 'Lise Mortensen', 'Lillemor', ?, ?, ?)",
        (json.dumps(["p1"]), NOW, NOW),
    )
    conn.execute(
        "INSERT INTO notes(id, team_id, caseworker, place_id, event_time, written_time,"
        " contact_form, citizen_ids, text, created_at, updated_at)"
        " VALUES ('n1', 't1', 'u1', 'p1', ?, ?, 'outreach', ?, 'Talte om herberget', ?, ?)",
        (NOW, NOW, json.dumps(["c1"]), NOW, NOW),
    )
    if version >= 2:
        refresh_citizen_search(conn, 1)
        refresh_note_search(conn, 1)
    if version >= 4:
        conn.execute("INSERT INTO note_citizens VALUES ('c1', 'n1', ?)", (NOW,))
    conn.execute("COMMIT")


@pytest.fixture
def conn(tmp_path: Path) -> Any:
    connection = open_encrypted(tmp_path / "m.db", new_dek())
    yield connection
    connection.close()


@pytest.mark.parametrize("start", range(0, migrations.LATEST + 1))
def test_migrates_from_every_version(conn: Any, tmp_path: Path, start: int) -> None:
    migrations.migrate(conn, target=start)
    assert migrations.version(conn) == start
    if start >= 1:
        _seed(conn, start)
    assert migrations.migrate(conn) == migrations.LATEST

    fresh = open_encrypted(tmp_path / "fresh.db", new_dek())
    migrations.migrate(fresh)
    assert _schema(conn) == _schema(fresh)
    fresh.close()

    if start >= 1:
        # data written by an older version is searchable and in the timeline, exactly once
        found = conn.execute(
            "SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH '\"parasollen\"'"
        ).fetchall()
        assert len(found) == 1
        notes = conn.execute("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'herberget'")
        assert len(notes.fetchall()) == 1
        timeline = conn.execute("SELECT note_id FROM note_citizens WHERE citizen_id = 'c1'")
        assert timeline.fetchall() == [("n1",)]


def test_failed_step_rolls_back_completely(conn: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    migrations.migrate(conn, target=1)
    _seed(conn, 1)

    def broken(c: Any) -> None:
        c.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut in the middle of a migration")

    monkeypatch.setattr(migrations, "STEPS", (migrations.STEPS[0], broken, *migrations.STEPS[2:]))
    with pytest.raises(RuntimeError):
        migrations.migrate(conn)
    assert migrations.version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 1


def test_newer_database_is_refused(conn: Any) -> None:
    migrations.migrate(conn)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    with pytest.raises(StoreError, match="newer version"):
        migrations.migrate(conn)


def test_field_versions_become_one_row_per_record(conn: Any) -> None:
    """Version 8 keeps every field version a version-7 laptop had, one row per record."""
    migrations.migrate(conn, target=7)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO field_versions(entity, record_id, field, version) VALUES (?, ?, ?, ?)",
        [("citizen", "c1", "name", 4), ("citizen", "c1", "phone", 9), ("note", "n1", "text", 5)],
    )
    conn.execute("COMMIT")
    migrations.migrate(conn)
    rows = conn.execute("SELECT entity, record_id, versions FROM record_versions ORDER BY 2")
    assert [(e, r, json.loads(v)) for e, r, v in rows] == [
        ("citizen", "c1", {"name": 4, "phone": 9}),
        ("note", "n1", {"text": 5}),
    ]

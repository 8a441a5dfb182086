"""Writing many ``sync_records`` lines at once, with each partition's sum moved once.

The triggers on ``sync_records`` keep each partition's count and sum of line hashes
(``sync.protocol.digest.SUM_DIGEST``) line by line: a call into Python and three statements
per line, most of the cost of noting a page of versions. For a page (or a push batch) this
writes the lines with those triggers set aside and moves the sums here, by the lines that
changed, so they end exactly as the triggers would leave them. The triggers are dropped and
made again from their own stored text inside the caller's transaction: a failure or a crash
rolls back the lines, the sums and the triggers together, and no other connection ever sees
the table without them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sync.protocol.digest import line_hash, sum_bytes

NOTE_VERSION = (
    "INSERT INTO sync_records(entity, record_id, partition, version, deleted)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT(entity, record_id) DO UPDATE SET"
    " partition = excluded.partition,"
    " version = max(version, excluded.version),"
    " deleted = CASE WHEN excluded.version >= version THEN excluded.deleted"
    " ELSE deleted END"
)
"""One line (entity, record_id, partition, version, deleted): versions only move forward."""

SUM_TRIGGERS = "sync_records_sum_*"
"""The names of the triggers that keep the sums (``migrations.V10_PARTITION_SUMS``)."""

SET_ASIDE_FROM = 64
"""Fewer lines are summed by the triggers: dropping and making them again, and preparing
the statements that follow anew, costs about as much as the triggers on 50-60 lines."""

_Line = tuple[str, int, int]
"""(partition, version, deleted) of a record, as ``sync_records`` holds it."""

_IN_CHUNK = 500  # ids per "IN (...)" list: well under SQLite's limit on parameters


def note_versions(conn: Any, rows: Sequence[tuple[str, str, str, int, int]]) -> None:
    """``NOTE_VERSION`` for each row, in order, and the sums moved once for all of them.
    Runs inside the caller's transaction."""
    if len(rows) < SET_ASIDE_FROM or not conn.in_transaction:
        # the triggers cost less than the detour (and outside a transaction the triggers
        # would be gone for a moment: never)
        conn.executemany(NOTE_VERSION, rows)
        return
    before = _stored_lines(conn, rows)
    after = dict(before)
    for entity, record_id, partition, version, deleted in rows:
        # what NOTE_VERSION makes of the line (its SET reads the line as it was)
        old = after.get((entity, record_id))
        if old is not None:
            deleted = deleted if version >= old[1] else old[2]
            version = max(old[1], version)
        after[(entity, record_id)] = (partition, version, deleted)
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        " AND tbl_name = 'sync_records' AND name GLOB ? ORDER BY name",
        (SUM_TRIGGERS,),
    ).fetchall()
    dropped: list[str] = []
    try:
        for name, sql in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
            dropped.append(sql)
        conn.executemany(NOTE_VERSION, rows)
    finally:
        for sql in dropped:
            conn.execute(sql)
    moved: dict[str, list[int]] = {}
    for key, line in after.items():
        old = before.get(key)
        if old != line:
            if old is not None:
                _move(moved, key, old, -1)
            _move(moved, key, line, 1)
    _add_to_sums(conn, moved)


def _move(moved: dict[str, list[int]], key: tuple[str, str], line: _Line, sign: int) -> None:
    partition, version, deleted = line
    change = moved.setdefault(partition, [0, 0])
    change[0] += sign
    change[1] += sign * line_hash(key[0], key[1], version, deleted)


def _add_to_sums(conn: Any, moved: dict[str, list[int]]) -> None:
    """Each partition's count and sum moved (a partition new here starts from nothing)."""
    for partition in sorted(moved):
        count, total = moved[partition]
        row = conn.execute(
            "SELECT count, total FROM sync_partition_sums WHERE partition = ?", (partition,)
        ).fetchone()
        if row is not None:
            count += int(row[0])
            total += int.from_bytes(row[1], "big")
        conn.execute(
            "INSERT INTO sync_partition_sums(partition, count, total) VALUES (?, ?, ?)"
            " ON CONFLICT(partition) DO UPDATE SET count = excluded.count,"
            " total = excluded.total",
            (partition, count, sum_bytes(total)),
        )


def _stored_lines(
    conn: Any, rows: Sequence[tuple[str, str, str, int, int]]
) -> dict[tuple[str, str], _Line]:
    by_entity: dict[str, set[str]] = defaultdict(set)
    for entity, record_id, *_rest in rows:
        by_entity[entity].add(record_id)
    found: dict[tuple[str, str], _Line] = {}
    for entity, ids in by_entity.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), _IN_CHUNK):
            chunk = ordered[start : start + _IN_CHUNK]
            for record_id, partition, version, deleted in conn.execute(
                "SELECT record_id, partition, version, deleted FROM sync_records"
                f" WHERE entity = ? AND record_id IN ({', '.join('?' * len(chunk))})",
                (entity, *chunk),
            ):
                found[(entity, record_id)] = (partition, version, deleted)
    return found

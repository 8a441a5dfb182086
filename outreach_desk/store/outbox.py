"""The outbox: every change to a synced record, written in the same transaction.

An entry carries the changed fields with the server version each was based on, so
the server can do a field-level three-way merge. Entries leave only after the server
acknowledges them; conflicts and rejections stay, visible, for a human.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

import orjson

from ..domain.ids import uuid7
from .codec import JSON, compact_json
from .session import Session


def read_json(text: str) -> Any:
    """An entry's JSON: orjson reads a push batch's 500 entries several times faster; what
    it refuses (``NaN``, integers beyond 64 bits) the standard library reads as before."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    counter: int
    op_id: str
    entity: str
    record_id: str
    partition: str
    kind: str
    fields: dict[str, dict[str, JSON]]
    hlc: str
    created_at: str
    state: str
    result: dict[str, JSON] | None
    stored_fields: str = dataclasses.field(default="", compare=False, repr=False)
    """``fields`` as the table holds the text (read with it): tells whether the entry is
    still as it was read without parsing the text again."""

    def as_op(self, device_id: str) -> dict[str, JSON]:
        """The wire form of DESIGN.md's op."""
        return {
            "op_id": self.op_id,
            "device_id": device_id,
            "counter": self.counter,
            "entity": self.entity,
            "record_id": self.record_id,
            "partition": self.partition,
            "kind": self.kind,
            "fields": self.fields,
            "hlc": self.hlc,
        }


class HybridClock:
    """Hybrid logical clock for display and tie-breaks only; never for ordering syncs."""

    def __init__(self, conn: Any, session: Session) -> None:
        self._conn = conn
        self._session = session

    def tick(self) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
        last_wall, last_count = (int(x) for x in row[0].split(":")) if row else (0, 0)
        wall = int(self._session.clock().timestamp() * 1000)
        wall, count = (wall, 0) if wall > last_wall else (last_wall, last_count + 1)
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES ('hlc', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (f"{wall}:{count}",),
        )
        return f"{wall:013d}-{count:05d}-{self._session.device_id}"


class Outbox:
    def __init__(self, conn: Any, session: Session) -> None:
        self._conn = conn
        self._session = session
        self._hlc = HybridClock(conn, session)

    def record(
        self,
        entity: str,
        record_id: str,
        partition: str,
        kind: str,
        values: dict[str, JSON],
    ) -> str:
        """Write one entry; the caller holds the transaction of the change itself."""
        bases = self.field_versions(entity, record_id)
        if kind == "delete":
            # a delete names every version it saw, so the server can tell whether it
            # would discard an edit this device never saw (then it is a conflict)
            fields = {name: {"base": version, "value": None} for name, version in bases.items()}
        else:
            fields = {
                name: {"base": bases.get(name), "value": value} for name, value in values.items()
            }
        op_id = uuid7()
        self._conn.execute(
            "INSERT INTO outbox(op_id, entity, record_id, partition, kind, fields, hlc, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                op_id,
                entity,
                record_id,
                partition,
                kind,
                json.dumps(fields, ensure_ascii=False, separators=(",", ":")),
                self._hlc.tick(),
                self._session.clock().isoformat(),
            ),
        )
        return op_id

    def _entries(
        self, where: str, params: tuple[Any, ...] = (), limit: int = -1
    ) -> list[OutboxEntry]:
        rows = self._conn.execute(
            "SELECT counter, op_id, entity, record_id, partition, kind, fields, hlc, created_at,"
            f" state, result FROM outbox {where} ORDER BY counter LIMIT ?",
            (*params, limit),
        ).fetchall()
        return [
            OutboxEntry(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                read_json(r[6]),
                r[7],
                r[8],
                r[9],
                read_json(r[10]) if r[10] else None,
                r[6],
            )
            for r in rows
        ]

    def pending(self, limit: int = 500) -> list[OutboxEntry]:
        return self._entries("WHERE state = 'pending'", limit=limit)

    def all(self) -> list[OutboxEntry]:
        return self._entries("")

    def by_op_ids(self, op_ids: list[str]) -> list[OutboxEntry]:
        """The entries with these op ids (those still here), in outbox order."""
        found: list[OutboxEntry] = []
        unique = sorted(set(op_ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            found += self._entries(f"WHERE op_id IN ({', '.join('?' * len(chunk))})", tuple(chunk))
        return sorted(found, key=lambda e: e.counter)

    def still_as_read(self, entries: list[OutboxEntry]) -> list[OutboxEntry]:
        """Those of ``entries`` (read earlier) that the outbox still holds exactly as read:
        found by their counter, the table's key, with the same op id, partition, state and
        stored ``fields`` text (so their parsed fields are still right)."""
        by_counter = {e.counter: e for e in entries}
        same: list[OutboxEntry] = []
        ordered = sorted(by_counter)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            for counter, op_id, partition, state, fields in self._conn.execute(
                "SELECT counter, op_id, partition, state, fields FROM outbox"
                f" WHERE counter IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                entry = by_counter[counter]
                if (op_id, partition, state, fields) == (
                    entry.op_id,
                    entry.partition,
                    entry.state,
                    entry.stored_fields,
                ):
                    same.append(entry)
        return same

    def for_record(self, entity: str, record_id: str) -> list[OutboxEntry]:
        return self._entries("WHERE entity = ? AND record_id = ?", (entity, record_id))

    def count(self, state: str = "pending") -> int:
        return int(
            self._conn.execute("SELECT count(*) FROM outbox WHERE state = ?", (state,)).fetchone()[
                0
            ]
        )

    def acknowledge(self, op_id: str) -> None:
        """The server applied it: the entry's job is done."""
        self._conn.execute("DELETE FROM outbox WHERE op_id = ?", (op_id,))

    def acknowledge_all(self, op_ids: list[str]) -> None:
        """``acknowledge`` for many entries at once."""
        if op_ids:
            self._conn.executemany("DELETE FROM outbox WHERE op_id = ?", [(i,) for i in op_ids])

    def acknowledge_entries(self, entries: list[OutboxEntry]) -> None:
        """``acknowledge`` for entries just read (found by their counter, the table's key)."""
        if entries:  # one statement, the counters as one JSON list (not one per entry)
            self._conn.execute(
                "DELETE FROM outbox WHERE counter IN (SELECT value FROM json_each(?))",
                (orjson.dumps([e.counter for e in entries]).decode(),),
            )

    def mark(self, op_id: str, state: str, result: dict[str, JSON]) -> None:
        """Conflict or rejection: kept for a human, never dropped."""
        self._conn.execute(
            "UPDATE outbox SET state = ?, result = ? WHERE op_id = ?",
            (state, json.dumps(result, ensure_ascii=False), op_id),
        )

    def remember_server_values(self, entity: str, record_id: str, values: dict[str, JSON]) -> None:
        """Before a local edit: keep the values it replaces, as the server holds them.

        A field the server knows (it has a version) and that has no remembered value yet
        holds the server's value until this edit. If the server refuses the edit, the
        replica falls back to the remembered value (``sync_shadow``), as every other laptop
        shows it; a value pulled later replaces it, being newer.
        """
        versions = self.field_versions(entity, record_id)
        self._conn.executemany(
            "INSERT INTO sync_shadow(entity, record_id, field, value, version)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(entity, record_id, field) DO NOTHING",
            [
                (entity, record_id, name, json.dumps(value, ensure_ascii=False), versions[name])
                for name, value in values.items()
                if name in versions
            ],
        )

    def field_versions(self, entity: str, record_id: str) -> dict[str, int]:
        """The server version each field of the record was last seen at, by field name."""
        row = self._conn.execute(
            "SELECT versions FROM record_versions WHERE entity = ? AND record_id = ?",
            (entity, record_id),
        ).fetchone()
        return dict(sorted(read_json(row[0]).items())) if row else {}

    def set_field_version(self, entity: str, record_id: str, field: str, version: int) -> None:
        self.set_field_versions([(entity, record_id, field, version)])

    def set_field_versions(self, rows: list[tuple[str, str, str, int]]) -> None:
        """``set_field_version`` for many (entity, record_id, field, version) at once: one
        statement per record, merged into what is stored (a later row for the same field
        wins, as writing the rows one by one would)."""
        by_record: dict[tuple[str, str], dict[str, int]] = {}
        for entity, record_id, field, version in rows:
            by_record.setdefault((entity, record_id), {})[field] = version
        write_field_versions(self._conn, by_record)


_WRITE_VERSIONS = (
    "INSERT INTO record_versions(entity, record_id, versions) VALUES (?, ?, ?)"
    " ON CONFLICT(entity, record_id) DO UPDATE SET"
    " versions = json_patch(record_versions.versions, excluded.versions)"
)


def write_field_versions(conn: Any, by_record: dict[tuple[str, str], dict[str, int]]) -> None:
    """Merge these field versions, by record, into the stored ones."""
    conn.executemany(
        _WRITE_VERSIONS,
        [
            (entity, record_id, versions_json(versions))
            for (entity, record_id), versions in by_record.items()
        ],
    )


def versions_json(versions: dict[str, int]) -> str:
    """``compact_json(versions)``, the same text ten times faster (a page writes a map per
    record): orjson writes names and integers alike; beyond 64 bits it refuses, and the
    standard library writes it as before."""
    try:
        return orjson.dumps(versions).decode()
    except orjson.JSONEncodeError:
        return compact_json(versions)

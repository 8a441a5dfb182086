"""Records and the change log: every write to a record appends exactly one change per
partition it affects, in the same transaction.

Callers must hold ``Database.change_write()`` so seqs are handed out in commit order.
A change's ``fields`` are stored as ``{name: {"value": v, "version": n | None}}`` where None
means "this change's own seq" (known only after the insert; a ``ChangeBuffer`` knows it
before, and writes it out).
"""

from __future__ import annotations

import os
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, text, update

from sync.protocol.messages import CITIZEN_TEAM_FIELD
from sync.protocol.wirejson import dumps_text
from sync.server import schema
from sync.server.bulk import insert_values, json_value, select_where_in, update_values


@dataclass
class Record:
    entity: str
    record_id: str
    partition: str
    deleted: bool = False
    version: int = 0
    """Largest field version, or for a tombstone the seq that deleted it."""
    fields: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    exists: bool = False
    """False until the record has been saved once."""


@dataclass(frozen=True)
class Author:
    user_id: str
    device_id: str | None
    op_id: str | None = None


# Statements built once: building a statement with ``.values(...)`` per call costs more than
# running it. Parameters are passed at execution time instead.
_r = schema.records
_INSERT_CHANGE = insert(schema.change_log).returning(schema.change_log.c.seq)
_RECORD_KEY = ("entity", "record_id")
_RECORD_VALUES = ("partition", "deleted", "version", "fields", "versions", "updated_at")
_CHANGE_COLUMNS = (
    "seq",
    "change_id",
    "entity",
    "record_id",
    "partition",
    "kind",
    "fields",
    "deleted",
    "op_id",
    "device_id",
    "user_id",
    "server_time",
)
_INSERT_RECORD = insert(_r)
_UPDATE_RECORD = update(_r).where(
    _r.c.entity == bindparam("key_entity"), _r.c.record_id == bindparam("key_record_id")
)
_SELECT_RECORD = select(_r).where(
    _r.c.entity == bindparam("entity"), _r.c.record_id == bindparam("record_id")
)
_RECORD_COLUMNS = tuple(c.name for c in _r.columns)


def _record(row: Any) -> Record:
    return Record(
        entity=row.entity,
        record_id=row.record_id,
        partition=row.partition,
        deleted=bool(row.deleted),
        version=int(row.version),
        fields=dict(row.fields),
        versions={k: int(v) for k, v in row.versions.items()},
        exists=True,
    )


def get_record(conn: Connection, entity: str, record_id: str) -> Record | None:
    row = conn.execute(_SELECT_RECORD, {"entity": entity, "record_id": record_id}).first()
    return None if row is None else _record(row)


def get_records(
    conn: Connection, keys: Collection[tuple[str, str]]
) -> dict[tuple[str, str], Record]:
    """The stored records among ``keys`` (entity, record_id), in one query per entity."""
    found: dict[tuple[str, str], Record] = {}
    by_entity: dict[str, list[str]] = {}
    for entity, record_id in sorted(keys):
        by_entity.setdefault(entity, []).append(record_id)
    for entity, ids in by_entity.items():  # (entity, record_id) is the primary key
        rows = select_where_in(conn, _r, _RECORD_COLUMNS, "record_id", ids, {"entity": entity})
        for row in rows:
            record = _stored_record(*row)
            found[(record.entity, record.record_id)] = record
    return found


def _stored_record(
    entity: str,
    record_id: str,
    partition: str,
    deleted: Any,
    version: Any,
    fields: Any,
    versions: Any,
    _updated_at: Any,
) -> Record:
    """``_record`` of a row as ``select_where_in`` reads it (``_RECORD_COLUMNS``)."""
    return Record(
        entity=entity,
        record_id=record_id,
        partition=partition,
        deleted=bool(deleted),
        version=int(version),
        fields=dict(json_value(fields)),
        versions={k: int(v) for k, v in json_value(versions).items()},
        exists=True,
    )


class ChangeBuffer:
    """Change-log rows numbered here and inserted together by ``flush`` (a push batch).

    Only for use inside ``Database.change_write()``: nobody else appends to the change log
    meanwhile (SQLite's single writer; the advisory lock on PostgreSQL), so the seqs handed
    out here are the ones the database would have given, in the same order. On PostgreSQL
    the first seq comes from the table's sequence and ``flush`` moves the sequence past the
    last one used. Anyone reading the change log before the batch ends must ``flush`` first.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: list[tuple[Any, ...]] = []
        """``_CHANGE_COLUMNS`` of each change, JSON written out."""
        self._next: int | None = None
        self._last: int | None = None
        self._pg_sequence: str | None = None
        self._id_stem = os.urandom(6).hex()
        """The middle of this batch's change ids (``new_change_id``, but one system call per
        batch and, after it, a count: the ids ascend, so each goes in at the end of the
        unique index)."""
        self._ids = 0
        self._id_head: tuple[float, str] | None = None
        """(now, the ids' first part for it): a batch has one ``now``."""

    def append(
        self,
        record: Record,
        partition: str,
        kind: str,
        fields: Mapping[str, tuple[Any, int | None]],
        author: Author,
        now: float,
        values: Mapping[str, Any] | None = None,
    ) -> int:
        """``append_change`` into the buffer; ``values`` are more fields, at the change's own
        seq (as ``(value, None)`` in ``fields``, without making the pairs)."""
        if self._next is None:
            self._next = self._first_free()
        seq = self._next
        self._next += 1
        self._last = seq
        # The seq is known now, so "this change's own seq" is written out: the stored
        # fields are then exactly the wire form, which a pull sends without rebuilding it.
        if fields:
            stored = {
                n: {"value": v, "version": seq if ver is None else ver}
                for n, (v, ver) in fields.items()
            }
            if values:
                stored.update({n: {"value": v, "version": seq} for n, v in values.items()})
        else:  # a new record (most changes of a push): its values only
            stored = {n: {"value": v, "version": seq} for n, v in (values or {}).items()}
        self.rows.append(
            (
                seq,
                self._change_id(now),
                record.entity,
                record.record_id,
                partition,
                kind,
                dumps_text(stored),
                record.deleted,
                author.op_id,
                author.device_id,
                author.user_id,
                now,
            )
        )
        return seq

    def _change_id(self, now: float) -> str:
        self._ids += 1
        if self._id_head is None or self._id_head[0] != now:
            self._id_head = (now, f"{int(now * 1000):012x}{self._id_stem}")
        return f"{self._id_head[1]}{self._ids:08x}"

    def _first_free(self) -> int:
        if self.conn.dialect.name == "postgresql":
            self._pg_sequence = str(
                self.conn.execute(
                    text("SELECT pg_get_serial_sequence('change_log', 'seq')")
                ).scalar_one()
            )
            return int(
                self.conn.execute(
                    text("SELECT nextval(CAST(:s AS regclass))"), {"s": self._pg_sequence}
                ).scalar_one()
            )
        # AUTOINCREMENT: never below a seq handed out before, even one since deleted
        return 1 + int(
            self.conn.execute(
                text(
                    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence"
                    " WHERE name = 'change_log'), 0), coalesce((SELECT max(seq)"
                    " FROM change_log), 0))"
                )
            ).scalar_one()
        )

    def flush(self) -> None:
        if self.rows:
            insert_values(self.conn, schema.change_log, _CHANGE_COLUMNS, self.rows)
            self.rows = []
        if self._pg_sequence is not None and self._last is not None:
            self.conn.execute(
                text("SELECT setval(CAST(:s AS regclass), :v)"),
                {"s": self._pg_sequence, "v": self._last},
            )


def new_change_id() -> str:
    """A change id: 32 hex digits, the time in milliseconds and then 80 random bits.

    Only uniqueness matters (a device compares its last change id with the server's, which
    tells a restored database apart); the time in front keeps ids made together next to
    each other in the unique index, where random ids would touch a different page of it
    each (most of a large batch's write)."""
    return f"{time.time_ns() // 1_000_000:012x}{os.urandom(10).hex()}"


def append_change(
    conn: Connection,
    record: Record,
    *,
    partition: str,
    kind: str,
    fields: Mapping[str, tuple[Any, int | None]],
    author: Author,
    now: float,
    buffer: ChangeBuffer | None = None,
) -> int:
    """Insert one change-log row (or hand it to ``buffer``) and return its seq."""
    if buffer is not None:
        return buffer.append(record, partition, kind, fields, author, now)
    row = {
        "change_id": new_change_id(),
        "entity": record.entity,
        "record_id": record.record_id,
        "partition": partition,
        "kind": kind,
        "fields": {n: {"value": v, "version": ver} for n, (v, ver) in fields.items()},
        "deleted": record.deleted,
        "op_id": author.op_id,
        "device_id": author.device_id,
        "user_id": author.user_id,
        "server_time": now,
    }
    return int(conn.execute(_INSERT_CHANGE, row).scalar_one())


def write_fields(
    conn: Connection,
    record: Record,
    values: Mapping[str, Any],
    *,
    kind: str,
    author: Author,
    now: float,
    save: bool = True,
    buffer: ChangeBuffer | None = None,
) -> int:
    """Write ``values`` into ``record`` as one change and return its seq.

    ``save=False`` leaves the ``records`` row to the caller (``save_records`` at the end of a
    batch); ``buffer`` takes the change-log rows instead of inserting them at once.

    Restoring a tombstone, or moving a citizen to another team (its ``team`` field), sends the
    whole record to the (new) partition, and moving leaves a "moved" marker in the old one.
    """
    old_partition = record.partition
    new_team = values.get(CITIZEN_TEAM_FIELD)
    if record.entity == "citizen" and isinstance(new_team, str) and new_team != old_partition:
        record.partition = new_team
    moved = record.exists and record.partition != old_partition
    whole = moved or record.deleted
    if moved:
        append_change(
            conn,
            record,
            partition=old_partition,
            kind="moved",
            fields={CITIZEN_TEAM_FIELD: (new_team, None)},
            author=author,
            now=now,
            buffer=buffer,
        )
    carried: dict[str, tuple[Any, int | None]] = {}
    if whole:
        carried = {n: (v, record.versions[n]) for n, v in record.fields.items()}
    record.deleted = False
    if buffer is not None:  # the usual case (a push batch): no pairs made for ``values``
        seq = buffer.append(record, record.partition, kind, carried, author, now, values)
    else:
        carried.update({n: (v, None) for n, v in values.items()})
        seq = append_change(
            conn,
            record,
            partition=record.partition,
            kind=kind,
            fields=carried,
            author=author,
            now=now,
        )
    record.fields.update(values)
    record.versions.update(dict.fromkeys(values, seq))
    record.version = max(record.versions.values(), default=seq)
    if save:
        save_record(conn, record, now)
    else:
        record.exists = True
    return seq


def tombstone(
    conn: Connection,
    record: Record,
    *,
    author: Author,
    now: float,
    save: bool = True,
    buffer: ChangeBuffer | None = None,
) -> int:
    """Mark deleted (values stay on the server for conflict resolution); ids are never
    reused. ``save`` and ``buffer`` as for ``write_fields``."""
    record.deleted = True
    seq = append_change(
        conn,
        record,
        partition=record.partition,
        kind="delete",
        fields={},
        author=author,
        now=now,
        buffer=buffer,
    )
    record.version = seq
    if save:
        save_record(conn, record, now)
    else:
        record.exists = True
    return seq


def _record_values(record: Record, now: float) -> dict[str, Any]:
    return {
        "partition": record.partition,
        "deleted": record.deleted,
        "version": record.version,
        "fields": record.fields,
        "versions": record.versions,
        "updated_at": now,
    }


def save_record(conn: Connection, record: Record, now: float) -> None:
    if record.exists:
        conn.execute(
            _UPDATE_RECORD,
            {
                "key_entity": record.entity,
                "key_record_id": record.record_id,
                **_record_values(record, now),
            },
        )
    else:
        conn.execute(
            _INSERT_RECORD,
            {"entity": record.entity, "record_id": record.record_id, **_record_values(record, now)},
        )
        record.exists = True


def save_records(
    conn: Connection, new: Iterable[Record], changed: Iterable[Record], now: float
) -> None:
    """Write many records at once: ``new`` ones are inserted, ``changed`` ones updated."""
    inserts = [(r.entity, r.record_id, *_record_tuple(r, now)) for r in new]
    updates = [(*_record_tuple(r, now), r.entity, r.record_id) for r in changed]
    insert_values(conn, _r, _RECORD_KEY + _RECORD_VALUES, inserts)
    update_values(conn, _r, _RECORD_KEY, _RECORD_VALUES, updates)


def _record_tuple(record: Record, now: float) -> tuple[Any, ...]:
    """``_RECORD_VALUES`` of ``record``, JSON written out."""
    return (
        record.partition,
        record.deleted,
        record.version,
        dumps_text(record.fields),
        dumps_text(record.versions),
        now,
    )


@dataclass(frozen=True)
class ChangeInfo:
    """Who wrote a change and when: the server side of a conflict."""

    fields: dict[str, Any]
    user_id: str | None
    device_id: str | None
    server_time: float


def get_change(conn: Connection, seq: int) -> ChangeInfo | None:
    c = schema.change_log
    row = conn.execute(
        select(c.c.fields, c.c.user_id, c.c.device_id, c.c.server_time).where(c.c.seq == seq)
    ).first()
    if row is None:
        return None
    return ChangeInfo(dict(row.fields), row.user_id, row.device_id, float(row.server_time))


def field_value_at(conn: Connection, seq: int | None, name: str) -> Any:
    """The value field ``name`` had at version ``seq`` (None if unknown)."""
    if seq is None:
        return None
    change = get_change(conn, seq)
    if change is None or name not in change.fields:
        return None
    return change.fields[name].get("value")


_HIGH_WATER = select(func.coalesce(func.max(schema.change_log.c.seq), 0))


def high_water(conn: Connection) -> int:
    """The largest seq the server holds (0 when empty)."""
    return int(conn.execute(_HIGH_WATER).scalar_one())

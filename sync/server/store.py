"""Records and the change log: every write to a record appends exactly one change per
partition it affects, in the same transaction.

Callers must hold ``Database.change_write()`` so seqs are handed out in commit order.
A change's ``fields`` are stored as ``{name: {"value": v, "version": n | None}}`` where None
means "this change's own seq" (known only after the insert).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from sync.protocol.messages import CITIZEN_TEAM_FIELD
from sync.server import schema


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


def get_record(conn: Connection, entity: str, record_id: str) -> Record | None:
    r = schema.records
    row = conn.execute(select(r).where(r.c.entity == entity, r.c.record_id == record_id)).first()
    if row is None:
        return None
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


def append_change(
    conn: Connection,
    record: Record,
    *,
    partition: str,
    kind: str,
    fields: Mapping[str, tuple[Any, int | None]],
    author: Author,
    now: float,
) -> int:
    """Insert one change-log row and return its seq."""
    result = conn.execute(
        insert(schema.change_log)
        .values(
            change_id=uuid.uuid4().hex,
            entity=record.entity,
            record_id=record.record_id,
            partition=partition,
            kind=kind,
            fields={n: {"value": v, "version": ver} for n, (v, ver) in fields.items()},
            deleted=record.deleted,
            op_id=author.op_id,
            device_id=author.device_id,
            user_id=author.user_id,
            server_time=now,
        )
        .returning(schema.change_log.c.seq)
    )
    return int(result.scalar_one())


def write_fields(
    conn: Connection,
    record: Record,
    values: Mapping[str, Any],
    *,
    kind: str,
    author: Author,
    now: float,
) -> int:
    """Write ``values`` into ``record`` as one change and return its seq.

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
        )
    change: dict[str, tuple[Any, int | None]] = {}
    if whole:
        change = {n: (v, record.versions[n]) for n, v in record.fields.items()}
    change.update({n: (v, None) for n, v in values.items()})
    record.deleted = False
    seq = append_change(
        conn, record, partition=record.partition, kind=kind, fields=change, author=author, now=now
    )
    record.fields.update(values)
    record.versions.update(dict.fromkeys(values, seq))
    record.version = max(record.versions.values(), default=seq)
    save_record(conn, record, now)
    return seq


def tombstone(conn: Connection, record: Record, *, author: Author, now: float) -> int:
    """Mark deleted (values stay on the server for conflict resolution); ids are never
    reused."""
    record.deleted = True
    seq = append_change(
        conn, record, partition=record.partition, kind="delete", fields={}, author=author, now=now
    )
    record.version = seq
    save_record(conn, record, now)
    return seq


def save_record(conn: Connection, record: Record, now: float) -> None:
    r = schema.records
    values = {
        "partition": record.partition,
        "deleted": record.deleted,
        "version": record.version,
        "fields": record.fields,
        "versions": record.versions,
        "updated_at": now,
    }
    if record.exists:
        conn.execute(
            update(r)
            .where(r.c.entity == record.entity, r.c.record_id == record.record_id)
            .values(**values)
        )
    else:
        conn.execute(insert(r).values(entity=record.entity, record_id=record.record_id, **values))
        record.exists = True


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


def high_water(conn: Connection) -> int:
    """The largest seq the server holds (0 when empty)."""
    c = schema.change_log.c
    return int(conn.execute(select(func.coalesce(func.max(c.seq), 0))).scalar_one())

"""Apply pushed ops: scope checks, the merge rules, conflicts, and the ``applied_ops`` record.

Each op runs in its own change-log transaction together with its ``applied_ops`` row, so an op
is either fully applied and remembered or not at all, and a re-sent op returns the stored
result instead of being applied twice.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import Connection, insert, select

from sync.merge import Outcome, ServerField, changed_since, merge_fields
from sync.protocol import errors as codes
from sync.protocol.codec import decode, encode
from sync.protocol.digest import values_equal
from sync.protocol.errors import InvalidMessage
from sync.protocol.messages import (
    APPEND_ONLY_ENTITIES,
    APPENDABLE_ENTITIES,
    CITIZEN_TEAM_FIELD,
    DELETED_FIELD,
    Op,
    OpResult,
)
from sync.server import schema
from sync.server.auth import Actor
from sync.server.db import Database
from sync.server.store import (
    Author,
    Record,
    field_value_at,
    get_change,
    get_record,
    tombstone,
    write_fields,
)

log = logging.getLogger("sync.server.push")


class Rejected(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(reason)
        self.result_reason = reason
        self.result_message = message


def push_ops(
    db: Database, actor: Actor, raw_ops: list[dict[str, Any]], now: float
) -> list[OpResult]:
    """Process ops in order, one transaction each."""
    results = []
    for raw in raw_ops:
        with db.change_write() as conn:
            result = _process(conn, actor, raw, now)
        log.info(
            "op %s from device %s: %s%s",
            result.op_id,
            actor.device_id,
            result.status,
            f" ({result.reason})" if result.reason else "",
        )
        results.append(result)
    return results


def _process(conn: Connection, actor: Actor, raw: dict[str, Any], now: float) -> OpResult:
    op_id = str(raw["op_id"])
    a = schema.applied_ops
    stored = conn.execute(select(a.c.device_id, a.c.result).where(a.c.op_id == op_id)).first()
    if stored is not None:
        if stored.device_id != actor.device_id:
            return OpResult(op_id, "rejected", reason=codes.OP_ID_TAKEN, message="op id in use")
        return decode(OpResult, stored.result)
    try:
        op = decode(Op, raw)
        result = _apply(conn, actor, op, now)
    except InvalidMessage as exc:
        result = OpResult(op_id, "rejected", reason=codes.INVALID_OP, message=exc.message)
    except Rejected as exc:
        result = OpResult(op_id, "rejected", reason=exc.result_reason, message=exc.result_message)
    conn.execute(
        insert(a).values(
            op_id=op_id,
            device_id=actor.device_id,
            user_id=actor.user_id,
            result=encode(result),
            applied_at=now,
        )
    )
    if result.status == "rejected":
        conn.execute(
            insert(schema.rejected_ops).values(
                op_id=op_id,
                device_id=actor.device_id,
                user_id=actor.user_id,
                reason=result.reason,
                op=raw,
                received_at=now,
            )
        )
    return result


def _apply(conn: Connection, actor: Actor, op: Op, now: float) -> OpResult:
    if op.device_id != actor.device_id:
        raise Rejected(codes.WRONG_DEVICE, "op was made by another device")
    if op.kind == "append" and op.entity not in APPENDABLE_ENTITIES:
        raise Rejected(codes.KIND_NOT_ALLOWED, f"{op.entity} cannot be appended")
    if op.kind != "append" and op.entity in APPEND_ONLY_ENTITIES:
        raise Rejected(codes.APPEND_ONLY, f"{op.entity} records are append-only")
    record = get_record(conn, op.entity, op.record_id)
    partition = record.partition if record else op.partition
    if partition not in actor.teams:
        raise Rejected(codes.FORBIDDEN_PARTITION, "not a member of the record's team")
    if op.entity == "review" and partition not in actor.lead_teams:
        raise Rejected(codes.FORBIDDEN_ENTITY, "only the team's lead writes reviews")
    team = op.fields.get(CITIZEN_TEAM_FIELD)
    moving_to = team.value if op.entity == "citizen" and team is not None else None
    if op.partition != partition and op.partition != moving_to:
        raise Rejected(codes.PARTITION_MISMATCH, "op names another partition than the record's")
    author = Author(actor.user_id, actor.device_id, op.op_id)

    if record is None:
        record = Record(op.entity, op.record_id, op.partition)
        if moving_to is not None and moving_to != op.partition:
            raise Rejected(codes.PARTITION_MISMATCH, "a new citizen's team is its partition")
        if op.kind == "delete":
            return _applied(op, tombstone(conn, record, author=author, now=now))
        values = {name: change.value for name, change in op.fields.items()}
        return _applied(
            op, write_fields(conn, record, values, kind=op.kind, author=author, now=now)
        )

    if op.kind == "append":
        if _same_content(record, op, exact=True):
            return _applied(op, None)
        raise Rejected(codes.RECORD_EXISTS, "an appended record must be new")
    if record.deleted:
        if op.kind == "delete":
            return _applied(op, None)
        raise Rejected(codes.RECORD_DELETED, "the record was deleted; ids are never reused")
    if op.entity == "note" and record.fields.get("status") == "final":
        if op.kind == "upsert" and _same_content(record, op, exact=False):
            return _applied(op, None)
        raise Rejected(codes.NOTE_FINAL, "a final note never changes; write an addendum")
    if op.kind == "delete":
        return _delete(conn, actor, op, record, author, now)
    return _upsert(conn, actor, op, record, author, now)


def _upsert(
    conn: Connection, actor: Actor, op: Op, record: Record, author: Author, now: float
) -> OpResult:
    server = {
        name: ServerField(value, record.versions[name]) for name, value in record.fields.items()
    }
    outcomes = merge_fields(server, op.fields, own_fields(conn, record, op.device_id))
    apply = {n: op.fields[n].value for n, o in outcomes.items() if o is Outcome.APPLY}
    new_team = apply.get(CITIZEN_TEAM_FIELD) if op.entity == "citizen" else None
    if new_team is not None and new_team != record.partition and new_team not in actor.teams:
        raise Rejected(codes.FORBIDDEN_PARTITION, "not a member of the team to move to")
    conflict_ids = [
        _record_conflict(
            conn,
            actor,
            op,
            record,
            name,
            server=server[name],
            incoming=op.fields[name].value,
            now=now,
        )
        for name, outcome in outcomes.items()
        if outcome is Outcome.CONFLICT
    ]
    seq = (
        write_fields(conn, record, apply, kind="upsert", author=author, now=now) if apply else None
    )
    if conflict_ids:
        return OpResult(
            op.op_id, "conflict", seq=seq, conflict_id=conflict_ids[0], conflict_ids=conflict_ids
        )
    return _applied(op, seq)


def _delete(
    conn: Connection, actor: Actor, op: Op, record: Record, author: Author, now: float
) -> OpResult:
    """A delete made without seeing every current field version is a conflict, not a win."""
    bases = {name: change.base for name, change in op.fields.items()}
    if changed_since(record.versions, bases, own_fields(conn, record, op.device_id)):
        known = [b for b in bases.values() if b is not None]
        conflict_id = _record_conflict(
            conn,
            actor,
            op,
            record,
            DELETED_FIELD,
            server=ServerField(False, record.version),
            incoming=True,
            now=now,
            base_seq=max(known, default=None),
            base_value=False,
        )
        return OpResult(op.op_id, "conflict", conflict_id=conflict_id, conflict_ids=[conflict_id])
    return _applied(op, tombstone(conn, record, author=author, now=now))


def own_fields(conn: Connection, record: Record, device_id: str) -> frozenset[str]:
    """Fields whose current version was written by ``device_id`` itself."""
    if not record.versions:
        return frozenset()
    log = schema.change_log
    seqs = set(record.versions.values())
    mine = {
        int(row.seq)
        for row in conn.execute(
            select(log.c.seq).where(log.c.seq.in_(seqs), log.c.device_id == device_id)
        )
    }
    return frozenset(name for name, seq in record.versions.items() if seq in mine)


def _record_conflict(
    conn: Connection,
    actor: Actor,
    op: Op,
    record: Record,
    name: str,
    *,
    server: ServerField,
    incoming: Any,
    now: float,
    base_seq: int | None = None,
    base_value: Any = None,
) -> str:
    """Store both sides; the server's value stays as the provisional winner."""
    if name != DELETED_FIELD:
        base_seq = op.fields[name].base
        base_value = field_value_at(conn, base_seq, name)
    server_change = get_change(conn, server.version)
    conflict_id = str(uuid.uuid4())
    conn.execute(
        insert(schema.conflicts).values(
            id=conflict_id,
            entity=record.entity,
            record_id=record.record_id,
            partition=record.partition,
            field=name,
            base_seq=base_seq,
            base_value=base_value,
            server_value=server.value,
            server_version=server.version,
            server_user_id=server_change.user_id if server_change else None,
            server_device_id=server_change.device_id if server_change else None,
            server_time=server_change.server_time if server_change else None,
            incoming_value=incoming,
            incoming_user_id=actor.user_id,
            incoming_device_id=actor.device_id,
            incoming_hlc=op.hlc,
            incoming_op_id=op.op_id,
            incoming_time=now,
            provisional="server",
            created_at=now,
        )
    )
    return conflict_id


def _same_content(record: Record, op: Op, *, exact: bool) -> bool:
    """True if the op would change nothing (``exact``: and names every field there is)."""
    if exact and set(record.fields) != set(op.fields):
        return False
    return all(
        name in record.fields and values_equal(record.fields[name], change.value)
        for name, change in op.fields.items()
    )


def _applied(op: Op, seq: int | None) -> OpResult:
    return OpResult(op.op_id, "applied", seq=seq)

"""Apply pushed ops: scope checks, the merge rules, conflicts, and the ``applied_ops`` record.

A push batch runs in one change-log transaction: every op's effects and its ``applied_ops``
row commit together, so after a crash each op is either fully applied and remembered or not
at all, and a re-sent op returns the stored result instead of being applied twice. Results
go back to the client only after the commit.

An op is rejected (``Rejected``, ``InvalidMessage``) only before it writes anything, so a
rejected op leaves no trace in the batch but its ``applied_ops`` and ``rejected_ops`` rows.
The batch reads ``applied_ops`` and the records it touches once, keeps them in memory while
the ops run in order, and writes ``change_log``, ``records``, ``applied_ops`` and
``rejected_ops`` in bulk at the end. Change seqs are handed out by the batch itself
(``store.ChangeBuffer``; the change-log lock guarantees nobody else appends meanwhile); a
conflict, which reads the change log, first writes out what is buffered.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select

from sync.merge import Outcome, ServerField, changed_since, merge_fields
from sync.protocol import errors as codes
from sync.protocol.client import decode_op, op_wire, result_wire
from sync.protocol.codec import decode
from sync.protocol.digest import values_equal
from sync.protocol.errors import InvalidMessage
from sync.protocol.messages import (
    APPEND_ONLY_ENTITIES,
    APPENDABLE_ENTITIES,
    CITIZEN_TEAM_FIELD,
    DELETED_FIELD,
    ENTITIES,
    FieldChange,
    OpResult,
    is_plain_op,
    is_uuid,
    plain_op_fields,
)
from sync.protocol.wirejson import dumps_text
from sync.server import marks, schema
from sync.server.auth import Actor
from sync.server.bulk import insert_rows, insert_values, json_value, select_where_in
from sync.server.db import Database
from sync.server.reviews import ReviewRefused, check_review
from sync.server.store import (
    Author,
    ChangeBuffer,
    Record,
    field_value_at,
    get_change,
    get_records,
    save_records,
    tombstone,
    write_fields,
)
from sync.server.text import contains_nul, without_nul

log = logging.getLogger("sync.server.push")

_SELECT_AUTHORS = select(schema.change_log.c.seq, schema.change_log.c.device_id).where(
    schema.change_log.c.seq.in_(bindparam("seqs", expanding=True))
)


_APPLIED_COLUMNS = ("op_id", "device_id", "user_id", "result", "applied_at")
_STORED_COLUMNS = ("op_id", "device_id", "result")


class Rejected(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(reason)
        self.result_reason = reason
        self.result_message = message


def push_ops(
    db: Database,
    actor: Actor,
    raw_ops: list[dict[str, Any]],
    now: float,
    may_hold_nul: bool = True,
) -> list[OpResult]:
    """Process ops in order, in one transaction; per-op results once it has committed.

    The device's highest op counter (``marks.note_ops``) is noted in the same transaction:
    one commit per push instead of two.

    ``may_hold_nul=False`` (the body has no ``\\u0000``) skips the search for NUL text."""
    with db.change_write() as conn:
        batch = _Batch(conn, actor, raw_ops, now, may_hold_nul)
        results = [batch.process(raw) for raw in raw_ops]
        batch.flush()
        marks.note_ops(conn, actor.device_id, raw_ops, now)
    if not log.isEnabledFor(logging.INFO):
        return results
    for result in results:
        log.info(
            "op %s from device %s: %s%s",
            result.op_id,
            actor.device_id,
            result.status,
            f" ({result.reason})" if result.reason else "",
        )
    return results


class _Batch:
    """One push batch: what it has read and what it still has to write."""

    def __init__(
        self,
        conn: Connection,
        actor: Actor,
        raw_ops: list[dict[str, Any]],
        now: float,
        may_hold_nul: bool = True,
    ) -> None:
        self.conn = conn
        self.actor = actor
        self.now = now
        self.may_hold_nul = may_hold_nul
        """False when the body has no escaped NUL: spares looking through every op."""
        op_ids = sorted({str(raw["op_id"]) for raw in raw_ops})
        self.stored: dict[str, tuple[str, Any]] = {
            op_id: (device_id, result)
            for op_id, device_id, result in select_where_in(
                conn, schema.applied_ops, _STORED_COLUMNS, "op_id", op_ids
            )
        }
        """op_id -> (device_id, encoded result, as JSON text or parsed): in the database or
        earlier in this batch."""
        keys = {(raw["entity"], raw["record_id"]) for raw in raw_ops if _names_a_record(raw)}
        found = get_records(conn, keys) if keys else {}
        self.records: dict[tuple[str, str], Record | None] = {k: found.get(k) for k in keys}
        self.authors: dict[int, str | None] = {}
        """seq -> device_id of the change, for the field versions the batch has looked at
        (read only for a record whose op would otherwise conflict: ``own_fields``)."""
        self.changes = ChangeBuffer(conn)
        self.new: dict[tuple[str, str], Record] = {}
        self.changed: dict[tuple[str, str], Record] = {}
        self.applied_rows: list[tuple[Any, ...]] = []
        """``_APPLIED_COLUMNS`` of each op, JSON written out."""
        self.rejected_rows: list[dict[str, Any]] = []

    def process(self, raw: dict[str, Any]) -> OpResult:
        actor = self.actor
        op_id = str(raw["op_id"])
        stored = self.stored.get(op_id)
        if stored is not None:
            if stored[0] != actor.device_id:
                return OpResult(op_id, "rejected", reason=codes.OP_ID_TAKEN, message="op id in use")
            return decode(OpResult, json_value(stored[1]))
        try:
            if self.may_hold_nul and contains_nul(raw):
                raise InvalidMessage("text must not contain NUL characters")
            result = _apply(self, raw if is_plain_op(raw) else op_wire(decode_op(raw)))
        except InvalidMessage as exc:
            result = OpResult(op_id, "rejected", reason=codes.INVALID_OP, message=exc.message)
        except Rejected as exc:
            result = OpResult(
                op_id, "rejected", reason=exc.result_reason, message=exc.result_message
            )
        encoded = result_text(result)
        self.stored[op_id] = (actor.device_id, encoded)
        self.applied_rows.append((op_id, actor.device_id, actor.user_id, encoded, self.now))
        if result.status == "rejected":
            self.rejected_rows.append(
                {
                    "op_id": op_id,
                    "device_id": actor.device_id,
                    "user_id": actor.user_id,
                    "reason": result.reason,
                    "op": without_nul(raw) if self.may_hold_nul else raw,
                    "received_at": self.now,
                }
            )
        return result

    def _load_authors(self, seqs: set[int]) -> None:
        wanted = sorted(seqs - self.authors.keys())
        for start in range(0, len(wanted), 500):
            rows = self.conn.execute(_SELECT_AUTHORS, {"seqs": wanted[start : start + 500]})
            self.authors.update((int(row.seq), row.device_id) for row in rows)

    def record(self, entity: str, record_id: str) -> Record | None:
        key = (entity, record_id)
        if key not in self.records:  # pragma: no cover - every op's record is preloaded
            self.records.update({key: get_records(self.conn, {key}).get(key)})
        return self.records[key]

    def own_fields(self, record: Record, device_id: str) -> frozenset[str]:
        """Fields whose current version was written by ``device_id`` itself."""
        if not record.versions:
            return frozenset()
        self._load_authors(set(record.versions.values()))
        return frozenset(
            name for name, seq in record.versions.items() if self.authors.get(seq) == device_id
        )

    def written(self, record: Record, was_stored: bool) -> None:
        """``record`` changed in memory: save it when the batch ends."""
        key = (record.entity, record.record_id)
        self.records[key] = record
        if key not in self.new:
            (self.changed if was_stored else self.new)[key] = record

    def write_fields(
        self, record: Record, values: dict[str, Any], kind: str, author: Author
    ) -> int:
        was_stored = record.exists
        seq = write_fields(
            self.conn,
            record,
            values,
            kind=kind,
            author=author,
            now=self.now,
            save=False,
            buffer=self.changes,
        )
        self.authors[seq] = author.device_id  # ("moved" rows are not field versions)
        self.written(record, was_stored)
        return seq

    def create(self, record: Record, values: dict[str, Any], kind: str, author: Author) -> int:
        """``write_fields`` for a record the server does not hold (most ops of a push):
        nothing to carry, move or restore, so its change is ``values`` at the change's own
        seq, and ``values`` (made for it) become its fields."""
        seq = self.changes.append(record, record.partition, kind, {}, author, self.now, values)
        record.fields = values
        record.versions = dict.fromkeys(values, seq)
        record.version = seq
        record.exists = True
        self.authors[seq] = author.device_id
        key = (record.entity, record.record_id)
        self.records[key] = record
        self.new[key] = record
        return seq

    def tombstone(self, record: Record, author: Author) -> int:
        was_stored = record.exists
        seq = tombstone(
            self.conn, record, author=author, now=self.now, save=False, buffer=self.changes
        )
        self.authors[seq] = author.device_id
        self.written(record, was_stored)
        return seq

    def flush(self) -> None:
        self.changes.flush()
        save_records(self.conn, self.new.values(), self.changed.values(), self.now)
        insert_values(self.conn, schema.applied_ops, _APPLIED_COLUMNS, self.applied_rows)
        insert_rows(self.conn, schema.rejected_ops, self.rejected_rows)


def _names_a_record(raw: dict[str, Any]) -> bool:
    """Only an op that can be valid has its record read ahead: anything else is rejected
    before its record is wanted, and text that is no id never reaches a query (PostgreSQL
    refuses NUL even as a parameter)."""
    entity, record_id = raw.get("entity"), raw.get("record_id")
    return (
        isinstance(entity, str)
        and entity in ENTITIES
        and isinstance(record_id, str)
        and is_uuid(record_id)
    )


result_json = result_wire
"""``encode(result)``, without the generic walk (a push answers up to 500 of them)."""


def result_text(result: OpResult) -> str:
    """``dumps_text(result_json(result))``, the ``applied_ops.result`` of an op. A plain
    "applied" (most ops of a push) is written out directly: its op id is a UUID, which
    holds nothing JSON escapes, and the rest is a number or fixed."""
    seq = result.seq
    if (
        result.status == "applied"
        and result.conflict_id is None
        and not result.conflict_ids
        and result.reason is None
        and result.message is None
        and (seq is None or type(seq) is int)
        and is_uuid(result.op_id)
    ):
        return (
            f'{{"op_id":"{result.op_id}","status":"applied","seq":'
            f'{"null" if seq is None else seq},"conflict_id":null,"conflict_ids":[],'
            '"reason":null,"message":null}'
        )
    return dumps_text(result_json(result))


PlainOp = dict[str, Any]
"""An op as sent, in the form ``is_plain_op`` vouches for (anything else is brought to it
through ``decode_op``): read as it is, without building an ``Op`` and a ``FieldChange``
for each of its fields, which for a new record (most ops) are never needed."""


def _apply(batch: _Batch, op: PlainOp) -> OpResult:
    actor = batch.actor
    op_id, entity, kind = op["op_id"], op["entity"], op["kind"]
    changes: dict[str, dict[str, Any]] = op["fields"]
    if op["device_id"] != actor.device_id:
        raise Rejected(codes.WRONG_DEVICE, "op was made by another device")
    if kind == "append" and entity not in APPENDABLE_ENTITIES:
        raise Rejected(codes.KIND_NOT_ALLOWED, f"{entity} cannot be appended")
    if kind != "append" and entity in APPEND_ONLY_ENTITIES:
        raise Rejected(codes.APPEND_ONLY, f"{entity} records are append-only")
    record = batch.record(entity, op["record_id"])
    partition = record.partition if record else op["partition"]
    if partition not in actor.teams:
        raise Rejected(codes.FORBIDDEN_PARTITION, "not a member of the record's team")
    if entity == "review":
        try:
            if check_review(batch.record, actor, decode_op(op), record):
                return _applied(op_id, None)  # the same review sent again
        except ReviewRefused as exc:
            raise Rejected(exc.reason, exc.message) from None
    team = changes.get(CITIZEN_TEAM_FIELD)
    moving_to = team["value"] if entity == "citizen" and team is not None else None
    if op["partition"] != partition and op["partition"] != moving_to:
        raise Rejected(codes.PARTITION_MISMATCH, "op names another partition than the record's")
    author = Author(actor.user_id, actor.device_id, op_id)

    if record is None:
        record = Record(entity, op["record_id"], op["partition"])
        if moving_to is not None and moving_to != op["partition"]:
            raise Rejected(codes.PARTITION_MISMATCH, "a new citizen's team is its partition")
        if kind == "delete":
            return _applied(op_id, batch.tombstone(record, author))
        values = {name: change["value"] for name, change in changes.items()}
        return _applied(op_id, batch.create(record, values, kind, author))

    if kind == "append":
        if _same_content(record, changes, exact=True):
            return _applied(op_id, None)
        raise Rejected(codes.RECORD_EXISTS, "an appended record must be new")
    if record.deleted:
        if kind == "delete":
            return _applied(op_id, None)
        raise Rejected(codes.RECORD_DELETED, "the record was deleted; ids are never reused")
    if entity == "note" and record.fields.get("status") == "final":
        if kind == "upsert" and _same_content(record, changes, exact=False):
            return _applied(op_id, None)
        raise Rejected(codes.NOTE_FINAL, "a final note never changes; write an addendum")
    if kind == "delete":
        return _delete(batch, op, record, author)
    return _upsert(batch, op, record, author)


def _upsert(batch: _Batch, op: PlainOp, record: Record, author: Author) -> OpResult:
    conn, actor, now = batch.conn, batch.actor, batch.now
    fields = _field_changes(op)
    stored = record.fields
    server = {  # only the fields the op names are merged
        name: ServerField(stored[name], record.versions[name]) for name in fields if name in stored
    }
    outcomes = merge_fields(server, fields)
    if Outcome.CONFLICT in outcomes.values():
        # A field this device wrote last is no conflict (``merge_field``'s ``own``); only
        # then are the authors of the record's versions wanted.
        own = batch.own_fields(record, actor.device_id)
        outcomes = merge_fields(server, fields, own) if own else outcomes
    apply = {n: fields[n].value for n, o in outcomes.items() if o is Outcome.APPLY}
    new_team = apply.get(CITIZEN_TEAM_FIELD) if record.entity == "citizen" else None
    if new_team is not None and new_team != record.partition and new_team not in actor.teams:
        raise Rejected(codes.FORBIDDEN_PARTITION, "not a member of the team to move to")
    if Outcome.CONFLICT in outcomes.values():
        batch.changes.flush()  # a conflict reads the change log
    conflict_ids = [
        _record_conflict(
            conn,
            actor,
            op,
            record,
            name,
            server=server[name],
            incoming=fields[name].value,
            now=now,
            base_seq=fields[name].base,
        )
        for name, outcome in outcomes.items()
        if outcome is Outcome.CONFLICT
    ]
    seq = batch.write_fields(record, apply, "upsert", author) if apply else None
    if conflict_ids:
        return OpResult(
            op["op_id"],
            "conflict",
            seq=seq,
            conflict_id=conflict_ids[0],
            conflict_ids=conflict_ids,
        )
    return _applied(op["op_id"], seq)


def _field_changes(op: PlainOp) -> dict[str, FieldChange]:
    """The op's fields as ``decode_op`` gives them (for the merge rules)."""
    fields = plain_op_fields(op)
    if fields is None:  # pragma: no cover - every op reaching here is plain
        raise InvalidMessage("op is not in its plain form")
    return fields


def _delete(batch: _Batch, op: PlainOp, record: Record, author: Author) -> OpResult:
    """A delete made without seeing every current field version is a conflict, not a win."""
    conn, actor, now = batch.conn, batch.actor, batch.now
    bases: dict[str, int | None] = {
        name: change.get("base") for name, change in op["fields"].items()
    }
    if changed_since(record.versions, bases) and changed_since(
        record.versions, bases, batch.own_fields(record, actor.device_id)
    ):  # the authors are read only when the delete would otherwise conflict
        known = [b for b in bases.values() if b is not None]
        batch.changes.flush()  # a conflict reads the change log
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
        return OpResult(
            op["op_id"], "conflict", conflict_id=conflict_id, conflict_ids=[conflict_id]
        )
    return _applied(op["op_id"], batch.tombstone(record, author))


def _record_conflict(
    conn: Connection,
    actor: Actor,
    op: PlainOp,
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
            incoming_hlc=op["hlc"],
            incoming_op_id=op["op_id"],
            incoming_time=now,
            provisional="server",
            created_at=now,
        )
    )
    return conflict_id


def _same_content(record: Record, changes: dict[str, dict[str, Any]], *, exact: bool) -> bool:
    """True if the op would change nothing (``exact``: and names every field there is)."""
    if exact and set(record.fields) != set(changes):
        return False
    return all(
        name in record.fields and values_equal(record.fields[name], change["value"])
        for name, change in changes.items()
    )


def _applied(op_id: str, seq: int | None) -> OpResult:
    """``OpResult(op_id, "applied", seq=seq)``, set up without the dataclass's checks (most
    ops of a push end here)."""
    result = object.__new__(OpResult)
    result.__dict__.update(
        op_id=op_id,
        status="applied",
        seq=seq,
        conflict_id=None,
        conflict_ids=[],
        reason=None,
        message=None,
    )
    return result

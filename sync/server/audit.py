"""Receive devices' access-log chains and keep only what verifies; read one citizen's log.

Each device has its own hash chain. A batch must continue the stored chain; entries already
stored may be sent again (a lost reply) if they are byte-identical. A broken chain is refused
as a whole, so the server never holds a chain with a hole in it.

A citizen's log across all devices (for a data-subject request) is read only by a lead of
the team the citizen belongs to, or by an administrator.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select

from sync.protocol import errors as codes
from sync.protocol.digest import GENESIS_HASH, audit_entry_hash, check_audit_chain
from sync.protocol.messages import (
    AuditBase,
    AuditResponse,
    CitizenAuditEntry,
    CitizenAuditResponse,
    DeviceMarks,
)
from sync.protocol.wirejson import dumps_text
from sync.server import marks, schema
from sync.server.auth import Actor
from sync.server.bulk import insert_values
from sync.server.errors import ApiError
from sync.server.text import without_nul

log = logging.getLogger("sync.server.audit")


def upload(
    conn: Connection,
    actor: Actor,
    entries: Sequence[Mapping[str, Any]],
    now: float,
    supersede_after: AuditBase | None = None,
    may_hold_nul: bool = True,
) -> AuditResponse:
    """``may_hold_nul=False`` (the body has no ``\\u0000``) skips the search for NUL text."""
    a = schema.audit_entries
    if supersede_after is not None:
        _set_aside_after(conn, actor, supersede_after, now)
    tail = conn.execute(_TAIL, {"device_id": actor.device_id}).first()
    tail_seq, tail_hash = (int(tail.seq), str(tail.hash)) if tail else (None, None)
    # entries sent again (a lost reply) must equal those stored; usually there are none
    again = [
        seq
        for seq in map(_seq, entries)
        if seq is not None and tail_seq is not None and seq <= tail_seq
    ]
    stored = (
        {
            int(r.seq): r.hash
            for r in conn.execute(_STORED, {"device_id": actor.device_id, "seqs": again})
        }
        if again
        else {}
    )
    fresh = []
    for entry in entries:
        seq = _seq(entry)
        if seq is not None and tail_seq is not None and seq <= tail_seq:
            if stored.get(seq) != entry.get("hash"):
                _broken(actor, tail_seq, seq, "differs from the entry already stored")
            continue
        fresh.append(entry)
    check = check_audit_chain(fresh, tail_seq, tail_hash)
    if check.reason is not None:
        _broken(actor, tail_seq, check.broken_at, check.reason)
    device = actor.device_id
    rows = [
        (
            device,
            e["seq"],
            e["prev_hash"],
            e["hash"],
            # the hash was checked on the original
            dumps_text(without_nul(dict(e)) if may_hold_nul else e),
            now,
            schema.entry_citizen(e),
        )
        for e in fresh
    ]
    if rows:
        insert_values(conn, a, _ENTRY_COLUMNS, rows)
        marks.note_audit_head(conn, device, fresh[-1]["seq"], fresh[-1]["hash"], now)
    verified = check.verified_until if check.verified_until is not None else 0
    return AuditResponse(verified)


_ENTRY_COLUMNS = ("device_id", "seq", "prev_hash", "hash", "entry", "received_at", "citizen_id")
_a = schema.audit_entries
_TAIL = (
    select(_a.c.seq, _a.c.hash)
    .where(_a.c.device_id == bindparam("device_id"))
    .order_by(_a.c.seq.desc())
    .limit(1)
)
_STORED = select(_a.c.seq, _a.c.hash).where(
    _a.c.device_id == bindparam("device_id"), _a.c.seq.in_(bindparam("seqs", expanding=True))
)


def _set_aside_after(conn: Connection, actor: Actor, base: AuditBase, now: float) -> None:
    """A device rolled back to an older copy goes on from ``base``: the entries stored after
    it came from the lost copy. They move to ``audit_superseded`` (kept, never deleted)."""
    a = schema.audit_entries
    known: str | None
    if base.seq == 0:
        known = GENESIS_HASH
    else:
        known = conn.execute(
            select(a.c.hash).where(a.c.device_id == actor.device_id, a.c.seq == base.seq)
        ).scalar()
    if known != base.hash:
        _broken(actor, None, base.seq, "the point to go on from is not in the stored chain")
    later = conn.execute(
        select(a).where(a.c.device_id == actor.device_id, a.c.seq > base.seq).order_by(a.c.seq)
    ).all()
    if not later:
        return
    conn.execute(
        insert(schema.audit_superseded),
        [
            {
                "device_id": r.device_id,
                "seq": r.seq,
                "prev_hash": r.prev_hash,
                "hash": r.hash,
                "entry": r.entry,
                "received_at": r.received_at,
                "superseded_at": now,
            }
            for r in later
        ],
    )
    conn.execute(delete(a).where(a.c.device_id == actor.device_id, a.c.seq > base.seq))
    marks.note_audit_head(conn, actor.device_id, base.seq, base.hash if base.seq else None, now)
    log.warning(
        "device %s rolled back: %d access-log entries after seq %d set aside",
        actor.device_id,
        len(later),
        base.seq,
    )


def citizen_log(conn: Connection, actor: Actor, citizen_id: str) -> CitizenAuditResponse:
    """Every stored access-log entry about ``citizen_id``, from every device."""
    if not may_read_citizen_log(conn, actor, citizen_id):
        log.warning("citizen access log refused to device %s", actor.device_id)
        raise ApiError(
            403,
            codes.FORBIDDEN_AUDIT_READ,
            "only a lead of the citizen's team or an administrator reads its access log",
        )
    a, d, u = schema.audit_entries, schema.devices, schema.users
    rows = conn.execute(
        select(a.c.device_id, a.c.seq, a.c.hash, a.c.entry, a.c.received_at)
        .add_columns(d.c.name.label("device_name"), u.c.id.label("user_id"), u.c.display_name)
        .join(d, d.c.id == a.c.device_id)
        .join(u, u.c.id == d.c.user_id)
        .where(a.c.citizen_id == citizen_id)
    ).all()
    entries = [
        CitizenAuditEntry(
            device_id=r.device_id,
            device_name=r.device_name,
            user_id=r.user_id,
            user_name=r.display_name,
            seq=int(r.seq),
            hash=r.hash,
            at=_text(r.entry, "at"),
            action=_text(r.entry, "action"),
            entity=_text(r.entry, "entity"),
            record_id=_text(r.entry, "record_id"),
            purpose=_text(r.entry, "purpose"),
            criterion=_text(r.entry, "criterion"),
            received_at=float(r.received_at),
        )
        for r in rows
    ]
    entries.sort(key=lambda e: (e.at or "", e.device_id, e.seq))
    log.info("citizen access log read by device %s: %d entries", actor.device_id, len(entries))
    return CitizenAuditResponse(citizen_id, entries)


def may_read_citizen_log(conn: Connection, actor: Actor, citizen_id: str) -> bool:
    """Administrators read any citizen's log; a team lead only that of a citizen of a team
    they lead (where the citizen is now). A citizen the server does not know belongs to no
    team, and the answer does not tell whether it exists."""
    if actor.role == "admin":
        return True
    if not actor.lead_teams:
        return False
    r = schema.records
    team = conn.execute(
        select(r.c.partition).where(r.c.entity == "citizen", r.c.record_id == citizen_id)
    ).scalar()
    return team is not None and team in actor.lead_teams


def _seq(entry: Mapping[str, Any]) -> int | None:
    """The entry's seq if it is an integer (true and false are not: a chain holds no bools)."""
    seq = entry.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else None


def _text(entry: Mapping[str, Any], key: str) -> str | None:
    """A device's entry is free-form JSON (only its chain is checked): keep text fields only."""
    value = entry.get(key) if isinstance(entry, Mapping) else None
    return value if isinstance(value, str) else None


def _broken(actor: Actor, verified: int | None, at: object, reason: str) -> None:
    log.warning("audit chain of device %s broken at %s", actor.device_id, at)
    raise ApiError(
        422,
        codes.AUDIT_CHAIN_BROKEN,
        f"audit chain broken: {reason}",
        verified_until=verified or 0,
        broken_at=at if isinstance(at, int) else None,
    )


@dataclass(frozen=True)
class ChainVerdict:
    """One device's stored chain, checked end to end."""

    device_id: str
    entries: int
    ok: bool
    problem: str = ""
    first_bad_seq: int | None = None
    superseded: int = 0
    """Entries set aside after a rollback of the device (kept; not a fault by itself)."""


def verify_stored(conn: Connection, device_id: str | None = None) -> list[ChainVerdict]:
    """Check every stored chain (or one device's): an entry edited in the database, removed,
    or cut off the end is found. Each entry's hash is recomputed from its stored content;
    the head recorded at upload (``device_marks``) shows a truncated tail."""
    a, m = schema.audit_entries, schema.device_marks
    devices = sorted(
        {str(r[0]) for r in conn.execute(select(a.c.device_id).distinct())}
        | {str(r[0]) for r in conn.execute(select(m.c.device_id).where(m.c.audit_seq > 0))}
    )
    if device_id is not None:
        devices = [d for d in devices if d == device_id] or [device_id]
    verdicts = []
    for device in devices:
        rows = conn.execute(
            select(a.c.seq, a.c.prev_hash, a.c.hash, a.c.entry)
            .where(a.c.device_id == device)
            .order_by(a.c.seq)
        ).all()
        superseded = conn.execute(
            select(func.count())
            .select_from(schema.audit_superseded)
            .where(schema.audit_superseded.c.device_id == device)
        ).scalar_one()
        verdicts.append(_verdict(device, rows, marks.read(conn, device), int(superseded)))
    return verdicts


def _verdict(
    device: str, rows: Sequence[Any], head: DeviceMarks | None, superseded: int
) -> ChainVerdict:
    def bad(problem: str, seq: int | None) -> ChainVerdict:
        return ChainVerdict(device, len(rows), False, problem, seq, superseded)

    expected_seq, prev = 1, GENESIS_HASH
    for row in rows:
        entry = dict(row.entry)
        if row.seq != expected_seq:
            return bad("entry_removed", expected_seq)
        if row.prev_hash != prev or entry.get("prev_hash") != prev:
            return bad("chain_broken", row.seq)
        if entry.get("seq") != row.seq or entry.get("hash") != row.hash:
            return bad("entry_edited", row.seq)
        if audit_entry_hash(entry) != row.hash:
            return bad("entry_edited", row.seq)
        expected_seq, prev = row.seq + 1, row.hash
    last_seq = expected_seq - 1
    if head is not None and head.audit_seq > last_seq:
        return bad("truncated", last_seq + 1)
    if head is not None and head.audit_seq == last_seq and last_seq and head.audit_hash != prev:
        return bad("entry_edited", last_seq)
    return ChainVerdict(device, len(rows), True, superseded=superseded)

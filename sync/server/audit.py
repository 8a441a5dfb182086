"""Receive devices' access-log chains and keep only what verifies.

Each device has its own hash chain. A batch must continue the stored chain; entries already
stored may be sent again (a lost reply) if they are byte-identical. A broken chain is refused
as a whole, so the server never holds a chain with a hole in it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from sync.protocol import errors as codes
from sync.protocol.digest import check_audit_chain
from sync.protocol.messages import AuditResponse
from sync.server import schema
from sync.server.auth import Actor
from sync.server.errors import ApiError

log = logging.getLogger("sync.server.audit")


def upload(
    conn: Connection, actor: Actor, entries: Sequence[Mapping[str, Any]], now: float
) -> AuditResponse:
    a = schema.audit_entries
    tail = conn.execute(
        select(a.c.seq, a.c.hash)
        .where(a.c.device_id == actor.device_id)
        .order_by(a.c.seq.desc())
        .limit(1)
    ).first()
    tail_seq, tail_hash = (int(tail.seq), str(tail.hash)) if tail else (None, None)
    stored = {
        int(r.seq): r.hash
        for r in conn.execute(
            select(a.c.seq, a.c.hash).where(
                a.c.device_id == actor.device_id,
                a.c.seq.in_([e.get("seq") for e in entries if isinstance(e.get("seq"), int)]),
            )
        )
    }
    fresh = []
    for entry in entries:
        seq = entry.get("seq")
        if isinstance(seq, int) and tail_seq is not None and seq <= tail_seq:
            if stored.get(seq) != entry.get("hash"):
                _broken(actor, tail_seq, seq, "differs from the entry already stored")
            continue
        fresh.append(entry)
    check = check_audit_chain(fresh, tail_seq, tail_hash)
    if check.reason is not None:
        _broken(actor, tail_seq, check.broken_at, check.reason)
    rows = [
        {
            "device_id": actor.device_id,
            "seq": e["seq"],
            "prev_hash": e["prev_hash"],
            "hash": e["hash"],
            "entry": dict(e),
            "received_at": now,
        }
        for e in fresh
    ]
    if rows:
        conn.execute(insert(a), rows)
    verified = check.verified_until if check.verified_until is not None else 0
    return AuditResponse(verified)


def _broken(actor: Actor, verified: int | None, at: object, reason: str) -> None:
    log.warning("audit chain of device %s broken at %s", actor.device_id, at)
    raise ApiError(
        422,
        codes.AUDIT_CHAIN_BROKEN,
        f"audit chain broken: {reason}",
        verified_until=verified or 0,
        broken_at=at if isinstance(at, int) else None,
    )

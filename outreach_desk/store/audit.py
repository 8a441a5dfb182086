"""The access log (log over opslag): who looked at whose data, when, and why.

Append-only (triggers refuse UPDATE and DELETE) and hash-chained: each entry's hash
covers its content and the previous hash. The newest (seq, hash) is also kept in
``meta`` as an anchor, so a truncated tail is detected as well as an edited or
removed entry. Citizens may ask for the dates and purposes of lookups on them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from ..domain.enums import AccessAction
from .session import Session

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AccessEntry:
    seq: int
    at: str
    user_id: str
    device_id: str
    action: str
    entity: str
    record_id: str | None
    citizen_id: str | None
    purpose: str
    criterion: str | None
    prev_hash: str
    hash: str

    def computed_hash(self) -> str:
        return entry_hash({k: v for k, v in asdict(self).items() if k != "hash"})


def entry_hash(fields: dict[str, Any]) -> str:
    """SHA-256 over canonical JSON of everything but the hash (prev_hash included)."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify_chain(
    entries: Iterable[AccessEntry], anchor: tuple[int, str] | None = None
) -> ChainReport:
    """Walk the chain; report the first entry that was edited, removed or reordered."""
    prev_hash, expected_seq, checked = GENESIS, None, 0
    last: AccessEntry | None = None
    for entry in entries:
        if expected_seq is not None and entry.seq != expected_seq:
            return ChainReport(False, checked, expected_seq, "entry_removed")
        if entry.prev_hash != prev_hash:
            return ChainReport(False, checked, entry.seq, "chain_broken")
        if entry.computed_hash() != entry.hash:
            return ChainReport(False, checked, entry.seq, "entry_edited")
        prev_hash, expected_seq, last = entry.hash, entry.seq + 1, entry
        checked += 1
    if anchor is not None:
        anchor_seq, anchor_hash = anchor
        if last is None or last.seq < anchor_seq:
            return ChainReport(False, checked, (last.seq + 1) if last else 1, "truncated")
        if last.seq == anchor_seq and last.hash != anchor_hash:
            return ChainReport(False, checked, last.seq, "entry_edited")
    return ChainReport(True, checked)


class AccessLog:
    def __init__(self, conn: Any, session: Session) -> None:
        self._conn = conn
        self._session = session

    def append(
        self,
        action: AccessAction,
        entity: str,
        record_id: str | None = None,
        citizen_id: str | None = None,
        criterion: str | None = None,
    ) -> AccessEntry:
        """Append within the caller's transaction (a change and its log entry commit together)."""
        head = self.anchor()
        seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS)
        fields: dict[str, Any] = {
            "seq": seq,
            "at": self._session.clock().isoformat(timespec="seconds"),
            "user_id": self._session.user_id,
            "device_id": self._session.device_id,
            "action": str(action),
            "entity": entity,
            "record_id": record_id,
            "citizen_id": citizen_id,
            "purpose": str(self._session.purpose),
            "criterion": criterion,
            "prev_hash": prev_hash,
        }
        entry = AccessEntry(**fields, hash=entry_hash(fields))
        self._conn.execute(
            "INSERT INTO access_log(seq, at, user_id, device_id, action, entity, record_id,"
            " citizen_id, purpose, criterion, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*fields.values(), entry.hash),
        )
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES ('audit_head', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (f"{entry.seq}:{entry.hash}",),
        )
        return entry

    def anchor(self) -> tuple[int, str] | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if not row:
            return None
        seq, digest = row[0].split(":")
        return int(seq), digest

    def entries(self, citizen_id: str | None = None, after: int = 0) -> list[AccessEntry]:
        sql = (
            "SELECT seq, at, user_id, device_id, action, entity, record_id, citizen_id, purpose,"
            " criterion, prev_hash, hash FROM access_log WHERE seq > ?"
        )
        params: tuple[Any, ...] = (after,)
        if citizen_id is not None:
            sql += " AND citizen_id = ?"
            params += (citizen_id,)
        return [AccessEntry(*row) for row in self._conn.execute(sql + " ORDER BY seq", params)]

    def recent(self, citizen_id: str, limit: int = 500) -> list[AccessEntry]:
        """The newest lookups of one citizen, oldest first (the citizen screen's list)."""
        rows = self._conn.execute(
            "SELECT seq, at, user_id, device_id, action, entity, record_id, citizen_id, purpose,"
            " criterion, prev_hash, hash FROM access_log WHERE citizen_id = ?"
            " ORDER BY seq DESC LIMIT ?",
            (citizen_id, limit),
        ).fetchall()
        return [AccessEntry(*row) for row in reversed(rows)]

    def verify(self) -> ChainReport:
        return verify_chain(self.entries(), self.anchor())

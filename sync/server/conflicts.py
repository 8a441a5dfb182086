"""Open conflicts for a human to see, and their resolution as an ordinary new change."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from sync.protocol import errors as codes
from sync.protocol.digest import values_equal
from sync.protocol.messages import (
    CITIZEN_TEAM_FIELD,
    DELETED_FIELD,
    ConflictInfo,
    ConflictSide,
    ResolveResponse,
)
from sync.server import schema
from sync.server.auth import Actor
from sync.server.errors import ApiError
from sync.server.store import Author, get_record, tombstone, write_fields

log = logging.getLogger("sync.server.conflicts")


def list_open(conn: Connection, actor: Actor) -> list[ConflictInfo]:
    """Unresolved conflicts in the device's partitions, oldest first."""
    if not actor.teams:
        return []
    rows = conn.execute(_OPEN, {"teams": sorted(actor.teams)}).all()
    return [
        ConflictInfo(
            conflict_id=r.id,
            entity=r.entity,
            record_id=r.record_id,
            partition=r.partition,
            field=r.field,
            base_seq=r.base_seq,
            base_value=r.base_value,
            server=ConflictSide(
                r.server_value,
                r.server_user_id,
                r.server_device_id,
                r.server_name,
                r.server_time,
                version=r.server_version,
            ),
            incoming=ConflictSide(
                r.incoming_value,
                r.incoming_user_id,
                r.incoming_device_id,
                r.incoming_name,
                r.incoming_time,
                hlc=r.incoming_hlc,
                op_id=r.incoming_op_id,
            ),
            provisional="server",
            created_at=r.created_at,
        )
        for r in rows
    ]


def _open_statement() -> Any:
    """Open conflicts of some teams with both sides' names (built once: every sync asks)."""
    c = schema.conflicts
    server_user = schema.users.alias("server_user")
    incoming_user = schema.users.alias("incoming_user")
    return (
        select(
            c,
            server_user.c.display_name.label("server_name"),
            incoming_user.c.display_name.label("incoming_name"),
        )
        .outerjoin(server_user, server_user.c.id == c.c.server_user_id)
        .outerjoin(incoming_user, incoming_user.c.id == c.c.incoming_user_id)
        .where(c.c.partition.in_(bindparam("teams", expanding=True)), c.c.resolved_at.is_(None))
        .order_by(c.c.created_at, c.c.id)
    )


_OPEN = _open_statement()


def resolve(
    conn: Connection, actor: Actor, conflict_id: str, value: Any, now: float
) -> ResolveResponse:
    """Write the chosen value as a new change and close the conflict.

    Resolving again with the same value from the same device returns the first answer, so a
    lost reply can be retried. For the ``_deleted`` pseudo-field, true deletes the record and
    false keeps it.
    """
    c = schema.conflicts
    row = conn.execute(select(c).where(c.c.id == conflict_id)).first()
    if row is None or row.partition not in actor.teams:
        raise ApiError(404, codes.CONFLICT_NOT_FOUND, "no such conflict")
    if row.resolved_at is not None:
        if row.resolved_by_device == actor.device_id and values_equal(row.resolution_value, value):
            return ResolveResponse(conflict_id, row.resolution_seq)
        raise ApiError(409, codes.CONFLICT_RESOLVED, "this conflict was already resolved")
    record = get_record(conn, row.entity, row.record_id)
    if record is None:  # pragma: no cover - conflicts are only made on existing records
        raise ApiError(404, codes.CONFLICT_NOT_FOUND, "the record is gone")
    if record.entity == "note" and record.fields.get("status") == "final":
        raise ApiError(409, codes.NOTE_FINAL, "the note was finalised; write an addendum")
    author = Author(actor.user_id, actor.device_id)
    seq: int | None = None
    if row.field == DELETED_FIELD:
        if not isinstance(value, bool):
            raise ApiError(400, codes.INVALID_REQUEST, "resolve a deletion with true or false")
        if value and not record.deleted:
            seq = tombstone(conn, record, author=author, now=now)
    else:
        if (
            record.entity == "citizen"
            and row.field == CITIZEN_TEAM_FIELD
            and value not in actor.teams
        ):
            raise ApiError(403, codes.FORBIDDEN_PARTITION, "not a member of that team")
        seq = write_fields(conn, record, {row.field: value}, kind="resolve", author=author, now=now)
    conn.execute(
        update(c)
        .where(c.c.id == conflict_id)
        .values(
            resolved_at=now,
            resolved_by_user=actor.user_id,
            resolved_by_device=actor.device_id,
            resolution_value=value,
            resolution_seq=seq,
        )
    )
    log.info("conflict %s resolved by device %s", conflict_id, actor.device_id)
    return ResolveResponse(conflict_id, seq)

"""What devices read: the handshake, the change feed and the partition digests.

All reads are limited to the partitions (teams) of the device's user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, String, Text, bindparam, case, cast, func, select

from sync.protocol import errors as codes
from sync.protocol import wirejson
from sync.protocol.codec import encode
from sync.protocol.digest import partition_digest, partition_digest_of_lines
from sync.protocol.messages import (
    MAX_PROTOCOL,
    MAX_SCHEMA,
    MIN_PROTOCOL,
    MIN_SCHEMA,
    Author,
    Change,
    ChangeField,
    ConflictInfo,
    HelloRequest,
    HelloResponse,
    PartitionSummary,
    PullRequest,
    PullResponse,
    TeamInfo,
    VerifyRequest,
    VerifyResponse,
)
from sync.server import conflicts, schema
from sync.server.auth import Actor
from sync.server.errors import ApiError
from sync.server.store import high_water


def hello(
    conn: Connection, request: HelloRequest, epoch: str, teams: list[TeamInfo], now: float
) -> HelloResponse:
    """Version handshake, plus what a device needs to notice that the server lost data.

    ``cursor_known`` is False when the device's last applied change is not on this server
    (a restore from backup): the device must pull from 0 and re-push what it holds.
    """
    if request.protocol < MIN_PROTOCOL or request.schema < MIN_SCHEMA:
        raise ApiError(
            426,
            codes.UPDATE_REQUIRED,
            "this app version is too old for the server; please update",
            min_protocol=MIN_PROTOCOL,
            min_schema=MIN_SCHEMA,
        )
    accepted = request.protocol <= MAX_PROTOCOL and request.schema <= MAX_SCHEMA
    cursor_known = None
    if request.cursor is not None:
        cursor_known = request.cursor.seq == 0 or (
            conn.execute(
                select(schema.change_log.c.change_id).where(
                    schema.change_log.c.seq == request.cursor.seq
                )
            ).scalar()
            == request.cursor.change_id
        )
    return HelloResponse(
        epoch=epoch,
        accepted=accepted,
        min_protocol=MIN_PROTOCOL,
        max_protocol=MAX_PROTOCOL,
        min_schema=MIN_SCHEMA,
        max_schema=MAX_SCHEMA,
        server_time=now,
        high_water=high_water(conn),
        teams=teams,
        cursor_known=cursor_known,
    )


def readable_partitions(actor: Actor, requested: Iterable[str] | None) -> frozenset[str]:
    """The partitions a pull reads: ``requested`` (all of the actor's when None); 403 when
    one of them is not the actor's."""
    return _partitions(actor, requested)


def _partitions(actor: Actor, requested: Iterable[str] | None) -> frozenset[str]:
    if requested is None:
        return actor.teams
    chosen = frozenset(requested)
    if not chosen <= actor.teams:
        raise ApiError(403, codes.FORBIDDEN_PARTITION, "not a member of a requested team")
    return chosen


def pull(conn: Connection, actor: Actor, request: PullRequest, epoch: str) -> PullResponse:
    """Changes after ``request.after`` in seq order.

    The high-water mark is read first and only changes up to it are served, so ``next`` can
    safely skip past changes of other partitions: every seq below it is committed (the
    change-log lock makes seq order commit order).
    """
    page = _pull_rows(conn, actor, request)
    check = _check(conn, actor, page.top) if request.check and not page.more else None
    changes = [
        Change(
            seq=r.seq,
            change_id=r.change_id,
            entity=r.entity,
            record_id=r.record_id,
            partition=r.partition,
            kind=r.kind,
            fields={
                name: ChangeField(f["value"], f["version"] if f["version"] is not None else r.seq)
                for name, f in r.fields.items()
            },
            deleted=bool(r.deleted),
            server_time=r.server_time,
            author=Author(r.user_id, r.device_id, r.display_name) if r.user_id else None,
            op_id=r.op_id,
        )
        for r in page.rows
    ]
    return PullResponse(
        changes,
        page.next,
        page.more,
        epoch,
        page.top,
        None if check is None else check[0],
        None if check is None else check[1],
        page.next_change_id,
    )


def pull_json(
    conn: Connection,
    actor: Actor,
    request: PullRequest,
    epoch: str,
    also_skip: Iterable[int] = (),
) -> dict[str, Any]:
    """``encode(pull(...))``, built straight from the rows (a page is large; this is the hot
    path of a pull). A change's stored fields are sent as stored (``wirejson.Fragment``)
    when every version in them is written out, which is the usual case. ``also_skip``: seqs
    left out as if they were in ``request.skip`` (a push's own writes)."""
    page = _pull_rows(conn, actor, request, raw_fields=True, also_skip=also_skip)
    changes = [
        {
            "seq": r.seq,
            "change_id": r.change_id,
            "entity": r.entity,
            "record_id": r.record_id,
            "partition": r.partition,
            "kind": r.kind,
            "fields": _wire_fields(r.fields, r.seq),
            "deleted": bool(r.deleted),
            "server_time": r.server_time,
            "author": (
                {"user_id": r.user_id, "device_id": r.device_id, "display_name": r.display_name}
                if r.user_id
                else None
            ),
            "op_id": r.op_id,
        }
        for r in page.rows
    ]
    answer: dict[str, Any] = {
        "changes": changes,
        "next": page.next,
        "more": page.more,
        "epoch": epoch,
        "high_water": page.top,
    }
    check = _check(conn, actor, page.top) if request.check and not page.more else None
    if check is not None:
        answer["partitions"] = {p: encode(summary) for p, summary in check[0].items()}
        answer["conflicts"] = [encode(c) for c in check[1]]
    if request.skip is not None:
        answer["next_change_id"] = page.next_change_id
    return answer


def _check(
    conn: Connection, actor: Actor, top: int
) -> tuple[dict[str, PartitionSummary], list[ConflictInfo]] | None:
    """What ``verify`` and ``conflicts/list`` answer, as of seq ``top``; None when a write
    committed meanwhile (READ COMMITTED on PostgreSQL), so the answer would not match the
    page: the device then asks as before."""
    summaries = partition_summaries(conn, actor.teams)
    open_conflicts = conflicts.list_open(conn, actor)
    if high_water(conn) != top:
        return None
    return summaries, open_conflicts


_OWN_SEQ = re.compile(r'"version"\s*:\s*null')


def _wire_fields(stored: str, seq: int) -> Any:
    """A change's stored fields JSON in wire form: as is unless a version is left to the
    change's own seq (then parsed and filled in)."""
    if _OWN_SEQ.search(stored) is None:
        return wirejson.Fragment(stored)
    fields = wirejson.loads(stored)
    return {
        name: {"value": f["value"], "version": f["version"] if f["version"] is not None else seq}
        for name, f in fields.items()
    }


@dataclass(frozen=True)
class _Page:
    rows: Sequence[Any]
    next: int
    more: bool
    top: int
    next_change_id: str | None = None
    """Only looked up for a protocol-3 pull (``PullRequest.skip`` given)."""


_SKIPPABLE_KINDS = frozenset(("upsert", "append", "delete"))


def _pull_rows(
    conn: Connection,
    actor: Actor,
    request: PullRequest,
    *,
    raw_fields: bool = False,
    also_skip: Iterable[int] = (),
) -> _Page:
    """The page's rows; ``raw_fields``: with ``fields`` as the stored JSON text."""
    top = high_water(conn)
    partitions = _partitions(actor, request.partitions)
    c, u = schema.change_log, schema.users
    columns: list[Any] = (
        [*(col for col in c.c if col.name != "fields"), cast(c.c.fields, Text).label("fields")]
        if raw_fields
        else list(c.c)
    )
    rows: Sequence[Any] = (
        conn.execute(
            select(*columns, u.c.display_name)
            .outerjoin(u, u.c.id == c.c.user_id)
            .where(c.c.partition.in_(partitions), c.c.seq > request.after, c.c.seq <= top)
            .order_by(c.c.seq)
            .limit(request.limit + 1)
        ).all()
        if partitions
        else []
    )
    more = len(rows) > request.limit
    rows = rows[: request.limit]
    next_seq = int(rows[-1].seq) if more else max(top, request.after)
    skip = {*(request.skip or ()), *also_skip}
    if skip:
        rows = [r for r in rows if not (r.seq in skip and _own_plain_write(r, actor))]
    next_change_id = None
    if request.skip is not None and next_seq > 0:
        next_change_id = conn.execute(
            select(c.c.change_id).where(c.c.seq == next_seq)
        ).scalar_one_or_none()
    return _Page(rows, next_seq, more, top, next_change_id)


def _own_plain_write(row: Any, actor: Actor) -> bool:
    """A change the device's own push result fully describes: written by this device, of a
    kind that writes only what the op sent, every field at the change's own seq. A "moved"
    marker, or a restore or move that carries the whole record, is always sent."""
    if row.device_id != actor.device_id or row.kind not in _SKIPPABLE_KINDS:
        return False
    fields = wirejson.loads(row.fields) if isinstance(row.fields, str) else row.fields
    return all(f.get("version") in (None, row.seq) for f in fields.values())


_c = schema.change_log.c
_LATEST_CHANGE = (
    select(_c.seq, _c.change_id)
    .where(_c.partition == bindparam("partition"))
    .order_by(_c.seq.desc())
    .limit(1)
)
_digests: dict[tuple[str, str], tuple[tuple[int, str] | None, PartitionSummary]] = {}
"""(database, partition) -> (its latest change, its digest): see ``partition_summaries``."""


def _latest_change(conn: Connection, partition: str) -> tuple[int, str] | None:
    row = conn.execute(_LATEST_CHANGE, {"partition": partition}).first()
    return None if row is None else (int(row.seq), str(row.change_id))


def partition_summaries(conn: Connection, partitions: Iterable[str]) -> dict[str, PartitionSummary]:
    """The digest of each partition's records.

    Every write to a record appends a change to each partition it affects, in the same
    transaction (``sync.server.store``), so a partition's latest change (seq and change id,
    which also tells a restored database apart) identifies the state of its records: a digest
    is remembered under it and computed again only after the partition changed. It is
    remembered only when the latest change was the same before and after reading the
    records, so a write committing meanwhile (READ COMMITTED on PostgreSQL) is never
    mistaken for the state it followed.
    """
    database = conn.engine.url.render_as_string(hide_password=False)
    chosen = sorted(partitions)
    answer: dict[str, PartitionSummary] = {}
    stale: dict[str, tuple[int, str] | None] = {}
    for p in chosen:
        latest = _latest_change(conn, p)
        cached = _digests.get((database, p))
        if cached is not None and cached[0] == latest:
            answer[p] = cached[1]
        else:
            stale[p] = latest
    lines: dict[str, str | None] = dict.fromkeys(stale)
    if stale:
        lines.update(_partition_lines(conn, sorted(stale)))
    for p, text in lines.items():
        answer[p] = partition_digest_of_lines(text)
        if _latest_change(conn, p) == stale[p]:
            _digests[(database, p)] = (stale[p], answer[p])
    return {p: answer[p] for p in chosen}


def _partition_lines(conn: Connection, partitions: list[str]) -> dict[str, str]:
    """Each partition's digest lines joined by newlines, built by the database: one string
    per partition instead of a row per record (``partition_digest_of_lines``)."""
    r = schema.records.c
    line = (
        r.entity
        + "|"
        + r.record_id
        + "|"
        + cast(r.version, String)
        + "|"
        + case((r.deleted, "1"), else_="0")
    )
    if conn.dialect.name == "postgresql":
        joined = func.string_agg(line, func.chr(10))
    else:
        joined = func.group_concat(line, func.char(10))
    rows = conn.execute(
        select(r.partition, joined).where(r.partition.in_(partitions)).group_by(r.partition)
    )
    return {str(row[0]): str(row[1]) for row in rows}


def verify(conn: Connection, actor: Actor, request: VerifyRequest) -> VerifyResponse:
    """Compare the device's digest of each of its partitions with ours.

    A partition the device did not mention counts as empty, so a missing team is a mismatch.
    """
    _partitions(actor, request.partitions)
    server = partition_summaries(conn, actor.teams)
    empty = partition_digest([])
    mismatches = sorted(p for p in server if request.partitions.get(p, empty) != server[p])
    return VerifyResponse(mismatches, server)

"""What devices read: the handshake, the change feed and the partition digests.

All reads are limited to the partitions (teams) of the device's user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Text, bindparam, cast, select

from sync.protocol import errors as codes
from sync.protocol import wirejson
from sync.protocol.codec import encode
from sync.protocol.digest import (
    hash_of_line,
    partition_digest,
    partition_digest_of_lines,
    record_line,
    sum_bytes,
    sum_summary,
)
from sync.protocol.messages import (
    DEFAULT_MAX_BODY_BYTES,
    MAX_PROTOCOL,
    MAX_SCHEMA,
    MIN_PROTOCOL,
    MIN_SCHEMA,
    PUSH_OPS_LIMIT,
    SUM_DIGEST,
    VALUES_FORM,
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
    conn: Connection,
    request: HelloRequest,
    epoch: str,
    teams: list[TeamInfo],
    now: float,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
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
            conn.execute(_CHANGE_AT, {"seq": request.cursor.seq}).scalar()
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
        max_push_ops=PUSH_OPS_LIMIT,
        max_body_bytes=max_body_bytes,
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


def pull(
    conn: Connection,
    actor: Actor,
    request: PullRequest,
    epoch: str,
    memory: DigestMemory | None = None,
) -> PullResponse:
    """Changes after ``request.after`` in seq order.

    The high-water mark is read first and only changes up to it are served, so ``next`` can
    safely skip past changes of other partitions: every seq below it is committed (the
    change-log lock makes seq order commit order).
    """
    page = _pull_rows(conn, actor, request)
    check = (
        _check(conn, actor, page.top, request.digest, memory)
        if request.check and not page.more
        else None
    )
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
    memory: DigestMemory | None = None,
) -> dict[str, Any]:
    """``encode(pull(...))``, built straight from the rows (a page is large; this is the hot
    path of a pull). A change's stored fields are sent as stored (``wirejson.Fragment``)
    when every version in them is written out, which is the usual case; asked for the values
    form (``request.form``, protocol 5), a change whose fields share a version is sent in
    it. ``also_skip``: seqs left out as if they were in ``request.skip`` (a push's own
    writes)."""
    page = _pull_rows(conn, actor, request, raw_fields=True, also_skip=also_skip)
    values_form = request.form == VALUES_FORM
    changes = [
        {
            "seq": r.seq,
            "change_id": r.change_id,
            "entity": r.entity,
            "record_id": r.record_id,
            "partition": r.partition,
            "kind": r.kind,
            **_wire_change_fields(r.fields, r.seq, values_form),
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
    check = (
        _check(conn, actor, page.top, request.digest, memory)
        if request.check and not page.more
        else None
    )
    if check is not None:
        answer["partitions"] = {p: encode(summary) for p, summary in check[0].items()}
        answer["conflicts"] = [encode(c) for c in check[1]]
    if request.skip is not None:
        answer["next_change_id"] = page.next_change_id
    return answer


def _check(
    conn: Connection, actor: Actor, top: int, digest: str | None, memory: DigestMemory | None
) -> tuple[dict[str, PartitionSummary], list[ConflictInfo]] | None:
    """What ``verify`` and ``conflicts/list`` answer, as of seq ``top``; None when a write
    committed meanwhile (READ COMMITTED on PostgreSQL), so the answer would not match the
    page: the device then asks as before."""
    summaries = partition_summaries(conn, actor.teams, digest, memory)
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


def _wire_change_fields(stored: str, seq: int, values_form: bool) -> dict[str, Any]:
    """A change's ``values`` and ``version`` when asked for the values form and its fields
    share one version; else its ``fields`` (``_wire_fields``)."""
    if values_form:
        values = _values_form(stored, seq)
        if values is not None:
            return {"values": values[0], "version": values[1]}
    return {"fields": _wire_fields(stored, seq)}


def _values_form(stored: str, seq: int) -> tuple[dict[str, Any], int] | None:
    """A change's stored fields as (values, their one version) for ``VALUES_FORM``; None
    when the fields' versions differ (a restore or a move carries each field's own)."""
    version: int | None = None
    values: dict[str, Any] = {}
    for name, f in wirejson.loads(stored).items():
        own = f["version"] if f["version"] is not None else seq
        if version is None:
            version = own
        elif own != version:
            return None
        values[name] = f["value"]
    return None if version is None else (values, version)


@dataclass(frozen=True)
class _Page:
    rows: Sequence[Any]
    next: int
    more: bool
    top: int
    next_change_id: str | None = None
    """Only looked up for a protocol-3 pull (``PullRequest.skip`` given)."""


_SKIPPABLE_KINDS = frozenset(("upsert", "append"))
"""Kinds whose effect a push result fully tells the device: the fields it wrote, at their
versions. A delete is always sent: the device notes it only as the record's state, so an
older change of the record in the same pull (a conflict's resolution) would bring the
record back on the laptop, with nothing after it in the page to delete it again."""


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
    params = {
        "partitions": sorted(partitions),
        "after": request.after,
        "top": top,
        "limit": request.limit + 1,
    }
    rows: Sequence[Any] = (
        conn.execute(_PAGE_RAW if raw_fields else _PAGE, params).all() if partitions else []
    )
    more = len(rows) > request.limit
    rows = rows[: request.limit]
    next_seq = int(rows[-1].seq) if more else max(top, request.after)
    skip = {*(request.skip or ()), *also_skip}
    if skip:
        rows = [r for r in rows if not (r.seq in skip and _own_plain_write(r, actor))]
    next_change_id = None
    if request.skip is not None and next_seq > 0:
        next_change_id = conn.execute(_CHANGE_AT, {"seq": next_seq}).scalar_one_or_none()
    return _Page(rows, next_seq, more, top, next_change_id)


def _page_statement(raw_fields: bool) -> Any:
    """A page of the change log (built once: every pull runs it); ``raw_fields``: with
    ``fields`` as the stored JSON text."""
    c, u = schema.change_log, schema.users
    columns: list[Any] = (
        [*(col for col in c.c if col.name != "fields"), cast(c.c.fields, Text).label("fields")]
        if raw_fields
        else list(c.c)
    )
    return (
        select(*columns, u.c.display_name)
        .outerjoin(u, u.c.id == c.c.user_id)
        .where(
            c.c.partition.in_(bindparam("partitions", expanding=True)),
            c.c.seq > bindparam("after"),
            c.c.seq <= bindparam("top"),
        )
        .order_by(c.c.seq)
        .limit(bindparam("limit"))
    )


_PAGE = _page_statement(raw_fields=False)
_PAGE_RAW = _page_statement(raw_fields=True)


def _own_plain_write(row: Any, actor: Actor) -> bool:
    """A change the device's own push result fully describes: written by this device, of a
    kind that writes only what the op sent, every field at the change's own seq. A delete,
    a "moved" marker, or a restore or move that carries the whole record, is always sent."""
    if row.device_id != actor.device_id or row.kind not in _SKIPPABLE_KINDS:
        return False
    fields = wirejson.loads(row.fields) if isinstance(row.fields, str) else row.fields
    return all(f.get("version") in (None, row.seq) for f in fields.values())


_c = schema.change_log.c
_r = schema.records.c
_LATEST_CHANGE = (
    select(_c.seq, _c.change_id)
    .where(_c.partition == bindparam("partition"))
    .order_by(_c.seq.desc())
    .limit(1)
)
_CHANGE_AT = select(_c.change_id).where(_c.seq == bindparam("seq"))
_TOUCHED = (
    select(_c.entity, _c.record_id)
    .where(
        _c.partition == bindparam("partition"),
        _c.seq > bindparam("after"),
        _c.seq <= bindparam("upto"),
    )
    .distinct()
)
_RECORD_LINES = select(_r.entity, _r.record_id, _r.partition, _r.version, _r.deleted).where(
    _r.entity == bindparam("entity"), _r.record_id.in_(bindparam("ids", expanding=True))
)
_PARTITION_LINES = select(_r.entity, _r.record_id, _r.version, _r.deleted).where(
    _r.partition == bindparam("partition")
)


@dataclass
class _Digest:
    """A partition's digest as of its latest change, with its lines by record and the sum
    of their hashes (``SUM_DIGEST``); the sorted-lines digest is made when first asked for."""

    latest: tuple[int, str] | None
    lines: dict[tuple[str, str], str]
    total: int
    _sorted: PartitionSummary | None = None

    def summary(self, digest: str | None) -> PartitionSummary:
        if digest == SUM_DIGEST:
            return sum_summary(len(self.lines), sum_bytes(self.total))
        if self._sorted is None:
            self._sorted = partition_digest_of_lines("\n".join(self.lines.values()))
        return self._sorted


DigestMemory = dict[str, _Digest]
"""Partition -> its digest as of its latest change (``Database.digests``): see
``partition_summaries``."""


def _latest_change(conn: Connection, partition: str) -> tuple[int, str] | None:
    row = conn.execute(_LATEST_CHANGE, {"partition": partition}).first()
    return None if row is None else (int(row.seq), str(row.change_id))


def partition_summaries(
    conn: Connection,
    partitions: Iterable[str],
    digest: str | None = None,
    memory: DigestMemory | None = None,
) -> dict[str, PartitionSummary]:
    """The digest of each partition's records, of ``digest``'s kind (None: sorted lines).

    Every write to a record appends a change to each partition it affects, in the same
    transaction (``sync.server.store``), so a partition's latest change (seq and change id,
    which also tells a restored database apart) identifies the state of its records: a digest
    is remembered under it, with each record's line. When the partition has changed since,
    only the records its newer changes name are read again (a record that left the partition
    has a "moved" change there), and the sum of line hashes moves by theirs alone. A digest is
    remembered only when the latest change was the same before and after reading the records,
    so a write committing meanwhile (READ COMMITTED on PostgreSQL) is never mistaken for the
    state it followed.
    """
    memory = {} if memory is None else memory
    answer: dict[str, PartitionSummary] = {}
    for p in sorted(partitions):
        latest = _latest_change(conn, p)
        cached = memory.get(p)
        if cached is not None and cached.latest == latest:
            answer[p] = cached.summary(digest)
            continue
        current = _brought_up_to_date(conn, p, cached, latest) or _read_all(conn, p, latest)
        answer[p] = current.summary(digest)
        if _latest_change(conn, p) == latest:
            memory[p] = current
    return answer


def _brought_up_to_date(
    conn: Connection, partition: str, cached: _Digest | None, latest: tuple[int, str] | None
) -> _Digest | None:
    """The remembered digest brought up to ``latest``; None when it cannot be (nothing
    remembered, or the change it was taken at is not there any more: a restore)."""
    if cached is None or cached.latest is None or latest is None or latest[0] < cached.latest[0]:
        return None
    seq, change_id = cached.latest
    if conn.execute(_CHANGE_AT, {"seq": seq}).scalar() != change_id:
        return None
    touched = conn.execute(
        _TOUCHED, {"partition": partition, "after": seq, "upto": latest[0]}
    ).all()
    if len(touched) > max(1000, len(cached.lines) // 2):
        return None  # reading them all is as quick
    by_entity: dict[str, list[str]] = {}
    for entity, record_id in touched:
        by_entity.setdefault(entity, []).append(record_id)
    lines = dict(cached.lines)
    total = cached.total
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for key in zip([entity] * len(chunk), chunk, strict=True):
                gone = lines.pop(key, None)
                if gone is not None:
                    total -= hash_of_line(gone)
            for row in conn.execute(_RECORD_LINES, {"entity": entity, "ids": chunk}):
                if row.partition == partition:
                    line = record_line(row.entity, row.record_id, row.version, row.deleted)
                    lines[(row.entity, row.record_id)] = line
                    total += hash_of_line(line)
    return _Digest(latest, lines, total)


def _read_all(conn: Connection, partition: str, latest: tuple[int, str] | None) -> _Digest:
    lines = _all_lines(conn, partition)
    return _Digest(latest, lines, sum(hash_of_line(line) for line in lines.values()))


def _all_lines(conn: Connection, partition: str) -> dict[tuple[str, str], str]:
    return {
        (row.entity, row.record_id): record_line(*row)
        for row in conn.execute(_PARTITION_LINES, {"partition": partition})
    }


def verify(
    conn: Connection,
    actor: Actor,
    request: VerifyRequest,
    memory: DigestMemory | None = None,
) -> VerifyResponse:
    """Compare the device's digest of each of its partitions with ours.

    A partition the device did not mention counts as empty, so a missing team is a mismatch.
    """
    _partitions(actor, request.partitions)
    server = partition_summaries(conn, actor.teams, request.digest, memory)
    empty = sum_summary(0, None) if request.digest == SUM_DIGEST else partition_digest([])
    mismatches = sorted(p for p in server if request.partitions.get(p, empty) != server[p])
    return VerifyResponse(mismatches, server)

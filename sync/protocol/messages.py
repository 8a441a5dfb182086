"""The wire messages, as frozen dataclasses, and the protocol's fixed limits.

Decode incoming JSON with ``sync.protocol.decode(Message, data)``; every message validates
itself in ``__post_init__`` so an invalid one cannot exist on either side.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from sync.protocol.errors import InvalidMessage

JSONValue: TypeAlias = Any
"""Any value ``json.dumps`` accepts; field values are opaque to the protocol."""

PROTOCOL_VERSION = 5
"""2: a pull may ask for the check of the sync (``PullRequest.check``) on its last page.
3: a push may carry the access-log upload and the first pull page (``PushRequest.audit``,
``PushRequest.pull``); a pull leaves out the device's own writes it already holds
(``PullRequest.skip``) and names the change at its cursor (``PullResponse.next_change_id``).
4: the hello may carry the sync's push (``HelloRequest.push``), applied when the hello's
checks find nothing to do first, so an incremental sync is one signed request.
5: a pull may ask for its changes in the values form (``PullRequest.form``): a change whose
fields share one version carries ``values`` and that ``version`` (``VALUES_FORM``)."""
MIN_PROTOCOL = 1
MAX_PROTOCOL = 5
CHECKED_PULL_PROTOCOL = 2
"""The first protocol version whose servers know ``PullRequest.check``."""
SUM_DIGEST = "sum-sha256"
"""``PullRequest.digest``/``VerifyRequest.digest``: partition digests as kept sums of line
hashes (``sync.protocol.digest.partition_sum_digest``), protocol 3 and later."""
SUM_DIGEST_PROTOCOL = 3
"""The first protocol version whose servers answer ``SUM_DIGEST`` digests."""
SYNC_IN_PUSH_PROTOCOL = 3
"""The first protocol version whose servers know ``PushRequest.pull``/``audit`` and
``PullRequest.skip``."""
HELLO_PUSH_PROTOCOL = 4
"""The first protocol version whose servers know ``HelloRequest.push``."""
VALUES_FORM = "values"
"""``PullRequest.form``: each change whose fields all have one version comes as
``{"values": {name: value}, "version": n}`` instead of ``{"fields": {name: {"value": value,
"version": n}}}`` (the others as before). Most changes are one write of one op, so nearly all
do: a page is a quarter smaller and quicker to read. A server that does not know the form
ignores the request (unknown keys are), so a device reads both forms whatever it asked."""
VALUES_FORM_PROTOCOL = 5
"""The first protocol version whose servers answer ``PullRequest.form``."""
SCHEMA_VERSION = 1
"""Version of the entity/field vocabulary carried in ops (not the local database's version)."""
MIN_SCHEMA = 1
MAX_SCHEMA = 1

MAX_PUSH_OPS = 500
"""Most ops in one push that every server takes (the protocol 1-4 limit)."""
PUSH_OPS_LIMIT = 1000
"""Most ops in one push a server that says ``HelloResponse.max_push_ops`` may take: larger
batches share a request's fixed cost (signature, transaction, round trip) among more ops."""
DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
"""A request body's size limit where the server does not say its own (``max_body_bytes``)."""
MAX_SKIP = 1000
"""Most seqs a pull may ask to leave out (``PullRequest.skip``)."""
MAX_SEQ = 2**63 - 1
"""Largest seq, version or counter: what a signed 64-bit column holds (SQLite, PostgreSQL)."""
DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 1000

ENTITIES = frozenset(
    {
        "citizen",
        "place",
        "contact",
        "note",
        "addendum",
        "plan",
        "goal",
        "effort",
        "rating",
        "consent",
        "followup",
        "review",
    }
)
APPEND_ONLY_ENTITIES = frozenset({"addendum", "rating"})
"""Entities that can only ever be appended: never changed, never deleted."""
APPENDABLE_ENTITIES = APPEND_ONLY_ENTITIES | {"note"}
"""Entities an op of kind "append" may create (a note written and finalised offline)."""
CITIZEN_TEAM_FIELD = "team_id"
"""The one field that moves a record between partitions (citizens only)."""
DELETED_FIELD = "_deleted"
"""Pseudo-field named by a delete-versus-edit conflict; resolve it with true (delete) or false."""

Kind = Literal["upsert", "delete", "append"]
ChangeKind = Literal["upsert", "delete", "append", "moved", "resolve"]
OpStatus = Literal["applied", "conflict", "rejected"]
Role = Literal["caseworker", "team_lead", "admin"]

FIELD_NAME_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
_FIELD_NAME = re.compile(FIELD_NAME_PATTERN)


_UUID_PATTERN = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_UUID = re.compile(_UUID_PATTERN)
_FOUR_UUIDS = re.compile("\n".join([_UUID_PATTERN] * 4))
"""Four UUIDs, one a line: an op's four ids checked in one match (``is_plain_op``)."""


def is_uuid(value: str) -> bool:
    """True for a UUID in canonical lower-case text form (ids are compared as text): exactly
    the text ``str(uuid.UUID(value))`` gives back, checked without building the UUID."""
    return type(value) is str and _UUID.fullmatch(value) is not None


@functools.lru_cache(maxsize=4096)
def _is_field_name(name: str) -> bool:
    """Field names come from a small vocabulary: each is checked once, not once per op."""
    return bool(_FIELD_NAME.fullmatch(name))  # fullmatch: no trailing newline


@functools.lru_cache(maxsize=1024)
def _are_field_names(names: tuple[Any, ...]) -> bool:
    """``_is_field_name`` of each: the ops of a push name a few sets of fields, each set
    checked once (a dozen names an op otherwise)."""
    return all(type(name) is str and _is_field_name(name) for name in names)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidMessage(message)


@dataclass(frozen=True)
class FieldChange:
    """A field's new value and the server version (seq) of the field the edit was based on."""

    value: JSONValue
    base: int | None = None

    def __post_init__(self) -> None:
        _require(self.base is None or 0 <= self.base <= MAX_SEQ, "base must be a seq (>= 0)")


@dataclass(frozen=True)
class Op:
    """One change a device pushes; ``op_id`` (a UUIDv7) makes re-sending it harmless."""

    op_id: str
    device_id: str
    counter: int
    entity: str
    record_id: str
    partition: str
    kind: Kind
    fields: dict[str, FieldChange]
    hlc: str

    def __post_init__(self) -> None:
        _require(is_uuid(self.op_id), "op_id must be a UUID")
        _require(is_uuid(self.device_id), "device_id must be a UUID")
        _require(is_uuid(self.record_id), "record_id must be a UUID")
        _require(is_uuid(self.partition), "partition must be a team id (UUID)")
        _require(0 <= self.counter <= MAX_SEQ, "counter must be >= 0 and fit 64 bits")
        # the offending values are never quoted: a bad value may be personal data
        _require(self.entity in ENTITIES, "unknown entity")
        _require(0 < len(self.hlc) <= 64, "hlc must be 1-64 characters")
        for name in self.fields:
            _require(_is_field_name(name), "bad field name")
        _require(self.kind == "delete" or bool(self.fields), "upsert/append needs fields")


_OP_KEYS = frozenset(
    ("op_id", "device_id", "counter", "entity", "record_id", "partition", "kind", "fields", "hlc")
)
_KINDS = frozenset(("upsert", "delete", "append"))
_NO_BASE = object()


def is_plain_op(raw: Any) -> bool:
    """True if ``raw`` (parsed JSON) is an op that ``decode(Op, raw)`` accepts and builds from
    its values as they are: every rule of ``Op`` and ``FieldChange``, checked without
    building either (a push checks up to 500 ops of a dozen fields each). False for anything
    else, which the codec then refuses with its message (or converts, as ``3.0`` to ``3``)."""
    if not _plain_op_head(raw):
        return False
    fields = raw["fields"]
    if not _are_field_names(tuple(fields)):
        return False
    for change in fields.values():
        if type(change) is not dict or "value" not in change:
            return False
        size = len(change)
        if size == 2:
            base = change.get("base", _NO_BASE)
            if base is not None and (type(base) is not int or not 0 <= base <= MAX_SEQ):
                return False
        elif size != 1:
            return False
    return True


def plain_op_fields(raw: Any) -> dict[str, FieldChange] | None:
    """The fields of ``decode(Op, raw)`` when ``is_plain_op(raw)``, else None: the same
    rules, checked while the fields are built (for a reader that wants the op)."""
    if not _plain_op_head(raw):
        return None
    fields: dict[str, FieldChange] = {}
    new = object.__new__
    for name, change in raw["fields"].items():
        if type(change) is not dict or "value" not in change:
            return None
        size = len(change)
        base = None
        if size == 2:
            base = change.get("base", _NO_BASE)
            if base is not None and (type(base) is not int or not 0 <= base <= MAX_SEQ):
                return None
        elif size != 1:
            return None
        if type(name) is not str or not _is_field_name(name):
            return None
        field_change = new(FieldChange)  # equal to FieldChange(value, base), set up faster
        attributes = field_change.__dict__
        attributes["value"] = change["value"]
        attributes["base"] = base
        fields[name] = field_change
    return fields


def _plain_op_head(raw: Any) -> bool:
    """``is_plain_op`` but for the fields' own rules."""
    if type(raw) is not dict or raw.keys() != _OP_KEYS:
        return False
    counter, kind, fields, hlc = raw["counter"], raw["kind"], raw["fields"], raw["hlc"]
    op_id, device_id = raw["op_id"], raw["device_id"]
    record_id, partition = raw["record_id"], raw["partition"]
    return (
        type(counter) is int
        and 0 <= counter <= MAX_SEQ
        and type(kind) is str
        and kind in _KINDS
        and type(fields) is dict
        and (kind == "delete" or bool(fields))
        and type(hlc) is str
        and 0 < len(hlc) <= 64
        and type(raw["entity"]) is str
        and raw["entity"] in ENTITIES
        and type(op_id) is str
        and type(device_id) is str
        and type(record_id) is str
        and type(partition) is str
        # is_uuid of each (a UUID holds no newline, so none can reach into the next)
        and _FOUR_UUIDS.fullmatch(f"{op_id}\n{device_id}\n{record_id}\n{partition}") is not None
    )


@dataclass(frozen=True)
class EnrolRequest:
    code: str
    device_name: str
    device_public_key: str
    """Base64 of the raw 32-byte Ed25519 public key."""

    def __post_init__(self) -> None:
        _require(0 < len(self.device_name) <= 200, "device_name must be 1-200 characters")
        _require("\x00" not in self.device_name, "device_name must not contain NUL")
        _require(0 < len(self.code) <= 40, "code must be 1-40 characters")


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str
    role: Role


@dataclass(frozen=True)
class TeamInfo:
    id: str
    name: str
    lead: bool = False


@dataclass(frozen=True)
class EnrolResponse:
    device_id: str
    user: UserInfo
    teams: list[TeamInfo]
    server_public_key: str
    """Base64 raw Ed25519 public key; keep it to verify wipe instructions."""
    policy: dict[str, JSONValue] = field(default_factory=dict)


@dataclass(frozen=True)
class CursorCheck:
    """The last change a device applied, so the server can say whether it still has it."""

    seq: int
    change_id: str

    def __post_init__(self) -> None:
        _require(0 <= self.seq <= MAX_SEQ, "seq must be a seq (>= 0)")


@dataclass(frozen=True)
class DeviceMarks:
    """How far a device has got: the highest op counter it has used and the head of its
    access-log chain. The server keeps the highest it has accepted; a device whose store
    is behind them was rolled back to an older copy (a restored backup)."""

    op_counter: int = 0
    audit_seq: int = 0
    audit_hash: str | None = None

    def __post_init__(self) -> None:
        _require(
            0 <= self.op_counter <= MAX_SEQ and 0 <= self.audit_seq <= MAX_SEQ,
            "marks must be >= 0 and fit 64 bits",
        )


@dataclass(frozen=True)
class HelloRequest:
    protocol: int
    schema: int
    app_version: str
    cursor: CursorCheck | None = None
    marks: DeviceMarks | None = None
    """Sent by clients that can recover from a rollback; older ones leave it out."""
    push: PushRequest | None = None
    """Protocol 4: the sync's push (its ops may be none), with its pull page and access-log
    upload. The server applies it only when the hello asks nothing of the device first
    (``HelloResponse.push``); ``marks`` and, when the cursor is not 0, ``cursor`` must then
    be given too."""
    audit_base: AuditBase | None = None
    """Protocol 4, with ``push``: the last access-log entry this device knows the server
    holds, so the server can check the device's own entry at its head (see ``DeviceMarks``)."""


@dataclass(frozen=True)
class HelloResponse:
    epoch: str
    accepted: bool
    min_protocol: int
    max_protocol: int
    min_schema: int
    max_schema: int
    server_time: float
    high_water: int
    """Largest seq the server holds; a device cursor beyond it means the server lost data."""
    teams: list[TeamInfo] = field(default_factory=list)
    cursor_known: bool | None = None
    """False when the device's last change is not on the server (restored from a backup):
    pull again from 0 and re-push everything the device still holds."""
    device_marks: DeviceMarks | None = None
    """The highest marks the server has accepted from this device (None: nothing yet)."""
    rolled_back: bool | None = None
    """True when the device's marks are behind the server's: its store is an older copy.
    None when the device sent no marks."""
    max_push_ops: int | None = None
    """The most ops this server takes in one push (None: an older server, ``MAX_PUSH_OPS``)."""
    max_body_bytes: int | None = None
    """The largest request body this server reads (None: ``DEFAULT_MAX_BODY_BYTES``)."""
    push: PushResponse | None = None
    """Protocol 4: the answer to ``HelloRequest.push``, which was applied. None when it was
    not: the device must first act on this hello (a restored server or store, an unknown
    cursor, an access-log head it must check itself), then push as in protocol 3."""


@dataclass(frozen=True)
class PushRequest:
    ops: list[Op]
    pull: PullRequest | None = None
    """Protocol 3: answer this pull too, read after the ops have committed, leaving out the
    changes the batch's applied ops wrote (as if their seqs were in ``pull.skip``)."""
    audit: AuditRequest | None = None
    """Protocol 3: store these access-log entries too, after the ops (``/v1/audit``)."""

    def __post_init__(self) -> None:
        _require(len(self.ops) <= PUSH_OPS_LIMIT, f"at most {PUSH_OPS_LIMIT} ops per push")


@dataclass(frozen=True)
class OpResult:
    op_id: str
    status: OpStatus
    seq: int | None = None
    """Seq of the change this op wrote, or None when it changed nothing."""
    conflict_id: str | None = None
    conflict_ids: list[str] = field(default_factory=list)
    reason: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class PushResponse:
    results: list[OpResult]
    pull: PullResponse | None = None
    """The page ``PushRequest.pull`` asked for."""
    audit: AuditResponse | None = None
    """The answer to ``PushRequest.audit``; None when it was refused (``audit_error``)."""
    audit_error: str | None = None
    """The error code ``/v1/audit`` would have answered; the ops are applied regardless, and
    the device uploads its log on its own (``/v1/audit``) as before."""


@dataclass(frozen=True)
class PullRequest:
    after: int = 0
    limit: int = DEFAULT_PULL_LIMIT
    partitions: list[str] | None = None
    """Restrict to these teams, e.g. to back-fill a team the user was just added to."""
    check: bool = False
    """Protocol 2: on the last page (``more`` false) also answer what ``verify`` and
    ``conflicts/list`` would (``PullResponse.partitions`` and ``conflicts``), for the same
    moment as the page, so a sync needs neither request. A server may leave them out (an
    older server, or a write committed while the page was read): then ask as before."""
    skip: list[int] | None = None
    """Protocol 3: seqs of changes this device wrote and already holds (its push results
    said so). Such a change is left out of the page when it is a plain write of this device
    (kind upsert or append, every field at the change's own version); anything else (a
    delete too) is sent as usual. Given (even empty), the answer also names ``next_change_id``."""
    digest: str | None = None
    """Protocol 3: ``SUM_DIGEST`` to have ``PullResponse.partitions`` as kept sums (which a
    device reads from one row per team) instead of hashes of the sorted lines."""
    form: str | None = None
    """Protocol 5: ``VALUES_FORM`` for changes in the values form where they fit it."""

    def __post_init__(self) -> None:
        _require(0 <= self.after <= MAX_SEQ, "after must be a seq (>= 0)")
        _require(0 < self.limit <= MAX_PULL_LIMIT, f"limit must be 1-{MAX_PULL_LIMIT}")
        _require(self.digest in (None, SUM_DIGEST), f"digest must be {SUM_DIGEST!r} or absent")
        _require(self.form in (None, VALUES_FORM), f"form must be {VALUES_FORM!r} or absent")
        if self.skip is not None:
            _require(len(self.skip) <= MAX_SKIP, f"at most {MAX_SKIP} seqs to skip")


@dataclass(frozen=True)
class ChangeField:
    value: JSONValue
    version: int


@dataclass(frozen=True)
class Author:
    user_id: str
    device_id: str | None
    display_name: str


@dataclass(frozen=True)
class Change:
    """One entry of the change feed.

    ``kind`` "moved": the citizen left this partition for ``fields.team``; drop it unless you
    hold that team too (its full state follows in that team's feed). A change that restores or
    moves a record carries all of its fields with their own versions.
    """

    seq: int
    change_id: str
    entity: str
    record_id: str
    partition: str
    kind: ChangeKind
    fields: dict[str, ChangeField]
    deleted: bool
    server_time: float
    author: Author | None = None
    op_id: str | None = None


@dataclass(frozen=True)
class PullResponse:
    changes: list[Change]
    next: int
    """Cursor for the next pull: store it in the same transaction as the applied changes."""
    more: bool
    epoch: str
    high_water: int
    partitions: dict[str, PartitionSummary] | None = None
    """With ``PullRequest.check``, on the last page: the digest of each of the device's
    partitions as of ``high_water`` (what ``VerifyResponse.server`` holds)."""
    conflicts: list[ConflictInfo] | None = None
    """With ``PullRequest.check``, on the last page: the open conflicts (``ConflictList``)."""
    next_change_id: str | None = None
    """With ``PullRequest.skip``: the id of the change at seq ``next`` (None when there is
    none), which may be another team's change or a skipped one. A device keeps it with its
    cursor and sends both in ``hello`` (``CursorCheck``)."""


@dataclass(frozen=True)
class PartitionSummary:
    count: int
    hash: str


@dataclass(frozen=True)
class VerifyRequest:
    partitions: dict[str, PartitionSummary]
    digest: str | None = None
    """Protocol 3: ``SUM_DIGEST`` when ``partitions`` are kept sums; the answer's ``server``
    digests are then of the same kind."""

    def __post_init__(self) -> None:
        _require(self.digest in (None, SUM_DIGEST), f"digest must be {SUM_DIGEST!r} or absent")


@dataclass(frozen=True)
class VerifyResponse:
    mismatches: list[str]
    server: dict[str, PartitionSummary]


@dataclass(frozen=True)
class AuditBase:
    """A point of a device's chain: the entry at ``seq`` has ``hash`` (seq 0: the start)."""

    seq: int
    hash: str

    def __post_init__(self) -> None:
        _require(0 <= self.seq <= MAX_SEQ, "seq must be >= 0 and fit 64 bits")


@dataclass(frozen=True)
class AuditRequest:
    entries: list[dict[str, JSONValue]]
    supersede_after: AuditBase | None = None
    """After a rollback: the entries continue the chain at this point, which both sides
    share; what the server holds after it came from the lost copy and is set aside (kept).

    Each entry is checked as a link of the device's hash chain (``check_audit_chain``);
    only a seq too large to store is refused here."""

    def __post_init__(self) -> None:
        for entry in self.entries:
            seq = entry.get("seq")
            if isinstance(seq, int) and not isinstance(seq, bool):
                _require(0 <= seq <= MAX_SEQ, "an entry's seq must be >= 0 and fit 64 bits")


@dataclass(frozen=True)
class AuditResponse:
    verified_until: int


@dataclass(frozen=True)
class CitizenAuditRequest:
    """Ask for one citizen's access log from every device (a data-subject request)."""

    citizen_id: str

    def __post_init__(self) -> None:
        _require(is_uuid(self.citizen_id), "citizen_id must be a UUID")


@dataclass(frozen=True)
class CitizenAuditEntry:
    """One lookup of the citizen as a device recorded it: who, on which device, when, what
    and why. ``user_id`` and ``user_name`` are the device's owner as the server knows it;
    ``hash`` identifies the entry in that device's chain (and in the device's own copy)."""

    device_id: str
    device_name: str
    user_id: str
    user_name: str
    seq: int
    hash: str
    at: str | None
    action: str | None
    entity: str | None
    record_id: str | None
    purpose: str | None
    criterion: str | None
    received_at: float


@dataclass(frozen=True)
class CitizenAuditResponse:
    citizen_id: str
    entries: list[CitizenAuditEntry]
    """Oldest first, by the time the device recorded, then device and seq."""


@dataclass(frozen=True)
class ConflictSide:
    value: JSONValue
    user_id: str | None
    device_id: str | None
    display_name: str | None
    time: float | None
    version: int | None = None
    hlc: str | None = None
    op_id: str | None = None


@dataclass(frozen=True)
class ConflictInfo:
    """Both sides of a concurrent edit; ``provisional`` is the value every device shows until a
    human resolves it (always the value the server already had)."""

    conflict_id: str
    entity: str
    record_id: str
    partition: str
    field: str
    base_seq: int | None
    base_value: JSONValue
    server: ConflictSide
    incoming: ConflictSide
    provisional: Literal["server"]
    created_at: float


@dataclass(frozen=True)
class ConflictListRequest:
    pass


@dataclass(frozen=True)
class ConflictList:
    conflicts: list[ConflictInfo]


@dataclass(frozen=True)
class ResolveRequest:
    value: JSONValue


@dataclass(frozen=True)
class ResolveResponse:
    conflict_id: str
    seq: int | None


@dataclass(frozen=True)
class WipeInstruction:
    """Server-signed order to crypto-erase a revoked device; verify before acting on it."""

    device_id: str
    issued_at: int
    signature: str

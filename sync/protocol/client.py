"""A small, Qt-free HTTP client for the sync server: signs requests, types the answers.

It holds no sync state (cursor, outbox): that is the engine's job. Every failure surfaces as a
``ProtocolError`` subclass so callers can keep the outbox and retry later.
"""

from __future__ import annotations

import dataclasses
import functools
import ipaddress
import ssl
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol import errors, wirejson
from sync.protocol.codec import decode, encode
from sync.protocol.errors import (
    AuthError,
    DeviceRevoked,
    InvalidMessage,
    ProtocolError,
    ServerUnavailable,
    UpdateRequired,
)
from sync.protocol.messages import (
    DEFAULT_PULL_LIMIT,
    PROTOCOL_VERSION,
    PUSH_OPS_LIMIT,
    SCHEMA_VERSION,
    AuditBase,
    AuditRequest,
    AuditResponse,
    Author,
    Change,
    ChangeField,
    CitizenAuditRequest,
    CitizenAuditResponse,
    ConflictInfo,
    ConflictList,
    CursorCheck,
    DeviceMarks,
    EnrolRequest,
    EnrolResponse,
    HelloRequest,
    HelloResponse,
    Op,
    OpResult,
    OpStatus,
    PartitionSummary,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ResolveResponse,
    VerifyRequest,
    VerifyResponse,
    WipeInstruction,
    is_plain_op,
    plain_op_fields,
)
from sync.protocol.signing import encode_public_key, sign_request, verify_wipe_instruction

if TYPE_CHECKING:
    # imported where a client is made: with its command-line extras httpx takes 150-250 ms
    # to import, a fifth of the desktop app's start before its unlock screen shows
    import httpx

T = TypeVar("T")


@dataclass(frozen=True)
class DeviceCredentials:
    """What a device keeps (in its encrypted store) after enrolment."""

    device_id: str
    private_key: Ed25519PrivateKey
    server_public_key: str


@functools.cache
def _default_tls() -> ssl.SSLContext:
    """httpx's default verifying context, built once: loading the CA bundle takes ~20 ms,
    which every sync (a new client) would pay again. A context is safe to share."""
    import httpx

    return httpx.create_ssl_context()


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses, the only hosts plain HTTP may reach."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SyncClient:
    """Signed JSON calls to one sync server.

    >>> client = SyncClient("https://sync.example.dk", credentials)  # doctest: +SKIP
    >>> client.hello("1.0.0").high_water  # doctest: +SKIP
    """

    def __init__(
        self,
        base_url: str,
        credentials: DeviceCredentials | None = None,
        *,
        timeout: float = 30.0,
        ca_file: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        import httpx

        url = httpx.URL(base_url)
        if url.scheme not in ("https", "http"):
            raise ValueError("server URL must start with https://")
        if url.scheme == "http" and not is_loopback(url.host):
            raise ValueError("plain http is only allowed to a loopback address; use https://")
        verify: ssl.SSLContext = (
            _default_tls() if ca_file is None else ssl.create_default_context(cafile=ca_file)
        )
        self.credentials = credentials
        self.clock_offset = 0.0
        """Seconds to add to our clock, learnt from the server when our clock is off."""
        self._prefix = url.path.rstrip("/")
        self._http = httpx.Client(
            base_url=url.copy_with(path="/"),
            timeout=timeout,
            verify=verify,
            transport=transport,
            follow_redirects=False,
        )

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- endpoints -------------------------------------------------------------------------

    def enrol(self, code: str, device_name: str, private_key: Ed25519PrivateKey) -> EnrolResponse:
        """Redeem a one-time enrolment code; on success this client is signed in as the device."""
        request = EnrolRequest(code, device_name, encode_public_key(private_key.public_key()))
        answer = self._call(EnrolResponse, "/v1/enrol", encode(request), signed=False)
        self.credentials = DeviceCredentials(
            answer.device_id, private_key, answer.server_public_key
        )
        return answer

    def hello(
        self,
        app_version: str,
        cursor: CursorCheck | None = None,
        *,
        protocol: int = PROTOCOL_VERSION,
        schema: int = SCHEMA_VERSION,
        marks: DeviceMarks | None = None,
    ) -> HelloResponse:
        """Handshake; raises ``UpdateRequired`` when this client is too old."""
        request = HelloRequest(protocol, schema, app_version, cursor, marks)
        return self._call(HelloResponse, "/v1/sync/hello", _hello_wire(request))

    def push(self, ops: Sequence[Op]) -> PushResponse:
        request = PushRequest(list(ops))  # checks the batch size
        data = self._post("/v1/sync/push", {"ops": [op_wire(op) for op in request.ops]}, True)
        return _push_response(data)

    def push_wire(self, ops: Sequence[Mapping[str, Any]]) -> PushResponse:
        """``push`` for ops already in wire form (an outbox's rows): each is checked as
        ``push`` would (``decode_op``) and then sent as it is, without a round trip through
        ``Op``."""
        for op in ops:
            check_op(op)
        if len(ops) > PUSH_OPS_LIMIT:  # as ``PushRequest`` says it
            raise InvalidMessage(f"at most {PUSH_OPS_LIMIT} ops per push")
        return _push_response(self._post("/v1/sync/push", {"ops": list(ops)}, True))

    def push_and_pull(
        self,
        ops: Sequence[Mapping[str, Any]],
        pull: PullRequest | None = None,
        audit_entries: Sequence[Mapping[str, Any]] = (),
    ) -> PushAnswer:
        """``push_wire`` that also asks for a pull page and uploads access-log entries in the
        same request (protocol 3: ``PushRequest.pull`` and ``audit``)."""
        payload = _push_payload(ops, pull, audit_entries)
        return _push_answer(self._post("/v1/sync/push", payload, True))

    def hello_and_push(
        self,
        app_version: str,
        cursor: CursorCheck | None,
        marks: DeviceMarks,
        ops: Sequence[Mapping[str, Any]],
        pull: PullRequest | None = None,
        audit_entries: Sequence[Mapping[str, Any]] = (),
        audit_base: AuditBase | None = None,
    ) -> HelloAnswer:
        """``hello`` carrying the sync's push (protocol 4: ``HelloRequest.push``): ``ops``
        (perhaps none), the first pull page and the access-log upload, as ``push_and_pull``.
        ``HelloAnswer.push`` is None when the server did not apply it (it speaks an older
        protocol, or the hello asks something of this device first): push as before then."""
        request = HelloRequest(PROTOCOL_VERSION, SCHEMA_VERSION, app_version, cursor, marks)
        payload = _hello_wire(request)
        payload["push"] = _push_payload(ops, pull, audit_entries)
        if audit_base is not None:
            payload["audit_base"] = encode(audit_base)
        data = self._post("/v1/sync/hello", payload, True)
        pushed = data.pop("push", None) if type(data) is dict else None
        hello = decode(HelloResponse, data)
        return HelloAnswer(hello, None if pushed is None else _push_answer(pushed))

    def pull(
        self,
        after: int,
        limit: int = DEFAULT_PULL_LIMIT,
        partitions: Sequence[str] | None = None,
    ) -> PullResponse:
        chosen = None if partitions is None else list(partitions)
        request = PullRequest(after, limit, chosen)
        data = self._post("/v1/sync/pull", _pull_request_wire(request), True)
        page = _plain_page(data)
        if page is None or page.partitions is not None:
            return decode(PullResponse, _in_fields_form(data))
        changes = [_change(c) for c in page.changes]
        return PullResponse(changes, page.next, page.more, page.epoch, page.high_water)

    def pull_page(
        self,
        after: int,
        limit: int = DEFAULT_PULL_LIMIT,
        partitions: Sequence[str] | None = None,
        *,
        check: bool = False,
        skip: Sequence[int] | None = None,
        digest: str | None = None,
        form: str | None = None,
    ) -> PullPage:
        """``pull``, with the changes left as checked JSON objects (``encode(change)``) for a
        caller that wants them as dicts anyway: saves building and unbuilding a page.
        ``check``: ask for the sync's check on the last page (``PullRequest.check``);
        ``skip``: own writes to leave out (``PullRequest.skip``, protocol 3); ``digest``: the
        kind of digest the check holds (``PullRequest.digest``, protocol 3); ``form``:
        ``VALUES_FORM`` for changes in the values form (protocol 5; an older server answers
        as before, so a change may come in either form)."""
        chosen = None if partitions is None else list(partitions)
        request = PullRequest(
            after, limit, chosen, check, None if skip is None else list(skip), digest, form
        )
        return _page(self._post("/v1/sync/pull", _pull_request_wire(request), True))

    def verify(
        self, partitions: Mapping[str, PartitionSummary], digest: str | None = None
    ) -> VerifyResponse:
        """Compare digests of ``digest``'s kind (``VerifyRequest.digest``; None: sorted lines,
        what every server knows)."""
        wire = dict(encode(VerifyRequest(dict(partitions), digest)))
        if digest is None:
            del wire["digest"]
        return self._call(VerifyResponse, "/v1/sync/verify", wire)

    def upload_audit(
        self, entries: Sequence[Mapping[str, Any]], supersede_after: AuditBase | None = None
    ) -> AuditResponse:
        payload: dict[str, Any] = {"entries": [dict(e) for e in entries]}
        if supersede_after is not None:
            payload["supersede_after"] = encode(supersede_after)
        return self._call(AuditResponse, "/v1/audit", payload)

    def citizen_audit(self, citizen_id: str) -> CitizenAuditResponse:
        """One citizen's access log from every device (team lead of its team, administrator);
        anyone else gets a ``ProtocolError`` with code ``forbidden_audit_read``."""
        request = CitizenAuditRequest(citizen_id)
        return self._call(CitizenAuditResponse, "/v1/audit/citizen", encode(request))

    def list_conflicts(self) -> list[ConflictInfo]:
        return self._call(ConflictList, "/v1/conflicts/list", {}).conflicts

    def resolve_conflict(self, conflict_id: str, value: Any) -> ResolveResponse:
        path = f"/v1/conflicts/{conflict_id}/resolve"
        return self._call(ResolveResponse, path, {"value": value})

    # -- transport -------------------------------------------------------------------------

    def _call(self, answer_type: type[T], path: str, payload: Any, *, signed: bool = True) -> T:
        data = self._post(path, payload, signed)
        return decode(answer_type, data)

    def _post(self, path: str, payload: Any, signed: bool) -> Any:
        import httpx

        body = wirejson.dumps(payload)
        full_path = self._prefix + path
        for attempt in range(2):
            headers = {"Content-Type": "application/json"}
            if signed:
                headers.update(self._sign(full_path, body))
            try:
                response = self._http.post(full_path, content=body, headers=headers)
            except httpx.TransportError as exc:
                raise ServerUnavailable("unreachable", type(exc).__name__) from exc
            if response.status_code == 200:
                try:
                    return wirejson.loads(response.content)
                except ValueError:
                    raise ProtocolError("bad_response", "answer is not JSON", 200) from None
            error = self._error(response)
            server_time = _error_field(response, "server_time")
            if error.code == errors.STALE_REQUEST and attempt == 0 and server_time is not None:
                self.clock_offset = float(server_time) - time.time()
                continue
            if error.code == errors.REPLAYED_REQUEST:
                # We sent this nonce once: something on the way (a retrying proxy) delivered it
                # twice and its second answer reached us. Every call is safe to repeat, so
                # send it again under a new nonce; if that happens again, it is the network.
                if attempt == 0:
                    continue
                raise ServerUnavailable(error.code, error.message, error.status)
            raise error
        raise AssertionError("unreachable")  # pragma: no cover

    def _sign(self, path: str, body: bytes) -> dict[str, str]:
        if self.credentials is None:
            raise AuthError(errors.MISSING_AUTH, "device is not enrolled")
        now = int(time.time() + self.clock_offset)
        creds = self.credentials
        return sign_request(creds.private_key, creds.device_id, "POST", path, body, timestamp=now)

    def _error(self, response: httpx.Response) -> ProtocolError:
        status = response.status_code
        try:
            info = response.json()["error"]
            code, message = str(info["code"]), str(info["message"])
        except (ValueError, KeyError, TypeError):
            if status >= 500:
                return ServerUnavailable("http_error", f"HTTP {status}", status)
            return ProtocolError("bad_response", f"HTTP {status} without an error body", status)
        if code == errors.DEVICE_REVOKED:
            return self._revoked(info, message)
        if code == errors.UPDATE_REQUIRED:
            return UpdateRequired(code, message, status)
        if code in errors.AUTH_CODES:
            return AuthError(code, message, status)
        if status >= 500:
            return ServerUnavailable(code, message, status)
        return ProtocolError(code, message, status)

    def _revoked(self, info: Any, message: str) -> ProtocolError:
        """Only a wipe instruction signed by our server becomes ``DeviceRevoked``."""
        try:
            wipe = decode(WipeInstruction, info.get("wipe"))
        except InvalidMessage:
            return AuthError("wipe_invalid", "revocation without a valid wipe instruction", 403)
        creds = self.credentials
        if creds is None or not verify_wipe_instruction(
            wipe, creds.server_public_key, creds.device_id
        ):
            return AuthError("wipe_invalid", "wipe instruction failed verification", 403)
        return DeviceRevoked(wipe, message)


@dataclass(frozen=True)
class PullPage:
    """A pull answer whose changes are plain JSON objects, each exactly ``encode(Change)``."""

    changes: list[dict[str, Any]]
    next: int
    more: bool
    epoch: str
    high_water: int
    partitions: dict[str, PartitionSummary] | None = None
    """The check of the sync, when asked for and given (``PullResponse.partitions``)."""
    conflicts: list[dict[str, Any]] | None = None
    """With ``partitions``: the open conflicts, each exactly ``encode(ConflictInfo)``."""
    next_change_id: str | None = None
    """The id of the change at seq ``next`` (``PullResponse.next_change_id``)."""


@dataclass(frozen=True)
class PushAnswer:
    """A push's results and, when asked for, its pull page and access-log answer."""

    response: PushResponse
    page: PullPage | None = None
    audit: AuditResponse | None = None
    audit_error: str | None = None
    """Why the access-log upload was refused (an error code); upload it on its own."""


@dataclass(frozen=True)
class HelloAnswer:
    """A hello's answer and, when the server applied the push it carried, the push's."""

    hello: HelloResponse
    push: PushAnswer | None = None


def _hello_wire(request: HelloRequest) -> dict[str, Any]:
    """``encode(request)`` without ``push`` and ``audit_base`` (set apart by the caller):
    the body an older server was always sent."""
    wire = dict(encode(dataclasses.replace(request, push=None)))
    del wire["push"]
    if request.audit_base is None:
        del wire["audit_base"]
    return wire


def _push_payload(
    ops: Sequence[Mapping[str, Any]],
    pull: PullRequest | None,
    audit_entries: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """The wire form of a ``PushRequest`` whose ops are already in wire form; each part is
    checked as the request checks it (the ops as ``decode_op`` would)."""
    audit = AuditRequest([dict(e) for e in audit_entries]) if audit_entries else None
    for op in ops:  # checked as ``push_wire`` checks them, without building each op
        check_op(op)
    PushRequest([], pull, audit)  # and the rest as the request says it
    if len(ops) > PUSH_OPS_LIMIT:
        raise InvalidMessage(f"at most {PUSH_OPS_LIMIT} ops per push")
    payload: dict[str, Any] = {"ops": list(ops)}
    if pull is not None:
        payload["pull"] = _pull_request_wire(pull)
    if audit is not None:
        payload["audit"] = {"entries": audit.entries}
    return payload


def _push_answer(data: Any) -> PushAnswer:
    """A ``PushResponse`` in wire form as a ``PushAnswer`` (the page as a ``PullPage``)."""
    if type(data) is not dict:
        return PushAnswer(decode(PushResponse, data))
    results = _push_response({"results": data.get("results")})
    page = None if data.get("pull") is None else _page(data["pull"])
    audit_answer = None if data.get("audit") is None else decode(AuditResponse, data["audit"])
    error = data.get("audit_error")
    return PushAnswer(results, page, audit_answer, error if type(error) is str else None)


def _pull_request_wire(request: PullRequest) -> dict[str, Any]:
    """``encode(request)``, without ``check`` when it is false and ``skip`` and ``digest``
    when they are None: the body an older server was always sent."""
    wire = dict(encode(request))
    if not request.check:
        del wire["check"]
    if request.skip is None:
        del wire["skip"]
    if request.digest is None:
        del wire["digest"]
    if request.form is None:
        del wire["form"]
    return wire


def _page(data: Any) -> PullPage:
    """A pull answer as a ``PullPage`` (``decode(PullResponse, data)``, changes as dicts)."""
    next_change_id = None
    if type(data) is dict and "next_change_id" in data:
        next_change_id = data["next_change_id"]
        if next_change_id is not None and type(next_change_id) is not str:
            return _typed_page(data)
        data = {k: v for k, v in data.items() if k != "next_change_id"}
    page = _plain_page(data)
    if page is None:
        return _typed_page(data)
    if next_change_id is None:
        return page
    return dataclasses.replace(page, next_change_id=next_change_id)


def _typed_page(data: Any) -> PullPage:
    typed = decode(PullResponse, _in_fields_form(data))
    return PullPage(
        [encode(c) for c in typed.changes],
        typed.next,
        typed.more,
        typed.epoch,
        typed.high_water,
        typed.partitions,
        None if typed.conflicts is None else [encode(c) for c in typed.conflicts],
        typed.next_change_id,
    )


def _in_fields_form(data: Any) -> Any:
    """A pull answer with its values-form changes written in the fields form (what the
    codec knows); anything else as it is, for the codec to judge."""
    if type(data) is not dict or type(data.get("changes")) is not list:
        return data
    return {**data, "changes": [_change_in_fields_form(c) for c in data["changes"]]}


def _change_in_fields_form(change: Any) -> Any:
    if type(change) is not dict or "values" not in change or "fields" in change:
        return change
    values, version = change["values"], change.get("version")
    rest = {k: v for k, v in change.items() if k not in ("values", "version")}
    if type(values) is not dict:
        return {**rest, "fields": values}  # (refused by the codec, as a bad ``fields``)
    return {**rest, "fields": {n: {"value": v, "version": version} for n, v in values.items()}}


# -- quick paths for the large messages ------------------------------------------------------
# The generic codec walks type hints for every value; a push or pull page holds thousands.
# These handle the usual well-formed message directly and hand anything unusual to the
# generic codec, so what is accepted, and every error message, stays exactly the same.

_SCALARS = (str, int, float, bool, type(None))


def op_wire(op: Op) -> dict[str, Any]:
    """``encode(op)``."""
    return {
        "op_id": op.op_id,
        "device_id": op.device_id,
        "counter": op.counter,
        "entity": op.entity,
        "record_id": op.record_id,
        "partition": op.partition,
        "kind": op.kind,
        "fields": {
            name: {
                "value": c.value if type(c.value) in _SCALARS else encode(c.value),
                "base": c.base,
            }
            for name, c in op.fields.items()
        },
        "hlc": op.hlc,
    }


def result_wire(result: OpResult) -> dict[str, Any]:
    """``encode(result)``, without the generic walk (a push answers up to 500 of them)."""
    return {
        "op_id": result.op_id,
        "status": result.status,
        "seq": result.seq,
        "conflict_id": result.conflict_id,
        "conflict_ids": list(result.conflict_ids),
        "reason": result.reason,
        "message": result.message,
    }


def decode_op(raw: Any) -> Op:
    """``decode(Op, raw)``, built straight from the values when ``plain_op_fields`` vouches
    for them (the usual case: a push builds up to 500 ops of a dozen fields each)."""
    fields = plain_op_fields(raw)
    if fields is None:
        return decode(Op, raw)
    op = object.__new__(Op)
    op.__dict__.update(
        op_id=raw["op_id"],
        device_id=raw["device_id"],
        counter=raw["counter"],
        entity=raw["entity"],
        record_id=raw["record_id"],
        partition=raw["partition"],
        kind=raw["kind"],
        fields=fields,
        hlc=raw["hlc"],
    )
    return op


def check_op(raw: Any) -> None:
    """Raise ``InvalidMessage`` exactly when ``decode_op(raw)`` would, without building
    the op (a sender that only checks its ops before sending them as they are)."""
    if not is_plain_op(raw):
        decode(Op, raw)


_RESULT_KEYS = frozenset(
    ("op_id", "status", "seq", "conflict_id", "conflict_ids", "reason", "message")
)
_STATUSES = frozenset(("applied", "conflict", "rejected"))


def _push_response(data: Any) -> PushResponse:
    """``decode(PushResponse, data)``."""
    results = data.get("results") if type(data) is dict and len(data) == 1 else None
    if type(results) is not list:
        return decode(PushResponse, data)
    out: list[OpResult] = []
    for r in results:
        if (
            type(r) is not dict
            or r.keys() != _RESULT_KEYS
            or type(r["op_id"]) is not str
            or type(r["status"]) is not str
            or r["status"] not in _STATUSES
            or not (r["seq"] is None or type(r["seq"]) is int)
            or not all(r[k] is None or type(r[k]) is str for k in ("conflict_id", "reason"))
            or not (r["message"] is None or type(r["message"]) is str)
            or type(r["conflict_ids"]) is not list
            or not all(type(c) is str for c in r["conflict_ids"])
        ):
            return decode(PushResponse, data)
        out.append(
            OpResult(
                r["op_id"],
                cast(OpStatus, r["status"]),
                r["seq"],
                r["conflict_id"],
                list(r["conflict_ids"]),
                r["reason"],
                r["message"],
            )
        )
    return PushResponse(out)


_PAGE_KEYS = frozenset(("changes", "next", "more", "epoch", "high_water"))
_CHECKED_PAGE_KEYS = _PAGE_KEYS | {"partitions", "conflicts"}
_CHANGE_KEYS = (
    "seq",
    "change_id",
    "entity",
    "record_id",
    "partition",
    "kind",
    "fields",
    "deleted",
    "server_time",
    "author",
    "op_id",
)
_CHANGE_KEY_SET = frozenset(_CHANGE_KEYS)
_VALUES_CHANGE_KEY_SET = (_CHANGE_KEY_SET - {"fields"}) | {"values", "version"}
_CHANGE_KINDS = frozenset(("upsert", "delete", "append", "moved", "resolve"))
_AUTHOR_KEYS = frozenset(("user_id", "device_id", "display_name"))


def _plain_change(c: Any) -> bool:
    """True if ``c`` is a change that ``encode(decode(Change, c))`` would give back as is,
    or the values form of one (``VALUES_FORM``)."""
    if type(c) is not dict:
        return False
    keys = c.keys()
    if keys == _VALUES_CHANGE_KEY_SET:
        return type(c["values"]) is dict and type(c["version"]) is int and _plain_envelope(c)
    return keys == _CHANGE_KEY_SET and _plain_envelope(c) and _plain_fields(c["fields"])


def _plain_envelope(c: dict[str, Any]) -> bool:
    """The parts of a change besides its fields are exactly what the codec gives back."""
    if not (
        type(c["seq"]) is int
        and type(c["change_id"]) is str
        and type(c["entity"]) is str
        and type(c["record_id"]) is str
        and type(c["partition"]) is str
        and type(c["kind"]) is str
        and c["kind"] in _CHANGE_KINDS
        and type(c["deleted"]) is bool
        and type(c["server_time"]) is float
        and (c["op_id"] is None or type(c["op_id"]) is str)
    ):
        return False
    author = c["author"]
    return author is None or (
        type(author) is dict
        and author.keys() == _AUTHOR_KEYS
        and type(author["user_id"]) is str
        and (author["device_id"] is None or type(author["device_id"]) is str)
        and type(author["display_name"]) is str
    )


def _plain_fields(fields: Any) -> bool:
    if type(fields) is not dict:
        return False
    for f in fields.values():
        if type(f) is not dict or len(f) != 2 or type(f.get("version")) is not int:
            return False
        if "value" not in f:
            return False
    return True


def _change(c: dict[str, Any]) -> Change:
    """``decode(Change, c)`` for a change that ``_plain_change`` accepted (of either form)."""
    author = c["author"]
    return Change(
        c["seq"],
        c["change_id"],
        c["entity"],
        c["record_id"],
        c["partition"],
        c["kind"],
        {name: ChangeField(f["value"], f["version"]) for name, f in c["fields"].items()}
        if "fields" in c
        else {name: ChangeField(value, c["version"]) for name, value in c["values"].items()},
        c["deleted"],
        c["server_time"],
        None
        if author is None
        else Author(author["user_id"], author["device_id"], author["display_name"]),
        c["op_id"],
    )


def _plain_page(data: Any) -> PullPage | None:
    """The page as is when every part of it is exactly what the codec would give back (the
    small check of a last page goes through the codec)."""
    if type(data) is not dict:
        return None
    keys = data.keys()
    if keys == _CHECKED_PAGE_KEYS:
        checked = _plain_page({k: data[k] for k in _PAGE_KEYS})
        if checked is None:
            return None
        try:
            rest = decode(PullResponse, {**data, "changes": []})
        except InvalidMessage:
            return None  # the caller's full decode reports it
        conflicts = None if rest.conflicts is None else [encode(c) for c in rest.conflicts]
        return dataclasses.replace(checked, partitions=rest.partitions, conflicts=conflicts)
    if keys != _PAGE_KEYS:
        return None
    changes = data["changes"]
    if not (
        type(changes) is list
        and type(data["next"]) is int
        and type(data["more"]) is bool
        and type(data["epoch"]) is str
        and type(data["high_water"]) is int
        and all(_plain_change(c) for c in changes)
    ):
        return None
    return PullPage(changes, data["next"], data["more"], data["epoch"], data["high_water"])


def _error_field(response: httpx.Response, name: str) -> Any:
    try:
        return response.json()["error"].get(name)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None

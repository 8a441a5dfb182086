"""The ASGI application: routes, request authentication and error bodies.

Handlers are plain functions run in the thread pool (the database calls block); bodies are
parsed with the protocol's own dataclasses so client and server validate identically.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from sync.protocol import errors as codes
from sync.protocol import wirejson
from sync.protocol.codec import decode, encode
from sync.protocol.errors import InvalidMessage
from sync.protocol.messages import (
    MAX_SEQ,
    PROTOCOL_VERSION,
    PUSH_OPS_LIMIT,
    AuditRequest,
    CitizenAuditRequest,
    ConflictList,
    ConflictListRequest,
    EnrolRequest,
    HelloRequest,
    HelloResponse,
    OpResult,
    PullRequest,
    ResolveRequest,
    VerifyRequest,
    is_uuid,
)
from sync.server import audit, auth, conflicts, feed, logs, marks, push
from sync.server.accounts import user_teams
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.identity import ServerIdentity, load_identity
from sync.server.openapi import install_openapi
from sync.server.settings import Settings
from sync.server.text import contains_nul

log = logging.getLogger("sync.server")
T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    db: Database
    settings: Settings
    identity: ServerIdentity


@dataclass(frozen=True)
class Signed:
    """An authenticated request: who sent it and its raw body."""

    actor: auth.Actor
    body: bytes
    now: float


def _authenticate(ctx: Context, request: Request, body: bytes, now: float) -> auth.Actor:
    """Check the request's signature (and record its nonce): touches the database."""
    return auth.authenticate(
        ctx.db,
        ctx.identity,
        method=request.method,
        path=request.url.path,
        headers={k.lower(): v for k, v in request.headers.items()},
        body=body,
        now=now,
        skew=ctx.settings.clock_skew_seconds,
    )


async def signed(request: Request) -> Signed:
    """Dependency: authenticate the request (in the thread pool, it touches the database)."""
    ctx: Context = request.app.state.ctx
    body = await _read_body(request, ctx.settings.max_body_bytes)
    now = time.time()
    actor = await run_in_threadpool(_authenticate, ctx, request, body, now)
    return Signed(actor, body, now)


SignedDep = Annotated[Signed, Depends(signed)]


async def _signed_call(request: Request, handler: Callable[[Signed], Any]) -> JSONResponse:
    """Authenticate, then handle: both in one trip to the thread pool (each trip is a thread
    hand-off, a good part of a small request's time). ``handler`` returns JSON-ready data."""
    ctx: Context = request.app.state.ctx
    body = await _read_body(request, ctx.settings.max_body_bytes)
    now = time.time()

    def run() -> Any:
        return handler(Signed(_authenticate(ctx, request, body, now), body, now))

    return FastJSONResponse(await run_in_threadpool(run))


def create_app(settings: Settings, db: Database | None = None) -> FastAPI:
    """Build the app for an initialised database (``outreach-sync init``)."""
    database = db or Database(settings.database_url)
    ctx = Context(database, settings, load_identity(database))
    app = FastAPI(title="Outreach Desk sync server", version=str(PROTOCOL_VERSION))
    app.state.ctx = ctx
    _install_error_handlers(app)
    logs.install()

    @app.get("/v1/health", tags=["ops"])
    def health() -> dict[str, Any]:
        """Liveness for load balancers; reveals nothing but the protocol range."""
        return {"status": "ok", "protocol": PROTOCOL_VERSION}

    @app.post("/v1/enrol", tags=["devices"])
    async def enrol(request: Request) -> dict[str, Any]:
        body = await _read_body(request, settings.max_body_bytes)
        message = _parse(EnrolRequest, body)
        answer = await run_in_threadpool(
            auth.enrol, database, ctx.identity, message, settings.policy, time.time()
        )
        return dict(encode(answer))

    def hello(s: Signed) -> Any:
        data = _json(s.body)
        carried = _parse_hello_push(data)  # refused before anything is applied, not after
        message = _decode(HelloRequest, _without_push(data))
        with database.read() as conn:
            teams = user_teams(conn, s.actor.user_id)
            answer = feed.hello(
                conn, message, ctx.identity.epoch, teams, s.now, ctx.settings.max_body_bytes
            )
            known = marks.read(conn, s.actor.device_id)
        answer = replace(
            answer, device_marks=known, rolled_back=marks.rolled_back(known, message.marks)
        )
        if answer.rolled_back:
            log.warning("device %s works on an older copy of its store", s.actor.device_id)
        wire = encode(answer)
        if carried is not None and _asks_nothing(message, answer, carried[1]):
            wire["push"] = push_answer(s, *carried)
        else:
            del wire["push"]  # None: the device acts on the hello, then pushes on its own
        return wire

    def push_ops(s: Signed) -> Any:
        data = _json(s.body)
        ops = _parse_ops(data)
        also_pull, also_audit = _parse_push_extras(data)
        return push_answer(s, ops, also_pull, also_audit)

    def push_answer(
        s: Signed,
        ops: list[dict[str, Any]],
        also_pull: PullRequest | None,
        also_audit: AuditRequest | None,
    ) -> Any:
        """Apply a push (already parsed) and answer it: ``encode(PushResponse)``."""
        if also_pull is not None:  # refused before any op is applied, not after
            feed.readable_partitions(s.actor, also_pull.partitions)
        results: list[OpResult] = []
        if ops:
            results = push.push_ops(database, s.actor, ops, s.now, b"\\u0000" in s.body)
        answer: dict[str, Any] = {"results": [push.result_json(r) for r in results]}
        audit_error = None
        if also_audit is not None:  # the op counter went up with the ops (push.push_ops)
            try:
                with database.write() as conn:
                    answer["audit"] = encode(
                        audit.upload(
                            conn,
                            s.actor,
                            also_audit.entries,
                            s.now,
                            also_audit.supersede_after,
                            b"\\u0000" in s.body,
                        )
                    )
            except ApiError as exc:  # the ops stand; the device uploads on its own
                audit_error = exc.code
        if audit_error is not None:
            answer["audit_error"] = audit_error
        if also_pull is not None:
            own = [r.seq for r in results if r.status == "applied" and r.seq is not None]
            with database.read() as conn:
                answer["pull"] = feed.pull_json(
                    conn,
                    s.actor,
                    also_pull,
                    ctx.identity.epoch,
                    also_skip=own,
                    memory=database.digests,
                )
        return answer  # encode(PushResponse)

    def pull(s: Signed) -> Any:
        message = _parse(PullRequest, s.body)
        with database.read() as conn:
            return feed.pull_json(
                conn, s.actor, message, ctx.identity.epoch, memory=database.digests
            )

    def verify(s: Signed) -> Any:
        message = _parse(VerifyRequest, s.body)
        with database.read() as conn:
            return encode(feed.verify(conn, s.actor, message, database.digests))

    def upload_audit(s: Signed) -> Any:
        message = _parse_audit(s.body)
        with database.write() as conn:
            answer = audit.upload(
                conn,
                s.actor,
                message.entries,
                s.now,
                message.supersede_after,
                b"\\u0000" in s.body,
            )
            return encode(answer)

    def citizen_audit(s: Signed) -> Any:
        message = _parse(CitizenAuditRequest, s.body)
        with database.read() as conn:
            return encode(audit.citizen_log(conn, s.actor, message.citizen_id))

    def list_conflicts(s: Signed) -> Any:
        _parse(ConflictListRequest, s.body)  # no fields, but a body that is not {} is refused
        with database.read() as conn:
            return encode(ConflictList(conflicts.list_open(conn, s.actor)))

    def resolve(conflict_id: str, s: Signed) -> Any:
        if not is_uuid(conflict_id):
            raise ApiError(404, codes.CONFLICT_NOT_FOUND, "no such conflict")
        message = _parse(ResolveRequest, s.body)
        if b"\\u0000" in s.body and contains_nul(message.value):
            raise ApiError(400, codes.INVALID_REQUEST, "text must not contain NUL characters")
        with database.change_write() as conn:
            answer = conflicts.resolve(conn, s.actor, conflict_id, message.value, s.now)
        return encode(answer)

    # Signed routes: authentication and the handler share one thread-pool trip.
    for path, tag, handler in (
        ("/v1/sync/hello", "sync", hello),
        ("/v1/sync/push", "sync", push_ops),
        ("/v1/sync/pull", "sync", pull),
        ("/v1/sync/verify", "sync", verify),
        ("/v1/audit", "audit", upload_audit),
        ("/v1/audit/citizen", "audit", citizen_audit),
        ("/v1/conflicts/list", "conflicts", list_conflicts),
    ):
        app.add_api_route(
            path, _route(handler), methods=["POST"], tags=[tag], name=handler.__name__
        )

    @app.post("/v1/conflicts/{conflict_id}/resolve", tags=["conflicts"], name="resolve")
    async def resolve_conflict(conflict_id: str, request: Request) -> JSONResponse:
        return await _signed_call(request, lambda s: resolve(conflict_id, s))

    install_openapi(app)
    return app


def _asks_nothing(message: HelloRequest, answer: HelloResponse, pull: PullRequest | None) -> bool:
    """True when the device has nothing to act on before it pushes: what the engine checks
    in a hello's answer (``SyncEngine._hello``) all comes out clear. Else the push the hello
    carries is left for the device to send once it has acted (protocol 4)."""
    if not answer.accepted or message.marks is None or answer.rolled_back is not False:
        return False
    cursor = message.cursor
    if cursor is not None and (answer.cursor_known is not True or cursor.seq > answer.high_water):
        return False
    if pull is not None and pull.after > answer.high_water:
        return False  # (the device's own check of its cursor, should it not send one)
    known = answer.device_marks
    if known is None or known.audit_seq in (0, message.marks.audit_seq):
        return True  # (at the device's own head, ``rolled_back`` compared the two hashes)
    # The device checks its own entry at the server's head: its copy may have forked there.
    base = message.audit_base
    return base is not None and base.seq == known.audit_seq and base.hash == known.audit_hash


def _route(handler: Callable[[Signed], Any]) -> Callable[[Request], Awaitable[JSONResponse]]:
    async def endpoint(request: Request) -> JSONResponse:
        return await _signed_call(request, handler)

    endpoint.__doc__ = handler.__doc__
    return endpoint


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "0")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, codes.BODY_TOO_LARGE, f"body larger than {limit} bytes")
    try:
        body = await request.body()
    except ClientDisconnect:
        # A network fault, not a server fault: nobody is left to answer, nothing to log loudly.
        log.info("client went away before its request body arrived on %s", request.url.path)
        raise ApiError(400, codes.INVALID_REQUEST, "the request body did not arrive") from None
    if len(body) > limit:
        raise ApiError(413, codes.BODY_TOO_LARGE, f"body larger than {limit} bytes")
    return body


class FastJSONResponse(JSONResponse):
    """``JSONResponse`` written by orjson (a pull page is large), same bytes meaning."""

    def render(self, content: Any) -> bytes:
        return wirejson.dumps(content)


def _json(body: bytes) -> Any:
    try:
        return wirejson.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, codes.INVALID_REQUEST, "body is not valid JSON") from None


def _parse(cls: type[T], body: bytes) -> T:
    return _decode(cls, _json(body))


def _decode(cls: type[T], data: Any) -> T:
    try:
        return decode(cls, data)
    except InvalidMessage as exc:
        raise ApiError(400, codes.INVALID_REQUEST, exc.message) from None


def _without_push(data: Any) -> Any:
    """A hello body without ``push``, which ``_parse_hello_push`` has read already (the
    generic walk over every op would be most of the hello's time)."""
    if type(data) is dict and "push" in data:
        return {k: v for k, v in data.items() if k != "push"}
    return data


def _parse_hello_push(
    data: Any,
) -> tuple[list[dict[str, Any]], PullRequest | None, AuditRequest | None] | None:
    """``HelloRequest.push`` (protocol 4), checked as ``/v1/sync/push`` checks a body."""
    raw = data.get("push") if type(data) is dict else None
    if raw is None:
        return None
    if type(raw) is not dict:
        raise ApiError(400, codes.INVALID_REQUEST, "$.push: must be an object")
    return (_parse_ops(raw, "$.push"), *_parse_push_extras(raw))


def _parse_audit(body: bytes) -> AuditRequest:
    """``_parse(AuditRequest, body)``: a list of JSON objects is all there is to check, and
    the generic walk over every value of every entry is most of an upload's time."""
    data = _json(body)
    entries = data.get("entries") if type(data) is dict and len(data) == 1 else None
    try:
        if type(entries) is list and all(type(e) is dict for e in entries):
            return AuditRequest(entries)
        return decode(AuditRequest, data)
    except InvalidMessage as exc:
        raise ApiError(400, codes.INVALID_REQUEST, exc.message) from None


def _parse_push_extras(data: Any) -> tuple[PullRequest | None, AuditRequest | None]:
    """``PushRequest.pull`` and ``audit`` (protocol 3), checked before any op is applied."""
    pull = audit = None
    try:
        if data.get("pull") is not None:
            pull = decode(PullRequest, data["pull"])
        if data.get("audit") is not None:
            raw = data["audit"]
            entries = raw.get("entries") if type(raw) is dict and len(raw) == 1 else None
            if type(entries) is list and all(type(e) is dict for e in entries):
                audit = AuditRequest(entries)  # as ``_parse_audit``
            else:
                audit = decode(AuditRequest, raw)
            _check_entries(audit.entries)
    except InvalidMessage as exc:
        raise ApiError(400, codes.INVALID_REQUEST, exc.message) from None
    return pull, audit


def _check_entries(entries: list[dict[str, Any]]) -> None:
    """Each access-log entry a push carries has its links (``seq``, ``prev_hash``, ``hash``):
    refused with the rest of the request even where the push is then not applied (a
    protocol-4 hello that asks something of the device first)."""
    for i, entry in enumerate(entries):
        seq = entry.get("seq")
        whole = type(seq) is int or (type(seq) is float and seq.is_integer())  # JSON: 3.0 is 3
        if (
            not whole
            or not 0 <= seq <= MAX_SEQ  # type: ignore[operator]
            or type(entry.get("prev_hash")) is not str
            or type(entry.get("hash")) is not str
            or type(entry.get("citizen_id")) not in (str, type(None))
        ):
            raise InvalidMessage(
                f"$.audit.entries[{i}]: seq (a whole number), prev_hash and hash are required"
            )


def _parse_ops(data: Any, where: str = "$") -> list[dict[str, Any]]:
    """Only the batch shape is checked here; each op is validated on its own so one bad op is
    rejected (and recorded) without blocking the rest. ``where``: the push's path in the body."""
    ops = data.get("ops") if isinstance(data, dict) else None
    if not isinstance(ops, list):
        raise ApiError(400, codes.INVALID_REQUEST, f"{where}.ops: must be a list")
    if len(ops) > PUSH_OPS_LIMIT:
        raise ApiError(413, codes.BATCH_TOO_LARGE, f"at most {PUSH_OPS_LIMIT} ops per push")
    for i, op in enumerate(ops):
        if not isinstance(op, dict) or not isinstance(op.get("op_id"), str):
            raise ApiError(400, codes.INVALID_REQUEST, f"{where}.ops[{i}].op_id: required")
        if not is_uuid(op["op_id"]):
            raise ApiError(400, codes.INVALID_REQUEST, f"{where}.ops[{i}].op_id: must be a UUID")
    return ops


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: codes.NOT_FOUND, 405: codes.METHOD_NOT_ALLOWED}.get(exc.status_code, "http")
        body = {"error": {"code": code, "message": str(exc.detail)}}
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, _exc: RequestValidationError) -> JSONResponse:
        body = {"error": {"code": codes.INVALID_REQUEST, "message": "invalid request"}}
        return JSONResponse(body, status_code=400)

    app.add_middleware(_CrashWithoutData)


class _CrashWithoutData:
    """Any unexpected error becomes a 500 whose log names the type and the frames only.

    Starlette's own handler for ``Exception`` answers and then re-raises, and the server
    then logs the traceback *with the exception's message*, which may quote a CPR number or
    note text. Caught here, below that handler, the error never reaches it.
    """

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            frames = "".join(traceback.format_tb(exc.__traceback__))
            path = logs.safe_path(str(scope.get("path", "")))
            log.error("internal error on %s: %s\n%s", path, type(exc).__name__, frames)
            if started:
                return  # the answer is under way: the client sees a cut-off response
            body = {"error": {"code": codes.INTERNAL_ERROR, "message": "internal server error"}}
            await JSONResponse(body, status_code=500)(scope, receive, send)

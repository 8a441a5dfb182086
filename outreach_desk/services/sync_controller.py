"""When to sync, and what to tell the caseworker about it.

The controller owns the sync schedule of an unlocked laptop:

- after unlock (:meth:`SyncController.start`) it checks the enrolment and probes the server;
- while offline a cheap TCP probe runs every ``probe_ms`` on a small thread pool (never on the
  GUI thread, never on the store's worker), and the first successful probe starts a sync;
- while online a sync runs every ``interval_ms``, and on demand (:meth:`sync_now`);
- the sync itself runs on the store's worker through the :class:`TaskRunner`, reports its
  stages and counts, and can be cancelled; only one sync ever runs at a time;
- a verified wipe order (``DeviceRevoked``) crypto-erases the store through the runner.

Errors only change the state and the message: the outbox is never touched here, so nothing
is lost whatever happens to the network or the server.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import ssl
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal, Slot

from sync.engine import SyncCancelled, SyncReport
from sync.protocol import errors as codes
from sync.protocol.errors import (
    AuthError,
    DeviceRevoked,
    ProtocolError,
    ServerUnavailable,
    UpdateRequired,
)

from .. import __version__
from ..store import Store, StoreClosed
from ..store.replica import Enrolment, LocalReplica
from . import sync_service
from .sync_service import NotEnrolled
from .tasks import Cancelled, Task, TaskContext, TaskRunner

log = logging.getLogger(__name__)

NOT_ENROLLED = "not_enrolled"
OFFLINE = "offline"
ONLINE = "online"
SYNCING = "syncing"
REVOKED = "revoked"
UPDATE_REQUIRED = "update_required"
ERROR = "error"
STATES = (NOT_ENROLLED, OFFLINE, ONLINE, SYNCING, REVOKED, UPDATE_REQUIRED, ERROR)

PROBE_TIMEOUT_S = 3.0


def tls_problem(exc: BaseException) -> bool:
    """True when a connection failed on TLS (certificate, handshake), not on reachability."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError | ssl.CertificateError):
            return True
        current = current.__cause__ or current.__context__
    return False


def _revoked_message() -> str:
    return QCoreApplication.translate(
        "SyncController",
        "IT has withdrawn this laptop from the server. The data on it has been erased.",
    )


def describe_sync_error(exc: BaseException) -> str:
    """A sync failure in the caseworker's language. Never the exception's own text."""
    if isinstance(exc, NotEnrolled):
        return QCoreApplication.translate(
            "SyncController",
            "This laptop is not enrolled with a server yet. Choose Enrol device first.",
        )
    if isinstance(exc, ServerUnavailable):
        if tls_problem(exc):
            return QCoreApplication.translate(
                "SyncController",
                "The server's certificate could not be verified, so nothing was sent. "
                "Your changes are kept on this laptop. Contact IT.",
            )
        return QCoreApplication.translate(
            "SyncController",
            "The server cannot be reached. Your changes are kept on this laptop and are "
            "sent when the connection returns.",
        )
    if isinstance(exc, DeviceRevoked):
        return _revoked_message()
    if isinstance(exc, UpdateRequired):
        return QCoreApplication.translate(
            "SyncController",
            "This version of Outreach Desk is too old for the server. Your changes are kept "
            "on this laptop; ask IT to update the program.",
        )
    if isinstance(exc, AuthError):
        if exc.code == codes.USER_DISABLED:
            return QCoreApplication.translate(
                "SyncController",
                "Your user account is disabled on the server. Your changes are kept on this "
                "laptop. Contact IT.",
            )
        if exc.code == codes.STALE_REQUEST:
            return QCoreApplication.translate(
                "SyncController",
                "The server did not accept this laptop's clock. Check the date and time. "
                "Your changes are kept on this laptop.",
            )
        return QCoreApplication.translate(
            "SyncController",
            "The server did not recognise this laptop. Your changes are kept on this laptop. "
            "Contact IT.",
        )
    if isinstance(exc, ValueError):  # SyncClient refuses the address (plain http, no scheme)
        return QCoreApplication.translate(
            "SyncController",
            "The server address is not allowed: use an https:// address. "
            "Your changes are kept on this laptop.",
        )
    return QCoreApplication.translate(
        "SyncController",
        "Synchronisation failed. Your changes are kept on this laptop and are sent at the "
        "next sync.",
    )


def _target(server_url: str) -> tuple[str, int] | None:
    try:
        parts = urlsplit(server_url)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return (host, port) if host else None


@dataclass(frozen=True)
class _Outcome:
    report: SyncReport
    server_url: str


@dataclass(frozen=True)
class _Status:
    server_url: str | None
    conflicts: int


def _status(store: Store) -> _Status:
    replica = LocalReplica(store)
    enrolment = replica.enrolment()
    if enrolment is None:
        return _Status(None, 0)
    return _Status(enrolment.server_url, len(replica.open_conflicts()))


class SyncController(QObject):
    """The sync schedule and state of the unlocked laptop. Lives on the GUI thread."""

    state_changed = Signal(str)
    progress = Signal(str, int, int)  # stage, done, total
    finished = Signal(object)  # SyncReport
    failed = Signal(str)  # a message for the caseworker
    cancelled = Signal()
    wiped = Signal()
    conflicts_changed = Signal(int)

    _probed = Signal(int, bool)  # generation, reachable (from the probe thread)
    _worker_progress = Signal(int, str, int, int)  # generation, stage, done, total

    def __init__(
        self,
        runner: TaskRunner,
        interval_ms: int = 5 * 60_000,
        probe_ms: int = 30_000,
        parent: QObject | None = None,
        *,
        probe_timeout_s: float = PROBE_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._state = NOT_ENROLLED
        self._message = ""
        self._running = False
        self._generation = 0
        self._task: Task[Any] | None = None
        self._task_generation = 0
        self._again = False  # a sync was asked for while the previous one was finishing
        self._again_requested = False
        self._requested = False  # the running sync was asked for by a person
        self._probing = False
        self._server: tuple[str, int] | None = None
        self._conflicts = 0
        self._probe_timeout = probe_timeout_s
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)

        self._interval = QTimer(self)
        self._interval.setSingleShot(True)
        self._interval.setInterval(interval_ms)
        self._interval.timeout.connect(self._scheduled_sync)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(probe_ms)
        self._probe_timer.timeout.connect(self.probe)
        self._probed.connect(self._on_probed, Qt.ConnectionType.QueuedConnection)
        self._worker_progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    # --- public ----------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def message(self) -> str:
        """The last thing worth telling the caseworker ("" when all is well)."""
        return self._message

    @property
    def running(self) -> bool:
        """True between start() and stop(): the laptop is unlocked."""
        return self._running

    @property
    def syncing(self) -> bool:
        return self._task is not None

    def _busy(self) -> bool:
        """A sync of this session (not one cancelled by an earlier lock) is running."""
        return self._task is not None and self._task_generation == self._generation

    @property
    def open_conflicts(self) -> int:
        return self._conflicts

    def start(self) -> None:
        """After unlock (or after enrolling): read the enrolment, then probe and sync."""
        self._running = True
        self._generation += 1
        generation = self._generation
        self._runner.run(
            _status,
            lambda status: self._started(generation, status),
            lambda exc: self._start_failed(generation, exc),
        )

    def stop(self) -> None:
        """On lock: cancel a running sync and stop every timer. Nothing queued is touched."""
        self._running = False
        self._generation += 1
        self._interval.stop()
        self._probe_timer.stop()
        self._again = False
        if self._task is not None:
            self._task.cancel()
        if self._state == SYNCING:
            self._set_state(ONLINE)

    def shutdown(self) -> None:
        """At exit: stop, and wait for a probe in flight (a few seconds at most)."""
        self.stop()
        self._pool.waitForDone(int(self._probe_timeout * 1000) + 1000)

    def sync_now(self) -> None:
        """Sync on demand; ignored while a sync runs (and while locked or wiped)."""
        if not self._running or self._state == REVOKED or self._busy():
            return
        self._begin_sync(requested=True)

    def cancel(self) -> None:
        """Stop the running sync at the next safe point; what was done so far is kept."""
        if self._task is not None:
            self._task.cancel()

    def probe(self) -> None:
        """Check, off the GUI thread, whether the server answers on its port."""
        if not self._running or self._probing or self._busy():
            return
        target = self._server
        if target is None:
            return
        self._probing = True
        generation = self._generation
        timeout = self._probe_timeout
        probed = self._probed

        def attempt() -> None:
            reachable = False
            try:
                with socket.create_connection(target, timeout=timeout):
                    reachable = True
            except OSError:
                reachable = False
            with contextlib.suppress(RuntimeError):  # the controller is gone (exit)
                probed.emit(generation, reachable)

        self._pool.start(attempt)

    # --- internals ----------------------------------------------------------------------------
    def _set_state(self, state: str, force: bool = False) -> None:
        if force or state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _set_conflicts(self, count: int) -> None:
        if count != self._conflicts:
            self._conflicts = count
            self.conflicts_changed.emit(count)

    def _started(self, generation: int, status: _Status) -> None:
        if generation != self._generation or not self._running:
            return
        if self._busy():  # "sync now" right after enrolling got there first
            self._server = _target(status.server_url or "") or self._server
            return
        if status.server_url is None:
            self._server = None
            self._set_state(NOT_ENROLLED, force=True)
            return
        self._server = _target(status.server_url)
        self._conflicts = status.conflicts
        self.conflicts_changed.emit(status.conflicts)
        # unknown until the probe answers; a person sees "offline" rather than a guess
        self._set_state(OFFLINE, force=True)
        self._interval.stop()
        self._probe_timer.start()
        self.probe()

    def _start_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if not isinstance(exc, StoreClosed):
            log.warning("could not read the enrolment: %s", type(exc).__name__)
            self._message = describe_sync_error(exc)
            self._set_state(ERROR)

    @Slot(int, bool)
    def _on_probed(self, generation: int, reachable: bool) -> None:
        self._probing = False
        if generation != self._generation or not self._running:
            return
        if reachable:
            self._begin_sync(requested=False)
        elif self._state not in (OFFLINE, UPDATE_REQUIRED, ERROR):
            self._set_state(OFFLINE)

    def _scheduled_sync(self) -> None:
        if self._running and not self._busy():
            self._begin_sync(requested=False)

    def _begin_sync(self, requested: bool) -> None:
        if self._task is not None:
            if self._task_generation != self._generation:
                # a sync cancelled by a lock is still finishing: run ours right after it
                self._again = True
                self._again_requested = self._again_requested or requested
            return
        self._interval.stop()
        self._probe_timer.stop()
        self._requested = requested
        generation = self._generation
        emit_progress = self._worker_progress

        def run(store: Store, ctx: TaskContext) -> _Outcome:
            def report(stage: str, done: int, total: int) -> None:
                emit_progress.emit(generation, stage, done, total)
                ctx.progress(done, total)

            result = sync_service.sync_now(store, report, ctx.cancelled)
            enrolment = LocalReplica(store).enrolment()
            return _Outcome(result, enrolment.server_url if enrolment else "")

        self._set_state(SYNCING)
        self._task_generation = generation
        self._task = self._runner.run_long(
            run,
            lambda outcome: self._done(generation, outcome),
            lambda exc: self._failed(generation, exc),
        )

    @Slot(int, str, int, int)
    def _on_progress(self, generation: int, stage: str, done: int, total: int) -> None:
        if generation == self._generation and self._task is not None:
            self.progress.emit(stage, done, total)

    def _finish_task(self) -> None:
        """The worker is free again: run the sync that was asked for meanwhile."""
        self._task = None
        if self._again and self._running:
            requested = self._again_requested
            self._again = self._again_requested = False
            self._begin_sync(requested)

    def _done(self, generation: int, outcome: _Outcome) -> None:
        self._task = None
        if generation == self._generation and self._running:
            self._message = ""
            target = _target(outcome.server_url)
            if target is not None:
                self._server = target
            self._set_state(ONLINE)
            self._set_conflicts(outcome.report.open_conflicts)
            if outcome.report.rolled_back:
                # recovered (nothing lost); the server logged it for IT as well
                log.warning("this laptop's store was an older copy of itself; recovered")
            self.finished.emit(outcome.report)
            self._interval.start()
        self._finish_task()

    def _failed(self, generation: int, exc: BaseException) -> None:
        self._task = None
        if generation == self._generation and self._running:
            self._handle_failure(exc)
        self._finish_task()

    def _handle_failure(self, exc: BaseException) -> None:
        if isinstance(exc, SyncCancelled | Cancelled):
            self._message = QCoreApplication.translate(
                "SyncController",
                "Synchronisation was cancelled. Nothing was lost; the next sync continues "
                "where this one stopped.",
            )
            self._set_state(ONLINE)
            self.cancelled.emit()
            self._interval.start()
            return
        if isinstance(exc, StoreClosed):
            return
        if isinstance(exc, DeviceRevoked):
            self._revoked()
            return
        self._message = describe_sync_error(exc)
        if isinstance(exc, NotEnrolled):
            self._set_state(NOT_ENROLLED)
        elif isinstance(exc, ServerUnavailable) and not tls_problem(exc):
            self._set_state(OFFLINE)
            self._probe_timer.start()
            if not self._requested:
                return  # being offline in the field is normal: no message unless asked
        elif isinstance(exc, UpdateRequired):
            self._set_state(UPDATE_REQUIRED)
        else:
            code = exc.code if isinstance(exc, ProtocolError) else type(exc).__name__
            log.warning("sync failed: %s", code)  # the code only: messages can quote data
            self._set_state(ERROR)
            self._interval.start()
        self.failed.emit(self._message)

    def _revoked(self) -> None:
        """The server's verified wipe order: erase the key header, then the database."""
        self._running = False
        self._interval.stop()
        self._probe_timer.stop()
        self._set_state(REVOKED)

        def erased(_: None) -> None:
            self._message = _revoked_message()
            self.wiped.emit()

        def erase_failed(exc: BaseException) -> None:
            log.error("crypto-erase failed: %s", type(exc).__name__)
            self._message = QCoreApplication.translate(
                "SyncController",
                "IT has withdrawn this laptop, but its data could not be erased. "
                "Do not use the laptop; contact IT.",
            )
            self.failed.emit(self._message)

        self._runner.run(lambda store: store.crypto_erase(), erased, erase_failed)


# --- conflicts, for the conflicts view ------------------------------------------------------


@dataclass(frozen=True)
class ConflictItem:
    """One open conflict (the ConflictInfo JSON) and who it is about, where known."""

    info: dict[str, Any]
    citizen: str = ""

    @property
    def conflict_id(self) -> str:
        return str(self.info["conflict_id"])


@dataclass(frozen=True)
class ConflictOverview:
    items: list[ConflictItem] = field(default_factory=list)
    device_id: str | None = None
    user_id: str | None = None


_CITIZEN_OF: dict[str, str] = {
    "citizen": "SELECT name, nickname FROM citizens WHERE id = ?",
    "plan": "SELECT c.name, c.nickname FROM plans p JOIN citizens c ON c.id = p.citizen_id"
    " WHERE p.id = ?",
    "goal": "SELECT c.name, c.nickname FROM goals g JOIN plans p ON p.id = g.plan_id"
    " JOIN citizens c ON c.id = p.citizen_id WHERE g.id = ?",
    "effort": "SELECT c.name, c.nickname FROM efforts e JOIN plans p ON p.id = e.plan_id"
    " JOIN citizens c ON c.id = p.citizen_id WHERE e.id = ?",
    "rating": "SELECT c.name, c.nickname FROM ratings r JOIN goals g ON g.id = r.goal_id"
    " JOIN plans p ON p.id = g.plan_id JOIN citizens c ON c.id = p.citizen_id WHERE r.id = ?",
    "followup": "SELECT c.name, c.nickname FROM followups f JOIN citizens c"
    " ON c.id = f.citizen_id WHERE f.id = ?",
    "consent": "SELECT c.name, c.nickname FROM consents s JOIN citizens c"
    " ON c.id = s.citizen_id WHERE s.id = ?",
}


def _citizen_label(store: Store, entity: str, record_id: str) -> str:
    sql = _CITIZEN_OF.get(entity)
    if sql is None and entity == "note":
        rows = store.context.query("SELECT citizen_ids FROM notes WHERE id = ?", (record_id,))
        ids = json.loads(rows[0]["citizen_ids"]) if rows else []
        if not ids:
            return ""
        return _citizen_label(store, "citizen", ids[0])
    if sql is None:
        return ""
    rows = store.context.query(sql, (record_id,))
    if not rows:
        return ""
    return str(rows[0]["name"] or rows[0]["nickname"] or "")


def load_conflicts(store: Store) -> ConflictOverview:
    """Open conflicts as the last sync left them, with the citizen each one is about."""
    replica = LocalReplica(store)
    enrolment = replica.enrolment()
    items = []
    for info in replica.open_conflicts():
        try:
            label = _citizen_label(store, str(info["entity"]), str(info["record_id"]))
        except Exception:  # a missing or damaged row: show the conflict without a name
            label = ""
        items.append(ConflictItem(info, label))
    return ConflictOverview(
        items,
        enrolment.device_id if enrolment else None,
        enrolment.user_id if enrolment else None,
    )


@dataclass(frozen=True)
class EnrolOutcome:
    enrolment: Enrolment
    team_names: list[str]


def enrol_device(store: Store, server_url: str, code: str, device_name: str) -> EnrolOutcome:
    """Enrol, then ask the server for the team names to show (best effort: the enrolment
    itself keeps only team ids)."""
    enrolment = sync_service.enrol(store, server_url, code, device_name)
    names: list[str] = []
    try:
        with sync_service.client_for(enrolment) as client:
            hello = client.hello(__version__)
        names = [t.name for t in hello.teams if t.id in enrolment.team_ids]
    except ProtocolError as exc:
        log.info("team names not available after enrolment: %s", exc.code)
    return EnrolOutcome(enrolment, names)


def resolve(store: Store, conflict_id: str, value: Any) -> int | None:
    """Send the decision (needs the server); the chosen value then syncs like any change."""
    return sync_service.resolve_conflict(store, conflict_id, value)


__all__ = [
    "STATES",
    "ConflictItem",
    "ConflictOverview",
    "EnrolOutcome",
    "SyncController",
    "describe_sync_error",
    "enrol_device",
    "load_conflicts",
    "resolve",
    "tls_problem",
]

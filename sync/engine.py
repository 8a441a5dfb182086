"""The client side of a sync, in named stages (as Morango does), without Qt.

hello → (restore check) → push → pull → verify (and repair) → audit → conflicts.
With a protocol-2 server the last pull page brings what verify and conflicts need, so the
comparison runs here and those two requests are made only after a repair (or not at all).
With a protocol-3 server the last push batch also carries the access-log upload and brings
the first pull page back, without the changes the push itself wrote (the push results
already told this device about them), so a sync with local changes is hello and push.
With a protocol-4 server the hello itself carries that push (or, with nothing to push, asks
for the first pull page), so an incremental sync is one request; the server applies it only
when the hello finds nothing this device must act on first, else the stages run as before.

The engine talks to the server through :class:`~sync.protocol.SyncClient` and to the
device's store through the small :class:`Replica` interface, so it runs the same in
the app, in tests and in a soak run. Every stage is safe to repeat: a sync that is
interrupted anywhere is finished by the next one, and nothing is applied twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync.protocol import (
    CHECKED_PULL_PROTOCOL,
    DEFAULT_MAX_BODY_BYTES,
    HELLO_PUSH_PROTOCOL,
    MAX_PULL_LIMIT,
    MAX_PUSH_OPS,
    MAX_SKIP,
    PROTOCOL_VERSION,
    PUSH_OPS_LIMIT,
    SUM_DIGEST,
    SUM_DIGEST_PROTOCOL,
    SYNC_IN_PUSH_PROTOCOL,
    VALUES_FORM,
    VALUES_FORM_PROTOCOL,
    AuditBase,
    CursorCheck,
    DeviceMarks,
    PartitionSummary,
    ProtocolError,
    PullRequest,
    SyncClient,
    encode,
    partition_digest_of_lines,
    sum_summary,
)
from sync.protocol.client import HelloAnswer, PullPage, PushAnswer, result_wire

PULL_PAGE = MAX_PULL_LIMIT
"""Changes asked for per pull page: the most a server gives. A page's fixed costs (the
per-page reads, a request, and a commit unless it shares one) are spread over twice the
changes of a 500-change page."""
PULL_GROUP = 5 * PULL_PAGE
"""Most changes applied in one local transaction while pages arrive faster than they are
applied (a long first pull): each commit writes every page of the indexes it touched again,
encrypted, so five pages in one commit write far fewer pages than five commits. The pages
are still applied in order, each with its cursor, and a commit never waits for the network."""
AUDIT_BATCH = 1000


class Replica(Protocol):
    """What the engine needs from the device's store."""

    def cursor(self) -> int: ...
    def cursor_change_id(self) -> str | None: ...
    def pending_ops(
        self, device_id: str, limit: int, max_bytes: int | None = None
    ) -> tuple[list[dict[str, Any]], bool]: ...
    def record_results(self, results: list[dict[str, Any]]) -> None: ...
    def apply_changes(
        self,
        changes: list[dict[str, Any]],
        next_cursor: int,
        epoch: str,
        keep_cursor: bool = False,
        cursor_change_id: str | None = None,
    ) -> Any: ...
    def pulling(self) -> AbstractContextManager[None]:
        """One local transaction for the pages applied inside it, committed at the end
        (each page's own becomes a savepoint: a page that fails undoes only itself)."""
        ...

    def partition_lines(self) -> Mapping[str, str]: ...
    def partition_sums(self) -> Mapping[str, tuple[int, bytes]]: ...
    def requeue_lost(self, high_water: int) -> int: ...
    def forget_partitions(self, keep: Sequence[str]) -> int: ...
    def audit_after(self) -> tuple[int, list[dict[str, Any]]]: ...
    def audit_uploaded(self, seq: int) -> None: ...
    def store_conflicts(self, conflicts: list[dict[str, Any]]) -> None: ...
    def mark_synced(self, when: str) -> None: ...
    def device_marks(self) -> tuple[int, int, str | None]: ...
    def audit_hash_at(self, seq: int) -> str | None: ...
    def recover_from_rollback(self, server_counter: int) -> int: ...


class SyncCancelled(Exception):
    """The user cancelled; what was done so far is kept and the next sync continues."""


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    requeued_after_restore: int = 0
    rolled_back: bool = False
    """This store was an older copy of itself (a restored backup): the server had seen
    more from this device. Recovered (counter moved on, everything pulled again); tell
    the caseworker and IT."""
    renumbered_after_rollback: int = 0
    repaired: list[str] = field(default_factory=list)
    still_mismatched: list[str] = field(default_factory=list)
    audit_verified_until: int | None = None
    open_conflicts: int = 0
    teams: list[str] = field(default_factory=list)
    forgotten: int = 0
    """Records removed from this laptop because its user left their team."""


Progress = Callable[[str, int, int], None]


class SyncEngine:
    def __init__(
        self,
        client: SyncClient,
        replica: Replica,
        device_id: str,
        app_version: str,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        clock: Callable[[], float] = time.time,
        protocol: int = PROTOCOL_VERSION,
    ) -> None:
        self.client = client
        self.protocol = protocol
        """The highest protocol this engine speaks (lower only to exercise older exchanges)."""
        self.replica = replica
        self.device_id = device_id
        self.app_version = app_version
        self._progress = progress or (lambda stage, done, total: None)
        self._cancelled = cancelled or (lambda: False)
        self._clock = clock
        self._ask_check = False
        """The server speaks protocol 2: the last pull page brings the sync's check."""
        self._checked: PullPage | None = None
        """The last pull page, when it brought the check (digests and open conflicts)."""
        self._sync_in_push = False
        """The server speaks protocol 3: the last push batch brings the first pull page."""
        self._digest: str | None = None
        """``SUM_DIGEST`` when the server keeps sums (protocol 3): the device reads its own
        from one row per team instead of hashing every record it holds."""
        self._first_page: PullPage | None = None
        """The pull page the last push batch brought, applied by the pull stage."""
        self._pushed_with_hello = False
        """The hello carried the push and the server applied it (protocol 4)."""
        self._push_size = (MAX_PUSH_OPS, DEFAULT_MAX_BODY_BYTES // 2)
        """Most ops, and most bytes of their fields, in one push: what every server takes
        until the hello says this server's own limits (half its body limit: headroom)."""
        self._form = VALUES_FORM if protocol >= VALUES_FORM_PROTOCOL else None
        """How pull pages are asked for: in the values form from protocol 5 (a server that
        does not know it answers as before, and the replica reads both forms)."""
        self._own: list[int] = []
        """Seqs of the changes this sync's pushes wrote: the pull leaves them out."""

    def _check(self) -> None:
        if self._cancelled():
            raise SyncCancelled()

    def run(self) -> SyncReport:
        report = SyncReport()
        hello = self._hello(report)
        if not self._pushed_with_hello:
            self._push(report)
        self._leave_lost_teams(report)
        self._pull(report, hello.epoch)
        self._verify(report, hello.epoch)
        self._audit(report)
        self._conflicts(report)
        self.replica.mark_synced(_iso(self._clock()))
        return report

    # --- stages ---------------------------------------------------------------------
    def _hello(self, report: SyncReport) -> Any:
        """The handshake; with a protocol-4 server it also carries the sync's push (or, with
        nothing to push, asks for the first pull page), applied when the hello finds nothing
        this device must do first. Otherwise the push stage pushes as before."""
        self._progress("hello", 0, 1)
        self._first_page = None
        self._pushed_with_hello = False
        cursor = self.replica.cursor()
        change_id = self.replica.cursor_change_id()
        check = CursorCheck(cursor, change_id) if cursor and change_id else None
        marks = DeviceMarks(*self.replica.device_marks())
        ops: list[dict[str, Any]] = []
        answer: HelloAnswer | None = None
        if self.protocol >= HELLO_PUSH_PROTOCOL and (cursor == 0 or check is not None):
            # (without a change id at the cursor only the device can check the cursor)
            ops, full = self.replica.pending_ops(self.device_id, *self._push_size)
            if not full:  # a longer push goes batch by batch after the hello
                self._check()  # (a cancelled sync sends nothing of the outbox)
                answer = self._hello_and_push(cursor, check, marks, ops)
        hello = (
            answer.hello
            if answer is not None
            else self.client.hello(self.app_version, check, protocol=self.protocol, marks=marks)
        )
        report.teams = [t.id for t in hello.teams]
        self._push_size = (
            min(hello.max_push_ops or MAX_PUSH_OPS, PUSH_OPS_LIMIT),
            (hello.max_body_bytes or DEFAULT_MAX_BODY_BYTES) // 2,
        )
        spoken = min(hello.max_protocol, self.protocol)
        self._ask_check = spoken >= CHECKED_PULL_PROTOCOL
        self._sync_in_push = spoken >= SYNC_IN_PUSH_PROTOCOL
        self._digest = SUM_DIGEST if spoken >= SUM_DIGEST_PROTOCOL else None
        if self._rolled_back(hello, marks):
            report.rolled_back = True
            server_counter = hello.device_marks.op_counter if hello.device_marks else 0
            report.renumbered_after_rollback = self.replica.recover_from_rollback(server_counter)
        else:
            lost = hello.cursor_known is False or cursor > hello.high_water
            if lost:
                # The server was restored from an older backup. Re-push what it lost from our
                # copy and pull again; never discard local data because the server forgot it.
                common = 0 if hello.cursor_known is False else hello.high_water
                report.requeued_after_restore = self.replica.requeue_lost(common)
        if answer is not None and answer.push is not None:
            self._pushed_with_hello = True
            self._take_push(ops, answer.push, report)
            if report.rolled_back or report.requeued_after_restore:
                self._first_page = None  # (the server applies a push only when neither)
        return hello

    def _hello_and_push(
        self, cursor: int, check: CursorCheck | None, marks: DeviceMarks, ops: list[dict[str, Any]]
    ) -> HelloAnswer:
        """The hello with the push (protocol 4): the ops, the first pull page and the
        access-log upload, as the last push batch of protocol 3 carries them. An older
        server ignores the push and answers the hello alone."""
        uploaded, entries = self.replica.audit_after()
        head = self.replica.audit_hash_at(uploaded)
        base = AuditBase(uploaded, head) if head is not None else None
        pull = PullRequest(cursor, PULL_PAGE, None, True, [], SUM_DIGEST, self._form)
        return self.client.hello_and_push(
            self.app_version, check, marks, ops, pull, entries[:AUDIT_BATCH], base
        )

    def _take_push(self, ops: list[dict[str, Any]], answer: PushAnswer, report: SyncReport) -> None:
        """Record a push batch's answer: its results, its access-log answer, its pull page."""
        if answer.audit is not None:
            self.replica.audit_uploaded(answer.audit.verified_until)
            report.audit_verified_until = answer.audit.verified_until
        self._first_page = answer.page
        if ops:
            self._record(ops, answer.response, report)

    def _record(self, ops: list[dict[str, Any]], response: Any, report: SyncReport) -> None:
        self.replica.record_results([result_wire(r) for r in response.results])
        self._own.extend(
            r.seq for r in response.results if r.status == "applied" and r.seq is not None
        )
        for result in response.results:
            if result.status == "applied":
                report.applied += 1
            elif result.status == "conflict":
                report.conflicts += 1
            else:
                report.rejected += 1
        report.pushed += len(ops)
        self._progress("push", report.pushed, report.pushed + len(ops))

    def _rolled_back(self, hello: Any, marks: DeviceMarks) -> bool:
        """The server says our marks are behind its own, or our chain has another entry at
        the server's head (the copy went on working, so it may even be ahead by now)."""
        if hello.rolled_back:
            return True
        known = hello.device_marks
        if known is None or known.audit_seq == 0 or marks.audit_seq < known.audit_seq:
            return False
        return bool(self.replica.audit_hash_at(known.audit_seq) != known.audit_hash)

    def _push(self, report: SyncReport) -> None:
        self._first_page = None
        while True:
            self._check()
            ops, full = self.replica.pending_ops(self.device_id, *self._push_size)
            if not ops:
                return
            if self._sync_in_push and not full:
                self._push_last(ops, report)
                return
            self._record(ops, self.client.push_wire(ops), report)
            if not full:
                return

    def _push_last(self, ops: list[dict[str, Any]], report: SyncReport) -> None:
        """The last batch, with the first pull page and the access-log upload (protocol 3).
        After a rollback the log goes up on its own (it supersedes the lost copy's)."""
        entries: list[dict[str, Any]] = []
        if not report.rolled_back:
            entries = self.replica.audit_after()[1][:AUDIT_BATCH]
        after = self.replica.cursor()
        pull = PullRequest(
            after, PULL_PAGE, None, self._ask_check, self._skip(after), self._digest, self._form
        )
        self._take_push(ops, self.client.push_and_pull(ops, pull, entries), report)

    def _skip(self, after: int) -> list[int] | None:
        """What a protocol-3 pull after ``after`` leaves out: this sync's own writes."""
        if not self._sync_in_push:
            return None
        return sorted(seq for seq in self._own if seq > after)[:MAX_SKIP]

    def _leave_lost_teams(self, report: SyncReport) -> None:
        """Access to a team was removed: its records leave this laptop.

        After the push, so edits made before the removal were sent (and answered) first.
        """
        report.forgotten = self.replica.forget_partitions(report.teams)

    def _pull(self, report: SyncReport, epoch: str) -> None:
        """Pages are applied in order, each with its cursor; while one is applied the next
        is already fetched (from where the page ends, which is where the cursor stands once
        it is applied), on a helper thread that only talks HTTP. Pages that have arrived by
        the time the one before them is applied share its local transaction (``PULL_GROUP``);
        the transaction is committed before the engine waits for a page, or stops."""
        self._checked = None
        self._check()
        first, self._first_page = self._first_page, None

        def fetch(after: int) -> PullPage:
            return self.client.pull_page(
                after,
                PULL_PAGE,
                check=self._ask_check,
                skip=self._skip(after),
                digest=self._digest,
                form=self._form,
            )

        with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as ahead:
            page = first if first is not None else fetch(self.replica.cursor())
            while True:
                with self.replica.pulling():
                    following, failure = self._apply_pages(page, epoch, ahead, fetch, report)
                if failure is not None:
                    raise failure  # (the pages before the one that failed are committed)
                if following is None:
                    return
                self._check()
                page = following.result()

    def _apply_pages(
        self,
        page: PullPage,
        epoch: str,
        ahead: ThreadPoolExecutor,
        fetch: Callable[[int], PullPage],
        report: SyncReport,
    ) -> tuple[Future[PullPage] | None, Exception | None]:
        """Apply ``page``, and the pages after it already fetched when it is applied (up to
        ``PULL_GROUP`` changes), each with the fetch of the next one under way. Returns the
        fetch of the page to apply next (None after the last page), or the error of a page
        that failed to apply (its own changes are undone, the pages before it stay)."""
        grouped = 0
        while True:
            following = ahead.submit(fetch, page.next) if page.more else None
            changes = page.changes
            try:
                self.replica.apply_changes(
                    changes,
                    page.next,
                    page.epoch or epoch,
                    cursor_change_id=page.next_change_id,
                )
            except BaseException as exc:
                if following is not None:
                    following.cancel()  # (if already on the wire, it is waited for)
                if isinstance(exc, Exception):
                    return None, exc
                raise
            report.pulled += len(changes)
            grouped += len(changes)
            self._progress("pull", page.next, max(page.high_water, page.next))
            if following is None:
                self._checked = page if page.partitions is not None else None
                return None, None
            if grouped >= PULL_GROUP or not _arrived(following) or self._cancelled():
                return following, None  # commit what is applied before waiting or stopping
            page = following.result()

    def _summaries(self, teams: Sequence[str]) -> dict[str, PartitionSummary]:
        if self._digest == SUM_DIGEST:
            sums = self.replica.partition_sums()
            return {team: sum_summary(*sums.get(team, (0, None))) for team in teams}
        local = self.replica.partition_lines()
        return {team: partition_digest_of_lines(local.get(team)) for team in teams}

    def _empty(self) -> PartitionSummary:
        return (
            sum_summary(0, None) if self._digest == SUM_DIGEST else partition_digest_of_lines(None)
        )

    def _verify(self, report: SyncReport, epoch: str) -> None:
        if not report.teams:
            return
        self._progress("verify", 0, 1)
        checked = self._checked
        if checked is not None and checked.partitions is not None:
            # The server's digests came with the last pull page: compare here, exactly as
            # the server compares what ``verify`` is sent.
            server = checked.partitions
            mine = self._summaries(report.teams)
            empty = self._empty()
            mismatches = sorted(p for p in server if mine.get(p, empty) != server[p])
        else:
            answer = self.client.verify(self._summaries(report.teams), self._digest)
            mismatches = list(answer.mismatches)
        for team in mismatches:
            self._repair(team, epoch)
            report.repaired.append(team)
        if mismatches:
            # every partition again: the server counts a partition left out as empty
            again = self.client.verify(self._summaries(report.teams), self._digest)
            report.still_mismatched = list(again.mismatches)

    def _repair(self, team: str, epoch: str) -> None:
        """Pull the whole partition again; versions make re-applying harmless."""
        after = 0
        while True:
            self._check()
            page = self.client.pull_page(after, PULL_PAGE, partitions=[team], form=self._form)
            self.replica.apply_changes(
                page.changes, page.next, page.epoch or epoch, keep_cursor=True
            )
            after = page.next
            if not page.more:
                return

    def _audit(self, report: SyncReport) -> None:
        restarted = False
        supersede = report.rolled_back
        while True:
            self._check()
            uploaded, entries = self.replica.audit_after()
            if not entries and not supersede:
                return
            batch = entries[:AUDIT_BATCH]
            base = None
            if supersede:
                # go on from the last entry this copy had uploaded: the server sets aside
                # what the lost copy sent after it (and keeps it)
                base = AuditBase(uploaded, self.replica.audit_hash_at(uploaded) or "")
                supersede = False
            try:
                answer = self.client.upload_audit(batch, supersede_after=base)
            except ProtocolError as exc:
                if exc.code != "audit_chain_broken" or restarted:
                    raise
                # The server lost the tail of our chain (a restore): send it all again;
                # entries it still holds are accepted when identical.
                restarted = True
                self.replica.audit_uploaded(0)
                continue
            self.replica.audit_uploaded(answer.verified_until)
            report.audit_verified_until = answer.verified_until
            if len(entries) <= AUDIT_BATCH:
                return

    def _conflicts(self, report: SyncReport) -> None:
        checked = self._checked
        if checked is not None and checked.conflicts is not None:
            conflicts = checked.conflicts  # came with the last pull page
        else:
            conflicts = [encode(c) for c in self.client.list_conflicts()]
        self.replica.store_conflicts(conflicts)
        report.open_conflicts = len(conflicts)


def _arrived(fetch: Future[PullPage]) -> bool:
    """The page is here, whole: applying it needs no wait (a failed fetch is raised outside
    the transaction, after the pages before it are committed)."""
    return fetch.done() and not fetch.cancelled() and fetch.exception() is None


def _iso(moment: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")

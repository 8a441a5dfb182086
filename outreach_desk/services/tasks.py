"""One worker thread owns the store; the GUI thread never waits on SQL.

Work is a function of the store, submitted from the GUI thread; its result (or its
error) comes back to the GUI thread by signal and is handed to the callbacks there.
Long work gets a :class:`TaskContext` to report progress and to notice cancellation.
Modelled on Anki's task manager, in few lines.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..store import Store, StoreClosed, StoreDamaged
from ..store.errors import DRIVER_ERRORS, classify

R = TypeVar("R")
log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a task that noticed it was cancelled."""


@dataclass
class TaskContext:
    """Handed to long tasks: report progress, check for cancellation."""

    _report: Callable[[int, int], None]
    _cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int) -> None:
        self._report(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


@dataclass
class Task(Generic[R]):
    id: int
    fn: Callable[..., R]
    on_done: Callable[[R], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int], None] | None = None
    context: TaskContext | None = None

    def cancel(self) -> None:
        if self.context is not None:
            self.context._cancel.set()


class _Job:
    """What crosses to the worker: the function (and its context), taken out before the
    answer is sent. The GUI's Task keeps its own reference until the answer has been
    handled, so the last reference to the function, and to whatever it captured (a model,
    a widget), is always dropped on the GUI thread: a Qt object destroyed on the worker
    thread would leave its timers registered with the GUI thread's event loop."""

    __slots__ = ("context", "fn", "id")

    def __init__(
        self, task_id: int, fn: Callable[..., Any], context: TaskContext | None = None
    ) -> None:
        self.id = task_id
        self.fn: Callable[..., Any] | None = fn
        self.context = context

    def take(self) -> tuple[Callable[..., Any], TaskContext | None]:
        fn, context = self.fn, self.context
        self.fn = self.context = None
        assert fn is not None, "a job runs once"
        return fn, context


class _Worker(QObject):
    finished = Signal(object, object)  # task id, result
    failed = Signal(object, object)  # task id, exception
    progressed = Signal(object, int, int)  # task id, done, total

    def __init__(self) -> None:
        super().__init__()
        self.store: Store | None = None

    @Slot(object)
    def execute(self, job: _Job) -> None:
        fn, context = job.take()
        try:
            result = fn(self._store(), context) if context is not None else fn(self._store())
        except DRIVER_ERRORS as exc:
            # a store path that forgot to translate: the GUI still gets a store error
            del fn, context
            self.failed.emit(job.id, classify(exc))
        except BaseException as exc:  # every failure reaches the GUI as a message
            del fn, context
            self.failed.emit(job.id, exc)
        else:
            del fn, context
            self.finished.emit(job.id, result)

    @Slot(object)
    def execute_unlocked(self, job: _Job) -> None:
        """Open or close the store itself: the function gets and returns the worker."""
        fn, _context = job.take()
        try:
            result = fn(self)
        except BaseException as exc:
            del fn
            self.failed.emit(job.id, exc)
        else:
            del fn
            self.finished.emit(job.id, result)

    def _store(self) -> Store:
        if self.store is None or not self.store.is_open:
            raise StoreClosed("The store is locked.")
        return self.store


class TaskRunner(QObject):
    """Submit work for the store's thread; callbacks run on the GUI thread."""

    busy_changed = Signal(bool)
    store_opened = Signal(object)  # the Session of the opened store
    store_closed = Signal()
    store_damaged = Signal(object)  # a StoreDamaged raised by any task, whoever asked
    _submit = Signal(object)
    _submit_unlocked = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("store-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute)
        self._submit_unlocked.connect(self._worker.execute_unlocked)
        self._worker.finished.connect(self._finished)
        self._worker.failed.connect(self._failed)
        self._worker.progressed.connect(self._progressed)
        self._ids = itertools.count(1)
        self._pending: dict[int, Task[Any]] = {}
        self._thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        fn: Callable[[Store], R],
        on_done: Callable[[R], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Task[R]:
        task: Task[R] = Task(next(self._ids), fn, on_done, on_error)
        self._enqueue(task)
        self._submit.emit(_Job(task.id, fn))
        return task

    def run_long(
        self,
        fn: Callable[[Store, TaskContext], R],
        on_done: Callable[[R], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task[R]:
        """Work that reports progress and can be cancelled (``task.cancel()``)."""
        task: Task[R] = Task(next(self._ids), fn, on_done, on_error, on_progress)
        progressed, task_id = self._worker.progressed, task.id
        task.context = TaskContext(lambda done, total: progressed.emit(task_id, done, total))
        self._enqueue(task)
        self._submit.emit(_Job(task.id, fn, task.context))
        return task

    def open_store(
        self,
        opener: Callable[[], Store],
        on_done: Callable[[Store], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Create or unlock the store on the worker thread (the KDF takes half a second)."""

        def open_on_worker(worker: _Worker) -> Store:
            if worker.store is not None and worker.store.is_open:
                worker.store.close()
            worker.store = opener()
            return worker.store

        def opened(store: Store) -> None:
            self.store_opened.emit(store.session)
            if on_done:
                on_done(store)

        task: Task[Store] = Task(next(self._ids), open_on_worker, opened, on_error)
        self._enqueue(task)
        self._submit_unlocked.emit(_Job(task.id, open_on_worker))

    def close_store(self, on_done: Callable[[None], None] | None = None) -> None:
        """Lock: the worker closes the connection and zeroes the key."""

        def close_on_worker(worker: _Worker) -> None:
            if worker.store is not None:
                worker.store.close()
                worker.store = None

        def closed(_: None) -> None:
            self.store_closed.emit()
            if on_done:
                on_done(None)

        task: Task[None] = Task(next(self._ids), close_on_worker, closed, None)
        self._enqueue(task)
        self._submit_unlocked.emit(_Job(task.id, close_on_worker))

    def shutdown(self) -> None:
        """Close the store and stop the thread (at exit)."""
        done = threading.Event()

        def close_on_worker(worker: _Worker) -> None:
            if worker.store is not None:
                worker.store.close()
                worker.store = None
            done.set()

        self._submit_unlocked.emit(_Job(next(self._ids), close_on_worker))
        done.wait(10)
        self._thread.quit()
        self._thread.wait(10_000)

    def _enqueue(self, task: Task[Any]) -> None:
        was_busy = self.busy
        self._pending[task.id] = task
        if not was_busy:
            self.busy_changed.emit(True)

    def _dequeue(self, task: Task[Any]) -> None:
        self._pending.pop(task.id, None)
        if not self.busy:
            self.busy_changed.emit(False)

    @Slot(object, object)
    def _finished(self, task_id: int, result: Any) -> None:
        task = self._pending.get(task_id)
        if task is None:
            return  # a job nobody waits for (the one shutdown sends)
        self._dequeue(task)
        if task.on_done is not None:
            task.on_done(result)

    @Slot(object, object)
    def _failed(self, task_id: int, exc: BaseException) -> None:
        task = self._pending.get(task_id)
        if task is None:
            return
        self._dequeue(task)
        if isinstance(exc, StoreDamaged):
            # a page failed authentication mid-use: the window must say so, whatever view
            # happened to read it and however that view reports its own failures
            self.store_damaged.emit(exc)
        if task.on_error is not None:
            task.on_error(exc)
        elif not isinstance(exc, Cancelled | StoreClosed):
            # never shown with its text: driver messages can quote data
            log.error("background task failed: %s", type(exc).__name__)

    @Slot(object, int, int)
    def _progressed(self, task_id: int, done: int, total: int) -> None:
        task = self._pending.get(task_id)
        if task is not None and task.on_progress is not None:
            task.on_progress(done, total)

"""The task runner: work runs on the store's thread, results arrive on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from outreach_desk.services.tasks import Cancelled, TaskContext, TaskRunner
from outreach_desk.store import Store, StoreClosed
from tests.gui.conftest import wait_for


def test_work_runs_off_the_gui_thread(qtbot: QtBot, open_runner: TaskRunner) -> None:
    gui = threading.get_ident()
    worker_thread = wait_for(qtbot, open_runner, lambda store: threading.get_ident())
    assert worker_thread != gui


def test_results_and_errors_come_back(qtbot: QtBot, open_runner: TaskRunner) -> None:
    assert wait_for(qtbot, open_runner, lambda store: store.citizens.count()) == 0
    with pytest.raises(ZeroDivisionError):
        wait_for(qtbot, open_runner, lambda store: 1 / 0)


def test_locked_runner_refuses_work(qtbot: QtBot, open_runner: TaskRunner) -> None:
    with qtbot.waitSignal(open_runner.store_closed, timeout=5000):
        open_runner.close_store()
    with pytest.raises(StoreClosed):
        wait_for(qtbot, open_runner, lambda store: store.citizens.count())


def test_long_work_reports_progress_and_can_be_cancelled(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    seen: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    release = threading.Event()

    def long_job(store: Store, ctx: TaskContext) -> int:
        for i in range(1000):
            ctx.progress(i, 1000)
            if i == 5:
                release.wait(5)
            ctx.check()
        return 1000

    task = open_runner.run_long(
        long_job, on_error=errors.append, on_progress=lambda d, t: seen.append((d, t))
    )
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=5000)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled)
    assert seen[0] == (0, 1000)
    assert not open_runner.busy

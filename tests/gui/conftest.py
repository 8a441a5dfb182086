"""GUI fixtures: a real TaskRunner whose worker thread holds a real encrypted store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store import KdfParams, Store
from tests.conftest import PASSPHRASE, FakeClock


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


def wait_for(qtbot: QtBot, runner: TaskRunner, fn, timeout: int = 10_000):  # type: ignore[no-untyped-def]
    """Run ``fn(store)`` on the worker and wait for its result (tests only)."""
    box: dict[str, object] = {}
    runner.run(fn, lambda r: box.setdefault("result", r), lambda e: box.setdefault("error", e))
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]


@pytest.fixture
def open_runner(qtbot: QtBot, runner: TaskRunner, tmp_path: Path, clock: FakeClock) -> TaskRunner:
    """A runner with a freshly created store (fast KDF), opened on the worker thread."""
    opened: list[Store] = []
    runner.open_store(
        lambda: Store.create(
            tmp_path / "profile",
            PASSPHRASE,
            user_id="u-mette",
            user_name="Mette Sørensen",
            team_ids=("team-odense-c",),
            kdf=KdfParams.fast_for_tests(),
            clock=clock,
        ),
        on_done=opened.append,
    )
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    return runner

"""GUI fixtures: a real TaskRunner whose worker thread holds a real encrypted store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from outreach_desk.resources import translations_dir
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.settings import SettingsFile, UserSettings
from outreach_desk.store import KdfParams, Store
from outreach_desk.ui.i18n import Translations
from outreach_desk.ui.main_window import MainWindow, StoreFactory
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


@contextmanager
def main_window(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, clock: FakeClock, profile: Path
) -> Iterator[MainWindow]:
    """The real main window over ``profile`` (made on first run with a fast KDF), in English."""
    factory = StoreFactory(
        profile=profile,
        create=lambda name, secret: Store.create(
            profile,
            secret,
            user_id="u-1",
            user_name=name,
            team_ids=("t",),
            kdf=KdfParams.fast_for_tests(),
            clock=clock,
        ),
        open=lambda secret: Store.open(profile, secret, clock=clock),
    )
    translations = Translations(QApplication.instance(), translations_dir())
    translations.switch("en")
    window = MainWindow(
        runner,
        factory,
        translations,
        SettingsFile(tmp_path / "settings.json"),
        UserSettings(language="en"),
        today=lambda: clock().date(),
    )
    qtbot.addWidget(window)
    window.start()
    window.show()
    try:
        yield window
    finally:
        translations.switch("en")

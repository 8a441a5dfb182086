"""The lead's screens attached to the real main window: tabs by role, reload, lock, exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from outreach_desk.services.tasks import TaskRunner
from outreach_desk.ui.main_window import MainWindow
from outreach_desk.ui.team_lead import TeamLeadScreens
from tests.conftest import PASSPHRASE, FakeClock
from tests.gui.conftest import main_window, wait_for
from tests.gui.review_seed import seed_team


@pytest.fixture
def window(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, clock: FakeClock
) -> Iterator[tuple[MainWindow, TeamLeadScreens]]:
    with main_window(qtbot, runner, tmp_path, clock, tmp_path / "profile") as main:
        yield main, main.lead_screens  # wired in by MainWindow itself


def unlock(qtbot: QtBot, main: MainWindow) -> None:
    screen = main.first_run
    qtbot.keyClicks(screen.name, "Lise Berg")
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClicks(screen.confirm, PASSPHRASE)
    with qtbot.waitSignal(main.unlocked, timeout=15_000):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)


def tab_titles(main: MainWindow) -> list[str]:
    return [main.tabs.tabText(i) for i in range(main.tabs.count())]


def test_caseworker_gets_returned_notes_and_lead_gets_the_lead_tabs(
    qtbot: QtBot, window: tuple[MainWindow, TeamLeadScreens]
) -> None:
    main, screens = window
    unlock(qtbot, main)
    assert tab_titles(main)[3:] == ["Returned notes"]
    assert not screens.is_lead
    wait_for(qtbot, main.runner, seed_team)  # this laptop is now enrolled as a team lead
    with qtbot.waitSignal(screens.review_queue.loaded, timeout=10_000):
        screens._unlocked()
    assert tab_titles(main)[3:] == ["Returned notes", "Review", "Oversight", "Effect"]
    assert screens.review_queue.model.rowCount() == 4
    qtbot.waitUntil(lambda: screens.oversight.data is not None, timeout=10_000)
    qtbot.waitUntil(lambda: screens.effect.effect is not None, timeout=10_000)
    main.tabs.setCurrentWidget(screens.review_queue)
    screens.review_queue.select_note(screens.review_queue.model.row_at(0).note_id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: screens.review_queue.current_detail is not None, timeout=10_000)
    with qtbot.waitSignal(main.tabs.currentChanged, timeout=10_000):
        screens.review_queue.citizen_button.click()
    assert main.tabs.currentWidget() is main.citizen_view
    qtbot.waitUntil(lambda: screens.export_plan_action.isEnabled(), timeout=10_000)
    main.lock()
    qtbot.waitUntil(lambda: screens.review_queue.model.rowCount() == 0, timeout=10_000)
    assert screens.oversight.data is None and screens.effect.effect is None
    assert not screens.export_plan_action.isEnabled()

"""The whole window: first run, unlock, caseload, lock, language — on a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from outreach_desk.domain import Citizen
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.settings import UserSettings
from outreach_desk.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE, FakeClock
from tests.gui.conftest import main_window, wait_for
from tests.store.damage import flip_page_under_open_store


@pytest.fixture
def window(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, clock: FakeClock
) -> Iterator[MainWindow]:
    with main_window(qtbot, runner, tmp_path, clock, tmp_path / "profile") as main:
        yield main


def _create(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.first_run
    assert window.pages.currentWidget() is screen
    qtbot.keyClicks(screen.name, "Mette Sørensen")
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClicks(screen.confirm, PASSPHRASE)
    assert screen.create_button.isEnabled()
    with qtbot.waitSignal(window.unlocked, timeout=15_000):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)


def test_first_run_needs_a_strong_confirmed_passphrase(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.first_run
    qtbot.keyClicks(screen.name, "Mette")
    qtbot.keyClicks(screen.passphrase, "kort")
    assert not screen.create_button.isEnabled()
    assert "at least" in screen.strength_hint.text()
    screen.passphrase.setText("password123456")
    assert "easy to guess" in screen.strength_hint.text()
    screen.passphrase.setText(PASSPHRASE)
    screen.confirm.setText(PASSPHRASE + "x")
    assert not screen.create_button.isEnabled()
    assert "not the same" in screen.strength_hint.text()


def test_create_then_find_a_citizen(qtbot: QtBot, window: MainWindow, runner: TaskRunner) -> None:
    _create(qtbot, window)
    assert window.pages.currentWidget() is window.workspace
    wait_for(
        qtbot,
        runner,
        lambda s: s.citizens.add(Citizen.new("t", name="Jens Hansen", nickname="Store Jens")),
    )
    wait_for(qtbot, runner, lambda s: s.citizens.add(Citizen.new("t", name="Lise Berg")))
    window.caseload_model.reload()
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 2, timeout=5000)
    qtbot.keyClicks(window.caseload.search, "store j")
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 1, timeout=5000)
    index = window.caseload_model.index(0, 0)
    qtbot.waitUntil(lambda: window.caseload_model.data(index) == "Jens Hansen", timeout=5000)
    window.caseload.table.setCurrentIndex(index)
    qtbot.waitUntil(lambda: window.citizen_view.citizen_id is not None, timeout=5000)


def test_lock_clears_everything_and_unlock_brings_it_back(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner
) -> None:
    _create(qtbot, window)
    wait_for(qtbot, runner, lambda s: s.citizens.add(Citizen.new("t", name="Jens Hansen")))
    window.caseload_model.reload()
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(window.locked, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        if window.pages.currentWidget() is window.workspace:  # offscreen: trigger the action
            window.lock_action.trigger()
    assert window.pages.currentWidget() is window.unlock_screen
    assert window.caseload_model.rowCount() == 0
    texts = [w.text() for w in window.findChildren(QLabel)] + [
        w.text() for w in window.findChildren(QLineEdit)
    ]
    assert not any("Jens" in t for t in texts)
    with pytest.raises(Exception, match="locked"):
        wait_for(qtbot, runner, lambda s: s.citizens.count())
    window.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        window.unlock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 1, timeout=5000)


def test_wrong_passphrase_shows_the_growing_wait(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    window.lock()
    screen = window.unlock_screen
    for attempt in range(1, 4):
        qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=5000)
        screen.passphrase.setText("not the passphrase")
        screen.unlock_button.click()
        qtbot.waitUntil(lambda n=attempt: screen.failures == n, timeout=10_000)
        assert "not correct" in screen.error.text()
    assert "try again in 2 seconds" in screen.error.text()
    assert not screen.unlock_button.isEnabled()
    qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=5000)


def test_idle_timeout_locks(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    window.idle.set_interval_ms(100)
    with qtbot.waitSignal(window.locked, timeout=5000):
        pass
    assert window.pages.currentWidget() is window.unlock_screen


def test_language_switches_without_restart(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    window.apply_settings(UserSettings(language="da"))
    qtbot.waitUntil(lambda: window.contact_action.text() == "&Ny kontakt", timeout=3000)
    assert window.tabs.tabText(0) == "Borger"
    assert window.caseload_model.headerData(0, Qt.Orientation.Horizontal) == "Navn"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuller"
    window.apply_settings(UserSettings(language="en"))
    qtbot.waitUntil(lambda: window.contact_action.text() == "&New contact", timeout=3000)


def test_page_damaged_while_working_shows_the_damaged_store_message(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner
) -> None:
    _create(qtbot, window)
    person = wait_for(qtbot, runner, lambda s: s.citizens.add(Citizen.new("t", name="Jens Hansen")))
    wait_for(qtbot, runner, lambda s: flip_page_under_open_store(s, "citizens"))
    window.caseload_model.reload()  # any view reading the page: it reports the damage
    qtbot.waitUntil(lambda: window.damage_notice is not None, timeout=5000)
    notice = window.damage_notice
    assert notice is not None and notice.isVisible()
    assert "damaged or has been changed outside Outreach Desk" in notice.text()
    assert "Jens" not in notice.text() and person.id not in notice.text()
    window.citizen_view.show_citizen(person.id)  # a second failure: still one notice
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert window.damage_notice is notice
    with qtbot.waitSignal(window.locked, timeout=5000):  # and locking still works
        window.lock()


def test_a_sync_that_found_a_rolled_back_store_tells_the_caseworker(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from sync.engine import SyncReport

    _create(qtbot, window)
    window.sync.finished.emit(SyncReport(rolled_back=True, renumbered_after_rollback=3))
    box = window.findChild(QMessageBox, "rolled-back-warning")
    assert box is not None and box.isVisible()
    assert "restored from a backup" in box.text() and "Nothing was lost" in box.text()
    assert window.pages.currentWidget() is window.workspace  # the window keeps working
    box.close()

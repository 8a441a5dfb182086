"""``--screenshot DIR``: render each main screen to a PNG and exit (no display needed)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from .main_window import MainWindow
from .settings_dialog import SettingsDialog


def _settle(
    window: MainWindow, until: Callable[[], bool] = lambda: True, seconds: float = 20
) -> None:
    """Let queued work finish: the runner idle and the condition true."""
    deadline = time.monotonic() + seconds
    quiet_rounds = 0
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until() and not window.runner.busy:
            quiet_rounds += 1
            if quiet_rounds > 5:
                return
        else:
            quiet_rounds = 0
        time.sleep(0.02)


def _save(widget: QWidget, folder: Path, name: str, written: list[Path]) -> None:
    path = folder / f"{len(written) + 1:02d}-{name}.png"
    widget.grab().save(str(path))
    written.append(path)


def render_all(app: QApplication, window: MainWindow, folder: Path, passphrase: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    window.resize(1366, 860)
    window.show()
    _settle(window)
    window.pages.setCurrentWidget(window.first_run)
    _save(window, folder, "first-run", written)
    window.start()
    _save(window, folder, "unlock", written)
    window.unlock_screen.unlock_requested.emit(passphrase)
    _settle(window, lambda: window.pages.currentWidget() is window.workspace)
    if window.pages.currentWidget() is not window.workspace:
        print("outreach-desk: could not unlock the profile for screenshots")
        return 1
    table = window.caseload.table
    _settle(window, lambda: window.caseload_model.rowCount() > 0 and window.sync.state != "syncing")
    _save(window, folder, "caseload", written)
    model = window.caseload_model
    _settle(window, lambda: model.citizen_id_at(0) is not None)
    table.setCurrentIndex(model.index(0, 0))
    _settle(window, lambda: window.citizen_view.citizen_id is not None)
    tabs = window.citizen_view.findChild(QTabWidget)
    if tabs is not None:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _settle(window)
            name = f"citizen-{tabs.tabText(index).replace('&', '').lower().replace(' ', '-')}"
            _save(window, folder, name, written)
    window.tabs.setCurrentWidget(window.followups)
    _settle(window)
    _save(window, folder, "follow-ups", written)
    dialog = SettingsDialog(window.settings, [], window.policy.locked, parent=window)
    dialog.show()
    _settle(window)
    _save(dialog, folder, "settings", written)
    dialog.close()
    window.lock()
    _settle(window)
    _save(window, folder, "locked", written)
    for path in written:
        print(path)
    return 0

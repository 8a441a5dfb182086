"""Idle lock and session-lock detection."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from outreach_desk.ui.idle import IdleWatcher, SessionLockWatcher


def test_idle_fires_after_the_interval_without_input(qtbot: QtBot) -> None:
    watcher = IdleWatcher(5)
    watcher.set_interval_ms(50)
    watcher.start()
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass


def test_input_restarts_the_idle_clock(qtbot: QtBot) -> None:
    app = QApplication.instance()
    watcher = IdleWatcher(5)
    watcher.set_interval_ms(300)
    app.installEventFilter(watcher)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    field = QLineEdit()
    qtbot.addWidget(field)
    watcher.start()
    try:
        for _ in range(8):  # typing for longer than the interval keeps it unlocked
            qtbot.wait(60)
            QApplication.sendEvent(
                field,
                QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
            )
        assert fired == []
        qtbot.waitUntil(lambda: fired == [True], timeout=3000)
    finally:
        app.removeEventFilter(watcher)


@pytest.fixture
def private_bus() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    yield address
    proc.terminate()
    proc.wait(5)
    proc.stdout.close()


def test_screen_lock_signal_locks(qtbot: QtBot, private_bus: str) -> None:
    from PySide6.QtDBus import QDBusConnection

    bus = QDBusConnection.connectToBus(private_bus, "outreach-test-bus")
    assert bus.isConnected()
    watcher = SessionLockWatcher(session_bus=bus, system_bus=bus)
    assert watcher.connected == ["screensaver", "sleep"]
    with qtbot.waitSignal(watcher.locked, timeout=5000):
        subprocess.run(
            [
                "dbus-send",
                f"--bus={private_bus}",
                "--type=signal",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver.ActiveChanged",
                "boolean:true",
            ],
            check=True,
        )
    QDBusConnection.disconnectFromBus("outreach-test-bus")

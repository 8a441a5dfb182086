"""Locking when nobody is there: after N idle minutes, and when the session locks.

Idle time is measured from the last keyboard or mouse input to the app. Screen lock
and suspend are seen where the platform tells Qt: on Linux through logind and the
screensaver over D-Bus.
"""

from __future__ import annotations

from PySide6.QtCore import SLOT, QEvent, QObject, QTimer, Signal, Slot

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Install on the QApplication; emits ``idle`` once after ``minutes`` without input."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class SessionLockWatcher(QObject):
    """Emits ``locked`` when the desktop session locks or the machine goes to sleep.

    Listens on D-Bus (Linux): the screensaver's ``ActiveChanged(true)`` on the session
    bus and logind's ``PrepareForSleep(true)`` on the system bus. Buses can be passed in
    (tests use a private bus); by default the user's own are used.
    """

    locked = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        session_bus: object | None = None,
        system_bus: object | None = None,
    ) -> None:
        super().__init__(parent)
        self.connected: list[str] = []
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # no D-Bus module on this platform
            return
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        hooks = (
            (
                session,
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver",
                "ActiveChanged",
                "screensaver",
            ),
            (
                system,
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                "sleep",
            ),
        )
        slot = SLOT("_on_signal(bool)")
        for bus, path, interface, name, label in hooks:
            if bus.isConnected() and bus.connect("", path, interface, name, self, slot):  # type: ignore[attr-defined]
                self.connected.append(label)

    @Slot(bool)
    def _on_signal(self, active: bool) -> None:
        if active:
            self.locked.emit()

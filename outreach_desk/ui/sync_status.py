"""The sync status shown at all times: online or not, last sync, pending changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..services.casework import LocalSyncState
from .widgets import fmt_datetime, parse_iso


class SyncStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        self.connection = QLabel(self)
        self.last_sync = QLabel(self)
        self.pending = QLabel(self)
        for label in (self.connection, self.last_sync, self.pending):
            layout.addWidget(label)
        self._state: LocalSyncState | None = None
        self._online = False
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_online(self, online: bool) -> None:
        self._online = online
        self.retranslate()

    def show_state(self, state: LocalSyncState | None) -> None:
        self._state = state
        self.retranslate()

    def retranslate(self) -> None:
        self.connection.setText(
            ("● " + self.tr("Online")) if self._online else ("○ " + self.tr("Offline"))
        )
        self.connection.setStyleSheet("color: #2e7d32;" if self._online else "color: #6d6d6d;")
        state = self._state
        if state is None:
            self.last_sync.setText("")
            self.pending.setText("")
            self.setAccessibleName(self.tr("Sync status"))
            return
        moment = parse_iso(state.last_sync) if state.last_sync else None
        self.last_sync.setText(
            self.tr("Last sync: %1").replace("%1", fmt_datetime(moment))
            if moment
            else self.tr("Never synchronised")
        )
        parts = [self.tr("%Ln change(s) waiting to sync", "", state.pending)]
        if state.conflicts:
            parts.append(self.tr("%n conflict(s)", "", state.conflicts))
        if state.rejected:
            parts.append(self.tr("%n rejected", "", state.rejected))
        self.pending.setText(" · ".join(parts))
        self.setAccessibleName(
            " ".join([self.connection.text(), self.last_sync.text(), self.pending.text()])
        )

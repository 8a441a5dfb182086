"""Shown instead of the data when the offline lease has run out (see services/lease.py).

The store is open (a sync needs the device key inside it) but no citizen is shown until
the server has been reached. The screen says why, what to do, and that nothing is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..services.lease import Lease
from .unlock import _card, _error_label
from .widgets import fmt_datetime


class LeaseScreen(QWidget):
    sync_requested = Signal()
    lock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, layout = _card(self)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.title.setWordWrap(True)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.problem = _error_label(self)
        self.sync_button = QPushButton(self)
        self.sync_button.setDefault(True)
        self.lock_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.lock_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sync_button)
        for widget in (self.title, self.explanation, self.status, self.problem):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.sync_button.clicked.connect(self._sync)
        self.lock_button.clicked.connect(self.lock_requested)
        self._lease = Lease(None, None)
        self._syncing = False
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("This laptop has been offline for too long"))
        last = self._lease.last_contact
        self.explanation.setText(
            self.tr(
                "To protect the citizens' data on a laptop that may be lost, Outreach Desk "
                "shows nothing after %1 days without contact with the server (last contact: "
                "%2). Connect to the network and synchronise: everything appears again as soon "
                "as the server has been reached. Nothing recorded on this laptop is lost."
            )
            .replace("%1", str(self._lease.days or ""))
            .replace("%2", fmt_datetime(last) if last else self.tr("never"))
        )
        self.status.setText(self.tr("Synchronising…") if self._syncing else "")
        self.sync_button.setText(self.tr("&Synchronise now"))
        self.lock_button.setText(self.tr("&Lock"))
        self.sync_button.setAccessibleName(self.tr("Synchronise now"))
        self.lock_button.setAccessibleName(self.tr("Lock"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_lease(self, lease: Lease) -> None:
        self._lease = lease
        self._syncing = False
        self.problem.setVisible(False)
        self.retranslate()
        self.sync_button.setFocus()

    def set_syncing(self, syncing: bool) -> None:
        self._syncing = syncing
        self.sync_button.setEnabled(not syncing)
        if syncing:
            self.problem.setVisible(False)
        self.retranslate()

    def show_problem(self, message: str) -> None:
        self.set_syncing(False)
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _sync(self) -> None:
        self.set_syncing(True)
        self.sync_requested.emit()

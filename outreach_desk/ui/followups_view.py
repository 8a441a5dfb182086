"""Follow-ups (opfølgning): what was agreed and is due, overdue first.

Sections Overdue / Today / This week. Enter or double-click opens the citizen;
"Mark done" (Ctrl+D) closes the selected follow-up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import FollowUp
from ..services import casework
from ..services.casework import FollowUpAgenda
from ..services.tasks import TaskRunner
from . import labels
from .widgets import ErrorLabel, fmt_date, guarded, heading, muted

ID_ROLE = Qt.ItemDataRole.UserRole
CITIZEN_ROLE = Qt.ItemDataRole.UserRole + 1
SECTIONS = ("overdue", "today", "this_week")


class FollowUpsView(QWidget):
    """The caseworker's agenda of open follow-ups for the coming week."""

    citizen_requested = Signal(str)
    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._agenda: FollowUpAgenda | None = None
        self._generation = 0
        self._select_after: str | None = None

        self.title = heading()
        self.loading = muted(QLabel())
        self.refresh_button = QPushButton()
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.tree = QTreeWidget()
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.mark_selected_done)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentItem(), 0))
        self.empty = muted(QLabel())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = ErrorLabel()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.loading)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.error)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.refresh_button, self.tree)
        QWidget.setTabOrder(self.tree, self.done_button)
        QWidget.setTabOrder(self.done_button, self.open_button)
        self.retranslate()
        self._update_buttons()
        self.empty.hide()

    # --- public -----------------------------------------------------------------------------
    @property
    def agenda(self) -> FollowUpAgenda | None:
        return self._agenda

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self.loading.setText(self.tr("Loading…"))
        self._runner.run(
            casework.todays_agenda,
            guarded(self, lambda agenda: self._loaded(generation, agenda)),
            guarded(self, lambda exc: self._failed(generation, exc)),
        )

    def clear(self) -> None:
        """Drop all personal data (lock)."""
        self._generation += 1
        self._agenda = None
        self.tree.clear()
        self.loading.clear()
        self.error.show_errors([])
        self.empty.hide()
        self._update_buttons()

    def mark_selected_done(self) -> None:
        item = self.tree.currentItem()
        if item is None or item.data(0, ID_ROLE) is None:
            return
        followup_id = item.data(0, ID_ROLE)
        self.done_button.setEnabled(False)
        below = self.tree.itemBelow(item) or self.tree.itemAbove(item)
        self._select_after = below.data(0, ID_ROLE) if below else None

        def failed(exc: BaseException) -> None:
            self._update_buttons()
            self.error.setText(self.tr("Could not mark the follow-up as done."))
            self.error.show()

        self._runner.run(
            lambda store: casework.mark_follow_up_done(store, followup_id),
            guarded(self, lambda _: (self.refresh(), self.changed.emit())),
            guarded(self, failed),
        )

    def items(self, section: str) -> list[QTreeWidgetItem]:
        """The rows of a section ("overdue", "today", "this_week"); for tests and tools."""
        top = self._section_item(section)
        return [top.child(i) for i in range(top.childCount())] if top else []

    # --- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Follow-ups"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh follow-ups"))
        self.tree.setHeaderLabels(
            [self.tr("Citizen"), self.tr("Follow-up"), self.tr("Due"), self.tr("Responsible")]
        )
        self.tree.setAccessibleName(self.tr("Follow-ups: overdue, today and this week"))
        self.done_button.setText(self.tr("Mark done"))
        self.done_button.setShortcut(QKeySequence("Ctrl+D"))
        self.done_button.setToolTip(self.tr("Mark the selected follow-up as done (Ctrl+D)"))
        self.done_button.setAccessibleName(self.tr("Mark done"))
        self.open_button.setText(self.tr("Open &citizen"))
        self.open_button.setAccessibleName(self.tr("Open the citizen of the selected follow-up"))
        self.empty.setText(self.tr("Nothing to follow up this week."))
        if self._agenda is not None:
            self._show(self._agenda)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- internals --------------------------------------------------------------------------
    def _section_titles(self) -> dict[str, str]:
        return {
            "overdue": self.tr("Overdue"),
            "today": self.tr("Today"),
            "this_week": self.tr("This week"),
        }

    def _section_item(self, section: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, CITIZEN_ROLE) == section:
                return item
        return None

    def _loaded(self, generation: int, agenda: FollowUpAgenda) -> None:
        if generation != self._generation:
            return
        self.loading.clear()
        self.error.show_errors([])
        self._agenda = agenda
        self._show(agenda)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading.clear()
            self.error.setText(self.tr("The follow-ups could not be loaded."))
            self.error.show()

    def _show(self, agenda: FollowUpAgenda) -> None:
        selected = self._select_after
        current = self.tree.currentItem()
        if selected is None and current is not None:
            selected = current.data(0, ID_ROLE)
        self._select_after = None
        self.tree.clear()
        titles = self._section_titles()
        groups: dict[str, list[FollowUp]] = {
            "overdue": agenda.overdue,
            "today": agenda.today,
            "this_week": agenda.this_week,
        }
        restore: QTreeWidgetItem | None = None
        for section in SECTIONS:
            rows = groups[section]
            if not rows:
                continue
            top = QTreeWidgetItem([f"{titles[section]} ({len(rows)})"])
            top.setData(0, CITIZEN_ROLE, section)
            font = QFont(top.font(0))
            font.setBold(True)
            top.setFont(0, font)
            top.setFirstColumnSpanned(True)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for followup in rows:
                child = QTreeWidgetItem(
                    [
                        agenda.names.get(followup.citizen_id) or "—",
                        followup.description,
                        fmt_date(followup.due),
                        labels.responsible(followup.responsible),
                    ]
                )
                child.setData(0, ID_ROLE, followup.id)
                child.setData(0, CITIZEN_ROLE, followup.citizen_id)
                child.setToolTip(1, followup.description)
                if section == "overdue":
                    red = QBrush(self.palette().color(QPalette.ColorRole.Text))
                    red.setColor(Qt.GlobalColor.darkRed)
                    child.setForeground(2, red)
                top.addChild(child)
                if followup.id == selected:
                    restore = child
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        total = sum(len(rows) for rows in groups.values())
        self.empty.setVisible(total == 0)
        self.tree.setVisible(total > 0)
        if restore is None and total:
            first = self.tree.topLevelItem(0)
            restore = first.child(0) if first else None
        if restore is not None:
            self.tree.setCurrentItem(restore)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.tree.currentItem()
        is_row = item is not None and item.data(0, ID_ROLE) is not None
        self.done_button.setEnabled(is_row)
        self.open_button.setEnabled(is_row)

    def _activated(self, item: QTreeWidgetItem | None, _column: int) -> None:
        if item is not None and item.data(0, ID_ROLE) is not None:
            self.citizen_requested.emit(item.data(0, CITIZEN_ROLE))

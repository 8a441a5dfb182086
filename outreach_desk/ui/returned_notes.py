"""Notes a team lead returned to the caseworker (or marked "has issues"), with the comment.

The caseworker answers with an addendum (a final note never changes); the addendum
re-opens the note for the lead, and it leaves this list.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
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

from ..services import review as reviews
from ..services.review import ReturnedNote
from ..services.tasks import TaskRunner
from .review_queue import STATE_COLOURS, state_label
from .widgets import ErrorLabel, fmt_datetime, guarded, heading, muted

NOTE_ROLE = Qt.ItemDataRole.UserRole
CITIZEN_ROLE = Qt.ItemDataRole.UserRole + 1


class ReturnedNotesView(QWidget):
    """The signed-in caseworker's returned notes; ``count_changed`` feeds a tab badge."""

    addendum_requested = Signal(str)  # note id
    citizen_requested = Signal(str)
    count_changed = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0
        self._items: list[ReturnedNote] | None = None

        self.title = heading()
        self.intro = muted(QLabel())
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(lambda *_: self._addendum())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.addendum_button = QPushButton()
        self.addendum_button.clicked.connect(self._addendum)
        self.citizen_button = QPushButton()
        self.citizen_button.clicked.connect(self._citizen)
        self.empty = muted(QLabel())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.addendum_button)
        buttons.addWidget(self.citizen_button)
        buttons.addWidget(self.error)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.retranslate()
        self.empty.hide()
        self._update_buttons()

    @property
    def items(self) -> list[ReturnedNote] | None:
        return self._items

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self._runner.run(
            reviews.returned_notes,
            guarded(self, lambda items: self._loaded(generation, items)),
            guarded(self, lambda _exc: self._failed(generation)),
        )

    def clear(self) -> None:
        self._generation += 1
        self._items = None
        self.tree.clear()
        self.empty.hide()
        self.error.show_errors([])
        self._update_buttons()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Returned notes"))
        self.intro.setText(
            self.tr(
                "Notes your team lead has returned or marked. A final note cannot be "
                "changed: answer with an addendum, and the note goes back for review."
            )
        )
        self.tree.setHeaderLabels(
            [
                self.tr("Contact"),
                self.tr("Citizen"),
                self.tr("Review"),
                self.tr("Team lead"),
                self.tr("Comment"),
            ]
        )
        self.tree.setAccessibleName(self.tr("Returned notes with the team lead's comment"))
        self.addendum_button.setText(self.tr("Write &addendum…"))
        self.citizen_button.setText(self.tr("Open &citizen"))
        self.empty.setText(self.tr("No returned notes."))
        if self._items is not None:
            self._show(self._items)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _loaded(self, generation: int, items: list[ReturnedNote]) -> None:
        if generation != self._generation:
            return
        self._items = items
        self._show(items)
        self.count_changed.emit(len(items))

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self.error.setText(self.tr("The returned notes could not be loaded."))
            self.error.show()

    def _show(self, items: list[ReturnedNote]) -> None:
        self.tree.clear()
        for item in items:
            row = item.row
            event = datetime.fromisoformat(row.event_time)
            reviewed = datetime.fromisoformat(row.reviewed_at) if row.reviewed_at else None
            tree_item = QTreeWidgetItem(
                [
                    fmt_datetime(event),
                    ", ".join(item.citizen_names.values()),
                    state_label(row.state),
                    f"{item.reviewer_name} · {fmt_datetime(reviewed)}",
                    row.comment,
                ]
            )
            tree_item.setData(0, NOTE_ROLE, row.note_id)
            tree_item.setData(0, CITIZEN_ROLE, row.citizen_ids[0] if row.citizen_ids else None)
            tree_item.setForeground(2, QBrush(QColor(STATE_COLOURS[row.state])))
            tree_item.setToolTip(4, row.comment)
            tree_item.setToolTip(1, row.snippet)
            self.tree.addTopLevelItem(tree_item)
        header = self.tree.header()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty.setVisible(not items)
        self.tree.setVisible(bool(items))
        if items:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        current = self.tree.currentItem()
        self.addendum_button.setEnabled(current is not None)
        self.citizen_button.setEnabled(current is not None)

    def _addendum(self) -> None:
        current = self.tree.currentItem()
        if current is not None:
            self.addendum_requested.emit(current.data(0, NOTE_ROLE))

    def _citizen(self) -> None:
        current = self.tree.currentItem()
        if current is not None and current.data(0, CITIZEN_ROLE):
            self.citizen_requested.emit(current.data(0, CITIZEN_ROLE))

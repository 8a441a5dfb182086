"""The caseload panel: search as you type, filters, and the table of citizens."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..store.caseload import CaseloadFilter
from .caseload_model import CaseloadModel
from .widgets import unshaped_text

SEARCH_LOG_SETTLE_MS = 1000  # typing paused this long: the search is what was looked for


class CaseloadTable(QTableView):
    """The caseload's table: asks its model for the rows it is about to paint.

    Painting is when the view knows which rows show (after a scroll, a resize, a
    reset, a jump by keyboard), so pages are fetched then, and only those.
    """

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        model = self.model()
        if isinstance(model, CaseloadModel):
            row_height = max(1, self.verticalHeader().defaultSectionSize())
            model.first_rows = max(10, self.viewport().height() // row_height + 2)

    def reset(self) -> None:
        super().reset()
        # lay the rows out now rather than on the next turn of the event loop: the
        # delayed layout would paint the whole list a second time after each keystroke
        self.executeDelayedItemsLayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if isinstance(model, CaseloadModel) and model.rowCount():
            first = max(0, self.rowAt(0))
            last = self.rowAt(self.viewport().height() - 1)
            # placeholders for rows still on their way are part of this paint already
            blocked = model.blockSignals(True)
            try:
                model.request_rows(first, model.rowCount() - 1 if last < 0 else last)
            finally:
                model.blockSignals(blocked)
        super().paintEvent(event)


class QuietLine(QWidget):
    """One line of text whose changes never lay the window out again.

    A label in a layout asks the whole window for a new layout whenever its text changes
    (and the main window then animates its toolbars into the same places). The count
    under the list changes on every keystroke, so its label sits in this box of fixed
    height, without a layout, and simply fills it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.setFixedHeight(max(self.label.sizeHint().height(), self.fontMetrics().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())


class CaseloadPanel(QWidget):
    citizen_selected = Signal(str)
    citizen_activated = Signal(str)

    def __init__(self, model: CaseloadModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        chips = QHBoxLayout()
        chips.setSpacing(4)
        self.filter_buttons: dict[CaseloadFilter, QToolButton] = {}
        for flt in CaseloadFilter:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.toggled.connect(self._filters_changed)
            self.filter_buttons[flt] = button
            chips.addWidget(button)
        chips.addStretch(1)
        layout.addLayout(chips)
        place_row = QHBoxLayout()
        self.place_label = QLabel(self)
        self.place = QComboBox(self)
        self.place_label.setBuddy(self.place)
        self.place.currentIndexChanged.connect(self._filters_changed)
        place_row.addWidget(self.place_label)
        place_row.addWidget(self.place, 1)
        layout.addLayout(place_row)
        self.table = CaseloadTable(self)
        self.table.setModel(model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # the last column stretches; these leave it room for "Næste opfølgning" so the
        # table needs no horizontal scroll bar at the default window size
        for column, width in enumerate((145, 90, 42, 120, 112)):
            self.table.setColumnWidth(column, width)
        self.table.setTabKeyNavigation(False)
        unshaped_text(self.table)
        layout.addWidget(self.table, 1)
        count_line = QuietLine(self)
        self.count = count_line.label
        layout.addWidget(count_line)
        # no debounce: a search takes a few milliseconds on the worker, and the model
        # skips queries that newer keystrokes overtook; the access log gets the search
        # once the typing settles
        self.search.textChanged.connect(lambda _text: self._apply_search())
        self.search.returnPressed.connect(self._apply_search)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SEARCH_LOG_SETTLE_MS)
        self._settle.timeout.connect(model.log_search)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        model.count_changed.connect(self._show_count)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        self._count = 0
        self._selected_rid: int | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search name, nickname, CPR or place… (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search citizens"))
        texts = {
            CaseloadFilter.MINE: (self.tr("Mine"), self.tr("Citizens I coordinate")),
            CaseloadFilter.AT_PLACE: (self.tr("At place"), self.tr("Met at the chosen place")),
            CaseloadFilter.FOLLOW_UP_DUE: (
                self.tr("Follow-up due"),
                self.tr("A follow-up is due within a week or overdue"),
            ),
            CaseloadFilter.NO_RECENT_CONTACT: (
                self.tr("No contact 30+ days"),
                self.tr("No contact for 30 days or more"),
            ),
            CaseloadFilter.YOUTH: (self.tr("Youth 18–30"), self.tr("Young people aged 18 to 30")),
            CaseloadFilter.ANONYMOUS: (self.tr("Anonymous"), self.tr("Anonymous contacts")),
        }
        for flt, (text, tip) in texts.items():
            self.filter_buttons[flt].setText(text)
            self.filter_buttons[flt].setToolTip(tip)
            self.filter_buttons[flt].setAccessibleName(tip)
        self.place_label.setText(self.tr("&Place:"))
        self.place.setAccessibleName(self.tr("Place for the 'at place' filter"))
        self.table.setAccessibleName(self.tr("Caseload"))
        self._show_count(self._count)
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_places(self, places: list[tuple[str, str]], current: str | None) -> None:
        self.place.blockSignals(True)
        self.place.clear()
        for place_id, name in places:
            self.place.addItem(name, place_id)
        if current is not None:
            self.place.setCurrentIndex(max(0, self.place.findData(current)))
        self.place.blockSignals(False)

    def _apply_search(self) -> None:
        query = replace(self.model.query, search=self.search.text())
        if query != self.model.query:
            self.model.set_query(query)
            self._settle.start()

    def _filters_changed(self) -> None:
        active = frozenset(f for f, b in self.filter_buttons.items() if b.isChecked())
        place_id = self.place.currentData()
        self.model.set_query(replace(self.model.query, filters=active, place_id=place_id))
        self._settle.start()

    def _show_count(self, count: int) -> None:
        self._count = count
        self.count.setText(self.tr("%Ln citizen(s)", "", count))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        citizen_id = self.model.citizen_id_at(current.row()) if current.isValid() else None
        if citizen_id:
            self.citizen_selected.emit(citizen_id)

    def _activated(self, index: QModelIndex) -> None:
        citizen_id = self.model.citizen_id_at(index.row()) if index.isValid() else None
        if citizen_id:
            self.citizen_activated.emit(citizen_id)

    def _remember_selection(self) -> None:
        row = self.model.row_for(self.table.currentIndex())
        if row is not None:
            self._selected_rid = row.rid

    def _restore_selection(self) -> None:
        """A reload (after a save or a sync) keeps the citizen selected, quietly."""
        if self._selected_rid is None:
            return
        row = self.model.row_of(self._selected_rid)
        if row is None:
            return
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectRow(row)
        selection.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear(self) -> None:
        if self._settle.isActive():
            self._settle.stop()
            self.model.log_search()  # before the store closes: the worker keeps the order
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        # after the reset: the reset itself remembers the current row, and a citizen
        # silently re-selected after the next unlock could not be opened by a click
        self._selected_rid = None

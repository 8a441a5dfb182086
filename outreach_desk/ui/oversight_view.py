"""Ledelsestilsyn: the team lead's overview of what needs following up across the team.

One tab per list (overdue follow-ups, no contact for N days, plans past their follow-up
date, consents about to expire, late notes, sync conflicts and rejected changes), each
with its count. Enter or double-click opens the citizen; each list exports as CSV.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services.oversight import Oversight, OversightSettings, Row, load_oversight
from ..services.tasks import TaskRunner
from . import labels
from .widgets import ErrorLabel, fmt_date, fmt_datetime, guarded, heading, muted, parse_iso

CITIZEN_ROLE = Qt.ItemDataRole.UserRole
SECTIONS = (
    "overdue_followups",
    "no_contact",
    "plans_due",
    "consents_expiring",
    "late_notes",
    "conflicts",
    "rejected",
)


class OversightView(QWidget):
    citizen_requested = Signal(str)
    loaded = Signal()
    # (header, rows, citizen ids, what): TeamLeadScreens connects ExportController.export_table
    export_requested = Signal(list, list, list, str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0
        self._data: Oversight | None = None

        self.title = heading()
        self.loading = muted(QLabel())
        self.no_contact_days = QSpinBox()
        self.no_contact_days.setRange(1, 365)
        self.no_contact_days.setValue(30)
        self.consent_days = QSpinBox()
        self.consent_days.setRange(1, 365)
        self.consent_days.setValue(30)
        self.no_contact_caption = QLabel()
        self.no_contact_caption.setBuddy(self.no_contact_days)
        self.consent_caption = QLabel()
        self.consent_caption.setBuddy(self.consent_days)
        for spin in (self.no_contact_days, self.consent_days):
            spin.editingFinished.connect(self.refresh)
        self.refresh_button = QPushButton()
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_current)
        self.error = ErrorLabel()

        self.tabs = QTabWidget()
        self.trees: dict[str, QTreeWidget] = {}
        for section in SECTIONS:
            tree = QTreeWidget()
            tree.setRootIsDecorated(False)
            tree.setAlternatingRowColors(True)
            tree.setSortingEnabled(True)
            tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            tree.itemActivated.connect(lambda item, _c: self._activated(item))
            self.trees[section] = tree
            self.tabs.addTab(tree, "")

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.loading)
        top.addWidget(self.no_contact_caption)
        top.addWidget(self.no_contact_days)
        top.addWidget(self.consent_caption)
        top.addWidget(self.consent_days)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.error)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.retranslate()

    @property
    def data(self) -> Oversight | None:
        return self._data

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        settings = OversightSettings(
            no_contact_days=self.no_contact_days.value(), consent_days=self.consent_days.value()
        )
        self.loading.setText(self.tr("Loading…"))
        self._runner.run(
            lambda store: load_oversight(store, settings),
            guarded(self, lambda data: self._loaded(generation, data)),
            guarded(self, lambda _exc: self._failed(generation)),
        )

    def clear(self) -> None:
        self._generation += 1
        self._data = None
        for tree in self.trees.values():
            tree.clear()
        self.loading.clear()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Oversight"))
        self.no_contact_caption.setText(self.tr("No contact for (days)"))
        self.consent_caption.setText(self.tr("Consent expires within (days)"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export list (CSV)…"))
        self.open_button.setText(self.tr("Open &citizen"))
        titles = self._titles()
        for index, section in enumerate(SECTIONS):
            count = len(self._data.sections()[section]) if self._data else None
            text = titles[section] + (f" ({count})" if count is not None else "")
            self.tabs.setTabText(index, text)
            self.trees[section].setHeaderLabels(self._headers(section))
            self.trees[section].setAccessibleName(titles[section])
        if self._data is not None:
            self._show(self._data)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- wording ----------------------------------------------------------------------------
    def _titles(self) -> dict[str, str]:
        return {
            "overdue_followups": self.tr("Overdue follow-ups"),
            "no_contact": self.tr("No contact"),
            "plans_due": self.tr("Plans past follow-up"),
            "consents_expiring": self.tr("Consents expiring"),
            "late_notes": self.tr("Late notes"),
            "conflicts": self.tr("Sync conflicts"),
            "rejected": self.tr("Rejected changes"),
        }

    def _headers(self, section: str) -> list[str]:
        citizen = self.tr("Citizen")
        return {
            "overdue_followups": [
                citizen,
                self.tr("Follow-up"),
                self.tr("Due"),
                self.tr("Days overdue"),
                self.tr("Who"),
            ],
            "no_contact": [
                citizen,
                self.tr("Last contact"),
                self.tr("Days"),
                self.tr("Coordinating caseworker"),
            ],
            "plans_due": [
                citizen,
                self.tr("Plan follow-up date"),
                self.tr("Days over"),
                self.tr("Coordinating caseworker"),
            ],
            "consents_expiring": [
                citizen,
                self.tr("Consent"),
                self.tr("Expires"),
                self.tr("Days left"),
            ],
            "late_notes": [
                citizen,
                self.tr("Contact"),
                self.tr("Written"),
                self.tr("Hours later"),
                self.tr("Caseworker"),
            ],
            "conflicts": [
                self.tr("Record"),
                self.tr("Field"),
                self.tr("On the server (by)"),
                self.tr("Other version (by)"),
            ],
            "rejected": [self.tr("Record"), self.tr("Reason"), self.tr("Changed")],
        }[section]

    def _cells(self, section: str, row: Row) -> list[str]:
        v = row.values

        def n(value: Any) -> str:
            return "—" if value is None else str(value)

        if section == "overdue_followups":
            return [row.citizen, v["description"], fmt_date(v["due"]), n(v["days"]), v["assignee"]]
        if section == "no_contact":
            last = fmt_date(v["last"]) if v["last"] else self.tr("never")
            return [row.citizen, last, n(v["days"]), v["caseworker"]]
        if section == "plans_due":
            return [row.citizen, fmt_date(v["follow_up"]), n(v["days"]), v["caseworker"]]
        if section == "consents_expiring":
            return [row.citizen, v["scope"], fmt_date(v["expires"]), n(v["days"])]
        if section == "late_notes":
            return [
                row.citizen,
                fmt_datetime(v["event"]),
                fmt_datetime(v["written"]),
                n(v["hours"]),
                v["caseworker"],
            ]
        if section == "conflicts":
            return [
                labels.record_kind(v["entity"]),
                v["field"],
                v["server_user"],
                v["incoming_user"],
            ]
        created = parse_iso(v["created"]) if isinstance(v["created"], str) else None
        return [labels.record_kind(v["entity"]), v["reason"], fmt_datetime(created)]

    # --- internals --------------------------------------------------------------------------
    def _loaded(self, generation: int, data: Oversight) -> None:
        if generation != self._generation:
            return
        self.loading.clear()
        self._data = data
        self.retranslate()
        self.loaded.emit()

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self.loading.clear()
            self.error.setText(self.tr("The oversight could not be loaded."))
            self.error.show()

    def _show(self, data: Oversight) -> None:
        for section, rows in data.sections().items():
            tree = self.trees[section]
            tree.setSortingEnabled(False)
            tree.clear()
            for row in rows:
                item = _SortItem(self._cells(section, row))
                item.setData(0, CITIZEN_ROLE, row.citizen_id)
                item.setToolTip(1, item.text(1))
                tree.addTopLevelItem(item)
            tree.setSortingEnabled(True)
            header = tree.header()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)

    def _activated(self, item: QTreeWidgetItem) -> None:
        citizen_id = item.data(0, CITIZEN_ROLE)
        if citizen_id:
            self.citizen_requested.emit(citizen_id)

    def _open_current(self) -> None:
        tree = self.tabs.currentWidget()
        if isinstance(tree, QTreeWidget) and tree.currentItem() is not None:
            self._activated(tree.currentItem())

    def current_table(self) -> tuple[list[str], list[list[object]], list[str], str]:
        """The list shown as (header, rows, citizen ids, name), for a CSV export."""
        section = SECTIONS[self.tabs.currentIndex()]
        rows = self._data.sections()[section] if self._data else []
        return (
            self._headers(section),
            [list(self._cells(section, r)) for r in rows],
            [r.citizen_id for r in rows if r.citizen_id],
            section,
        )

    def _export(self) -> None:
        header, rows, citizens, section = self.current_table()
        self.export_requested.emit(header, rows, citizens, f"oversight-{section}")


class _SortItem(QTreeWidgetItem):
    """Sorts numbers as numbers and dd-mm-yyyy dates as dates."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        return _key(self.text(column)) < _key(other.text(column))


def _key(text: str) -> tuple[int, Any]:
    if text.lstrip("-").isdigit():
        return (0, int(text))
    try:
        return (1, datetime.strptime(text[:10], "%d-%m-%Y").date())
    except ValueError:
        return (2, text.casefold())


__all__ = ["OversightView"]

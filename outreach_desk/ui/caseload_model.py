"""The caseload table model: row ids in SQL order, rows fetched in pages off-thread.

Like Anki's browser model, it holds only ids and a small cache; sorting and filtering
are new SQL queries on the worker thread. A row not yet fetched shows an ellipsis for
the moment its page takes to arrive.

The list filters on every keystroke: a query that a newer one overtook before the
worker reached it is skipped (latest wins). The search is written to the access log by
:meth:`CaseloadModel.log_search` once the typing settles (the panel decides when), not
once per prefix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..domain import HousingSituation
from ..services.tasks import TaskRunner
from ..store import Store
from ..store.caseload import CaseloadColumn, CaseloadQuery, CaseloadRow
from . import labels
from .widgets import fmt_date, local, parse_iso

PAGE = 100
CACHE_LIMIT = 3000
COLUMNS = (
    CaseloadColumn.NAME,
    CaseloadColumn.NICKNAME,
    CaseloadColumn.AGE,
    CaseloadColumn.HOUSING,
    CaseloadColumn.LAST_CONTACT,
    CaseloadColumn.NEXT_FOLLOW_UP,
)
CITIZEN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FIRST_ROWS = 50  # fetched with the ids: a screenful, so the first paint has its rows
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ROLES = frozenset({_DISPLAY, Qt.ItemDataRole.AccessibleTextRole, _TOOLTIP, CITIZEN_ID_ROLE})
Index = QModelIndex | QPersistentModelIndex


class CaseloadModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    count_changed = Signal(int)

    def __init__(self, runner: TaskRunner, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self._runner = runner
        self._today = today
        self._query = CaseloadQuery()
        self._rids: list[int] = []
        self._rows: dict[int, CaseloadRow] = {}
        self._requested: set[int] = set()
        self._pages: set[int] = set()  # first rows of the pages already asked for
        self._texts: dict[int, tuple[str, ...]] = {}  # worded rows, by rid
        self._logged: CaseloadQuery | None = None  # the last search written to the log
        # the newest query's number, in a list the worker's queued queries can read without
        # holding on to the model
        self._latest = [0]

    @property
    def _generation(self) -> int:
        return self._latest[0]

    @_generation.setter
    def _generation(self, value: int) -> None:
        self._latest[0] = value

    # --- queries ------------------------------------------------------------------
    @property
    def query(self) -> CaseloadQuery:
        return self._query

    def set_query(self, query: CaseloadQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, query, today = self._generation, self._query, self._today()
        latest = self._latest
        self.loading_changed.emit(True)

        def ids_and_first_page(store: Store) -> tuple[list[int], dict[int, CaseloadRow]] | None:
            if generation != latest[0]:
                return None  # typed over before the worker got here: nobody will see it
            # the first page comes with the ids: one trip to the worker, and the view's
            # first paint after the reset already has the rows (no "…" flash)
            rids = store.caseload.ids(query, today, log=False)
            return rids, store.caseload.rows(rids[:FIRST_ROWS])

        self._runner.run(
            ids_and_first_page,
            lambda result: self._ids_arrived(generation, *result) if result else None,
            lambda _exc: self.loading_changed.emit(False),
        )

    def log_search(self) -> None:
        """Write the current search to the access log, unless it is the one logged last."""
        query = self._query
        key = replace(
            query, search=query.search.strip(), sort=CaseloadQuery().sort, descending=False
        )
        if key == self._logged:
            return
        self._logged = key
        self._runner.run(lambda store: store.caseload.log_search(query))

    def _ids_arrived(
        self, generation: int, rids: list[int], first_page: dict[int, CaseloadRow] | None = None
    ) -> None:
        if generation != self._generation:
            return  # an older query answered late
        self.beginResetModel()
        self._rids = rids
        self._rows.clear()
        self._requested.clear()
        self._pages.clear()
        self._texts.clear()
        if first_page:
            self._rows.update(first_page)
        self.endResetModel()
        self.loading_changed.emit(False)
        self.count_changed.emit(len(rids))

    def clear(self) -> None:
        """Drop every row (on lock): nothing personal stays in memory here.

        The typed search goes too (it may be a name); the panel empties its search box,
        and the list after the next unlock must not stay filtered by an invisible query.
        """
        self._logged = None
        self._generation += 1
        self._query = replace(self._query, search="")
        self.beginResetModel()
        self._rids = []
        self._rows.clear()
        self._requested.clear()
        self._pages.clear()
        self._texts.clear()
        self.endResetModel()
        self.count_changed.emit(0)

    def _fetch_page(self, row: int) -> None:
        start = row - row % PAGE
        if start in self._pages:
            return  # asked already: the view calls data() for every cell while it waits
        self._pages.add(start)
        wanted = [r for r in self._rids[start : start + PAGE] if r not in self._rows]
        wanted = [r for r in wanted if r not in self._requested]
        if not wanted:
            return
        self._requested.update(wanted)
        generation = self._generation

        def fetch(store: Store) -> dict[int, CaseloadRow]:
            return store.caseload.rows(wanted)

        self._runner.run(fetch, lambda rows: self._rows_arrived(generation, rows))

    def _rows_arrived(self, generation: int, rows: dict[int, CaseloadRow]) -> None:
        if generation != self._generation:
            return
        if len(self._rows) + len(rows) > CACHE_LIMIT:
            self._rows.clear()
            self._requested = set(rows)
            self._pages.clear()
            self._texts.clear()
        self._rows.update(rows)
        positions = [i for i, rid in enumerate(self._rids) if rid in rows]
        if positions:
            self.dataChanged.emit(
                self.index(min(positions), 0), self.index(max(positions), len(COLUMNS) - 1)
            )

    # --- model API ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.column_titles()[section]

    def column_titles(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Nickname"),
            self.tr("Age"),
            self.tr("Housing"),
            self.tr("Last contact"),
            self.tr("Next follow-up"),
        ]

    def row_for(self, index: Index) -> CaseloadRow | None:
        if not index.isValid() or index.row() >= len(self._rids):
            return None
        return self._rows.get(self._rids[index.row()])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # called for every cell and role on each paint: unused roles leave at once, and
        # a row's texts are worded once (dates parsed, labels translated), not per paint
        if role not in _ROLES:
            return None
        number = index.row()
        if number < 0 or number >= len(self._rids):
            return None
        rid = self._rids[number]
        row = self._rows.get(rid)
        if row is None:
            if role == _DISPLAY:
                self._fetch_page(number)
                return "…" if index.column() == 0 else ""
            return None
        if role == CITIZEN_ID_ROLE:
            return row.id
        if role == _TOOLTIP:
            return self.tr("Anonymous contact") if index.column() == 0 and row.anonymous else None
        texts = self._texts.get(rid)
        if texts is None:
            texts = self._texts[rid] = tuple(self._display(row, column) for column in COLUMNS)
        return texts[index.column()]

    def retranslate(self) -> None:
        """Word the rows anew in the new language (the panel calls this on LanguageChange)."""
        self._texts.clear()
        if self._rids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rids) - 1, len(COLUMNS) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def _display(self, row: CaseloadRow, column: CaseloadColumn) -> str:
        if column is CaseloadColumn.NAME:
            return row.name or self.tr("(anonymous) %1").replace("%1", row.nickname)
        if column is CaseloadColumn.NICKNAME:
            return row.nickname
        if column is CaseloadColumn.AGE:
            if row.birth_year is None:
                return ""
            return str(self._today().year - row.birth_year)
        if column is CaseloadColumn.HOUSING:
            return labels.housing(HousingSituation(row.housing))
        if column is CaseloadColumn.LAST_CONTACT:
            moment = parse_iso(row.last_contact) if row.last_contact else None
            return fmt_date(local(moment).date()) if moment else self.tr("never")
        return fmt_date(date.fromisoformat(row.next_follow_up)) if row.next_follow_up else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.set_query(
            replace(
                self._query,
                sort=COLUMNS[column],
                descending=order == Qt.SortOrder.DescendingOrder,
            )
        )

    def row_of(self, rid: int) -> int | None:
        try:
            return self._rids.index(rid)
        except ValueError:
            return None

    def citizen_id_at(self, row: int) -> str | None:
        found = self._rows.get(self._rids[row]) if 0 <= row < len(self._rids) else None
        return found.id if found else None

"""The caseload table model: row ids in SQL order, rows fetched in pages off-thread.

Like Anki's browser model, it holds only ids and a small cache; sorting and filtering
are new SQL queries on the worker thread. A row not yet fetched shows an ellipsis for
the moment its page takes to arrive; the view asks for the rows it is about to paint
(:meth:`CaseloadModel.request_rows`).

The rows it has are stored as Qt items (a ``QStandardItemModel``), worded once when they
arrive: painting then never calls into Python. A Python ``data()`` costs ~1,300 calls
per paint of a screenful, which doubled the time from a keystroke to the painted list.

The list filters on every keystroke: a query that a newer one overtook before the
worker reached it is skipped (latest wins). The search is written to the access log by
:meth:`CaseloadModel.log_search` once the typing settles (the panel decides when), not
once per prefix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

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
FIRST_ROWS = 50  # fetched with the ids until the table says how many rows it shows
PLACEHOLDER = "…"
DAYS_KEPT = 20_000  # formatted dates a wording keeps (a stamp per citizen at most)
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
Index = QModelIndex | QPersistentModelIndex


class RowWording:
    """Words caseload rows into cells, on the store's worker: the GUI thread only inserts them.

    Labels are translated and dates formatted once per day and language, not per row or
    batch: the model keeps one wording while both stay the same. It holds no reference
    to the model (a model must never be freed off the GUI thread).
    """

    def __init__(self, today: date, language: int = 0) -> None:
        self.today = today
        self.language = language
        self._year = today.year
        self._never = QCoreApplication.translate("CaseloadModel", "never")
        self._anonymous = QCoreApplication.translate("CaseloadModel", "(anonymous) %1")
        self._anonymous_tip = QCoreApplication.translate("CaseloadModel", "Anonymous contact")
        self._housing: dict[str, str] = {}
        self._days: dict[str, str] = {}

    def texts(self, row: CaseloadRow) -> tuple[str, ...]:
        return (
            row.name or self._anonymous.replace("%1", row.nickname),
            row.nickname,
            "" if row.birth_year is None else str(self._year - row.birth_year),
            self._housing_label(row.housing),
            self._contact_day(row.last_contact) if row.last_contact else self._never,
            self._follow_up_day(row.next_follow_up) if row.next_follow_up else "",
        )

    def items(self, row: CaseloadRow) -> list[QStandardItem]:
        # Cells are made here, never by ``QStandardItem.clone()``: a clone is a plain C++
        # item, and when the model deletes it PySide is not told, so its wrapper stays
        # registered at a freed address (a later object there, e.g. a view's selection
        # model, then came back as that stale item, or crashed the app).
        items = []
        for text in self.texts(row):
            item = QStandardItem(text)
            item.setFlags(_READ_ONLY)
            items.append(item)
        items[0].setData(row.id, CITIZEN_ID_ROLE)
        if row.anonymous:
            items[0].setData(self._anonymous_tip, _TOOLTIP)
        return items

    def worded(self, rows: dict[int, CaseloadRow]) -> dict[int, list[QStandardItem]]:
        if len(self._days) > DAYS_KEPT:
            self._days.clear()
        return {rid: self.items(row) for rid, row in rows.items()}

    def _housing_label(self, value: str) -> str:
        label = self._housing.get(value)
        if label is None:
            label = self._housing[value] = labels.housing(HousingSituation(value))
        return label

    def _contact_day(self, stamp: str) -> str:
        text = self._days.get(stamp)
        if text is None:
            moment = parse_iso(stamp)
            text = fmt_date(local(moment).date()) if moment else self._never
            self._days[stamp] = text
        return text

    def _follow_up_day(self, day: str) -> str:
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = fmt_date(date.fromisoformat(day))
        return text


class CaseloadModel(QStandardItemModel):
    loading_changed = Signal(bool)
    count_changed = Signal(int)

    def __init__(self, runner: TaskRunner, today: Callable[[], date] = date.today) -> None:
        super().__init__(0, len(COLUMNS))
        self._runner = runner
        self._today = today
        self._query = CaseloadQuery()
        self._rids: list[int] = []
        self._rows: dict[int, CaseloadRow] = {}
        self._requested: set[int] = set()
        self._pages: set[int] = set()  # first rows of the pages already asked for
        self._logged: CaseloadQuery | None = None  # the last search written to the log
        # the newest query's number, in a list the worker's queued queries can read without
        # holding on to the model
        self._latest = [0]
        self._language = 0  # bumped by retranslate: rows worded before then are worded again
        self._wording: RowWording | None = None
        # rows fetched with the ids: what fits on the screen (the table says), so the
        # list is painted complete right after the reset without wording rows nobody sees
        self.first_rows = FIRST_ROWS
        self.setHorizontalHeaderLabels(self.column_titles())

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
        latest, language, first_rows = self._latest, self._language, self.first_rows
        wording = self._wording_for(today)
        self.loading_changed.emit(True)

        def ids_and_first_page(store: Store) -> _Answer | None:
            if generation != latest[0]:
                return None  # typed over before the worker got here: nobody will see it
            # the first page comes with the ids, worded: one trip to the worker, and the
            # view's first paint after the reset already has the rows (no "…" flash)
            rids = store.caseload.ids(query, today, log=False)
            rows = store.caseload.rows(rids[:first_rows])
            return rids, rows, wording.worded(rows)

        self._runner.run(
            ids_and_first_page,
            lambda result: self._ids_arrived(generation, language, *result) if result else None,
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
        self,
        generation: int,
        language: int,
        rids: list[int],
        first_page: dict[int, CaseloadRow],
        items: dict[int, list[QStandardItem]],
    ) -> None:
        if generation != self._generation:
            return  # an older query answered late
        if language != self._language:
            # the language changed meanwhile
            items = self._wording_for(self._today()).worded(first_page)
        self.beginResetModel()
        # one reset for the views: the row-by-row signals of the rebuild stay inside
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            self._forget_rows()
            self._rids = rids
            self._rows.update(first_page)
            for rid in rids:
                if rid not in items:
                    break  # the rest of the page is fetched when the view shows it
                self.appendRow(items[rid])
            self.setRowCount(len(rids))
        finally:
            self.blockSignals(blocked)
        self.endResetModel()
        self.loading_changed.emit(False)
        self.count_changed.emit(len(rids))

    def clear(self) -> None:  # type: ignore[override]
        """Drop every row (on lock): nothing personal stays in memory here.

        The typed search goes too (it may be a name); the panel empties its search box,
        and the list after the next unlock must not stay filtered by an invisible query.
        """
        self._logged = None
        self._generation += 1
        self._query = replace(self._query, search="")
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            self._rids = []
            self._forget_rows()
        finally:
            self.blockSignals(blocked)
        self.endResetModel()
        self.count_changed.emit(0)

    def _forget_rows(self) -> None:
        self._rows.clear()
        self._requested.clear()
        self._pages.clear()

    # --- rows, page by page ----------------------------------------------------------
    def request_rows(self, first: int, last: int) -> None:
        """Fetch the pages holding rows ``first`` to ``last`` unless they are here or asked for.

        The view calls this for the rows it is about to paint; until a page arrives its
        rows show an ellipsis, never a wait.
        """
        if not self._rids or last < first:
            return
        first, last = max(0, first), min(last, len(self._rids) - 1)
        rows, rids = self._rows, self._rids
        if all(rids[i] in rows for i in range(first, last + 1)):
            return  # all there (the usual paint): nothing to fetch, not even the rest of a page
        for start in range(first - first % PAGE, last + 1, PAGE):
            self._fetch_page(start)

    def _fetch_page(self, start: int) -> None:
        if start in self._pages:
            return
        self._pages.add(start)
        wanted = [
            (position, rid)
            for position, rid in enumerate(self._rids[start : start + PAGE], start)
            if rid not in self._rows and rid not in self._requested
        ]
        if not wanted:
            return
        self._requested.update(rid for _, rid in wanted)
        self._put([(position, [_placeholder()]) for position, _rid in wanted])
        rids = [rid for _, rid in wanted]
        generation, language = self._generation, self._language
        wording = self._wording_for(self._today())

        def fetch(store: Store) -> tuple[dict[int, CaseloadRow], dict[int, list[QStandardItem]]]:
            rows = store.caseload.rows(rids)
            return rows, wording.worded(rows)

        self._runner.run(
            fetch, lambda answer: self._rows_arrived(generation, language, start, *answer)
        )

    def _rows_arrived(
        self,
        generation: int,
        language: int,
        start: int,
        rows: dict[int, CaseloadRow],
        items: dict[int, list[QStandardItem]],
    ) -> None:
        if generation != self._generation:
            return
        if language != self._language:
            items = self._wording_for(self._today()).worded(rows)
        if len(self._rows) + len(rows) > CACHE_LIMIT:
            self._evict()
            self._pages.add(start)
        self._rows.update(rows)
        self._put(
            [
                (position, items[rid])
                for position, rid in enumerate(self._rids[start : start + PAGE], start)
                if rid in rows
            ]
        )

    def _evict(self) -> None:
        """Empty the cached rows' cells (a long scroll through a large caseload)."""
        blocked = self.blockSignals(True)
        try:
            for position, rid in enumerate(self._rids):
                if rid in self._rows:
                    for column in range(len(COLUMNS)):
                        self.takeItem(position, column)
        finally:
            self.blockSignals(blocked)
        self._forget_rows()
        if self._rids:
            self._changed(0, len(self._rids) - 1)

    def _put(self, rows: list[tuple[int, list[QStandardItem]]]) -> None:
        """Set the cells of rows (in position order); the views hear of it once."""
        if not rows:
            return
        blocked = self.blockSignals(True)
        try:
            for position, items in rows:
                for column, item in enumerate(items):
                    self.setItem(position, column, item)
        finally:
            self.blockSignals(blocked)
        self._changed(rows[0][0], rows[-1][0])

    def _wording_for(self, today: date) -> RowWording:
        """The wording for today in the current language (made anew when either changes)."""
        wording = self._wording
        if wording is None or wording.today != today or wording.language != self._language:
            wording = self._wording = RowWording(today, self._language)
        return wording

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    # --- model API ------------------------------------------------------------------
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

    def retranslate(self) -> None:
        """Word the rows anew in the new language (the panel calls this on LanguageChange)."""
        self._language += 1
        self.setHorizontalHeaderLabels(self.column_titles())
        wording = self._wording_for(self._today())
        self._put(
            [
                (position, wording.items(self._rows[rid]))
                for position, rid in enumerate(self._rids)
                if rid in self._rows
            ]
        )

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


def _placeholder() -> QStandardItem:
    item = QStandardItem(PLACEHOLDER)
    item.setFlags(_READ_ONLY)
    return item


_Answer = tuple[list[int], dict[int, CaseloadRow], dict[int, list[QStandardItem]]]

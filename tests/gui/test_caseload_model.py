"""The caseload model: ids from SQL, rows fetched in pages off the GUI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from pytestqt.qtbot import QtBot

from outreach_desk.domain import AccessAction, Citizen
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store import Store
from outreach_desk.store.caseload import CaseloadFilter, CaseloadQuery
from outreach_desk.ui import caseload_model
from outreach_desk.ui.caseload_model import CITIZEN_ID_ROLE, PAGE, CaseloadModel
from outreach_desk.ui.caseload_panel import CaseloadPanel
from tests.gui.conftest import wait_for


def _fill(store: Store, count: int) -> None:
    with store.transaction():
        for i in range(count):
            store.citizens.add(Citizen.new(store.session.home_team, name=f"Borger {i:04d}"))


def _loaded(qtbot: QtBot, model: CaseloadModel, rows: int) -> None:
    qtbot.waitUntil(lambda: model.rowCount() == rows, timeout=10_000)


def test_model_passes_qt_model_checks(qtbot: QtBot, open_runner: TaskRunner, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    wait_for(qtbot, open_runner, lambda s: _fill(s, 30))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    model.reload()
    _loaded(qtbot, model, 30)
    qtmodeltester.check(model, force_py=True)


def test_rows_arrive_in_pages_without_blocking(qtbot: QtBot, open_runner: TaskRunner) -> None:
    wait_for(qtbot, open_runner, lambda s: _fill(s, PAGE * 3))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    model.reload()
    _loaded(qtbot, model, PAGE * 3)
    assert model.data(model.index(0, 0)) == "Borger 0000"  # the first page comes with the ids
    last = model.index(PAGE * 3 - 1, 0)
    assert model.data(last) is None  # nobody has shown it: not fetched
    model.request_rows(PAGE * 3 - 5, PAGE * 3 - 1)  # the view is about to paint the end
    assert model.data(last) == "…"  # a placeholder, never a wait
    qtbot.waitUntil(lambda: model.data(last) == f"Borger {PAGE * 3 - 1:04d}", timeout=5000)
    assert model.data(last, CITIZEN_ID_ROLE)
    assert model.data(model.index(PAGE, 0)) is None  # only the pages asked for were fetched


def test_the_table_fetches_the_rows_it_shows(qtbot: QtBot, open_runner: TaskRunner) -> None:
    wait_for(qtbot, open_runner, lambda s: _fill(s, PAGE * 3))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    panel = CaseloadPanel(model)
    qtbot.addWidget(panel)
    panel.resize(600, 500)
    panel.show()
    model.reload()
    _loaded(qtbot, model, PAGE * 3)
    # the ids come with as many rows as the table shows, and no more
    shown = panel.table.viewport().height() // panel.table.verticalHeader().defaultSectionSize()
    assert shown + 1 <= model.first_rows <= shown + 2
    assert model.data(model.index(model.first_rows - 1, 0)) == f"Borger {model.first_rows - 1:04d}"
    panel.table.viewport().repaint()  # every row it shows is there: it asks for nothing more
    assert model.data(model.index(model.first_rows + 5, 0)) is None
    panel.table.scrollToBottom()
    last = model.index(PAGE * 3 - 1, 0)
    qtbot.waitUntil(lambda: model.data(last) == f"Borger {PAGE * 3 - 1:04d}", timeout=5000)
    assert model.data(model.index(PAGE + 10, 0)) is None  # the rows scrolled past stay unasked
    assert model.flags(last) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags


def test_a_long_scroll_keeps_the_cache_bounded(
    qtbot: QtBot, open_runner: TaskRunner, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(caseload_model, "CACHE_LIMIT", PAGE * 2)
    wait_for(qtbot, open_runner, lambda s: _fill(s, PAGE * 4))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    model.reload()
    _loaded(qtbot, model, PAGE * 4)
    for page in range(4):
        model.request_rows(page * PAGE, page * PAGE + PAGE - 1)
        end = model.index(page * PAGE + PAGE - 1, 0)
        qtbot.waitUntil(
            lambda end=end, page=page: model.data(end) == f"Borger {page * PAGE + PAGE - 1:04d}",
            timeout=5000,
        )
    filled = sum(1 for r in range(PAGE * 4) if model.data(model.index(r, 0)))
    assert filled <= PAGE * 2  # evicted rows leave their cells empty, to be fetched again
    model.request_rows(0, 0)
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == "Borger 0000", timeout=5000)


def test_sorting_is_a_new_sql_query(qtbot: QtBot, open_runner: TaskRunner) -> None:
    wait_for(qtbot, open_runner, lambda s: _fill(s, 5))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    model.reload()
    _loaded(qtbot, model, 5)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.query.descending, timeout=2000)
    top = model.index(0, 0)
    qtbot.waitUntil(lambda: model.data(top) == "Borger 0004", timeout=5000)
    model.set_query(CaseloadQuery(search="0002"))
    _loaded(qtbot, model, 1)


def test_clear_forgets_every_row(qtbot: QtBot, open_runner: TaskRunner) -> None:
    wait_for(qtbot, open_runner, lambda s: _fill(s, 3))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    model.reload()
    _loaded(qtbot, model, 3)
    model.clear()
    assert model.rowCount() == 0 and model.row_for(model.index(0, 0)) is None


def _searches(qtbot: QtBot, runner: TaskRunner) -> list[str | None]:
    entries = wait_for(qtbot, runner, lambda s: s.access_log.entries())
    return [e.criterion for e in entries if e.action == AccessAction.SEARCH]


def test_typed_search_filters_each_key_and_is_logged_once_it_settles(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    wait_for(qtbot, open_runner, lambda s: _fill(s, 12))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    panel = CaseloadPanel(model)
    qtbot.addWidget(panel)
    model.reload()
    _loaded(qtbot, model, 12)
    qtbot.keyClicks(panel.search, "0001")  # one query per key, faster than the worker
    _loaded(qtbot, model, 1)  # the last query wins, whatever the order of the answers
    assert model.data(model.index(0, 0)) == "Borger 0001"
    qtbot.waitUntil(lambda: _searches(qtbot, open_runner) == ["0001"], timeout=5000)
    # the same search again (only sorted differently) is not a new lookup
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.log_search()
    model.set_query(CaseloadQuery(search="000", filters=frozenset({CaseloadFilter.MINE})))
    model.log_search()
    assert _searches(qtbot, open_runner) == ["0001", "000 [mine]"]


def test_lock_writes_a_search_that_had_not_settled_yet(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    wait_for(qtbot, open_runner, lambda s: _fill(s, 3))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    panel = CaseloadPanel(model)
    qtbot.addWidget(panel)
    qtbot.keyClicks(panel.search, "0002")
    _loaded(qtbot, model, 1)
    panel.clear()  # the main window clears the views before the worker closes the store
    assert _searches(qtbot, open_runner) == ["0002"]


class _Events(QObject):
    """Counts the events of some types that reach the objects it is installed on."""

    def __init__(self, *types: QEvent.Type) -> None:
        super().__init__()
        self.types = types
        self.seen: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.types:
            self.seen.append(event.type())
        return False


def test_a_keystroke_paints_the_list_once_and_lays_out_nothing_else(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    """The view laid its rows out a turn of the event loop after the reset, painting the
    whole list a second time, and each new count laid out the whole window again."""
    wait_for(qtbot, open_runner, lambda s: _fill(s, 6))
    model = CaseloadModel(open_runner, lambda: date(2026, 11, 24))
    panel = CaseloadPanel(model)
    qtbot.addWidget(panel)
    panel.resize(600, 600)  # every row fits: no scroll bar comes or goes
    panel.show()
    qtbot.waitExposed(panel)
    model.reload()
    _loaded(qtbot, model, 6)
    with qtbot.waitSignal(model.count_changed, timeout=5000):
        qtbot.keyClicks(panel.search, "000")  # the search box shows its clear button
    qtbot.wait(300)  # the first showing and the button's fading in settle
    paints, layouts = _Events(QEvent.Type.Paint), _Events(QEvent.Type.LayoutRequest)
    panel.table.viewport().installEventFilter(paints)
    panel.installEventFilter(layouts)
    with qtbot.waitSignal(model.count_changed, timeout=5000):
        qtbot.keyClick(panel.search, "1")
    qtbot.waitUntil(lambda: len(paints.seen) >= 1, timeout=5000)
    qtbot.wait(100)  # anything left for later would happen now
    assert panel.count.text() == "1 citizen(s)"
    assert len(paints.seen) == 1
    assert layouts.seen == []


def test_cells_are_items_made_by_python_so_pyside_hears_when_the_model_deletes_them(
    qapp: object,
) -> None:
    """A ``clone()`` of an item is a plain C++ item: once the model replaced or deleted it,
    PySide still held its wrapper at the freed address, and a later object there (a view's
    selection model) came back as that stale item, or crashed the app."""
    import shiboken6

    from outreach_desk.store.caseload import CaseloadRow

    row = CaseloadRow(7, "id-7", "", "Ravnen", True, 1980, "street_homeless", "", None, None)
    items = caseload_model.RowWording(date(2026, 12, 2)).items(row)
    assert len(items) == len(caseload_model.COLUMNS)
    assert all(shiboken6.createdByPython(item) for item in items)
    assert all(not item.isEditable() for item in items)

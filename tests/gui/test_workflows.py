"""Whole workflows through the real main window, driven as a caseworker would drive them.

A real encrypted profile (fast KDF) is made before the window starts, so every test
begins at the unlock screen: type the passphrase, find a citizen by typing in the
caseload search, and work from there with clicks, keys and the window's actions.
Modal message boxes and dialogs are answered by a timer that looks for them, never
by sleeping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from outreach_desk.domain import Citizen, LifeArea, Topic
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store import KdfParams, Store
from outreach_desk.ui.contact_form import ContactDialog
from outreach_desk.ui.main_window import MainWindow
from outreach_desk.ui.settings_dialog import SettingsDialog
from outreach_desk.ui.widgets import fmt_datetime
from tests.conftest import PASSPHRASE, FakeClock
from tests.gui.conftest import main_window

USER = "Mette Sørensen"
NAMES = [
    ("Bente Kragh", "Bente"),
    ("Jens Hansen", "Store Jens"),
    ("Lise Berg", ""),
    ("Kim Bertelsen", "Kimmer"),
    ("Bo Kristensen", ""),
    ("Birgitte Krogh", "Gitte"),
]
TARGET = "Bente Kragh"


@pytest.fixture
def clock() -> FakeClock:
    """'Now' for the store: a minute ahead of the wall clock the contact form uses.

    The form stamps new contacts with the real time; the domain refuses contacts in the
    store's future, so the store must not be behind the wall clock.
    """
    return FakeClock(datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1))


@pytest.fixture
def profile(tmp_path: Path, clock: FakeClock) -> Path:
    """An existing profile with a small caseload, closed: the window starts locked."""
    folder = tmp_path / "profile"
    with Store.create(
        folder,
        PASSPHRASE,
        user_id="u-1",
        user_name=USER,
        team_ids=("t",),
        kdf=KdfParams.fast_for_tests(),
        clock=clock,
    ) as store:
        for name, nickname in NAMES:
            store.citizens.add(
                Citizen.new("t", name=name, nickname=nickname, coordinating_caseworker="u-1")
            )
    return folder


@pytest.fixture
def window(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, clock: FakeClock, profile: Path
) -> Iterator[MainWindow]:
    """The real main window over an existing profile."""
    with main_window(qtbot, runner, tmp_path, clock, profile) as main:
        yield main


# --- helpers ---------------------------------------------------------------------------
def when_modal(qtbot: QtBot, kind: type[QWidget], act: Callable[[QWidget], None]) -> QTimer:
    """Answer the next modal ``kind`` (opened by the next click) as soon as it shows."""
    timer = QTimer()
    timer.setInterval(10)

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            timer.stop()
            act(widget)

    timer.timeout.connect(look)
    timer.start()
    return timer


def unlock(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.unlock_screen
    assert window.pages.currentWidget() is screen
    qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=5000)
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == len(NAMES), timeout=5000)


def find_and_open(qtbot: QtBot, window: MainWindow, typed: str, name: str) -> str:
    """Type into the caseload search, click the one row found; return the citizen id."""
    model, table = window.caseload_model, window.caseload.table
    assert window.caseload.search.hasFocus() or not window.isActiveWindow()
    qtbot.keyClicks(window.caseload.search, typed)
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    index = model.index(0, 0)
    qtbot.waitUntil(lambda: model.data(index) == name, timeout=5000)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    view = window.citizen_view
    qtbot.waitUntil(
        lambda: view.screen is not None and view.screen.overview.citizen.name == name,
        timeout=5000,
    )
    assert window.tabs.currentWidget() is view
    return view.screen.overview.citizen.id  # type: ignore[union-attr]


def click_tab(qtbot: QtBot, tabs: QTabWidget, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def texts_on_screen(window: MainWindow) -> list[str]:
    return [w.text() for w in window.findChildren(QLabel)] + [
        w.text() for w in window.findChildren(QLineEdit)
    ]


def only(items: list[ContactDialog]) -> ContactDialog:
    assert len(items) == 1, items
    return items[0]


# --- 1. record a contact, finalise, addendum, follow-up ------------------------------------
def test_record_finalise_addendum_and_follow_up(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    unlock(qtbot, window)
    citizen_id = find_and_open(qtbot, window, "bente k", TARGET)
    view = window.citizen_view

    # New contact (Ctrl+N / toolbar): the chosen citizen is already present
    window.contact_action.trigger()
    dialog = only([d for d in window.findChildren(ContactDialog) if d.isVisible()])
    form = dialog.form
    qtbot.waitUntil(lambda: form.present.count() == 1, timeout=5000)
    assert form.present.item(0).text() == f"{TARGET} (Bente)"
    assert form.citizen_ids() == [citizen_id]
    qtbot.mouseClick(form.topics[Topic.HOUSING], Qt.MouseButton.LeftButton)
    assert form.topics[Topic.HOUSING].isChecked()
    first_line = "Mødtes på Banegårdspladsen. Talte om boligen."
    qtbot.keyClicks(form.text, first_line)
    qtbot.keyClick(form.text, Qt.Key.Key_Return)
    qtbot.keyClicks(form.text, "Bente vil gerne med til boligselskabet.")
    qtbot.mouseClick(form.add_agreement_button, Qt.MouseButton.LeftButton)
    row = form.agreement_rows[-1]
    assert row.description.hasFocus() or not dialog.isActiveWindow()
    qtbot.keyClicks(row.description, "Følge Bente til boligselskabet")
    due = clock().date() + timedelta(days=2)
    row.due.set_value(due)

    # Finalise asks first; answer Yes the way the caseworker would
    answer = when_modal(
        qtbot,
        QMessageBox,
        lambda box: box.button(QMessageBox.StandardButton.Yes).click(),  # type: ignore[attr-defined]
    )
    with qtbot.waitSignal(form.finalised, timeout=10_000):
        qtbot.mouseClick(form.finalise_button, Qt.MouseButton.LeftButton)
    answer.stop()
    assert form.is_final and form.text.isReadOnly()
    assert form.status_badge.text() == "Final – locked"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

    # Contacts tab: the note is there, final
    click_tab(qtbot, view.tabs, 2)
    timeline = view.timeline
    qtbot.waitUntil(
        lambda: timeline.topLevelItemCount() == 1 and timeline.topLevelItem(0).text(5) == "Final",
        timeout=5000,
    )
    item = timeline.topLevelItem(0)
    assert item.text(4) == first_line
    assert item.text(3) == "Housing"
    assert view.timeline_empty.isHidden()
    assert "Følge Bente til boligselskabet" in view.note_detail.toPlainText()
    assert view.addendum_button.isEnabled()

    # Addendum: from the Contacts tab, to the selected (final) note
    timeline.setCurrentItem(item)
    qtbot.mouseClick(view.addendum_button, Qt.MouseButton.LeftButton)
    note_dialog = view.contact_dialog
    assert note_dialog is not None
    qtbot.waitUntil(lambda: note_dialog.form.is_final, timeout=5000)
    assert note_dialog.form.text.toPlainText().startswith(first_line)
    assert not note_dialog.form.addendum_text.isHidden()
    qtbot.keyClicks(note_dialog.form.addendum_text, "Rettelse: det var tirsdag.")
    with qtbot.waitSignal(note_dialog.form.addendum_added, timeout=5000):
        qtbot.mouseClick(note_dialog.form.addendum_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(note_dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: item_has_addendum(view), timeout=5000)
    child = view.timeline.topLevelItem(0).child(0)
    written = fmt_datetime(clock())
    assert child.text(0) == written
    assert child.text(4) == f"Addendum by {USER}: Rettelse: det var tirsdag."
    assert child.text(5) == "Addendum"
    view.timeline.setCurrentItem(view.timeline.topLevelItem(0))
    assert f"Addendum by {USER}, {written}" in view.note_detail.toPlainText()

    # The agreement became a follow-up, due in two days
    qtbot.mouseClick(
        window.tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=window.tabs.tabBar().tabRect(window.tabs.indexOf(window.followups)).center(),
    )
    assert window.tabs.currentWidget() is window.followups
    qtbot.waitUntil(lambda: len(window.followups.items("this_week")) == 1, timeout=5000)
    followup = window.followups.items("this_week")[0]
    assert followup.text(0) == TARGET
    assert followup.text(1) == "Følge Bente til boligselskabet"
    assert followup.text(2) == due.strftime("%d-%m-%Y")
    # ...and the citizen's overview shows it as the next follow-up
    assert "Følge Bente til boligselskabet" in view._values["next_follow_up"].text()


def item_has_addendum(view: object) -> bool:
    timeline = view.timeline  # type: ignore[attr-defined]
    return timeline.topLevelItemCount() == 1 and timeline.topLevelItem(0).childCount() == 1


# --- 2. plan, goal, rating, chart ------------------------------------------------------
def test_create_plan_add_goal_rate_progress_shows_in_the_chart(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    find_and_open(qtbot, window, "store j", "Jens Hansen")
    view = window.citizen_view
    editor = view.plan_editor
    click_tab(qtbot, view.tabs, 1)
    qtbot.waitUntil(editor.create_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(editor.changed, timeout=5000):
        qtbot.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.state is not None and editor.state.plan is not None)
    qtbot.waitUntil(editor.add_goal_button.isVisible, timeout=5000)

    qtbot.mouseClick(editor.add_goal_button, Qt.MouseButton.LeftButton)
    goal_dialog = editor.goal_dialog
    assert goal_dialog is not None and goal_dialog.isVisible()
    goal_dialog.life_area.setCurrentIndex(goal_dialog.life_area.findData(LifeArea.HOUSING))
    qtbot.keyClicks(goal_dialog.wording, "Jeg vil have min egen lejlighed")
    buttons = goal_dialog.buttons
    ok = next(
        b for b in buttons.buttons()
        if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )  # fmt: skip
    with qtbot.waitSignal(editor.changed, timeout=5000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.goals.topLevelItemCount() == 1, timeout=5000)
    goal = editor.state.goals[0]  # type: ignore[union-attr]
    assert editor.rate_goal.currentData() == goal.id

    editor.score.selectAll()
    qtbot.keyClicks(editor.score, "8")
    assert editor.score.value() == 8
    editor.need.setCurrentIndex(editor.need.findData(1))
    qtbot.keyClicks(editor.rating_comment, "Har set to lejligheder")
    with qtbot.waitSignal(editor.changed, timeout=5000):
        qtbot.mouseClick(editor.rate_button, Qt.MouseButton.LeftButton)

    click_tab(qtbot, view.tabs, 3)
    chart = view.chart
    qtbot.waitUntil(lambda: chart.score_series(goal.id) is not None, timeout=5000)
    assert [p.y() for p in chart.score_series(goal.id).points()] == [8.0]  # type: ignore[union-attr]
    assert [p.y() for p in chart.need_series(goal.id).points()] == [1.0]  # type: ignore[union-attr]
    assert not chart.is_empty
    assert "8 of 10" in chart.accessibleDescription()


# --- 3. lock, unlock, language --------------------------------------------------------
def test_lock_clears_everything_and_unlock_brings_it_back(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    find_and_open(qtbot, window, "bente k", TARGET)
    view = window.citizen_view
    click_tab(qtbot, view.tabs, 4)  # the access log has the viewing
    qtbot.waitUntil(lambda: view.access.topLevelItemCount() > 0, timeout=5000)
    assert any(TARGET in t for t in texts_on_screen(window))

    with qtbot.waitSignal(window.locked, timeout=5000):
        window.lock_action.trigger()
    assert window.pages.currentWidget() is window.unlock_screen
    assert window.caseload_model.rowCount() == 0
    assert window.caseload.search.text() == ""
    assert view.citizen_id is None and view.screen is None
    assert view.timeline.topLevelItemCount() == 0 and view.access.topLevelItemCount() == 0
    assert view.plan_editor.state is None and view.chart.is_empty
    assert window.followups.agenda is None and window.followups.tree.topLevelItemCount() == 0
    assert not any(name in t for t in texts_on_screen(window) for name, _ in NAMES)
    assert not window.contact_action.isEnabled()
    assert window.unlock_screen.passphrase.text() == ""

    unlock(qtbot, window)
    assert window.caseload.search.text() == ""
    assert view.citizen_id is None
    assert not window.caseload.table.currentIndex().isValid()  # nobody silently re-selected
    find_and_open(qtbot, window, "bente", TARGET)


def test_language_switch_while_a_citizen_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    find_and_open(qtbot, window, "store j", "Jens Hansen")
    view = window.citizen_view
    assert view.tabs.tabText(0) == "&Overview"
    assert view._captions["housing"].text() == "Housing situation"
    model = window.caseload_model
    english_cells = [model.data(model.index(0, column)) for column in range(6)]

    def choose(language: str) -> Callable[[QWidget], None]:
        def act(dialog: QWidget) -> None:
            assert isinstance(dialog, SettingsDialog)
            dialog.language.setCurrentIndex(dialog.language.findData(language))
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

        return act

    answer = when_modal(qtbot, SettingsDialog, choose("da"))
    window.settings_action.trigger()  # Ctrl+, opens the modal settings dialog
    answer.stop()
    qtbot.waitUntil(lambda: window.contact_action.text() == "&Ny kontakt", timeout=3000)
    # everything on screen in Danish, and the citizen still shown
    assert view.citizen_id is not None and view.title.text() == "Jens Hansen (Store Jens)"
    assert window.tabs.tabText(0) == "Borger"
    assert view.tabs.tabText(0) == "&Overblik"
    assert view._captions["housing"].text() == "Boligsituation"
    assert window.caseload_model.headerData(0, Qt.Orientation.Horizontal) == "Navn"
    assert window.caseload.count.text() == "1 borger"
    assert window.caseload.table.model().index(0, 0) != QModelIndex()
    assert window.caseload_model.data(window.caseload_model.index(0, 0)) == "Jens Hansen"
    # the rows already in the list are worded anew: housing and "never" in Danish
    danish_cells = [model.data(model.index(0, column)) for column in range(6)]
    assert danish_cells[3] != english_cells[3] and danish_cells[4] == "aldrig"
    with qtbot.waitSignal(model.count_changed, timeout=5000):
        model.reload()  # and the rows worded on the worker from now on
    assert [model.data(model.index(0, column)) for column in range(6)] == danish_cells

    answer = when_modal(qtbot, SettingsDialog, choose("en"))
    window.settings_action.trigger()
    answer.stop()
    qtbot.waitUntil(lambda: window.contact_action.text() == "&New contact", timeout=3000)
    assert view.title.text() == "Jens Hansen (Store Jens)"
    assert view.tabs.tabText(0) == "&Overview"
    assert view._captions["housing"].text() == "Housing situation"
    assert window.settings.language == "en"
    assert [model.data(model.index(0, column)) for column in range(6)] == english_cells

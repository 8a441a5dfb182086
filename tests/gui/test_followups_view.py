"""The follow-up agenda: overdue, today, this week; mark done; open the citizen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from outreach_desk.domain import FollowUp
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.ui.followups_view import FollowUpsView
from tests.gui.conftest import wait_for
from tests.store import factories

TODAY = date(2026, 11, 24)  # the FakeClock's day


def seed(store) -> str:  # type: ignore[no-untyped-def]
    citizen = factories.citizen(store)
    team = store.session.home_team
    for text, due in (
        ("Ring til boligselskabet", date(2026, 11, 20)),
        ("Følge til lægen", TODAY),
        ("Møde på jobcentret", date(2026, 11, 27)),
        ("Langt ude i fremtiden", date(2026, 12, 20)),
    ):
        store.followups.add(FollowUp.new(citizen.id, team, text, due=due))
    done = store.followups.add(FollowUp.new(citizen.id, team, "Allerede gjort", due=TODAY))
    store.followups.mark_done(done.id)
    return citizen.id


def loaded_view(qtbot: QtBot, runner: TaskRunner) -> tuple[FollowUpsView, str]:
    citizen_id = wait_for(qtbot, runner, seed)
    view = FollowUpsView(runner)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.agenda is not None)
    return view, citizen_id


def test_groups_overdue_today_and_this_week(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view, _ = loaded_view(qtbot, open_runner)
    assert [i.text(1) for i in view.items("overdue")] == ["Ring til boligselskabet"]
    assert [i.text(1) for i in view.items("today")] == ["Følge til lægen"]
    assert [i.text(1) for i in view.items("this_week")] == ["Møde på jobcentret"]
    row = view.items("overdue")[0]
    assert row.text(0) == "Jens Hansen"
    assert row.text(2) == "20-11-2026"
    assert row.text(3) == "Caseworker"
    assert view.tree.topLevelItem(0).text(0) == "Overdue (1)"


def test_mark_done_removes_the_row(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view, citizen_id = loaded_view(qtbot, open_runner)
    view.tree.setCurrentItem(view.items("overdue")[0])
    assert view.done_button.isEnabled()
    assert view.done_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.done_button.shortcut().toString() == "Ctrl+D"
    with qtbot.waitSignal(view.changed, timeout=5000):
        qtbot.keyClick(view.done_button, Qt.Key.Key_Space)  # keyboard, not mouse
    qtbot.waitUntil(lambda: not view.items("overdue"), timeout=5000)
    assert len(view.items("today")) == 1
    open_items = wait_for(qtbot, open_runner, lambda s: s.followups.for_citizen(citizen_id))
    done = [f.description for f in open_items if f.is_done]
    assert "Ring til boligselskabet" in done


def test_activating_a_row_requests_the_citizen(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view, citizen_id = loaded_view(qtbot, open_runner)
    row = view.items("today")[0]
    view.tree.setCurrentItem(row)
    with qtbot.waitSignal(view.citizen_requested) as blocker:
        view.tree.itemActivated.emit(row, 0)
    assert blocker.args == [citizen_id]
    with qtbot.waitSignal(view.citizen_requested):
        view.open_button.click()


def test_empty_agenda_says_so_and_clear_drops_names(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view = FollowUpsView(open_runner)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.agenda is not None)
    assert not view.empty.isHidden()
    assert not view.done_button.isEnabled()
    view.clear()
    assert view.tree.topLevelItemCount() == 0

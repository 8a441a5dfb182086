"""Ledelsestilsyn: overdue follow-ups, no contact, plans and consents due, late notes."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from outreach_desk.services.tasks import TaskRunner
from outreach_desk.ui.oversight_view import OversightView
from tests.gui.conftest import wait_for
from tests.gui.review_seed import seed_team


def loaded(qtbot: QtBot, runner: TaskRunner) -> OversightView:
    wait_for(qtbot, runner, seed_team)
    view = OversightView(runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    return view


def texts(view: OversightView, section: str, column: int) -> list[str]:
    tree = view.trees[section]
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def test_lists_what_needs_following_up(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view = loaded(qtbot, open_runner)
    data = view.data
    assert data is not None
    # 4 "Ringe tilbage" + the agreement of note n0 (due three days ago)
    assert len(data.overdue_followups) == 5
    assert view.tabs.tabText(0) == "Overdue follow-ups (5)"
    # the seeded notes are at most 20 days old: nobody is 30 days without contact
    assert data.no_contact == []
    assert texts(view, "late_notes", 0) == ["Mona Larsen"]  # written 30 hours late
    assert texts(view, "late_notes", 4) == ["Bo Nielsen"]
    # plans: follow-up dates 10 and 2 days ago are past; consents expire in 10 days and 50
    assert len(data.plans_due) == 2
    assert texts(view, "consents_expiring", 3) == ["10"]


def test_no_contact_days_and_opening_a_citizen(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view = loaded(qtbot, open_runner)
    view.no_contact_days.setValue(4)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    assert sorted(texts(view, "no_contact", 0)) == ["Per Kristensen (Perle)", "Sofie Andersen"]
    tree = view.trees["no_contact"]
    view.tabs.setCurrentWidget(tree)
    tree.setCurrentItem(tree.topLevelItem(0))
    with qtbot.waitSignal(view.citizen_requested):
        view.open_button.click()
    header, rows, citizens, what = view.current_table()
    assert header[0] == "Citizen" and len(rows) == 2 and len(citizens) == 2
    assert what == "no_contact"

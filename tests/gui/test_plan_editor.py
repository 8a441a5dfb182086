"""The plan editor: create the plan, goals in the citizen's words, efforts, ratings."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from outreach_desk.domain import LifeArea, ResponsibleParty
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.ui.plan_editor import PlanEditor
from tests.gui.conftest import wait_for
from tests.store import factories


def editor_for_new_citizen(qtbot: QtBot, runner: TaskRunner) -> tuple[PlanEditor, str]:
    citizen = wait_for(qtbot, runner, factories.citizen)
    editor = PlanEditor(runner)
    qtbot.addWidget(editor)
    editor.show_citizen(citizen.id)
    qtbot.waitUntil(lambda: editor.state is not None)
    return editor, citizen.id


def test_create_plan_add_goal_rate_progress_updates_the_chart(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    editor, _ = editor_for_new_citizen(qtbot, open_runner)
    assert editor.create_button.isEnabled()
    with qtbot.waitSignal(editor.changed, timeout=5000):
        editor.create_button.click()
    qtbot.waitUntil(lambda: editor.state is not None and editor.state.plan is not None)

    editor.add_goal_button.click()
    dialog = editor.goal_dialog
    assert dialog is not None
    dialog.life_area.setCurrentIndex(dialog.life_area.findData(LifeArea.HOUSING))
    qtbot.keyClicks(dialog.wording, "Jeg vil have min egen lejlighed")
    with qtbot.waitSignal(editor.changed, timeout=5000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: editor.goals.topLevelItemCount() == 1)
    goal = editor.state.goals[0]  # type: ignore[union-attr]
    assert goal.wording == "Jeg vil have min egen lejlighed"
    assert editor.chart.is_empty

    editor.score.setValue(7)
    editor.need.setCurrentIndex(editor.need.findData(2))
    with qtbot.waitSignal(editor.changed, timeout=5000):
        editor.rate_button.click()
    qtbot.waitUntil(lambda: editor.chart.score_series(goal.id) is not None)
    series = editor.chart.score_series(goal.id)
    assert [p.y() for p in series.points()] == [7.0]  # type: ignore[union-attr]
    assert [p.y() for p in editor.chart.need_series(goal.id).points()] == [2.0]  # type: ignore[union-attr]
    assert "7 of 10" in editor.chart.accessibleDescription()
    ratings = wait_for(qtbot, open_runner, lambda s: s.ratings.for_goal(goal.id))
    assert [(r.citizen_score, r.support_need) for r in ratings] == [(7, 2)]
    assert "7/10" in editor.goals.topLevelItem(0).text(4)


def test_goal_without_wording_shows_the_error_in_the_dialog(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    citizen = wait_for(qtbot, open_runner, factories.citizen)
    wait_for(qtbot, open_runner, lambda s: factories.plan_with_goal(s, citizen.id))
    editor = PlanEditor(open_runner)
    qtbot.addWidget(editor)
    editor.show_citizen(citizen.id)
    qtbot.waitUntil(lambda: editor.goals.topLevelItemCount() == 1)
    assert editor.wish.toPlainText() == "Jeg vil have min egen lejlighed"
    editor.add_goal_button.click()
    dialog = editor.goal_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.wording, "   ")
    dialog.save()
    label = dialog.errors.label_for("wording")
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=5000)
    assert "own words" in label.text()
    assert dialog.wording.toPlainText() == "   "


def test_effort_with_legal_basis_and_plan_details(qtbot: QtBot, open_runner: TaskRunner) -> None:
    citizen = wait_for(qtbot, open_runner, factories.citizen)
    plan, _goal = wait_for(qtbot, open_runner, lambda s: factories.plan_with_goal(s, citizen.id))
    editor = PlanEditor(open_runner)
    qtbot.addWidget(editor)
    editor.show_citizen(citizen.id)
    qtbot.waitUntil(lambda: editor.goals.topLevelItemCount() == 1)

    editor.add_effort_button.click()
    dialog = editor.effort_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.description, "Bostøtte to gange om ugen")
    dialog.responsible.setCurrentIndex(
        dialog.responsible.findData(ResponsibleParty.HOUSING_ASSOCIATION)
    )
    dialog.legal_basis.setCurrentText("SEL § 85")
    with qtbot.waitSignal(editor.changed, timeout=5000):
        dialog.save()
    qtbot.waitUntil(lambda: editor.efforts.topLevelItemCount() == 1)
    assert editor.efforts.topLevelItem(0).text(2) == "SEL § 85"

    editor.wish.setPlainText("Et hjem og en hund")
    with qtbot.waitSignal(editor.changed, timeout=5000):
        editor.save_plan_button.click()
    saved = wait_for(qtbot, open_runner, lambda s: s.plans.get(plan.id))
    assert saved.wish == "Et hjem og en hund"


def test_clear_drops_the_plan(qtbot: QtBot, open_runner: TaskRunner) -> None:
    citizen = wait_for(qtbot, open_runner, factories.citizen)
    wait_for(qtbot, open_runner, lambda s: factories.plan_with_goal(s, citizen.id))
    editor = PlanEditor(open_runner)
    qtbot.addWidget(editor)
    editor.show_citizen(citizen.id)
    qtbot.waitUntil(lambda: editor.goals.topLevelItemCount() == 1)
    editor.clear()
    assert editor.wish.toPlainText() == ""
    assert editor.goals.topLevelItemCount() == 0
    assert editor.rate_goal.count() == 0
    assert editor.state is None

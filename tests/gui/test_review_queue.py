"""The team lead's review queue and the caseworker's returned notes (pytest-qt)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from outreach_desk.domain import ReviewOutcome, ReviewState
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store.replica import LocalReplica
from outreach_desk.ui.returned_notes import ReturnedNotesView
from outreach_desk.ui.review_queue import ReviewQueueView
from tests.gui.conftest import wait_for
from tests.gui.review_seed import Seeded, seed_team


def loaded_queue(qtbot: QtBot, runner: TaskRunner) -> tuple[ReviewQueueView, Seeded]:
    seeded = wait_for(qtbot, runner, seed_team)
    view = ReviewQueueView(runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    qtbot.waitUntil(lambda: view.current_detail is not None, timeout=10_000)
    return view, seeded


def test_queue_shows_awaiting_and_reopened_notes_newest_first(
    qtbot: QtBot,
    open_runner: TaskRunner,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    view, seeded = loaded_queue(qtbot, open_runner)
    qtmodeltester.check(view.model)
    notes = [view.model.row_at(i).note_id for i in range(view.model.rowCount())]  # type: ignore[union-attr]
    assert notes == [seeded.notes[k] for k in ("n0", "n1", "n2", "n5")]
    states = [view.model.row_at(i).state for i in range(4)]  # type: ignore[union-attr]
    assert states[-1] is ReviewState.REOPENED
    assert view.model.index(0, 1).data() == "Anna Holm"  # caseworkers by name
    assert view.model.index(1, 0).data().endswith("⚑")  # written 30 hours after the contact
    assert "4 awaiting review" in view.summary.text()


def test_filters_by_caseworker_and_state(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view, seeded = loaded_queue(qtbot, open_runner)
    index = view.caseworker_filter.findData("u-bo")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.caseworker_filter.setCurrentIndex(index)
    assert [view.model.row_at(i).note_id for i in range(view.model.rowCount())] == [  # type: ignore[union-attr]
        seeded.notes["n1"]
    ]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.state_filter.setCurrentIndex(1)  # returned
    assert view.model.rowCount() == 1
    assert view.model.row_at(0).note_id == seeded.notes["n4"]  # type: ignore[union-attr]


def test_citizen_filter_searches_names(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view, seeded = loaded_queue(qtbot, open_runner)
    view.citizen_filter.setText("Perle")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    assert [view.model.row_at(i).note_id for i in range(view.model.rowCount())] == [  # type: ignore[union-attr]
        seeded.notes["n2"]
    ]


def test_approve_removes_the_note_and_names_the_revision(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    view, seeded = loaded_queue(qtbot, open_runner)
    view.select_note(seeded.notes["n5"])
    qtbot.waitUntil(
        lambda: (
            view.current_detail is not None and view.current_detail.note.id == seeded.notes["n5"]
        ),
        timeout=10_000,
    )
    assert "Afdrag: 500 kr." in view.detail.toPlainText()
    assert "Aftalen om afdrag mangler beløb." in view.detail.toPlainText()  # earlier review
    with qtbot.waitSignal(view.reviewed, timeout=10_000) as blocker:
        view.approve_button.click()
    assert blocker.args == [seeded.notes["n5"]]
    qtbot.waitUntil(lambda: view.model.row_of(seeded.notes["n5"]) < 0, timeout=10_000)
    reviews = wait_for(qtbot, open_runner, lambda s: s.reviews.for_note(seeded.notes["n5"]))
    assert reviews[-1].outcome is ReviewOutcome.APPROVED and reviews[-1].revision == 1


def test_return_without_comment_shows_the_rule(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view, _seeded = loaded_queue(qtbot, open_runner)
    view.return_button.click()
    qtbot.waitUntil(lambda: not view.error.isHidden(), timeout=10_000)
    assert "comment" in view.error.text().lower()
    view.comment.setPlainText("Skriv hvem der var til stede.")
    with qtbot.waitSignal(view.reviewed, timeout=10_000):
        view.return_button.click()


def test_clear_drops_everything(qtbot: QtBot, open_runner: TaskRunner) -> None:
    view, _seeded = loaded_queue(qtbot, open_runner)
    view.clear()
    assert view.model.rowCount() == 0
    assert view.detail.toPlainText() == ""


def test_caseworker_sees_returned_notes_with_the_comment(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    seeded = wait_for(qtbot, open_runner, seed_team)

    def as_bo(store):  # type: ignore[no-untyped-def]
        store.session.user_id = "u-bo"  # the returned note n4 is bo's
        with store.transaction():  # on bo's laptop the lead's name arrives by sync
            store.context.conn.execute("INSERT INTO known_users VALUES ('u-lise', 'Lise Berg')")
        return LocalReplica(store).user_names()

    wait_for(qtbot, open_runner, as_bo)
    view = ReturnedNotesView(open_runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.count_changed, timeout=10_000) as blocker:
        view.refresh()
    assert blocker.args == [1]
    item = view.tree.topLevelItem(0)
    assert item.text(4) == "Skriv hvilken medicin og hvem der ordinerede den."
    assert item.text(3).startswith("Lise Berg")
    with qtbot.waitSignal(view.addendum_requested) as requested:
        view.addendum_button.click()
    assert requested.args == [seeded.notes["n4"]]

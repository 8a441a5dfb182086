"""The citizen screen: overview, timeline with addenda, access log, and clear() on lock."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from outreach_desk.domain import (
    Addendum,
    Consent,
    ConsentForm,
    FollowUp,
    HousingSituation,
    ResponsibleParty,
    SocialChallenge,
)
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.ui.citizen_view import ID_ROLE, CitizenView
from tests.conftest import FakeClock
from tests.gui.conftest import wait_for
from tests.store import factories

ACCESS_TAB = 4


def seed(store, clock: FakeClock) -> str:  # type: ignore[no-untyped-def]
    place = factories.place(store)
    citizen = factories.citizen(
        store,
        phone="+45 20 30 40 50",
        housing=HousingSituation.SHELTER,
        challenges=(SocialChallenge.ADDICTION_ALCOHOL, SocialChallenge.HOMELESSNESS),
        usual_place_ids=(place.id,),
        coordinating_caseworker="Mette Sørensen",
    )
    old = factories.note(
        store, citizen.id, clock() - timedelta(days=3), place_id=place.id, text="Første møde."
    )
    store.notes.finalise(old.id, store.followups)
    store.addenda.add(Addendum.new(old.id, "u-mette", "Tilføjet: han har en hund.", clock()))
    factories.note(store, citizen.id, clock(), text="Kladde fra i dag.\nAnden linje.")
    store.consents.add(
        Consent.new(
            citizen.id,
            "Bolig og misbrug",
            parties=(ResponsibleParty.ADDICTION_TREATMENT,),
            given_on=date(2026, 1, 5),
            form=ConsentForm.WRITTEN,
            expires_on=date(2027, 1, 5),
        )
    )
    store.followups.add(
        FollowUp.new(
            citizen.id, store.session.home_team, "Ring til herberget", due=date(2026, 11, 26)
        )
    )
    return citizen.id


def shown_view(qtbot: QtBot, runner: TaskRunner, clock: FakeClock) -> tuple[CitizenView, str]:
    citizen_id = wait_for(qtbot, runner, lambda s: seed(s, clock))
    view = CitizenView(runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_citizen(citizen_id)
    return view, citizen_id


def all_texts(root: QWidget) -> list[str]:
    texts = [root.accessibleName(), root.accessibleDescription(), root.toolTip()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTreeWidget):
            stack = [widget.topLevelItem(i) for i in range(widget.topLevelItemCount())]
            while stack:
                item = stack.pop()
                texts += [item.text(c) for c in range(widget.columnCount())]
                stack += [item.child(i) for i in range(item.childCount())]
    return texts


def test_shows_the_overview_of_a_citizen(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, _ = shown_view(qtbot, open_runner, clock)
    values = view._values
    assert view.title.text() == "Jens Hansen (Store Jens)"
    assert values["cpr"].text() == "120385-xxxx"
    assert values["age"].text() == "41 years"
    assert values["housing"].text() == "Shelter (§ 110)"
    assert "Addiction (alcohol)" in values["challenges"].text()
    assert values["places"].text() == "Kirkens Korshærs Varmestue"
    assert values["next_follow_up"].text() == "26-11-2026: Ring til herberget"
    assert "valid until 05-01-2027" in values["consents"].text()


def test_cpr_is_masked_until_shown_on_purpose(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, _ = shown_view(qtbot, open_runner, clock)
    assert "2417" not in view._values["cpr"].text()
    view.show_cpr.click()
    assert view._values["cpr"].text() == "120385-2417"
    view.show_cpr.click()
    assert view._values["cpr"].text() == "120385-xxxx"


def test_timeline_is_newest_first_with_badges_and_addenda(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, _ = shown_view(qtbot, open_runner, clock)
    tree = view.timeline
    assert tree.topLevelItemCount() == 2
    newest, oldest = tree.topLevelItem(0), tree.topLevelItem(1)
    assert newest.text(4) == "Kladde fra i dag."
    assert newest.text(5) == "Draft"
    assert oldest.text(5).startswith("Final")
    assert oldest.text(1) == "Kirkens Korshærs Varmestue"
    assert oldest.childCount() == 1
    assert "Mette Sørensen" in oldest.child(0).text(4)
    tree.setCurrentItem(oldest)
    assert "Tilføjet: han har en hund." in view.note_detail.toPlainText()
    assert view.addendum_button.isEnabled()
    tree.setCurrentItem(newest)
    assert not view.addendum_button.isEnabled()
    assert view.open_note_button.text() == "&Continue draft…"


def test_opening_a_draft_from_the_timeline(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, _ = shown_view(qtbot, open_runner, clock)
    view.timeline.setCurrentItem(view.timeline.topLevelItem(0))
    view.open_note_button.click()
    dialog = view.contact_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.form.note_id is not None)
    assert dialog.form.text.toPlainText() == "Kladde fra i dag.\nAnden linje."
    assert not dialog.form.text.isReadOnly()


def test_access_log_lists_who_looked_and_why(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, _ = shown_view(qtbot, open_runner, clock)
    view.tabs.setCurrentIndex(ACCESS_TAB)
    rows = [view.access.topLevelItem(i) for i in range(view.access.topLevelItemCount())]
    assert rows
    assert {r.text(1) for r in rows} == {"Mette Sørensen"}
    assert {r.text(4) for r in rows} == {"Casework"}
    assert "Created" in {r.text(2) for r in rows}
    assert rows[0].text(0) == "24-11-2026 10:30"


def test_hidden_tabs_are_filled_when_shown_and_keep_nothing_of_the_citizen_before(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, first = shown_view(qtbot, open_runner, clock)
    assert view.access.topLevelItemCount() == 0  # the access log is not on screen yet
    view.tabs.setCurrentIndex(ACCESS_TAB)
    assert view.access.topLevelItemCount() > 0
    users = {view.access.topLevelItem(i).text(1) for i in range(view.access.topLevelItemCount())}
    assert users == {"Mette Sørensen"}

    other = wait_for(
        qtbot, open_runner, lambda s: factories.citizen(s, name="Ole Olsen", cpr=None).id
    )
    view.tabs.setCurrentIndex(0)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_citizen(other)
    assert view.access.topLevelItemCount() == 0  # Jens's log is gone while hidden
    view.tabs.setCurrentIndex(ACCESS_TAB)
    kinds = {view.access.topLevelItem(i).text(3) for i in range(view.access.topLevelItemCount())}
    assert "Citizen details" in kinds and "Journal note" not in kinds  # Ole has no notes
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_citizen(first)  # opened again on the access log: filled at once
    assert view.access.topLevelItemCount() > 0
    assert view.tabs.currentIndex() == ACCESS_TAB


def test_record_contact_is_requested_for_the_citizen(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, citizen_id = shown_view(qtbot, open_runner, clock)
    with qtbot.waitSignal(view.record_contact_requested) as blocker:
        view.record_button.click()
    assert blocker.args == [citizen_id]


def test_clear_removes_every_trace_of_the_citizen(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, _ = shown_view(qtbot, open_runner, clock)
    view.show_cpr.click()
    before = " ".join(all_texts(view))
    assert "Jens Hansen" in before and "120385" in before
    view.clear()
    after = " ".join(all_texts(view))
    for secret in ("Jens", "120385", "20 30 40 50", "Kladde fra i dag", "herberget", "Bolig og"):
        assert secret not in after
    assert not view.record_button.isEnabled()


def test_late_result_after_clear_is_ignored(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    citizen_id = wait_for(qtbot, open_runner, lambda s: seed(s, clock))
    view = CitizenView(open_runner)
    qtbot.addWidget(view)
    view.show_citizen(citizen_id)
    view.clear()  # locked before the data arrived
    wait_for(qtbot, open_runner, lambda s: None)  # the load has finished by now
    assert "Jens" not in " ".join(all_texts(view))


def test_edit_citizen_shows_errors_beside_fields_then_saves(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    view, citizen_id = shown_view(qtbot, open_runner, clock)
    view.edit_button.click()
    editor = view.editor
    assert editor is not None
    editor.phone.setText("ring ikke")
    editor.cpr.setText("320185-1234")
    editor.save()
    qtbot.waitUntil(lambda: not editor.errors.label_for("phone").isHidden(), timeout=5000)
    assert not editor.errors.label_for("cpr").isHidden()
    assert "real date" in editor.errors.label_for("cpr").text()
    assert editor.phone.text() == "ring ikke"
    editor.phone.setText("+45 11 22 33 44")
    editor.cpr.setText("120385-2417")
    with qtbot.waitSignal(view.changed, timeout=5000):
        editor.save()
    citizen = wait_for(qtbot, open_runner, lambda s: s.citizens.get(citizen_id))
    assert citizen.phone == "+45 11 22 33 44"
    qtbot.waitUntil(lambda: view._values["phone"].text() == "+45 11 22 33 44", timeout=5000)


def test_timeline_shows_the_team_leads_review_of_each_final_note(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    from tests.gui.review_seed import seed_team

    seeded = wait_for(qtbot, open_runner, seed_team)
    view = CitizenView(open_runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_citizen(seeded.citizens["Jens Hansen"])  # n0 awaiting, n4 returned
    statuses = {
        view.timeline.topLevelItem(i).data(0, ID_ROLE): view.timeline.topLevelItem(i).text(5)
        for i in range(view.timeline.topLevelItemCount())
    }
    assert statuses[seeded.notes["n4"]].startswith("Final · Returned with a comment")
    assert statuses[seeded.notes["n0"]].startswith("Final")
    assert "eturned" not in statuses[seeded.notes["n0"]]
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_citizen(seeded.citizens["Mona Larsen"])  # n5 marked, then answered
    texts = [
        view.timeline.topLevelItem(i).text(5) for i in range(view.timeline.topLevelItemCount())
    ]
    assert any("Re-opened by addendum" in t for t in texts)

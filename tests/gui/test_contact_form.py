"""The record-a-contact form: drafts, autosave, finalise, addenda, errors, late notes."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from outreach_desk.domain import NoteStatus, Topic
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.ui.contact_form import ContactDialog, ContactForm
from outreach_desk.ui.widgets import to_qdatetime
from tests.conftest import FakeClock
from tests.gui.conftest import wait_for
from tests.store import factories


def make_form(qtbot: QtBot, runner: TaskRunner, clock: FakeClock, **kw: object) -> ContactForm:
    form = ContactForm(runner, clock=clock, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(form)
    return form


def start_with_citizen(qtbot: QtBot, runner: TaskRunner, form: ContactForm) -> str:
    citizen = wait_for(qtbot, runner, factories.citizen)
    wait_for(qtbot, runner, factories.place)
    form.new_contact([citizen.id])
    qtbot.waitUntil(lambda: form.present.count() == 1 and form.place.count() == 2)
    return citizen.id


def test_save_draft_writes_the_note_to_the_store(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    form = make_form(qtbot, open_runner, clock, autosave_ms=60_000)
    citizen_id = start_with_citizen(qtbot, open_runner, form)
    qtbot.keyClicks(form.text, "Talte om bolig. Ringer til boligselskabet.")
    form.topics[Topic.HOUSING].setChecked(True)
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.save_draft()
    note = wait_for(qtbot, open_runner, lambda s: s.notes.get(form.note_id))
    assert note.status is NoteStatus.DRAFT
    assert note.citizen_ids == (citizen_id,)
    assert note.text == "Talte om bolig. Ringer til boligselskabet."
    assert note.topics == (Topic.HOUSING,)
    assert form.status.text().startswith("Saved ")
    assert not form.is_dirty


def test_autosave_fires_after_typing_stops(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    form = make_form(qtbot, open_runner, clock, autosave_ms=80)
    start_with_citizen(qtbot, open_runner, form)
    qtbot.keyClicks(form.text, "Første linje")
    assert form.note_id is None  # nothing saved while typing

    def stored_text() -> str | None:
        drafts = wait_for(qtbot, open_runner, lambda s: s.notes.drafts("u-mette"))
        return drafts[0].text if drafts else None

    qtbot.waitUntil(lambda: stored_text() == "Første linje", timeout=5000)
    qtbot.keyClicks(form.text, " og mere")
    qtbot.waitUntil(lambda: stored_text() == "Første linje og mere", timeout=5000)
    drafts = wait_for(qtbot, open_runner, lambda s: s.notes.drafts("u-mette"))
    assert len(drafts) == 1  # later saves update the same draft


def test_closing_the_dialog_saves_unsaved_edits(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    dialog = ContactDialog(open_runner, autosave_ms=60_000, clock=clock)
    qtbot.addWidget(dialog)
    form = dialog.form
    start_with_citizen(qtbot, open_runner, form)
    qtbot.keyClicks(form.text, "Skrevet lige før låget blev lukket")
    with qtbot.waitSignal(form.saved, timeout=5000):
        dialog.reject()
    drafts = wait_for(qtbot, open_runner, lambda s: s.notes.drafts("u-mette"))
    assert drafts[0].text == "Skrevet lige før låget blev lukket"


def test_finalise_locks_the_note_and_turns_agreements_into_follow_ups(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    form = make_form(qtbot, open_runner, clock, autosave_ms=60_000)
    citizen_id = start_with_citizen(qtbot, open_runner, form)
    qtbot.keyClicks(form.text, "Aftalt at vi tager til jobcentret sammen.")
    row = form.add_agreement()
    qtbot.keyClicks(row.description, "Følge til jobcentret")
    row.due.set_value(date(2026, 11, 27))
    with qtbot.waitSignal(form.finalised, timeout=5000):
        form.finalise(confirm=False)
    assert form.is_final
    assert form.text.isReadOnly()
    assert not form.save_button.isEnabled()
    assert not row.description.isEnabled()
    assert not form.place.isEnabled()
    assert not form._addenda_box.isHidden()
    note = wait_for(qtbot, open_runner, lambda s: s.notes.get(form.note_id))
    assert note.is_final
    followups = wait_for(qtbot, open_runner, lambda s: s.followups.for_citizen(citizen_id))
    assert [(f.description, f.due) for f in followups] == [
        ("Følge til jobcentret", date(2026, 11, 27))
    ]


def test_finalise_asks_first_and_does_nothing_when_cancelled(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, open_runner, clock, autosave_ms=60_000)
    start_with_citizen(qtbot, open_runner, form)
    qtbot.keyClicks(form.text, "Kort snak")
    asked: list[bool] = []
    monkeypatch.setattr(form, "confirm_finalise", lambda: asked.append(True) or False)
    form.finalise_button.click()
    assert asked == [True]
    assert not form.is_final and form.note_id is None


def test_addendum_on_a_final_note(qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock) -> None:
    citizen = wait_for(qtbot, open_runner, factories.citizen)

    def final_note(store):  # type: ignore[no-untyped-def]
        note = factories.note(store, citizen.id, clock())
        return store.notes.finalise(note.id, store.followups)

    note = wait_for(qtbot, open_runner, final_note)
    form = make_form(qtbot, open_runner, clock)
    form.open_note(note.id)
    qtbot.waitUntil(lambda: form.is_final)
    assert form.text.isReadOnly()
    assert form.text.toPlainText() == note.text
    assert form.save_button.isHidden()
    qtbot.keyClicks(form.addendum_text, "Rettelse: det var tirsdag, ikke onsdag.")
    with qtbot.waitSignal(form.addendum_added, timeout=5000):
        form.addendum_button.click()
    addenda = wait_for(qtbot, open_runner, lambda s: s.addenda.for_note(note.id))
    assert [a.text for a in addenda] == ["Rettelse: det var tirsdag, ikke onsdag."]
    assert "Rettelse: det var tirsdag" in form.addenda_view.text()
    assert form.addendum_text.toPlainText() == ""


def test_validation_error_shows_next_to_the_field_and_keeps_the_text(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    form = make_form(qtbot, open_runner, clock, autosave_ms=60_000)
    form.new_contact([])  # nobody chosen yet
    qtbot.waitUntil(lambda: form.place.count() >= 1)
    qtbot.keyClicks(form.text, "Noget vigtigt der ikke må gå tabt")
    form.save_draft()
    label = form.errors.label_for("citizen_ids")
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=5000)
    assert "citizen" in label.text()
    assert form.text.toPlainText() == "Noget vigtigt der ikke må gå tabt"
    assert form.is_dirty and form.note_id is None
    assert form.general_error.isHidden()


def test_finalising_without_text_marks_the_text_field(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    form = make_form(qtbot, open_runner, clock, autosave_ms=60_000)
    start_with_citizen(qtbot, open_runner, form)
    form.topics[Topic.HEALTH].setChecked(True)
    form.finalise(confirm=False)
    label = form.errors.label_for("text")
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=5000)
    assert not form.is_final
    assert form.save_button.isEnabled()


def test_late_note_is_flagged(qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock) -> None:
    form = make_form(qtbot, open_runner, clock, autosave_ms=60_000)
    start_with_citizen(qtbot, open_runner, form)
    assert not form.is_late
    form.event_time.setDateTime(to_qdatetime(clock() - timedelta(hours=30)))
    assert form.is_late
    assert "24 hours" in form.late_flag.text()
    form.now_button.click()
    assert not form.is_late


def test_anonymous_contact_is_created_once(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    form = make_form(qtbot, open_runner, clock, autosave_ms=60_000)
    start_with_citizen(qtbot, open_runner, form)
    form.add_anonymous("Rødhårede Ole", "grøn jakke, har en hund")
    qtbot.keyClicks(form.text, "Ole sad ved siden af")
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.save_draft()
    qtbot.keyClicks(form.text, " og snakkede med.")
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.save_draft()
    assert wait_for(qtbot, open_runner, lambda s: s.citizens.count()) == 2
    note = wait_for(qtbot, open_runner, lambda s: s.notes.get(form.note_id))
    assert len(note.citizen_ids) == 2
    ole = wait_for(qtbot, open_runner, lambda s: s.citizens.get(note.citizen_ids[1]))
    assert ole.anonymous and ole.nickname == "Rødhårede Ole"


def test_place_is_remembered_from_the_last_contact(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    citizen = wait_for(qtbot, open_runner, factories.citizen)
    wait_for(qtbot, open_runner, factories.place)
    shelter = wait_for(qtbot, open_runner, lambda s: factories.place(s, "Herberget Ådalen"))
    wait_for(
        qtbot, open_runner, lambda s: factories.note(s, citizen.id, clock(), place_id=shelter.id)
    )
    form = make_form(qtbot, open_runner, clock)
    form.new_contact([citizen.id])
    qtbot.waitUntil(lambda: form.place.count() == 3)
    assert form.place.currentText() == "Herberget Ådalen"


def test_search_adds_a_present_citizen(
    qtbot: QtBot, open_runner: TaskRunner, clock: FakeClock
) -> None:
    wait_for(qtbot, open_runner, lambda s: factories.citizen(s, name="Bente Larsen", nickname=""))
    form = make_form(qtbot, open_runner, clock, autosave_ms=60_000)
    form.new_contact([])
    qtbot.waitUntil(lambda: form.place.count() >= 1)
    qtbot.keyClicks(form.find, "Bente")
    qtbot.waitUntil(lambda: form.results.count() == 1 and bool(form.results.item(0).data(256)))
    form.find.returnPressed.emit()
    assert form.present.count() == 1
    assert form.present.item(0).text() == "Bente Larsen"

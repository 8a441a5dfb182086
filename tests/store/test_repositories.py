"""Repositories: the rules of each entity, the outbox and soft deletes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from outreach_desk.domain import (
    Addendum,
    Consent,
    ConsentForm,
    Effort,
    NoteLockedError,
    NoteStatus,
    Plan,
    ProgressRating,
    ResponsibleParty,
    ValidationError,
)
from outreach_desk.store import IntegrityError, RecordNotFound, Store, StoreError
from tests.conftest import FakeClock
from tests.store.factories import agreement, citizen, note, place, plan_with_goal


def test_finalised_note_cannot_be_edited(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    draft = note(store, person.id, clock())
    final = store.notes.finalise(draft.id, store.followups)
    with pytest.raises(NoteLockedError):
        store.notes.update(replace(final, text="rewritten afterwards"))
    with pytest.raises(NoteLockedError):
        store.notes.delete(final.id)
    assert store.notes.get(final.id).text == draft.text


def test_database_refuses_to_change_a_final_note_even_behind_the_repository(
    store: Store, clock: FakeClock
) -> None:
    person = citizen(store)
    final = store.notes.finalise(note(store, person.id, clock()).id, store.followups)
    with pytest.raises(IntegrityError), store.transaction():
        store.context.conn.execute("UPDATE notes SET text = 'x' WHERE id = ?", (final.id,))
    with pytest.raises(IntegrityError), store.transaction():
        store.context.conn.execute("DELETE FROM notes WHERE id = ?", (final.id,))


def test_draft_can_be_edited_until_finalised(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    draft = note(store, person.id, clock())
    edited = store.notes.update(draft.edited(text="Bedre formuleret notat."))
    assert store.notes.get(draft.id).text == "Bedre formuleret notat."
    assert edited.status is NoteStatus.DRAFT


def test_finalising_turns_agreements_into_followups(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    due = clock().date() + timedelta(days=3)
    draft = note(store, person.id, clock(), agreements=(agreement(due=due),))
    store.notes.finalise(draft.id, store.followups)
    (followup,) = store.followups.for_citizen(person.id)
    assert followup.description == "Ringe til boligselskabet"
    assert followup.due == due
    assert followup.note_id == draft.id
    assert store.followups.open_until(due) == [followup]
    store.followups.mark_done(followup.id)
    assert store.followups.open_until(due) == []


def test_empty_note_cannot_be_finalised(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    draft = note(store, person.id, clock(), text="")
    with pytest.raises(ValidationError) as caught:
        store.notes.finalise(draft.id, store.followups)
    assert caught.value.errors[0].field == "text"
    assert store.notes.get(draft.id).status is NoteStatus.DRAFT


def test_addenda_only_for_final_notes_and_never_deleted(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    draft = note(store, person.id, clock())
    with pytest.raises(ValidationError) as caught:
        store.addenda.add(Addendum.new(draft.id, "u-mette", "Tillæg", clock()))
    assert caught.value.errors[0].rule == "note_not_final"
    store.notes.finalise(draft.id, store.followups)
    addendum = store.addenda.add(Addendum.new(draft.id, "u-mette", "Tillæg: ringede", clock()))
    assert store.addenda.for_note(draft.id) == [addendum]
    with pytest.raises(ValidationError):
        store.addenda.delete(addendum.id)


def test_outbox_gets_exactly_one_entry_per_change(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    assert store.outbox.count() == 1
    changed = store.citizens.update(replace(person, phone="+45 20 30 40 50"))
    entries = store.outbox.for_record("citizen", person.id)
    assert [e.kind for e in entries] == ["upsert", "upsert"]
    assert set(entries[1].fields) == {"phone"}  # only the changed field travels
    assert entries[1].fields["phone"] == {"base": None, "value": "+45 20 30 40 50"}
    store.citizens.update(changed)  # no change, no entry
    assert len(store.outbox.for_record("citizen", person.id)) == 2
    store.citizens.delete(person.id)
    assert [e.kind for e in store.outbox.for_record("citizen", person.id)][-1] == "delete"
    counters = [e.counter for e in store.outbox.all()]
    assert counters == sorted(counters) and len(set(counters)) == len(counters)


def test_outbox_entry_carries_the_base_version_of_each_field(store: Store) -> None:
    person = citizen(store)
    store.outbox.set_field_version("citizen", person.id, "phone", 41)
    store.citizens.update(replace(person, phone="22334455", nickname="Jensemand"))
    last = store.outbox.for_record("citizen", person.id)[-1]
    assert last.fields["phone"]["base"] == 41
    assert last.fields["nickname"]["base"] is None


def test_rolled_back_transaction_leaves_no_outbox_entry_and_no_row(store: Store) -> None:
    before = store.outbox.count()
    with pytest.raises(RuntimeError), store.transaction():
        person = citizen(store)
        store.citizens.update(replace(person, phone="22334455"))
        raise RuntimeError("the laptop died")
    assert store.outbox.count() == before
    assert store.citizens.count() == 0
    assert store.access_log.verify().ok


def test_failed_validation_writes_nothing(store: Store) -> None:
    before = store.outbox.count()
    with pytest.raises(ValidationError):
        citizen(store, cpr="311399-1234")
    assert store.outbox.count() == before
    assert store.citizens.count() == 0


def test_soft_delete_keeps_a_tombstone(store: Store) -> None:
    person = citizen(store)
    store.citizens.delete(person.id)
    with pytest.raises(RecordNotFound):
        store.citizens.get(person.id)
    assert store.search_citizens("Jens") == []
    rows = store.context.query("SELECT deleted_at FROM citizens WHERE id = ?", (person.id,))
    assert rows[0]["deleted_at"] is not None


def test_one_active_plan_per_citizen(store: Store) -> None:
    person = citizen(store)
    plan, _goal = plan_with_goal(store, person.id)
    with pytest.raises(ValidationError) as caught:
        store.plans.add(Plan.new(person.id, store.session.home_team, wish="En ny plan"))
    assert caught.value.errors[0].rule == "one_plan"
    assert store.plans.active_for(person.id) == plan


def test_plan_goals_efforts_and_ratings(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    plan, goal = plan_with_goal(store, person.id)
    effort = store.efforts.add(
        Effort.new(
            plan.id,
            "Bostøtte to gange om ugen",
            ResponsibleParty.CASEWORKER,
            legal_basis="SEL § 85",
            goal_id=goal.id,
        )
    )
    today = clock().date()
    for days_ago, score in ((60, 3), (30, 5), (0, 6)):
        store.ratings.add(
            ProgressRating.new(goal.id, today - timedelta(days=days_ago), score, support_need=3)
        )
    assert store.efforts.for_plan(plan.id) == [effort]
    assert [r.citizen_score for r in store.ratings.for_goal(goal.id)] == [3, 5, 6]
    with pytest.raises(ValidationError) as caught:
        store.ratings.add(ProgressRating.new(goal.id, today, 11))
    assert caught.value.errors[0].field == "citizen_score"
    # partition and citizen come from the plan
    last = store.outbox.all()[-1]
    assert last.partition == store.session.home_team and last.kind == "append"


def test_consent_needs_a_citizen(store: Store, clock: FakeClock) -> None:
    with pytest.raises(RecordNotFound):
        store.consents.add(
            Consent.new(
                "no-such-citizen",
                "Helbredsoplysninger til misbrugsbehandlingen",
                parties=(ResponsibleParty.ADDICTION_TREATMENT,),
                given_on=date(2026, 1, 5),
                form=ConsentForm.WRITTEN,
            )
        )


def test_place_rename_updates_citizen_search(store: Store) -> None:
    varmestue = place(store)
    citizen(store, usual_place_ids=(varmestue.id,))
    assert len(store.search_citizens("Varmestue")) == 1
    store.places.update(replace(varmestue, name="Hellestedet"))
    assert store.search_citizens("Varmestue") == []
    assert len(store.search_citizens("Hellestedet")) == 1


def test_timeline_lists_contacts_newest_first(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    first = note(store, person.id, clock(), event_time=clock() - timedelta(days=2))
    second = note(store, person.id, clock())
    assert [n.id for n in store.notes.timeline(person.id)] == [second.id, first.id]


def test_closed_store_refuses_work(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError):
        store.search_citizens("Jens")

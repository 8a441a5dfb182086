"""Reviews of final notes: written once, the state derived from the latest review and the
addenda, a review the server rejected does not count, and migrating keeps housing history."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from outreach_desk.domain import (
    Addendum,
    HousingSituation,
    Review,
    ReviewOutcome,
    ReviewState,
    ValidationError,
    note_state,
)
from outreach_desk.store import Store
from outreach_desk.store.errors import IntegrityError, StoreError
from tests.conftest import FakeClock
from tests.store import factories


def final_note(store: Store, clock: FakeClock) -> str:
    person = factories.citizen(store)
    note = factories.note(store, person.id, clock())
    store.notes.finalise(note.id, store.followups)
    return note.id


def review(store: Store, note_id: str, outcome: ReviewOutcome, clock: FakeClock, **kw) -> Review:  # type: ignore[no-untyped-def]
    seen = kw.pop("seen", [a.id for a in store.addenda.for_note(note_id)])
    return store.reviews.add(
        Review.new(
            note_id=note_id,
            team_id=store.session.home_team,
            reviewer="u-lise",
            now=clock(),
            addendum_ids=seen,
            outcome=outcome,
            comment=kw.pop("comment", "Uddyb venligst."),
        )
    )


def test_latest_review_decides_and_an_addendum_reopens(store: Store, clock: FakeClock) -> None:
    note_id = final_note(store, clock)
    assert store.reviews.state_of(note_id) is ReviewState.AWAITING
    review(store, note_id, ReviewOutcome.RETURNED, clock)
    assert store.reviews.state_of(note_id) is ReviewState.RETURNED
    clock.advance(hours=1)
    addendum = store.addenda.add(Addendum.new(note_id, "u-mette", "Søsteren var med.", clock()))
    assert store.reviews.state_of(note_id) is ReviewState.REOPENED
    clock.advance(hours=1)
    approved = review(store, note_id, ReviewOutcome.APPROVED, clock, comment="")
    assert approved.revision == 1 and approved.addendum_ids == (addendum.id,)
    assert store.reviews.state_of(note_id) is ReviewState.APPROVED
    reviews = store.reviews.for_note(note_id)
    assert note_state(reviews, [addendum.id]) is ReviewState.APPROVED
    assert note_state(reviews, [addendum.id, "later"]) is ReviewState.REOPENED


def test_a_review_that_saw_less_leaves_the_note_reopened(store: Store, clock: FakeClock) -> None:
    note_id = final_note(store, clock)
    store.addenda.add(Addendum.new(note_id, "u-mette", "Tillæg.", clock()))
    clock.advance(minutes=5)
    review(store, note_id, ReviewOutcome.APPROVED, clock, seen=[], comment="")
    assert store.reviews.state_of(note_id) is ReviewState.REOPENED


def test_a_review_is_never_changed_or_deleted(store: Store, clock: FakeClock) -> None:
    note_id = final_note(store, clock)
    made = review(store, note_id, ReviewOutcome.HAS_ISSUES, clock)
    with pytest.raises(ValidationError):
        store.reviews.update(replace(made, comment="Andet"))
    with pytest.raises(ValidationError):
        store.reviews.delete(made.id)
    with pytest.raises((IntegrityError, StoreError)), store.transaction():
        store.context.conn.execute("UPDATE reviews SET outcome = 'approved'")


def test_only_final_notes_of_the_same_team_are_reviewed(store: Store, clock: FakeClock) -> None:
    person = factories.citizen(store)
    draft = factories.note(store, person.id, clock())
    with pytest.raises(ValidationError) as caught:
        review(store, draft.id, ReviewOutcome.APPROVED, clock, comment="")
    assert caught.value.errors[0].rule == "note_not_final"
    note_id = final_note(store, clock)
    with pytest.raises(ValidationError) as wrong:
        store.reviews.add(
            replace(
                Review.new(
                    note_id=note_id,
                    team_id="another-team",
                    reviewer="u-lise",
                    now=clock(),
                    addendum_ids=(),
                    outcome=ReviewOutcome.APPROVED,
                )
            )
        )
    assert wrong.value.errors[0].rule == "wrong_team"


def test_a_review_the_server_rejected_does_not_count(store: Store, clock: FakeClock) -> None:
    note_id = final_note(store, clock)
    made = review(store, note_id, ReviewOutcome.RETURNED, clock)
    (entry,) = store.outbox.for_record("review", made.id)
    with store.transaction():
        store.outbox.mark(entry.op_id, "rejected", {"reason": "forbidden_entity"})
    assert store.reviews.state_of(note_id) is ReviewState.AWAITING
    assert store.reviews.for_note(note_id) == []


def test_review_and_housing_are_in_the_access_log_and_history(
    store: Store, clock: FakeClock
) -> None:
    note_id = final_note(store, clock)
    review(store, note_id, ReviewOutcome.RETURNED, clock)
    citizen_id = store.notes.get(note_id).citizen_ids[0]
    entities = [e.entity for e in store.access_log.entries(citizen_id=citizen_id)]
    assert "review" in entities
    clock.advance(days=3)
    person = store.citizens.get(citizen_id)
    store.citizens.update(replace(person, housing=HousingSituation.OWN_HOME))
    history = store.context.query(
        "SELECT housing FROM housing_history WHERE citizen_id = ? ORDER BY at", (citizen_id,)
    )
    assert [h["housing"] for h in history] == ["unknown", "own_home"]


def test_review_text_limits() -> None:
    made = Review.new(
        note_id="n",
        team_id="t",
        reviewer="r",
        now=datetime(2026, 11, 24, tzinfo=UTC),
        addendum_ids=(),
        outcome=ReviewOutcome.APPROVED,
        comment="x" * 4001,
    )
    assert [e.rule for e in made.errors()] == ["too_long"]

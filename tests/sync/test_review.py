"""Review of synced notes across laptops and the server: the team lead's queue, a note
returned with a comment, the caseworker's answer by addendum, and who may do what."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach_desk.domain import Purpose, ReviewOutcome, ReviewState, ValidationError
from outreach_desk.services import casework
from outreach_desk.services import review as reviews
from outreach_desk.store.reviews import QueueFilter
from sync.server import accounts
from tests.sync.conftest import World, make_op, new_id
from tests.sync.laptops import Laptop, laptop


def user_id(world: World, username: str) -> str:
    return next(u.id for u in accounts.list_users(world.server.db) if u.username == username)


@pytest.fixture
def team(world: World, tmp_path: Path) -> Iterator[tuple[Laptop, Laptop, Laptop]]:
    anna, bo = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "bo")
    lise = laptop(world, tmp_path, "lise")
    yield anna, bo, lise
    for device in (anna, bo, lise):
        device.store.close()


def final_note(device: Laptop, text: str = "Mødt på værestedet. Talte om bolig.") -> str:
    person = device.new_citizen(name="Jens Hansen", nickname="Store Jens")
    note = device.write_note(person.id, text)
    device.store.notes.finalise(note.id, device.store.followups)
    return note.id


def test_returned_note_reaches_the_caseworker_and_an_addendum_reopens_it(
    team: tuple[Laptop, Laptop, Laptop],
) -> None:
    anna, bo, lise = team
    note_id = final_note(anna)
    anna.sync()
    lise.sync()
    assert reviews.is_team_lead(lise.store) and not reviews.is_team_lead(anna.store)

    queue = reviews.load_queue(lise.store, QueueFilter())
    assert [r.note_id for r in queue.page.rows] == [note_id]
    assert queue.page.rows[0].state is ReviewState.AWAITING
    assert queue.user_names[queue.page.rows[0].caseworker] == "Anna"  # names come by sync

    detail = reviews.open_for_review(lise.store, note_id)
    assert detail.revision == 0 and detail.state is ReviewState.AWAITING
    review = reviews.record_review(
        lise.store, note_id, ReviewOutcome.RETURNED, "Skriv hvem der deltog i mødet."
    )
    assert review.revision == 0 and review.addendum_ids == ()
    assert lise.sync().rejected == 0
    assert reviews.load_queue(lise.store, QueueFilter()).page.rows == []

    anna.sync()
    (returned,) = reviews.returned_notes(anna.store)
    assert returned.row.note_id == note_id
    assert returned.row.state is ReviewState.RETURNED
    assert returned.row.comment == "Skriv hvem der deltog i mødet."
    assert returned.reviewer_name == "Lise"
    bo.sync()
    assert reviews.returned_notes(bo.store) == []  # returned to anna, not to bo

    casework.add_addendum(anna.store, note_id, "Til stede var også hans søster.")
    assert reviews.returned_notes(anna.store) == []  # answered: waits for the lead again
    anna.sync()
    lise.sync()
    (row,) = reviews.load_queue(lise.store, QueueFilter()).page.rows
    assert (row.note_id, row.state, row.addenda) == (note_id, ReviewState.REOPENED, 1)
    approved = reviews.record_review(lise.store, note_id, ReviewOutcome.APPROVED)
    assert approved.revision == 1
    lise.sync()
    anna.sync()
    assert anna.store.reviews.state_of(note_id) is ReviewState.APPROVED
    assert [r.outcome for r in anna.store.reviews.for_note(note_id)] == [
        ReviewOutcome.RETURNED,
        ReviewOutcome.APPROVED,
    ]


def test_review_reads_are_logged_with_the_purpose_review(
    team: tuple[Laptop, Laptop, Laptop],
) -> None:
    anna, _bo, lise = team
    note_id = final_note(anna)
    anna.sync()
    lise.sync()
    reviews.open_for_review(lise.store, note_id)
    citizen_id = lise.store.notes.get(note_id).citizen_ids[0]
    purposes = {e.purpose for e in lise.store.access_log.entries(citizen_id=citizen_id)}
    assert Purpose.REVIEW.value in purposes


def test_a_caseworker_laptop_refuses_to_review(team: tuple[Laptop, Laptop, Laptop]) -> None:
    anna, bo, _lise = team
    note_id = final_note(anna)
    anna.sync()
    bo.sync()
    with pytest.raises(ValidationError) as caught:
        reviews.record_review(bo.store, note_id, ReviewOutcome.APPROVED)
    assert caught.value.errors[0].rule == "not_team_lead"


def test_returning_a_note_needs_a_comment(team: tuple[Laptop, Laptop, Laptop]) -> None:
    anna, _bo, lise = team
    note_id = final_note(anna)
    anna.sync()
    lise.sync()
    with pytest.raises(ValidationError) as caught:
        reviews.record_review(lise.store, note_id, ReviewOutcome.RETURNED, "  ")
    assert caught.value.errors[0].rule == "comment_required"


def test_a_lead_sees_only_the_teams_they_lead(world: World, tmp_path: Path) -> None:
    anna, carl = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "carl")
    lise = laptop(world, tmp_path, "lise")
    try:
        a_note, b_note = final_note(anna), final_note(carl, "Team B's note")
        anna.sync()
        carl.sync()
        lise.sync()
        assert not lise.store.notes.exists(b_note)
        rows = reviews.load_queue(lise.store, QueueFilter()).page.rows
        assert [r.note_id for r in rows] == [a_note]
        reviews.record_review(lise.store, a_note, ReviewOutcome.APPROVED)
        lise.sync()
        carl.sync()
        assert carl.store.reviews.count() == 0  # team B never receives team A's reviews
    finally:
        for device in (anna, carl, lise):
            device.store.close()


# --- the server's rules, op by op ------------------------------------------------------------


@pytest.fixture
def server_note(world: World) -> tuple[str, str]:
    """A final note of team A on the server (written by anna), and one of team B (carl)."""
    anna, carl = world.device("anna"), world.device("carl")
    a, b = new_id(), new_id()
    fields = {"status": "final", "text": "x", "caseworker": "anna"}
    assert (
        anna.push([make_op(anna, "note", a, world.team_a, fields, kind="append")]).results[0].status
        == "applied"
    )
    assert (
        carl.push([make_op(carl, "note", b, world.team_b, fields, kind="append")]).results[0].status
        == "applied"
    )
    return a, b


def review_fields(world: World, note_id: str, team: str, reviewer: str = "lise") -> dict:
    return {
        "note_id": note_id,
        "team_id": team,
        "reviewer": user_id(world, reviewer),
        "reviewed_at": "2026-11-24T10:00:00+00:00",
        "revision": 0,
        "addendum_ids": [],
        "outcome": "approved",
        "comment": "",
    }


def test_server_caseworker_cannot_write_a_review(
    world: World, server_note: tuple[str, str]
) -> None:
    anna = world.device("anna")
    fields = review_fields(world, server_note[0], world.team_a, reviewer="anna")
    result = anna.push([make_op(anna, "review", new_id(), world.team_a, fields)]).results[0]
    assert (result.status, result.reason) == ("rejected", "forbidden_entity")


def test_server_lead_of_team_a_cannot_review_team_b(
    world: World, server_note: tuple[str, str]
) -> None:
    lise = world.device("lise")
    b_note = server_note[1]
    filed_under_b = review_fields(world, b_note, world.team_b)
    result = lise.push([make_op(lise, "review", new_id(), world.team_b, filed_under_b)])
    assert result.results[0].reason == "forbidden_partition"
    filed_under_a = review_fields(world, b_note, world.team_a)
    result = lise.push([make_op(lise, "review", new_id(), world.team_a, filed_under_a)])
    assert result.results[0].reason == "forbidden_partition"


def test_server_review_needs_a_known_final_note_and_its_own_signature(
    world: World, server_note: tuple[str, str]
) -> None:
    lise, anna = world.device("lise"), world.device("anna")
    unknown = review_fields(world, new_id(), world.team_a)
    assert (
        lise.push([make_op(lise, "review", new_id(), world.team_a, unknown)]).results[0].reason
        == "review_note_invalid"
    )
    draft = new_id()
    anna.push([make_op(anna, "note", draft, world.team_a, {"status": "draft", "text": "x"})])
    drafted = review_fields(world, draft, world.team_a)
    assert (
        lise.push([make_op(lise, "review", new_id(), world.team_a, drafted)]).results[0].reason
        == "review_note_invalid"
    )
    forged = review_fields(world, server_note[0], world.team_a, reviewer="anna")
    assert (
        lise.push([make_op(lise, "review", new_id(), world.team_a, forged)]).results[0].reason
        == "reviewer_mismatch"
    )


def test_server_review_is_written_once(world: World, server_note: tuple[str, str]) -> None:
    lise = world.device("lise")
    rid = new_id()
    fields = review_fields(world, server_note[0], world.team_a)
    assert lise.push([make_op(lise, "review", rid, world.team_a, fields)]).results[0].status == (
        "applied"
    )
    again = lise.push([make_op(lise, "review", rid, world.team_a, fields, counter=2)])
    assert again.results[0].status == "applied"  # the same review sent again: harmless
    changed = make_op(
        lise, "review", rid, world.team_a, {"outcome": "returned"}, bases={"outcome": 1}, counter=3
    )
    assert lise.push([changed]).results[0].reason == "review_final"
    deleted = make_op(lise, "review", rid, world.team_a, {}, kind="delete", counter=4)
    assert lise.push([deleted]).results[0].reason == "review_final"


def test_server_feed_gives_reviews_only_to_the_team(
    world: World, server_note: tuple[str, str]
) -> None:
    lise, anna, carl = world.device("lise"), world.device("anna"), world.device("carl")
    fields = review_fields(world, server_note[0], world.team_a)
    lise.push([make_op(lise, "review", new_id(), world.team_a, fields)])
    assert [c.entity for c in anna.pull(0).changes].count("review") == 1
    assert [c.entity for c in carl.pull(0).changes].count("review") == 0

"""The demo generator: deterministic, valid through the repositories, realistic enough."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from outreach_desk.demo import DemoSummary, describe, fictitious_cpr, generate
from outreach_desk.domain import (
    Citizen,
    JournalNote,
    NoteStatus,
    cpr_errors,
    parse_cpr,
)
from outreach_desk.store import KdfParams, Store
from tests.conftest import PASSPHRASE, FakeClock

TODAY = date(2026, 11, 24)
CITIZENS, NOTES = 30, 200


def _new_store(folder: Path) -> Store:
    return Store.create(
        folder,
        PASSPHRASE,
        user_id="u-mette",
        user_name="Mette Sørensen",
        team_ids=("team-odense-c",),
        kdf=KdfParams.fast_for_tests(),
        clock=FakeClock(datetime(2026, 11, 24, 10, 30, tzinfo=UTC)),
    )


def _fill(folder: Path, seed: int = 2026, **options: object) -> tuple[Store, DemoSummary]:
    store = _new_store(folder)
    summary = generate(
        store,
        citizens=CITIZENS,
        notes=NOTES,
        seed=seed,
        today=TODAY,
        **options,  # type: ignore[arg-type]
    )
    return store, summary


def fingerprint(store: Store) -> str:
    """A digest of the content with ids replaced by what they point at (ids are UUIDv7)."""
    q = store.context.query
    places = {r["id"]: r["name"] for r in q("SELECT id, name FROM places")}
    citizen_key: dict[str, str] = {}
    citizens = []
    for r in q("SELECT * FROM citizens"):
        key = f"{r['name']}|{r['nickname']}|{r['cpr']}|{r['description']}"
        citizen_key[r["id"]] = key
        usual = sorted(places[p] for p in json.loads(r["usual_place_ids"]))
        citizens.append((key, r["phone"], r["housing"], r["challenges"], usual))

    def who(ids: str) -> list[str]:
        return sorted(citizen_key[c] for c in json.loads(ids))

    notes_by_id = {}
    notes = []
    for r in q("SELECT * FROM notes"):
        content = (
            r["event_time"],
            r["written_time"],
            r["status"],
            r["finalised_at"],
            r["caseworker"],
            places.get(r["place_id"]),
            r["contact_form"],
            who(r["citizen_ids"]),
            r["text"],
            r["topics"],
            r["agreements"],
        )
        notes_by_id[r["id"]] = content[:2]
        notes.append(content)
    plans = {r["id"]: citizen_key[r["citizen_id"]] for r in q("SELECT * FROM plans")}
    goals = {r["id"]: (plans[r["plan_id"]], r["wording"]) for r in q("SELECT * FROM goals")}
    parts = {
        "citizens": citizens,
        "notes": notes,
        "addenda": [
            (notes_by_id[r["note_id"]], r["text"], r["written_time"])
            for r in q("SELECT * FROM addenda")
        ],
        "followups": [
            (citizen_key[r["citizen_id"]], r["description"], r["due"], r["done_at"], r["assignee"])
            for r in q("SELECT * FROM followups")
        ],
        "plans": [
            (citizen_key[r["citizen_id"]], r["wish"], r["follow_up_date"])
            for r in q("SELECT * FROM plans")
        ],
        "goals": [
            (goals[r["id"]], r["life_area"], r["status"], r["target_date"])
            for r in q("SELECT * FROM goals")
        ],
        "efforts": [
            (plans[r["plan_id"]], r["description"], r["legal_basis"], r["due_date"], r["status"])
            for r in q("SELECT * FROM efforts")
        ],
        "ratings": [
            (goals[r["goal_id"]], r["rated_on"], r["citizen_score"], r["support_need"])
            for r in q("SELECT * FROM ratings")
        ],
        "consents": [
            (citizen_key[r["citizen_id"]], r["scope"], r["given_on"], r["expires_on"])
            for r in q("SELECT * FROM consents")
        ],
    }
    canonical = {name: sorted(map(repr, rows)) for name, rows in parts.items()}
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store, summary = _fill(tmp_path_factory.mktemp("demo") / "profile")
    yield store, summary
    store.close()


def test_same_seed_gives_the_same_content_whatever_the_batch_size(
    demo: tuple[Store, DemoSummary], tmp_path: Path
) -> None:
    store, summary = demo
    again, again_summary = _fill(tmp_path / "again", batch_size=37)
    try:
        assert fingerprint(again) == fingerprint(store)
        assert again_summary.counts() == summary.counts()
    finally:
        again.close()


def test_another_seed_gives_other_content(demo: tuple[Store, DemoSummary], tmp_path: Path) -> None:
    other, _ = _fill(tmp_path / "other", seed=7)
    try:
        assert fingerprint(other) != fingerprint(demo[0])
    finally:
        other.close()


def test_summary_matches_what_is_stored(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    assert not summary.cancelled
    assert summary.citizens == store.citizens.count() == CITIZENS
    assert summary.notes == store.notes.count() == NOTES
    assert summary.places == store.places.count()
    assert summary.addenda == store.addenda.count()
    assert summary.followups == store.followups.count()
    assert summary.plans == store.plans.count()
    assert summary.goals == store.goals.count()
    assert summary.efforts == store.efforts.count()
    assert summary.ratings == store.ratings.count()
    assert summary.consents == store.consents.count()
    open_now = len(store.followups.open_until(TODAY + timedelta(days=3650)))
    assert summary.followups_open == open_now
    assert summary.seconds > 0


def _everything(store: Store) -> tuple[list[Citizen], list[JournalNote]]:
    citizens = [store.citizens.get(i) for i in store.citizens.all_ids()]
    notes = {n.id: n for c in citizens for n in store.notes.timeline(c.id, limit=10_000)}
    return citizens, list(notes.values())


def test_every_record_reads_back_valid(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    now = store.session.clock()
    citizens, notes = _everything(store)
    assert len(notes) == NOTES
    for citizen in citizens:
        citizen.validate(TODAY)
        for consent in store.consents.for_citizen(citizen.id):
            consent.validate()
        for followup in store.followups.for_citizen(citizen.id):
            followup.validate()
        plan = store.plans.active_for(citizen.id)
        if plan is not None:
            plan.validate()
            for goal in store.goals.for_plan(plan.id):
                goal.validate()
            for effort in store.efforts.for_plan(plan.id):
                effort.validate()
            for rating in store.ratings.for_plan(plan.id):
                rating.validate(TODAY)
    for note in notes:
        note.validate(now)
        assert note.event_time <= note.written_time
        if note.is_final:
            assert note.finalised_at is not None and note.finalised_at >= note.written_time
            for addendum in store.addenda.for_note(note.id):
                addendum.validate()
                assert addendum.written_time > note.finalised_at


def test_citizens_look_like_a_danish_outreach_caseload(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    citizens, _ = _everything(store)
    anonymous = [c for c in citizens if c.anonymous]
    identified = [c for c in citizens if not c.anonymous]
    assert anonymous and summary.anonymous == len(anonymous)
    assert all(c.nickname and c.description and c.cpr is None for c in anonymous)
    assert all(c.name and c.cpr for c in identified)
    for citizen in identified:
        assert citizen.cpr is not None and not cpr_errors(citizen.cpr)
        assert 1950 <= parse_cpr(citizen.cpr).birth_date.year <= 2006
        assert citizen.birth_year == parse_cpr(citizen.cpr).birth_date.year
    assert any(c.is_youth(TODAY) for c in identified)
    assert any(c.nickname for c in identified)
    assert len({c.housing for c in citizens}) >= 4
    assert all(c.usual_place_ids and c.challenges for c in citizens)


def test_notes_drafts_addenda_and_follow_ups(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    _, notes = _everything(store)
    statuses = {n.status for n in notes}
    assert statuses == {NoteStatus.DRAFT, NoteStatus.FINAL}
    assert summary.drafts == sum(not n.is_final for n in notes)
    assert any(n.is_late() for n in notes) and summary.late_notes > 0
    assert summary.addenda >= 1
    assert any(n.agreements for n in notes)
    assert all(n.text.strip() for n in notes)
    assert any("Aftalt at" in n.text for n in notes)
    assert min(n.event_time for n in notes).date() < TODAY - timedelta(days=365)
    assert max(n.event_time for n in notes).date() < TODAY
    due = store.followups.open_until(TODAY + timedelta(days=6))
    assert any(f.is_overdue(TODAY) for f in due), "some follow-ups are overdue"
    assert any(f.due is not None and f.due >= TODAY for f in due), "some are due this week"
    assert store.followups.count() > len(store.followups.open_until(TODAY + timedelta(days=999)))


def test_plans_goals_ratings_and_consents(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    assert 0.4 * CITIZENS <= summary.plans <= 0.85 * CITIZENS
    plans = [p for c in store.citizens.all_ids() if (p := store.plans.active_for(c))]
    assert all(p.wish.startswith("Jeg") for p in plans if p.wish)
    bases = set()
    first_scores, last_scores = [], []
    for plan in plans:
        goals = store.goals.for_plan(plan.id)
        assert goals and all(g.wording.startswith("Jeg") for g in goals)
        bases |= {e.legal_basis for e in store.efforts.for_plan(plan.id)}
        for goal in goals:
            ratings = store.ratings.for_goal(goal.id)
            if len(ratings) >= 3:
                first_scores.append(ratings[0].citizen_score)
                last_scores.append(ratings[-1].citizen_score)
    assert len(bases - {""}) >= 2 and all(
        b == "" or b.startswith(("SEL §", "SUL §")) for b in bases
    )
    assert first_scores and sum(last_scores) > sum(first_scores), "progress mostly improves"
    consents = [k for c in store.citizens.all_ids() for k in store.consents.for_citizen(c)]
    soon = [k for k in consents if k.expires_on and TODAY <= k.expires_on <= TODAY + timedelta(30)]
    assert soon, "some consents expire within a month"


def test_progress_is_reported_and_cancel_stops_between_batches(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    store, summary = _fill(tmp_path / "progress", progress=lambda d, t: calls.append((d, t)))
    store.close()
    assert calls[-1][0] == calls[-1][1] > 0
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)

    store, summary = _fill(tmp_path / "cancel", batch_size=10, cancelled=lambda: True)
    try:
        assert summary.cancelled
        assert store.citizens.count() == summary.citizens == 10  # one batch, then it stopped
        assert store.notes.count() == summary.notes == 0
    finally:
        store.close()


def test_generation_leaves_the_store_clock_as_it_was(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "clock")
    before = store.session.clock
    try:
        generate(store, citizens=3, notes=5, today=TODAY)
        assert store.session.clock is before
    finally:
        store.close()


def test_describe_mentions_what_the_profile_holds(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    text = describe(store, TODAY)
    assert f"{CITIZENS} citizens ({summary.anonymous} anonymous" in text
    assert f"{NOTES} journal notes ({summary.drafts} drafts)" in text
    assert f"{summary.plans} plans" in text and "overdue" in text
    assert "Newest notes:" in text and "Some citizens:" in text


def test_fictitious_cpr_numbers_pass_our_rules_and_fail_modulus_11() -> None:
    import random

    rng = random.Random(1)
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    for birth in (date(1950, 3, 1), date(1999, 12, 31), date(2000, 2, 29), date(2006, 6, 6)):
        for male in (True, False):
            cpr = fictitious_cpr(rng, birth, male)
            assert not cpr_errors(cpr)
            assert parse_cpr(cpr).birth_date == birth
            digits = cpr.replace("-", "")
            assert sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
            assert int(digits[-1]) % 2 == (1 if male else 0)

"""Validation rules of the domain, in words a caseworker understands."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from outreach_desk.domain import (
    Addendum,
    Citizen,
    Consent,
    ConsentForm,
    ContactForm,
    Effort,
    FollowUp,
    Goal,
    JournalNote,
    LifeArea,
    NoteLockedError,
    NoteStatus,
    ProgressRating,
    ResponsibleParty,
    ValidationError,
    uuid7,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _note(**values: object) -> JournalNote:
    return JournalNote.new(
        team_id="t",
        caseworker="u",
        citizen_ids=("c",),
        contact_form=ContactForm.OUTREACH,
        now=NOW,
        **values,
    )


def test_citizen_needs_a_name_or_nickname() -> None:
    (error,) = Citizen.new("t").errors(NOW.date())
    assert (error.field, error.rule) == ("name", "name_or_nickname")
    assert Citizen.new("t", nickname="Tøsen").errors(NOW.date()) == []


def test_anonymous_contact_can_be_identified_later() -> None:
    anonymous = Citizen.new_anonymous("t", "Manden med hunden", "Grå jakke, schæfer")
    assert anonymous.errors(NOW.date()) == []
    identified = anonymous.link_cpr("120385-2417")
    assert identified.id == anonymous.id and not identified.anonymous
    assert identified.birth_year == 1985
    bad = replace(anonymous, cpr="120385-2417")
    assert [e.rule for e in bad.errors(NOW.date())] == ["anonymous_with_cpr"]


def test_citizen_birth_year_and_phone_rules() -> None:
    rules = {e.rule for e in Citizen.new("t", name="A", birth_year=2031).errors(NOW.date())}
    assert rules == {"out_of_range"}
    assert [e.field for e in Citizen.new("t", name="A", phone="ring").errors(NOW.date())] == [
        "phone"
    ]
    mismatch = replace(Citizen.new("t", name="A", cpr="120385-2417"), birth_year=1990)
    assert [e.rule for e in mismatch.errors(NOW.date())] == ["cpr_mismatch"]


def test_youth_is_18_to_30() -> None:
    assert Citizen.new("t", name="A", cpr="010100-4000").is_youth(NOW.date())  # 26
    assert not Citizen.new("t", name="A", cpr="010190-1234").is_youth(NOW.date())  # 36
    assert Citizen.new("t", name="A", birth_year=2005).is_youth(NOW.date())


def test_note_time_rules() -> None:
    future = _note(event_time=NOW + timedelta(hours=2))
    assert [e.rule for e in future.errors(NOW)] == ["in_future"]
    assert _note().errors(NOW) == []
    assert not _note().is_late()
    late = replace(_note(), event_time=NOW - timedelta(days=3))
    assert late.is_late()


def test_note_needs_a_citizen_present() -> None:
    note = replace(_note(), citizen_ids=())
    assert [e.field for e in note.errors(NOW)] == ["citizen_ids"]


def test_final_note_is_locked_and_needs_text() -> None:
    with pytest.raises(ValidationError) as caught:
        _note(text="  ").finalised(NOW)
    assert caught.value.errors[0].field == "text"
    final = _note(text="Talte om bolig").finalised(NOW)
    assert final.status is NoteStatus.FINAL and final.finalised_at == NOW
    with pytest.raises(NoteLockedError):
        final.edited(text="x")
    with pytest.raises(NoteLockedError):
        final.finalised(NOW)


def test_addendum_needs_text() -> None:
    assert [e.field for e in Addendum.new("n", "u", "", NOW).errors()] == ["text"]


def test_rating_scales() -> None:
    day = NOW.date()
    assert ProgressRating.new("g", day, 10, support_need=4).errors(day) == []
    low = ProgressRating.new("g", day, 0)
    assert [e.rule for e in low.errors(day)] == ["out_of_range"]
    need = ProgressRating.new("g", day, 5, support_need=5)
    (error,) = need.errors(day)
    assert error.field == "support_need" and "0 to 4" in error.message
    future = ProgressRating.new("g", day + timedelta(days=1), 5)
    assert [e.rule for e in future.errors(day)] == ["in_future"]


def test_goal_and_effort_need_words() -> None:
    assert [e.field for e in Goal.new("p", LifeArea.HOUSING, " ").errors()] == ["wording"]
    effort = Effort.new("p", "", ResponsibleParty.GP)
    assert [e.field for e in effort.errors()] == ["description"]


def test_consent_dates_and_validity() -> None:
    consent = Consent.new(
        "c",
        "Oplysninger om misbrug til regionspsykiatrien",
        parties=(ResponsibleParty.REGIONAL_PSYCHIATRY,),
        given_on=date(2026, 1, 1),
        form=ConsentForm.ORAL,
        expires_on=date(2026, 12, 31),
    )
    assert consent.errors() == []
    assert consent.is_valid_on(date(2026, 6, 1))
    assert not consent.is_valid_on(date(2027, 1, 1))
    assert not consent.withdrawn(date(2026, 3, 1)).is_valid_on(date(2026, 6, 1))
    backwards = replace(consent, expires_on=date(2025, 1, 1))
    assert [e.field for e in backwards.errors()] == ["expires_on"]


def test_followup_overdue() -> None:
    item = FollowUp.new("c", "t", "Ring til lægen", due=date(2026, 11, 20))
    assert item.is_overdue(date(2026, 11, 24))
    assert not item.marked_done(NOW).is_overdue(date(2026, 11, 24))


def test_uuid7_sorts_in_creation_order() -> None:
    ids = [uuid7() for _ in range(2000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(i[14] == "7" for i in ids)


def test_reprs_hide_personal_data() -> None:
    person = Citizen.new("t", name="Jens Hansen", cpr="120385-2417", phone="20304050")
    text = repr(person) + repr(_note(text="Fortrolig tekst"))
    for secret in ("Jens", "120385", "20304050", "Fortrolig"):
        assert secret not in text

"""The codec: domain objects survive the trip to a row and to the wire unchanged."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from outreach_desk.domain import (
    Agreement,
    Citizen,
    ContactForm,
    HousingSituation,
    JournalNote,
    SocialChallenge,
    Topic,
)
from outreach_desk.store.codec import compact_json, from_row, from_wire, to_column, to_row, to_wire

texts = st.text(max_size=40)


@given(
    name=texts,
    nickname=texts,
    anonymous=st.booleans(),
    birth_year=st.none() | st.integers(1900, 2026),
    housing=st.sampled_from(HousingSituation),
    challenges=st.lists(st.sampled_from(SocialChallenge), unique=True).map(tuple),
)
def test_citizen_round_trips(
    name: str,
    nickname: str,
    anonymous: bool,
    birth_year: int | None,
    housing: HousingSituation,
    challenges: tuple[SocialChallenge, ...],
) -> None:
    citizen = Citizen(
        id="c",
        team_id="t",
        name=name,
        nickname=nickname,
        anonymous=anonymous,
        birth_year=birth_year,
        housing=housing,
        challenges=challenges,
    )
    assert from_row(Citizen, to_row(citizen)) == citizen
    assert from_wire(Citizen, to_wire(citizen)) == citizen


@given(
    moment=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    offset_hours=st.integers(-12, 12),
    text=st.text(max_size=200),
    due=st.none() | st.dates(),
)
def test_note_round_trips_with_nested_agreements(
    moment: datetime, offset_hours: int, text: str, due: date | None
) -> None:
    local = moment.astimezone(timezone(timedelta(hours=offset_hours)))
    note = JournalNote(
        id="n",
        team_id="t",
        caseworker="u",
        place_id=None,
        event_time=local,
        written_time=moment,
        contact_form=ContactForm.PHONE,
        citizen_ids=("a", "b"),
        topics=(Topic.HEALTH,),
        text=text,
        agreements=(Agreement(description="Ring til lægen", due=due),),
    )
    back = from_row(JournalNote, to_row(note))
    assert back == note  # same instant, whatever the offset it was written in
    assert back.event_time.tzinfo is not None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(st.lists(json_values, max_size=5) | st.dictionaries(st.text(), json_values, max_size=5))
def test_lists_and_objects_are_stored_as_the_standard_library_writes_them(value: Any) -> None:
    """Column text of a list or object is exactly ``json.dumps(…, ensure_ascii=False,
    separators=(",", ":"))``: control characters, non-ASCII text, floats, NaN and all."""
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert to_column(value) == expected
    assert compact_json(value) == expected


@given(st.lists(st.text(st.characters() | st.characters(categories=["Cs"])), max_size=6))
def test_lists_of_text_are_stored_as_the_standard_library_writes_them(value: list[str]) -> None:
    """The quick way for lists of text (ids, topics) writes the same: quotes, backslashes,
    control characters, any script, and lone surrogates (left to the standard library)."""
    assert to_column(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))

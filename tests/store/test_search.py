"""Search finds citizens and notes by what caseworkers type, and never errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_desk.store import Store
from outreach_desk.store.search import fts_query
from tests.conftest import FakeClock
from tests.store.factories import CPR, citizen, note, place

HOSTILE = [
    '"',
    '""',
    "*",
    "AND",
    "OR NOT",
    "NEAR(",
    "NEAR(a b",
    "name:Jens",
    "^Jens",
    "Jens*",
    "(",
    ")",
    "'; DROP TABLE citizens; --",
    "😀",
    "Søren Ærø Åse",
    "\x00",
    "a" * 5000,
    "- -",
    "{name}",
    "\\",
    "+",
]


@pytest.fixture
def populated(store: Store, clock: FakeClock) -> Store:
    home = place(store, "Kirkens Korshærs Varmestue")
    jens = citizen(store, usual_place_ids=(home.id,))
    citizen(store, name="Søren Ærøskøbing", nickname="Tøsen", cpr=None)
    citizen(store, name='Knud "Knold" AND Near', nickname="", cpr=None)
    note(store, jens.id, clock(), text="Talte om bolig. Aftale med boligselskabet Fyn.")
    return store


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("jens", "Jens Hansen (Store Jens)"),
        ("Store J", "Jens Hansen (Store Jens)"),
        ("hans", "Jens Hansen (Store Jens)"),
        (CPR, "Jens Hansen (Store Jens)"),
        (CPR.replace("-", ""), "Jens Hansen (Store Jens)"),
        (CPR[:6], "Jens Hansen (Store Jens)"),
        ("korshær", "Jens Hansen (Store Jens)"),
        ("tøsen", "Søren Ærøskøbing (Tøsen)"),
        ("ærø", "Søren Ærøskøbing (Tøsen)"),
        ('"Knold"', 'Knud "Knold" AND Near'),
        ("AND", 'Knud "Knold" AND Near'),
        ("near", 'Knud "Knold" AND Near'),
    ],
)
def test_citizen_found_by_what_is_typed(populated: Store, typed: str, expected: str) -> None:
    assert [hit.title for hit in populated.search_citizens(typed)] == [expected]


def test_note_text_agreements_and_addenda_are_searchable(populated: Store) -> None:
    assert len(populated.search_notes("boligselskabet")) == 1
    assert populated.search_notes("bolig*") == populated.search_notes("bolig")


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_strings_never_error(populated: Store, typed: str) -> None:
    populated.search_citizens(typed)
    populated.search_notes(typed)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=60))
def test_any_string_searches_without_error(populated: Store, typed: str) -> None:
    populated.search_citizens(typed)
    populated.search_notes(typed)


@given(word=st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=20))
def test_a_single_word_becomes_one_quoted_prefix_phrase(word: str) -> None:
    query = fts_query(word)
    assert query is not None
    assert query.startswith('"') and query.endswith('"*')


@given(text=st.text(alphabet=st.characters(categories=["P", "S", "Z", "C"]), max_size=30))
def test_text_without_letters_or_digits_matches_nothing(text: str) -> None:
    assert fts_query(text) is None


def test_search_is_logged_with_its_criterion(populated: Store) -> None:
    populated.search_citizens("tøsen")
    last = populated.access_log.entries()[-1]
    assert (last.action, last.criterion) == ("search", "tøsen")

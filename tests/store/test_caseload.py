"""The caseload list: filters and sorting in SQL, rows fetched by id."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from outreach_desk.domain import FollowUp
from outreach_desk.store import Store
from outreach_desk.store.caseload import CaseloadColumn, CaseloadFilter, CaseloadQuery
from tests.conftest import FakeClock
from tests.store.factories import citizen, note, place


@pytest.fixture
def caseload(store: Store, clock: FakeClock) -> dict[str, str]:
    today = clock().date()
    cafe = place(store, "Café Parasollen")
    anna = citizen(store, name="Anna Berg", nickname="", cpr="010100-4000")  # 26: youth
    bo = citizen(store, name="Bo Dam", nickname="Bossen", cpr=None, usual_place_ids=(cafe.id,))
    ulla = store.citizens.update(
        replace(
            citizen(store, name="", nickname="Ulla", cpr=None, anonymous=True),
            coordinating_caseworker=store.session.user_id,
        )
    )
    note(store, anna.id, clock(), place_id=cafe.id)
    note(store, bo.id, clock(), event_time=clock() - timedelta(days=40))
    store.followups.add(
        FollowUp.new(bo.id, store.session.home_team, "Ring", due=today + timedelta(days=2))
    )
    return {"anna": anna.id, "bo": bo.id, "ulla": ulla.id, "cafe": cafe.id}


def _names(store: Store, today_query: CaseloadQuery, clock: FakeClock) -> list[str]:
    rids = store.caseload.ids(today_query, clock().date())
    rows = store.caseload.rows(rids)
    return [rows[r].display_name for r in rids]


def test_default_lists_everyone_by_name(store: Store, caseload: dict, clock: FakeClock) -> None:
    assert _names(store, CaseloadQuery(), clock) == ["Anna Berg", "Bo Dam", "Ulla"]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (CaseloadFilter.MINE, ["Ulla"]),
        (CaseloadFilter.AT_PLACE, ["Anna Berg", "Bo Dam"]),
        (CaseloadFilter.FOLLOW_UP_DUE, ["Bo Dam"]),
        (CaseloadFilter.NO_RECENT_CONTACT, ["Bo Dam", "Ulla"]),
        (CaseloadFilter.YOUTH, ["Anna Berg"]),
        (CaseloadFilter.ANONYMOUS, ["Ulla"]),
    ],
)
def test_filters(
    store: Store, caseload: dict, clock: FakeClock, flt: CaseloadFilter, expected: list[str]
) -> None:
    query = CaseloadQuery(filters=frozenset({flt}), place_id=caseload["cafe"])
    assert _names(store, query, clock) == expected


def test_search_and_filter_combine(store: Store, caseload: dict, clock: FakeClock) -> None:
    query = CaseloadQuery(search="bos", filters=frozenset({CaseloadFilter.FOLLOW_UP_DUE}))
    assert _names(store, query, clock) == ["Bo Dam"]
    assert _names(store, CaseloadQuery(search="***"), clock) == []


def test_sort_by_last_contact_puts_never_met_last(
    store: Store, caseload: dict, clock: FakeClock
) -> None:
    query = CaseloadQuery(sort=CaseloadColumn.LAST_CONTACT)
    assert _names(store, query, clock) == ["Bo Dam", "Anna Berg", "Ulla"]
    descending = CaseloadQuery(sort=CaseloadColumn.LAST_CONTACT, descending=True)
    assert _names(store, descending, clock) == ["Anna Berg", "Bo Dam", "Ulla"]


def test_rows_carry_last_contact_and_next_follow_up(
    store: Store, caseload: dict, clock: FakeClock
) -> None:
    rids = store.caseload.ids(CaseloadQuery(search="Bo"), clock().date())
    row = store.caseload.rows(rids)[rids[0]]
    assert row.next_follow_up == (clock().date() + timedelta(days=2)).isoformat()
    assert row.last_contact is not None and row.last_contact < clock().isoformat()


def test_filtered_listing_is_logged(store: Store, caseload: dict, clock: FakeClock) -> None:
    store.caseload.ids(
        CaseloadQuery(search="ann", filters=frozenset({CaseloadFilter.YOUTH})), clock().date()
    )
    last = store.access_log.entries()[-1]
    assert (last.action, last.entity, last.criterion) == ("search", "caseload", "ann [youth]")


def test_name_order_is_exact_both_ways_with_ties_by_insertion(
    store: Store, clock: FakeClock
) -> None:
    """Many equal and case-different names: the order is the name (nickname for the
    anonymous, case-insensitive), then the row id; descending is the exact reverse."""
    names = ["berg", "Berg", "ANNA", "anna", "Åse", "Østergaard", "bo", "Bo", ""] * 4
    for i, name in enumerate(names):
        citizen(
            store,
            name=name,
            nickname=f"Nick{i % 3}" if not name else "",
            cpr=None,
            anonymous=not name,
        )
    rows = store.caseload.rows(store.caseload.ids(CaseloadQuery(), clock().date(), log=False))
    expected = sorted(rows, key=lambda rid: ((rows[rid].name or rows[rid].nickname).lower(), rid))
    ascending = store.caseload.ids(CaseloadQuery(), clock().date(), log=False)
    descending = store.caseload.ids(CaseloadQuery(descending=True), clock().date(), log=False)
    assert ascending == expected
    assert descending == list(reversed(expected))
    searched = store.caseload.ids(CaseloadQuery(search="berg"), clock().date(), log=False)
    assert searched == [rid for rid in expected if rows[rid].name.lower() == "berg"]


def test_the_unfiltered_list_reads_the_name_index_instead_of_sorting(store: Store) -> None:
    """Sorting the whole caseload per emptied search box was most of that keystroke."""
    order = "CASE WHEN c.name = '' THEN c.nickname ELSE c.name END COLLATE NOCASE"
    for direction in ("", " DESC"):
        plan = " ".join(
            str(row[3])
            for row in store.context.conn.execute(
                "EXPLAIN QUERY PLAN SELECT c.rid FROM citizens AS c WHERE c.deleted_at IS NULL"
                f" ORDER BY {order}{direction}, c.rid{direction}"
            )
        )
        assert "citizens_by_name" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize("descending", [False, True])
def test_a_first_letter_finds_the_same_as_a_longer_search_would_in_name_order(
    store: Store, clock: FakeClock, descending: bool
) -> None:
    for i, (name, nickname) in enumerate(
        [("Kim Berg", ""), ("Karen Dam", "Kiks"), ("Bo Kragh", ""), ("Ane Holm", "Kalle")] * 3
    ):
        citizen(store, name=name, nickname=nickname, cpr=f"0101{i:02d}-4000")
    today = clock().date()
    one = store.caseload.ids(CaseloadQuery(search="k", descending=descending), today, log=False)
    two = store.caseload.ids(CaseloadQuery(search="k*", descending=descending), today, log=False)
    rows = store.caseload.rows(one)
    assert one == two and len(one) == 12  # every name or nickname with a word on K
    names = [rows[r].display_name.lower() for r in one]
    assert names == sorted(names, reverse=descending)


@pytest.mark.parametrize("descending", [False, True])
def test_a_first_letter_walks_the_name_index_instead_of_sorting_the_matches(
    store: Store, clock: FakeClock, descending: bool
) -> None:
    """A first letter matches a third of a large caseload: reading and sorting those rows
    was most of the first keystroke of every search."""
    citizen(store, name="Kim Berg", cpr=None)
    statements: list[str] = []
    conn = store.context.conn
    conn.set_trace_callback(statements.append)
    try:
        query = CaseloadQuery(search="k", descending=descending)
        assert len(store.caseload.ids(query, clock().date(), log=False)) == 1
    finally:
        conn.set_trace_callback(None)
    listing = next(s for s in statements if "json_group_array" in s)
    plan = " ".join(str(row[3]) for row in conn.execute(f"EXPLAIN QUERY PLAN {listing}"))
    assert "citizens_by_name" in plan and "TEMP B-TREE" not in plan

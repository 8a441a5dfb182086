"""The access log records every use of personal data and detects tampering."""

from __future__ import annotations

from dataclasses import replace

import pytest

from outreach_desk.domain import AccessAction, Purpose
from outreach_desk.store import Store
from outreach_desk.store.audit import verify_chain
from tests.conftest import FakeClock
from tests.store.factories import citizen, note


def _fill(store: Store, clock: FakeClock) -> str:
    person = citizen(store)
    note(store, person.id, clock())
    with store.purpose(Purpose.FOLLOW_UP):
        store.citizens.get(person.id)
    store.search_citizens("Store J")
    return person.id


def test_reads_searches_and_changes_are_logged_with_purpose(store: Store, clock: FakeClock) -> None:
    person_id = _fill(store, clock)
    entries = store.access_log.entries()
    actions = [(e.action, e.entity, e.purpose) for e in entries]
    assert (AccessAction.CREATE, "citizen", Purpose.CASEWORK) in actions
    assert (AccessAction.CREATE, "note", Purpose.CASEWORK) in actions
    assert (AccessAction.READ, "citizen", Purpose.FOLLOW_UP) in actions
    search = [e for e in entries if e.action == AccessAction.SEARCH]
    assert search[0].criterion == "Store J"
    mine = store.access_log.entries(citizen_id=person_id)
    assert {e.action for e in mine} == {"create", "read"}
    assert all(e.user_id == "u-mette" for e in entries)


def test_intact_chain_verifies(store: Store, clock: FakeClock) -> None:
    _fill(store, clock)
    report = store.access_log.verify()
    assert report.ok and report.checked == len(store.access_log.entries())


def _tamper(store: Store, sql: str, params: tuple[object, ...] = ()) -> None:
    """What someone with the key could do: drop the guard triggers and edit rows."""
    conn = store.context.conn
    conn.execute("DROP TRIGGER access_log_no_update")
    conn.execute("DROP TRIGGER access_log_no_delete")
    conn.execute(sql, params)


def test_the_log_refuses_updates_and_deletes(store: Store, clock: FakeClock) -> None:
    _fill(store, clock)
    with pytest.raises(Exception, match="append_only"):
        store.context.conn.execute("UPDATE access_log SET purpose = 'x'")
    with pytest.raises(Exception, match="append_only"):
        store.context.conn.execute("DELETE FROM access_log")


def test_edited_entry_is_detected(store: Store, clock: FakeClock) -> None:
    _fill(store, clock)
    _tamper(store, "UPDATE access_log SET purpose = 'review' WHERE seq = 2")
    report = store.access_log.verify()
    assert not report.ok and report.first_bad_seq == 2 and report.problem == "entry_edited"


def test_removed_entry_is_detected(store: Store, clock: FakeClock) -> None:
    _fill(store, clock)
    _tamper(store, "DELETE FROM access_log WHERE seq = 2")
    report = store.access_log.verify()
    assert not report.ok and report.first_bad_seq == 2


def test_truncated_tail_is_detected(store: Store, clock: FakeClock) -> None:
    _fill(store, clock)
    last = store.access_log.entries()[-1].seq
    _tamper(store, "DELETE FROM access_log WHERE seq = ?", (last,))
    report = store.access_log.verify()
    assert not report.ok and report.problem == "truncated"


def test_rehashed_edit_still_breaks_the_chain(store: Store, clock: FakeClock) -> None:
    _fill(store, clock)
    entries = store.access_log.entries()
    edited = replace(entries[1], purpose="review")
    edited = replace(edited, hash=edited.computed_hash())
    report = verify_chain([entries[0], edited, *entries[2:]])
    assert not report.ok and report.first_bad_seq == 3 and report.problem == "chain_broken"


def test_list_reads_of_a_citizens_data_are_logged_too(store: Store, clock: FakeClock) -> None:
    from datetime import timedelta

    from tests.store.factories import plan_with_goal

    person_id = _fill(store, clock)
    plan, goal = plan_with_goal(store, person_id)
    before = store.access_log.entries()[-1].seq
    store.goals.for_plan(plan.id)
    store.ratings.for_goal(goal.id)
    store.consents.for_citizen(person_id)
    store.followups.for_citizen(person_id)
    store.followups.open_until(clock().date() + timedelta(days=7))
    logged = [(e.action, e.entity, e.citizen_id) for e in store.access_log.entries(after=before)]
    assert ("read", "goal", person_id) in logged
    assert ("read", "followup", person_id) in logged
    assert ("search", "followup", None) in logged
    assert ("read", "rating", person_id) in logged
    assert ("read", "consent", person_id) in logged  # even an empty answer was a lookup
    assert store.access_log.verify().ok

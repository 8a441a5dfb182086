"""Properties of the field merge: nothing is ever lost, replays change nothing, and the
outcome does not depend on anything but the versions and values."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sync.merge import Outcome, ServerField, changed_since, merge_field, merge_fields
from sync.protocol import FieldChange, values_equal

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3) | st.floats(-2, 2),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3)
    ),
    max_leaves=6,
)
versions = st.integers(1, 6)
server_fields = st.none() | st.builds(ServerField, json_values, versions)
bases = st.none() | versions


def apply(
    server: ServerField | None, base: int | None, incoming: Any, seq: int
) -> tuple[ServerField | None, Outcome]:
    outcome = merge_field(server, base, incoming)
    if outcome is Outcome.APPLY:
        return ServerField(incoming, seq), outcome
    return server, outcome


@given(server_fields, bases, json_values)
def test_no_value_is_ever_lost(server: ServerField | None, base: int | None, incoming: Any) -> None:
    after, outcome = apply(server, base, incoming, seq=100)
    if outcome is Outcome.CONFLICT:
        # Incoming goes to the conflict record; the server's value stays.
        assert after == server and server is not None
        assert not values_equal(server.value, incoming) and server.version != base
    else:
        assert after is not None and values_equal(after.value, incoming)
    if outcome is Outcome.APPLY and server is not None:
        # Overwriting is only allowed when the editor saw the value being replaced, or held a
        # version newer than the server's (which only a server restored from backup can lack).
        assert server.version == base or (base is not None and base > server.version)


@given(server_fields, bases, json_values)
def test_replaying_an_edit_changes_nothing(
    server: ServerField | None, base: int | None, incoming: Any
) -> None:
    after, _ = apply(server, base, incoming, seq=100)
    again, outcome = apply(after, base, incoming, seq=101)
    assert again == after
    assert outcome is not Outcome.APPLY or after is None


@given(versions, json_values, json_values, json_values)
def test_concurrent_edits_keep_both_values_in_either_order(
    base: int, original: Any, a: Any, b: Any
) -> None:
    start = ServerField(original, base)
    for first, second in ((a, b), (b, a)):
        state, first_outcome = apply(start, base, first, seq=50)
        state, second_outcome = apply(state, base, second, seq=51)
        assert state is not None
        kept = [state.value] + [
            value
            for value, outcome in ((first, first_outcome), (second, second_outcome))
            if outcome is Outcome.CONFLICT
        ]
        for value in (first, second):
            # An "edit" to the original value is no edit: the other device saw it and replaced it.
            assert any(values_equal(value, k) for k in kept) or values_equal(value, original)


def test_json_equality_is_not_python_equality() -> None:
    server = ServerField(1, 3)
    assert merge_field(server, 2, True) is Outcome.CONFLICT
    assert merge_field(server, 2, 1.0) is Outcome.CONFLICT
    assert merge_field(server, 2, 1) is Outcome.UNCHANGED


def test_merge_fields_decides_each_field_alone() -> None:
    server = {"a": ServerField("x", 1), "b": ServerField("y", 2)}
    changes = {"a": FieldChange("x2", 1), "b": FieldChange("y2", 1), "c": FieldChange("z", None)}
    assert merge_fields(server, changes) == {
        "a": Outcome.APPLY,
        "b": Outcome.CONFLICT,
        "c": Outcome.APPLY,
    }


@given(
    st.dictionaries(st.sampled_from("abc"), versions),
    st.dictionaries(st.sampled_from("abcd"), st.none() | versions),
)
def test_delete_conflicts_exactly_when_an_unseen_version_exists(
    server: dict[str, int], seen: dict[str, int | None]
) -> None:
    unseen = changed_since(server, seen)
    assert unseen == sorted(n for n in server if seen.get(n) != server[n])
    assert changed_since(server, dict(server)) == []


def test_a_device_building_on_its_own_unacknowledged_write_is_not_a_conflict() -> None:
    mine = ServerField("first edit", 7)
    assert merge_field(mine, None, "second edit", own=True) is Outcome.APPLY
    assert merge_field(mine, None, "second edit", own=False) is Outcome.CONFLICT


def test_a_base_newer_than_the_server_means_the_server_lost_it() -> None:
    restored = ServerField("old value from the backup", 4)
    assert merge_field(restored, 9, "newest value") is Outcome.APPLY
    assert merge_field(restored, 3, "stale edit") is Outcome.CONFLICT


def test_delete_does_not_conflict_with_own_edits() -> None:
    versions = {"name": 5, "phone": 6}
    assert changed_since(versions, {"name": 5}, own=frozenset({"phone"})) == []
    assert changed_since(versions, {"name": 5}) == ["phone"]

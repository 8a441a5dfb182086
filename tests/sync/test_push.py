"""Push: idempotency, field-level merge, conflicts and their resolution, deletes, notes."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from sync.protocol import (
    DELETED_FIELD,
    PUSH_OPS_LIMIT,
    InvalidMessage,
    OpResult,
    ProtocolError,
    SyncClient,
    encode,
)
from sync.server import push
from tests.sync.conftest import World, make_op, new_id


def _state(client: SyncClient, record_id: str) -> dict[str, Any]:
    """The record as a device sees it after pulling everything: values, versions, deleted."""
    values: dict[str, Any] = {}
    versions: dict[str, int] = {}
    deleted = False
    for change in client.pull(0, limit=1000).changes:
        if change.record_id != record_id:
            continue
        deleted = change.deleted
        for name, f in change.fields.items():
            values[name] = f.value
            versions[name] = f.version
    return {"values": values, "versions": versions, "deleted": deleted}


def _create(client: SyncClient, team: str, fields: dict[str, Any], entity: str = "plan") -> str:
    record_id = new_id()
    result = client.push([make_op(client, entity, record_id, team, fields)]).results[0]
    assert result.status == "applied", result
    return record_id


def test_same_batch_twice_applies_nothing_twice(world: World) -> None:
    anna = world.device("anna")
    ops = [make_op(anna, "plan", new_id(), world.team_a, {"wish": f"w{i}"}) for i in range(5)]
    first = anna.push(ops)
    high = anna.hello("1.0").high_water
    second = anna.push(ops)
    assert encode(second) == encode(first)
    assert all(r.status == "applied" and r.seq for r in first.results)
    assert anna.hello("1.0").high_water == high
    assert len(anna.pull(0).changes) == 5


def test_duplicate_op_in_one_batch_is_applied_once(world: World) -> None:
    anna = world.device("anna")
    op = make_op(anna, "plan", new_id(), world.team_a, {"wish": "a home"})
    results = anna.push([op, op]).results
    assert results[0] == results[1]
    assert len(anna.pull(0).changes) == 1


def test_concurrent_edits_of_different_fields_both_apply(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    rid = _create(anna, world.team_a, {"wish": "a home", "followup": "2025-01-01"})
    base = _state(anna, rid)["versions"]
    r1 = anna.push([make_op(anna, "plan", rid, world.team_a, {"wish": "own flat"}, bases=base)])
    r2 = bo.push([make_op(bo, "plan", rid, world.team_a, {"followup": "2025-02-01"}, bases=base)])
    assert r1.results[0].status == r2.results[0].status == "applied"
    assert _state(bo, rid)["values"] == {"wish": "own flat", "followup": "2025-02-01"}
    assert anna.list_conflicts() == []


def test_same_field_conflict_keeps_server_value_and_records_both(world: World) -> None:
    anna, bo, lise = world.device("anna"), world.device("bo"), world.device("lise")
    rid = _create(anna, world.team_a, {"wish": "a home", "note": "x"})
    base = _state(anna, rid)["versions"]
    anna.push([make_op(anna, "plan", rid, world.team_a, {"wish": "own flat"}, bases=base)])
    result = bo.push(
        [make_op(bo, "plan", rid, world.team_a, {"wish": "a room", "note": "y"}, bases=base)]
    ).results[0]
    assert result.status == "conflict"
    assert result.conflict_id and result.seq  # "note" still applied
    state = _state(lise, rid)
    assert state["values"] == {"wish": "own flat", "note": "y"}  # provisional winner: server's
    (conflict,) = lise.list_conflicts()
    assert conflict.conflict_id == result.conflict_id
    assert (conflict.field, conflict.base_value) == ("wish", "a home")
    assert conflict.base_seq == base["wish"]
    assert conflict.server.value == "own flat" and conflict.server.display_name == "Anna"
    assert conflict.incoming.value == "a room" and conflict.incoming.display_name == "Bo"
    assert conflict.provisional == "server"


def test_conflict_winner_is_deterministic_whichever_arrives_second(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    rid = _create(anna, world.team_a, {"wish": "a home"})
    base = _state(anna, rid)["versions"]
    edit_b = make_op(bo, "plan", rid, world.team_a, {"wish": "b"}, bases=base)
    edit_a = make_op(anna, "plan", rid, world.team_a, {"wish": "a"}, bases=base)
    bo.push([edit_b])
    anna.push([edit_a])
    assert _state(anna, rid)["values"]["wish"] == "b"
    assert _state(bo, rid)["values"]["wish"] == "b"


def test_identical_concurrent_edit_is_not_a_conflict(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    rid = _create(anna, world.team_a, {"wish": "a home"})
    base = _state(anna, rid)["versions"]
    anna.push([make_op(anna, "plan", rid, world.team_a, {"wish": "same"}, bases=base)])
    result = bo.push([make_op(bo, "plan", rid, world.team_a, {"wish": "same"}, bases=base)])
    assert result.results[0].status == "applied"
    assert result.results[0].seq is None
    assert bo.list_conflicts() == []


def test_resolving_a_conflict_writes_a_new_change(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    rid = _create(anna, world.team_a, {"wish": "a home"})
    base = _state(anna, rid)["versions"]
    anna.push([make_op(anna, "plan", rid, world.team_a, {"wish": "a"}, bases=base)])
    conflict_id = (
        bo.push([make_op(bo, "plan", rid, world.team_a, {"wish": "b"}, bases=base)])
        .results[0]
        .conflict_id
    )
    assert conflict_id is not None
    high = bo.hello("1.0").high_water
    answer = bo.resolve_conflict(conflict_id, "a and b")
    assert answer.seq is not None and answer.seq > high
    assert _state(anna, rid)["values"]["wish"] == "a and b"
    assert anna.list_conflicts() == []
    assert bo.resolve_conflict(conflict_id, "a and b") == answer  # a retry is harmless
    with pytest.raises(ProtocolError) as caught:
        anna.resolve_conflict(conflict_id, "other")
    assert caught.value.code == "conflict_resolved"


def test_conflicts_of_other_teams_are_invisible(world: World) -> None:
    anna, bo, carl = world.device("anna"), world.device("bo"), world.device("carl")
    rid = _create(anna, world.team_a, {"wish": "a home"})
    base = _state(anna, rid)["versions"]
    anna.push([make_op(anna, "plan", rid, world.team_a, {"wish": "a"}, bases=base)])
    conflict_id = (
        bo.push([make_op(bo, "plan", rid, world.team_a, {"wish": "b"}, bases=base)])
        .results[0]
        .conflict_id
    )
    assert carl.list_conflicts() == []
    with pytest.raises(ProtocolError) as caught:
        carl.resolve_conflict(str(conflict_id), "c")
    assert caught.value.code == "conflict_not_found"


def test_delete_against_a_concurrent_edit_is_a_conflict(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    rid = _create(anna, world.team_a, {"wish": "a home"}, entity="goal")
    base = _state(anna, rid)["versions"]
    anna.push([make_op(anna, "goal", rid, world.team_a, {"wish": "edited"}, bases=base)])
    delete = make_op(bo, "goal", rid, world.team_a, {"wish": None}, kind="delete", bases=base)
    result = bo.push([delete]).results[0]
    assert result.status == "conflict"
    state = _state(anna, rid)
    assert not state["deleted"] and state["values"]["wish"] == "edited"
    (conflict,) = anna.list_conflicts()
    assert conflict.field == DELETED_FIELD
    assert (conflict.server.value, conflict.incoming.value) == (False, True)
    anna.resolve_conflict(conflict.conflict_id, True)
    assert _state(bo, rid)["deleted"]


def test_delete_is_a_tombstone_and_ids_are_never_reused(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    rid = _create(anna, world.team_a, {"wish": "a home"}, entity="goal")
    base = _state(anna, rid)["versions"]
    delete = make_op(anna, "goal", rid, world.team_a, {"wish": None}, kind="delete", bases=base)
    assert anna.push([delete]).results[0].status == "applied"
    assert _state(bo, rid)["deleted"]
    again = make_op(bo, "goal", rid, world.team_a, {"wish": None}, kind="delete", bases=base)
    assert bo.push([again]).results[0].status == "applied"  # deleting twice is harmless
    reuse = bo.push([make_op(bo, "goal", rid, world.team_a, {"wish": "new life"})]).results[0]
    assert (reuse.status, reuse.reason) == ("rejected", "record_deleted")


def test_delete_of_an_unknown_record_leaves_a_tombstone(world: World) -> None:
    anna = world.device("anna")
    rid = new_id()
    anna.push([make_op(anna, "goal", rid, world.team_a, {}, kind="delete")])
    result = anna.push([make_op(anna, "goal", rid, world.team_a, {"wish": "x"})]).results[0]
    assert result.reason == "record_deleted"


def test_final_note_is_immutable(world: World) -> None:
    anna = world.device("anna")
    rid = _create(anna, world.team_a, {"text": "draft", "status": "draft"}, entity="note")
    base = _state(anna, rid)["versions"]
    final = {"text": "met at the drop-in centre", "status": "final"}
    assert anna.push([make_op(anna, "note", rid, world.team_a, final, bases=base)]).results[0].seq
    base = _state(anna, rid)["versions"]
    edit = make_op(anna, "note", rid, world.team_a, {"text": "changed"}, bases=base)
    assert anna.push([edit]).results[0].reason == "note_final"
    delete = make_op(anna, "note", rid, world.team_a, {}, kind="delete", bases=base)
    assert anna.push([delete]).results[0].reason == "note_final"
    same = anna.push([make_op(anna, "note", rid, world.team_a, final, bases=base)]).results[0]
    assert (same.status, same.seq) == ("applied", None)
    assert _state(anna, rid)["values"]["text"] == "met at the drop-in centre"


def test_append_is_idempotent_by_content_and_refuses_changes(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    rid = new_id()
    fields = {"note_id": new_id(), "text": "correction"}
    first = anna.push([make_op(anna, "addendum", rid, world.team_a, fields, kind="append")])
    assert first.results[0].status == "applied" and first.results[0].seq
    same = bo.push([make_op(bo, "addendum", rid, world.team_a, fields, kind="append")])
    assert (same.results[0].status, same.results[0].seq) == ("applied", None)
    other = {**fields, "text": "something else"}
    changed = bo.push([make_op(bo, "addendum", rid, world.team_a, other, kind="append")])
    assert changed.results[0].reason == "record_exists"
    upsert = bo.push([make_op(bo, "addendum", rid, world.team_a, other)])
    assert upsert.results[0].reason == "append_only"
    assert len([c for c in bo.pull(0).changes if c.record_id == rid]) == 1


def test_concurrent_addenda_both_survive(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    note = new_id()
    ops = [
        make_op(c, "addendum", new_id(), world.team_a, {"note_id": note, "text": t}, kind="append")
        for c, t in ((anna, "from anna"), (bo, "from bo"))
    ]
    anna.push(ops[:1])
    bo.push(ops[1:])
    texts = {c.fields["text"].value for c in anna.pull(0).changes}
    assert texts == {"from anna", "from bo"}


def test_final_note_written_offline_is_appended(world: World) -> None:
    anna = world.device("anna")
    fields = {"text": "written offline", "status": "final"}
    rid = new_id()
    op = make_op(anna, "note", rid, world.team_a, fields, kind="append")
    assert anna.push([op]).results[0].status == "applied"
    edit = make_op(anna, "note", rid, world.team_a, {"text": "x"}, bases={"text": 1})
    assert anna.push([edit]).results[0].reason == "note_final"


def test_one_bad_op_is_rejected_and_recorded_without_blocking_the_batch(world: World) -> None:
    anna = world.device("anna")
    good = encode(make_op(anna, "plan", new_id(), world.team_a, {"wish": "x"}))
    bad = {**good, "op_id": str(uuid.uuid4()), "entity": "spaceship"}
    foreign = {**good, "op_id": str(uuid.uuid4()), "device_id": str(uuid.uuid4())}
    response = anna._post("/v1/sync/push", {"ops": [bad, good, foreign]}, True)
    statuses = [(r["status"], r.get("reason")) for r in response["results"]]
    assert statuses == [("rejected", "invalid_op"), ("applied", None), ("rejected", "wrong_device")]
    again = anna._post("/v1/sync/push", {"ops": [bad]}, True)
    assert again["results"] == response["results"][:1]


def test_too_large_batch_is_refused(world: World) -> None:
    anna = world.device("anna")
    op = encode(make_op(anna, "plan", new_id(), world.team_a, {"wish": "x"}))
    ops = [{**op, "op_id": str(uuid.uuid4())} for _ in range(PUSH_OPS_LIMIT + 1)]
    with pytest.raises(ProtocolError) as caught:
        anna._post("/v1/sync/push", {"ops": ops}, True)
    assert caught.value.code == "batch_too_large"


def test_a_base_beyond_64_bits_is_an_invalid_op_not_a_server_error(world: World) -> None:
    """A base no seq can have is refused like any malformed op; it once reached the
    conflict row of a delete, whose insert failed and took the whole batch with it."""
    anna, bo = world.device("anna"), world.device("bo")
    rid = _create(anna, world.team_a, {"wish": "a home"}, entity="goal")
    delete = encode(make_op(bo, "goal", rid, world.team_a, {"wish": None}, kind="delete"))
    delete["fields"]["wish"]["base"] = 2**63
    good = encode(make_op(bo, "plan", new_id(), world.team_a, {"wish": "x"}))
    response = bo._post("/v1/sync/push", {"ops": [delete, good]}, True)
    statuses = [(r["status"], r["reason"]) for r in response["results"]]
    assert statuses == [("rejected", "invalid_op"), ("applied", None)]
    assert not _state(anna, rid)["deleted"]
    with pytest.raises(InvalidMessage, match="base"):
        bo.push_wire([delete])


def test_the_quick_applied_result_is_the_dataclass() -> None:
    """Most results are made without the dataclass's own set-up: every field, the same."""
    op_id = new_id()
    for seq in (None, 7):
        quick = push._applied(op_id, seq)
        assert quick == OpResult(op_id, "applied", seq=seq)
        assert vars(quick) == vars(OpResult(op_id, "applied", seq=seq))

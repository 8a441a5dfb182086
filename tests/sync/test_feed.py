"""Partitions, the change feed, digests and the handshake."""

from __future__ import annotations

import pytest

from sync.protocol import (
    CHECKED_PULL_PROTOCOL,
    MIN_PROTOCOL,
    VALUES_FORM,
    CursorCheck,
    PartitionSummary,
    ProtocolError,
    RecordVersion,
    UpdateRequired,
    encode,
    partition_digest,
    wirejson,
)
from sync.protocol.client import _change_in_fields_form
from sync.server import accounts
from sync.server.feed import _values_form
from tests.sync.conftest import World, make_op, new_id


def test_caseworker_cannot_write_into_another_team(world: World) -> None:
    anna = world.device("anna")
    result = anna.push([make_op(anna, "citizen", new_id(), world.team_b, {"nickname": "x"})])
    assert (result.results[0].status, result.results[0].reason) == (
        "rejected",
        "forbidden_partition",
    )


def test_existing_record_keeps_its_partition(world: World) -> None:
    anna, carl = world.device("anna"), world.device("carl")
    rid = new_id()
    carl.push([make_op(carl, "plan", rid, world.team_b, {"wish": "b"})])
    # Claiming the record is in team A does not let anna write to team B's record.
    result = anna.push([make_op(anna, "plan", rid, world.team_a, {"wish": "a"})]).results[0]
    assert result.reason == "forbidden_partition"


def test_pull_never_returns_another_teams_records(world: World) -> None:
    anna, carl = world.device("anna"), world.device("carl")
    anna.push([make_op(anna, "citizen", new_id(), world.team_a, {"nickname": "A"})])
    carl.push([make_op(carl, "citizen", new_id(), world.team_b, {"nickname": "B"})])
    assert {c.fields["nickname"].value for c in anna.pull(0).changes} == {"A"}
    assert {c.partition for c in carl.pull(0).changes} == {world.team_b}
    with pytest.raises(ProtocolError) as caught:
        anna.pull(0, partitions=[world.team_b])
    assert caught.value.code == "forbidden_partition"


def test_only_the_team_lead_writes_reviews(world: World) -> None:
    anna, lise = world.device("anna"), world.device("lise")
    note_id = new_id()  # a review names a final note of its team, signed by its lead
    anna.push([make_op(anna, "note", note_id, world.team_a, {"status": "final"}, kind="append")])
    lise_id = next(u.id for u in accounts.list_users(world.server.db) if u.username == "lise")
    fields = {"note_id": note_id, "state": "approved", "reviewer": lise_id}
    refused = anna.push([make_op(anna, "review", new_id(), world.team_a, fields)])
    assert refused.results[0].reason == "forbidden_entity"
    accepted = lise.push([make_op(lise, "review", new_id(), world.team_a, fields)])
    assert accepted.results[0].status == "applied"


def test_citizen_moves_team_only_with_access_to_both(world: World) -> None:
    anna, carl = world.device("anna"), world.device("carl")
    rid = new_id()
    anna.push(
        [make_op(anna, "citizen", rid, world.team_a, {"nickname": "x", "team_id": world.team_a})]
    )
    move = make_op(
        anna, "citizen", rid, world.team_a, {"team_id": world.team_b}, bases={"team_id": 1}
    )
    assert anna.push([move]).results[0].reason == "forbidden_partition"

    accounts.add_member(world.server.db, "Team B", "anna")
    anna2 = world.device("anna", "second laptop")
    seq = anna.pull(0).changes[0].fields["team_id"].version
    move = make_op(
        anna2, "citizen", rid, world.team_a, {"team_id": world.team_b}, bases={"team_id": seq}
    )
    assert anna2.push([move]).results[0].status == "applied"
    kinds = [(c.partition, c.kind) for c in anna2.pull(0).changes if c.record_id == rid]
    assert kinds[-2:] == [(world.team_a, "moved"), (world.team_b, "upsert")]
    (arrival,) = [c for c in carl.pull(0).changes if c.record_id == rid]
    assert {n: f.value for n, f in arrival.fields.items()} == {
        "nickname": "x",
        "team_id": world.team_b,
    }


def test_pull_pages_are_stable_and_resumable(world: World) -> None:
    anna, carl = world.device("anna"), world.device("carl")
    for i in range(25):
        anna.push([make_op(anna, "plan", new_id(), world.team_a, {"wish": f"a{i}"})])
        if i % 3 == 0:
            carl.push([make_op(carl, "plan", new_id(), world.team_b, {"wish": f"b{i}"})])
    everything = [c.seq for c in anna.pull(0, limit=1000).changes]
    assert len(everything) == 25 and everything == sorted(everything)

    seen, cursor, pages = [], 0, 0
    while True:
        page = anna.pull(cursor, limit=7)
        seen += [c.seq for c in page.changes]
        cursor, pages = page.next, pages + 1
        if not page.more:
            break
    assert seen == everything and pages == 4
    assert anna.pull(cursor).changes == []
    # Resuming from any cursor gives exactly the rest.
    middle = everything[10]
    assert [c.seq for c in anna.pull(middle, limit=1000).changes] == everything[11:]
    assert cursor == anna.hello("1.0").high_water


def test_verify_digest_matches_what_the_device_computes(world: World) -> None:
    anna, lise = world.device("anna"), world.device("lise")
    ids = [new_id() for _ in range(3)]
    for rid in ids:
        anna.push([make_op(anna, "goal", rid, world.team_a, {"wish": "w", "status": "active"})])
    anna.push([make_op(anna, "goal", ids[0], world.team_a, {}, kind="delete", bases={"wish": 1})])
    changes = anna.pull(0).changes
    base = {n: f.version for c in changes if c.record_id == ids[0] for n, f in c.fields.items()}
    anna.push([make_op(anna, "goal", ids[0], world.team_a, {}, kind="delete", bases=base)])

    # The device's view, built from the feed only.
    view: dict[str, RecordVersion] = {}
    for c in lise.pull(0).changes:
        old = view.get(c.record_id)
        top = max([f.version for f in c.fields.values()], default=c.seq)
        version = c.seq if c.deleted else max(top, old.version if old else 0)
        view[c.record_id] = RecordVersion(c.entity, c.record_id, version, c.deleted)
    mine = partition_digest(view.values())
    answer = lise.verify({world.team_a: mine})
    assert answer.mismatches == []
    assert answer.server[world.team_a] == mine and mine.count == 3

    wrong = PartitionSummary(mine.count, "0" * 64)
    assert lise.verify({world.team_a: wrong}).mismatches == [world.team_a]
    with pytest.raises(ProtocolError):
        lise.verify({world.team_b: mine})


def test_empty_partition_digest_matches_when_omitted(world: World) -> None:
    carl = world.device("carl")
    answer = carl.verify({})
    assert answer.mismatches == []
    assert answer.server[world.team_b] == partition_digest([])


def test_hello_reports_range_high_water_and_teams(world: World) -> None:
    anna = world.device("anna")
    anna.push([make_op(anna, "plan", new_id(), world.team_a, {"wish": "x"})])
    hello = anna.hello("1.2.3")
    assert hello.accepted and hello.high_water >= 1
    assert hello.epoch == world.server.identity.epoch
    assert [t.id for t in hello.teams] == [world.team_a]
    assert not anna.hello("1.2.3", protocol=99).accepted


def test_too_old_client_is_told_to_update(world: World) -> None:
    anna = world.device("anna")
    with pytest.raises(UpdateRequired) as caught:
        anna.hello("0.1", protocol=MIN_PROTOCOL - 1)
    assert caught.value.code == "update_required"


def test_hello_detects_a_server_that_lost_the_devices_last_change(world: World) -> None:
    anna = world.device("anna")
    anna.push([make_op(anna, "plan", new_id(), world.team_a, {"wish": "x"})])
    last = anna.pull(0).changes[-1]
    assert anna.hello("1", CursorCheck(last.seq, last.change_id)).cursor_known is True
    assert anna.hello("1", CursorCheck(0, "")).cursor_known is True
    # A restored server may reuse the seq for another change, or not have it at all.
    assert anna.hello("1", CursorCheck(last.seq, "f" * 32)).cursor_known is False
    lost = anna.hello("1", CursorCheck(last.seq + 50, "e" * 32))
    assert lost.cursor_known is False and lost.high_water < last.seq + 50


def test_last_pull_page_brings_what_verify_and_conflicts_answer(world: World) -> None:
    """Protocol 2: asked for, the last page (only) carries the server's digests and the open
    conflicts, equal to what ``verify`` and ``conflicts/list`` answer; unasked, neither."""
    anna, bo = world.device("anna"), world.device("bo")
    rid = new_id()
    anna.push([make_op(anna, "plan", rid, world.team_a, {"wish": "a home"})])
    base = {"wish": anna.pull(0).changes[0].fields["wish"].version}
    anna.push([make_op(anna, "plan", rid, world.team_a, {"wish": "own flat"}, bases=base)])
    conflict = bo.push([make_op(bo, "plan", rid, world.team_a, {"wish": "room"}, bases=base)])
    assert conflict.results[0].status == "conflict"
    for i in range(4):
        anna.push([make_op(anna, "plan", new_id(), world.team_a, {"wish": f"p{i}"})])
    assert anna.hello("1.0").max_protocol >= CHECKED_PULL_PROTOCOL

    first = bo.pull_page(0, 3, check=True)
    assert first.more and first.partitions is None and first.conflicts is None
    last = bo.pull_page(first.next, 1000, check=True)
    assert not last.more
    assert last.partitions == bo.verify({}).server
    assert last.conflicts == [encode(c) for c in bo.list_conflicts()]
    assert [c["conflict_id"] for c in last.conflicts] == [conflict.results[0].conflict_id]
    unasked = bo.pull_page(first.next, 1000)
    assert unasked.partitions is None and unasked.conflicts is None
    typed = bo.pull(first.next, 1000)
    assert typed.partitions is None and [c.seq for c in typed.changes] == [
        c["seq"] for c in last.changes
    ]


def test_a_page_in_the_values_form_says_what_the_fields_form_says(world: World) -> None:
    """Protocol 5: asked for the values form, each change whose fields share one version
    carries ``values`` and that ``version``; the rest (a delete has no fields) as before.
    Read back, the two pages are the same changes, and the values form is smaller."""
    anna, bo = world.device("anna"), world.device("bo")
    ids = [new_id() for _ in range(3)]
    for i, rid in enumerate(ids):
        fields = {"wish": f"Egen bolig {i}", "status": "active", "steps": ["a", {"b": None}]}
        anna.push([make_op(anna, "goal", rid, world.team_a, fields)])
    base = {"wish": anna.pull(0).changes[0].fields["wish"].version}
    anna.push([make_op(anna, "goal", ids[0], world.team_a, {"wish": "Job"}, bases=base)])
    changes = anna.pull(0).changes
    deleted = {n: f.version for c in changes if c.record_id == ids[1] for n, f in c.fields.items()}
    anna.push([make_op(anna, "goal", ids[1], world.team_a, {}, kind="delete", bases=deleted)])

    plain = bo.pull_page(0, 1000)
    compact = bo.pull_page(0, 1000, form=VALUES_FORM)
    assert len(compact.changes) == len(plain.changes) == 5
    forms = [("values" in c, "fields" in c) for c in compact.changes]
    assert forms == [(True, False)] * 4 + [(False, True)]  # the delete has no fields
    assert [_change_in_fields_form(c) for c in compact.changes] == plain.changes
    assert len(wirejson.dumps(compact.changes)) < len(wirejson.dumps(plain.changes))


def test_only_changes_whose_fields_share_a_version_take_the_values_form() -> None:
    stored = '{"a": {"value": 1, "version": 7}, "b": {"value": [2], "version": null}}'
    assert _values_form(stored, 7) == ({"a": 1, "b": [2]}, 7)  # null: the change's own seq
    assert _values_form(stored, 8) is None  # a restore or a move: each field its own version
    assert _values_form("{}", 9) is None

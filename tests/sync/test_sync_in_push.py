"""Protocol 3: the push carries the access-log upload and brings the first pull page, a pull
leaves out the device's own writes, and the cursor names the change it stands on."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from outreach_desk.services import sync_service
from sync.engine import SyncEngine, SyncReport
from sync.protocol import (
    SUM_DIGEST,
    CursorCheck,
    PullRequest,
    partition_digest,
    partition_sum_digest,
    sum_summary,
)
from sync.protocol.client import op_wire
from sync.protocol.digest import RecordVersion
from sync.server import accounts, feed, schema
from tests.sync.conftest import World, make_op, new_id
from tests.sync.laptops import Laptop, edited_and_noted_after_a_sync, laptop
from tests.sync.test_audit import chain


def _signed_requests(world: World, laptop_: Laptop) -> int:
    """Signed requests the server has seen from the laptop (each leaves its nonce)."""
    enrolment = laptop_.replica.enrolment()
    assert enrolment is not None
    n = schema.nonces
    with world.server.db.read() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(n).where(n.c.device_id == enrolment.device_id)
            ).scalar_one()
        )


def test_a_sync_with_local_changes_is_one_request_and_nothing_comes_back(
    pair: tuple[Laptop, Laptop], world: World
) -> None:
    anna, bo = pair
    edited_and_noted_after_a_sync(anna, bo)
    before = _signed_requests(world, anna)
    report = anna.sync()
    assert _signed_requests(world, anna) - before == 1  # hello, with push, audit and pull
    assert (report.applied, report.pulled, report.repaired) == (2, 0, [])
    assert report.audit_verified_until is not None
    assert anna.replica.audit_after()[1] == []  # the log went up with the push

    received = bo.sync()
    assert (received.pulled, received.repaired) == (2, [])
    assert bo.snapshot() == anna.snapshot()
    # both laptops agree with the server, and the next sync finds nothing to repair
    assert anna.sync().repaired == [] and bo.sync().repaired == []


def test_a_cursor_on_another_teams_change_is_not_taken_for_a_restore(
    world: World, tmp_path: Path
) -> None:
    """The cursor may stand on a change the laptop never receives (another team's, or its
    own left out of the page): the hello must still find it, or the laptop would think the
    server lost data, queue every record again and pull from 0."""
    anna, carl = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "carl")
    anna.new_citizen(nickname="A")
    anna.sync()
    anna.new_citizen(nickname="B")
    replica = anna.replica
    enrolment = replica.enrolment()
    assert enrolment is not None
    with sync_service.client_for(enrolment) as client:
        engine = SyncEngine(client, replica, enrolment.device_id, "test")
        report = SyncReport()
        hello = engine._hello(report)
        engine._push(report)
        carl.new_citizen(nickname="C")  # team B's change becomes the high-water mark
        carl.sync()
        engine._first_page = None  # pull after carl's change
        engine._pull(report, hello.epoch)
        cursor, change_id = replica.cursor(), replica.cursor_change_id()
        assert change_id is not None
        assert client.hello("test", CursorCheck(cursor, change_id)).cursor_known is True
    again = anna.sync()
    assert (again.requeued_after_restore, again.pushed, again.repaired) == (0, 0, [])
    anna.store.close()
    carl.store.close()


def test_only_the_devices_own_plain_writes_are_left_out(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    plan = new_id()
    first = anna.push_and_pull(
        [op_wire(make_op(anna, "plan", plan, world.team_a, {"wish": "a home"}))],
        PullRequest(0, 100, None, True, []),
    )
    assert first.page is not None and first.page.changes == []  # its own write
    seq = first.response.results[0].seq
    assert seq is not None and first.page.next_change_id is not None
    base = {"wish": seq}
    bo_edit = bo.push([make_op(bo, "plan", plan, world.team_a, {"wish": "flat"}, bases=base)])
    bo_seq = bo_edit.results[0].seq
    # anna asks to skip bo's change too: only her own writes are ever left out
    page = anna.pull_page(seq, 100, skip=[seq, bo_seq or 0])
    assert [c["seq"] for c in page.changes] == [bo_seq]
    # a conflict is answered, and its change (what did apply) is sent as usual
    clash = anna.push_and_pull(
        [op_wire(make_op(anna, "plan", plan, world.team_a, {"wish": "room"}, bases=base))],
        PullRequest(bo_seq or 0, 100, None, False, []),
    )
    assert clash.response.results[0].status == "conflict"
    assert clash.page is not None
    # an older client's pull looks as it always did
    assert anna.pull_page(0, 100).next_change_id is None


def test_a_devices_own_delete_is_sent_back_with_the_page(world: World) -> None:
    """The push result only notes a delete as the record's state: an older change of the
    record in the same pull (a conflict's resolution) would bring the record back on the
    laptop unless the delete follows it in the page (``test_found_by_soak`` has the story)."""
    anna = world.device("anna")
    kept, added = new_id(), new_id()
    created = anna.push([make_op(anna, "plan", kept, world.team_a, {"wish": "a home"})])
    seq = created.results[0].seq
    assert seq is not None
    answer = anna.push_and_pull(
        [
            op_wire(
                make_op(
                    anna,
                    "plan",
                    kept,
                    world.team_a,
                    {"wish": None},
                    kind="delete",
                    bases={"wish": seq},
                )
            ),
            op_wire(make_op(anna, "plan", added, world.team_a, {"wish": "a room"}, counter=2)),
        ],
        PullRequest(seq, 100, None, False, []),
    )
    deleted, upserted = answer.response.results
    assert (deleted.status, upserted.status) == ("applied", "applied")
    assert answer.page is not None
    assert [(c["seq"], c["deleted"]) for c in answer.page.changes] == [(deleted.seq, True)]
    assert answer.page.next == upserted.seq  # the upsert, left out, is where the cursor stands


def test_a_refused_access_log_upload_does_not_undo_the_push(world: World) -> None:
    anna = world.device("anna")
    entries = chain(3)
    entries[1]["purpose"] = "curiosity"  # the chain no longer verifies
    rid = new_id()
    answer = anna.push_and_pull(
        [op_wire(make_op(anna, "plan", rid, world.team_a, {"wish": "a home"}))],
        PullRequest(0, 100, None, True, []),
        entries,
    )
    assert answer.response.results[0].status == "applied"
    assert (answer.audit, answer.audit_error) == (None, "audit_chain_broken")
    assert [c["record_id"] for c in anna.pull_page(0, 100).changes] == [rid]
    good = anna.push_and_pull([], None, chain(3))
    assert good.audit is not None and good.audit.verified_until == 3


def test_the_remembered_digest_follows_moves_deletes_and_restores(world: World) -> None:
    """The server brings a remembered partition digest up to date from the changes since;
    it must equal the digest computed from scratch after every kind of write."""
    db = world.server.db
    accounts.add_member(db, "Team A", "carl")  # carl may move citizens from A to B
    anna, carl = world.device("anna"), world.device("carl")
    citizens = [new_id() for _ in range(4)]
    anna.push([make_op(anna, "citizen", c, world.team_a, {"nickname": "x"}) for c in citizens])

    def check() -> None:
        with db.read() as conn:
            teams = [world.team_a, world.team_b]
            memory = db.digests  # what the server remembers, brought up to date
            remembered = feed.partition_summaries(conn, teams, memory=memory)
            sums = feed.partition_summaries(conn, teams, SUM_DIGEST, memory)
            r = schema.records
            for team in teams:
                rows = [
                    RecordVersion(e, i, int(v), bool(d))
                    for e, i, v, d in conn.execute(
                        select(r.c.entity, r.c.record_id, r.c.version, r.c.deleted).where(
                            r.c.partition == team
                        )
                    )
                ]
                assert remembered[team] == partition_digest(rows)
                assert sums[team] == partition_sum_digest(rows)

    check()
    versions = {c.record_id: c.seq for c in anna.pull(0).changes}
    anna.push([make_op(anna, "citizen", citizens[0], world.team_a, {"nickname": "y"})])
    check()
    anna.push(
        [
            make_op(
                anna,
                "citizen",
                citizens[1],
                world.team_a,
                {"nickname": None},
                kind="delete",
                bases={"nickname": versions[citizens[1]]},
            )
        ]
    )
    check()
    # a citizen moves to team B: it leaves A's digest and joins B's
    moved = carl.push(
        [
            make_op(
                carl,
                "citizen",
                citizens[2],
                world.team_a,
                {"team_id": world.team_b},
                bases={"team_id": None},
            )
        ]
    )
    check()
    assert moved.results[0].status == "applied", moved.results[0]
    for i in range(3):
        anna.push([make_op(anna, "plan", new_id(), world.team_a, {"wish": f"p{i}"})])
    check()


def test_the_laptops_kept_sums_are_the_servers_and_a_difference_is_repaired(
    pair: tuple[Laptop, Laptop], world: World
) -> None:
    """The check after a sync compares the laptop's kept sums (one row per team) with the
    server's sum digest; a laptop whose records differ is repaired, and then they agree."""
    anna, bo = pair
    kept: list[str] = []
    for i in range(6):
        citizen = anna.new_citizen(name=f"Borger {i}")
        anna.write_note(citizen.id, f"Mødt på værestedet, {i}.")
        kept.append(citizen.id)
    anna.store.citizens.delete(kept[0])
    assert anna.sync().repaired == []
    assert bo.sync().repaired == []

    def server_sum() -> str:
        with world.server.db.read() as conn:
            summaries = feed.partition_summaries(conn, [world.team_a], SUM_DIGEST)
            return summaries[world.team_a].hash

    for device in (anna, bo):
        count, total = device.replica.partition_sums()[world.team_a]
        assert sum_summary(count, total).hash == server_sum()
    with bo.store.transaction():  # a record the laptop lost track of
        bo.store.context.conn.execute(
            "DELETE FROM sync_records WHERE entity = 'citizen' AND record_id = ?", (kept[1],)
        )
    report = bo.sync()
    assert report.repaired == [world.team_a] and report.still_mismatched == []
    count, total = bo.replica.partition_sums()[world.team_a]
    assert sum_summary(count, total).hash == server_sum()

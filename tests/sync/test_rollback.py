"""A laptop put back to an older copy of its store is noticed at the next sync, and nothing
is lost or used twice.

Someone copies the profile folder, keeps working and syncing, then puts the old copy back
(or the laptop is restored from an old backup). The device's op counter and access-log chain
are now behind what the server accepted from it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from outreach_desk.store import Store
from sync.server import schema
from sync.server.audit import verify_stored
from sync.server.marks import read as read_marks
from tests.sync.conftest import World
from tests.sync.laptops import PASSPHRASE, Laptop, laptop


def _reopen(folder: Path, username: str) -> Laptop:
    return Laptop(Store.open(folder, PASSPHRASE), username)


def _notes(device: Laptop) -> set[str]:
    return {r["text"] for r in device.store.context.query("SELECT text FROM notes")}


@pytest.mark.parametrize("work_after_restore", [True, False])
def test_rolled_back_laptop_is_detected_and_loses_nothing(
    world: World, tmp_path: Path, work_after_restore: bool
) -> None:
    anna = laptop(world, tmp_path, "anna")
    person = anna.new_citizen(name="Jens Hansen")
    anna.write_note(person.id, "Before the copy")
    assert not anna.sync().rolled_back
    folder = anna.store.paths.folder
    enrolment = anna.replica.enrolment()
    assert enrolment is not None
    device_id = enrolment.device_id
    anna.store.close()
    backup = tmp_path / "backup"
    shutil.copytree(folder, backup)

    # the lost timeline: work that reaches the server, then the laptop goes back in time
    anna = _reopen(folder, "anna")
    anna.write_note(person.id, "Only in the lost copy")
    anna.edit_citizen(person.id, nickname="Store Jens")
    assert not anna.sync().rolled_back
    anna.store.close()
    with world.server.db.read() as conn:
        before = read_marks(conn, device_id)
    assert before is not None and before.op_counter >= 3 and before.audit_seq > 0
    shutil.rmtree(folder)
    shutil.copytree(backup, folder)

    anna = _reopen(folder, "anna")
    assert "Only in the lost copy" not in _notes(anna)
    if work_after_restore:
        anna.write_note(person.id, "Written on the restored copy")  # reuses a counter
    report = anna.sync()
    assert report.rolled_back
    assert report.rejected == 0 and report.conflicts == 0
    if work_after_restore:
        assert report.renumbered_after_rollback >= 1
    # nothing lost: what the lost copy had sent comes back, what was new goes up
    assert "Only in the lost copy" in _notes(anna)
    assert anna.store.citizens.get(person.id).nickname == "Store Jens"
    assert anna.store.outbox.count() == 0
    bo = laptop(world, tmp_path, "bo")
    bo.sync()
    expected = {"Before the copy", "Only in the lost copy"}
    if work_after_restore:
        expected.add("Written on the restored copy")
    assert _notes(bo) == expected
    # the counter moved past every counter the server had seen
    issued = anna.replica.device_marks()[0]
    assert issued >= before.op_counter
    with world.server.db.read() as conn:
        after = read_marks(conn, device_id)
        verdicts = {v.device_id: v for v in verify_stored(conn)}
        superseded = conn.execute(
            select(func.count()).select_from(schema.audit_superseded)
        ).scalar_one()
    assert after is not None and after.op_counter >= before.op_counter
    # the server's copy of the chain continues the restored one; the lost copy's entries
    # are kept aside, not deleted
    assert verdicts[device_id].ok, verdicts[device_id]
    assert superseded > 0 and verdicts[device_id].superseded == superseded
    # and the next sync is an ordinary one that leaves both sides at the same chain head
    again = anna.sync()
    assert not again.rolled_back and again.pulled == 0
    with world.server.db.read() as conn:
        head = read_marks(conn, device_id)
    assert head is not None
    assert (head.audit_seq, head.audit_hash) == anna.replica.device_marks()[1:]
    assert anna.store.access_log.verify().ok


def test_an_ordinary_laptop_is_never_taken_for_a_rolled_back_one(
    world: World, tmp_path: Path
) -> None:
    anna = laptop(world, tmp_path, "anna")
    person = anna.new_citizen(name="Jens Hansen")
    for round_ in range(3):
        anna.write_note(person.id, f"Round {round_}")
        report = anna.sync()
        assert not report.rolled_back and report.renumbered_after_rollback == 0
    anna.store.search_notes("Round")  # a logged read, not yet uploaded
    assert not anna.sync().rolled_back

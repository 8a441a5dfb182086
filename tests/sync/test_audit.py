"""Access-log upload: a device's hash chain is verified and stored, a broken one refused."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete, update

from sync.protocol import GENESIS_HASH, ProtocolError, audit_entry_hash
from sync.server import schema
from sync.server.audit import verify_stored
from sync.server.cli import main
from tests.sync.conftest import World, new_id


def chain(count: int, start: int = 1, prev: str = GENESIS_HASH) -> list[dict[str, Any]]:
    entries = []
    for seq in range(start, start + count):
        entry: dict[str, Any] = {
            "seq": seq,
            "prev_hash": prev,
            "at": 1_700_000_000 + seq,
            "action": "read",
            "citizen_id": new_id(),
            "purpose": "visit",
        }
        entry["hash"] = prev = audit_entry_hash(entry)
        entries.append(entry)
    return entries


def test_valid_chain_is_accepted_in_parts_and_resent_parts_are_harmless(world: World) -> None:
    anna = world.device("anna")
    entries = chain(10)
    assert anna.upload_audit(entries[:4]).verified_until == 4
    assert anna.upload_audit(entries[2:7]).verified_until == 7  # overlap: a lost reply
    assert anna.upload_audit(entries[7:]).verified_until == 10
    assert anna.upload_audit([]).verified_until == 10


@pytest.mark.parametrize(
    "damage",
    ["edit_entry", "drop_entry", "wrong_genesis", "rewrite_stored"],
)
def test_broken_chain_is_refused(world: World, damage: str) -> None:
    anna = world.device("anna")
    entries = chain(5)
    if damage == "edit_entry":
        entries[2]["purpose"] = "curiosity"
    elif damage == "drop_entry":
        del entries[2]
    elif damage == "wrong_genesis":
        entries = chain(5, prev="1" * 64)
    else:
        anna.upload_audit(entries)
        entries = chain(5)  # same seqs, different content
    with pytest.raises(ProtocolError) as caught:
        anna.upload_audit(entries)
    assert caught.value.code == "audit_chain_broken"
    assert caught.value.status == 422


def test_each_device_has_its_own_chain(world: World) -> None:
    anna, bo = world.device("anna"), world.device("bo")
    assert anna.upload_audit(chain(3)).verified_until == 3
    assert bo.upload_audit(chain(2)).verified_until == 2


# -- the chains stored on the server, checked end to end -------------------------------------


def _stored(world: World) -> tuple[str, list[dict[str, Any]]]:
    anna = world.device("anna")
    assert anna.credentials is not None
    entries = chain(6)
    assert anna.upload_audit(entries[:3]).verified_until == 3
    assert anna.upload_audit(entries[3:]).verified_until == 6
    return anna.credentials.device_id, entries


def _cli(world: World, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--db", world.server.db.url, "audit", "verify", *extra])
    out, err = capsys.readouterr()
    return code, out + err


def _edit(world: World, device: str, seq: int, **values: Any) -> None:
    a = schema.audit_entries
    with world.server.db.write() as conn:
        conn.execute(update(a).where(a.c.device_id == device, a.c.seq == seq).values(**values))


def test_intact_stored_chains_verify(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    device, _ = _stored(world)
    world.device("bo").upload_audit(chain(2))
    with world.server.db.read() as conn:
        verdicts = verify_stored(conn)
    assert {v.device_id: (v.ok, v.entries) for v in verdicts}[device] == (True, 6)
    assert all(v.ok for v in verdicts) and len(verdicts) == 2
    code, out = _cli(world, capsys)
    assert code == 0 and "2 access-log chains verified" in out


@pytest.mark.parametrize(
    ("damage", "problem", "seq"),
    [
        ("edit_content", "entry_edited", 3),
        ("edit_content_and_hash", "chain_broken", 4),
        ("delete_middle", "entry_removed", 3),
        ("delete_first", "entry_removed", 1),
        ("truncate_tail", "truncated", 6),
        ("replace_tail", "entry_edited", 6),
    ],
)
def test_edits_deletions_and_truncation_in_the_server_database_are_found(
    world: World, capsys: pytest.CaptureFixture[str], damage: str, problem: str, seq: int
) -> None:
    device, entries = _stored(world)
    a = schema.audit_entries
    if damage == "edit_content":
        _edit(world, device, 3, entry=entries[2] | {"purpose": "curiosity"})
    elif damage == "edit_content_and_hash":
        # a careful tamperer recomputes the edited entry's hash: the next link breaks
        forged = entries[2] | {"purpose": "curiosity"}
        forged["hash"] = audit_entry_hash(forged)
        _edit(world, device, 3, entry=forged, hash=forged["hash"])
    elif damage in {"delete_middle", "delete_first", "truncate_tail"}:
        gone = {"delete_middle": 3, "delete_first": 1, "truncate_tail": 6}[damage]
        with world.server.db.write() as conn:
            conn.execute(delete(a).where(a.c.device_id == device, a.c.seq == gone))
    else:
        # the last entry rewritten with a consistent hash: only the recorded head tells
        forged = entries[5] | {"purpose": "curiosity"}
        forged["hash"] = audit_entry_hash(forged)
        _edit(world, device, 6, entry=forged, hash=forged["hash"])
    with world.server.db.read() as conn:
        (verdict,) = verify_stored(conn, device)
    assert not verdict.ok
    assert (verdict.problem, verdict.first_bad_seq) == (problem, seq)
    code, out = _cli(world, capsys, "--device", device)
    assert code == 1 and "BROKEN" in out and problem in out

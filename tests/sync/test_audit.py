"""Access-log upload: a device's hash chain is verified and stored, a broken one refused."""

from __future__ import annotations

from typing import Any

import pytest

from sync.protocol import GENESIS_HASH, ProtocolError, audit_entry_hash
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

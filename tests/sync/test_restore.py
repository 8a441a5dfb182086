"""A server restored from an older backup: devices notice and re-push, nothing is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sync.protocol import CursorCheck, SyncClient
from sync.server import Settings
from sync.server.db import Database
from tests.sync.conftest import World, make_op, new_id, running_server


def test_restored_server_is_detected_and_re_pushed_ops_apply_cleanly(
    world: World, tmp_path: Path
) -> None:
    if not world.server.db.is_sqlite:
        pytest.skip("the backup here is an SQLite file copy; PostgreSQL restores work alike")
    anna = world.device("anna")
    first = make_op(anna, "plan", new_id(), world.team_a, {"wish": "before backup"})
    anna.push([first])
    backup_path = tmp_path / "backup.db"
    source = sqlite3.connect(world.server.db.engine.url.database or "")
    with sqlite3.connect(backup_path) as target:
        source.backup(target)
    source.close()

    later = [
        make_op(anna, "plan", new_id(), world.team_a, {"wish": f"after {i}"}) for i in range(3)
    ]
    anna.push(later)
    last = anna.pull(0).changes[-1]

    restored = Database(f"sqlite:///{backup_path}")
    with running_server(restored, Settings(database_url=restored.url)) as url:
        assert anna.credentials is not None
        client = SyncClient(url, anna.credentials)
        hello = client.hello("1.0", CursorCheck(last.seq, last.change_id))
        assert hello.cursor_known is False
        assert hello.high_water < last.seq
        assert hello.epoch == world.server.identity.epoch  # a backup keeps its epoch
        # The device re-pushes what it holds; ops the backup forgot apply again.
        results = client.push([first, *later]).results
        assert [r.status for r in results] == ["applied"] * 4
        assert results[0].seq is not None and results[0].seq < hello.high_water + 1
        wishes = {c.fields["wish"].value for c in client.pull(0).changes}
        assert wishes == {"before backup", "after 0", "after 1", "after 2"}
        client.close()
    restored.dispose()

"""The sync tests' real server and small world, on SQLite only (the smoke test checks the
client; the server is tested on both databases in tests/sync)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.conftest import server, world  # noqa: F401 - fixtures reused here


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.db'}"

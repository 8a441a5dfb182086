"""Fixtures for GUI tests that need the real sync server: import them into a test module.

The server and its small world of teams and users come from the sync suite; GUI tests run
the server on SQLite only (the sync suite covers PostgreSQL).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store import Store
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import World
from tests.sync.laptops import laptop

SIGNAL_MS = 15_000

server = sync_fixtures.server
world = sync_fixtures.world


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.db'}"


@pytest.fixture
def anna(qtbot: QtBot, runner: TaskRunner, world: World, tmp_path: Path) -> TaskRunner:
    """A runner whose worker holds anna's store, enrolled with the real server."""
    opened: list[Store] = []
    runner.open_store(lambda: laptop(world, tmp_path, "anna").store, on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=SIGNAL_MS)
    return runner

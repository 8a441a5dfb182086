"""The offline lease: after too long without the server the window shows no data until a
sync reaches the server; nothing is lost, and the laptop can still be locked."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from outreach_desk.services.lease import Lease, current_lease
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store import KdfParams, Store
from outreach_desk.store.replica import LocalReplica
from tests.conftest import PASSPHRASE, FakeClock
from tests.gui import server_world as shared
from tests.gui.conftest import main_window, wait_for
from tests.sync.conftest import World
from tests.sync.laptops import Laptop, laptop

server = shared.server
world = shared.world
db_url = shared.db_url
SIGNAL_MS = shared.SIGNAL_MS
DEAD_URL = "http://127.0.0.1:9"


def _last_contact(device: Laptop, days_ago: float) -> None:
    when = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(timespec="seconds")
    with device.store.transaction():
        device.store.context.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('last_sync', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (when,),
        )


def _point_at(store: Store, url: str) -> None:
    replica = LocalReplica(store)
    enrolment = replica.enrolment()
    assert enrolment is not None
    replica.save_enrolment(dataclasses.replace(enrolment, server_url=url))


def _unlock(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    screen = window.unlock_screen
    qtbot.waitUntil(screen.isVisible)
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)


def test_expired_lease_shows_nothing_until_a_sync_reaches_the_server(
    qtbot: QtBot, runner: TaskRunner, world: World, tmp_path: Path
) -> None:
    anna = laptop(world, tmp_path, "anna")
    anna.new_citizen(name="Jens Hansen")
    anna.sync()
    anna.new_citizen(name="Mona Larsen")  # recorded offline afterwards: must survive
    _last_contact(anna, days_ago=15)  # the server's policy gives 14 days
    _point_at(anna.store, DEAD_URL)  # and the network is gone
    anna.store.close()
    clock = FakeClock(datetime.now(UTC))
    with main_window(qtbot, runner, tmp_path, clock, tmp_path / "anna-laptop") as window:
        _unlock(qtbot, window)
        screen = window.lease_screen
        qtbot.waitUntil(lambda: window.pages.currentWidget() is screen, timeout=SIGNAL_MS)
        assert "14 days" in screen.explanation.text()
        assert window.caseload_model.rowCount() == 0
        assert not window.workspace.isVisible()

        qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screen.problem.isVisible(), timeout=SIGNAL_MS)
        assert screen.sync_button.isEnabled()
        assert window.pages.currentWidget() is screen

        wait_for(qtbot, runner, lambda s: _point_at(s, world.server.url))  # network is back
        with qtbot.waitSignal(window.unlocked, timeout=SIGNAL_MS):
            qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
        assert window.pages.currentWidget() is window.workspace
        qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 2, timeout=SIGNAL_MS)
        pending = wait_for(qtbot, runner, lambda s: s.outbox.count())
        assert pending == 0  # what was recorded offline reached the server


def test_lock_from_the_lease_screen(
    qtbot: QtBot, runner: TaskRunner, world: World, tmp_path: Path
) -> None:
    anna = laptop(world, tmp_path, "anna")
    _last_contact(anna, days_ago=30)
    _point_at(anna.store, DEAD_URL)
    anna.store.close()
    clock = FakeClock(datetime.now(UTC))
    with main_window(qtbot, runner, tmp_path, clock, tmp_path / "anna-laptop") as window:
        _unlock(qtbot, window)
        screen = window.lease_screen
        qtbot.waitUntil(lambda: window.pages.currentWidget() is screen, timeout=SIGNAL_MS)
        with qtbot.waitSignal(window.locked, timeout=SIGNAL_MS):
            qtbot.keyClick(screen, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is window.unlock_screen


def test_lease_is_the_stricter_of_machine_and_server_policy(tmp_path: Path, world: World) -> None:
    standalone = Store.create(
        tmp_path / "alone",
        PASSPHRASE,
        user_id="u",
        user_name="U",
        team_ids=("t",),
        kdf=KdfParams.fast_for_tests(),
    )
    with standalone:
        assert current_lease(standalone, 7) == Lease(None, None)  # no server to renew it
    anna = laptop(world, tmp_path, "anna")
    assert current_lease(anna.store, None).days == 14  # the server's policy
    assert current_lease(anna.store, 7).days == 7  # IT's machine policy is stricter
    assert current_lease(anna.store, 30).days == 14
    lease = current_lease(anna.store, None)
    assert lease.last_contact is not None
    now = datetime.now(UTC)
    assert not lease.expired(now)
    assert lease.expired(lease.last_contact + timedelta(days=14))
    assert not lease.expired(lease.last_contact + timedelta(days=13, hours=23))
    anna.sync()
    assert current_lease(anna.store, None).last_contact >= lease.last_contact  # type: ignore[operator]


def test_a_laptop_enrolled_before_leases_starts_one_now(tmp_path: Path, world: World) -> None:
    anna = laptop(world, tmp_path, "anna")
    with anna.store.transaction():
        anna.store.context.conn.execute(
            "DELETE FROM meta WHERE key IN ('enrolled_at', 'last_sync')"
        )
    lease = current_lease(anna.store, 10)
    assert lease.days == 10 and lease.last_contact is not None
    assert not lease.expired(datetime.now(UTC))
    assert LocalReplica(anna.store).last_server_contact() is not None

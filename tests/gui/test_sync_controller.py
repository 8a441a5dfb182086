"""The sync controller against a real server on 127.0.0.1 and real encrypted stores (SQLite)."""

from __future__ import annotations

import dataclasses
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from pytestqt.qtbot import QtBot

from outreach_desk.domain import Citizen
from outreach_desk.services.sync_controller import (
    NOT_ENROLLED,
    OFFLINE,
    ONLINE,
    REVOKED,
    SYNCING,
    SyncController,
)
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store import Store
from outreach_desk.store.replica import LocalReplica
from sync.server import accounts, create_app
from tests.gui import server_world as shared
from tests.gui.conftest import wait_for
from tests.sync.conftest import Server, World, free_socket
from tests.sync.laptops import laptop

SIGNAL_MS = 15_000

server = shared.server
world = shared.world
db_url = shared.db_url
anna = shared.anna


@contextmanager
def controller_for(runner: TaskRunner, **timing: int) -> Iterator[SyncController]:
    controller = SyncController(runner, probe_timeout_s=1.0, **timing)
    try:
        yield controller
    finally:
        controller.shutdown()


@contextmanager
def serving_on(sock: socket.socket, origin: Server) -> Iterator[None]:
    """A second server process for the same database, on a socket chosen beforehand."""
    app = create_app(origin.settings, origin.db)
    runner = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=runner.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield
    finally:
        runner.should_exit = True
        thread.join(10)


def add_citizen(qtbot: QtBot, runner: TaskRunner, name: str) -> Citizen:
    return wait_for(
        qtbot, runner, lambda s: s.citizens.add(Citizen.new(s.session.home_team, name=name))
    )


def pending(qtbot: QtBot, runner: TaskRunner) -> int:
    return wait_for(qtbot, runner, lambda s: s.outbox.count("pending"))


def test_a_laptop_that_is_not_enrolled_says_so(qtbot: QtBot, open_runner: TaskRunner) -> None:
    with controller_for(open_runner) as controller:
        with qtbot.waitSignal(controller.state_changed, timeout=SIGNAL_MS) as blocker:
            controller.start()
        assert blocker.args == [NOT_ENROLLED]
        controller.sync_now()
        with qtbot.waitSignal(controller.failed, timeout=SIGNAL_MS) as failed:
            pass
        assert "not enrolled" in failed.args[0]
        assert controller.state == NOT_ENROLLED


def test_sync_now_sends_the_outbox_and_reports_progress(qtbot: QtBot, anna: TaskRunner) -> None:
    with controller_for(anna, interval_ms=600_000, probe_ms=600_000) as controller:
        with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS):
            controller.start()  # reachable at unlock: it syncs by itself
        assert controller.state == ONLINE
        add_citizen(qtbot, anna, "Jens Hansen")
        add_citizen(qtbot, anna, "Store Jens")
        assert pending(qtbot, anna) == 2
        states: list[str] = []
        stages: list[tuple[str, int, int]] = []
        controller.state_changed.connect(states.append)
        controller.progress.connect(lambda *args: stages.append(args))
        with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS) as done:
            controller.sync_now()
            controller.sync_now()  # ignored: one sync at a time
        report = done.args[0]
        assert (report.pushed, report.applied, report.rejected) == (2, 2, 0)
        assert states == [SYNCING, ONLINE]
        assert pending(qtbot, anna) == 0
        names = [stage for stage, _done, _total in stages]
        assert names[0] == "hello" and "push" in names and "pull" in names
        assert ("push", 2, 4) in stages or any(s[0] == "push" and s[1] == 2 for s in stages)


def test_offline_keeps_everything_and_syncs_when_the_server_returns(
    qtbot: QtBot, anna: TaskRunner, world: World, tmp_path: Path
) -> None:
    sock = free_socket()  # bound, not listening: connections are refused until it serves
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"

    def point_elsewhere(store: Store) -> None:
        replica = LocalReplica(store)
        enrolment = replica.enrolment()
        assert enrolment is not None
        replica.save_enrolment(dataclasses.replace(enrolment, server_url=url))

    wait_for(qtbot, anna, point_elsewhere)
    person = add_citizen(qtbot, anna, "Jens Hansen")
    try:
        with controller_for(anna, interval_ms=400, probe_ms=100) as controller:
            with qtbot.waitSignal(controller.state_changed, timeout=SIGNAL_MS) as blocker:
                controller.start()
            assert blocker.args == [OFFLINE]
            with qtbot.waitSignal(controller.failed, timeout=SIGNAL_MS) as failed:
                controller.sync_now()  # asked for by a person: told why nothing happened
            assert "cannot be reached" in failed.args[0]
            assert controller.state == OFFLINE
            assert pending(qtbot, anna) == 1  # nothing lost
            with serving_on(sock, world.server):
                with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS) as done:
                    pass  # the probe notices the server and syncs without being asked
                assert done.args[0].pushed == 1
                assert controller.state == ONLINE
                assert pending(qtbot, anna) == 0
                with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS):
                    pass  # and again after the interval, while online
    finally:
        sock.close()
    bo = laptop(world, tmp_path, "bo")  # the work reached the server: another laptop gets it
    bo.sync()
    assert bo.store.citizens.get(person.id).name == "Jens Hansen"
    bo.store.close()


def test_cancel_keeps_the_outbox_and_the_next_sync_finishes(qtbot: QtBot, anna: TaskRunner) -> None:
    with controller_for(anna, interval_ms=600_000, probe_ms=600_000) as controller:
        with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS):
            controller.start()
        add_citizen(qtbot, anna, "Jens Hansen")
        finished: list[object] = []
        controller.finished.connect(finished.append)
        with qtbot.waitSignal(controller.cancelled, timeout=SIGNAL_MS):
            controller.sync_now()
            controller.cancel()
        assert finished == []
        assert controller.state == ONLINE
        assert "cancelled" in controller.message
        assert pending(qtbot, anna) == 1
        with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS):
            controller.sync_now()
        assert pending(qtbot, anna) == 0


def test_stop_on_lock_cancels_and_stays_quiet(qtbot: QtBot, anna: TaskRunner) -> None:
    with controller_for(anna, interval_ms=50, probe_ms=50) as controller:
        with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS):
            controller.start()
        add_citizen(qtbot, anna, "Jens Hansen")
        controller.sync_now()
        controller.stop()
        assert not controller.running
        with qtbot.assertNotEmitted(controller.finished, wait=400):
            controller.sync_now()  # locked: ignored
        qtbot.waitUntil(lambda: not controller.syncing, timeout=SIGNAL_MS)
        with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS):
            controller.start()  # unlocked again: syncs what the cancelled run left
        assert pending(qtbot, anna) == 0


def test_a_revoked_laptop_is_wiped(
    qtbot: QtBot, anna: TaskRunner, world: World, tmp_path: Path
) -> None:
    enrolment = wait_for(qtbot, anna, lambda s: LocalReplica(s).enrolment())
    folder = tmp_path / "anna-laptop"
    assert any(folder.iterdir())
    accounts.revoke_device(world.server.db, enrolment.device_id)
    with controller_for(anna) as controller:
        with qtbot.waitSignal(controller.wiped, timeout=SIGNAL_MS):
            controller.start()
        assert controller.state == REVOKED
        assert list(folder.iterdir()) == []
        assert "erased" in controller.message
        controller.sync_now()  # nothing left to sync: ignored
        assert controller.state == REVOKED

"""Real conflicts from two laptops editing the same field, shown and resolved in the view."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from outreach_desk.domain import Citizen
from outreach_desk.services import sync_service
from outreach_desk.services.sync_controller import SyncController
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store import Store
from outreach_desk.ui.conflicts_view import ConflictsView, merge_kind
from tests.gui import server_world as shared
from tests.gui.conftest import wait_for
from tests.sync.conftest import World
from tests.sync.laptops import Laptop, laptop

SIGNAL_MS = 15_000
SHOTS = Path("/tmp/shots")

server = shared.server
world = shared.world
db_url = shared.db_url
anna = shared.anna


@pytest.fixture
def bo(world: World, tmp_path: Path) -> Iterator[Laptop]:
    """Another laptop of the same team, driven directly from the test."""
    device = laptop(world, tmp_path, "bo")
    yield device
    device.store.close()


def shot(widget: QWidget, name: str) -> None:
    """Save a screenshot once pending layout requests have been handled."""
    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def sync(qtbot: QtBot, runner: TaskRunner) -> None:
    wait_for(qtbot, runner, lambda s: sync_service.sync_now(s))


def citizen(qtbot: QtBot, runner: TaskRunner, citizen_id: str) -> Citizen:
    return wait_for(qtbot, runner, lambda s: s.citizens.get(citizen_id))


def edit(qtbot: QtBot, runner: TaskRunner, citizen_id: str, **changes: object) -> None:
    wait_for(
        qtbot, runner, lambda s: s.citizens.update(replace(s.citizens.get(citizen_id), **changes))
    )


def view_for(qtbot: QtBot, runner: TaskRunner) -> ConflictsView:
    view = ConflictsView(runner)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    return view


def loaded(qtbot: QtBot, view: ConflictsView, count: int) -> None:
    with qtbot.waitSignal(
        view.count_changed, timeout=SIGNAL_MS, check_params_cb=lambda n: n == count
    ):
        view.refresh()


def shared_citizen(qtbot: QtBot, anna: TaskRunner, bo: Laptop, **values: object) -> Citizen:
    person = wait_for(
        qtbot, anna, lambda s: s.citizens.add(Citizen.new(s.session.home_team, **values))
    )
    sync(qtbot, anna)
    bo.sync()
    return person


def test_no_conflicts_shows_a_calm_empty_state(qtbot: QtBot, anna: TaskRunner) -> None:
    view = view_for(qtbot, anna)
    loaded(qtbot, view, 0)
    assert view.pages.currentWidget() is view.empty
    assert view.empty.text().startswith("No conflicts to decide.")
    shot(view, "sync-conflicts-empty.png")


def test_a_real_conflict_is_shown_resolved_and_converges(
    qtbot: QtBot, anna: TaskRunner, bo: Laptop
) -> None:
    person = shared_citizen(qtbot, anna, bo, name="Jens Hansen", phone="11111111")
    edit(qtbot, anna, person.id, phone="22222222")  # both offline
    bo.edit_citizen(person.id, phone="33333333")
    bo.sync()  # bo's reaches the server first
    sync(qtbot, anna)  # anna's becomes the conflict

    view = view_for(qtbot, anna)
    loaded(qtbot, view, 1)
    assert view.pages.currentWidget() is view.splitter
    row = view.list.item(0).text()
    assert row.startswith("Jens Hansen — Phone\nCitizen details · ")
    assert view.detail_title.text() == "Phone · Jens Hansen"
    assert view.base_box.value.text() == "11111111"
    assert view.server_box.title() == "The server's version"
    assert view.server_box.tag.text() == "Shown on all devices for now"
    assert view.server_box.value.text() == "33333333"
    assert view.server_box.meta.text().startswith("By Bo, ")
    assert view.other_box.title() == "This laptop's version"
    assert view.other_box.value.text() == "22222222"
    assert view.other_box.meta.text().startswith("By Anna on this laptop, ")
    assert view.keep_other_button.text() == "Keep &this laptop's version"
    assert view.merge_edit.toPlainText() == "22222222"
    assert view.merge_button.isEnabled()
    assert not view.keep_record_button.isVisible()
    shot(view, "sync-conflicts-phone.png")

    controller = SyncController(anna, interval_ms=600_000, probe_ms=600_000)
    view.resolved.connect(lambda _id: controller.sync_now())
    controller.conflicts_changed.connect(lambda _n: view.refresh())
    try:
        with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS):
            controller.start()
        view.merge_edit.setPlainText("22 22 22 22")
        with qtbot.waitSignal(view.resolved, timeout=SIGNAL_MS) as resolved:
            qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
            assert not view.merge_button.isEnabled()  # one decision at a time
        assert view.pages.currentWidget() is view.empty  # gone at once, before the sync
        assert "decision was sent" in view.status.text() or view.status.text() == ""
        with qtbot.waitSignal(controller.finished, timeout=SIGNAL_MS) as done:
            pass  # resolved → sync
        assert done.args[0].open_conflicts == 0
        assert controller.open_conflicts == 0
    finally:
        controller.shutdown()
    assert resolved.args[0] not in view.conflict_ids()
    bo.sync()
    assert bo.store.citizens.get(person.id).phone == "22 22 22 22"  # the decision reached bo
    assert bo.replica.open_conflicts() == []
    loaded(qtbot, view, 0)  # and stays gone after a reload


def test_the_laptop_whose_edit_conflicted_takes_the_decision_too(
    qtbot: QtBot, anna: TaskRunner, bo: Laptop
) -> None:
    person = shared_citizen(qtbot, anna, bo, name="Jens Hansen", nickname="Jens")
    edit(qtbot, anna, person.id, nickname="Store Jens")
    bo.edit_citizen(person.id, nickname="Jensemand")
    bo.sync()
    sync(qtbot, anna)
    view = view_for(qtbot, anna)
    loaded(qtbot, view, 1)
    with qtbot.waitSignal(view.resolved, timeout=SIGNAL_MS):
        view.keep_server_button.click()
    for _ in range(2):
        sync(qtbot, anna)
        bo.sync()
    assert bo.store.citizens.get(person.id).nickname == "Jensemand"
    assert wait_for(qtbot, anna, lambda s: s.outbox.count("conflict")) == 0
    assert citizen(qtbot, anna, person.id).nickname == "Jensemand"


def test_keeping_the_servers_version(qtbot: QtBot, anna: TaskRunner, bo: Laptop) -> None:
    person = shared_citizen(qtbot, anna, bo, name="Jens Hansen", nickname="Jens")
    edit(qtbot, anna, person.id, nickname="Store Jens")
    bo.edit_citizen(person.id, nickname="Jensemand")
    bo.sync()
    sync(qtbot, anna)
    view = view_for(qtbot, anna)
    loaded(qtbot, view, 1)
    assert view.server_box.value.text() == "Jensemand"
    assert view.keep_server_button.isEnabled()
    with qtbot.waitSignal(view.resolved, timeout=SIGNAL_MS):
        qtbot.keyClick(view.keep_server_button, Qt.Key.Key_Space)  # keyboard works too
    sync(qtbot, anna)
    bo.sync()
    assert bo.store.citizens.get(person.id).nickname == "Jensemand"
    assert bo.replica.open_conflicts() == []
    loaded(qtbot, view, 0)


def test_deleted_on_one_laptop_changed_on_another(
    qtbot: QtBot, anna: TaskRunner, bo: Laptop
) -> None:
    person = shared_citizen(qtbot, anna, bo, name="Jens Hansen")
    bo.edit_citizen(person.id, phone="44444444")
    wait_for(qtbot, anna, lambda s: s.citizens.delete(person.id))
    bo.sync()
    sync(qtbot, anna)
    view = view_for(qtbot, anna)
    loaded(qtbot, view, 1)
    assert view.detail_title.text() == "Deleted on one laptop, changed on another"
    assert "Deleted on one laptop, changed on another" in view.list.item(0).text()
    assert view.keep_record_button.isVisible() and view.delete_record_button.isVisible()
    assert not view.merge_edit.isVisible() and not view.keep_server_button.isVisible()
    assert view.other_box.value.text() == "Deleted"
    assert view.server_box.value.text() == "Kept, with changes"
    shot(view, "sync-conflicts-deleted.png")
    with qtbot.waitSignal(view.resolved, timeout=SIGNAL_MS):
        qtbot.mouseClick(view.keep_record_button, Qt.MouseButton.LeftButton)
    sync(qtbot, anna)
    bo.sync()
    assert bo.store.citizens.get(person.id).phone == "44444444"  # the edit survives
    loaded(qtbot, view, 0)


def test_keeping_a_record_brings_it_back_on_the_laptop_that_deleted_it(
    qtbot: QtBot, anna: TaskRunner, bo: Laptop
) -> None:
    person = shared_citizen(qtbot, anna, bo, name="Jens Hansen")
    bo.edit_citizen(person.id, phone="44444444")
    wait_for(qtbot, anna, lambda s: s.citizens.delete(person.id))
    bo.sync()
    sync(qtbot, anna)
    view = view_for(qtbot, anna)
    loaded(qtbot, view, 1)
    with qtbot.waitSignal(view.resolved, timeout=SIGNAL_MS):
        view.keep_record()
    for _ in range(2):
        sync(qtbot, anna)
        bo.sync()
    assert citizen(qtbot, anna, person.id).phone == "44444444"


def test_deciding_offline_is_explained_and_changes_nothing(
    qtbot: QtBot, anna: TaskRunner, bo: Laptop, world: World
) -> None:
    person = shared_citizen(qtbot, anna, bo, name="Jens Hansen", phone="11111111")
    edit(qtbot, anna, person.id, phone="22222222")
    bo.edit_citizen(person.id, phone="33333333")
    bo.sync()
    sync(qtbot, anna)
    view = view_for(qtbot, anna)
    loaded(qtbot, view, 1)

    def offline(store: Store) -> None:
        from outreach_desk.store.replica import LocalReplica

        replica = LocalReplica(store)
        enrolment = replica.enrolment()
        assert enrolment is not None
        replica.save_enrolment(replace(enrolment, server_url="http://127.0.0.1:9"))

    wait_for(qtbot, anna, offline)
    view.keep_other_button.click()
    qtbot.waitUntil(lambda: view.error.isVisible(), timeout=SIGNAL_MS)
    assert "needs a connection" in view.error.text()
    assert len(view.conflict_ids()) == 1 and view.keep_other_button.isEnabled()


def test_merge_is_offered_only_for_text_and_numbers() -> None:
    assert merge_kind("a", None) == "text"
    assert merge_kind(1980, 1981) == "int"
    assert merge_kind(["addiction"], ["poverty"]) is None
    assert merge_kind(True, False) is None

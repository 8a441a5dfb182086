"""Enrolling a real encrypted store against a real server on 127.0.0.1 (SQLite)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from pytestqt.qtbot import QtBot

from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store.replica import LocalReplica
from outreach_desk.ui.enrol_dialog import EnrolDialog, normalise_address, normalise_code
from sync.server import accounts
from tests.gui import server_world as shared
from tests.gui.conftest import wait_for
from tests.sync.conftest import World, free_socket

SIGNAL_MS = 15_000

server = shared.server
world = shared.world
db_url = shared.db_url
SHOTS = Path("/tmp/shots")


def dialog_for(qtbot: QtBot, runner: TaskRunner, **kwargs: object) -> EnrolDialog:
    dialog = EnrolDialog(runner, device_name="odense-laptop-17", **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def wait_for_error(qtbot: QtBot, dialog: EnrolDialog) -> str:
    qtbot.waitUntil(lambda: not dialog.busy and dialog.error.isVisible(), timeout=SIGNAL_MS)
    return dialog.error.text()


def test_enrols_with_a_code_typed_in_lower_case_and_shows_the_user(
    qtbot: QtBot, open_runner: TaskRunner, world: World
) -> None:
    code, _expires = accounts.issue_enrol_code(world.server.db, "anna", 900)
    dialog = dialog_for(qtbot, open_runner, policy_server_url=world.server.url)
    assert dialog.server.isReadOnly()
    assert dialog.server_lock.isVisible()
    assert dialog.server.toolTip() == "Set by your IT department"
    assert dialog.server_lock.accessibleName() == "Set by your IT department"
    assert dialog.device.text() == "odense-laptop-17"
    assert dialog.focusWidget() in (None, dialog.code)
    typed = f"{code[:5].lower()} - {code[5:].lower()}"
    qtbot.keyClicks(dialog.code, typed)
    with qtbot.waitSignal(dialog.enrolled, timeout=SIGNAL_MS) as enrolled:
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # Enter enrols
        assert dialog.busy and dialog.progress.isVisible()
    enrolment = enrolled.args[0]
    assert enrolment.user_name == "Anna" and enrolment.role == "caseworker"
    assert dialog.done_box.isVisible()
    assert dialog.done_text.text() == "This laptop is enrolled as Anna (caseworker) in Team A."
    assert dialog.sync_button.isVisible() and not dialog.enrol_button.isVisible()
    assert dialog.code.text() == ""  # one-time code: not left on screen
    stored = wait_for(qtbot, open_runner, lambda s: LocalReplica(s).enrolment())
    assert stored.device_id == enrolment.device_id
    assert stored.server_url == world.server.url
    devices = accounts.list_devices(world.server.db)
    assert [d.name for d in devices] == ["odense-laptop-17"]
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "sync-enrol-done.png"))
    with qtbot.waitSignal(dialog.sync_requested, timeout=1000):
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == EnrolDialog.DialogCode.Accepted


def test_a_wrong_code_is_explained_and_the_address_is_kept(
    qtbot: QtBot, open_runner: TaskRunner, world: World
) -> None:
    dialog = dialog_for(qtbot, open_runner)
    assert not dialog.server.isReadOnly() and not dialog.server_lock.isVisible()
    qtbot.keyClicks(dialog.server, world.server.url)
    qtbot.keyClicks(dialog.code, "ABCDE-23456")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    message = wait_for_error(qtbot, dialog)
    assert "does not know this enrolment code" in message
    assert dialog.server.text() == world.server.url
    assert dialog.code.text() == "ABCDE-23456"  # kept for correcting
    assert dialog.focusWidget() is dialog.code
    assert dialog.enrol_button.isEnabled() and not dialog.done_box.isVisible()
    assert wait_for(qtbot, open_runner, lambda s: LocalReplica(s).enrolment()) is None
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "sync-enrol-wrong-code.png"))


def test_an_expired_code_says_to_ask_for_a_new_one(
    qtbot: QtBot, open_runner: TaskRunner, world: World
) -> None:
    code, _ = accounts.issue_enrol_code(world.server.db, "anna", 1, now=1_000_000.0)
    dialog = dialog_for(qtbot, open_runner, server_url=world.server.url)
    dialog.code.setText(code)
    dialog.enrol()
    assert "expired" in wait_for_error(qtbot, dialog)


def test_an_unreachable_server_is_explained(qtbot: QtBot, open_runner: TaskRunner) -> None:
    closed = free_socket()  # bound but not listening: refused
    try:
        url = f"http://127.0.0.1:{closed.getsockname()[1]}"
        dialog = dialog_for(qtbot, open_runner, policy_server_url=url)
        dialog.code.setText("abcde23456")
        dialog.enrol()
        assert "cannot be reached" in wait_for_error(qtbot, dialog)
        assert dialog.server.text() == url
    finally:
        closed.close()


def test_a_tls_failure_is_not_called_offline(
    qtbot: QtBot, open_runner: TaskRunner, world: World
) -> None:
    tls_url = world.server.url.replace("http://", "https://")  # no TLS there: handshake fails
    dialog = dialog_for(qtbot, open_runner, server_url=tls_url)
    dialog.code.setText("ABCDE23456")
    dialog.enrol()
    assert "certificate could not be verified" in wait_for_error(qtbot, dialog)


def test_plain_http_to_another_host_and_bad_codes_are_refused_before_sending(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    dialog = dialog_for(qtbot, open_runner, server_url="http://sync.odense.dk")
    dialog.code.setText("ABCDE23456")
    dialog.enrol()
    assert not dialog.busy
    assert "must start with https://" in dialog.error.text()
    assert dialog.focusWidget() is dialog.server
    dialog.server.setText("sync.odense.dk")
    dialog.code.setText("abc")
    dialog.enrol()
    assert not dialog.busy
    assert "10 letters and digits" in dialog.error.text()
    assert normalise_address("sync.odense.dk/") == "https://sync.odense.dk"
    assert normalise_address("http://localhost:8000") == "http://localhost:8000"
    assert normalise_code(" abcde-2345 6 ") == "ABCDE23456"


def test_cancel_and_escape_are_ignored_while_the_server_is_asked(
    qtbot: QtBot, open_runner: TaskRunner, world: World
) -> None:
    dialog = dialog_for(qtbot, open_runner, server_url=world.server.url)
    dialog.code.setText("ABCDE23456")
    dialog.enrol()
    assert dialog.busy and not dialog.cancel_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    wait_for_error(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


TRANSLATIONS = Path(__file__).parents[2] / "resources" / "translations"


def test_switches_to_danish_at_once(qtbot: QtBot, open_runner: TaskRunner, world: World) -> None:
    dialog = dialog_for(qtbot, open_runner, policy_server_url=world.server.url)
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "sync-enrol-start.png"))
    translator = QTranslator()
    assert translator.load("outreach_desk_da", str(TRANSLATIONS))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Tilmeld enhed", timeout=2000)
        assert dialog.code.accessibleName() == "Tilmeldingskode"
        assert dialog.server.toolTip() == "Fastsat af din IT-afdeling"
        dialog.grab().save(str(SHOTS / "sync-enrol-start-da.png"))
    finally:
        app.removeTranslator(translator)
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Enrol device", timeout=2000)

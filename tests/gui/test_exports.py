"""Exports: "Min plan" and the access log as PDF, tables as CSV; each export is logged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from outreach_desk.domain import AccessAction, Purpose
from outreach_desk.services import exports, sync_service
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.store import Store
from outreach_desk.ui.documents import ExportController, access_report_html
from outreach_desk.ui.review_queue import ReviewQueueView
from tests.gui import server_world as shared
from tests.gui.conftest import wait_for
from tests.gui.review_seed import seed_team
from tests.sync.conftest import World
from tests.sync.laptops import laptop

server = shared.server
world = shared.world
db_url = shared.db_url


def render_first_page(pdf: Path, png: Path) -> QSize:
    document = QPdfDocument()
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    size = document.pagePointSize(0).toSize() * 2
    image = document.render(0, size)
    image.save(str(png))
    document.close()
    return size


def exports_of(store, citizen_id: str):  # type: ignore[no-untyped-def]
    return [
        e
        for e in store.access_log.entries(citizen_id=citizen_id)
        if e.action == AccessAction.EXPORT
    ]


def test_my_plan_pdf_is_written_and_logged(
    qtbot: QtBot, open_runner: TaskRunner, tmp_path: Path
) -> None:
    seeded = wait_for(qtbot, open_runner, seed_team)
    citizen_id = seeded.citizens["Jens Hansen"]
    controller = ExportController(open_runner)
    target = tmp_path / "min-plan.pdf"
    with qtbot.waitSignal(controller.exported, timeout=10_000) as blocker:
        controller.export_my_plan(citizen_id, target)
    assert blocker.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    size = render_first_page(target, tmp_path / "min-plan.png")
    assert size.height() > size.width()  # A4 portrait
    (entry,) = wait_for(qtbot, open_runner, lambda s: exports_of(s, citizen_id))
    assert (entry.entity, entry.purpose) == ("plan", Purpose.EXPORT.value)


def test_access_log_csv_and_pdf_for_a_data_subject_request(
    qtbot: QtBot, open_runner: TaskRunner, tmp_path: Path
) -> None:
    seeded = wait_for(qtbot, open_runner, seed_team)
    citizen_id = seeded.citizens["Mona Larsen"]
    controller = ExportController(open_runner)
    csv_path, pdf_path = tmp_path / "log.csv", tmp_path / "log.pdf"
    with qtbot.waitSignal(controller.exported, timeout=10_000):
        controller.export_access_log(citizen_id, csv_path)
    with qtbot.waitSignal(controller.exported, timeout=10_000):
        controller.export_access_log(citizen_id, pdf_path)
    text = csv_path.read_text(encoding="utf-8-sig")
    header, *lines = text.splitlines()
    assert header == "When;Who;What;Data;Purpose"
    assert lines and all(line.count(";") == 4 for line in lines)
    assert "Mona" not in text  # who, dates and purposes, not the data itself
    assert pdf_path.read_bytes().startswith(b"%PDF")
    logged = wait_for(qtbot, open_runner, lambda s: exports_of(s, citizen_id))
    assert [e.purpose for e in logged] == [Purpose.DATA_SUBJECT_REQUEST.value] * 2


def test_review_table_csv_is_logged_per_citizen(
    qtbot: QtBot, open_runner: TaskRunner, tmp_path: Path
) -> None:
    seeded = wait_for(qtbot, open_runner, seed_team)
    view = ReviewQueueView(open_runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    controller = ExportController(open_runner)
    view.export_csv_requested.connect(lambda q: controller.export_queue(q, tmp_path / "q.csv"))
    with qtbot.waitSignal(controller.exported, timeout=10_000):
        view.export_button.click()
    lines = (tmp_path / "q.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + view.model.rowCount()
    assert "Anna Holm" in lines[1]
    logged = wait_for(
        qtbot, open_runner, lambda s: exports_of(s, seeded.citizens["Per Kristensen"])
    )
    assert logged[0].purpose == Purpose.REVIEW.value


def test_leads_access_log_export_covers_every_device_when_online(
    qtbot: QtBot, runner: TaskRunner, world: World, tmp_path: Path
) -> None:
    """Anna's laptop looked the citizen up; lise's export (her own laptop never did) has it."""
    anna = laptop(world, tmp_path, "anna")
    citizen = anna.new_citizen(name="Mona Larsen")
    with anna.store.purpose(Purpose.CASEWORK):
        anna.store.citizens.get(citizen.id)
    anna.sync()
    opened: list[Store] = []
    runner.open_store(lambda: laptop(world, tmp_path, "lise").store, on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=shared.SIGNAL_MS)
    wait_for(qtbot, runner, sync_service.sync_now, timeout=shared.SIGNAL_MS)
    controller = ExportController(runner)
    csv_path = tmp_path / "log.csv"
    with qtbot.waitSignal(controller.exported, timeout=shared.SIGNAL_MS):
        controller.export_access_log(citizen.id, csv_path)

    header, *lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert header == "When;Who;What;Data;Purpose"
    who = [line.split(";")[1] for line in lines]
    # created and looked up on anna's laptop; the report on lise's (times are to the second:
    # within one second the devices' entries have no order between them)
    assert sorted(who) == ["Anna (laptop)", "Anna (laptop)", "Lise"]
    assert "Mona" not in "".join(lines)
    report = wait_for(qtbot, runner, lambda s: exports.access_report(s, citizen.id))
    assert report.all_devices
    assert "recorded on all devices" in access_report_html(report)
    logged = wait_for(qtbot, runner, lambda s: exports_of(s, citizen.id))
    assert [e.purpose for e in logged] == [Purpose.DATA_SUBJECT_REQUEST.value] * 2


def test_access_log_export_says_when_it_covers_only_this_laptop(
    qtbot: QtBot, open_runner: TaskRunner
) -> None:
    seeded = wait_for(qtbot, open_runner, seed_team)
    citizen_id = seeded.citizens["Mona Larsen"]
    report = wait_for(qtbot, open_runner, lambda s: exports.access_report(s, citizen_id))
    assert not report.all_devices  # this laptop is not enrolled
    page = access_report_html(report)
    assert "recorded on this laptop" in page and "covers only this laptop" in page

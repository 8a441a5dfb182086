"""Printable documents: the citizen's own plan ("Min plan") and the access log of one
citizen, as PDF (QTextDocument + QPdfWriter), and the CSV exports with translated headers.

The data comes from ``services.exports`` (which logs the export); this module only words
and renders it. ``ExportController`` asks for a file name, runs the read on the store's
thread and writes the file on the GUI thread.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QSizeF, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QWidget

from ..domain import GoalStatus, Purpose
from ..services import exports
from ..services.exports import AccessReport, MyPlan
from ..services.review import ReviewQueue
from ..services.tasks import TaskRunner
from ..store import Store
from ..store.audit import AccessEntry
from . import labels
from .review_queue import is_late, state_label
from .widgets import fmt_date, fmt_datetime, parse_iso

T = TypeVar("T")


def _words() -> dict[str, str]:
    """Every word of the documents, as literal translate calls (so lupdate finds them)."""
    return {
        "1_of_10": QCoreApplication.translate("Documents", "%1 of 10"),
        "until_1": QCoreApplication.translate("Documents", "(until %1)"),
        "was_1": QCoreApplication.translate("Documents", "(was %1)"),
        "access_log": QCoreApplication.translate("Documents", "Access log"),
        "addenda": QCoreApplication.translate("Documents", "Addenda"),
        "area_of_life": QCoreApplication.translate("Documents", "Area of life"),
        "by": QCoreApplication.translate("Documents", "By"),
        "caseworker": QCoreApplication.translate("Documents", "Caseworker"),
        "citizen": QCoreApplication.translate("Documents", "Citizen"),
        "comment": QCoreApplication.translate("Documents", "Comment"),
        "contact": QCoreApplication.translate("Documents", "Contact"),
        "data": QCoreApplication.translate("Documents", "Data"),
        "goal_in_my_words": QCoreApplication.translate("Documents", "Goal, in my words"),
        "how_it_is_going": QCoreApplication.translate("Documents", "How it is going"),
        "i_have_agreed_that_information_may_be_sh": QCoreApplication.translate(
            "Documents", "I have agreed that information may be shared with"
        ),
        "it_is_your_plan_tell_us_if_something_sho": QCoreApplication.translate(
            "Documents", "It is your plan. Tell us if something should be different."
        ),
        "lookups_of_your_data_recorded_on_this_la": QCoreApplication.translate(
            "Documents",
            "Lookups of your data recorded on this laptop: when, what was done, and why. Printed %1.",  # noqa: E501
        ),
        "lookups_of_your_data_recorded_on_all_dev": QCoreApplication.translate(
            "Documents",
            "Lookups of your data recorded on all devices: when, by whom, what was done, and why. Printed %1.",  # noqa: E501
        ),
        "this_covers_only_this_laptop": QCoreApplication.translate(
            "Documents",
            "This covers only this laptop: the lookups recorded on other devices could not be fetched from the server.",  # noqa: E501
        ),
        "my_caseworker": QCoreApplication.translate("Documents", "My caseworker"),
        "my_goals": QCoreApplication.translate("Documents", "My goals"),
        "my_plan": QCoreApplication.translate("Documents", "My plan"),
        "place": QCoreApplication.translate("Documents", "Place"),
        "printed_1": QCoreApplication.translate("Documents", "Printed %1"),
        "purpose": QCoreApplication.translate("Documents", "Purpose"),
        "review": QCoreApplication.translate("Documents", "Review"),
        "status": QCoreApplication.translate("Documents", "Status"),
        "there_is_no_plan_yet": QCoreApplication.translate("Documents", "There is no plan yet."),
        "we_meet_again": QCoreApplication.translate("Documents", "We meet again"),
        "what": QCoreApplication.translate("Documents", "What"),
        "what_i_wish_for": QCoreApplication.translate("Documents", "What I wish for"),
        "what_we_have_agreed": QCoreApplication.translate("Documents", "What we have agreed"),
        "when": QCoreApplication.translate("Documents", "When"),
        "who": QCoreApplication.translate("Documents", "Who"),
        "who_does_what": QCoreApplication.translate("Documents", "Who does what"),
        "written": QCoreApplication.translate("Documents", "Written"),
        "written_late": QCoreApplication.translate("Documents", "Written late"),
        "yes": QCoreApplication.translate("Documents", "yes"),
    }


def _w(key: str) -> str:
    return _words()[key]


_STYLE = """
<style>
body { font-family: 'DejaVu Sans', 'Segoe UI', sans-serif; font-size: 11pt; color: #1a1a1a; }
h1 { font-size: 22pt; color: #1f3f66; margin-bottom: 2pt; }
h2 { font-size: 14pt; color: #1f3f66; margin-top: 14pt; border-bottom: 1px solid #1f3f66; }
p.wish { font-size: 14pt; font-style: italic; margin: 8pt 0; }
table { border-collapse: collapse; }
th { background: #dde8f5; text-align: left; padding: 4pt; }
td { padding: 4pt; vertical-align: top; border-bottom: 1px solid #cccccc; }
.muted { color: #555555; font-size: 9pt; }
</style>
"""


def my_plan_html(doc: MyPlan) -> str:
    """The citizen's plan in plain words, large enough to read and to print."""
    e = html.escape
    c = doc.citizen
    name = c.name or c.nickname or "—"
    parts = [
        _STYLE,
        f"<h1>{e(_w('my_plan'))}</h1>",
        f"<p>{e(name)}</p>",
    ]
    if doc.plan is None:
        parts.append(f"<p>{e(_w('there_is_no_plan_yet'))}</p>")
        return "".join(parts)
    plan = doc.plan
    parts.append(f"<h2>{e(_w('what_i_wish_for'))}</h2>")
    parts.append(f"<p class='wish'>“{e(plan.wish)}”</p>" if plan.wish else "<p>—</p>")
    parts.append(f"<h2>{e(_w('my_goals'))}</h2>")
    if doc.goals:
        rows = []
        for goal in doc.goals:
            latest, first = doc.latest_ratings.get(goal.id), doc.first_ratings.get(goal.id)
            progress = "—"
            if latest is not None:
                progress = _w("1_of_10").replace("%1", str(latest.citizen_score))
                if first is not None and first.id != latest.id:
                    progress += " " + _w("was_1").replace("%1", str(first.citizen_score))
            status = labels.goal_status(goal.status)
            if goal.status is GoalStatus.ACHIEVED:
                status = "✔ " + status
            rows.append(
                f"<tr><td>{e(labels.life_area(goal.life_area))}</td>"
                f"<td>{'&nbsp;&nbsp;↳ ' if goal.parent_goal_id else ''}{e(goal.wording)}</td>"
                f"<td>{e(status)}</td><td>{e(fmt_date(goal.target_date))}</td>"
                f"<td>{e(progress)}</td></tr>"
            )
        parts.append(
            "<table width='100%'><tr>"
            + "".join(
                f"<th>{e(h)}</th>"
                for h in (
                    _w("area_of_life"),
                    _w("goal_in_my_words"),
                    _w("status"),
                    _w("by"),
                    _w("how_it_is_going"),
                )
            )
            + "</tr>"
            + "".join(rows)
            + "</table>"
        )
    else:
        parts.append("<p>—</p>")
    parts.append(f"<h2>{e(_w('who_does_what'))}</h2>")
    if doc.efforts:
        rows = [
            f"<tr><td>{e(f.description)}</td><td>{e(labels.responsible(f.responsible))}</td>"
            f"<td>{e(fmt_date(f.due_date))}</td><td>{e(labels.effort_status(f.status))}</td></tr>"
            for f in doc.efforts
        ]
        parts.append(
            "<table width='100%'><tr>"
            + "".join(
                f"<th>{e(h)}</th>"
                for h in (
                    _w("what"),
                    _w("who"),
                    _w("when"),
                    _w("status"),
                )
            )
            + "</tr>"
            + "".join(rows)
            + "</table>"
        )
    else:
        parts.append("<p>—</p>")
    if doc.followups:
        parts.append(f"<h2>{e(_w('what_we_have_agreed'))}</h2><ul>")
        parts += [f"<li>{e(f.description)} — {e(fmt_date(f.due))}</li>" for f in doc.followups[:15]]
        parts.append("</ul>")
    if doc.consents:
        parts.append(f"<h2>{e(_w('i_have_agreed_that_information_may_be_sh'))}</h2><ul>")
        for consent in doc.consents:
            parties = ", ".join(labels.responsible(p) for p in consent.parties)
            until = (
                " " + _w("until_1").replace("%1", fmt_date(consent.expires_on))
                if consent.expires_on
                else ""
            )
            parts.append(f"<li>{e(parties)}: {e(consent.scope)}{e(until)}</li>")
        parts.append("</ul>")
    parts.append(f"<h2>{e(_w('we_meet_again'))}</h2>")
    parts.append(f"<p>{e(fmt_date(plan.follow_up_date))}</p>")
    contact = doc.caseworker_name or "—"
    parts.append(
        f"<p class='muted'>{e(_w('my_caseworker'))}: {e(contact)} · "
        f"{e(_w('printed_1').replace('%1', fmt_date(doc.today)))} · "
        f"{e(_w('it_is_your_plan_tell_us_if_something_sho'))}</p>"
    )
    return "".join(parts)


def access_report_html(report: AccessReport) -> str:
    """Dates and purposes of lookups on one citizen (data-subject request)."""
    e = html.escape
    c = report.citizen
    name = c.name or c.nickname or "—"
    rows = "".join(
        f"<tr><td>{e(fmt_datetime(parse_iso(x.at)))}</td>"
        f"<td>{e(_who(report, x))}</td>"
        f"<td>{e(labels.access_action(x.action))}</td>"
        f"<td>{e(labels.record_kind(x.entity))}</td>"
        f"<td>{e(labels.purpose(x.purpose))}</td></tr>"
        for x in report.entries
    )
    return (
        _STYLE
        + f"<h1>{e(_w('access_log'))}</h1>"
        + f"<p>{e(name)}<br><span class='muted'>"
        + e(_scope(report))
        + "</span></p><table width='100%'><tr>"
        + "".join(
            # widths set here: measured by the layout, words ran into the next column
            f"<th width='{w}%'>{e(h)}</th>"
            for h, w in (
                (_w("when"), 19),
                (_w("who"), 20),
                (_w("what"), 11),
                (_w("data"), 25),
                (_w("purpose"), 25),
            )
        )
        + "</tr>"
        + rows
        + "</table>"
    )


def _scope(report: AccessReport) -> str:
    """Which devices' lookups the report holds: a laptop-only copy says it is incomplete."""
    printed = fmt_date(report.today)
    if report.all_devices:
        return _w("lookups_of_your_data_recorded_on_all_dev").replace("%1", printed)
    local = _w("lookups_of_your_data_recorded_on_this_la").replace("%1", printed)
    return f"{local} {_w('this_covers_only_this_laptop')}"


def _who(report: AccessReport, entry: AccessEntry) -> str:
    """The user's name, and the device's when the server told us its name."""
    name = report.user_names.get(entry.user_id, entry.user_id)
    device = report.device_names.get(entry.device_id)
    return f"{name} ({device})" if device else name


def write_pdf(html_text: str, path: Path, title: str) -> None:
    """A4 PDF of the HTML, 18 mm margins."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Outreach Desk")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    document = QTextDocument()
    document.setHtml(html_text)
    # laid out on the printable area in points; print_() scales it to the writer
    area = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    document.setPageSize(QSizeF(area.width() * 96 / 72, area.height() * 96 / 72))
    document.setDocumentMargin(0)
    document.print_(writer)


def access_report_csv(report: AccessReport, path: Path) -> int:
    header = [
        _w("when"),
        _w("who"),
        _w("what"),
        _w("data"),
        _w("purpose"),
    ]
    rows = (
        [
            fmt_datetime(parse_iso(x.at)),
            _who(report, x),
            labels.access_action(x.action),
            labels.record_kind(x.entity),
            labels.purpose(x.purpose),
        ]
        for x in report.entries
    )
    return exports.write_csv(path, header, rows)


def queue_csv(queue: ReviewQueue, path: Path) -> int:
    header = [
        _w("contact"),
        _w("written"),
        _w("written_late"),
        _w("caseworker"),
        _w("citizen"),
        _w("place"),
        _w("review"),
        _w("addenda"),
        _w("comment"),
    ]
    rows = (
        [
            fmt_datetime(parse_iso(r.event_time)),
            fmt_datetime(parse_iso(r.written_time)),
            _w("yes") if is_late(r) else "",
            queue.user_names.get(r.caseworker, r.caseworker),
            ", ".join(queue.citizen_names.get(c, "—") for c in r.citizen_ids),
            queue.place_names.get(r.place_id or "", ""),
            state_label(r.state),
            r.addenda,
            r.comment,
        ]
        for r in queue.page.rows
    )
    return exports.write_csv(path, header, rows)


class ExportController(QObject):
    """The export actions: ask for a file, read on the store's thread, write, report.

    Pass ``path`` to skip the file dialog (tests, scripted use).
    """

    exported = Signal(str)  # the file written
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._parent = parent

    def _ask(self, title: str, suggested: str, pattern: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent, title, str(Path.home() / suggested), pattern
        )
        return Path(chosen) if chosen else None

    def _run(self, read: Callable[[Store], T], write: Callable[[T], object], path: Path) -> None:
        def done(value: T) -> None:
            try:
                write(value)
            except OSError:
                self.failed.emit(self.tr("The file could not be written."))
                return
            self.exported.emit(str(path))

        self._runner.run(
            read,
            guarded_obj(self, done),
            guarded_obj(self, lambda _exc: self.failed.emit(self.tr("The export failed."))),
        )

    def export_my_plan(self, citizen_id: str, path: Path | None = None) -> None:
        path = path or self._ask(self.tr("Save the plan as PDF"), "min-plan.pdf", "PDF (*.pdf)")
        if path is None:
            return
        self._run(
            lambda store: exports.my_plan(store, citizen_id),
            lambda doc: write_pdf(my_plan_html(doc), path, _w("my_plan")),
            path,
        )

    def export_access_log(self, citizen_id: str, path: Path | None = None) -> None:
        """PDF or CSV by the file's suffix."""
        path = path or self._ask(
            self.tr("Save the access log"), "log-over-opslag.pdf", "PDF (*.pdf);;CSV (*.csv)"
        )
        if path is None:
            return

        def write(report: AccessReport) -> None:
            if path.suffix.lower() == ".csv":
                access_report_csv(report, path)
            else:
                write_pdf(
                    access_report_html(report),
                    path,
                    _w("access_log"),
                )

        self._run(lambda store: exports.access_report(store, citizen_id), write, path)

    def export_queue(self, queue: ReviewQueue, path: Path | None = None) -> None:
        path = path or self._ask(self.tr("Save the table as CSV"), "gennemgang.csv", "CSV (*.csv)")
        if path is None:
            return
        citizens = [c for r in queue.page.rows for c in r.citizen_ids]
        self._run(
            lambda store: exports.log_export(
                store, citizens, "review_queue", Purpose.REVIEW, "team table (CSV)"
            ),
            lambda _none: queue_csv(queue, path),
            path,
        )

    def export_table(
        self,
        header: list[str],
        rows: list[list[object]],
        citizen_ids: list[str],
        what: str,
        path: Path | None = None,
    ) -> None:
        """Any team table (oversight, effect) as CSV, logged per citizen it names."""
        path = path or self._ask(self.tr("Save the table as CSV"), f"{what}.csv", "CSV (*.csv)")
        if path is None:
            return
        self._run(
            lambda store: exports.log_export(
                store, citizen_ids, what, Purpose.REVIEW, "team table (CSV)"
            ),
            lambda _none: exports.write_csv(path, header, rows),
            path,
        )


def guarded_obj(obj: QObject, fn: Callable[[T], object]) -> Callable[[T], None]:
    """A callback that does nothing once ``obj`` is gone."""

    def call(value: T) -> None:
        if shiboken6.isValid(obj):
            fn(value)

    return call

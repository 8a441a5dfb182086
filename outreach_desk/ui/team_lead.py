"""The team lead's screens and the export actions, attached to the main window.

``TeamLeadScreens(window)`` adds, without the window knowing their insides:

- for everyone: the "Returned notes" tab (with a count) and an Export menu for the
  chosen citizen ("Min plan" as PDF; the access log as PDF or CSV);
- on a laptop enrolled for a team lead: the Review, Oversight and Effect tabs.

It follows the window's own signals: ``unlocked`` (load, learn the role), ``locked``
(clear), the sync controller's ``finished`` and the citizen view's ``changed`` (reload).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from ..services import review as review_service
from .documents import ExportController
from .effect_view import EffectView
from .oversight_view import OversightView
from .returned_notes import ReturnedNotesView
from .review_queue import ReviewQueueView
from .widgets import guarded

if TYPE_CHECKING:
    from .main_window import MainWindow


class TeamLeadScreens(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        runner = window.runner
        tabs = window.tabs
        self.is_lead = False
        self._returned_count = 0
        self.returned = ReturnedNotesView(runner, tabs)
        self.review_queue = ReviewQueueView(runner, tabs)
        self.oversight = OversightView(runner, tabs)
        self.effect = EffectView(runner, tabs)
        self.exports = ExportController(runner, window)
        for view in (self.review_queue, self.oversight, self.effect):
            view.hide()
        tabs.addTab(self.returned, "")

        self.export_plan_action = QAction(window)
        self.export_plan_action.triggered.connect(self._export_plan)
        self.export_access_action = QAction(window)
        self.export_access_action.triggered.connect(self._export_access_log)
        self.export_menu = window.menuBar().addMenu("")
        self.export_menu.addActions([self.export_plan_action, self.export_access_action])
        self._set_enabled(False)

        self.returned.addendum_requested.connect(
            lambda note_id: window.citizen_view.open_note(note_id, addendum=True)
        )
        self.returned.citizen_requested.connect(self._show_citizen)
        self.returned.count_changed.connect(self._returned_counted)
        self.review_queue.citizen_requested.connect(self._show_citizen)
        self.review_queue.reviewed.connect(lambda _id: window.refresh_sync_status())
        self.review_queue.export_csv_requested.connect(self.exports.export_queue)
        self.oversight.citizen_requested.connect(self._show_citizen)
        self.oversight.export_requested.connect(self.exports.export_table)
        self.effect.export_requested.connect(self.exports.export_table)
        self.exports.exported.connect(
            lambda path: window.statusBar().showMessage(
                self.tr("Saved %1").replace("%1", path), 8000
            )
        )
        self.exports.failed.connect(lambda message: window.statusBar().showMessage(message, 15000))
        window.unlocked.connect(self._unlocked)
        window.locked.connect(self.clear)
        window.sync.finished.connect(lambda _report: self.reload())
        window.citizen_view.changed.connect(self.reload)
        window.citizen_view.loaded.connect(lambda _id: self._set_enabled(True))
        window.installEventFilter(self)
        self.retranslate()

    # --- lifecycle ----------------------------------------------------------------------
    def _unlocked(self) -> None:
        self.returned.refresh()
        self.window.runner.run(
            review_service.is_team_lead, guarded(self.window, self.set_lead), lambda _exc: None
        )

    def set_lead(self, is_lead: bool) -> None:
        """Show the lead's tabs on a team lead's laptop (after unlock or enrolment)."""
        tabs = self.window.tabs
        views = (self.review_queue, self.oversight, self.effect)
        if is_lead and not self.is_lead:
            for view in views:
                tabs.addTab(view, "")
        elif not is_lead and self.is_lead:
            for view in views:
                tabs.removeTab(tabs.indexOf(view))
        self.is_lead = is_lead
        self.retranslate()
        if is_lead:
            for view in views:
                view.refresh()

    def reload(self) -> None:
        if self.window.pages.currentWidget() is not self.window.workspace:
            return
        self.returned.refresh()
        if self.is_lead:
            self.review_queue.refresh()
            self.oversight.refresh()

    def clear(self) -> None:
        """Lock: every view drops its personal data."""
        for view in (self.returned, self.review_queue, self.oversight, self.effect):
            view.clear()
        self._set_enabled(False)

    # --- language -----------------------------------------------------------------------
    def retranslate(self) -> None:
        tabs = self.window.tabs
        n = self._returned_count
        tabs.setTabText(
            tabs.indexOf(self.returned),
            self.tr("Returned notes (%n)", "", n) if n else self.tr("Returned notes"),
        )
        if self.is_lead:
            tabs.setTabText(tabs.indexOf(self.review_queue), self.tr("Review"))
            tabs.setTabText(tabs.indexOf(self.oversight), self.tr("Oversight"))
            tabs.setTabText(tabs.indexOf(self.effect), self.tr("Effect"))
        self.export_menu.setTitle(self.tr("E&xport"))
        self.export_plan_action.setText(self.tr("The citizen's plan as PDF (“Min plan”)…"))
        self.export_access_action.setText(self.tr("The citizen's access log (PDF or CSV)…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # --- internals ----------------------------------------------------------------------
    def _returned_counted(self, count: int) -> None:
        self._returned_count = count
        self.retranslate()

    def _show_citizen(self, citizen_id: str) -> None:
        self.window.tabs.setCurrentWidget(self.window.citizen_view)
        self.window.citizen_view.show_citizen(citizen_id)

    def _set_enabled(self, enabled: bool) -> None:
        for action in (self.export_plan_action, self.export_access_action):
            action.setEnabled(enabled)

    def _export_plan(self) -> None:
        if self.window.citizen_view.citizen_id:
            self.exports.export_my_plan(self.window.citizen_view.citizen_id)

    def _export_access_log(self) -> None:
        if self.window.citizen_view.citizen_id:
            self.exports.export_access_log(self.window.citizen_view.citizen_id)


__all__ = ["TeamLeadScreens"]

"""The main window: first run, unlock, and the workspace (caseload + citizen).

It owns no data: it asks the TaskRunner for everything and shows what comes back.
Locking closes the store on the worker, zeroes the key and clears every view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
)

from sync.engine import SyncReport

from ..services import lease
from ..services.casework import local_sync_state
from ..services.lease import Lease
from ..services.sync_controller import SyncController
from ..services.tasks import TaskRunner
from ..settings import SettingsFile, UserSettings
from ..store import ProfilePaths, Store, StoreClosed, UnlockDelayed, WrongPassphrase
from .caseload_model import CaseloadModel
from .caseload_panel import CaseloadPanel
from .citizen_view import CitizenView
from .conflicts_view import ConflictsView
from .contact_form import ContactDialog
from .enrol_dialog import EnrolDialog
from .followups_view import FollowUpsView
from .i18n import Translations
from .idle import IdleWatcher, SessionLockWatcher
from .lease_screen import LeaseScreen
from .messages import describe_error
from .settings_dialog import SettingsDialog
from .sync_status import SyncStatus
from .team_lead import TeamLeadScreens
from .unlock import FirstRunScreen, UnlockScreen

SYNC_STATUS_REFRESH_MS = 30_000
BUSY_INDICATOR_DELAY_MS = 400  # shorter work shows no busy bar


@dataclass(frozen=True)
class StoreFactory:
    """How to make or open the store; app.py decides (tests pass a fast KDF)."""

    profile: Path
    create: Callable[[str, str], Store]  # (user name, passphrase) -> Store
    open: Callable[[str], Store]  # (passphrase) -> Store

    def exists(self) -> bool:
        return ProfilePaths(self.profile).exists()


@dataclass(frozen=True)
class Policy:
    """What IT fixed for this machine (filled by the policy module)."""

    locked: frozenset[str] = frozenset()
    allowed_languages: tuple[str, ...] = ("da", "en")
    sync_url: str | None = None
    offline_lease_days: int | None = None


class MainWindow(QMainWindow):
    unlocked = Signal()
    locked = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        factory: StoreFactory,
        translations: Translations,
        settings_file: SettingsFile,
        settings: UserSettings,
        policy: Policy | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.factory = factory
        self.translations = translations
        self.settings_file = settings_file
        self.settings = settings
        self.policy = policy or Policy()
        self.today = today
        self._user_name = ""
        self._places: list[tuple[str, str]] = []
        self.resize(1280, 800)

        self.pages = QStackedWidget(self)
        self.first_run = FirstRunScreen(self)
        self.unlock_screen = UnlockScreen(self)
        self.lease_screen = LeaseScreen(self)
        self.workspace = QSplitter(Qt.Orientation.Horizontal, self)
        self.caseload_model = CaseloadModel(runner, today)
        self.caseload = CaseloadPanel(self.caseload_model, self.workspace)
        self.tabs = QTabWidget(self.workspace)
        self.citizen_view = CitizenView(runner, self.tabs)
        self.followups = FollowUpsView(runner, self.tabs)
        self.conflicts = ConflictsView(runner, self.tabs)
        self.tabs.addTab(self.citizen_view, "")
        self.tabs.addTab(self.followups, "")
        self.tabs.addTab(self.conflicts, "")
        self._conflict_count = 0
        self.workspace.addWidget(self.caseload)
        self.workspace.addWidget(self.tabs)
        self.workspace.setStretchFactor(0, 1)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setSizes([660, 620])  # the caseload's six columns fit without scrolling
        for page in (self.first_run, self.unlock_screen, self.lease_screen, self.workspace):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

        self.sync_status = SyncStatus(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.sync_status)

        self.sync = SyncController(runner, parent=self)
        self._build_actions()
        self.idle = IdleWatcher(settings.idle_lock_minutes, self)
        QApplication.instance().installEventFilter(self.idle)
        self.idle.idle.connect(self.lock)
        self.session_lock = SessionLockWatcher(self)
        self.session_lock.locked.connect(self.lock)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(SYNC_STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_sync_status)

        self.first_run.create_requested.connect(self._create)
        self.unlock_screen.unlock_requested.connect(self._unlock)
        self.lease_screen.sync_requested.connect(lambda: self.sync.sync_now())
        self.lease_screen.lock_requested.connect(self.lock)
        self.caseload.citizen_selected.connect(self._show_citizen)
        self.caseload.citizen_activated.connect(self._show_citizen)
        self.followups.citizen_requested.connect(self._show_citizen)
        self.followups.changed.connect(self._data_changed)
        self.citizen_view.changed.connect(self._data_changed)
        self.citizen_view.record_contact_requested.connect(self.record_contact)
        # the busy bar is for work a person waits on: a search or a page of rows takes a
        # few milliseconds, and showing and hiding the bar for each would relayout and
        # repaint the whole window on every keystroke
        self._busy_delay = QTimer(self)
        self._busy_delay.setSingleShot(True)
        self._busy_delay.setInterval(BUSY_INDICATOR_DELAY_MS)
        self._busy_delay.timeout.connect(lambda: self.busy.setVisible(self.runner.busy))
        self.runner.busy_changed.connect(self._busy_changed)
        self.runner.store_damaged.connect(self._store_damaged)
        self.damage_notice: QMessageBox | None = None
        self._connect_sync()
        self.retranslate()
        # review, oversight and effect for team leads; returned notes and exports for all
        self.lead_screens = TeamLeadScreens(self)

    # --- chrome -----------------------------------------------------------------------
    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_delay.start()
        else:
            self._busy_delay.stop()
            self.busy.setVisible(False)

    def _build_actions(self) -> None:
        self.contact_action = QAction(self)
        self.contact_action.setShortcut(QKeySequence.StandardKey.New)
        self.contact_action.triggered.connect(lambda: self.record_contact(None))
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.caseload.focus_search)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.followups_action = QAction(self)
        self.followups_action.setShortcut(QKeySequence("Ctrl+U"))
        self.followups_action.triggered.connect(lambda: self.tabs.setCurrentWidget(self.followups))
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(self.sync.sync_now)
        self.enrol_action = QAction(self)
        self.enrol_action.triggered.connect(self.open_enrol)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.workspace_actions = [
            self.sync_action,
            self.enrol_action,
            self.contact_action,
            self.find_action,
            self.lock_action,
            self.followups_action,
            self.settings_action,
        ]
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addActions([self.contact_action, self.sync_action, self.enrol_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.settings_action, self.lock_action, self.quit_action])
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addActions([self.find_action, self.followups_action])
        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions(
            [
                self.contact_action,
                self.find_action,
                self.followups_action,
                self.sync_action,
                self.lock_action,
            ]
        )
        self._set_workspace_enabled(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Outreach Desk"))
        self.contact_action.setText(self.tr("&New contact"))
        self.contact_action.setToolTip(self.tr("Record a contact and its journal note (Ctrl+N)"))
        self.find_action.setText(self.tr("&Find citizen"))
        self.lock_action.setText(self.tr("&Lock"))
        self.followups_action.setText(self.tr("F&ollow-ups"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.tabs.setTabText(0, self.tr("Citizen"))
        self.tabs.setTabText(1, self.tr("Follow-ups"))
        self.tabs.setTabText(
            2,
            self.tr("Conflicts (%n)", "", self._conflict_count)
            if self._conflict_count
            else self.tr("Conflicts"),
        )
        self.sync_action.setText(self.tr("S&ynchronise now"))
        self.sync_action.setToolTip(self.tr("Synchronise with the central server (F5)"))
        self.enrol_action.setText(self.tr("&Enrol this laptop…"))
        self.tabs.setAccessibleName(self.tr("Citizen and follow-ups"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- sync -----------------------------------------------------------------------------
    def _connect_sync(self) -> None:
        sync = self.sync
        sync.state_changed.connect(self._sync_state_changed)
        sync.progress.connect(self._sync_progress)
        sync.finished.connect(self._sync_finished)
        sync.failed.connect(self._sync_failed)
        sync.conflicts_changed.connect(lambda _n: self.conflicts.refresh())
        sync.wiped.connect(self._wiped)
        self.conflicts.count_changed.connect(self._conflicts_counted)
        self.conflicts.resolved.connect(lambda _id: self.sync.sync_now())

    def _sync_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)
        if self.pages.currentWidget() is self.lease_screen:
            self.lease_screen.show_problem(message)

    def _sync_state_changed(self, state: str) -> None:
        if self.pages.currentWidget() is self.lease_screen:
            self.lease_screen.set_syncing(state == "syncing")
        self.sync_status.set_online(state in ("online", "syncing"))
        enrolled = state != "not_enrolled"
        unlocked = self.pages.currentWidget() is self.workspace
        self.sync_action.setEnabled(unlocked and enrolled and state not in ("syncing", "revoked"))
        self.enrol_action.setEnabled(unlocked and not enrolled)

    def _sync_progress(self, stage: str, done: int, total: int) -> None:
        names = {
            "hello": self.tr("connecting"),
            "push": self.tr("sending changes"),
            "pull": self.tr("receiving changes"),
            "verify": self.tr("checking"),
        }
        text = self.tr("Synchronising: %1").replace("%1", names.get(stage, stage))
        if total:
            text += f" ({done:,} / {total:,})"
        self.statusBar().showMessage(text)

    def _sync_finished(self, report: object) -> None:
        self.statusBar().showMessage(self.tr("Synchronised"), 5000)
        if isinstance(report, SyncReport) and report.rolled_back:
            self._warn_rolled_back()
        if self.pages.currentWidget() is self.lease_screen:
            self._check_lease()  # the server was reached: the lease is renewed
            return
        self._data_changed()
        self.conflicts.refresh()

    def _warn_rolled_back(self) -> None:
        """Rare, and worth IT's attention: an old copy of this laptop's store was put back."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Outreach Desk"),
            self.tr(
                "The data on this laptop was older than what it had already sent to the server "
                "(it may have been restored from a backup). Nothing was lost: everything was "
                "fetched from the server again. Tell IT about it."
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("rolled-back-warning")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal to the sync: the window keeps working

    def _conflicts_counted(self, count: int) -> None:
        self._conflict_count = count
        self.retranslate()

    def open_enrol(self) -> None:
        dialog = EnrolDialog(self.runner, self.policy.sync_url, self)
        dialog.enrolled.connect(lambda _enrolment: self.sync.start())
        dialog.sync_requested.connect(self.sync.sync_now)
        dialog.exec()

    def _wiped(self) -> None:
        """The server revoked this laptop: its data is erased; say so plainly."""
        self.lock()
        self.pages.setCurrentWidget(self.first_run)
        QMessageBox.warning(
            self,
            self.tr("Outreach Desk"),
            self.tr(
                "This laptop has been withdrawn by your IT department. The local data has "
                "been erased. Contact IT to enrol it again."
            ),
        )

    def _store_damaged(self, exc: BaseException) -> None:
        """A page failed authentication while working: say so once, plainly, and go on
        showing what can still be read (nothing is deleted or rewritten)."""
        if self.pages.currentWidget() is not self.workspace:
            return  # unlocking: the unlock screen shows the same message itself
        if self.damage_notice is not None and self.damage_notice.isVisible():
            return
        self.damage_notice = QMessageBox(
            QMessageBox.Icon.Critical, self.tr("Outreach Desk"), describe_error(exc), parent=self
        )
        self.damage_notice.open()

    def _set_workspace_enabled(self, enabled: bool) -> None:
        for action in self.workspace_actions:
            action.setEnabled(enabled)

    # --- store lifecycle ----------------------------------------------------------------
    def start(self) -> None:
        self.pages.setCurrentWidget(self.unlock_screen if self.factory.exists() else self.first_run)

    def _create(self, name: str, passphrase: str) -> None:
        self.first_run.set_busy(True)
        self.first_run.show_error(self.tr("Creating the encrypted store…"))
        factory = self.factory
        self.runner.open_store(
            lambda: factory.create(name, passphrase), self._opened, self._create_failed
        )
        self.first_run.clear()

    def _create_failed(self, exc: BaseException) -> None:
        self.first_run.set_busy(False)
        self.first_run.show_error(describe_error(exc))

    def _unlock(self, passphrase: str) -> None:
        self.unlock_screen.set_busy(True)
        factory = self.factory
        self.runner.open_store(lambda: factory.open(passphrase), self._opened, self._unlock_failed)

    def _unlock_failed(self, exc: BaseException) -> None:
        self.unlock_screen.set_busy(False)
        if isinstance(exc, WrongPassphrase):
            self.unlock_screen.show_wrong_passphrase(exc.failures, exc.delay_seconds)
        elif isinstance(exc, UnlockDelayed):
            self.unlock_screen.show_delay(exc.remaining_seconds)
        else:
            self.unlock_screen.show_problem(describe_error(exc))

    def _opened(self, store: Store) -> None:
        self._user_name = store.session.user_name
        self.first_run.set_busy(False)
        self.first_run.show_error("")
        self._check_lease()

    def _check_lease(self) -> None:
        """Data is shown only while the offline lease holds (one short trip to the worker)."""
        days = self.policy.offline_lease_days

        def check(store: Store) -> tuple[Lease, bool]:
            current = lease.current_lease(store, days)
            return current, current.expired(store.session.clock())

        self.runner.run(check, lambda result: self._lease_checked(*result), self._lease_failed)

    def _lease_checked(self, current: Lease, expired: bool) -> None:
        if not expired:
            self._enter_workspace()
            return
        self.unlock_screen.reset()
        self.unlock_screen.set_user(self._user_name)
        self.pages.setCurrentWidget(self.lease_screen)
        self.lease_screen.show_lease(current)
        self.lock_action.setEnabled(True)  # Ctrl+L still locks
        self.idle.set_minutes(self.settings.idle_lock_minutes)
        self.idle.start()
        if not self.sync.running:
            self.sync.start()  # syncs by itself as soon as the server answers

    def _lease_failed(self, exc: BaseException) -> None:
        if isinstance(exc, StoreClosed):
            return  # locked meanwhile
        self.runner.close_store()
        self.pages.setCurrentWidget(self.unlock_screen)
        self._unlock_failed(exc)

    def _enter_workspace(self) -> None:
        self.unlock_screen.reset()
        self.unlock_screen.set_user(self._user_name)
        self.pages.setCurrentWidget(self.workspace)
        self._set_workspace_enabled(True)
        self.statusBar().showMessage(self.tr("Unlocked"), 3000)
        self.caseload_model.reload()
        self.runner.run(lambda store: store.caseload.warm_up(), None, lambda _exc: None)
        self._load_places()
        self.followups.refresh()
        self.refresh_sync_status()
        self._status_timer.start()
        self.idle.set_minutes(self.settings.idle_lock_minutes)
        self.idle.start()
        if not self.sync.running:
            self.sync.start()
        self._sync_state_changed(self.sync.state)
        self.conflicts.refresh()
        self.caseload.focus_search()
        self.unlocked.emit()

    def lock(self) -> None:
        """Hide and forget everything now; the worker closes the store and zeroes the key."""
        if self.pages.currentWidget() not in (self.workspace, self.lease_screen):
            return
        self.idle.stop()
        self._status_timer.stop()
        self.sync.stop()
        self._set_workspace_enabled(False)
        for dialog in self.findChildren(ContactDialog):
            dialog.form.clear()  # queues the last unsaved draft before the store closes
            dialog.close()
            dialog.deleteLater()
        self.caseload.clear()
        self.citizen_view.clear()
        self.followups.clear()
        self.conflicts.clear()
        self.sync_status.show_state(None)
        self.unlock_screen.reset()
        self.pages.setCurrentWidget(self.unlock_screen)
        self.runner.close_store(lambda _none: self.locked.emit())

    # --- workspace ----------------------------------------------------------------------
    def record_contact(self, citizen_id: str | None) -> ContactDialog:
        """The quick form: the chosen citizen is already present, the place remembered."""
        if citizen_id is None:
            citizen_id = self.citizen_view.citizen_id
        dialog = ContactDialog(self.runner, self)
        dialog.form.new_contact([citizen_id] if citizen_id else [])
        dialog.form.saved.connect(lambda _id: self._data_changed())
        dialog.form.finalised.connect(lambda _id: self._data_changed())
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def _show_citizen(self, citizen_id: str) -> None:
        self.tabs.setCurrentWidget(self.citizen_view)
        self.citizen_view.show_citizen(citizen_id)

    def _data_changed(self) -> None:
        if self.pages.currentWidget() is not self.workspace:
            return
        if self.citizen_view.citizen_id:
            self.citizen_view.reload()
        self.caseload_model.reload()
        self.followups.refresh()
        self.refresh_sync_status()

    def _load_places(self) -> None:
        def places(store: Store) -> list[tuple[str, str]]:
            return [(p.id, p.name) for p in store.places.all()]

        self.runner.run(places, self._places_loaded)

    def _places_loaded(self, places: list[tuple[str, str]]) -> None:
        self._places = places
        self.caseload.set_places(places, self.settings.default_place_id)

    def refresh_sync_status(self) -> None:
        self.runner.run(local_sync_state, self.sync_status.show_state, lambda _exc: None)

    def open_settings(self) -> None:
        dialog = SettingsDialog(
            self.settings,
            self._places,
            self.policy.locked,
            self.policy.allowed_languages,
            self,
        )
        if dialog.exec():
            self.apply_settings(dialog.result_settings())

    def apply_settings(self, settings: UserSettings) -> None:
        language_changed = settings.language != self.settings.language
        self.settings = settings
        try:
            self.settings_file.save(settings)
        except OSError:
            QMessageBox.warning(
                self,
                self.tr("Settings"),
                self.tr("The settings could not be saved; they apply until you quit."),
            )
        if language_changed:
            self.translations.switch(settings.language)
        self.idle.set_minutes(settings.idle_lock_minutes)
        self.caseload.set_places(self._places, settings.default_place_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        self.sync.shutdown()
        QApplication.instance().removeEventFilter(self.idle)
        super().closeEvent(event)


__all__ = ["MainWindow", "Policy", "StoreFactory"]

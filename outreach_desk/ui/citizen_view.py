"""The citizen screen: where things stand, the plan, the contacts, progress, who looked.

Everything is loaded on the store's thread in one go (``load_citizen_screen``) and
shown when it arrives; ``clear()`` drops every piece of personal data from the widgets
(used when the app locks).
"""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import (
    Citizen,
    Consent,
    ContactForm,
    HousingSituation,
    JournalNote,
    Place,
    SocialChallenge,
    Topic,
    ValidationError,
    parse_cpr,
)
from ..domain.cpr import cpr_errors
from ..services import casework
from ..services.casework import CitizenScreen, PlanState
from ..services.tasks import TaskRunner
from . import labels
from .contact_form import ContactDialog
from .plan_editor import PlanEditor
from .progress_chart import ProgressChart
from .review_queue import STATE_COLOURS, state_label
from .widgets import (
    ErrorLabel,
    FieldErrors,
    badge,
    fill_combo,
    fmt_date,
    fmt_datetime,
    guarded,
    heading,
    muted,
    parse_iso,
    select_data,
    unshaped_text,
)

ID_ROLE = Qt.ItemDataRole.UserRole
RESIZE_PRECISION_ROWS = 100
NO_YEAR = 1899


def masked_cpr(cpr: str | None) -> str:
    if not cpr:
        return "—"
    if cpr_errors(cpr):
        return "xxxxxx-xxxx"
    return parse_cpr(cpr).masked()


class CitizenEditor(QDialog):
    """Edit the citizen's details; errors appear beside the field, typed text stays."""

    saved = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        citizen: Citizen,
        places: list[Place],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._citizen = citizen
        self.setWindowTitle(self.tr("Edit citizen"))
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        self.name = QLineEdit(citizen.name)
        self.name.setAccessibleName(self.tr("Name"))
        self.nickname = QLineEdit(citizen.nickname)
        self.nickname.setAccessibleName(self.tr("Nickname"))
        self.cpr = QLineEdit(citizen.cpr or "")
        self.cpr.setPlaceholderText(self.tr("DDMMYY-SSSS"))
        self.cpr.setAccessibleName(self.tr("CPR number"))
        self.birth_year = QSpinBox()
        self.birth_year.setRange(NO_YEAR, 2100)
        self.birth_year.setSpecialValueText("—")
        self.birth_year.setValue(citizen.birth_year or NO_YEAR)
        self.birth_year.setAccessibleName(self.tr("Birth year"))
        self.phone = QLineEdit(citizen.phone)
        self.phone.setAccessibleName(self.tr("Phone"))
        self.housing = QComboBox()
        fill_combo(self.housing, labels.options(HousingSituation, labels.housing))
        select_data(self.housing, citizen.housing)
        self.housing.setAccessibleName(self.tr("Housing situation"))
        self.challenges: dict[SocialChallenge, QCheckBox] = {}
        challenges = QWidget()
        grid = QGridLayout(challenges)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, challenge in enumerate(SocialChallenge):
            box = QCheckBox(labels.challenge(challenge))
            box.setChecked(challenge in citizen.challenges)
            self.challenges[challenge] = box
            grid.addWidget(box, index // 2, index % 2)
        self.caseworker = QLineEdit(citizen.coordinating_caseworker)
        self.caseworker.setAccessibleName(self.tr("Coordinating caseworker"))
        self.places = QListWidget()
        self.places.setAccessibleName(self.tr("Usual places"))
        self.places.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        for place in places:
            item = QListWidgetItem(place.name)
            item.setData(ID_ROLE, place.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = place.id in citizen.usual_place_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.places.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        rows: list[tuple[str, QWidget, str | None]] = [
            (self.tr("&Name"), self.name, "name"),
            (self.tr("Nic&kname"), self.nickname, "nickname"),
            (self.tr("&CPR number"), self.cpr, "cpr"),
            (self.tr("&Birth year"), self.birth_year, "birth_year"),
            (self.tr("&Phone"), self.phone, "phone"),
            (self.tr("&Housing situation"), self.housing, "housing"),
            (self.tr("Social challenges"), challenges, "challenges"),
            (self.tr("C&oordinating caseworker"), self.caseworker, None),
            (self.tr("&Usual places"), self.places, None),
        ]
        for text, widget, field in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            if field:
                form.addRow("", self.errors.bind(field, ErrorLabel()))
        layout = QVBoxLayout(self)
        if citizen.anonymous:
            hint = muted(
                QLabel(self.tr("Anonymous contact. Writing a CPR number identifies the citizen."))
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def build(self) -> Citizen:
        cpr = self.cpr.text().strip() or None
        year = self.birth_year.value()
        return replace(
            self._citizen,
            name=self.name.text(),
            nickname=self.nickname.text(),
            cpr=cpr,
            anonymous=self._citizen.anonymous and not cpr,  # a CPR number links the record
            birth_year=None if year == NO_YEAR else year,
            phone=self.phone.text(),
            housing=self.housing.currentData(),
            challenges=tuple(c for c, box in self.challenges.items() if box.isChecked()),
            coordinating_caseworker=self.caseworker.text().strip(),
            usual_place_ids=tuple(
                self.places.item(i).data(ID_ROLE)
                for i in range(self.places.count())
                if self.places.item(i).checkState() == Qt.CheckState.Checked
            ),
        )

    def save(self) -> None:
        self.errors.clear()
        citizen = self.build()
        self.buttons.setEnabled(False)
        self._runner.run(
            lambda store: casework.update_citizen(store, citizen),
            guarded(self, self._done),
            guarded(self, self._failed),
        )

    def _done(self, citizen: Citizen) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(citizen)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.errors)
        else:
            self.general_error.setText(self.tr("Could not save. Nothing was changed."))
            self.general_error.show()


class CitizenView(QWidget):
    """One citizen: overview, plan, contacts, progress and the access log."""

    record_contact_requested = Signal(str)
    changed = Signal()
    loaded = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._screen: CitizenScreen | None = None
        self._citizen_id: str | None = None
        self._generation = 0
        self.editor: CitizenEditor | None = None
        self.contact_dialog: ContactDialog | None = None

        # --- header -------------------------------------------------------------------------
        self.title = heading(scale=1.5)
        self.title.setAccessibleName(self.tr("Citizen"))
        self.anonymous_badge = badge(QLabel(), "info")
        self.youth_badge = badge(QLabel(), "info")
        self.loading = muted(QLabel())
        self.record_button = QPushButton()
        self.record_button.clicked.connect(self._request_contact)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.anonymous_badge)
        header.addWidget(self.youth_badge)
        header.addStretch(1)
        header.addWidget(self.loading)
        header.addWidget(self.record_button)

        # --- overview ---------------------------------------------------------------------
        self._values: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        overview_form = QFormLayout()
        overview_form.setHorizontalSpacing(18)
        overview_form.setVerticalSpacing(8)
        for key in (
            "name",
            "nickname",
            "cpr",
            "age",
            "phone",
            "housing",
            "challenges",
            "caseworker",
            "places",
            "next_follow_up",
            "consents",
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            caption = QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self._values[key], self._captions[key] = value, caption
            if key == "cpr":
                self.show_cpr = QToolButton()
                self.show_cpr.setCheckable(True)
                self.show_cpr.toggled.connect(lambda _: self._show_cpr_value())
                row = QHBoxLayout()
                row.addWidget(value)
                row.addWidget(self.show_cpr)
                row.addStretch(1)
                overview_form.addRow(caption, row)
            else:
                overview_form.addRow(caption, value)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_citizen)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.edit_button)
        edit_row.addStretch(1)
        overview_page = QWidget()
        overview_layout = QVBoxLayout(overview_page)
        overview_layout.addLayout(overview_form)
        overview_layout.addLayout(edit_row)
        overview_layout.addStretch(1)
        overview_scroll = QScrollArea()
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        overview_scroll.setWidget(overview_page)

        # --- plan, progress ------------------------------------------------------------------
        self.plan_editor = PlanEditor(runner)
        self.plan_editor.changed.connect(self._plan_changed)
        self.chart = ProgressChart()

        # --- contacts -------------------------------------------------------------------------
        self.timeline = QTreeWidget()
        self.timeline.setUniformRowHeights(True)
        self.timeline.header().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        self.timeline.setAlternatingRowColors(True)
        unshaped_text(self.timeline)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.currentItemChanged.connect(self._note_selected)
        self.timeline.itemActivated.connect(lambda *_: self.open_selected_note())
        self.note_detail = QPlainTextEdit()
        self.note_detail.setReadOnly(True)
        self.open_note_button = QPushButton()
        self.open_note_button.clicked.connect(self.open_selected_note)
        self.addendum_button = QPushButton()
        self.addendum_button.clicked.connect(self.add_addendum_to_selected)
        self.timeline_empty = muted(QLabel())
        contacts_page = QWidget()
        contacts_layout = QVBoxLayout(contacts_page)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.timeline)
        splitter.addWidget(self.note_detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        contacts_layout.addWidget(self.timeline_empty)
        contacts_layout.addWidget(splitter, 1)
        note_buttons = QHBoxLayout()
        note_buttons.addWidget(self.open_note_button)
        note_buttons.addWidget(self.addendum_button)
        note_buttons.addStretch(1)
        contacts_layout.addLayout(note_buttons)

        # --- access log ---------------------------------------------------------------------
        self.access = QTreeWidget()
        self.access.setRootIsDecorated(False)
        self.access.setUniformRowHeights(True)
        # column widths from the newest rows, not from measuring all of them on each open
        self.access.header().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        self.access.setAlternatingRowColors(True)
        unshaped_text(self.access)
        self.access_intro = muted(QLabel())
        self.access_intro.setWordWrap(True)
        access_page = self._access_page = QWidget()
        access_layout = QVBoxLayout(access_page)
        access_layout.addWidget(self.access_intro)
        access_layout.addWidget(self.access, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(overview_scroll, "")
        self.tabs.addTab(self.plan_editor, "")
        self.tabs.addTab(contacts_page, "")
        self.tabs.addTab(self.chart, "")
        self.tabs.addTab(access_page, "")
        # the progress chart and the access log (hundreds of entries) are filled when their
        # tab is shown, not with every citizen opened on the contacts or the overview
        self._unfilled: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _index: self._fill_shown_tab())
        self.empty = muted(QLabel())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty, 1)
        self.retranslate()
        self.clear()

    # --- public -----------------------------------------------------------------------------
    @property
    def citizen_id(self) -> str | None:
        return self._citizen_id

    @property
    def screen(self) -> CitizenScreen | None:
        return self._screen

    def show_citizen(self, citizen_id: str) -> None:
        """Load and show the citizen; the old one stays until the new one has arrived."""
        self._generation += 1
        generation = self._generation
        self._citizen_id = citizen_id
        self.loading.setText(self.tr("Loading…"))
        self._runner.run(
            lambda store: casework.load_citizen_screen(store, citizen_id),
            guarded(self, lambda screen: self._loaded(generation, screen)),
            guarded(self, lambda exc: self._load_failed(generation, exc)),
        )

    def reload(self) -> None:
        if self._citizen_id is not None:
            self.show_citizen(self._citizen_id)

    def clear(self) -> None:
        """Drop all personal data from the widgets (lock, or no citizen chosen)."""
        self._generation += 1
        self._screen = None
        self._citizen_id = None
        self.title.setText(self.tr("No citizen chosen"))
        self.anonymous_badge.hide()
        self.youth_badge.hide()
        self.loading.clear()
        self.show_cpr.setChecked(False)
        for value in self._values.values():
            value.clear()
        self.timeline.clear()
        self.note_detail.clear()
        self.access.clear()
        self.chart.clear()
        self._unfilled.clear()
        self.plan_editor.clear()
        for dialog in (self.editor, self.contact_dialog):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.reject()  # a contact dialog saves its draft first
        self.editor = self.contact_dialog = None
        self.tabs.hide()
        self.empty.show()
        self.record_button.setEnabled(False)
        self._update_note_buttons()

    def edit_citizen(self) -> None:
        if self._screen is None:
            return
        overview = self._screen.overview
        dialog = CitizenEditor(self._runner, overview.citizen, list(overview.places.values()), self)
        dialog.saved.connect(lambda _: self._after_change())
        dialog.finished.connect(dialog.deleteLater)
        self.editor = dialog
        dialog.open()

    def open_note(self, note_id: str, addendum: bool = False) -> ContactDialog:
        """Open a note in the contact form: a draft to go on writing, a final one read-only."""
        dialog = ContactDialog(self._runner, self)
        dialog.form.changed.connect(self._after_change)
        dialog.finished.connect(dialog.deleteLater)
        dialog.form.open_note(note_id)
        self.contact_dialog = dialog
        dialog.open()
        if addendum:
            dialog.form.addendum_text.setFocus()
        return dialog

    def open_selected_note(self) -> None:
        note = self._selected_note()
        if note is not None:
            self.open_note(note.id)

    def add_addendum_to_selected(self) -> None:
        note = self._selected_note()
        if note is not None and note.is_final:
            self.open_note(note.id, addendum=True)

    # --- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        captions = {
            "name": self.tr("Name"),
            "nickname": self.tr("Nickname"),
            "cpr": self.tr("CPR number"),
            "age": self.tr("Age"),
            "phone": self.tr("Phone"),
            "housing": self.tr("Housing situation"),
            "challenges": self.tr("Social challenges"),
            "caseworker": self.tr("Coordinating caseworker"),
            "places": self.tr("Usually met at"),
            "next_follow_up": self.tr("Next follow-up"),
            "consents": self.tr("Consents"),
        }
        for key, text in captions.items():
            self._captions[key].setText(text)
            self._values[key].setAccessibleName(text)
        self.show_cpr.setText(self.tr("Show"))
        self.show_cpr.setToolTip(self.tr("Show the full CPR number"))
        self.show_cpr.setAccessibleName(self.tr("Show the full CPR number"))
        self.edit_button.setText(self.tr("&Edit details…"))
        self.edit_button.setAccessibleName(self.tr("Edit the citizen's details"))
        self.record_button.setText(self.tr("Record contact"))
        self.record_button.setShortcut(QKeySequence("Ctrl+N"))
        self.record_button.setToolTip(self.tr("Record a contact with this citizen (Ctrl+N)"))
        self.record_button.setAccessibleName(self.tr("Record contact"))
        self.anonymous_badge.setText(self.tr("Anonymous"))
        self.youth_badge.setText(self.tr("Young (18–30)"))
        for index, text in enumerate(
            (
                self.tr("&Overview"),
                self.tr("&Plan"),
                self.tr("Con&tacts"),
                self.tr("Pro&gress"),
                self.tr("&Access log"),
            )
        ):
            self.tabs.setTabText(index, text)
        self.tabs.setAccessibleName(self.tr("Citizen"))
        self.timeline.setHeaderLabels(
            [
                self.tr("When"),
                self.tr("Place"),
                self.tr("Contact form"),
                self.tr("Topics"),
                self.tr("Note"),
                self.tr("Status"),
            ]
        )
        self.timeline.setAccessibleName(self.tr("Contacts, newest first"))
        self.note_detail.setAccessibleName(self.tr("The selected journal note"))
        self.timeline_empty.setText(self.tr("No contacts recorded yet."))
        self.open_note_button.setText(self.tr("Open &note…"))
        self.open_note_button.setAccessibleName(self.tr("Open the selected note"))
        self.addendum_button.setText(self.tr("Add a&ddendum…"))
        self.addendum_button.setAccessibleName(self.tr("Add an addendum to the selected note"))
        self.access.setHeaderLabels(
            [
                self.tr("When"),
                self.tr("User"),
                self.tr("Action"),
                self.tr("What"),
                self.tr("Purpose"),
            ]
        )
        self.access.setAccessibleName(self.tr("Access log"))
        self.access_intro.setText(
            self.tr(
                "Who looked at or changed this citizen's data on this laptop, when, and why. "
                "The citizen has the right to know the dates and purposes."
            )
        )
        self.empty.setText(self.tr("Choose a citizen in the caseload to see their overview."))
        if self._screen is not None:
            self._show(self._screen)
        else:
            self.title.setText(self.tr("No citizen chosen"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- showing ----------------------------------------------------------------------------
    def _loaded(self, generation: int, screen: CitizenScreen) -> None:
        if generation != self._generation:
            return
        self.loading.clear()
        self._screen = screen
        self._show(screen)
        ov = screen.overview
        self.plan_editor.set_state(
            PlanState(
                ov.citizen.id, ov.plan, ov.goals, ov.efforts, ov.ratings, ov.consents, screen.today
            )
        )
        self.loaded.emit(ov.citizen.id)

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading.setText(self.tr("The citizen could not be loaded."))

    def _show(self, screen: CitizenScreen) -> None:
        ov, today = screen.overview, screen.today
        citizen = ov.citizen
        self.tabs.show()
        self.empty.hide()
        self.record_button.setEnabled(True)
        self.title.setText(citizen.display_name)
        self.anonymous_badge.setVisible(citizen.anonymous)
        self.youth_badge.setVisible(citizen.is_youth(today))
        v = self._values
        v["name"].setText(citizen.name or "—")
        v["nickname"].setText(citizen.nickname or "—")
        self._show_cpr_value()
        age = citizen.age_on(today)
        v["age"].setText(
            self.tr("%1 years").replace("%1", str(age)) if age is not None else self.tr("Not known")
        )
        v["phone"].setText(citizen.phone or "—")
        v["housing"].setText(labels.housing(citizen.housing))
        v["challenges"].setText(
            ", ".join(labels.challenge(c) for c in citizen.challenges) or self.tr("None recorded")
        )
        coordinator = citizen.coordinating_caseworker
        v["caseworker"].setText(screen.user_names.get(coordinator, coordinator) or "—")
        v["places"].setText(
            ", ".join(ov.places[p].name for p in citizen.usual_place_ids if p in ov.places) or "—"
        )
        follow = ov.next_follow_up
        if follow is None:
            v["next_follow_up"].setText(self.tr("None"))
        else:
            text = f"{fmt_date(follow.due)}: {follow.description}"
            if follow.is_overdue(today):
                text += " " + self.tr("(overdue)")
            v["next_follow_up"].setText(text)
        v["consents"].setText(
            "\n".join(self._consent_text(c, today) for c in ov.consents) or self.tr("None")
        )
        self._show_timeline(screen)
        # the hidden ones keep nothing of the citizen shown before
        self._unfilled = {self.chart, self._access_page}
        shown = self.tabs.currentWidget()
        if shown is not self._access_page and self.access.topLevelItemCount():
            self.access.clear()
        if shown is not self.chart and not self.chart.is_empty:
            self.chart.clear()
        self._fill_shown_tab()

    def _fill_shown_tab(self) -> None:
        page = self.tabs.currentWidget()
        if page not in self._unfilled or self._screen is None:
            return
        self._unfilled.discard(page)
        if page is self.chart:
            ov = self._screen.overview
            self.chart.set_data(ov.goals, ov.ratings)
        else:
            self._show_access(self._screen)

    def _show_cpr_value(self) -> None:
        if self._screen is None:
            self._values["cpr"].clear()
            return
        citizen = self._screen.overview.citizen
        self.show_cpr.setVisible(bool(citizen.cpr))
        shown = citizen.cpr if self.show_cpr.isChecked() and citizen.cpr else None
        self._values["cpr"].setText(shown or masked_cpr(citizen.cpr))
        if citizen.anonymous and not citizen.cpr:
            self._values["cpr"].setText(self.tr("None (anonymous contact)"))

    def _consent_text(self, consent: Consent, today: object) -> str:
        parties = ", ".join(labels.responsible(p) for p in consent.parties)
        if consent.withdrawn_on is not None and consent.withdrawn_on <= today:  # type: ignore[operator]
            state = self.tr("withdrawn %1").replace("%1", fmt_date(consent.withdrawn_on))
        elif consent.is_valid_on(today):  # type: ignore[arg-type]
            state = (
                self.tr("valid until %1").replace("%1", fmt_date(consent.expires_on))
                if consent.expires_on
                else self.tr("valid, no expiry")
            )
        elif consent.expires_on is not None and consent.expires_on < today:  # type: ignore[operator]
            state = self.tr("EXPIRED %1").replace("%1", fmt_date(consent.expires_on))
        else:
            state = self.tr("not yet valid")
        text = self.tr("%1 — with %2; %3, given %4 — %5")
        for marker, value in (
            ("%1", consent.scope),
            ("%2", parties),
            ("%3", labels.consent_form(consent.form)),
            ("%4", fmt_date(consent.given_on)),
            ("%5", state),
        ):
            text = text.replace(marker, value)
        return text

    def _show_timeline(self, screen: CitizenScreen) -> None:
        ov = screen.overview
        current = self._selected_note()
        self.timeline.setUpdatesEnabled(False)
        self.timeline.clear()
        items: list[QTreeWidgetItem] = []
        # 200 notes, a handful of distinct words: each translated once per showing
        final, draft, late = self.tr("Final"), self.tr("Draft"), self.tr("late note")
        forms: dict[ContactForm, str] = {}
        topics: dict[Topic, str] = {}
        for note in ov.timeline:
            place = ov.places.get(note.place_id or "")
            first_line = next((line for line in note.text.splitlines() if line.strip()), "")
            if note.contact_form not in forms:
                forms[note.contact_form] = labels.contact_form(note.contact_form)
            for topic in note.topics:
                if topic not in topics:
                    topics[topic] = labels.topic(topic)
            status = final if note.is_final else draft
            review = screen.review_states.get(note.id)
            if note.is_final and review is not None:
                status += " · " + state_label(review)  # a lead's review (returned: answer it)
            if note.is_late():
                status += " · " + late
            item = QTreeWidgetItem(
                [
                    fmt_datetime(note.event_time),
                    place.name if place else "—",
                    forms[note.contact_form],
                    ", ".join(topics[t] for t in note.topics),
                    first_line,
                    status,
                ]
            )
            item.setData(0, ID_ROLE, note.id)
            item.setToolTip(4, note.text[:400])
            item.setToolTip(3, item.text(3))
            item.setToolTip(1, item.text(1))
            if not note.is_final:
                font = item.font(5)
                font.setItalic(True)
                item.setFont(5, font)
            elif review is not None:
                item.setForeground(5, QColor(STATE_COLOURS[review]))
                item.setData(5, Qt.ItemDataRole.AccessibleTextRole, status)
            for addendum in ov.addenda.get(note.id, []):
                author = screen.user_names.get(addendum.author, addendum.author)
                child = QTreeWidgetItem(
                    [
                        fmt_datetime(addendum.written_time),
                        "",
                        "",
                        "",
                        self.tr("Addendum by %1: %2")
                        .replace("%1", author)
                        .replace("%2", addendum.text.splitlines()[0] if addendum.text else ""),
                        self.tr("Addendum"),
                    ]
                )
                child.setData(0, ID_ROLE, note.id)
                item.addChild(child)
            items.append(item)
        # one insertion and one measuring pass: 200 notes open in a frame or two
        self.timeline.addTopLevelItems(items)
        self.timeline.expandAll()
        header = self.timeline.header()
        for column in (0, 2, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.timeline.resizeColumnToContents(column)
        # long place names must not squeeze the note, the column that matters most
        for column, width in ((1, 130), (3, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if header.sectionSize(column) > width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.timeline.setUpdatesEnabled(True)
        self.timeline_empty.setVisible(not ov.timeline)
        if current is not None:
            for i in range(self.timeline.topLevelItemCount()):
                if self.timeline.topLevelItem(i).data(0, ID_ROLE) == current.id:
                    self.timeline.setCurrentItem(self.timeline.topLevelItem(i))
        elif self.timeline.topLevelItemCount():
            self.timeline.setCurrentItem(self.timeline.topLevelItem(0))
        self._update_note_buttons()

    def _show_access(self, screen: CitizenScreen) -> None:
        # hundreds of entries with a handful of distinct words: each word translated once
        actions: dict[str, str] = {}
        kinds: dict[str, str] = {}
        purposes: dict[str, str] = {}
        items = []
        for entry in reversed(screen.overview.access):
            when = parse_iso(entry.at)
            if entry.action not in actions:
                actions[entry.action] = labels.access_action(entry.action)
            if entry.entity not in kinds:
                kinds[entry.entity] = labels.record_kind(entry.entity)
            if entry.purpose not in purposes:
                purposes[entry.purpose] = labels.purpose(entry.purpose)
            items.append(
                QTreeWidgetItem(
                    [
                        fmt_datetime(when) if when else entry.at,
                        screen.user_names.get(entry.user_id, entry.user_id),
                        actions[entry.action],
                        kinds[entry.entity],
                        purposes[entry.purpose],
                    ]
                )
            )
        self.access.setUpdatesEnabled(False)
        self.access.clear()
        self.access.addTopLevelItems(items)
        for column in range(5):
            self.access.resizeColumnToContents(column)
        self.access.setUpdatesEnabled(True)

    def _selected_note(self) -> JournalNote | None:
        item = self.timeline.currentItem()
        if item is None or self._screen is None:
            return None
        note_id = item.data(0, ID_ROLE)
        return next((n for n in self._screen.overview.timeline if n.id == note_id), None)

    def _note_selected(self, *_: object) -> None:
        note = self._selected_note()
        if note is None or self._screen is None:
            self.note_detail.clear()
        else:
            self.note_detail.setPlainText(self._note_text(note))
        self._update_note_buttons()

    def _note_text(self, note: JournalNote) -> str:
        assert self._screen is not None
        ov, names = self._screen.overview, self._screen.user_names
        place = ov.places.get(note.place_id or "")
        lines = [
            self.tr("Contact %1 at %2 (%3), written %4 by %5")
            .replace("%1", fmt_datetime(note.event_time))
            .replace("%2", place.name if place else "—")
            .replace("%3", labels.contact_form(note.contact_form))
            .replace("%4", fmt_datetime(note.written_time))
            .replace("%5", names.get(note.caseworker, note.caseworker)),
        ]
        if note.is_late():
            lines.append(self.tr("Late note: written more than 24 hours after the contact."))
        lines += ["", note.text]
        if note.agreements:
            lines += ["", self.tr("Agreements:")]
            for agreement in note.agreements:
                lines.append(
                    f"• {agreement.description} ({fmt_date(agreement.due)}, "
                    f"{labels.responsible(agreement.responsible)})"
                )
        for addendum in ov.addenda.get(note.id, []):
            head = self.tr("Addendum by %1, %2").replace(
                "%1", names.get(addendum.author, addendum.author)
            )
            lines += ["", head.replace("%2", fmt_datetime(addendum.written_time)), addendum.text]
        return "\n".join(lines)

    def _update_note_buttons(self) -> None:
        note = self._selected_note()
        self.open_note_button.setEnabled(note is not None)
        self.open_note_button.setText(
            self.tr("&Continue draft…") if note and not note.is_final else self.tr("Open &note…")
        )
        self.addendum_button.setEnabled(note is not None and note.is_final)

    # --- actions ----------------------------------------------------------------------------
    def _request_contact(self) -> None:
        if self._citizen_id is not None and self._screen is not None:
            self.record_contact_requested.emit(self._citizen_id)

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

    def _plan_changed(self) -> None:
        # the plan editor has reloaded itself; refresh the rest (chart, follow-ups, log)
        if self._citizen_id is None:
            return
        self._generation += 1
        generation = self._generation
        citizen_id = self._citizen_id

        def loaded(screen: CitizenScreen) -> None:
            if generation == self._generation:
                self._screen = screen
                self._show(screen)

        self._runner.run(
            lambda store: casework.load_citizen_screen(store, citizen_id), guarded(self, loaded)
        )
        self.changed.emit()

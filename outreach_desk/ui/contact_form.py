"""Record a contact in the minute the citizen sits down: who, where, when, what, agreements.

Nothing typed is lost: the draft is saved a moment after typing stops, when the form
closes and before the app locks. A final note is locked; corrections are addenda.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import (
    Addendum,
    Agreement,
    JournalNote,
    ResponsibleParty,
    Topic,
    ValidationError,
)
from ..domain.enums import ContactForm as ContactKind
from ..domain.note import LATE_AFTER
from ..services import casework
from ..services.casework import ContactContext, ContactInput, OpenedNote
from ..services.tasks import TaskRunner
from . import labels
from .widgets import (
    ErrorLabel,
    FieldErrors,
    OptionalDateEdit,
    badge,
    fill_combo,
    fmt_datetime,
    fmt_time,
    from_qdatetime,
    guarded,
    muted,
    select_data,
    to_qdatetime,
)

ID_ROLE = Qt.ItemDataRole.UserRole
AUTOSAVE_MS = 2000
SEARCH_MS = 250


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AgreementRow(QWidget):
    """One agreement: what, by when, who. Becomes a follow-up when the note is final."""

    edited = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.description = QLineEdit()
        self.due = OptionalDateEdit()
        self.responsible = QComboBox()
        self.remove = QToolButton()
        self.error = ErrorLabel()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.description, 0, 0)
        layout.addWidget(self.due, 0, 1)
        layout.addWidget(self.responsible, 0, 2)
        layout.addWidget(self.remove, 0, 3)
        layout.addWidget(self.error, 1, 0, 1, 4)
        layout.setColumnStretch(0, 1)
        self.description.textEdited.connect(lambda _: self.edited.emit())
        self.due.dateChanged.connect(lambda _: self.edited.emit())
        self.responsible.currentIndexChanged.connect(lambda _: self.edited.emit())
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.retranslate()
        select_data(self.responsible, ResponsibleParty.CASEWORKER)

    def retranslate(self) -> None:
        fill_combo(self.responsible, labels.options(ResponsibleParty, labels.responsible))
        self.description.setPlaceholderText(self.tr("What was agreed"))
        self.description.setAccessibleName(self.tr("Agreement"))
        self.due.setAccessibleName(self.tr("Agreement due date"))
        self.due.setToolTip(self.tr("Due date (Delete clears it)"))
        self.responsible.setAccessibleName(self.tr("Who is responsible for the agreement"))
        self.remove.setText(self.tr("Remove"))
        self.remove.setAccessibleName(self.tr("Remove agreement"))

    def value(self) -> Agreement:
        return Agreement(
            description=self.description.text().strip(),
            due=self.due.value(),
            responsible=self.responsible.currentData(),
        )

    def set_value(self, agreement: Agreement) -> None:
        self.description.setText(agreement.description)
        self.due.set_value(agreement.due)
        select_data(self.responsible, agreement.responsible)

    def set_locked(self, locked: bool) -> None:
        for widget in (self.description, self.due, self.responsible, self.remove):
            widget.setEnabled(not locked)
        self.remove.setVisible(not locked)


class AnonymousDialog(QDialog):
    """A citizen met on the spot, known only by a nickname and how to recognise them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New anonymous contact"))
        self.nickname = QLineEdit()
        self.nickname.setAccessibleName(self.tr("Nickname"))
        self.description = QLineEdit()
        self.description.setAccessibleName(self.tr("How to recognise the citizen"))
        self.description.setPlaceholderText(self.tr("e.g. red jacket, has a dog"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Add"))
        ok.setEnabled(False)
        self.nickname.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        form = QFormLayout(self)
        hint = muted(QLabel(self.tr("The record can be linked to a CPR number later.")))
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.tr("&Nickname"), self.nickname)
        form.addRow(self.tr("&Recognised by"), self.description)
        form.addRow(self.buttons)
        self.resize(420, self.sizeHint().height())


class ContactForm(QWidget):
    """The quick record-a-contact form. Embed it, or use :class:`ContactDialog`."""

    saved = Signal(str)  # note id, after each draft save (manual or automatic)
    finalised = Signal(str)
    addendum_added = Signal(str)
    changed = Signal()  # anything was written to the store

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._clock = clock or _utc_now
        self._note_id: str | None = None
        self._note: JournalNote | None = None
        self._written_time: datetime | None = None
        self._addenda: list[Addendum] = []
        self._user_names: dict[str, str] = {}
        self._places: list[Any] = []
        self._dirty = False
        self._saving = False
        self._save_again = False
        self._finalise_after_save = False
        self._loading = False
        self._generation = 0
        self._saved_at: datetime | None = None
        self._status_key = "new"
        self.anonymous_dialog: AnonymousDialog | None = None

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self._autosave_now)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_MS)
        self._search_timer.timeout.connect(self._search)

        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)

        # --- who -------------------------------------------------------------------------
        self.find = QLineEdit()
        self.find.setClearButtonEnabled(True)
        self.find.textEdited.connect(lambda _: self._search_timer.start())
        self.find.returnPressed.connect(self._add_first_result)
        self.results = QListWidget()
        self.results.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        self.results.itemActivated.connect(self._add_result)
        self.results.hide()
        self.anonymous_button = QPushButton()
        self.anonymous_button.clicked.connect(self._ask_anonymous)
        self.present = QListWidget()
        self.present.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 8)
        self.present.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.remove_citizen = QPushButton()
        self.remove_citizen.clicked.connect(self._remove_selected_citizen)
        self._who_label = QLabel()
        self._who_label.setBuddy(self.find)
        who = QWidget()
        who_layout = QGridLayout(who)
        who_layout.setContentsMargins(0, 0, 0, 0)
        who_layout.addWidget(self.find, 0, 0)
        who_layout.addWidget(self.anonymous_button, 0, 1)
        who_layout.addWidget(self.results, 1, 0, 1, 2)
        who_layout.addWidget(self.present, 2, 0)
        who_layout.addWidget(self.remove_citizen, 2, 1, Qt.AlignmentFlag.AlignTop)
        who_layout.addWidget(self.errors.bind("citizen_ids", ErrorLabel()), 3, 0, 1, 2)
        self.errors.bind("name", self.errors.label_for("citizen_ids"))
        who_layout.setColumnStretch(0, 1)

        # --- where, when, how ---------------------------------------------------------------
        self.place = QComboBox()
        self.place.currentIndexChanged.connect(lambda _: self._edited())
        self.event_time = QDateTimeEdit()
        self.event_time.setDisplayFormat("dd-MM-yyyy HH:mm")
        self.event_time.setCalendarPopup(True)
        self.event_time.dateTimeChanged.connect(lambda _: self._event_time_changed())
        self.now_button = QPushButton()
        self.now_button.clicked.connect(self._set_now)
        self.late_flag = badge(QLabel(), "late")
        self.late_flag.hide()
        when = QWidget()
        when_layout = QHBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        when_layout.addWidget(self.event_time)
        when_layout.addWidget(self.now_button)
        when_layout.addWidget(self.late_flag)
        when_layout.addStretch(1)
        self.kind = QComboBox()
        self.kind.currentIndexChanged.connect(lambda _: self._edited())
        self._place_label, self._when_label, self._kind_label = QLabel(), QLabel(), QLabel()
        self._place_label.setBuddy(self.place)
        self._when_label.setBuddy(self.event_time)
        self._kind_label.setBuddy(self.kind)

        # --- what ----------------------------------------------------------------------------
        self.topics: dict[Topic, QCheckBox] = {}
        topics = QWidget()
        topics_layout = QGridLayout(topics)
        topics_layout.setContentsMargins(0, 0, 0, 0)
        topics_layout.setHorizontalSpacing(16)
        for index, topic in enumerate(Topic):
            box = QCheckBox()
            box.toggled.connect(lambda _: self._edited())
            self.topics[topic] = box
            topics_layout.addWidget(box, index // 4, index % 4)
        self._topics_label = QLabel()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.text.textChanged.connect(self._edited)
        self._text_label = QLabel()
        self._text_label.setBuddy(self.text)

        # --- agreements -------------------------------------------------------------------
        self.agreement_rows: list[AgreementRow] = []
        self._agreements_box = QGroupBox()
        self._agreements_layout = QVBoxLayout(self._agreements_box)
        self._no_agreements = muted(QLabel())
        self._agreements_layout.addWidget(self._no_agreements)
        self.add_agreement_button = QPushButton()
        self.add_agreement_button.clicked.connect(lambda: self.add_agreement(focus=True))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_agreement_button)
        add_row.addStretch(1)
        self._agreements_layout.addLayout(add_row)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._who_label, who)
        form.addRow(self._place_label, self.place)
        form.addRow(self._when_label, when)
        form.addRow("", self.errors.bind("event_time", ErrorLabel()))
        form.addRow(self._kind_label, self.kind)
        form.addRow(self._topics_label, topics)
        form.addRow(self._text_label, self.text)
        form.addRow("", self.errors.bind("text", ErrorLabel()))

        # --- addenda (final notes) ---------------------------------------------------------
        self._addenda_box = QGroupBox()
        self.addenda_view = QLabel()
        self.addenda_view.setWordWrap(True)
        self.addenda_view.setTextFormat(Qt.TextFormat.PlainText)
        self.addenda_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addendum_text = QPlainTextEdit()
        self.addendum_text.setTabChangesFocus(True)
        self.addendum_text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.addendum_error = ErrorLabel()
        self._addendum_errors = FieldErrors(self.addendum_error)
        self.addendum_button = QPushButton()
        self.addendum_button.clicked.connect(self.add_addendum)
        addenda_layout = QVBoxLayout(self._addenda_box)
        addenda_layout.addWidget(self.addenda_view)
        addenda_layout.addWidget(self.addendum_text)
        addenda_row = QHBoxLayout()
        addenda_row.addWidget(self.addendum_error)
        addenda_row.addStretch(1)
        addenda_row.addWidget(self.addendum_button)
        addenda_layout.addLayout(addenda_row)
        self._addenda_box.hide()

        # --- bottom bar ---------------------------------------------------------------------
        self.status_badge = QLabel()
        self.status = muted(QLabel())
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_draft)
        self.finalise_button = QPushButton()
        self.finalise_button.clicked.connect(lambda: self.finalise())
        bar = QHBoxLayout()
        bar.addWidget(self.status_badge)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.finalise_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(form)
        body_layout.addWidget(self._agreements_box)
        body_layout.addWidget(self._addenda_box)
        body_layout.addWidget(self.general_error)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self._scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        bar_margin = QWidget()
        bar_margin.setLayout(bar)
        layout.addWidget(bar_margin)

        self._save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self._save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._save_shortcut.activated.connect(self.save_draft)
        self._late_timer = QTimer(self)
        self._late_timer.setInterval(60_000)
        self._late_timer.timeout.connect(self._update_late_flag)
        self._late_timer.start()

        self.retranslate()
        self._update_tab_order()
        self._reset()

    # --- public ----------------------------------------------------------------------------
    @property
    def note_id(self) -> str | None:
        return self._note_id

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def is_final(self) -> bool:
        return self._note is not None and self._note.is_final

    @property
    def is_late(self) -> bool:
        return not self.late_flag.isHidden()

    def citizen_ids(self) -> list[str]:
        """Ids of the citizens present (anonymous contacts once they are saved)."""
        ids = []
        for row in range(self.present.count()):
            data = self.present.item(row).data(ID_ROLE)
            if data.get("id"):
                ids.append(data["id"])
        return ids

    def new_contact(self, citizen_ids: Sequence[str] = ()) -> None:
        """Start a fresh contact with these citizens present; place remembered."""
        self._reset()  # typing may start at once; the context fills in around it
        generation = self._generation
        ids = tuple(citizen_ids)
        self._runner.run(
            lambda store: casework.contact_context(store, ids),
            guarded(self, lambda ctx: self._context_loaded(generation, ctx, ids)),
            guarded(self, self._load_failed),
        )

    def open_note(self, note_id: str) -> None:
        """Open a saved draft to go on writing, or a final note to read and add addenda."""
        self._reset()
        self._loading = True
        generation = self._generation
        self._runner.run(
            lambda store: casework.open_note(store, note_id),
            guarded(self, lambda opened: self._note_loaded(generation, opened)),
            guarded(self, self._load_failed),
        )

    def add_citizen(self, citizen_id: str, title: str) -> None:
        for row in range(self.present.count()):
            if self.present.item(row).data(ID_ROLE).get("id") == citizen_id:
                return
        item = QListWidgetItem(title)
        item.setData(ID_ROLE, {"id": citizen_id})
        self.present.addItem(item)
        self._edited()

    def add_anonymous(self, nickname: str, description: str = "") -> None:
        """A citizen met on the spot; created in the store with the draft."""
        nickname = nickname.strip()
        if not nickname:
            return
        item = QListWidgetItem(self.tr("%1 (new anonymous contact)").replace("%1", nickname))
        item.setData(ID_ROLE, {"id": None, "nickname": nickname, "description": description})
        self.present.addItem(item)
        self._edited()

    def add_agreement(
        self, agreement: Agreement | None = None, focus: bool = False
    ) -> AgreementRow:
        row = AgreementRow()
        if agreement is not None:
            row.set_value(agreement)
        row.edited.connect(self._edited)
        row.remove_requested.connect(self._remove_agreement)
        self._agreements_layout.insertWidget(self._agreements_layout.count() - 1, row)
        self.agreement_rows.append(row)
        self.errors.bind(f"agreements[{len(self.agreement_rows) - 1}]", row.error)
        self._no_agreements.hide()
        self._update_tab_order()
        if focus:
            row.description.setFocus()
        if agreement is None:
            self._edited()
        return row

    def save_draft(self) -> None:
        """Save now (Ctrl+S). Autosave calls this too."""
        self._autosave.stop()
        if self.is_final or self._loading:
            return
        if self._saving:
            self._save_again = True
            return
        form = self._input()
        anonymous = [
            self.present.item(row)
            for row in range(self.present.count())
            if not self.present.item(row).data(ID_ROLE).get("id")
        ]
        draft_id = self._note_id
        self._dirty = False
        self._saving = True
        self._save_again = False
        self._set_status("saving")
        generation = self._generation
        self._runner.run(
            lambda store: casework.save_draft(store, draft_id, form),
            guarded(self, lambda note: self._saved(generation, note, form, anonymous)),
            guarded(self, lambda exc: self._save_failed(generation, exc)),
        )

    def flush(self) -> None:
        """Save unsaved edits now (closing, locking). The save is queued before any lock."""
        if self._dirty and not self.is_final:
            self.save_draft()

    def finalise(self, confirm: bool = True) -> None:
        """Lock the note after a confirmation; agreements become follow-ups."""
        if self.is_final or self._loading:
            return
        if confirm and not self.confirm_finalise():
            return
        self._finalise_after_save = True
        if self._dirty or self._note_id is None or self._saving:
            self.save_draft()
        else:
            self._run_finalise()

    def confirm_finalise(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Finalise journal note"),
            self.tr(
                "Finalise the journal note? It is then locked and cannot be edited any more. "
                "Corrections and additions can only be made as addenda.\n\n"
                "Agreements become follow-ups."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def add_addendum(self) -> None:
        if not self.is_final or self._note_id is None:
            return
        text = self.addendum_text.toPlainText().strip()
        note_id = self._note_id
        self._addendum_errors.clear()
        self.addendum_button.setEnabled(False)

        def done(addendum: Addendum) -> None:
            self.addendum_button.setEnabled(True)
            self.addendum_text.clear()
            self._addenda.append(addendum)
            self._show_addenda()
            self.addendum_added.emit(addendum.id)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self.addendum_button.setEnabled(True)
            self._show_errors(exc, self._addendum_errors, self.addendum_error)

        self._runner.run(
            lambda store: casework.add_addendum(store, note_id, text),
            guarded(self, done),
            guarded(self, failed),
        )

    def clear(self) -> None:
        """Save what is unsaved (queued before the lock), then empty the form."""
        self.flush()
        self._reset()

    # --- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._who_label.setText(self.tr("&Citizens present"))
        self.find.setPlaceholderText(self.tr("Find by name, nickname, CPR or place"))
        self.find.setAccessibleName(self.tr("Find a citizen who was present"))
        self.results.setAccessibleName(self.tr("Search results: press Enter to add"))
        self.anonymous_button.setText(self.tr("New &anonymous contact…"))
        self.anonymous_button.setAccessibleName(self.tr("New anonymous contact"))
        self.present.setAccessibleName(self.tr("Citizens present"))
        self.remove_citizen.setText(self.tr("Remove"))
        self.remove_citizen.setAccessibleName(self.tr("Remove the selected citizen"))
        self._place_label.setText(self.tr("&Place"))
        self.place.setAccessibleName(self.tr("Place"))
        self._when_label.setText(self.tr("&When"))
        self.event_time.setAccessibleName(self.tr("Time of the contact"))
        self.now_button.setText(self.tr("Now"))
        self.now_button.setAccessibleName(self.tr("Set the time of the contact to now"))
        self.late_flag.setText(self.tr("Late note: more than 24 hours after the contact"))
        self._kind_label.setText(self.tr("Con&tact form"))
        self.kind.setAccessibleName(self.tr("Contact form"))
        fill_combo(self.kind, labels.options(ContactKind, labels.contact_form))
        self._topics_label.setText(self.tr("Topics"))
        for topic, box in self.topics.items():
            box.setText(labels.topic(topic))
            box.setAccessibleName(self.tr("Topic: %1").replace("%1", labels.topic(topic)))
        self._text_label.setText(self.tr("&Note"))
        self.text.setAccessibleName(self.tr("Journal note text"))
        self.text.setPlaceholderText(self.tr("What happened, what the citizen said, what we did"))
        self._agreements_box.setTitle(self.tr("Agreements (become follow-ups)"))
        self._no_agreements.setText(self.tr("No agreements."))
        self.add_agreement_button.setText(self.tr("Add a&greement"))
        self.add_agreement_button.setAccessibleName(self.tr("Add agreement"))
        for row in self.agreement_rows:
            row.retranslate()
        self._addenda_box.setTitle(self.tr("Addenda"))
        self.addendum_text.setPlaceholderText(self.tr("Correction or addition to the final note"))
        self.addendum_text.setAccessibleName(self.tr("Addendum text"))
        self.addendum_button.setText(self.tr("Add a&ddendum"))
        self.addendum_button.setAccessibleName(self.tr("Add addendum"))
        self.save_button.setText(self.tr("&Save draft"))
        self.save_button.setToolTip(
            self.tr("Save draft (Ctrl+S). Drafts are also saved as you type.")
        )
        self.save_button.setAccessibleName(self.tr("Save draft"))
        self.finalise_button.setText(self.tr("&Finalise…"))
        self.finalise_button.setToolTip(self.tr("Finalise and lock the journal note"))
        self.finalise_button.setAccessibleName(self.tr("Finalise"))
        self._fill_places()
        self._show_addenda()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    # --- loading -----------------------------------------------------------------------------
    def _reset(self) -> None:
        self._generation += 1
        self._autosave.stop()
        self._search_timer.stop()
        self._loading = True
        self._note_id = None
        self._note = None
        self._written_time = None
        self._addenda = []
        self._dirty = self._saving = self._save_again = self._finalise_after_save = False
        self._saved_at = None
        self.find.clear()
        self.results.clear()
        self.results.hide()
        self.present.clear()
        self._places = []
        self._fill_places()
        self.event_time.setDateTime(to_qdatetime(self._clock()))
        self.kind.setCurrentIndex(0)
        for box in self.topics.values():
            box.setChecked(False)
        self.text.clear()
        for row in list(self.agreement_rows):
            self._remove_agreement(row, edited=False)
        self.addendum_text.clear()
        self.errors.clear()
        self._addendum_errors.clear()
        self._show_addenda()
        self._set_locked(False)
        self._loading = False
        self._update_late_flag()
        self._set_status("new")

    def _context_loaded(self, generation: int, ctx: ContactContext, ids: tuple[str, ...]) -> None:
        if generation != self._generation:
            return
        was_dirty = self._dirty
        self._loading = True
        self._places = ctx.places
        self._fill_places()
        if self.place.currentData() is None:
            select_data(self.place, ctx.last_place_id)
        present = set(self.citizen_ids())
        for row, citizen_id in enumerate(i for i in ids if i not in present):
            item = QListWidgetItem(ctx.names.get(citizen_id, "—"))
            item.setData(ID_ROLE, {"id": citizen_id})
            self.present.insertItem(row, item)
        self._loading = False
        self._update_late_flag()
        if was_dirty:
            self._edited()
        if not self.text.hasFocus():
            self.text.setFocus()

    def _note_loaded(self, generation: int, opened: OpenedNote) -> None:
        if generation != self._generation:
            return
        self._loading = True
        note = opened.note
        self._note, self._note_id = note, note.id
        self._written_time = note.written_time
        self._addenda = list(opened.addenda)
        self._user_names = dict(opened.context.user_names)
        self._places = opened.context.places
        self._fill_places()
        select_data(self.place, note.place_id)
        for citizen_id in note.citizen_ids:
            item = QListWidgetItem(opened.context.names.get(citizen_id, "—"))
            item.setData(ID_ROLE, {"id": citizen_id})
            self.present.addItem(item)
        self.event_time.setDateTime(to_qdatetime(note.event_time))
        select_data(self.kind, note.contact_form)
        for topic, box in self.topics.items():
            box.setChecked(topic in note.topics)
        self.text.setPlainText(note.text)
        for agreement in note.agreements:
            self.add_agreement(agreement)
        self._set_locked(note.is_final)
        self._show_addenda()
        self._loading = False
        self._update_late_flag()
        self._set_status("final" if note.is_final else "opened")
        if note.is_final:
            self.addendum_text.setFocus()
            self._scroll.ensureWidgetVisible(self.addendum_text)
        else:
            self.text.setFocus()

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.general_error.setText(self.tr("The contact could not be opened."))
        self.general_error.show()

    # --- saving ---------------------------------------------------------------------------
    def _input(self) -> ContactInput:
        citizen_ids: list[str] = []
        anonymous: list[tuple[str, str]] = []
        for row in range(self.present.count()):
            data = self.present.item(row).data(ID_ROLE)
            if data.get("id"):
                citizen_ids.append(data["id"])
            else:
                anonymous.append((data["nickname"], data.get("description", "")))
        return ContactInput(
            citizen_ids=tuple(citizen_ids),
            contact_form=self.kind.currentData(),
            event_time=from_qdatetime(self.event_time.dateTime()),
            place_id=self.place.currentData(),
            topics=tuple(t for t, box in self.topics.items() if box.isChecked()),
            text=self.text.toPlainText(),
            agreements=tuple(row.value() for row in self.agreement_rows),
            new_anonymous=tuple(anonymous),
        )

    def _saved(
        self,
        generation: int,
        note: JournalNote,
        form: ContactInput,
        anonymous: list[QListWidgetItem],
    ) -> None:
        self._saving = False
        if generation != self._generation:
            return
        self._note, self._note_id = note, note.id
        self._written_time = note.written_time
        created = [c for c in note.citizen_ids if c not in form.citizen_ids]
        for item, citizen_id in zip(anonymous, created, strict=False):
            data = dict(item.data(ID_ROLE))
            data["id"] = citizen_id
            item.setData(ID_ROLE, data)  # created once; later saves reuse the id
            item.setText(data["nickname"])
        self._saved_at = self._clock()
        self.errors.clear()
        self._set_status("saved")
        self.saved.emit(note.id)
        self.changed.emit()
        if self._save_again or self._dirty:
            self.save_draft()
        elif self._finalise_after_save:
            self._run_finalise()

    def _save_failed(self, generation: int, exc: BaseException) -> None:
        self._saving = False
        if generation != self._generation:
            return
        self._dirty = True
        self._finalise_after_save = False
        self._show_errors(exc, self.errors, self.general_error)
        self._set_status("not_saved")

    def _run_finalise(self) -> None:
        self._finalise_after_save = False
        note_id = self._note_id
        if note_id is None:
            return
        generation = self._generation
        self.finalise_button.setEnabled(False)

        def done(note: JournalNote) -> None:
            if generation != self._generation:
                return
            self._note = note
            self._set_locked(True)
            self._show_addenda()
            self.errors.clear()
            self._set_status("final")
            self.finalised.emit(note.id)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.finalise_button.setEnabled(True)
            self._show_errors(exc, self.errors, self.general_error)
            self._set_status("not_final")

        self._runner.run(
            lambda store: casework.finalise(store, note_id),
            guarded(self, done),
            guarded(self, failed),
        )

    def _show_errors(self, exc: BaseException, errors: FieldErrors, general: ErrorLabel) -> None:
        if isinstance(exc, ValidationError):
            errors.show(exc.errors)
        else:
            errors.clear()
            general.setText(
                self.tr("Could not save. What you typed is still here; try again in a moment.")
            )
            general.show()

    # --- editing ---------------------------------------------------------------------------
    def _edited(self) -> None:
        if self._loading or self.is_final:
            return
        self._dirty = True
        self._autosave.start()  # restarts: saves a moment after typing stops
        if self._status_key in ("saved", "opened", "new"):
            self._set_status("unsaved")

    def _autosave_now(self) -> None:
        if self._dirty:
            self.save_draft()

    def _event_time_changed(self) -> None:
        self._update_late_flag()
        self._edited()

    def _set_now(self) -> None:
        self.event_time.setDateTime(to_qdatetime(self._clock()))

    def _update_late_flag(self) -> None:
        written = self._written_time or self._clock()
        late = written - from_qdatetime(self.event_time.dateTime()) > LATE_AFTER
        self.late_flag.setVisible(late)
        self.late_flag.setAccessibleName(self.late_flag.text() if late else "")

    def _fill_places(self) -> None:
        items: list[tuple[str, object]] = [(self.tr("(no place)"), None)]
        items += [(place.name, place.id) for place in self._places]
        was = self._loading
        self._loading = True
        fill_combo(self.place, items)
        self._loading = was

    def _search(self) -> None:
        text = self.find.text().strip()
        if len(text) < 2:
            self.results.clear()
            self.results.hide()
            return
        generation = self._generation
        self._runner.run(
            lambda store: casework.find_citizens(store, text),
            guarded(self, lambda hits: self._show_results(generation, hits)),
        )

    def _show_results(self, generation: int, hits: list[tuple[str, str]]) -> None:
        if generation != self._generation:
            return
        self.results.clear()
        for citizen_id, title in hits:
            item = QListWidgetItem(title)
            item.setData(ID_ROLE, citizen_id)
            self.results.addItem(item)
        if not hits:
            item = QListWidgetItem(self.tr("No citizen found. Add a new anonymous contact?"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self.results.setVisible(True)
        self.results.setCurrentRow(0)

    def _add_result(self, item: QListWidgetItem) -> None:
        citizen_id = item.data(ID_ROLE)
        if citizen_id:
            self.add_citizen(citizen_id, item.text())
            self.find.clear()
            self.results.clear()
            self.results.hide()
            self.find.setFocus()

    def _add_first_result(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._add_result(item)

    def _ask_anonymous(self) -> None:
        dialog = AnonymousDialog(self)
        dialog.nickname.setText(self.find.text().strip())
        dialog.accepted.connect(
            lambda: self.add_anonymous(dialog.nickname.text(), dialog.description.text())
        )
        dialog.finished.connect(dialog.deleteLater)
        self.anonymous_dialog = dialog
        dialog.open()

    def _remove_selected_citizen(self) -> None:
        row = self.present.currentRow()
        if row >= 0:
            self.present.takeItem(row)
            self._edited()

    def _remove_agreement(self, row: AgreementRow, edited: bool = True) -> None:
        index = self.agreement_rows.index(row)
        self.agreement_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        for i, other in enumerate(self.agreement_rows):
            self.errors.bind(f"agreements[{i}]", other.error)
        self.errors.bind(f"agreements[{len(self.agreement_rows)}]", self.general_error)
        self._no_agreements.setVisible(not self.agreement_rows)
        self._update_tab_order()
        if edited:
            self._edited()
            target = (
                self.agreement_rows[min(index, len(self.agreement_rows) - 1)].description
                if self.agreement_rows
                else self.add_agreement_button
            )
            target.setFocus()

    def _set_locked(self, locked: bool) -> None:
        for widget in (
            self.find,
            self.results,
            self.anonymous_button,
            self.remove_citizen,
            self.place,
            self.event_time,
            self.now_button,
            self.kind,
            *self.topics.values(),
            self.add_agreement_button,
            self.save_button,
            self.finalise_button,
        ):
            widget.setEnabled(not locked)
        self.present.setEnabled(True)
        self.text.setReadOnly(locked)
        for row in self.agreement_rows:
            row.set_locked(locked)
        self.add_agreement_button.setVisible(not locked)
        self.save_button.setVisible(not locked)
        self.finalise_button.setVisible(not locked)
        self.find.setVisible(not locked)
        self.anonymous_button.setVisible(not locked)
        self.remove_citizen.setVisible(not locked)
        self.now_button.setVisible(not locked)
        self._addenda_box.setVisible(locked)

    def _show_addenda(self) -> None:
        if not self._addenda:
            self.addenda_view.setText(self.tr("No addenda yet."))
            return
        blocks = []
        for addendum in self._addenda:
            author = self._user_names.get(addendum.author, addendum.author)
            head = self.tr("Addendum by %1, %2").replace("%1", author)
            blocks.append(
                head.replace("%2", fmt_datetime(addendum.written_time)) + "\n" + addendum.text
            )
        self.addenda_view.setText("\n\n".join(blocks))

    def _set_status(self, key: str) -> None:
        self._status_key = key
        self._show_status()

    def _show_status(self) -> None:
        key = self._status_key
        final = self.is_final
        self.status_badge.setText(self.tr("Final – locked") if final else self.tr("Draft"))
        badge(self.status_badge, "final" if final else "draft")
        saved = (
            self.tr("Saved %1").replace("%1", fmt_time(self._saved_at)) if self._saved_at else ""
        )
        texts = {
            "new": self.tr("Not saved yet"),
            "opened": self.tr("Saved draft"),
            "unsaved": (saved + " – " if saved else "") + self.tr("changes not saved yet"),
            "saving": self.tr("Saving…"),
            "saved": saved,
            "not_saved": self.tr("Not saved – see the message above"),
            "not_final": self.tr("Not finalised – see the message above"),
            "final": self.tr("Finalised %1. Corrections go in an addendum.").replace(
                "%1",
                fmt_datetime(self._note.finalised_at) if self._note else "",
            ),
        }
        self.status.setText(texts.get(key, ""))
        self.status.setAccessibleName(self.status.text())

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.find,
            self.results,
            self.anonymous_button,
            self.present,
            self.remove_citizen,
            self.place,
            self.event_time,
            self.now_button,
            self.kind,
            *self.topics.values(),
            self.text,
        ]
        for row in self.agreement_rows:
            chain += [row.description, row.due, row.responsible, row.remove]
        chain += [
            self.add_agreement_button,
            self.addendum_text,
            self.addendum_button,
            self.save_button,
            self.finalise_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)


class ContactDialog(QDialog):
    """The contact form in its own window; unsaved edits are saved when it closes."""

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.form = ContactForm(runner, self, autosave_ms=autosave_ms, clock=clock)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.resize(760, 720)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Contact and journal note"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close (a draft is saved first)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        self.form.flush()
        super().done(result)

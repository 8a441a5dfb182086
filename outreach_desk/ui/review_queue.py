"""The team lead's review queue (gennemgang / ledelsestilsyn of journal notes).

Final notes synced from the team wait here. Filter by state, caseworker, place, date and
citizen; read the note with its addenda and earlier reviews; approve, return with a
comment, or mark "has issues". The review names the revision shown (the addenda seen),
so an addendum written meanwhile re-opens the note.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain import ReviewOutcome, ReviewState
from ..domain.note import LATE_AFTER
from ..services import review as reviews
from ..services.review import QueueFilter, QueueRow, ReviewContext, ReviewDetail, ReviewQueue
from ..services.tasks import TaskRunner
from . import labels
from .widgets import ErrorLabel, OptionalDateEdit, fill_combo, fmt_datetime, guarded, heading, muted

Index = QModelIndex | QPersistentModelIndex
NOTE_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1


def state_label(state: ReviewState | str) -> str:
    return {
        ReviewState.AWAITING: QCoreApplication.translate("Review", "Awaiting review"),
        ReviewState.REOPENED: QCoreApplication.translate("Review", "Re-opened by addendum"),
        ReviewState.APPROVED: QCoreApplication.translate("Review", "Approved"),
        ReviewState.RETURNED: QCoreApplication.translate("Review", "Returned with a comment"),
        ReviewState.HAS_ISSUES: QCoreApplication.translate("Review", "Has issues"),
    }[ReviewState(state)]


def outcome_label(outcome: ReviewOutcome | str) -> str:
    return state_label(ReviewState(str(outcome)))


STATE_COLOURS = {
    ReviewState.AWAITING: "#1f3f66",
    ReviewState.REOPENED: "#7a5a00",
    ReviewState.APPROVED: "#1d4d2b",
    ReviewState.RETURNED: "#8a2a0a",
    ReviewState.HAS_ISSUES: "#8a2a0a",
}


def _parse(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def is_late(row: QueueRow) -> bool:
    event, written = _parse(row.event_time), _parse(row.written_time)
    return bool(event and written and written - event > LATE_AFTER)


class ReviewQueueModel(QAbstractTableModel):
    """The rows of one queue page (at most ``QueueFilter.limit``); sorted in SQL."""

    COLUMNS = ("contact", "caseworker", "citizens", "place", "state", "addenda")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._queue: ReviewQueue | None = None

    def set_queue(self, queue: ReviewQueue | None) -> None:
        self.beginResetModel()
        self._queue = queue
        self._rows = list(queue.page.rows) if queue else []
        self.endResetModel()

    def row_at(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, note_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.note_id == note_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return {
            "contact": self.tr("Contact"),
            "caseworker": self.tr("Caseworker"),
            "citizens": self.tr("Citizen"),
            "place": self.tr("Place"),
            "state": self.tr("Review"),
            "addenda": self.tr("Addenda"),
        }[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._queue is None:
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == NOTE_ROLE:
            return row.note_id
        if role == STATE_ROLE:
            return row.state.value
        queue = self._queue
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "contact":
                text = fmt_datetime(_parse(row.event_time))
                return text + ("  ⚑" if is_late(row) else "")
            if column == "caseworker":
                return queue.user_names.get(row.caseworker, row.caseworker)
            if column == "citizens":
                return ", ".join(queue.citizen_names.get(c, "—") for c in row.citizen_ids)
            if column == "place":
                return queue.place_names.get(row.place_id or "", "—")
            if column == "state":
                return state_label(row.state)
            if column == "addenda":
                return str(row.addenda) if row.addenda else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "contact" and is_late(row):
                return self.tr("Written more than 24 hours after the contact")
            if column == "state" and row.comment:
                return row.comment
            if column in ("citizens", "contact"):
                return row.snippet
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return QBrush(QColor(STATE_COLOURS[row.state]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "addenda":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ReviewQueueView(QWidget):
    """Queue, filters and the review pane. Only usable on a team lead's laptop."""

    citizen_requested = Signal(str)
    reviewed = Signal(str)  # note id, after a review was saved
    loaded = Signal()
    export_csv_requested = Signal(object)  # the ReviewQueue shown; TeamLeadScreens saves it

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0
        self._queue: ReviewQueue | None = None
        self._detail: ReviewDetail | None = None
        self._context: ReviewContext | None = None
        self._select_after: str | None = None

        self.title = heading()
        self.summary = muted(QLabel())
        self.loading = muted(QLabel())
        self.refresh_button = QPushButton()
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export)

        # --- filters ------------------------------------------------------------------------
        self.state_filter = QComboBox()
        self.caseworker_filter = QComboBox()
        self.place_filter = QComboBox()
        self.date_from = OptionalDateEdit()
        self.date_to = OptionalDateEdit()
        self.citizen_filter = QLineEdit()
        self.citizen_filter.setClearButtonEnabled(True)
        self.citizen_filter.setMinimumWidth(200)
        self.citizen_filter.returnPressed.connect(self.refresh)
        for combo in (self.state_filter, self.caseworker_filter, self.place_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self.refresh)
        self._filter_captions = [QLabel() for _ in range(6)]
        filters = QHBoxLayout()
        for caption, field in zip(
            self._filter_captions,
            (
                self.state_filter,
                self.caseworker_filter,
                self.place_filter,
                self.date_from,
                self.date_to,
                self.citizen_filter,
            ),
            strict=True,
        ):
            caption.setBuddy(field)
            filters.addWidget(caption)
            filters.addWidget(field)
        filters.addStretch(1)

        # --- table + detail -------------------------------------------------------------------
        self.model = ReviewQueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._open(cur))
        self.table.activated.connect(lambda _i: self.comment.setFocus())

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(90)
        self.comment_caption = QLabel()
        self.comment_caption.setBuddy(self.comment)
        self.approve_button = QPushButton()
        self.return_button = QPushButton()
        self.issues_button = QPushButton()
        self.citizen_button = QPushButton()
        self.approve_button.clicked.connect(lambda: self.review(ReviewOutcome.APPROVED))
        self.return_button.clicked.connect(lambda: self.review(ReviewOutcome.RETURNED))
        self.issues_button.clicked.connect(lambda: self.review(ReviewOutcome.HAS_ISSUES))
        self.citizen_button.clicked.connect(self._request_citizen)
        self.error = ErrorLabel()
        self.empty = muted(QLabel())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        pane = QWidget()
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.addWidget(self.detail, 1)
        form = QFormLayout()
        form.addRow(self.comment_caption, self.comment)
        pane_layout.addLayout(form)
        pane_layout.addWidget(self.error)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.return_button, self.issues_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.citizen_button)
        pane_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)
        splitter.addWidget(left)
        splitter.addWidget(pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.loading)
        top.addWidget(self.export_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self._fill_states()
        self.empty.hide()
        self._update_buttons()

    # --- public -----------------------------------------------------------------------------
    @property
    def queue(self) -> ReviewQueue | None:
        return self._queue

    @property
    def current_detail(self) -> ReviewDetail | None:
        return self._detail

    def refresh(self) -> None:
        """Reload the filters' choices (first time) and the queue under the filters."""
        if self._context is None:
            self._runner.run(
                reviews.review_context,
                guarded(self, self._context_loaded),
                guarded(self, lambda _exc: None),
            )
        self._generation += 1
        generation = self._generation
        flt, text = self.current_filter(), self.citizen_filter.text()
        self.loading.setText(self.tr("Loading…"))
        self._runner.run(
            lambda store: reviews.load_queue(store, flt, text),
            guarded(self, lambda queue: self._loaded(generation, queue)),
            guarded(self, lambda exc: self._failed(generation, exc)),
        )

    def current_filter(self) -> QueueFilter:
        states = self.state_filter.currentData()
        return QueueFilter(
            states=tuple(ReviewState(s) for s in states) if states else tuple(ReviewState),
            caseworker=self.caseworker_filter.currentData() or None,
            place_id=self.place_filter.currentData() or None,
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
        )

    def select_note(self, note_id: str) -> None:
        row = self.model.row_of(note_id)
        if row >= 0:
            self.table.selectRow(row)

    def review(self, outcome: ReviewOutcome) -> None:
        """Save the lead's decision on the note shown, for the revision shown."""
        detail = self._detail
        if detail is None:
            return
        note_id = detail.note.id
        seen = tuple(a.id for a in detail.addenda)
        comment = self.comment.toPlainText()
        row = self.model.row_of(note_id)
        below = self.model.row_at(row + 1) or self.model.row_at(row - 1)
        self._select_after = below.note_id if below else None
        self._set_buttons_enabled(False)

        def failed(exc: BaseException) -> None:
            from ..domain import ValidationError

            self._update_buttons()
            if isinstance(exc, ValidationError):
                self.error.show_errors(exc.errors)
            else:
                self.error.setText(self.tr("The review could not be saved."))
                self.error.show()

        def done(_review: object) -> None:
            self.comment.clear()
            self.error.show_errors([])
            self.reviewed.emit(note_id)
            self.refresh()

        self._runner.run(
            lambda store: reviews.record_review(store, note_id, outcome, comment, seen),
            guarded(self, done),
            guarded(self, failed),
        )

    def clear(self) -> None:
        """Drop all personal data (lock)."""
        self._generation += 1
        self._queue = None
        self._detail = None
        self._context = None
        self.model.set_queue(None)
        self.detail.clear()
        self.comment.clear()
        self.summary.clear()
        self.loading.clear()
        self.error.show_errors([])
        for combo in (self.caseworker_filter, self.place_filter):
            fill_combo(combo, [])
        self._update_buttons()

    # --- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Review of journal notes"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the review queue"))
        self.export_button.setText(self.tr("Export table (CSV)…"))
        captions = (
            self.tr("&Show"),
            self.tr("Case&worker"),
            self.tr("&Place"),
            self.tr("&From"),
            self.tr("&To"),
            self.tr("C&itizen"),
        )
        for label, text in zip(self._filter_captions, captions, strict=True):
            label.setText(text)
        self.citizen_filter.setPlaceholderText(self.tr("Name, nickname or CPR"))
        self.table.setAccessibleName(self.tr("Notes to review"))
        self.detail.setAccessibleName(self.tr("The note under review"))
        self.comment_caption.setText(self.tr("Co&mment to the caseworker"))
        self.comment.setPlaceholderText(
            self.tr("Needed when you return a note or mark it as having issues")
        )
        self.approve_button.setText(self.tr("&Approve"))
        self.approve_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.approve_button.setToolTip(self.tr("Approve the note as shown (Ctrl+Enter)"))
        self.return_button.setText(self.tr("&Return with comment"))
        self.issues_button.setText(self.tr("Mark as &has issues"))
        self.citizen_button.setText(self.tr("Open citi&zen"))
        self.empty.setText(self.tr("No notes match the filters."))
        self._fill_states()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        if self._queue is not None:
            self._show_summary(self._queue)
        if self._detail is not None:
            self._show_detail(self._detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- internals --------------------------------------------------------------------------
    def _fill_states(self) -> None:
        fill_combo(
            self.state_filter,
            [
                (self.tr("Awaiting review"), ("awaiting", "reopened")),
                (self.tr("Returned"), ("returned",)),
                (self.tr("Has issues"), ("has_issues",)),
                (self.tr("Approved"), ("approved",)),
                (self.tr("All final notes"), ()),
            ],
        )

    def _context_loaded(self, context: ReviewContext) -> None:
        self._context = context
        for combo, items in (
            (self.caseworker_filter, context.caseworkers),
            (self.place_filter, [(p.id, p.name) for p in context.places]),
        ):
            combo.blockSignals(True)
            fill_combo(combo, [(self.tr("All"), None), *((name, i) for i, name in items)])
            combo.blockSignals(False)

    def _loaded(self, generation: int, queue: ReviewQueue) -> None:
        if generation != self._generation:
            return
        self.loading.clear()
        current = self._select_after or (self._detail.note.id if self._detail else None)
        self._select_after = None
        self._queue = queue
        self.model.set_queue(queue)
        self._show_summary(queue)
        self.export_button.setEnabled(bool(queue.page.rows))
        self.empty.setVisible(not queue.page.rows)
        row = self.model.row_of(current) if current else -1
        if row < 0 and queue.page.rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._detail = None
            self.detail.clear()
            self._update_buttons()
        self.loaded.emit()

    def _show_summary(self, queue: ReviewQueue) -> None:
        counts = queue.page.counts
        waiting = counts[ReviewState.AWAITING] + counts[ReviewState.REOPENED]
        text = self.tr("%n awaiting review", "", waiting)
        shown = len(queue.page.rows)
        matching = sum(counts[s] for s in queue.filter.states) if queue.filter.states else 0
        if matching > shown:
            text += " · " + self.tr("showing the newest %1 of %2").replace(
                "%1", f"{shown:,}"
            ).replace("%2", f"{matching:,}")
        self.summary.setText(text)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading.clear()
            self.error.setText(self.tr("The review queue could not be loaded."))
            self.error.show()

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        note_id = row.note_id
        generation = self._generation
        self._runner.run(
            lambda store: reviews.open_for_review(store, note_id),
            guarded(self, lambda detail: self._detail_loaded(generation, detail)),
            guarded(self, lambda _exc: None),
        )

    def _detail_loaded(self, generation: int, detail: ReviewDetail) -> None:
        if generation != self._generation:
            return
        self._detail = detail
        self.error.show_errors([])
        self._show_detail(detail)
        self._update_buttons()

    def _show_detail(self, d: ReviewDetail) -> None:
        note = d.note
        esc = html.escape
        # words first: lupdate does not look inside f-strings
        w_contact, w_written, w_caseworker = (
            self.tr("Contact"),
            self.tr("Written"),
            self.tr("Caseworker"),
        )
        w_review, w_topics, w_agreements = (
            self.tr("Review"),
            self.tr("Topics"),
            self.tr("Agreements"),
        )
        w_addendum, w_earlier, w_late = (
            self.tr("Addendum"),
            self.tr("Earlier reviews"),
            self.tr("written late"),
        )
        revision = self.tr("revision %1")
        people = ", ".join(esc(d.citizen_names.get(c, "—")) for c in note.citizen_ids)
        late = f" <span style='color:#8a2a0a'>⚑ {esc(w_late)}</span>" if note.is_late() else ""
        parts = [
            f"<h3>{people}</h3>",
            f"<p><b>{esc(w_contact)}:</b> {esc(fmt_datetime(note.event_time))}"
            f" · {esc(labels.contact_form(note.contact_form))}"
            f" · {esc(d.place_name or '—')}<br>"
            f"<b>{esc(w_written)}:</b> {esc(fmt_datetime(note.written_time))}{late}<br>"
            f"<b>{esc(w_caseworker)}:</b> "
            f"{esc(d.user_names.get(note.caseworker, note.caseworker))}<br>"
            f"<b>{esc(w_review)}:</b> {esc(state_label(d.state))}"
            f" · {esc(revision.replace('%1', str(d.revision)))}</p>",
        ]
        if note.topics:
            topics = ", ".join(labels.topic(t) for t in note.topics)
            parts.append(f"<p><b>{esc(w_topics)}:</b> {esc(topics)}</p>")
        parts.append(f"<p style='white-space:pre-wrap'>{esc(note.text)}</p>")
        if note.agreements:
            items = "".join(f"<li>{esc(a.description)}</li>" for a in note.agreements)
            parts.append(f"<p><b>{esc(w_agreements)}</b></p><ul>{items}</ul>")
        for addendum in d.addenda:
            who = d.user_names.get(addendum.author, addendum.author)
            parts.append(
                f"<p><b>{esc(w_addendum)} · {esc(fmt_datetime(addendum.written_time))}"
                f" · {esc(who)}</b><br><span style='white-space:pre-wrap'>"
                f"{esc(addendum.text)}</span></p>"
            )
        if d.reviews:
            rows = "".join(
                f"<li>{esc(fmt_datetime(r.reviewed_at))} · "
                f"{esc(d.user_names.get(r.reviewer, r.reviewer))} · "
                f"{esc(outcome_label(r.outcome))}"
                f" ({esc(revision.replace('%1', str(r.revision)))})"
                + (f"<br><i>{esc(r.comment)}</i>" if r.comment else "")
                + "</li>"
                for r in d.reviews
            )
            parts.append(f"<p><b>{esc(w_earlier)}</b></p><ul>{rows}</ul>")
        self.detail.setHtml("".join(parts))

    def _update_buttons(self) -> None:
        self._set_buttons_enabled(self._detail is not None)

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in (
            self.approve_button,
            self.return_button,
            self.issues_button,
            self.citizen_button,
        ):
            button.setEnabled(enabled)
        self.export_button.setEnabled(self._queue is not None and bool(self._queue.page.rows))

    def _request_citizen(self) -> None:
        if self._detail is not None and self._detail.note.citizen_ids:
            self.citizen_requested.emit(self._detail.note.citizen_ids[0])

    def _export(self) -> None:
        if self._queue is not None:
            self.export_csv_requested.emit(self._queue)

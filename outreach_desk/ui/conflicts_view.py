"""Conflicts (konflikter): the same thing changed on two laptops before either synced.

Every device shows the server's version for now (the provisional winner); nothing is
dropped. A person picks the server's version, the other one, or writes a merged value;
the decision goes to the server through the TaskRunner and then syncs like any change
(``resolved`` asks the main window to sync). A record deleted on one laptop and changed
on another (the ``_deleted`` pseudo-field) offers "keep" or "delete".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sync.protocol import errors as codes
from sync.protocol.errors import ProtocolError, ServerUnavailable
from sync.protocol.messages import DELETED_FIELD

from ..domain import (
    ConsentForm,
    ContactForm,
    EffortStatus,
    GoalStatus,
    HousingSituation,
    LifeArea,
    PlaceKind,
    ResponsibleParty,
    SocialChallenge,
    Topic,
)
from ..services.sync_controller import ConflictItem, ConflictOverview, load_conflicts, resolve
from ..services.tasks import TaskRunner
from . import labels
from .widgets import ErrorLabel, badge, fmt_date, fmt_datetime, guarded, heading, muted

ID_ROLE = Qt.ItemDataRole.UserRole
MULTILINE_FIELDS = frozenset({"wish", "description", "scope", "wording", "text", "comment"})

_ENUM_LABELS: dict[str, tuple[type[Enum], Callable[[Any], str]]] = {
    "housing": (HousingSituation, labels.housing),
    "challenges": (SocialChallenge, labels.challenge),
    "life_area": (LifeArea, labels.life_area),
    "responsible": (ResponsibleParty, labels.responsible),
    "parties": (ResponsibleParty, labels.responsible),
    "form": (ConsentForm, labels.consent_form),
    "kind": (PlaceKind, labels.place_kind),
    "contact_form": (ContactForm, labels.contact_form),
    "topics": (Topic, labels.topic),
}
_STATUS_LABELS: dict[str, tuple[type[Enum], Callable[[Any], str]]] = {
    "goal": (GoalStatus, labels.goal_status),
    "effort": (EffortStatus, labels.effort_status),
}


def _moment(value: object) -> datetime | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(float(value), UTC)
    return None


def merge_kind(*values: object) -> str | None:
    """ "text" or "int" when a person can type a merged value; None for lists, yes/no, ..."""
    present = [v for v in values if v is not None]
    if all(isinstance(v, str) for v in present):
        return "text"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    return None


class _Side(QGroupBox):
    """One version: the value, and who wrote it when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = badge(QLabel(), "info")
        self.tag.hide()
        self.value = QLabel()
        self.value.setWordWrap(True)
        self.value.setTextFormat(Qt.TextFormat.PlainText)  # citizen data is never markup
        self.value.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.meta = muted(QLabel())
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.meta)
        layout.addWidget(self.tag, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_value(self, value: str, meta: str, empty: bool = False) -> None:
        self.value.setText(value)
        self.value.setEnabled(not empty)  # "(empty)" in the disabled colour
        self.meta.setText(meta)
        self.meta.setVisible(bool(meta))
        self.setAccessibleName(self.title())
        self.setAccessibleDescription(" ".join(t for t in (value, meta) if t))


class ConflictsView(QWidget):
    """Open conflicts on the left, the chosen one on the right with the three choices."""

    resolved = Signal(str)  # conflict id; the main window then starts a sync
    count_changed = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0
        self._overview = ConflictOverview()
        self._resolved: set[str] = set()
        self._current: ConflictItem | None = None
        self._sending = False
        self._status_kind = ""
        self._error_kind = ""

        self.title = heading()
        self.intro = muted(QLabel())
        self.intro.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.clicked.connect(self.refresh)

        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(240)
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(lambda *_: self._select_current())

        self.detail_title = heading(scale=1.15)
        self.detail_title.setWordWrap(True)
        self.detail_sub = muted(QLabel())
        self.detail_sub.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.base_box = _Side()
        self.server_box = _Side()
        self.server_box.tag.show()
        self.other_box = _Side()
        self.merge_label = QLabel()
        self.merge_edit = QPlainTextEdit()
        self.merge_edit.setTabChangesFocus(True)
        self.merge_label.setBuddy(self.merge_edit)
        self.merge_hint = muted(QLabel())
        self.merge_hint.setWordWrap(True)
        self.keep_server_button = QPushButton()
        self.keep_other_button = QPushButton()
        self.merge_button = QPushButton()
        self.keep_record_button = QPushButton()
        self.delete_record_button = QPushButton()
        self.keep_server_button.clicked.connect(self.keep_server)
        self.keep_other_button.clicked.connect(self.keep_other)
        self.merge_button.clicked.connect(self.save_merged)
        self.keep_record_button.clicked.connect(self.keep_record)
        self.delete_record_button.clicked.connect(self.delete_record)
        self.status = muted(QLabel())
        self.status.setWordWrap(True)
        self.error = ErrorLabel()

        sides = QGridLayout()
        sides.addWidget(self.base_box, 0, 0, 1, 2)
        sides.addWidget(self.server_box, 1, 0)
        sides.addWidget(self.other_box, 1, 1)
        sides.setColumnStretch(0, 1)
        sides.setColumnStretch(1, 1)
        choices = QHBoxLayout()
        for button in (
            self.keep_server_button,
            self.keep_other_button,
            self.merge_button,
            self.keep_record_button,
            self.delete_record_button,
        ):
            choices.addWidget(button)
        choices.addStretch(1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_sub)
        detail_layout.addWidget(self.explain)
        detail_layout.addLayout(sides)
        detail_layout.addWidget(self.merge_label)
        detail_layout.addWidget(self.merge_edit)
        detail_layout.addWidget(self.merge_hint)
        detail_layout.addLayout(choices)
        detail_layout.addWidget(self.status)
        detail_layout.addWidget(self.error)
        detail_layout.addStretch(1)
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail_scroll.setWidget(detail)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail_scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([320, 680])
        self.empty = muted(QLabel())
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.splitter)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.pages, 1)

        QWidget.setTabOrder(self.refresh_button, self.list)
        QWidget.setTabOrder(self.list, self.merge_edit)
        QWidget.setTabOrder(self.merge_edit, self.keep_server_button)
        QWidget.setTabOrder(self.keep_server_button, self.keep_other_button)
        QWidget.setTabOrder(self.keep_other_button, self.merge_button)
        QWidget.setTabOrder(self.merge_button, self.keep_record_button)
        QWidget.setTabOrder(self.keep_record_button, self.delete_record_button)
        self.retranslate()
        self._render()

    # --- public ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the open conflicts the last sync left (the store's worker does the reading)."""
        self._generation += 1
        generation = self._generation
        self._runner.run(
            load_conflicts,
            guarded(self, lambda overview: self._loaded(generation, overview)),
            guarded(self, lambda exc: self._load_failed(generation, exc)),
        )

    def clear(self) -> None:
        """Forget everything shown (lock)."""
        self._generation += 1
        self._overview = ConflictOverview()
        self._resolved.clear()
        self._current = None
        self._set_status("")
        self._set_error("")
        self._render()

    def conflict_ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def select(self, conflict_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == conflict_id:
                self.list.setCurrentRow(i)
                return

    @property
    def current(self) -> ConflictItem | None:
        return self._current

    def keep_server(self) -> None:
        if self._current is not None:
            self._send(self._current.info["server"]["value"])

    def keep_other(self) -> None:
        if self._current is not None:
            self._send(self._current.info["incoming"]["value"])

    def keep_record(self) -> None:
        self._send(False)

    def delete_record(self) -> None:
        self._send(True)

    def save_merged(self) -> None:
        item = self._current
        if item is None:
            return
        kind = merge_kind(item.info["server"]["value"], item.info["incoming"]["value"])
        text = self.merge_edit.toPlainText()
        if item.info["field"] not in MULTILINE_FIELDS:
            text = " ".join(text.split("\n")).strip()
        if kind == "int":
            if not text.strip():
                self._send(None)
                return
            try:
                number = int(text.strip())
            except ValueError:
                self._set_error("number")
                self.merge_edit.setFocus()
                return
            self._send(number)
        elif kind == "text":
            self._send(text)

    # --- loading ---------------------------------------------------------------------
    def _loaded(self, generation: int, overview: ConflictOverview) -> None:
        if generation != self._generation:
            return
        still_open = {item.conflict_id for item in overview.items}
        self._resolved &= still_open  # decided here and gone from the server: forget
        self._overview = overview
        self._render()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._set_error("load")

    def _visible_items(self) -> list[ConflictItem]:
        return [i for i in self._overview.items if i.conflict_id not in self._resolved]

    def _render(self) -> None:
        keep = self._current.conflict_id if self._current else None
        items = self._visible_items()
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            row = QListWidgetItem(self._list_text(item))
            row.setData(ID_ROLE, item.conflict_id)
            row.setData(Qt.ItemDataRole.AccessibleTextRole, row.text().replace("\n", ", "))
            self.list.addItem(row)
        self.list.blockSignals(False)
        self.pages.setCurrentWidget(self.splitter if items else self.empty)
        self.count_changed.emit(len(items))
        if not items:
            self._current = None
            return
        ids = [i.conflict_id for i in items]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self._select_current()

    def _select_current(self) -> None:
        row = self.list.currentItem()
        conflict_id = row.data(ID_ROLE) if row else None
        found = [i for i in self._overview.items if i.conflict_id == conflict_id]
        changed = (self._current.conflict_id if self._current else None) != conflict_id
        self._current = found[0] if found else None
        if changed:
            self._set_error("")
            if self._status_kind != "sent":
                self._set_status("")
            self._prefill()
        self._show_detail()

    def _prefill(self) -> None:
        item = self._current
        if item is None:
            self.merge_edit.clear()
            return
        server, incoming = item.info["server"]["value"], item.info["incoming"]["value"]
        value = incoming if incoming is not None else server
        self.merge_edit.setPlainText("" if value is None else str(value))

    # --- the chosen conflict ---------------------------------------------------------------------
    def _show_detail(self) -> None:
        item = self._current
        if item is None:
            return
        info = item.info
        entity, field = str(info["entity"]), str(info["field"])
        deletion = field == DELETED_FIELD
        kind = labels.record_kind(entity)
        when = fmt_datetime(_moment(info.get("created_at")))
        who = item.citizen or kind
        if deletion:
            self.detail_title.setText(self.tr("Deleted on one laptop, changed on another"))
            self.detail_sub.setText(
                f"{who} · {kind} · " + self.tr("noticed %1").replace("%1", when)
            )
            self.explain.setText(
                self.tr(
                    "One person deleted this record while another changed it. It is kept on "
                    "all devices until someone decides."
                )
            )
        else:
            self.detail_title.setText(f"{self.field_label(entity, field)} · {who}")
            self.detail_sub.setText(f"{kind} · " + self.tr("noticed %1").replace("%1", when))
            self.explain.setText(
                self.tr(
                    "Two people changed this before either had synced. Choose which version "
                    "is right, or write one that combines them."
                )
            )
        self.base_box.setVisible(not deletion)
        base = info.get("base_value")
        self.base_box.show_value(self.value_text(entity, field, base), "", self._is_empty(base))
        for box, side, which in (
            (self.server_box, info["server"], "server"),
            (self.other_box, info["incoming"], "incoming"),
        ):
            box.setTitle(self._side_title(side, which))
            value = side.get("value")
            box.show_value(
                self.value_text(entity, field, value),
                self._author(side),
                self._is_empty(value) and not deletion,
            )
        kind_of_merge = (
            None if deletion else merge_kind(info["server"]["value"], info["incoming"]["value"])
        )
        edit_widgets: tuple[QWidget, ...] = (
            self.keep_server_button,
            self.keep_other_button,
            self.merge_label,
            self.merge_edit,
            self.merge_button,
            self.merge_hint,
        )
        for widget in edit_widgets:
            widget.setVisible(not deletion)
        for button in (self.keep_record_button, self.delete_record_button):
            button.setVisible(deletion)
        mergeable = kind_of_merge is not None
        lines = 4 if field in MULTILINE_FIELDS else 1
        self.merge_edit.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self.merge_edit.setEnabled(mergeable and not self._sending)
        self.merge_button.setEnabled(mergeable and not self._sending)
        self.merge_hint.setText(
            self.tr("Prefilled with the other version; edit it to combine both.")
            if mergeable
            else self.tr("This kind of value cannot be written by hand; keep one of the versions.")
        )
        self.keep_other_button.setText(
            self.tr("Keep &this laptop's version")
            if self._is_mine(info["incoming"])
            else self.tr("Keep the &other version")
        )
        self.keep_other_button.setAccessibleName(self.keep_other_button.text().replace("&", ""))
        for button in (
            self.keep_server_button,
            self.keep_other_button,
            self.keep_record_button,
            self.delete_record_button,
        ):
            button.setEnabled(not self._sending)

    def _is_mine(self, side: dict[str, Any]) -> bool:
        device = self._overview.device_id
        return device is not None and side.get("device_id") == device

    def _side_title(self, side: dict[str, Any], which: str) -> str:
        if which == "server":
            return self.tr("The server's version")
        if self._is_mine(side):
            return self.tr("This laptop's version")
        return self.tr("The other version")

    def _author(self, side: dict[str, Any]) -> str:
        name = side.get("display_name") or self.tr("someone")
        moment = _moment(side.get("time"))
        text = self.tr("By %1 on this laptop") if self._is_mine(side) else self.tr("By %1")
        text = text.replace("%1", str(name))
        return f"{text}, {fmt_datetime(moment)}" if moment else text

    @staticmethod
    def _is_empty(value: object) -> bool:
        return value is None or value == "" or value == []

    def value_text(self, entity: str, field: str, value: object) -> str:
        """A value as a person reads it: labels for codes, dd-mm-yyyy for dates."""
        if field == DELETED_FIELD:
            return self.tr("Deleted") if value else self.tr("Kept, with changes")
        if self._is_empty(value):
            return self.tr("(empty)")
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, list):
            return ", ".join(self.value_text(entity, field, v) for v in value)
        lookup = _STATUS_LABELS.get(entity) if field == "status" else _ENUM_LABELS.get(field)
        if lookup is not None:
            enum, label = lookup
            try:
                return label(enum(value))
            except ValueError:
                return str(value)
        if field == "support_need" and isinstance(value, int):
            return labels.support_need(value)
        if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
            try:
                return fmt_date(date.fromisoformat(value))
            except ValueError:
                return value
        if isinstance(value, str) and "T" in value and value[:4].isdigit():
            try:
                return fmt_datetime(datetime.fromisoformat(value))
            except ValueError:
                return value
        return str(value)

    def field_label(self, entity: str, field: str) -> str:
        """A field's name in words."""
        if field == "status":
            return self.tr("Status")
        return {
            "name": self.tr("Name"),
            "nickname": self.tr("Nickname"),
            "cpr": self.tr("CPR number"),
            "anonymous": self.tr("Anonymous"),
            "birth_year": self.tr("Birth year"),
            "phone": self.tr("Phone"),
            "housing": self.tr("Housing situation"),
            "challenges": self.tr("Social challenges"),
            "coordinating_caseworker": self.tr("Coordinating caseworker"),
            "usual_place_ids": self.tr("Usual places"),
            "description": self.tr("Description"),
            "team_id": self.tr("Team"),
            "wish": self.tr("The citizen's wish"),
            "follow_up_date": self.tr("Follow-up date"),
            "consent_id": self.tr("Consent"),
            "life_area": self.tr("Life area"),
            "wording": self.tr("Goal in the citizen's words"),
            "target_date": self.tr("Target date"),
            "parent_goal_id": self.tr("Main goal"),
            "responsible": self.tr("Responsible"),
            "goal_id": self.tr("Goal"),
            "legal_basis": self.tr("Legal basis"),
            "due_date": self.tr("Due date"),
            "due": self.tr("Due date"),
            "assignee": self.tr("Assigned to"),
            "note_id": self.tr("Journal note"),
            "done_at": self.tr("Done"),
            "scope": self.tr("What may be shared"),
            "parties": self.tr("Shared with"),
            "given_on": self.tr("Given on"),
            "form": self.tr("Given how"),
            "expires_on": self.tr("Expires on"),
            "withdrawn_on": self.tr("Withdrawn on"),
            "kind": self.tr("Kind of place"),
            "address": self.tr("Address"),
            "text": self.tr("Note text"),
            "comment": self.tr("Comment"),
            "citizen_score": self.tr("Citizen's rating"),
            "support_need": self.tr("Support need"),
            "rated_on": self.tr("Rated on"),
        }.get(field, field.replace("_", " "))

    def _list_text(self, item: ConflictItem) -> str:
        info = item.info
        entity, field = str(info["entity"]), str(info["field"])
        kind = labels.record_kind(entity)
        who = item.citizen or kind
        what = (
            self.tr("Deleted on one laptop, changed on another")
            if field == DELETED_FIELD
            else self.field_label(entity, field)
        )
        when = fmt_datetime(_moment(info.get("created_at")))
        return f"{who} — {what}\n{kind} · {when}"

    # --- deciding ---------------------------------------------------------------------
    def _send(self, value: object) -> None:
        item = self._current
        if item is None or self._sending:
            return
        conflict_id = item.conflict_id
        self._sending = True
        self._set_error("")
        self._set_status("sending")
        self._show_detail()
        self._runner.run(
            lambda store: resolve(store, conflict_id, value),
            guarded(self, lambda _seq: self._sent(conflict_id, already=False)),
            guarded(self, lambda exc: self._send_failed(conflict_id, exc)),
        )

    def _sent(self, conflict_id: str, already: bool) -> None:
        self._sending = False
        self._resolved.add(conflict_id)
        row = self.list.currentRow()
        self._current = None
        self._render()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self.list.setFocus()
        self._set_status("already" if already else "sent")
        self.resolved.emit(conflict_id)

    def _send_failed(self, conflict_id: str, exc: BaseException) -> None:
        self._sending = False
        if isinstance(exc, ProtocolError) and exc.code in (
            codes.CONFLICT_RESOLVED,
            codes.CONFLICT_NOT_FOUND,
        ):
            self._sent(conflict_id, already=True)
            return
        self._set_status("")
        self._set_error("offline" if isinstance(exc, ServerUnavailable) else "failed")
        self._show_detail()

    # --- messages ---------------------------------------------------------------------
    def _set_status(self, kind: str) -> None:
        self._status_kind = kind
        texts = {
            "sending": self.tr("Sending your decision to the server…"),
            "sent": self.tr("Your decision was sent. The other laptops get it at their next sync."),
            "already": self.tr("Someone has already decided this conflict."),
        }
        self.status.setText(texts.get(kind, ""))
        self.status.setVisible(bool(kind))
        self.status.setAccessibleDescription(self.status.text())

    def _set_error(self, kind: str) -> None:
        self._error_kind = kind
        texts = {
            "offline": self.tr(
                "Deciding needs a connection to the server. Nothing was changed; try again "
                "when the laptop is online."
            ),
            "failed": self.tr("The decision could not be sent. Nothing was changed."),
            "load": self.tr("The conflicts could not be read."),
            "number": self.tr("Write a whole number, or leave the field empty."),
        }
        self.error.setText(texts.get(kind, ""))
        self.error.setVisible(bool(kind))
        self.error.setAccessibleDescription(self.error.text())

    # --- language ---------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Conflicts"))
        self.intro.setText(
            self.tr(
                "When two people change the same thing before syncing, both versions are kept "
                "and every device shows the server's version until someone decides."
            )
        )
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the conflicts"))
        self.empty.setText(
            self.tr(
                "No conflicts to decide. When two people change the same thing before "
                "syncing, it shows here."
            )
        )
        self.list.setAccessibleName(self.tr("Open conflicts"))
        self.base_box.setTitle(self.tr("Before both changes"))
        self.server_box.tag.setText(self.tr("Shown on all devices for now"))
        self.merge_label.setText(self.tr("&Merged value"))
        self.merge_edit.setAccessibleName(self.tr("Merged value"))
        self.keep_server_button.setText(self.tr("Keep the &server's version"))
        self.merge_button.setText(self.tr("Save merged &value"))
        self.keep_record_button.setText(self.tr("&Keep the record"))
        self.delete_record_button.setText(self.tr("&Delete the record"))
        for button in (
            self.keep_server_button,
            self.merge_button,
            self.keep_record_button,
            self.delete_record_button,
        ):
            button.setAccessibleName(button.text().replace("&", ""))
        self._set_status(self._status_kind)
        self._set_error(self._error_kind)
        if self._overview.items:
            current = self.list.currentRow()
            for i in range(self.list.count()):
                row = self.list.item(i)
                found = [c for c in self._overview.items if c.conflict_id == row.data(ID_ROLE)]
                if found:
                    row.setText(self._list_text(found[0]))
                    row.setData(Qt.ItemDataRole.AccessibleTextRole, row.text().replace("\n", ", "))
            self.list.setCurrentRow(current)
        self._show_detail()


__all__ = ["ConflictsView", "merge_kind"]

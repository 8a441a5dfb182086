"""Small shared pieces for the casework screens: dates, field errors, guarded callbacks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from ..domain import FieldError
from . import labels

T = TypeVar("T")

NO_DATE = QDate(1900, 1, 1)


def fmt_date(day: date | None) -> str:
    # formatted by hand: under PySide's import hook every strftime call costs two
    # Python-level imports (of ``time``), ten times the formatting itself; lists word
    # hundreds of dates per batch
    return f"{day.day:02d}-{day.month:02d}-{day.year}" if day else "—"


def local(moment: datetime) -> datetime:
    """A stored (UTC) moment in the laptop's local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def fmt_datetime(moment: datetime | None) -> str:
    if not moment:
        return "—"
    moment = local(moment)
    return f"{fmt_date(moment)} {moment.hour:02d}:{moment.minute:02d}"


def fmt_time(moment: datetime) -> str:
    moment = local(moment)
    return f"{moment.hour:02d}:{moment.minute:02d}"


def parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def to_qdatetime(moment: datetime) -> QDateTime:
    moment = local(moment)
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute),
        QTimeZone.systemTimeZone(),
    )


def from_qdatetime(value: QDateTime) -> datetime:
    """The edited local time as an aware UTC datetime."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


def guarded(widget: QWidget, fn: Callable[[T], Any]) -> Callable[[T], None]:
    """A callback that does nothing once the widget is gone (results arrive later)."""

    def call(value: T) -> None:
        if shiboken6.isValid(widget):
            fn(value)

    return call


class ErrorLabel(QLabel):
    """A validation message shown right under its field; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
        self.setPalette(palette)
        self.setAccessibleName(self.tr("Error"))
        self.hide()

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        texts = list(dict.fromkeys(labels.error_text(e) for e in errors))
        self.setText("\n".join(texts))
        self.setVisible(bool(texts))
        self.setAccessibleDescription(self.text())


class FieldErrors:
    """Routes a ValidationError's field errors to the ErrorLabel beside each field."""

    def __init__(self, fallback: ErrorLabel) -> None:
        self._labels: dict[str, ErrorLabel] = {}
        self._fallback = fallback

    def bind(self, field: str, label: ErrorLabel) -> ErrorLabel:
        self._labels[field] = label
        return label

    def clear(self) -> None:
        for label in {*self._labels.values(), self._fallback}:
            label.show_errors([])

    def show(self, errors: Iterable[FieldError]) -> None:
        self.clear()
        grouped: dict[ErrorLabel, list[FieldError]] = {}
        for error in errors:
            field = error.field
            label = self._labels.get(field) or self._labels.get(field.split("[")[0])
            grouped.setdefault(label or self._fallback, []).append(error)
        for label, items in grouped.items():
            label.show_errors(items)

    def label_for(self, field: str) -> ErrorLabel:
        return self._labels.get(field, self._fallback)


class OptionalDateEdit(QDateEdit):
    """A date field that may be empty ("—"); dd-MM-yyyy with a calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd-MM-yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("—")
        self.setDate(NO_DATE)

    def value(self) -> date | None:
        current = self.date()
        if current == NO_DATE:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, day: date | None) -> None:
        self.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)

    def keyPressEvent(self, event: Any) -> None:
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.currentSectionIndex() == 0
        ):
            self.setDate(NO_DATE)  # an empty date is one key away
            return
        super().keyPressEvent(event)


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, object]]) -> None:
    """Replace a combo's items, keeping the chosen value when it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in items:
        combo.addItem(text, value)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def heading(text: str = "", scale: float = 1.3) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted(label: QLabel) -> QLabel:
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def badge(label: QLabel, kind: str) -> QLabel:
    """A small coloured tag: "draft", "final", "late", "warning"."""
    colours = {
        "draft": ("#7a5a00", "#fff4cc"),
        "final": ("#1d4d2b", "#dcefe1"),
        "late": ("#8a2a0a", "#fde3d8"),
        "warning": ("#8a2a0a", "#fde3d8"),
        "info": ("#1f3f66", "#dde8f5"),
    }
    fg, bg = colours.get(kind, colours["info"])
    label.setStyleSheet(
        f"QLabel {{ color: {fg}; background: {bg}; border-radius: 3px; padding: 1px 6px; }}"
    )
    return label


def unshaped_text(view: QWidget) -> None:
    """Paint the view's text without font shaping where no script needs it.

    A list paints every visible cell's text on each change, and shaping (kerning,
    ligatures) was a third of that. Scripts that need shaping are still shaped; Latin
    text only loses its kerning, which a list of names and dates does not miss.
    """
    font = QFont()  # only the strategy is set: family and size still come from the parent
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    view.setFont(font)

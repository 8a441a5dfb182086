"""Settings: language (switches at once), idle-lock minutes, default place.

Values set by the IT department's machine policy show as locked, with the reason.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..settings import UserSettings

LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: UserSettings,
        places: list[tuple[str, str]],
        locked: frozenset[str] = frozenset(),
        allowed_languages: tuple[str, ...] = ("da", "en"),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._locked = locked
        form = QFormLayout()
        self.language = QComboBox(self)
        for code in allowed_languages:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(1, 120)
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.place = QComboBox(self)
        self.place.addItem("—", None)
        for place_id, name in places:
            self.place.addItem(name, place_id)
        self.place.setCurrentIndex(max(0, self.place.findData(settings.default_place_id)))
        self.language_label, self.idle_label, self.place_label = QLabel(), QLabel(), QLabel()
        for label, field in (
            (self.language_label, self.language),
            (self.idle_label, self.idle_minutes),
            (self.place_label, self.place),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.locked_note = QLabel(self)
        self.locked_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.buttons)
        self.language.setEnabled("language" not in locked)
        self.idle_minutes.setEnabled("idle_lock_minutes" not in locked)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        lock = " 🔒" if "language" in self._locked else ""
        self.language_label.setText(self.tr("&Language") + lock)
        lock = " 🔒" if "idle_lock_minutes" in self._locked else ""
        self.idle_label.setText(self.tr("&Lock after idle minutes") + lock)
        self.place_label.setText(self.tr("&Default place"))
        self.language.setAccessibleName(self.tr("Language"))
        self.idle_minutes.setAccessibleName(self.tr("Lock after idle minutes"))
        self.place.setAccessibleName(self.tr("Default place"))
        self.idle_minutes.setSuffix(" " + self.tr("min"))
        self.locked_note.setText(
            self.tr("🔒 Set by your IT department and cannot be changed here.")
            if self._locked
            else ""
        )
        self.locked_note.setVisible(bool(self._locked))

    def result_settings(self) -> UserSettings:
        return replace(
            self._settings,
            language=self.language.currentData(),
            idle_lock_minutes=self.idle_minutes.value(),
            default_place_id=self.place.currentData(),
        ).validated()

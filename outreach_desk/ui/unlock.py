"""First run (create the encrypted store) and unlock screens.

The passphrase protects health and addiction data on a laptop that may be lost, so
the first-run screen shows its strength and asks for it twice. The unlock screen
shows the growing delay after wrong attempts as a live countdown.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..store.store import MIN_PASSPHRASE

MIN_SCORE = 2  # zxcvbn 0-4: "fair" or better


def _card(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    """A centred card so the screen reads calmly on any window size."""
    outer = QVBoxLayout(parent)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    card = QFrame(parent)
    card.setObjectName("card")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setMinimumWidth(420)
    card.setMaximumWidth(520)
    row.addWidget(card)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    inner = QVBoxLayout(card)
    inner.setContentsMargins(28, 24, 28, 24)
    inner.setSpacing(12)
    return card, inner


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    label.setVisible(False)
    return label


class FirstRunScreen(QWidget):
    """Create the local store: the caseworker's name and a passphrase, twice."""

    create_requested = Signal(str, str)  # name, passphrase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _card_frame, layout = _card(self)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QProgressBar(self)
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(True)
        self.strength_hint = QLabel(self)
        self.strength_hint.setWordWrap(True)
        self.name_label, self.pass_label, self.confirm_label = QLabel(), QLabel(), QLabel()
        for label, field in (
            (self.name_label, self.name),
            (self.pass_label, self.passphrase),
            (self.confirm_label, self.confirm),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.strength)
        form.addRow("", self.strength_hint)
        self.error = _error_label(self)
        self.create_button = QPushButton(self)
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.name.textChanged.connect(self._update)
        self.passphrase.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self.create_button.clicked.connect(self._create)
        self.confirm.returnPressed.connect(self._create)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to Outreach Desk"))
        self.intro.setText(
            self.tr(
                "Everything you record is stored encrypted on this laptop. Choose a passphrase "
                "that only you know: a few ordinary words in a row are easy to remember and "
                "hard to guess. It cannot be recovered if you forget it."
            )
        )
        self.name_label.setText(self.tr("Your &name"))
        self.pass_label.setText(self.tr("&Passphrase"))
        self.confirm_label.setText(self.tr("&Repeat passphrase"))
        self.name.setAccessibleName(self.tr("Your name"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.confirm.setAccessibleName(self.tr("Repeat passphrase"))
        self.strength.setAccessibleName(self.tr("Passphrase strength"))
        self.create_button.setText(self.tr("Create encrypted store"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _strength_texts(self) -> list[str]:
        return [
            self.tr("Very weak"),
            self.tr("Weak"),
            self.tr("Fair"),
            self.tr("Strong"),
            self.tr("Very strong"),
        ]

    def _problems(self) -> list[str]:
        text = self.passphrase.text()
        problems = []
        if not self.name.text().strip():
            problems.append(self.tr("Write your name."))
        if len(text) < MIN_PASSPHRASE:
            problems.append(
                self.tr("The passphrase must be at least %n characters long.", "", MIN_PASSPHRASE)
            )
        elif self._score() < MIN_SCORE:
            problems.append(self.tr("The passphrase is too easy to guess. Add another word."))
        if self.confirm.text() and self.confirm.text() != text:
            problems.append(self.tr("The two passphrases are not the same."))
        return problems

    def _score(self) -> int:
        text = self.passphrase.text()
        if not text:
            return 0
        # imported on first use: only the first-run screen rates passphrases, and the
        # import is a fortieth of the start before the unlock screen shows
        from zxcvbn import zxcvbn

        return int(zxcvbn(text[:100], user_inputs=[self.name.text()])["score"])

    def _update(self) -> None:
        score = self._score()
        self.strength.setValue(score)
        self.strength.setFormat(self._strength_texts()[score])
        self.strength.setAccessibleDescription(self._strength_texts()[score])
        problems = self._problems()
        self.strength_hint.setText(problems[0] if problems and self.passphrase.text() else "")
        ready = not problems and self.confirm.text() == self.passphrase.text()
        self.create_button.setEnabled(ready)

    def _create(self) -> None:
        if self.create_button.isEnabled():
            self.create_requested.emit(self.name.text().strip(), self.passphrase.text())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        for widget in (self.name, self.passphrase, self.confirm, self.create_button):
            widget.setEnabled(not busy)
        if not busy:
            self._update()

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()


class UnlockScreen(QWidget):
    """Unlock with the passphrase; wrong attempts cost a visible, growing wait."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _card_frame, layout = _card(self)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.who = QLabel(self)
        self.prompt = QLabel(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.prompt.setBuddy(self.passphrase)
        self.error = _error_label(self)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.forgot_button = QPushButton(self)
        self.forgot_button.setFlat(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        for widget in (self.title, self.who, self.prompt, self.passphrase, self.error):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self._remaining = 0
        self._failures = 0
        self._wrong = False
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.unlock_button.clicked.connect(self._unlock)
        self.passphrase.returnPressed.connect(self._unlock)
        self.forgot_button.clicked.connect(self.explain_forgotten)
        self._user_name = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Outreach Desk is locked"))
        self.who.setText(
            self.tr("Signed in as %1").replace("%1", self._user_name) if self._user_name else ""
        )
        self.prompt.setText(self.tr("&Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.forgot_button.setText(self.tr("Forgot passphrase?"))
        self.forgot_button.setAccessibleName(self.tr("Forgot passphrase?"))
        self._render_wait()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.passphrase.setFocus()

    @property
    def failures(self) -> int:
        """Wrong attempts in a row, as the store counted them."""
        return self._failures

    def set_user(self, name: str) -> None:
        self._user_name = name
        self.retranslate()

    def _unlock(self) -> None:
        if self._remaining > 0 or not self.passphrase.text():
            return
        text = self.passphrase.text()
        self.passphrase.clear()
        self.unlock_requested.emit(text)

    def set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy and self._remaining <= 0)
        self.unlock_button.setEnabled(not busy and self._remaining <= 0)

    def show_wrong_passphrase(self, failures: int, delay_seconds: float) -> None:
        self._failures = failures
        self.show_delay(delay_seconds, wrong=True)

    def show_delay(self, seconds: float, wrong: bool = False) -> None:
        self._wrong = wrong
        self._remaining = math.ceil(seconds)
        if self._remaining > 0:
            self._countdown.start()
        self._render_wait()

    def _tick(self) -> None:
        self._remaining -= 1
        if self._remaining <= 0:
            self._countdown.stop()
        self._render_wait()

    def _render_wait(self) -> None:
        waiting = self._remaining > 0
        self.passphrase.setEnabled(not waiting)
        self.unlock_button.setEnabled(not waiting)
        parts = []
        if self._wrong:
            parts.append(self.tr("The passphrase is not correct."))
        if waiting:
            parts.append(self.tr("You can try again in %n second(s).", "", self._remaining))
        self.show_error(" ".join(parts))
        if not waiting and self.isVisible():
            self.passphrase.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        self._wrong = False
        self._remaining = 0
        self.show_error(text)

    def reset(self) -> None:
        self._wrong = False
        self._remaining = 0
        self._countdown.stop()
        self.passphrase.clear()
        self.show_error("")
        self.set_busy(False)

    def explain_forgotten(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Forgot passphrase"),
            self.tr(
                "The passphrase cannot be recovered or reset: nobody, not even IT, can open "
                "the encrypted data on this laptop without it.\n\n"
                "What is safe: everything that was synchronised is stored on the central "
                "server. Ask IT to give this laptop a new profile and enrol it again; your "
                "synchronised citizens, plans and notes come back at the next sync.\n\n"
                "What is lost: changes made on this laptop since the last sync."
            ),
        )

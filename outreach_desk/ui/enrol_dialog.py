"""Enrol this laptop with the municipality's sync server (tilmeld enhed).

The caseworker types the one-time enrolment code IT gave them; the server address is
usually preset by IT's machine policy (then read-only, with a lock mark). Enrolment runs on
the store's worker through the TaskRunner: it makes the device key inside the encrypted
store and redeems the code. Errors are explained in the caseworker's language and never
quote the server's or the driver's text; what was typed stays in the fields.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QPointF, QRectF, QSysInfo, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync.protocol import errors as codes
from sync.protocol.client import is_loopback
from sync.protocol.errors import AuthError, ProtocolError, ServerUnavailable, UpdateRequired

from ..services.sync_controller import EnrolOutcome, enrol_device, tls_problem
from ..services.tasks import TaskRunner
from ..store import StoreClosed
from .widgets import ErrorLabel, badge, guarded, heading, muted

CODE_LENGTH = 10


def lock_pixmap(size: int = 16, scale: float = 2.0) -> QPixmap:
    """A small padlock drawn in code (emoji fonts are missing on many municipal images)."""
    pixmap = QPixmap(int(size * scale), int(size * scale))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#5f6368")
    pen = QPen(colour, size / 9)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    s = float(size)
    painter.drawArc(QRectF(s * 0.3, s * 0.1, s * 0.4, s * 0.5), 0, 180 * 16)
    painter.drawLine(QPointF(s * 0.3, s * 0.35), QPointF(s * 0.3, s * 0.45))
    painter.drawLine(QPointF(s * 0.7, s * 0.35), QPointF(s * 0.7, s * 0.45))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(s * 0.18, s * 0.45, s * 0.64, s * 0.45), s * 0.08, s * 0.08)
    painter.end()
    return pixmap


class AddressError(ValueError):
    """The typed server address cannot be used (checked before anything is sent)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "empty", "scheme", "plain_http"


class CodeError(ValueError):
    """The typed code does not have the shape of an enrolment code."""


def normalise_address(text: str) -> str:
    """``sync.odense.dk`` → ``https://sync.odense.dk``; refuses plain http to other hosts."""
    text = text.strip()
    if not text:
        raise AddressError("empty")
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise AddressError("scheme") from None
    if parts.scheme not in ("https", "http") or not host:
        raise AddressError("scheme")
    if parts.scheme == "http" and not is_loopback(host):
        raise AddressError("plain_http")
    return text.rstrip("/")


def normalise_code(text: str) -> str:
    """What the server compares: upper case, no spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch not in " -\t")


def default_device_name() -> str:
    return QSysInfo.machineHostName() or socket.gethostname() or "laptop"


class EnrolDialog(QDialog):
    """Server address, enrolment code and device name; then who the laptop belongs to."""

    enrolled = Signal(object)  # the Enrolment
    sync_requested = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        policy_server_url: str | None = None,
        parent: QWidget | None = None,
        *,
        server_url: str = "",
        device_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._locked_server = bool(policy_server_url)
        self._busy = False
        self._outcome: EnrolOutcome | None = None
        self._problem: BaseException | None = None
        self.setModal(True)
        self.setMinimumWidth(520)

        self.title = heading()
        self.intro = muted(QLabel())
        self.intro.setWordWrap(True)

        self.server = QLineEdit(policy_server_url or server_url)
        self.server.setReadOnly(self._locked_server)
        self.server.setCursorPosition(0)
        self.server.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.server_lock = QLabel()
        self.server_lock.setPixmap(lock_pixmap())
        self.server_lock.setVisible(self._locked_server)
        if self._locked_server:  # looks fixed, stays selectable and readable by screen readers
            palette = self.server.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            self.server.setPalette(palette)
        server_row = QHBoxLayout()
        server_row.setContentsMargins(0, 0, 0, 0)
        server_row.addWidget(self.server, 1)
        server_row.addWidget(self.server_lock)
        self.server_label = QLabel()
        self.server_label.setBuddy(self.server)
        self.code = QLineEdit()
        self.code.setMaxLength(24)
        self.code.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code)
        self.device = QLineEdit(device_name if device_name is not None else default_device_name())
        self.device.setMaxLength(100)
        self.device_label = QLabel()
        self.device_label.setBuddy(self.device)
        self.code_hint = muted(QLabel())
        self.code_hint.setWordWrap(True)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.status = muted(QLabel())
        self.status.hide()
        self.error = ErrorLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)

        self.done_box = QFrame()
        self.done_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.done_title = badge(QLabel(), "final")
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        self.done_text.setTextFormat(Qt.TextFormat.PlainText)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_hint = muted(QLabel())
        self.done_hint.setWordWrap(True)
        done_layout = QVBoxLayout(self.done_box)
        done_layout.addWidget(self.done_title, 0, Qt.AlignmentFlag.AlignLeft)
        done_layout.addWidget(self.done_text)
        done_layout.addWidget(self.done_hint)
        self.done_box.hide()

        self.buttons = QDialogButtonBox()
        self.enrol_button = QPushButton()
        self.enrol_button.setDefault(True)
        self.enrol_button.setAutoDefault(True)
        self.cancel_button = QPushButton()
        self.sync_button = QPushButton()
        self.close_button = QPushButton()
        self.buttons.addButton(self.enrol_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sync_button.hide()
        self.close_button.hide()
        self.enrol_button.clicked.connect(self.enrol)
        self.cancel_button.clicked.connect(self.reject)
        self.sync_button.clicked.connect(self._sync_now)
        self.close_button.clicked.connect(self.accept)

        self.form = QFormLayout()
        self.form.addRow(self.server_label, server_row)
        self.form.addRow(self.code_label, self.code)
        self.form.addRow("", self.code_hint)
        self.form.addRow(self.device_label, self.device)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.done_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        QWidget.setTabOrder(self.server, self.code)
        QWidget.setTabOrder(self.code, self.device)
        QWidget.setTabOrder(self.device, self.enrol_button)
        QWidget.setTabOrder(self.enrol_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.sync_button)
        QWidget.setTabOrder(self.sync_button, self.close_button)
        self.retranslate()
        (self.code if self.server.text() else self.server).setFocus()

    # --- public ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def outcome(self) -> EnrolOutcome | None:
        return self._outcome

    def enrol(self) -> None:
        """Check the fields, then redeem the code on the worker (never on the GUI thread)."""
        if self._busy or self._outcome is not None:
            return
        self._show_problem(None)
        try:
            url = normalise_address(self.server.text())
        except AddressError as exc:
            self._show_problem(exc)
            self.server.setFocus()
            return
        code = normalise_code(self.code.text())
        if len(code) != CODE_LENGTH or not code.isalnum():
            self._show_problem(CodeError())
            self.code.setFocus()
            self.code.selectAll()
            return
        name = self.device.text().strip() or default_device_name()
        self._set_busy(True)
        self._runner.run(
            lambda store: enrol_device(store, url, code, name),
            guarded(self, self._enrolled),
            guarded(self, self._failed),
        )

    # --- results -------------------------------------------------------------------------------
    def _enrolled(self, outcome: EnrolOutcome) -> None:
        self._set_busy(False)
        self._outcome = outcome
        for field in (self.server, self.code, self.device):
            field.setReadOnly(True)
        self.code.clear()  # one-time: no use keeping it on screen
        self.enrol_button.hide()
        self.cancel_button.hide()
        self.sync_button.show()
        self.close_button.show()
        self.sync_button.setDefault(True)
        self.sync_button.setFocus()
        self.done_box.show()
        self.form.setRowVisible(self.code, False)
        self.form.setRowVisible(self.code_hint, False)
        self.retranslate()
        self._fit_height()
        self.enrolled.emit(outcome.enrolment)

    def _fit_height(self) -> None:
        """Grow (never shrink the width) so wrapped texts are not clipped."""
        layout = self.layout()
        if layout is None:
            return
        width = max(self.width(), self.minimumWidth())
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0
        self.resize(width, max(needed, layout.totalMinimumSize().height(), self.height()))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_problem(exc)
        self._fit_height()
        if isinstance(exc, AuthError) and exc.code in (
            codes.ENROL_CODE_INVALID,
            codes.ENROL_CODE_EXPIRED,
            codes.ENROL_CODE_USED,
        ):
            self.code.setFocus()
            self.code.selectAll()
        else:
            self.server.setFocus()

    def _sync_now(self) -> None:
        self.sync_requested.emit()
        self.accept()

    # --- state -------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.status.setVisible(busy)
        self.enrol_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.server.setReadOnly(busy or self._locked_server)
        self.code.setReadOnly(busy)
        self.device.setReadOnly(busy)

    def _show_problem(self, exc: BaseException | None) -> None:
        self._problem = exc
        text = self.describe(exc) if exc is not None else ""
        self.error.setText(text)
        self.error.setAccessibleDescription(text)
        self.error.setVisible(bool(text))

    def describe(self, exc: BaseException) -> str:
        """An enrolment problem in the caseworker's language; never the exception's text."""
        if isinstance(exc, AddressError):
            if exc.reason == "empty":
                return self.tr("Write the server address IT gave you.")
            if exc.reason == "plain_http":
                return self.tr(
                    "The address must start with https://. Plain http is only allowed to "
                    "this computer itself."
                )
            return self.tr(
                "The server address is not valid. It looks like https://sync.example.dk."
            )
        if isinstance(exc, CodeError):
            return self.tr(
                "The enrolment code has 10 letters and digits, for example ABCDE-23456. "
                "Small letters, spaces and dashes are fine."
            )
        if isinstance(exc, AuthError):
            if exc.code == codes.ENROL_CODE_EXPIRED:
                return self.tr("The enrolment code has expired. Ask IT for a new code.")
            if exc.code == codes.ENROL_CODE_USED:
                return self.tr("The enrolment code has already been used. Ask IT for a new code.")
            if exc.code == codes.ENROL_CODE_INVALID:
                return self.tr(
                    "The server does not know this enrolment code. Check each character "
                    "against the code from IT (0 and O, 1 and I are not used)."
                )
            if exc.code == codes.USER_DISABLED:
                return self.tr("Your user account is disabled on the server. Contact IT.")
            return self.tr("The server refused the enrolment. Contact IT.")
        if isinstance(exc, ServerUnavailable):
            if tls_problem(exc):
                return self.tr(
                    "The server's certificate could not be verified (TLS), so nothing was "
                    "sent. Check the address, or contact IT."
                )
            return self.tr(
                "The server cannot be reached. Check the address and that the laptop is "
                "online, then try again."
            )
        if isinstance(exc, UpdateRequired):
            return self.tr("This version of Outreach Desk is too old for the server. Ask IT.")
        if isinstance(exc, ValueError):  # the client refused the address
            return self.tr(
                "The address must start with https://. Plain http is only allowed to "
                "this computer itself."
            )
        if isinstance(exc, StoreClosed):
            return self.tr("Outreach Desk is locked. Unlock it and try again.")
        if isinstance(exc, ProtocolError):
            return self.tr(
                "The address does not answer like an Outreach Desk sync server. Check the "
                "address with IT."
            )
        return self.tr("Enrolment failed. Nothing was changed on this laptop.")

    # --- language ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enrol device"))
        self.title.setText(self.tr("Enrol this laptop"))
        self.intro.setText(
            self.tr(
                "Connect this laptop to your municipality's sync server, so your visits and "
                "notes reach your team. IT gives you a one-time enrolment code."
            )
        )
        locked = self.tr("Set by your IT department")
        self.server_label.setText(self.tr("&Server address"))
        self.server.setPlaceholderText("https://sync.example.dk")
        self.server.setAccessibleName(self.tr("Server address"))
        for widget in (self.server, self.server_label, self.server_lock):
            widget.setToolTip(locked if self._locked_server else "")
        self.server.setAccessibleDescription(locked if self._locked_server else "")
        self.server_lock.setAccessibleName(locked)
        self.code_label.setText(self.tr("Enrolment &code"))
        self.code.setPlaceholderText("ABCDE-23456")
        self.code.setAccessibleName(self.tr("Enrolment code"))
        self.code_hint.setText(self.tr("10 characters from IT. Small letters and spaces are fine."))
        self.device_label.setText(self.tr("&Device name"))
        self.device.setAccessibleName(self.tr("Device name"))
        self.device.setToolTip(self.tr("How IT sees this laptop in its list of devices."))
        self.status.setText(self.tr("Contacting the server…"))
        self.progress.setAccessibleName(self.tr("Enrolling"))
        self.enrol_button.setText(self.tr("&Enrol"))
        self.enrol_button.setAccessibleName(self.tr("Enrol this laptop"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.sync_button.setText(self.tr("Sync &now"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.done_title.setText("✓ " + self.tr("Enrolled"))
        outcome = self._outcome
        if outcome is not None:
            enrolment = outcome.enrolment
            role = self._role(enrolment.role)
            if outcome.team_names:
                text = self.tr("This laptop is enrolled as %1 (%2) in %3.")
                text = text.replace("%3", ", ".join(outcome.team_names))
            else:
                text = self.tr("This laptop is enrolled as %1 (%2).")
            self.done_text.setText(text.replace("%1", enrolment.user_name).replace("%2", role))
            self.done_box.setAccessibleName(self.done_text.text())
        self.done_hint.setText(
            self.tr(
                "Sync now to send what is recorded on this laptop and fetch your team's "
                "citizens. Later, syncing happens by itself whenever the server can be reached."
            )
        )
        if self._problem is not None:
            self._show_problem(self._problem)

    def _role(self, role: str) -> str:
        return {
            "caseworker": self.tr("caseworker"),
            "team_lead": self.tr("team lead"),
            "admin": self.tr("administrator"),
        }.get(role, role)

    # --- closing while the server is being asked -----------------------------------------------
    def reject(self) -> None:
        if self._busy:  # the code is being redeemed: wait for the answer
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._busy and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)


__all__ = [
    "EnrolDialog",
    "default_device_name",
    "lock_pixmap",
    "normalise_address",
    "normalise_code",
]

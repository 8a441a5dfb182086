"""A process that works with the real app, locks, and waits to have its memory dumped.

Run as ``python -m tests.store.memory_probe PROFILE MODE`` with the passphrase, the CPR
number and the note text on stdin (one per line), so none of them is in ``argv`` or the
environment. MODE ``store`` uses the store alone; ``window`` drives the real main window
(offscreen): unlock, open the citizen, read the note, lock; ``unlocked`` is the control that
does not lock. The process then prints what it can check itself, then ``locked``, and waits
for a line on stdin before it exits.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from outreach_desk.domain import Citizen, ContactForm, JournalNote
from outreach_desk.store import KdfParams, Store


def _seed(store: Store, cpr: str, text: str) -> str:
    person = store.citizens.add(Citizen.new(store.session.home_team, name="Probe", cpr=cpr))
    note = store.notes.add(
        JournalNote.new(
            team_id=store.session.home_team,
            caseworker=store.session.user_id,
            citizen_ids=(person.id,),
            contact_form=ContactForm.OUTREACH,
            now=datetime.now(UTC),
            text=text,
        )
    )
    assert store.notes.get(note.id).text == text
    assert store.search_notes(text.split()[0])
    assert store.search_citizens(cpr)
    return person.id


def _create(profile: Path, passphrase: str, name: str = "Probe") -> Store:
    return Store.create(
        profile,
        passphrase,
        user_id="u",
        user_name=name,
        team_ids=("t",),
        kdf=KdfParams.fast_for_tests(),
    )


def _store_only(profile: Path, passphrase: str, cpr: str, text: str, lock: bool = True) -> None:
    _create(profile, passphrase).close()
    store = Store.open(profile, passphrase)
    _seed(store, cpr, text)
    if lock:
        store.close()
    else:
        _keep.append(store)  # the control: an unlocked store must show its key


def _window(profile: Path, passphrase: str, cpr: str, text: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from outreach_desk.resources import translations_dir
    from outreach_desk.services.tasks import TaskRunner
    from outreach_desk.settings import SettingsFile, UserSettings
    from outreach_desk.ui.i18n import Translations
    from outreach_desk.ui.main_window import MainWindow, StoreFactory

    app = QApplication([])
    _create(profile, passphrase).close()
    factory = StoreFactory(
        profile=profile,
        create=lambda name, secret: _create(profile, secret, name),
        open=lambda secret: Store.open(profile, secret),
    )
    runner = TaskRunner()
    translations = Translations(app, translations_dir())
    window = MainWindow(
        runner,
        factory,
        translations,
        SettingsFile(profile.parent / "settings.json"),
        UserSettings(language="en"),
    )
    window.start()
    window.show()

    def wait(condition: object, ms: int = 20_000) -> None:
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: loop.quit() if condition() else None)  # type: ignore[operator]
        timer.start(10)
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        deadline.start(ms)
        loop.exec()
        if not condition():  # type: ignore[operator]
            raise SystemExit("probe: timed out")

    window.unlock_screen.passphrase.setText(passphrase)  # as if typed
    window.unlock_screen.unlock_button.click()
    wait(lambda: window.pages.currentWidget() is window.workspace)
    box: list[str] = []
    runner.run(lambda s: _seed(s, cpr, text), box.append)
    wait(lambda: bool(box))
    window.caseload_model.reload()
    wait(lambda: window.caseload_model.rowCount() == 1)
    window.citizen_view.show_citizen(box[0])
    wait(lambda: window.citizen_view._screen is not None and not runner.busy)
    locked: list[bool] = []
    window.locked.connect(lambda: locked.append(True))
    window.lock()
    wait(lambda: bool(locked))
    app.processEvents()
    _keep.extend([app, window, runner, translations])
    print(f"widgets showing personal data: {_widgets_showing(app, (cpr, text))}", flush=True)


def _widgets_showing(app: object, texts: tuple[str, ...]) -> int:
    """Live widgets whose text still holds one of ``texts`` after the lock."""
    shown = 0
    for widget in app.allWidgets():  # type: ignore[attr-defined]
        for name in ("text", "toPlainText", "toolTip", "windowTitle", "accessibleName"):
            getter = getattr(widget, name, None)
            try:
                value = getter() if callable(getter) else None
            except TypeError:
                continue
            if isinstance(value, str) and any(t in value for t in texts):
                shown += 1
    return shown


_keep: list[object] = []
"""The window stays alive while the memory is dumped, as a locked app on screen would."""


def main() -> None:
    profile, mode = Path(sys.argv[1]), sys.argv[2]
    passphrase, cpr, text = (sys.stdin.readline().rstrip("\n") for _ in range(3))
    if mode == "window":
        _window(profile, passphrase, cpr, text)
    else:
        _store_only(profile, passphrase, cpr, text, lock=mode == "store")
    del passphrase, cpr, text
    print("locked", flush=True)
    sys.stdin.readline()
    for kept in _keep:
        shutdown = getattr(kept, "shutdown", None)
        if callable(shutdown):
            shutdown()


if __name__ == "__main__":
    main()

"""``outreach-desk --smoke-test``: prove an installed (or frozen) app works, end to end.

Stages, each of which must pass:

1. policy       the machine policy parses without problems (a missing file is fine)
2. store        an encrypted store in a temporary profile: create, close, reopen with the
                passphrase (Argon2id + AES-GCM key unwrap, SQLCipher with PRAGMA key)
3. migrations   the schema is at the latest version and passes the integrity checks
4. translations Danish loads: Qt's own ``qtbase_da.qm`` and the app's catalogue, each
                translating a known string
5. window       the main window opens the store on its worker thread and shows the workspace
                (offscreen when there is no display)
6. sync         only with a server URL and an enrolment code: enrol this profile, sync once

Prints ``SMOKE OK: …`` and returns 0, or ``SMOKE FAILED: <stage>: <reason>`` and returns 1.
The temporary profile is crypto-erased and removed afterwards unless ``workdir`` is given.
Against a production server use a dedicated smoke-test user in an empty team, and revoke
the device afterwards (``outreach-sync device list`` shows it as ``smoke-test …``).
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

SMOKE_PASSPHRASE = "smoke test passphrase 7"
# a string Qt itself translates (qtbase_da.qm) and one of the app's own (outreach_desk_da.qm)
QT_STRING = ("QPlatformTheme", "Cancel")
APP_STRING = ("MainWindow", "&Quit")
WINDOW_TIMEOUT_MS = 30_000


class SmokeFailure(Exception):
    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason


@contextlib.contextmanager
def _stage(name: str) -> Iterator[None]:
    try:
        yield
    except SmokeFailure:
        raise
    except BaseException as exc:
        if os.environ.get("OUTREACH_SMOKE_TRACEBACK"):
            traceback.print_exc()
        reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        raise SmokeFailure(name, reason) from exc


def _out() -> TextIO | None:
    # a windowed (GUI) build on Windows has no stdout; stderr may be missing too
    return sys.stdout or sys.stderr


def _say(line: str, workdir: Path | None) -> None:
    stream = _out()
    if stream is not None:
        print(line, file=stream, flush=True)
    if workdir is not None:
        with contextlib.suppress(OSError):
            (workdir / "smoke-result.txt").write_text(line + "\n", "utf-8")


def _has_display() -> bool:
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run_smoke_test(server_url: str | None, code: str | None, workdir: Path | None) -> int:
    """Run every stage; print one result line; 0 when all passed, else 1."""
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        summary = _run(server_url, code, workdir)
    except SmokeFailure as failure:
        _say(f"SMOKE FAILED: {failure.stage}: {failure.reason}", workdir)
        return 1
    seconds = time.monotonic() - started
    _say(f"SMOKE OK: {summary} in {seconds:.1f} s", workdir)
    return 0


def _run(server_url: str | None, code: str | None, workdir: Path | None) -> str:
    if bool(code) and not (server_url or _policy_url()):
        raise SmokeFailure("sync", "an enrolment code needs a server URL (--server or policy)")
    if server_url and not code:
        raise SmokeFailure("sync", "a server URL needs an enrolment code (--enrol-code)")
    if not os.environ.get("QT_QPA_PLATFORM") and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    parts: list[str] = []
    with _stage("policy"):
        from .policy import load_policy

        result = load_policy()
        if result.problems:
            raise SmokeFailure("policy", " | ".join(result.problems))
        policy = result.policy
    base = workdir if workdir is not None else Path(tempfile.mkdtemp(prefix="outreach-smoke-"))
    profile = base / "smoke-profile"
    if profile.exists():
        shutil.rmtree(profile)
    try:
        parts.append(_check_store(profile))
        parts.append(_check_migrations(profile))
        app = _application()
        parts.append(_check_translations(app))
        parts.append(_check_window(app, profile, base))
        url = server_url or policy.sync_url
        if url and code:
            parts.append(_check_sync(profile, url, code))
    finally:
        if workdir is None:
            _erase(profile)
            shutil.rmtree(base, ignore_errors=True)
    if not policy.is_empty():
        parts.insert(0, f"policy ({len(policy.as_json())} keys)")
    return ", ".join(parts)


def _policy_url() -> str | None:
    from .policy import load_policy

    return load_policy().policy.sync_url


def _open(profile: Path) -> Any:
    from .store import Store

    return Store.open(profile, SMOKE_PASSPHRASE)


def _check_store(profile: Path) -> str:
    with _stage("store"):
        from .store import KdfParams, ProfilePaths, Store

        # the floor Argon2id settings: the same code path, without half a second per open
        store = Store.create(
            profile,
            SMOKE_PASSPHRASE,
            user_id="local",
            user_name="Smoke Test",
            team_ids=("local",),
            kdf=KdfParams.fast_for_tests(),
        )
        store.close()
        head = ProfilePaths(profile).database.read_bytes()[:16]
        if head.startswith(b"SQLite format 3"):
            raise SmokeFailure("store", "the database file is not encrypted")
        _open(profile).close()
    return "store"


def _check_migrations(profile: Path) -> str:
    with _stage("migrations"):
        from .store import migrations

        with _open(profile) as store:
            version = store.schema_version()
            if version != migrations.LATEST:
                raise SmokeFailure(
                    "migrations", f"schema version {version}, expected {migrations.LATEST}"
                )
            errors = store.integrity_errors()
            if errors:
                raise SmokeFailure("migrations", "integrity check: " + "; ".join(errors[:3]))
    return f"migrations (v{version})"


def _application() -> Any:
    with _stage("window"):
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1])
    return app


def _check_translations(app: Any) -> str:
    with _stage("translations"):
        from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale

        from .resources import translations_dir
        from .ui.i18n import APP_CATALOG, Translations

        folder = translations_dir()
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translations = Translations(app, folder)
        previous_locale = QLocale()
        try:
            loaded = translations.switch("da")
            if not loaded:
                raise SmokeFailure(
                    "translations",
                    f"Danish catalogues missing: need qtbase_da.qm in {qt_folder} and "
                    f"{APP_CATALOG}_da.qm in {folder}",
                )
            for context, text in (QT_STRING, APP_STRING):
                translated = QCoreApplication.translate(context, text)
                if translated == text:
                    raise SmokeFailure(
                        "translations", f"{context} {text!r} is not translated to Danish"
                    )
        finally:
            # leave the application as it was (in-process runs share it with others)
            for translator in getattr(translations, "_installed", []):
                app.removeTranslator(translator)
            QLocale.setDefault(previous_locale)
    return "translations (da)"


def _check_window(app: Any, profile: Path, base: Path) -> str:
    with _stage("window"):
        from .resources import translations_dir
        from .services.tasks import TaskRunner
        from .settings import SettingsFile, UserSettings
        from .store import Store
        from .ui.i18n import Translations
        from .ui.main_window import MainWindow, StoreFactory

        runner = TaskRunner()
        window = None
        errors: list[BaseException] = []

        def open_store(secret: str) -> Store:
            try:
                return Store.open(profile, secret)
            except BaseException as exc:
                errors.append(exc)
                raise

        try:
            factory = StoreFactory(
                profile=profile, create=lambda _name, _secret: _refuse(), open=open_store
            )
            translations = Translations(app, translations_dir())
            settings_file = SettingsFile(base / "smoke-settings.json")  # never the user's
            window = MainWindow(runner, factory, translations, settings_file, UserSettings())
            window.start()
            window.show()
            events: list[str] = []
            window.unlocked.connect(lambda: events.append("unlocked"))
            window.locked.connect(lambda: events.append("locked"))
            window.unlock_screen.unlock_requested.emit(SMOKE_PASSPHRASE)
            _wait(lambda: bool(events or errors))
            if errors:
                raise SmokeFailure("window", f"unlock failed: {errors[0]}")
            if "unlocked" not in events:
                raise SmokeFailure("window", "the workspace did not open within 30 s")
            if window.pages.currentWidget() is not window.workspace:
                raise SmokeFailure("window", "the unlock did not show the workspace")
            shot = window.grab()
            if shot.isNull() or shot.width() < 100:
                raise SmokeFailure("window", "the window did not render")
            platform_name = app.platformName()
            window.lock()  # the worker closes the store and zeroes the key
            _wait(lambda: "locked" in events)
            if "locked" not in events:
                raise SmokeFailure("window", "locking did not close the store within 30 s")
        finally:
            if window is not None:
                window.close()
                window.deleteLater()
            runner.shutdown()
            app.processEvents()
    return f"window ({platform_name})"


def _wait(done: Callable[[], bool], timeout_ms: int = WINDOW_TIMEOUT_MS) -> None:
    """Run the Qt event loop until ``done()`` or the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + timeout_ms / 1000
    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(lambda: loop.quit() if done() or time.monotonic() > deadline else None)
    if done():
        return
    poll.start()
    loop.exec()
    poll.stop()


def _refuse() -> Any:
    raise RuntimeError("the smoke profile should already exist")


def _check_sync(profile: Path, url: str, code: str) -> str:
    with _stage("sync"):
        from .services.sync_service import enrol, sync_now

        with _open(profile) as store:
            name = f"smoke-test {platform.node() or 'laptop'}"[:60]
            enrolment = enrol(store, url, code, name)
            report = sync_now(store)
            if report.rejected:
                raise SmokeFailure("sync", f"the server rejected {report.rejected} op(s)")
            if report.still_mismatched:
                raise SmokeFailure(
                    "sync",
                    "partition check still differs for " + ", ".join(report.still_mismatched),
                )
    return f"sync (device {enrolment.device_id}, pushed {report.pushed}, pulled {report.pulled})"


def _erase(profile: Path) -> None:
    """The smoke profile may hold data pulled from the server: crypto-erase, then remove."""
    with contextlib.suppress(Exception), _open(profile) as store:
        store.crypto_erase()
    shutil.rmtree(profile, ignore_errors=True)


def main_if_requested(argv: list[str]) -> int | None:
    """Run ``--smoke-test [--server URL --enrol-code CODE] [--profile-dir DIR]`` if asked.

    The frozen app's entry script calls this before ``app.main`` so a build can be checked
    even where app.py's parser does not know ``--smoke-test`` yet. ``None``: not asked.
    """
    if "--smoke-test" not in argv:
        return None
    import argparse

    parser = argparse.ArgumentParser(prog="outreach-desk --smoke-test")
    parser.add_argument("--smoke-test", action="store_true")
    parser.add_argument("--server", metavar="URL")
    parser.add_argument("--enrol-code", metavar="CODE")
    parser.add_argument("--profile-dir", type=Path, metavar="DIR")
    args, _unknown = parser.parse_known_args(argv)
    return run_smoke_test(args.server, args.enrol_code, args.profile_dir)

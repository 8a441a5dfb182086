"""Composition root: reads arguments, builds the parts and passes them in. No globals."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from platformdirs import user_data_path

from . import __version__

APP_NAME = "OutreachDesk"
DEMO_PASSPHRASE = "demo passphrase"
DEMO_PROFILE = Path("demo-profile")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach-desk",
        description="Outreach Desk: offline casework for outreach caseworkers.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--profile-dir",
        type=Path,
        default=None,
        help="where the encrypted store lives (default: the user data folder)",
    )
    parser.add_argument("--lang", choices=("da", "en"), help="interface language")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="DIR",
        help="render each main screen to a PNG in DIR and exit",
    )
    parser.add_argument(
        "--smoke-test", action="store_true", help="check this installation, print one line, exit"
    )
    parser.add_argument("--server", metavar="URL", help="with --smoke-test: enrol and sync here")
    parser.add_argument("--enrol-code", metavar="CODE", help="with --smoke-test: one-time code")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="open a demo profile with a realistic caseload")
    demo.add_argument("--profile-dir", type=Path, default=DEMO_PROFILE, dest="demo_profile")
    demo.add_argument("--citizens", type=int, default=120)
    demo.add_argument("--notes", type=int, default=1500)
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--lang", choices=("da", "en"), dest="demo_lang")
    demo.add_argument(
        "--print", action="store_true", dest="print_only", help="only print what it holds"
    )
    demo.add_argument("--screenshot", type=Path, metavar="DIR", dest="demo_screenshot")
    return parser


def default_profile() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "profile"


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


DEMO_SERVER_PORT = 8765


def ensure_demo_profile(
    folder: Path, citizens: int, notes: int, seed: int, server_url: str, enrol_code: str
) -> bool:
    """Create the demo profile once, enrolled with the demo server and synced.

    Returns True when it was created now.
    """
    from .demo import generate
    from .services import sync_service
    from .store import ProfilePaths, Store

    if ProfilePaths(folder).exists():
        return False
    print(f"Creating a demo profile in {folder} …", flush=True)

    def progress(done: int, total: int) -> None:
        print(f"\r  caseload {done:>7,} / {total:,}", end="", flush=True)

    def sync_progress(stage: str, done: int, total: int) -> None:
        print(f"\r  sync: {stage:<6} {done:>7,} / {total:,}   ", end="", flush=True)

    with Store.create(
        folder,
        DEMO_PASSPHRASE,
        user_id="u-demo",
        user_name="Mette Demo",
        team_ids=("local",),
    ) as store:
        sync_service.enrol(store, server_url, enrol_code, "Demo laptop")
        summary = generate(
            store,
            citizens=citizens,
            notes=notes,
            seed=seed,
            today=date.today(),
            progress=progress,
        )
        print(f"\r  caseload made in {summary.seconds:.1f} s" + " " * 20)
        report = sync_service.sync_now(store, progress=sync_progress)
        print(f"\r  synced with the demo server: {report.applied:,} changes sent" + " " * 20)
    return True


def _follow_demo_server(folder: Path, url: str) -> None:
    """The demo server may get a new port between runs: point the enrolment at it."""
    from dataclasses import replace

    from .store import Store
    from .store.replica import LocalReplica

    with Store.open(folder, DEMO_PASSPHRASE) as store:
        replica = LocalReplica(store)
        enrolment = replica.enrolment()
        if enrolment is not None and enrolment.server_url != url:
            replica.save_enrolment(replace(enrolment, server_url=url))


def print_profile(folder: Path) -> int:
    from .demo import describe
    from .store import Store, StoreError

    try:
        with Store.open(folder, DEMO_PASSPHRASE) as store:
            print(describe(store))
    except StoreError as exc:
        print(f"outreach-desk: {exc}", file=sys.stderr)
        return 1
    print(f"\nProfile: {folder.resolve()}  (passphrase: {DEMO_PASSPHRASE!r})")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """A demo profile and its own local server (a real outreach-sync), then the window."""
    from sync.protocol import ProtocolError

    from .demo.embedded import EmbeddedServer
    from .store import StoreError

    folder: Path = args.demo_profile
    folder.mkdir(parents=True, exist_ok=True)
    server = EmbeddedServer(folder / "server.db", port=DEMO_SERVER_PORT)
    try:
        server.prepare()
        url = server.start()
        print(f"Demo server: {url} (users: mette, jonas, lars)")
        created = ensure_demo_profile(
            folder, args.citizens, args.notes, args.seed, url, server.enrol_code()
        )
        if not created:
            _follow_demo_server(folder, url)
        if args.print_only:
            return print_profile(folder)
        # the main options work before the word "demo" as well as after it
        screenshot = args.demo_screenshot or args.screenshot
        if screenshot is None and not has_display():
            status = print_profile(folder)
            print(
                "\nNo display here, so the window cannot open. To see it:\n"
                "  xvfb-run -a .venv/bin/outreach-desk demo          (a virtual display), or\n"
                "  .venv/bin/outreach-desk demo --screenshot shots   (each screen as a PNG)"
            )
            return status
        return run_gui(
            folder,
            language=args.demo_lang or args.lang,
            screenshot=screenshot,
            passphrase=DEMO_PASSPHRASE,
        )
    except (StoreError, ProtocolError) as exc:
        print(f"outreach-desk: {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop()


def run_gui(
    profile: Path,
    *,
    language: str | None = None,
    screenshot: Path | None = None,
    passphrase: str | None = None,
) -> int:
    """Start the window. ``passphrase`` unlocks at once (the demo only)."""
    from . import crash

    crash.install()
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .policy import apply_policy, load_policy
    from .resources import icons_dir, translations_dir
    from .services.tasks import TaskRunner
    from .settings import SettingsFile, default_settings_path
    from .store import Store
    from .ui.i18n import Translations
    from .ui.main_window import MainWindow, Policy, StoreFactory

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Outreach Desk")
    app.setWindowIcon(QIcon(str(icons_dir() / "outreach-desk.svg")))
    settings_file = SettingsFile(default_settings_path())
    machine = load_policy()  # never raises; problems are shown once the window is up
    settings, locked = apply_policy(settings_file.load(), machine.policy)
    allowed = machine.policy.languages()
    translations = Translations(app, translations_dir())
    translations.switch(language if language in allowed else settings.language)
    runner = TaskRunner()
    factory = StoreFactory(
        profile=profile,
        create=lambda name, secret: Store.create(
            profile, secret, user_id=_new_user_id(), user_name=name, team_ids=("local",)
        ),
        open=lambda secret: Store.open(profile, secret),
    )
    policy = Policy(
        locked=locked,
        allowed_languages=allowed,
        sync_url=machine.policy.sync_url,
        offline_lease_days=machine.policy.offline_lease_days,
    )
    window = MainWindow(runner, factory, translations, settings_file, settings, policy)
    window.start()
    try:
        if screenshot is not None:
            from .ui.screenshots import render_all

            return render_all(app, window, screenshot, passphrase or DEMO_PASSPHRASE)
        window.show()
        if machine.problems:
            intro = QCoreApplication.translate(
                "MachinePolicy",
                "The machine policy set by your IT department has problems. Outreach Desk "
                "uses safe defaults for the affected settings. Please tell IT:",
            )
            details = "\n".join(f"• {problem}" for problem in machine.problems)
            QTimer.singleShot(
                0, lambda: QMessageBox.warning(window, "Outreach Desk", f"{intro}\n\n{details}")
            )
        if passphrase is not None and factory.exists():
            window.unlock_screen.unlock_requested.emit(passphrase)
        return app.exec()
    finally:
        runner.shutdown()


def _new_user_id() -> str:
    from .domain import uuid7

    return uuid7()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.smoke_test:
        from .smoke import run_smoke_test

        return run_smoke_test(args.server, args.enrol_code, args.profile_dir)
    if args.command == "demo":
        return run_demo(args)
    profile = args.profile_dir or default_profile()
    if args.screenshot is None and not has_display():
        print(
            "outreach-desk: no display. Run it on a desktop, under xvfb-run, "
            "or with --screenshot DIR.",
            file=sys.stderr,
        )
        return 2
    return run_gui(profile, language=args.lang, screenshot=args.screenshot)

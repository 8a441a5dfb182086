"""Composition root: reads arguments, builds the parts and passes them in. No globals."""

from __future__ import annotations

import argparse
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
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="create a demo profile with a realistic caseload")
    demo.add_argument("--profile-dir", type=Path, default=DEMO_PROFILE, dest="demo_profile")
    demo.add_argument("--citizens", type=int, default=120)
    demo.add_argument("--notes", type=int, default=1500)
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument(
        "--print", action="store_true", dest="print_only", help="print what the profile holds"
    )
    return parser


def default_profile() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "profile"


def ensure_demo_profile(folder: Path, citizens: int, notes: int, seed: int) -> bool:
    """Create the demo profile once; returns True when it was created now."""
    from .demo import generate
    from .store import ProfilePaths, Store

    if ProfilePaths(folder).exists():
        return False
    print(f"Creating a demo profile in {folder} …", flush=True)

    def progress(done: int, total: int) -> None:
        print(f"\r  {done:>7,} / {total:,}", end="", flush=True)

    with Store.create(
        folder,
        DEMO_PASSPHRASE,
        user_id="u-demo",
        user_name="Demo Sagsbehandler",
        team_ids=("team-odense-centrum",),
    ) as store:
        summary = generate(
            store,
            citizens=citizens,
            notes=notes,
            seed=seed,
            today=date.today(),
            progress=progress,
        )
    print(f"\r  done in {summary.seconds:.1f} s" + " " * 20)
    return True


def run_demo(args: argparse.Namespace) -> int:
    from .demo import describe
    from .store import Store, StoreError

    folder: Path = args.demo_profile
    try:
        ensure_demo_profile(folder, args.citizens, args.notes, args.seed)
        with Store.open(folder, DEMO_PASSPHRASE) as store:
            print(describe(store))
    except StoreError as exc:
        print(f"outreach-desk: {exc}", file=sys.stderr)
        return 1
    print(f"\nProfile: {folder.resolve()}  (passphrase: {DEMO_PASSPHRASE!r})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        return run_demo(args)
    print("The desktop window arrives with the GUI; try `outreach-desk demo`.", file=sys.stderr)
    return 2

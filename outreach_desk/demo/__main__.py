"""``python -m outreach_desk.demo``: make (or reopen) the demo profile and describe it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..store import Store
from .describe import describe
from .generator import generate

PASSPHRASE = "demo passphrase"


def main(argv: Sequence[str] | None = None) -> int:
    """Create the profile on first use (a calibrated key, like a real one); reuse it after."""
    parser = argparse.ArgumentParser(prog="python -m outreach_desk.demo")
    parser.add_argument("--profile", type=Path, default=Path("demo-profile"))
    parser.add_argument("--citizens", type=int, default=400)
    parser.add_argument("--notes", type=int, default=12_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if (args.profile / "store.key").exists():
        store = Store.open(args.profile, PASSPHRASE)
    else:
        store = Store.create(
            args.profile,
            PASSPHRASE,
            user_id="mette.sorensen",
            user_name="Mette Sørensen",
            team_ids=("odense-opsoegende-team",),
        )

        shown = [-1]

        def progress(done: int, total: int) -> None:
            percent = done * 100 // max(total, 1)
            if percent != shown[0]:
                shown[0] = percent
                print(f"\r  generating the caseload … {percent}%", end="", flush=True)

        summary = generate(
            store, citizens=args.citizens, notes=args.notes, seed=args.seed,
            today=date.today(), progress=progress,
        )  # fmt: skip
        print(f"\r  generated: {summary}")
    with store:
        print(describe(store))
    print(f"\nPassphrase: {PASSPHRASE!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

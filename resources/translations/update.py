"""Refresh the Danish catalogue from the sources and build the .qm files.

    python resources/translations/update.py          # lupdate + lrelease
    python resources/translations/update.py --release  # lrelease only (what builds run)

Translate new entries in Qt Linguist (``pyside6-linguist outreach_desk_da.ts``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CATALOGUES = [HERE / "outreach_desk_da.ts", HERE / "outreach_desk_en.ts"]
# English needs only its plural forms ("%n citizen(s)" -> "1 citizen", "2 citizens")
PLURAL_ONLY = {"outreach_desk_en.ts"}


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 into this environment")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "outreach_desk").rglob("*.py"))


def lupdate(target: Path) -> None:
    extra = ["-pluralonly"] if target.name in PLURAL_ONLY else []
    language = ["-target-language", target.stem.rsplit("_", 1)[-1]]
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            *extra,
            *language,
            *sources(),
            "-ts",
            str(target),
        ],
        check=True,
    )


def lrelease() -> None:
    for ts in CATALOGUES:
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--release", action="store_true", help="only build the .qm files")
    args = parser.parse_args()
    if not args.release:
        for ts in CATALOGUES:
            lupdate(ts)
    lrelease()


if __name__ == "__main__":
    main()

"""Danish is complete and in step with the sources; placeholders survive translation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
CATALOGUES = sorted(FOLDER.glob("*.ts"))


def _messages(path: Path) -> list[tuple[str, ET.Element]]:
    tree = ET.parse(path)
    return [
        (ctx.findtext("name") or "", msg)
        for ctx in tree.getroot().iter("context")
        for msg in ctx.iter("message")
    ]


def _translations(msg: ET.Element) -> list[str]:
    tr = msg.find("translation")
    assert tr is not None
    forms = [f.text or "" for f in tr.iter("numerusform")]
    return forms or [tr.text or ""]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.name)
def test_no_unfinished_or_empty_entries(catalogue: Path) -> None:
    problems = []
    for context, msg in _messages(catalogue):
        tr = msg.find("translation")
        assert tr is not None
        if tr.get("type") in {"unfinished", "vanished", "obsolete"} or not all(
            t.strip() for t in _translations(msg)
        ):
            problems.append(f"{context}: {msg.findtext('source')!r}")
    assert problems == []


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.name)
def test_placeholders_survive_translation(catalogue: Path) -> None:
    for context, msg in _messages(catalogue):
        source = msg.findtext("source") or ""
        wanted = sorted(re.findall(r"%L?(?:\d|n)", source))
        for text in _translations(msg):
            assert sorted(re.findall(r"%L?(?:\d|n)", text)) == wanted, (context, source, text)


def test_catalogues_are_in_step_with_the_sources(tmp_path: Path) -> None:
    """lupdate finds no string in the code that the .ts files do not translate."""
    copy = tmp_path / "translations"
    shutil.copytree(FOLDER, copy)
    script = copy / "update.py"
    text = script.read_text().replace("ROOT = HERE.parent.parent", f"ROOT = Path({str(ROOT)!r})")
    script.write_text(text)
    subprocess.run([sys.executable, str(script)], check=True, cwd=ROOT)
    for catalogue in copy.glob("*.ts"):
        unfinished = [
            msg.findtext("source")
            for _ctx, msg in _messages(catalogue)
            if (msg.find("translation") is not None)
            and msg.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        ]
        assert unfinished == [], f"untranslated in {catalogue.name}: {unfinished[:5]}"


def test_danish_catalogue_is_built() -> None:
    assert (FOLDER / "outreach_desk_da.qm").stat().st_size > 10_000

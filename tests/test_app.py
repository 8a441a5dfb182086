"""The README's first command, end to end: demo server, demo profile, enrolled and synced."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _demo(profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "outreach_desk",
            "demo",
            "--profile-dir",
            str(profile),
            "--citizens",
            "12",
            "--notes",
            "40",
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(profile.parent)},
    )


def test_demo_creates_an_enrolled_synced_profile_and_reuses_it(tmp_path: Path) -> None:
    profile = tmp_path / "demo"
    first = _demo(profile, "--print")
    assert first.returncode == 0, first.stderr
    assert "Demo server: http://127.0.0.1:" in first.stdout
    assert "synced with the demo server" in first.stdout
    assert "12 citizens" in first.stdout
    assert {"store.db", "store.key", "server.db"} <= {p.name for p in profile.iterdir()}
    again = _demo(profile, "--print")
    assert again.returncode == 0, again.stderr
    assert "Creating a demo profile" not in again.stdout


def test_demo_without_a_display_says_how_to_see_the_window(tmp_path: Path) -> None:
    result = _demo(tmp_path / "demo")
    assert result.returncode == 0, result.stderr
    assert "xvfb-run" in result.stdout and "--screenshot" in result.stdout


def test_screenshot_mode_renders_every_main_screen(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = _demo(tmp_path / "demo", "--screenshot", str(shots))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert len(names) >= 10
    assert any("caseload" in n for n in names) and any("locked" in n for n in names)
    assert all((shots / n).stat().st_size > 5_000 for n in names)

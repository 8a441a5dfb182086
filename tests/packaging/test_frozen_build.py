"""Build the Linux packages and smoke-test the frozen app against a real server.

Slow (3-4 minutes) and it writes build/ and dist/, so it only runs when asked:

    OUTREACH_BUILD_TEST=1 .venv/bin/pytest -m slow tests/packaging/test_frozen_build.py -s

``OUTREACH_BUILD_SKIP=1`` reuses an existing dist/ (to re-run only the checks). The figures
(build time, sizes, start-to-smoke-line time) are printed and written to
dist/build-report.txt.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
APP_DIR = DIST / "outreach-desk"
APP = APP_DIR / "outreach-desk"
POLICY_TOOL = APP_DIR / "outreach-desk-policy"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1800),
    pytest.mark.skipif(
        os.environ.get("OUTREACH_BUILD_TEST") != "1", reason="set OUTREACH_BUILD_TEST=1"
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux build"),
]


def du(path: Path) -> str:
    return subprocess.run(
        ["du", "-sh", str(path)], check=True, capture_output=True, text=True
    ).stdout.split()[0]


@pytest.fixture(scope="module")
def build() -> dict[str, str]:
    figures: dict[str, str] = {}
    if os.environ.get("OUTREACH_BUILD_SKIP") != "1" or not APP.exists():
        started = time.monotonic()
        subprocess.run([str(ROOT / "packaging" / "linux" / "build.sh")], check=True, cwd=ROOT)
        figures["build time"] = f"{time.monotonic() - started:.0f} s"
    figures["one-dir"] = du(APP_DIR)
    [deb] = DIST.glob("outreach-desk_*.deb")
    [tarball] = DIST.glob("outreach-desk-*-linux-*.tar.gz")
    figures["deb"] = du(deb)
    figures["tarball"] = du(tarball)
    return figures


def cli(db: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sync.server", "--db", db, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """``outreach-sync`` as IT runs it: init, user, team, member, serve. Yields (url, db)."""
    folder = tmp_path_factory.mktemp("server")
    db = f"sqlite:///{folder / 'server.db'}"
    cli(db, "init")
    cli(db, "user", "add", "smoke", "--name", "Smoke Test")
    cli(db, "team", "add", "Smoke")
    cli(db, "team", "member", "Smoke", "smoke")
    port = free_port()
    log = (folder / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server", "--db", db, "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, (folder / "server.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield url, db
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


def run_frozen(
    program: Path, *args: str, tmp_path: Path
) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "OUTREACH_DESK_POLICY": str(tmp_path / "none.json")}
    env["HOME"] = str(tmp_path / "home")  # the frozen app must not touch the real profile
    env.pop("PYTHONPATH", None)  # nothing from the source tree may leak in
    started = time.monotonic()
    done = subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    return done, time.monotonic() - started


def report(figures: dict[str, str]) -> None:
    lines = [f"{key:<28} {value}" for key, value in figures.items()]
    (DIST / "build-report.txt").write_text("\n".join(lines) + "\n", "utf-8")
    print("\n" + "\n".join(lines))


def test_frozen_app_passes_the_smoke_test_with_sync(
    build: dict[str, str], sync_server: tuple[str, str], tmp_path: Path
) -> None:
    url, db = sync_server
    code = cli(db, "enrol-code", "smoke").strip()
    done, seconds = run_frozen(
        APP, "--smoke-test", "--server", url, "--enrol-code", code, tmp_path=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    line = done.stdout.strip().splitlines()[-1]
    assert re.match(
        r"SMOKE OK: store, migrations \(v\d+\), translations \(da\), window \(offscreen\), "
        r"sync \(device [0-9a-f-]+, pushed \d+, pulled \d+\)",
        line,
    ), line
    assert "smoke-test" in cli(db, "device", "list")
    # a second, warm start without sync: the figure a caseworker feels
    warm, warm_seconds = run_frozen(APP, "--smoke-test", tmp_path=tmp_path)
    assert warm.returncode == 0, warm.stdout + warm.stderr
    report(
        build
        | {
            "launch to smoke line (sync)": f"{seconds:.2f} s",
            "launch to smoke line (warm)": f"{warm_seconds:.2f} s",
        }
    )


def test_the_deb_holds_a_working_app(build: dict[str, str], tmp_path: Path) -> None:
    [deb] = DIST.glob("outreach-desk_*.deb")
    info = subprocess.run(["dpkg-deb", "-I", str(deb)], check=True, capture_output=True, text=True)
    assert "Package: outreach-desk" in info.stdout
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert os.readlink(root / "usr/bin/outreach-desk") == "/opt/outreach-desk/outreach-desk"
    desktop = root / "usr/share/applications/outreach-desk.desktop"
    assert "Exec=/usr/bin/outreach-desk" in desktop.read_text("utf-8")
    assert (root / "usr/share/icons/hicolor/scalable/apps/outreach-desk.svg").exists()
    assert (root / "usr/share/icons/hicolor/256x256/apps/outreach-desk.png").exists()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    done, _ = run_frozen(
        root / "opt/outreach-desk/outreach-desk", "--smoke-test", tmp_path=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("SMOKE OK: ")


def test_frozen_policy_tool_writes_what_the_app_reads(
    build: dict[str, str], tmp_path: Path
) -> None:
    policy = tmp_path / "OutreachDesk" / "policy.json"
    args = ["--file", str(policy), "write", "--sync-url", "https://sync.kommune.example"]
    done, _ = run_frozen(POLICY_TOOL, *args, "--idle-lock-minutes", "7", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(policy.read_text("utf-8")) == {
        "sync_url": "https://sync.kommune.example",
        "idle_lock_minutes": 7,
    }
    bad, _ = run_frozen(
        POLICY_TOOL, "--file", str(policy), "write", "--idle-lock-minutes", "999", tmp_path=tmp_path
    )
    assert bad.returncode == 1 and "idle_lock_minutes must be from 1 to 120" in bad.stderr

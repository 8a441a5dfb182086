"""An uncaught exception, in a Qt slot or a thread, leaves no personal data in crash output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CPR = "010190-1234"
NOTE = "Probeordet Vandrefalk aftalte afrusning"

SCRIPT = f"""
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from outreach_desk import crash

if sys.argv[1] == "installed":
    crash.install()
app = QApplication([])

def save_citizen():
    cpr = {CPR!r}
    note_text = {NOTE!r}
    int(cpr)  # ValueError: invalid literal for int() with base 10: '010190-1234'

def open_note():
    notes = {{}}
    try:
        return notes[{NOTE!r}]
    except KeyError as exc:
        raise RuntimeError("could not open " + {CPR!r}) from exc

def worker():
    raise ValueError({NOTE!r})

QTimer.singleShot(0, save_citizen)
QTimer.singleShot(0, open_note)
QTimer.singleShot(0, lambda: threading.Thread(target=worker, name="exporter").start())
QTimer.singleShot(100, app.quit)
app.exec()
print("still running", flush=True)
"""


def _run(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )


@pytest.mark.parametrize("mode", ["installed", "python default"])
def test_crash_output_names_the_place_but_not_the_data(mode: str) -> None:
    result = _run(mode)
    assert "still running" in result.stdout  # a slot's exception does not end the app
    err = result.stderr
    for where in ("save_citizen", "open_note", "worker", "ValueError", "RuntimeError"):
        assert where in err  # a developer can still find the place
    leaked = [secret for secret in (CPR, NOTE, "Vandrefalk") if secret in err]
    if mode == "installed":
        assert leaked == []
        assert "KeyError" in err and "exporter" in err  # the whole chain, and which thread
    else:
        assert leaked, "Python's own excepthook quotes the data: the check above can fail"

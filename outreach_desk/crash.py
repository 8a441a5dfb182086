"""Crash output without personal data.

Python's default excepthook prints an exception's message, and a message can quote the
data that caused it (``int("010190-1234")`` says the CPR number). Uncaught exceptions,
in the main thread, in Qt slots (PySide6 hands them to ``sys.excepthook``) and in other
threads, are logged with their type and frames only: enough for a developer to find the
place, nothing about the citizen.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

log = logging.getLogger("outreach_desk.crash")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def safe_traceback(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """Frames (file, line, function) and exception types of the whole chain; no messages,
    no source lines (a line can hold a literal), no locals."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    current_type, current_tb = exc_type, tb
    while True:
        frames = [
            f'  File "{f.filename}", line {f.lineno}, in {f.name}'
            for f in traceback.extract_tb(current_tb)
        ]
        parts.insert(
            0,
            "\n".join(
                [
                    "Traceback (most recent call last):",
                    *frames,
                    current_type.__name__,
                    "(message withheld: it may quote personal data)",
                ]
            ),
        )
        if current is None:
            break
        seen.add(id(current))
        nxt = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if nxt is None or id(nxt) in seen:
            break
        current, current_type, current_tb = nxt, type(nxt), nxt.__traceback__
    return "\n\nwhich led to:\n\n".join(parts)


def _hook(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
        return
    log.critical("uncaught exception\n%s", safe_traceback(exc_type, exc, tb))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    log.critical(
        "uncaught exception in thread %s\n%s",
        name,
        safe_traceback(args.exc_type, args.exc_value, args.exc_traceback),
    )


def install() -> None:
    """Log to stderr (warnings and worse) and route every uncaught exception through the
    safe traceback. Called once by the composition root."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    sys.excepthook = _hook
    threading.excepthook = _thread_hook

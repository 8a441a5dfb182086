"""Growing delay after wrong passphrases, kept on disk so a restart does not reset it.

The first two mistakes cost nothing (typos happen in a noisy drop-in centre); from the
third, each wrong attempt doubles the wait, up to five minutes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write

FREE_ATTEMPTS = 2
MAX_DELAY_SECONDS = 300.0


def delay_after(failures: int) -> float:
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** (failures - FREE_ATTEMPTS))


@dataclass
class UnlockThrottle:
    path: Path
    clock: Callable[[], float] = time.time

    def _load(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return int(data["failures"]), float(data["last_failure"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    @property
    def failures(self) -> int:
        return self._load()[0]

    def remaining(self) -> float:
        """Seconds until the next attempt is allowed (0 when allowed now)."""
        failures, last = self._load()
        wait = last + delay_after(failures) - self.clock()
        return max(0.0, wait)

    def record_failure(self) -> tuple[int, float]:
        failures = self._load()[0] + 1
        now = self.clock()
        atomic_write(self.path, json.dumps({"failures": failures, "last_failure": now}).encode())
        return failures, delay_after(failures)

    def reset(self) -> None:
        if self.path.exists():
            self.path.unlink()

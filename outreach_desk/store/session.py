"""Who is working on which device, and the clock: passed to every part of the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..domain.enums import Purpose

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Session:
    user_id: str
    user_name: str
    device_id: str
    team_ids: tuple[str, ...]
    purpose: Purpose = Purpose.CASEWORK
    clock: Clock = field(default=utc_now, repr=False)

    @property
    def home_team(self) -> str:
        return self.team_ids[0] if self.team_ids else ""

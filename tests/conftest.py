"""Shared fixtures: real encrypted stores in tmp_path, a clock the test controls."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from outreach_desk.store import KdfParams, Store

PASSPHRASE = "correct horse battery staple"


@dataclass
class FakeClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return tmp_path / "profile"


def new_store(
    folder: Path,
    clock: FakeClock | None = None,
    *,
    user_id: str = "u",
    user_name: str = "U",
    team_ids: tuple[str, ...] = ("t",),
) -> Store:
    """A new encrypted profile at ``folder`` with ``PASSPHRASE`` and the quick test KDF."""
    return Store.create(
        folder,
        PASSPHRASE,
        user_id=user_id,
        user_name=user_name,
        team_ids=team_ids,
        kdf=KdfParams.fast_for_tests(),
        **({} if clock is None else {"clock": clock}),
    )


@pytest.fixture
def store(profile: Path, clock: FakeClock) -> Iterator[Store]:
    opened = new_store(
        profile, clock, user_id="u-mette", user_name="Mette Sørensen", team_ids=("team-odense-c",)
    )
    yield opened
    opened.close()

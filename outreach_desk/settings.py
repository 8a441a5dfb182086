"""User settings (language, idle lock, default place): a small JSON file per user.

Machine policy from IT, when present, wins over these (see the policy module).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from platformdirs import user_config_path

from .store.atomic import atomic_write

LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class UserSettings:
    language: str = "da"
    idle_lock_minutes: int = 5
    default_place_id: str | None = None

    def validated(self) -> UserSettings:
        language = self.language if self.language in LANGUAGES else "da"
        minutes = self.idle_lock_minutes if 1 <= self.idle_lock_minutes <= 120 else 5
        return replace(self, language=language, idle_lock_minutes=minutes)


def default_settings_path() -> Path:
    return user_config_path("OutreachDesk", appauthor=False) / "settings.json"


class SettingsFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> UserSettings:
        """Missing or unreadable settings fall back to defaults; they hold nothing precious."""
        try:
            raw = json.loads(self.path.read_text("utf-8"))
            known = {f.name for f in fields(UserSettings)}
            return UserSettings(**{k: v for k, v in raw.items() if k in known}).validated()
        except (OSError, ValueError, TypeError):
            return UserSettings()

    def save(self, settings: UserSettings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json.dumps(asdict(settings), indent=2).encode("utf-8"))

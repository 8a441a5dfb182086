"""Server settings and where they come from: ``--db`` flag, ``OUTREACH_SYNC_DB``, a TOML file.

Example ``server.toml``::

    db = "postgresql+psycopg://sync@db.internal/outreach"
    clock_skew_seconds = 300
    enrol_code_ttl_minutes = 15
    [policy]
    offline_lease_days = 14
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from sync.protocol.messages import DEFAULT_MAX_BODY_BYTES

ENV_DB = "OUTREACH_SYNC_DB"
ENV_DATA_DIR = "OUTREACH_SYNC_DATA_DIR"


def default_data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(platformdirs.user_data_dir("outreach-sync"))


def default_database_url() -> str:
    return f"sqlite:///{default_data_dir() / 'server.db'}"


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=default_database_url)
    clock_skew_seconds: int = 300
    """How far a request's timestamp may be from the server clock (each way)."""
    enrol_code_ttl_seconds: int = 15 * 60
    policy: dict[str, Any] = field(default_factory=dict)
    """Sent to devices at enrolment (e.g. offline lease days)."""
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    """Said in the hello, so devices size their push batches to fit."""
    host: str = "127.0.0.1"
    port: int = 8765
    tls_cert: str | None = None
    tls_key: str | None = None


class ConfigError(Exception):
    """The configuration file is missing or wrong; the message says which key."""


def load_settings(
    db: str | None = None,
    config: Path | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Settings:
    """Settings from (strongest first) the ``db`` argument, the environment, the config file."""
    values: dict[str, Any] = {}
    if config is not None:
        values = _read_toml(config)
    file_db = values.pop("db", None)
    url = db or environ.get(ENV_DB) or file_db
    kwargs: dict[str, Any] = {}
    if url:
        kwargs["database_url"] = str(url)
    _take(values, kwargs, "clock_skew_seconds", int)
    if "enrol_code_ttl_minutes" in values:
        kwargs["enrol_code_ttl_seconds"] = 60 * _typed(values, "enrol_code_ttl_minutes", int)
        values.pop("enrol_code_ttl_minutes")
    _take(values, kwargs, "policy", dict)
    _take(values, kwargs, "host", str)
    _take(values, kwargs, "port", int)
    _take(values, kwargs, "tls_cert", str)
    _take(values, kwargs, "tls_key", str)
    if values:
        raise ConfigError(f"unknown setting(s) in {config}: {', '.join(sorted(values))}")
    return Settings(**kwargs)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None


def _typed(values: dict[str, Any], key: str, kind: type) -> Any:
    value = values[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ConfigError(f"setting {key!r} must be of type {kind.__name__}")
    return value


def _take(values: dict[str, Any], into: dict[str, Any], key: str, kind: type) -> None:
    if key in values:
        into[key] = _typed(values, key, kind)
        values.pop(key)

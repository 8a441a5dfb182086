"""Machine policy: what the IT department fixes for every user of a laptop. No Qt.

A small read-only JSON file in the site config folder (``platformdirs``), written by the
installer (MSI properties), a .deb conffile, Intune/GPO/Ansible, or by hand::

    Windows  %ProgramData%\\OutreachDesk\\policy.json
    macOS    /Library/Application Support/OutreachDesk/policy.json
    Linux    /etc/xdg/OutreachDesk/policy.json   (each folder in $XDG_CONFIG_DIRS is tried)

``OUTREACH_DESK_POLICY`` names another file (tests, IT trials). Keys::

    {"sync_url": "https://sync.kommune.dk", "idle_lock_minutes": 5,
     "offline_lease_days": 14, "allowed_languages": ["da"]}

Policy values win over the user's settings and show as locked. A broken file never stops the
app: each bad key is ignored with a problem message that names the file and the key, the
good keys still apply, and an unreadable file means "no policy" plus a message. Keys that
start with ``_`` are comments and are ignored.

The policy is a configuration tool, not a security boundary against the laptop's own user:
what must hold (revocation, partitions, write scope) is enforced by the server.

    python -m outreach_desk.policy show              # where it is read from, what applies
    python -m outreach_desk.policy write --sync-url https://… --idle-lock-minutes 5
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from platformdirs import PlatformDirs

from .settings import LANGUAGES, UserSettings

APP_NAME = "OutreachDesk"
POLICY_FILE = "policy.json"
ENV_POLICY = "OUTREACH_DESK_POLICY"
MAX_BYTES = 64 * 1024
IDLE_LOCK_RANGE = (1, 120)  # the same range the settings dialog allows
LEASE_RANGE = (1, 365)
KEYS = ("sync_url", "idle_lock_minutes", "offline_lease_days", "allowed_languages")


@dataclass(frozen=True)
class MachinePolicy:
    """The valid policy values; ``None`` means "not set by IT"."""

    sync_url: str | None = None
    idle_lock_minutes: int | None = None
    offline_lease_days: int | None = None
    allowed_languages: tuple[str, ...] | None = None
    source: Path | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, key) is None for key in KEYS)

    def languages(self) -> tuple[str, ...]:
        """The languages the settings dialog may offer."""
        return self.allowed_languages or LANGUAGES

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in KEYS:
            value = getattr(self, key)
            if value is not None:
                out[key] = list(value) if isinstance(value, tuple) else value
        return out


@dataclass(frozen=True)
class PolicyResult:
    policy: MachinePolicy
    problems: list[str] = field(default_factory=list)


# --- where ------------------------------------------------------------------------------


def policy_candidates() -> list[Path]:
    """Every place the policy file may be, first match wins.

    On Linux a desktop session often sets ``XDG_CONFIG_DIRS`` (Ubuntu:
    ``/etc/xdg/xdg-ubuntu:/etc/xdg``), so each entry is tried, then ``/etc/xdg``.
    """
    dirs = PlatformDirs(APP_NAME, appauthor=False, multipath=True).site_config_dir
    folders = [Path(p) for p in dirs.split(os.pathsep) if p]
    if sys.platform.startswith("linux"):
        folders.append(Path("/etc/xdg") / APP_NAME)
    seen: list[Path] = []
    for folder in folders:
        if folder not in seen:
            seen.append(folder)
    return [folder / POLICY_FILE for folder in seen]


def default_policy_path() -> Path:
    """The file the app reads: ``OUTREACH_DESK_POLICY``, else the first existing candidate,
    else the canonical place (where installers should write it)."""
    override = os.environ.get(ENV_POLICY)
    if override:
        return Path(override)
    candidates = policy_candidates()
    for path in candidates:
        if path.is_file():
            return path
    return candidates[0]


# --- reading ----------------------------------------------------------------------------


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def load_policy(path: Path | None = None) -> PolicyResult:
    """Read and check the policy; never raises. A missing file is simply "no policy"."""
    try:
        path = path if path is not None else default_policy_path()
    except Exception as exc:  # a strange environment must not stop the app
        return PolicyResult(MachinePolicy(), [f"machine policy: cannot locate the file: {exc}"])
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return PolicyResult(MachinePolicy())
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return PolicyResult(MachinePolicy(), [f"{path}: cannot be read ({reason}); no policy"])
    return parse_policy(raw, path)


def parse_policy(raw: bytes, path: Path) -> PolicyResult:
    """Check policy bytes as if read from ``path`` (named in every message)."""
    if len(raw) > MAX_BYTES:
        return PolicyResult(
            MachinePolicy(), [f"{path}: larger than {MAX_BYTES // 1024} KiB; no policy"]
        )
    try:
        # bytes: json detects UTF-8 (with or without BOM), UTF-16 and UTF-32 itself
        data = json.loads(raw, object_pairs_hook=_no_duplicates)
    except _Duplicate as exc:
        return PolicyResult(
            MachinePolicy(), [f"{path}: key {exc.args[0]!r} appears twice; no policy"]
        )
    except (ValueError, RecursionError) as exc:
        return PolicyResult(MachinePolicy(), [f"{path}: not valid JSON ({_short(exc)}); no policy"])
    if not isinstance(data, dict):
        return PolicyResult(
            MachinePolicy(),
            [f"{path}: must hold one JSON object {{…}}, not {_kind(data)}; no policy"],
        )
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        check = _CHECKS.get(key)
        if check is None:
            known = ", ".join(KEYS)
            problems.append(f"{path}: unknown key {key!r} ignored (known keys: {known})")
            continue
        checked, problem = check(value)
        if problem:
            problems.append(f"{path}: key {key!r} {problem}; ignored")
        else:
            values[key] = checked
    return PolicyResult(MachinePolicy(**values, source=path), problems)


def _short(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return text if len(text) <= 120 else text[:117] + "…"


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if _jsonable(value) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _jsonable(value: object) -> bool:
    try:
        json.dumps(value, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        return False
    return True


def _whole_number(value: object, low: int, high: int) -> tuple[Any, str | None]:
    if not isinstance(value, int) or isinstance(value, bool):
        return None, f"must be a whole number from {low} to {high}, not {_kind(value)}"
    if not low <= value <= high:
        return None, f"must be from {low} to {high}, not {value}"
    return value, None


def _check_idle(value: object) -> tuple[Any, str | None]:
    return _whole_number(value, *IDLE_LOCK_RANGE)


def _check_lease(value: object) -> tuple[Any, str | None]:
    return _whole_number(value, *LEASE_RANGE)


def _check_languages(value: object) -> tuple[Any, str | None]:
    choices = ", ".join(f'"{code}"' for code in LANGUAGES)
    if not isinstance(value, list) or not value:
        return None, f"must be a non-empty list of language codes ({choices}), not {_shown(value)}"
    unknown = [v for v in value if v not in LANGUAGES]
    if unknown:
        return None, f"has unknown language(s) {_shown(unknown)}; choose from {choices}"
    return tuple(dict.fromkeys(value)), None


def _check_url(value: object) -> tuple[Any, str | None]:
    return check_sync_url(value)


def check_sync_url(value: object) -> tuple[str | None, str | None]:
    """An https URL of the server, or http only to this machine (loopback)."""
    if not isinstance(value, str) or not value.strip():
        example = "https://sync.kommune.dk"
        return None, f"must be the server's address as text, e.g. {example}, not {_shown(value)}"
    url = value.strip().rstrip("/")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None, f"is not a valid address: {_shown(value)}"
    if parts.scheme not in ("https", "http") or not host:
        return None, f"must start with https:// and name a host, not {_shown(value)}"
    if parts.username or parts.password or parts.query or parts.fragment:
        return None, "must not contain a user name, password, query or fragment"
    if parts.scheme == "http" and not _loopback(host):
        return None, f"must use https:// (plain http only to this machine), not {_shown(value)}"
    return url, None


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_CHECKS = {
    "sync_url": _check_url,
    "idle_lock_minutes": _check_idle,
    "offline_lease_days": _check_lease,
    "allowed_languages": _check_languages,
}


# --- applying ---------------------------------------------------------------------------


def apply_policy(
    user_settings: UserSettings, policy: MachinePolicy
) -> tuple[UserSettings, frozenset[str]]:
    """The settings in force and the keys the user cannot change. Policy wins.

    Locked keys use the settings' names (``language``, ``idle_lock_minutes``) plus the
    policy-only ones (``sync_url``, ``offline_lease_days``) for dialogs that show them.
    ``language`` is locked when IT allows a single language; with several allowed the user
    chooses among them (an unallowed choice falls back to the first allowed).
    """
    settings = user_settings.validated()
    locked: set[str] = set()
    if policy.idle_lock_minutes is not None:
        settings = replace(settings, idle_lock_minutes=policy.idle_lock_minutes)
        locked.add("idle_lock_minutes")
    if policy.allowed_languages:
        if settings.language not in policy.allowed_languages:
            settings = replace(settings, language=policy.allowed_languages[0])
        if len(policy.allowed_languages) == 1:
            locked.add("language")
    if policy.sync_url is not None:
        locked.add("sync_url")
    if policy.offline_lease_days is not None:
        locked.add("offline_lease_days")
    return settings, frozenset(locked)


# --- writing (installers) ---------------------------------------------------------------


def write_policy(path: Path, updates: dict[str, Any]) -> MachinePolicy:
    """Merge ``updates`` into the policy at ``path`` (keys with value None are removed).

    Used by the MSI: refuses invalid values (so a typo fails the install with a clear
    message instead of being ignored on every laptop), keeps keys it was not given.
    """
    existing: dict[str, Any] = {}
    if path.exists():
        current = load_policy(path)
        existing = current.policy.as_json()
    errors: list[str] = []
    for key, value in updates.items():
        if key not in _CHECKS:
            errors.append(f"unknown key {key!r}")
            continue
        if value is None:
            existing.pop(key, None)
            continue
        checked, problem = _CHECKS[key](value)
        if problem:
            errors.append(f"{key} {problem}")
        else:
            existing[key] = list(checked) if isinstance(checked, tuple) else checked
    if errors:
        raise ValueError("; ".join(errors))
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_readable(path, (json.dumps(existing, indent=2) + "\n").encode("utf-8"))
    return load_policy(path).policy


def _write_readable(path: Path, data: bytes) -> None:
    """Temp file, fsync, replace; readable by every user (0644), writable by its owner."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o644)  # whatever the umask
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach-desk-policy", description="Show or write the Outreach Desk machine policy."
    )
    parser.add_argument("--file", type=Path, help="policy file (default: the machine's)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("show", help="where the policy is read from and what applies")
    write = sub.add_parser("write", help="set the given keys (the others are kept)")
    write.add_argument("--sync-url")
    write.add_argument("--idle-lock-minutes")
    write.add_argument("--offline-lease-days")
    write.add_argument("--allowed-languages", help="comma-separated, e.g. da or da,en")
    return parser


def _number(text: str) -> int | str:
    try:
        return int(text.strip())
    except ValueError:
        return text


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path: Path = args.file or default_policy_path()
    if args.command == "show":
        print(f"Policy file: {path}{'' if path.exists() else '  (none)'}")
        if not args.file and not os.environ.get(ENV_POLICY):
            for candidate in policy_candidates():
                print(f"  searched:  {candidate}")
        result = load_policy(path)
        print(json.dumps(result.policy.as_json(), indent=2))
        for problem in result.problems:
            print(f"problem: {problem}", file=sys.stderr)
        return 1 if result.problems else 0
    updates: dict[str, Any] = {}
    # MSI properties arrive as text; an empty property means "not given"
    if args.sync_url:
        updates["sync_url"] = args.sync_url
    if args.idle_lock_minutes:
        updates["idle_lock_minutes"] = _number(args.idle_lock_minutes)
    if args.offline_lease_days:
        updates["offline_lease_days"] = _number(args.offline_lease_days)
    if args.allowed_languages:
        updates["allowed_languages"] = [
            code.strip() for code in args.allowed_languages.split(",") if code.strip()
        ]
    if not updates:
        print("Nothing to write; the policy file was not touched.")
        return 0
    try:
        policy = write_policy(path, updates)
    except (ValueError, OSError) as exc:
        print(f"outreach-desk-policy: {path}: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {path}: {json.dumps(policy.as_json())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

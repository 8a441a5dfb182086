"""NUL characters in JSON from devices: PostgreSQL stores no NUL in text or JSONB, SQLite does.

So that both backends accept the same requests, an op carrying a NUL is rejected (on both),
and what the server keeps only for people to read (a rejected op, an access-log entry whose
hash was checked on the original) has each NUL replaced by U+FFFD.
"""

from __future__ import annotations

from typing import Any

NUL = "\x00"
REPLACEMENT = "\ufffd"


def contains_nul(value: Any) -> bool:
    """True if any string in the JSON value (object keys included) holds a NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_nul(v) for v in value)
    return False


def without_nul(value: Any) -> Any:
    """The JSON value with every NUL replaced, fit for either backend."""
    if isinstance(value, str):
        return value.replace(NUL, REPLACEMENT)
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    return value

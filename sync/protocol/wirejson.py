"""Fast JSON for message bodies and stored JSON columns, with the standard library behind it.

orjson parses and writes JSON several times faster than ``json``; a push or pull page holds
thousands of values, so this is a good part of a sync's time. Where orjson refuses what the
standard library accepts (integers beyond 64 bits, lone surrogates, non-string keys), the
standard library is used instead, so what is accepted and what it means stay the same.
Hashes that must match byte for byte (``sync.protocol.digest``) keep their own canonical form.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

Fragment = orjson.Fragment
"""Already-encoded JSON, written into ``dumps`` output as is."""


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def loads(data: bytes | str) -> Any:
    """Parse JSON; ``NaN`` and ``Infinity`` are refused (``ValueError``), as JSON says."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data, parse_constant=_reject_constant)


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def dumps_text(value: Any) -> str:
    """``dumps`` as text, for a JSON column."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except TypeError:
        return json.dumps(value, separators=(",", ":"))

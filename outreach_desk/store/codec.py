"""Turning domain dataclasses into database rows and wire values, and back.

One codec, driven by the dataclasses' type hints, so the database, the outbox and
the sync engine agree on how a date, an enum or a list looks. Times are stored as
ISO 8601 in UTC; lists as JSON.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

import orjson

T = TypeVar("T")
JSON = Any


def utc_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the store only accepts aware times")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _encode(value: Any) -> JSON:
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_wire(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def to_wire(obj: Any) -> dict[str, JSON]:
    """JSON-ready values, lists as lists: what the outbox and the server carry."""
    return {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


Decoder = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _make_decoder(tp: Any) -> Decoder:
    """A decoder specialised to one type once, instead of inspecting the type per value."""
    tp = _strip_optional(tp)
    origin = typing.get_origin(tp)
    if origin is tuple:
        item = _make_decoder(typing.get_args(tp)[0])

        def decode_tuple(value: Any) -> Any:
            if value is None:
                return None
            items = json.loads(value) if isinstance(value, str) else value
            return tuple(item(v) for v in items)

        return decode_tuple
    plain: Decoder = _identity
    if isinstance(tp, type):
        if issubclass(tp, bool):
            plain = bool
        elif issubclass(tp, Enum):
            plain = tp
        elif issubclass(tp, datetime):
            plain = parse_utc
        elif issubclass(tp, date):
            plain = date.fromisoformat
        elif dataclasses.is_dataclass(tp):
            nested = cast(Any, tp)

            def plain(value: Any) -> Any:
                return from_wire(nested, json.loads(value) if isinstance(value, str) else value)

    if plain is _identity:
        return _identity
    convert = plain
    return lambda value: None if value is None else convert(value)


@cache
def _decoders(cls: type) -> dict[str, Decoder]:
    hints = _hints(cls)
    return {f.name: _make_decoder(hints[f.name]) for f in dataclasses.fields(cls)}


def from_wire(cls: type[T], values: dict[str, JSON]) -> T:
    decoders = _decoders(cast(Any, cls))
    return cls(**{k: decoders[k](v) for k, v in values.items() if k in decoders})


def _compact_json() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, the same text, with
    the C encoder made once: ``json.dumps`` makes one per call, most of the cost of writing
    a short list (a synced page writes tens of thousands)."""
    plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has the C encoder
        return plain.encode
    iterencode = make(
        None,  # no check for circular values: these come from JSON, or are made of it
        plain.default,
        json.encoder.encode_basestring,
        None,
        plain.key_separator,
        plain.item_separator,
        False,
        False,
        True,
    )

    def encode(value: Any) -> str:
        return "".join(iterencode(value, 0))

    return encode


compact_json = _compact_json()


def _list_json(value: list[Any]) -> str:
    """``compact_json`` of a list, the same text, quicker for the usual ones (a synced page
    writes tens of thousands: ids, topics, nothing): empty, or only text, which orjson writes
    alike (it refuses text that is not valid Unicode, left to the standard library)."""
    if not value:
        return "[]"
    if all(type(item) is str for item in value):
        try:
            return orjson.dumps(value).decode()
        except orjson.JSONEncodeError:
            pass
    return compact_json(value)


def to_column(value: JSON) -> Any:
    """A wire value as an SQLite column value (lists and objects become JSON text)."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value  # most values, asked first (a page of synced changes has many)
    if kind is list:
        return _list_json(value)
    if isinstance(value, list | dict):
        return compact_json(value)
    if isinstance(value, bool):
        return int(value)
    return value


def to_row(obj: Any) -> dict[str, Any]:
    return {k: to_column(v) for k, v in to_wire(obj).items()}


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    return from_wire(cls, row)


def row_to_wire(cls: type, row: dict[str, Any]) -> dict[str, JSON]:
    """Column values back to wire values (JSON text to lists) without building objects."""
    hints = _hints(cls)
    out: dict[str, JSON] = {}
    for name in (f.name for f in dataclasses.fields(cls)):
        value = row.get(name)
        tp = _strip_optional(hints[name])
        if typing.get_origin(tp) is tuple and isinstance(value, str):
            value = json.loads(value)
        elif tp is bool and value is not None:
            value = bool(value)
        out[name] = value
    return out

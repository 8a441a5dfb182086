"""Turn JSON into protocol dataclasses and back, checking every type on the way in.

One generic walker over the dataclass type hints keeps each message a plain declaration, and gives
every validation error a path (``ops[3].fields.text.base``) instead of a bare ``KeyError``.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar, Union

from sync.protocol.errors import InvalidMessage

T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(cls: type[T], data: object, path: str = "$") -> T:
    """Build dataclass ``cls`` from parsed JSON, raising ``InvalidMessage`` with a path on error."""
    value = _convert(cls, data, path)
    return typing.cast(T, value)


def _convert(tp: Any, data: object, path: str) -> object:
    origin = typing.get_origin(tp)
    if tp is Any:
        return data
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        if data is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _convert(arg, data, path)
            except InvalidMessage as exc:
                errors.append(exc.message)
        raise InvalidMessage(errors[0] if len(errors) == 1 else f"{path}: unexpected value")
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        if data not in allowed or isinstance(data, bool) != isinstance(allowed[0], bool):
            raise InvalidMessage(f"{path}: must be one of {', '.join(map(str, allowed))}")
        return data
    if origin in (list, tuple) or tp in (list, tuple):
        if not isinstance(data, list):
            raise InvalidMessage(f"{path}: must be a list")
        (item,) = typing.get_args(tp)[:1] or (Any,)
        items = [_convert(item, v, f"{path}[{i}]") for i, v in enumerate(data)]
        return tuple(items) if origin is tuple or tp is tuple else items
    if origin in (dict, Mapping) or tp is dict:
        if not isinstance(data, dict):
            raise InvalidMessage(f"{path}: must be an object")
        args = typing.get_args(tp)
        value_type = args[1] if args else Any
        return {
            _convert(str, k, path): _convert(value_type, v, _key_path(path, k))
            for k, v in data.items()
        }
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _convert_dataclass(tp, data, path)
    return _convert_scalar(tp, data, path)


_SAFE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_DIGITS = re.compile(r"\d{6}")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _key_path(path: str, key: object) -> str:
    """The path of a map entry, naming its key only when that cannot quote personal data
    (keys are field names and team ids; a CPR-shaped or free-text key is left out)."""
    safe = isinstance(key, str) and bool(_SAFE_KEY.match(key))
    if safe and (_UUID.match(str(key)) or not _DIGITS.search(str(key).replace("-", ""))):
        return f"{path}.{key}"
    return f"{path}.<key>"


def _convert_scalar(tp: Any, data: object, path: str) -> object:
    if tp is bool:
        if not isinstance(data, bool):
            raise InvalidMessage(f"{path}: must be true or false")
        return data
    if tp is int:
        if isinstance(data, float) and data.is_integer():
            return int(data)  # JSON has one number type: 3.0 is the integer 3 (JSON Schema too)
        if isinstance(data, bool) or not isinstance(data, int):
            raise InvalidMessage(f"{path}: must be an integer")
        return data
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise InvalidMessage(f"{path}: must be a number")
        return float(data)
    if tp is str:
        if not isinstance(data, str):
            raise InvalidMessage(f"{path}: must be a string")
        return data
    raise TypeError(f"codec cannot handle {tp!r}")  # a programming error, not bad input


def _convert_dataclass(cls: type, data: object, path: str) -> object:
    if not isinstance(data, dict):
        raise InvalidMessage(f"{path}: must be an object")
    hints = _hints(cls)
    kwargs: dict[str, object] = {}
    for field in dataclasses.fields(cls):
        where = f"{path}.{field.name}"
        if field.name in data:
            kwargs[field.name] = _convert(hints[field.name], data[field.name], where)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise InvalidMessage(f"{where}: required")
    try:
        return cls(**kwargs)
    except InvalidMessage as exc:
        raise InvalidMessage(f"{path}: {exc.message}") from None


def encode(obj: object) -> Any:
    """Plain JSON-ready structure for a dataclass (tuples become lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [encode(v) for v in obj]
    if isinstance(obj, Mapping):
        return {str(k): encode(v) for k, v in obj.items()}
    return obj

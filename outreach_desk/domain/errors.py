"""Validation errors that name the field and the rule in a caseworker's words.

The domain cannot use Qt's ``tr()``, so each error carries a stable ``rule`` code and
its parameters; the UI translates by code and falls back to the English ``message``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    rule: str
    message: str
    params: Mapping[str, Any] = dc_field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ValueError):
    """One or more fields break a rule. Never carries the offending value itself."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors))

    def for_field(self, name: str) -> list[FieldError]:
        return [e for e in self.errors if e.field == name]


def raise_if_any(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)

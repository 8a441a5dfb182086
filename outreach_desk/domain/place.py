"""Where caseworkers meet citizens: drop-in centres, shelters, the street, homes, the office."""

from __future__ import annotations

from dataclasses import dataclass

from ._rules import max_length, member_of, required_text
from .enums import PlaceKind
from .errors import FieldError, raise_if_any
from .ids import uuid7


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    id: str
    name: str
    kind: PlaceKind
    address: str = ""

    @classmethod
    def new(cls, name: str, kind: PlaceKind, address: str = "") -> Place:
        return cls(id=uuid7(), name=name.strip(), kind=kind, address=address.strip())

    def errors(self) -> list[FieldError]:
        return [
            *required_text(self.name, "name", "The name of the place"),
            *max_length(self.name, "name", "The name of the place", 200),
            *member_of(self.kind, PlaceKind, "kind", "The kind of place"),
        ]

    def validate(self) -> Place:
        raise_if_any(self.errors())
        return self

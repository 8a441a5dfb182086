"""Consent (samtykke) to share information between the parties of the plan."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ._rules import member_of, not_after, required_text
from .enums import ConsentForm, ResponsibleParty
from .errors import FieldError, raise_if_any
from .ids import uuid7


@dataclass(frozen=True, slots=True, kw_only=True)
class Consent:
    id: str
    citizen_id: str
    scope: str = field(repr=False)  # what may be shared
    parties: tuple[ResponsibleParty, ...]  # with whom
    given_on: date
    form: ConsentForm
    expires_on: date | None = None
    withdrawn_on: date | None = None

    @classmethod
    def new(cls, citizen_id: str, scope: str, **values: object) -> Consent:
        return cls(id=uuid7(), citizen_id=citizen_id, scope=scope, **values)  # type: ignore[arg-type]

    def is_valid_on(self, day: date) -> bool:
        if self.given_on > day:
            return False
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return False
        return self.expires_on is None or day <= self.expires_on

    def withdrawn(self, day: date) -> Consent:
        return replace(self, withdrawn_on=day)

    def errors(self) -> list[FieldError]:
        errors = [
            *required_text(self.scope, "scope", "What may be shared"),
            *member_of(self.form, ConsentForm, "form", "How consent was given"),
        ]
        if not self.parties:
            errors.append(
                FieldError("parties", "required", "Choose who information may be shared with.")
            )
        for party in self.parties:
            errors += member_of(party, ResponsibleParty, "parties", "A party")
        errors += not_after(
            self.given_on,
            self.expires_on,
            "expires_on",
            "The consent cannot expire before it was given.",
        )
        errors += not_after(
            self.given_on,
            self.withdrawn_on,
            "withdrawn_on",
            "The consent cannot be withdrawn before it was given.",
        )
        return errors

    def validate(self) -> Consent:
        raise_if_any(self.errors())
        return self

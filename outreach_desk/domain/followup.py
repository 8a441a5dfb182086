"""Follow-ups (opfølgning / aftale): what was agreed, by when, by whom; done or not."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ._rules import max_length, member_of, required_text
from .enums import ResponsibleParty
from .errors import FieldError, raise_if_any
from .ids import uuid7


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUp:
    id: str
    citizen_id: str
    team_id: str
    description: str = field(repr=False)
    due: date | None
    responsible: ResponsibleParty = ResponsibleParty.CASEWORKER
    assignee: str = ""  # the caseworker who follows up
    note_id: str | None = None  # the note whose agreement it came from
    done_at: datetime | None = None

    @classmethod
    def new(cls, citizen_id: str, team_id: str, description: str, **values: object) -> FollowUp:
        return cls(
            id=uuid7(),
            citizen_id=citizen_id,
            team_id=team_id,
            description=description,
            **values,  # type: ignore[arg-type]
        )

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: date) -> bool:
        return not self.is_done and self.due is not None and self.due < today

    def marked_done(self, now: datetime) -> FollowUp:
        return replace(self, done_at=now)

    def errors(self) -> list[FieldError]:
        return [
            *required_text(self.description, "description", "The follow-up"),
            *max_length(self.description, "description", "The follow-up", 1000),
            *member_of(self.responsible, ResponsibleParty, "responsible", "Who is responsible"),
        ]

    def validate(self) -> FollowUp:
        raise_if_any(self.errors())
        return self

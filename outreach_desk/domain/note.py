"""A contact (visit) and its journal note: draft until finalised, then never edited.

Corrections to a final note are addenda (tillæg). Event time and written time are both
kept because the duty to record (notatpligt) asks for notes "as soon as possible":
a note written long after the contact is flagged as late.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from ._rules import max_length, member_of, required_text
from .enums import ContactForm, NoteStatus, ResponsibleParty, Topic
from .errors import FieldError, ValidationError, raise_if_any
from .ids import uuid7

LATE_AFTER = timedelta(hours=24)
CLOCK_SLACK = timedelta(minutes=5)
MAX_NOTE_LENGTH = 20_000


class NoteLockedError(ValidationError):
    """A final note was about to change."""

    def __init__(self) -> None:
        super().__init__(
            [
                FieldError(
                    "status",
                    "note_final",
                    "This note is final and locked. Write an addendum to correct or add to it.",
                )
            ]
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Agreement:
    """Something agreed during the contact; becomes a follow-up when the note is final."""

    description: str = field(repr=False)
    due: date | None = None
    responsible: ResponsibleParty = ResponsibleParty.CASEWORKER

    def errors(self, index: int) -> list[FieldError]:
        name = f"agreements[{index}]"
        return [
            *required_text(self.description, name, "The agreement"),
            *max_length(self.description, name, "The agreement", 1000),
            *member_of(self.responsible, ResponsibleParty, name, "Who is responsible"),
        ]


@dataclass(frozen=True, slots=True, kw_only=True)
class JournalNote:
    id: str
    team_id: str
    caseworker: str
    place_id: str | None
    event_time: datetime
    written_time: datetime
    contact_form: ContactForm
    citizen_ids: tuple[str, ...]
    topics: tuple[Topic, ...] = ()
    text: str = field(default="", repr=False)
    agreements: tuple[Agreement, ...] = ()
    status: NoteStatus = NoteStatus.DRAFT
    finalised_at: datetime | None = None

    @classmethod
    def new(
        cls,
        *,
        team_id: str,
        caseworker: str,
        citizen_ids: tuple[str, ...],
        contact_form: ContactForm,
        now: datetime,
        place_id: str | None = None,
        event_time: datetime | None = None,
        **values: object,
    ) -> JournalNote:
        return cls(
            id=uuid7(),
            team_id=team_id,
            caseworker=caseworker,
            place_id=place_id,
            event_time=event_time or now,
            written_time=now,
            contact_form=contact_form,
            citizen_ids=tuple(dict.fromkeys(citizen_ids)),
            **values,  # type: ignore[arg-type]
        )

    @property
    def is_final(self) -> bool:
        return self.status is NoteStatus.FINAL

    def is_late(self, threshold: timedelta = LATE_AFTER) -> bool:
        return self.written_time - self.event_time > threshold

    def edited(self, **changes: object) -> JournalNote:
        """A changed draft; a final note refuses."""
        if self.is_final:
            raise NoteLockedError()
        return replace(self, **changes)  # type: ignore[arg-type]

    def finalised(self, now: datetime) -> JournalNote:
        if self.is_final:
            raise NoteLockedError()
        final = replace(self, status=NoteStatus.FINAL, finalised_at=now)
        raise_if_any(final.errors(now))
        return final

    def errors(self, now: datetime) -> list[FieldError]:
        errors: list[FieldError] = []
        if not self.citizen_ids:
            errors.append(
                FieldError(
                    "citizen_ids",
                    "required",
                    "Choose at least one citizen who was present.",
                )
            )
        errors += member_of(self.contact_form, ContactForm, "contact_form", "The contact form")
        for topic in self.topics:
            errors += member_of(topic, Topic, "topics", "A topic")
        if self.event_time > now + CLOCK_SLACK:
            errors.append(
                FieldError(
                    "event_time",
                    "in_future",
                    "The time of the contact cannot be in the future.",
                )
            )
        elif self.event_time > self.written_time + CLOCK_SLACK:
            errors.append(
                FieldError(
                    "event_time",
                    "after_written",
                    "The time of the contact cannot be after the note was written.",
                )
            )
        errors += max_length(self.text, "text", "The note", MAX_NOTE_LENGTH)
        if self.is_final:
            errors += required_text(self.text, "text", "The note text")
        for index, agreement in enumerate(self.agreements):
            errors += agreement.errors(index)
        return errors

    def validate(self, now: datetime) -> JournalNote:
        raise_if_any(self.errors(now))
        return self


@dataclass(frozen=True, slots=True, kw_only=True)
class Addendum:
    """A correction or addition to a final note (tillæg). Append-only."""

    id: str
    note_id: str
    author: str
    written_time: datetime
    text: str = field(repr=False)

    @classmethod
    def new(cls, note_id: str, author: str, text: str, now: datetime) -> Addendum:
        return cls(id=uuid7(), note_id=note_id, author=author, written_time=now, text=text)

    def errors(self) -> list[FieldError]:
        return [
            *required_text(self.text, "text", "The addendum"),
            *max_length(self.text, "text", "The addendum", MAX_NOTE_LENGTH),
        ]

    def validate(self) -> Addendum:
        raise_if_any(self.errors())
        return self

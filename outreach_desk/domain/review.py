"""A team lead's review (gennemgang) of a final journal note.

A review names the exact revision it reviewed: the note as finalised plus the addenda
the lead saw (their ids; ``revision`` is how many). A later addendum re-opens the
note. Reviews are written once and never changed: a new decision is a new review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from ._rules import max_length, member_of, required_text
from .errors import FieldError, raise_if_any
from .ids import uuid7

MAX_COMMENT_LENGTH = 4000


class ReviewOutcome(StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"  # returned to the caseworker with a comment
    HAS_ISSUES = "has_issues"


class ReviewState(StrEnum):
    """Where a final note stands, derived from its reviews and addenda."""

    AWAITING = "awaiting"  # received, never reviewed
    REOPENED = "reopened"  # reviewed, then an addendum came
    APPROVED = "approved"
    RETURNED = "returned"
    HAS_ISSUES = "has_issues"

    @property
    def is_open(self) -> bool:
        return self in (ReviewState.AWAITING, ReviewState.REOPENED)


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    id: str
    note_id: str
    team_id: str
    reviewer: str
    reviewed_at: datetime
    revision: int  # how many addenda the reviewed revision had (0: the note as finalised)
    addendum_ids: tuple[str, ...]
    outcome: ReviewOutcome
    comment: str = field(default="", repr=False)

    @classmethod
    def new(
        cls,
        *,
        note_id: str,
        team_id: str,
        reviewer: str,
        now: datetime,
        addendum_ids: Iterable[str],
        outcome: ReviewOutcome,
        comment: str = "",
    ) -> Review:
        seen = tuple(dict.fromkeys(addendum_ids))
        return cls(
            id=uuid7(),
            note_id=note_id,
            team_id=team_id,
            reviewer=reviewer,
            reviewed_at=now,
            revision=len(seen),
            addendum_ids=seen,
            outcome=outcome,
            comment=comment.strip(),
        )

    def covers(self, addendum_ids: Iterable[str]) -> bool:
        """True if the note has nothing the reviewer did not see."""
        return set(addendum_ids) <= set(self.addendum_ids)

    def state(self, addendum_ids: Iterable[str]) -> ReviewState:
        """The note's state if this is its latest review and it has these addenda now."""
        if not self.covers(addendum_ids):
            return ReviewState.REOPENED
        return ReviewState(self.outcome.value)

    def errors(self) -> list[FieldError]:
        errors = [
            *required_text(self.note_id, "note_id", "The reviewed note"),
            *required_text(self.reviewer, "reviewer", "The reviewer"),
            *member_of(self.outcome, ReviewOutcome, "outcome", "The outcome of the review"),
            *max_length(self.comment, "comment", "The comment", MAX_COMMENT_LENGTH),
        ]
        if self.outcome in (ReviewOutcome.RETURNED, ReviewOutcome.HAS_ISSUES) and (
            not self.comment.strip()
        ):
            errors.append(
                FieldError(
                    "comment",
                    "comment_required",
                    "Write a comment: the caseworker needs to know what to correct.",
                )
            )
        if self.revision != len(self.addendum_ids) or self.revision < 0:
            errors.append(
                FieldError(
                    "revision",
                    "revision_mismatch",
                    "The reviewed revision does not match the addenda seen.",
                )
            )
        return errors

    def validate(self) -> Review:
        raise_if_any(self.errors())
        return self


def note_state(reviews: Iterable[Review], addendum_ids: Iterable[str]) -> ReviewState:
    """The state of a note from all its reviews (latest decides) and its current addenda."""
    ordered = sorted(reviews, key=lambda r: (r.reviewed_at, r.id))
    if not ordered:
        return ReviewState.AWAITING
    return ordered[-1].state(addendum_ids)

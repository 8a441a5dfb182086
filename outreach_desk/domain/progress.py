"""Progress ratings (progressionsmåling): measured effect over time, per goal.

The citizen rates their own progress 1-10; the caseworker may add the support need on
the FFB/VUM scale 0-4. (Not the Outcomes Star: its licence forbids building it in.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ._rules import in_range, max_length
from .errors import FieldError, raise_if_any
from .ids import uuid7


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressRating:
    id: str
    goal_id: str
    rated_on: date
    citizen_score: int
    support_need: int | None = None
    rated_by: str = ""
    comment: str = field(default="", repr=False)

    @classmethod
    def new(
        cls, goal_id: str, rated_on: date, citizen_score: int, **values: object
    ) -> ProgressRating:
        return cls(
            id=uuid7(),
            goal_id=goal_id,
            rated_on=rated_on,
            citizen_score=citizen_score,
            **values,  # type: ignore[arg-type]
        )

    def errors(self, today: date | None = None) -> list[FieldError]:
        today = today or date.today()
        errors = in_range(self.citizen_score, "citizen_score", "The citizen's own rating", 1, 10)
        if self.support_need is not None:
            errors += in_range(self.support_need, "support_need", "The support need", 0, 4)
        if self.rated_on > today:
            errors.append(
                FieldError("rated_on", "in_future", "The rating date cannot be in the future.")
            )
        errors += max_length(self.comment, "comment", "The comment", 2000)
        return errors

    def validate(self, today: date | None = None) -> ProgressRating:
        raise_if_any(self.errors(today))
        return self

"""The citizen (borger): often known only by a nickname, often anonymous at first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ._rules import max_length, member_of
from .cpr import cpr_errors, parse_cpr
from .enums import HousingSituation, SocialChallenge
from .errors import FieldError, raise_if_any
from .ids import uuid7

_PHONE_RE = re.compile(r"^\+?[0-9 ()-]{8,20}$")
YOUTH_AGES = (18, 30)


@dataclass(frozen=True, slots=True, kw_only=True)
class Citizen:
    id: str
    team_id: str
    name: str = field(default="", repr=False)
    nickname: str = field(default="", repr=False)
    cpr: str | None = field(default=None, repr=False)
    anonymous: bool = False
    birth_year: int | None = None
    phone: str = field(default="", repr=False)
    housing: HousingSituation = HousingSituation.UNKNOWN
    challenges: tuple[SocialChallenge, ...] = ()
    coordinating_caseworker: str = ""
    usual_place_ids: tuple[str, ...] = ()
    description: str = field(default="", repr=False)  # for anonymous contacts: how to recognise

    @classmethod
    def new(cls, team_id: str, **values: object) -> Citizen:
        citizen = cls(id=uuid7(), team_id=team_id, **values)  # type: ignore[arg-type]
        return citizen.normalised()

    @classmethod
    def new_anonymous(cls, team_id: str, nickname: str, description: str = "") -> Citizen:
        return cls(
            id=uuid7(),
            team_id=team_id,
            nickname=nickname.strip(),
            description=description,
            anonymous=True,
        )

    @property
    def display_name(self) -> str:
        if self.name and self.nickname:
            return f"{self.name} ({self.nickname})"
        return self.name or self.nickname or "—"

    def age_on(self, day: date) -> int | None:
        if self.cpr and not cpr_errors(self.cpr):
            born = parse_cpr(self.cpr).birth_date
            return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        if self.birth_year is not None:
            return day.year - self.birth_year
        return None

    def is_youth(self, day: date) -> bool:
        age = self.age_on(day)
        return age is not None and YOUTH_AGES[0] <= age <= YOUTH_AGES[1]

    def normalised(self) -> Citizen:
        """Trim text, normalise the CPR number and fill in the birth year from it."""
        cpr = self.cpr.strip() if self.cpr else None
        birth_year = self.birth_year
        if cpr and not cpr_errors(cpr):
            parsed = parse_cpr(cpr)
            cpr = parsed.value
            birth_year = parsed.birth_date.year
        return replace(
            self,
            name=self.name.strip(),
            nickname=self.nickname.strip(),
            cpr=cpr or None,
            phone=self.phone.strip(),
            birth_year=birth_year,
            challenges=tuple(dict.fromkeys(SocialChallenge(c) for c in self.challenges)),
        )

    def link_cpr(self, cpr: str) -> Citizen:
        """An anonymous contact is identified: it keeps its id and history."""
        return replace(self, cpr=cpr, anonymous=False).normalised()

    def errors(self, today: date | None = None) -> list[FieldError]:
        today = today or date.today()
        errors: list[FieldError] = []
        if not self.name.strip() and not self.nickname.strip():
            errors.append(
                FieldError(
                    "name",
                    "name_or_nickname",
                    "Write the citizen's name or the nickname they are known by.",
                )
            )
        errors += max_length(self.name, "name", "The name", 200)
        errors += max_length(self.nickname, "nickname", "The nickname", 100)
        if self.cpr:
            errors += cpr_errors(self.cpr)
            if self.anonymous:
                errors.append(
                    FieldError(
                        "cpr",
                        "anonymous_with_cpr",
                        "An anonymous contact has no CPR number. Link the CPR number to "
                        "identify the citizen instead.",
                    )
                )
        if self.birth_year is not None and not 1900 <= self.birth_year <= today.year:
            errors.append(
                FieldError(
                    "birth_year",
                    "out_of_range",
                    f"The birth year must be from 1900 to {today.year}.",
                    {"low": 1900, "high": today.year},
                )
            )
        if (
            self.cpr
            and not cpr_errors(self.cpr)
            and self.birth_year is not None
            and parse_cpr(self.cpr).birth_date.year != self.birth_year
        ):
            errors.append(
                FieldError(
                    "birth_year",
                    "cpr_mismatch",
                    "The birth year does not match the CPR number.",
                )
            )
        if self.phone.strip() and not _PHONE_RE.match(self.phone.strip()):
            errors.append(
                FieldError(
                    "phone",
                    "phone_format",
                    "The phone number may contain digits, spaces, a leading + and dashes "
                    "(8 to 20 characters).",
                )
            )
        errors += member_of(self.housing, HousingSituation, "housing", "The housing situation")
        for challenge in self.challenges:
            errors += member_of(challenge, SocialChallenge, "challenges", "A social challenge")
        if not self.team_id:
            errors.append(FieldError("team_id", "required", "The citizen must belong to a team."))
        return errors

    def validate(self, today: date | None = None) -> Citizen:
        raise_if_any(self.errors(today))
        return self

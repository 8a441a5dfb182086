"""Én plan: one coordinated plan per citizen, in the citizen's own words.

Goals and efforts are rows of their own (not lists inside the plan) so that two
laptops adding goals at the same time both keep theirs when they sync.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ._rules import max_length, member_of, required_text
from .enums import EffortStatus, GoalStatus, LifeArea, PlanStatus, ResponsibleParty
from .errors import FieldError, raise_if_any
from .ids import uuid7

LEGAL_BASES: tuple[str, ...] = (
    "SEL § 85",  # socialpædagogisk støtte / bostøtte
    "SEL § 99",  # støtte- og kontaktperson
    "SEL § 101",  # stofmisbrugsbehandling
    "SEL § 107",  # midlertidigt botilbud
    "SEL § 110",  # herberg / forsorgshjem
    "SEL § 141",  # handleplan
    "SUL § 141",  # alkoholbehandling
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    id: str
    citizen_id: str
    team_id: str
    wish: str = field(default="", repr=False)  # the citizen's overall wish, own words
    follow_up_date: date | None = None
    status: PlanStatus = PlanStatus.ACTIVE
    consent_id: str | None = None  # the consent under which parties coordinate

    @classmethod
    def new(cls, citizen_id: str, team_id: str, wish: str = "", **values: object) -> Plan:
        return cls(id=uuid7(), citizen_id=citizen_id, team_id=team_id, wish=wish, **values)  # type: ignore[arg-type]

    def errors(self) -> list[FieldError]:
        return [
            *max_length(self.wish, "wish", "The citizen's wish", 4000),
            *member_of(self.status, PlanStatus, "status", "The plan status"),
        ]

    def validate(self) -> Plan:
        raise_if_any(self.errors())
        return self


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal:
    id: str
    plan_id: str
    life_area: LifeArea
    wording: str = field(repr=False)  # the citizen's own words
    status: GoalStatus = GoalStatus.ACTIVE
    target_date: date | None = None
    parent_goal_id: str | None = None  # a sub-goal (delmål) points at its goal

    @classmethod
    def new(cls, plan_id: str, life_area: LifeArea, wording: str, **values: object) -> Goal:
        return cls(id=uuid7(), plan_id=plan_id, life_area=life_area, wording=wording, **values)  # type: ignore[arg-type]

    def errors(self) -> list[FieldError]:
        return [
            *required_text(self.wording, "wording", "The goal in the citizen's own words"),
            *max_length(self.wording, "wording", "The goal", 1000),
            *member_of(self.life_area, LifeArea, "life_area", "The life area"),
            *member_of(self.status, GoalStatus, "status", "The goal status"),
        ]

    def validate(self) -> Goal:
        raise_if_any(self.errors())
        return self


@dataclass(frozen=True, slots=True, kw_only=True)
class Effort:
    id: str
    plan_id: str
    description: str = field(repr=False)
    responsible: ResponsibleParty
    goal_id: str | None = None
    legal_basis: str = ""
    due_date: date | None = None
    status: EffortStatus = EffortStatus.PLANNED

    @classmethod
    def new(
        cls, plan_id: str, description: str, responsible: ResponsibleParty, **values: object
    ) -> Effort:
        return cls(
            id=uuid7(),
            plan_id=plan_id,
            description=description,
            responsible=responsible,
            **values,  # type: ignore[arg-type]
        )

    def errors(self) -> list[FieldError]:
        return [
            *required_text(self.description, "description", "The description of the effort"),
            *max_length(self.description, "description", "The description", 2000),
            *member_of(self.responsible, ResponsibleParty, "responsible", "Who is responsible"),
            *member_of(self.status, EffortStatus, "status", "The effort status"),
            *max_length(self.legal_basis, "legal_basis", "The legal basis", 100),
        ]

    def validate(self) -> Effort:
        raise_if_any(self.errors())
        return self

"""Fixed, translatable vocabularies from the policy texts (see DOMAIN.md).

Values are stable English codes stored in the database and sent over the wire;
the UI shows translated labels.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class HousingSituation(StrEnum):
    STREET_HOMELESS = "street_homeless"
    NIGHT_SHELTER = "night_shelter"
    SHELTER = "shelter"  # SEL § 110 herberg / forsorgshjem
    COUCH_SURFING = "couch_surfing"
    TEMPORARY_HOUSING = "temporary_housing"
    ALTERNATIVE_HOUSING = "alternative_housing"  # skæve boliger
    OWN_HOME = "own_home"
    UNKNOWN = "unknown"


class SocialChallenge(StrEnum):
    HOMELESSNESS = "homelessness"
    ADDICTION_ALCOHOL = "addiction_alcohol"
    ADDICTION_DRUGS = "addiction_drugs"
    PROSTITUTION = "prostitution"
    MENTAL_ILLNESS = "mental_illness"
    POVERTY = "poverty"
    CRIME = "crime"
    LONELINESS = "loneliness"
    DOMESTIC_VIOLENCE = "domestic_violence"
    POOR_HEALTH = "poor_health"


class PlaceKind(StrEnum):
    DROP_IN_CENTRE = "drop_in_centre"  # værested, varmestue, hellested
    SHELTER = "shelter"
    STREET = "street"
    HOME_VISIT = "home_visit"
    OFFICE = "office"


class ContactForm(StrEnum):
    OUTREACH = "outreach"
    AGREED_MEETING = "agreed_meeting"
    PHONE = "phone"
    HOME_VISIT = "home_visit"


class Topic(StrEnum):
    HOUSING = "housing"
    HEALTH = "health"
    ADDICTION = "addiction"
    MENTAL_HEALTH = "mental_health"
    ECONOMY = "economy"
    WORK_AND_EDUCATION = "work_and_education"
    NETWORK = "network"
    PRACTICAL_HELP = "practical_help"
    PLAN = "plan"
    OTHER = "other"


class NoteStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class LifeArea(StrEnum):
    HOUSING = "housing"
    HEALTH = "health"
    ADDICTION = "addiction"
    MENTAL_HEALTH = "mental_health"
    WORK_AND_EDUCATION = "work_and_education"
    ECONOMY = "economy"
    NETWORK_AND_RELATIONS = "network_and_relations"
    DAILY_LIFE = "daily_life"
    LEISURE = "leisure"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    GIVEN_UP = "given_up"


class EffortStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    CANCELLED = "cancelled"


class ResponsibleParty(StrEnum):
    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    DROP_IN_CENTRE = "drop_in_centre"
    REGIONAL_PSYCHIATRY = "regional_psychiatry"
    ADDICTION_TREATMENT = "addiction_treatment"
    JOB_CENTRE = "job_centre"
    HOUSING_ASSOCIATION = "housing_association"
    VOLUNTEER_ORGANISATION = "volunteer_organisation"
    GP = "gp"
    PRISON_AND_PROBATION = "prison_and_probation"
    OTHER = "other"


class SupportNeed(IntEnum):
    """FFB/VUM scale of the caseworker's assessment."""

    NONE = 0
    LIGHT = 1
    MODERATE = 2
    HIGH = 3
    COMPLETE = 4


class ConsentForm(StrEnum):
    WRITTEN = "written"
    ORAL = "oral"


class PlanStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


class Purpose(StrEnum):
    """Why personal data was looked up; shown to citizens on a data-subject request."""

    CASEWORK = "casework"
    OUTREACH_VISIT = "outreach_visit"
    PLAN_WORK = "plan_work"
    FOLLOW_UP = "follow_up"
    REVIEW = "review"
    DATA_SUBJECT_REQUEST = "data_subject_request"
    EXPORT = "export"
    SYNC = "sync"


class AccessAction(StrEnum):
    READ = "read"
    SEARCH = "search"
    CREATE = "create"
    CHANGE = "change"
    EXPORT = "export"
    DELETE = "delete"

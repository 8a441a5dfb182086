"""Translated display labels for the domain's fixed vocabularies and validation rules.

The domain stores stable English codes; the screen shows these labels. Every string is
a literal ``QCoreApplication.translate("Labels", ...)`` call so ``pyside6-lupdate``
extracts it. Labels are built when asked for, so a language switch shows at once.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication

from ..domain import (
    AccessAction,
    ConsentForm,
    ContactForm,
    EffortStatus,
    FieldError,
    GoalStatus,
    HousingSituation,
    LifeArea,
    PlaceKind,
    Purpose,
    ResponsibleParty,
    SocialChallenge,
    Topic,
)


def housing(value: HousingSituation) -> str:
    return {
        HousingSituation.STREET_HOMELESS: QCoreApplication.translate("Labels", "Street homeless"),
        HousingSituation.NIGHT_SHELTER: QCoreApplication.translate("Labels", "Night shelter"),
        HousingSituation.SHELTER: QCoreApplication.translate("Labels", "Shelter (§ 110)"),
        HousingSituation.COUCH_SURFING: QCoreApplication.translate("Labels", "Couch surfing"),
        HousingSituation.TEMPORARY_HOUSING: QCoreApplication.translate(
            "Labels", "Temporary housing"
        ),
        HousingSituation.ALTERNATIVE_HOUSING: QCoreApplication.translate(
            "Labels", "Alternative housing"
        ),
        HousingSituation.OWN_HOME: QCoreApplication.translate("Labels", "Own home"),
        HousingSituation.UNKNOWN: QCoreApplication.translate("Labels", "Not known"),
    }[HousingSituation(value)]


def challenge(value: SocialChallenge) -> str:
    return {
        SocialChallenge.HOMELESSNESS: QCoreApplication.translate("Labels", "Homelessness"),
        SocialChallenge.ADDICTION_ALCOHOL: QCoreApplication.translate(
            "Labels", "Addiction (alcohol)"
        ),
        SocialChallenge.ADDICTION_DRUGS: QCoreApplication.translate("Labels", "Addiction (drugs)"),
        SocialChallenge.PROSTITUTION: QCoreApplication.translate("Labels", "Prostitution"),
        SocialChallenge.MENTAL_ILLNESS: QCoreApplication.translate("Labels", "Mental illness"),
        SocialChallenge.POVERTY: QCoreApplication.translate("Labels", "Poverty"),
        SocialChallenge.CRIME: QCoreApplication.translate("Labels", "Crime"),
        SocialChallenge.LONELINESS: QCoreApplication.translate("Labels", "Loneliness"),
        SocialChallenge.DOMESTIC_VIOLENCE: QCoreApplication.translate(
            "Labels", "Domestic violence"
        ),
        SocialChallenge.POOR_HEALTH: QCoreApplication.translate("Labels", "Poor health"),
    }[SocialChallenge(value)]


def place_kind(value: PlaceKind) -> str:
    return {
        PlaceKind.DROP_IN_CENTRE: QCoreApplication.translate("Labels", "Drop-in centre"),
        PlaceKind.SHELTER: QCoreApplication.translate("Labels", "Shelter"),
        PlaceKind.STREET: QCoreApplication.translate("Labels", "Street"),
        PlaceKind.HOME_VISIT: QCoreApplication.translate("Labels", "Home visit"),
        PlaceKind.OFFICE: QCoreApplication.translate("Labels", "Office"),
    }[PlaceKind(value)]


def contact_form(value: ContactForm) -> str:
    return {
        ContactForm.OUTREACH: QCoreApplication.translate("Labels", "Outreach"),
        ContactForm.AGREED_MEETING: QCoreApplication.translate("Labels", "Agreed meeting"),
        ContactForm.PHONE: QCoreApplication.translate("Labels", "Phone"),
        ContactForm.HOME_VISIT: QCoreApplication.translate("Labels", "Home visit"),
    }[ContactForm(value)]


def topic(value: Topic) -> str:
    return {
        Topic.HOUSING: QCoreApplication.translate("Labels", "Housing"),
        Topic.HEALTH: QCoreApplication.translate("Labels", "Health"),
        Topic.ADDICTION: QCoreApplication.translate("Labels", "Addiction"),
        Topic.MENTAL_HEALTH: QCoreApplication.translate("Labels", "Mental health"),
        Topic.ECONOMY: QCoreApplication.translate("Labels", "Economy"),
        Topic.WORK_AND_EDUCATION: QCoreApplication.translate("Labels", "Work and education"),
        Topic.NETWORK: QCoreApplication.translate("Labels", "Network"),
        Topic.PRACTICAL_HELP: QCoreApplication.translate("Labels", "Practical help"),
        Topic.PLAN: QCoreApplication.translate("Labels", "The plan"),
        Topic.OTHER: QCoreApplication.translate("Labels", "Other"),
    }[Topic(value)]


def life_area(value: LifeArea) -> str:
    return {
        LifeArea.HOUSING: QCoreApplication.translate("Labels", "Housing"),
        LifeArea.HEALTH: QCoreApplication.translate("Labels", "Health"),
        LifeArea.ADDICTION: QCoreApplication.translate("Labels", "Addiction"),
        LifeArea.MENTAL_HEALTH: QCoreApplication.translate("Labels", "Mental health"),
        LifeArea.WORK_AND_EDUCATION: QCoreApplication.translate("Labels", "Work and education"),
        LifeArea.ECONOMY: QCoreApplication.translate("Labels", "Economy"),
        LifeArea.NETWORK_AND_RELATIONS: QCoreApplication.translate(
            "Labels", "Network and relations"
        ),
        LifeArea.DAILY_LIFE: QCoreApplication.translate("Labels", "Daily life"),
        LifeArea.LEISURE: QCoreApplication.translate("Labels", "Leisure"),
    }[LifeArea(value)]


def goal_status(value: GoalStatus) -> str:
    return {
        GoalStatus.ACTIVE: QCoreApplication.translate("Labels", "Active"),
        GoalStatus.ACHIEVED: QCoreApplication.translate("Labels", "Achieved"),
        GoalStatus.PAUSED: QCoreApplication.translate("Labels", "Paused"),
        GoalStatus.GIVEN_UP: QCoreApplication.translate("Labels", "Given up"),
    }[GoalStatus(value)]


def effort_status(value: EffortStatus) -> str:
    return {
        EffortStatus.PLANNED: QCoreApplication.translate("Labels", "Planned"),
        EffortStatus.ONGOING: QCoreApplication.translate("Labels", "Ongoing"),
        EffortStatus.DONE: QCoreApplication.translate("Labels", "Done"),
        EffortStatus.CANCELLED: QCoreApplication.translate("Labels", "Cancelled"),
    }[EffortStatus(value)]


def responsible(value: ResponsibleParty) -> str:
    return {
        ResponsibleParty.CITIZEN: QCoreApplication.translate("Labels", "The citizen"),
        ResponsibleParty.CASEWORKER: QCoreApplication.translate("Labels", "Caseworker"),
        ResponsibleParty.DROP_IN_CENTRE: QCoreApplication.translate("Labels", "Drop-in centre"),
        ResponsibleParty.REGIONAL_PSYCHIATRY: QCoreApplication.translate(
            "Labels", "Regional psychiatry"
        ),
        ResponsibleParty.ADDICTION_TREATMENT: QCoreApplication.translate(
            "Labels", "Addiction treatment"
        ),
        ResponsibleParty.JOB_CENTRE: QCoreApplication.translate("Labels", "Job centre"),
        ResponsibleParty.HOUSING_ASSOCIATION: QCoreApplication.translate(
            "Labels", "Housing association"
        ),
        ResponsibleParty.VOLUNTEER_ORGANISATION: QCoreApplication.translate(
            "Labels", "Volunteer organisation"
        ),
        ResponsibleParty.GP: QCoreApplication.translate("Labels", "GP"),
        ResponsibleParty.PRISON_AND_PROBATION: QCoreApplication.translate(
            "Labels", "Prison and probation service"
        ),
        ResponsibleParty.OTHER: QCoreApplication.translate("Labels", "Other"),
    }[ResponsibleParty(value)]


def support_need(value: int) -> str:
    """The FFB/VUM level with its number, e.g. "2 – moderate"."""
    words = {
        0: QCoreApplication.translate("Labels", "0 – none"),
        1: QCoreApplication.translate("Labels", "1 – light"),
        2: QCoreApplication.translate("Labels", "2 – moderate"),
        3: QCoreApplication.translate("Labels", "3 – high"),
        4: QCoreApplication.translate("Labels", "4 – complete"),
    }
    return words[int(value)]


def consent_form(value: ConsentForm) -> str:
    return {
        ConsentForm.WRITTEN: QCoreApplication.translate("Labels", "Written"),
        ConsentForm.ORAL: QCoreApplication.translate("Labels", "Oral"),
    }[ConsentForm(value)]


def purpose(value: str) -> str:
    try:
        key = Purpose(value)
    except ValueError:
        return value
    return {
        Purpose.CASEWORK: QCoreApplication.translate("Labels", "Casework"),
        Purpose.OUTREACH_VISIT: QCoreApplication.translate("Labels", "Outreach visit"),
        Purpose.PLAN_WORK: QCoreApplication.translate("Labels", "Work on the plan"),
        Purpose.FOLLOW_UP: QCoreApplication.translate("Labels", "Follow-up"),
        Purpose.REVIEW: QCoreApplication.translate("Labels", "Review"),
        Purpose.DATA_SUBJECT_REQUEST: QCoreApplication.translate(
            "Labels", "Citizen's request for insight"
        ),
        Purpose.EXPORT: QCoreApplication.translate("Labels", "Export"),
        Purpose.SYNC: QCoreApplication.translate("Labels", "Synchronisation"),
    }[key]


def access_action(value: str) -> str:
    try:
        key = AccessAction(value)
    except ValueError:
        return value
    return {
        AccessAction.READ: QCoreApplication.translate("Labels", "Looked up"),
        AccessAction.SEARCH: QCoreApplication.translate("Labels", "Searched"),
        AccessAction.CREATE: QCoreApplication.translate("Labels", "Created"),
        AccessAction.CHANGE: QCoreApplication.translate("Labels", "Changed"),
        AccessAction.EXPORT: QCoreApplication.translate("Labels", "Exported"),
        AccessAction.DELETE: QCoreApplication.translate("Labels", "Deleted"),
    }[key]


def record_kind(entity: str) -> str:
    """What kind of record an access-log entry is about."""
    return {
        "citizen": QCoreApplication.translate("Labels", "Citizen details"),
        "note": QCoreApplication.translate("Labels", "Journal note"),
        "timeline": QCoreApplication.translate("Labels", "Contacts"),
        "addendum": QCoreApplication.translate("Labels", "Addendum"),
        "plan": QCoreApplication.translate("Labels", "Plan"),
        "goal": QCoreApplication.translate("Labels", "Goal"),
        "effort": QCoreApplication.translate("Labels", "Effort"),
        "rating": QCoreApplication.translate("Labels", "Progress rating"),
        "consent": QCoreApplication.translate("Labels", "Consent"),
        "followup": QCoreApplication.translate("Labels", "Follow-up"),
        "review": QCoreApplication.translate("Labels", "Review of a note"),
        "access_log": QCoreApplication.translate("Labels", "Access log"),
        "review_queue": QCoreApplication.translate("Labels", "Review table"),
        "oversight": QCoreApplication.translate("Labels", "Oversight list"),
        "effect": QCoreApplication.translate("Labels", "Effect figures"),
    }.get(entity.split("-", 1)[0], entity)


def options(enum: type[Enum], label: object) -> list[tuple[str, object]]:
    """(label, value) pairs in the enum's order, for a combo box."""
    return [(label(member), member) for member in enum]  # type: ignore[operator]


def error_text(error: FieldError) -> str:
    """A validation error in the current language; falls back to the domain's English."""
    field, rule = error.field.split("[")[0], error.rule
    params = dict(error.params)
    specific = {
        ("name", "name_or_nickname"): QCoreApplication.translate(
            "Labels", "Write the citizen's name or the nickname they are known by."
        ),
        ("cpr", "cpr_format"): QCoreApplication.translate(
            "Labels",
            "Write the CPR number as DDMMYY-SSSS: six digits for the birth date, a dash "
            "and four digits.",
        ),
        ("cpr", "cpr_date"): QCoreApplication.translate(
            "Labels", "The first six digits of the CPR number are not a real date."
        ),
        ("cpr", "anonymous_with_cpr"): QCoreApplication.translate(
            "Labels", "An anonymous contact has no CPR number. Link the CPR number instead."
        ),
        ("birth_year", "cpr_mismatch"): QCoreApplication.translate(
            "Labels", "The birth year does not match the CPR number."
        ),
        ("phone", "phone_format"): QCoreApplication.translate(
            "Labels",
            "The phone number may contain digits, spaces, a leading + and dashes "
            "(8 to 20 characters).",
        ),
        ("citizen_ids", "required"): QCoreApplication.translate(
            "Labels", "Choose at least one citizen who was present."
        ),
        ("event_time", "in_future"): QCoreApplication.translate(
            "Labels", "The time of the contact cannot be in the future."
        ),
        ("event_time", "after_written"): QCoreApplication.translate(
            "Labels", "The time of the contact cannot be after the note was written."
        ),
        ("text", "required"): QCoreApplication.translate(
            "Labels", "Write what happened before finalising."
        ),
        ("agreements", "required"): QCoreApplication.translate(
            "Labels", "Describe the agreement, or remove the row."
        ),
        ("status", "note_final"): QCoreApplication.translate(
            "Labels", "This note is final and locked. Write an addendum to correct or add to it."
        ),
        ("status", "one_plan"): QCoreApplication.translate(
            "Labels", "The citizen already has an active plan. One citizen, one plan."
        ),
        ("wording", "required"): QCoreApplication.translate(
            "Labels", "Write the goal in the citizen's own words."
        ),
        ("description", "required"): QCoreApplication.translate("Labels", "Write a description."),
        ("scope", "required"): QCoreApplication.translate("Labels", "Write what may be shared."),
        ("rated_on", "in_future"): QCoreApplication.translate(
            "Labels", "The rating date cannot be in the future."
        ),
        ("note_id", "note_not_final"): QCoreApplication.translate(
            "Labels", "Addenda are for final notes. A draft can still be edited directly."
        ),
    }
    if (field, rule) in specific:
        return specific[(field, rule)]
    if rule == "too_long":
        return QCoreApplication.translate(
            "Labels", "This can be at most %n characters long.", "", params["limit"]
        )
    if rule == "out_of_range" and "low" in params:
        return QCoreApplication.translate("Labels", "Choose a value from {low} to {high}.").format(
            **params
        )
    if rule == "not_a_number" and "low" in params:
        return QCoreApplication.translate(
            "Labels", "Write a whole number from {low} to {high}."
        ).format(**params)
    if rule == "required":
        return QCoreApplication.translate("Labels", "This must be filled in.")
    if rule == "not_allowed":
        return QCoreApplication.translate("Labels", "Choose one of the offered choices.")
    if rule == "date_order":
        return QCoreApplication.translate("Labels", "The dates are in the wrong order.")
    return error.message

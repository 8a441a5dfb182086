"""The domain: plain dataclasses and validation. No Qt, no SQL."""

from .citizen import Citizen
from .consent import Consent
from .cpr import Cpr, cpr_errors, looks_like_cpr, parse_cpr
from .enums import (
    AccessAction,
    ConsentForm,
    ContactForm,
    EffortStatus,
    GoalStatus,
    HousingSituation,
    LifeArea,
    NoteStatus,
    PlaceKind,
    PlanStatus,
    Purpose,
    ResponsibleParty,
    SocialChallenge,
    SupportNeed,
    Topic,
)
from .errors import FieldError, ValidationError
from .followup import FollowUp
from .ids import uuid7
from .note import Addendum, Agreement, JournalNote, NoteLockedError
from .place import Place
from .plan import LEGAL_BASES, Effort, Goal, Plan
from .progress import ProgressRating
from .review import Review, ReviewOutcome, ReviewState, note_state

__all__ = [
    "LEGAL_BASES",
    "AccessAction",
    "Addendum",
    "Agreement",
    "Citizen",
    "Consent",
    "ConsentForm",
    "ContactForm",
    "Cpr",
    "Effort",
    "EffortStatus",
    "FieldError",
    "FollowUp",
    "Goal",
    "GoalStatus",
    "HousingSituation",
    "JournalNote",
    "LifeArea",
    "NoteLockedError",
    "NoteStatus",
    "Place",
    "PlaceKind",
    "Plan",
    "PlanStatus",
    "ProgressRating",
    "Purpose",
    "ResponsibleParty",
    "Review",
    "ReviewOutcome",
    "ReviewState",
    "SocialChallenge",
    "SupportNeed",
    "Topic",
    "ValidationError",
    "cpr_errors",
    "looks_like_cpr",
    "note_state",
    "parse_cpr",
    "uuid7",
]

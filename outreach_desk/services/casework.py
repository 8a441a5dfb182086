"""Application services for casework: plain functions of the store, run by the TaskRunner.

They read like the caseworker's actions (load a citizen, record a contact, finalise,
rate progress). No Qt here, so they are tested directly on a real store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..domain import (
    Addendum,
    Agreement,
    Citizen,
    Consent,
    ContactForm,
    Effort,
    FollowUp,
    Goal,
    JournalNote,
    Place,
    Plan,
    ProgressRating,
    ReviewState,
    Topic,
)
from ..store import Store
from ..store.audit import AccessEntry
from ..store.replica import LocalReplica


@dataclass(frozen=True)
class CitizenOverview:
    """Everything the citizen screen shows, read in one go (and logged as reads)."""

    citizen: Citizen
    plan: Plan | None
    goals: list[Goal]
    efforts: list[Effort]
    ratings: list[ProgressRating]
    consents: list[Consent]
    followups: list[FollowUp]
    timeline: list[JournalNote]
    addenda: dict[str, list[Addendum]]
    places: dict[str, Place]
    access: list[AccessEntry]

    @property
    def next_follow_up(self) -> FollowUp | None:
        open_items = [f for f in self.followups if not f.is_done and f.due is not None]
        return min(open_items, key=lambda f: f.due or date.max, default=None)

    def ratings_for(self, goal_id: str) -> list[ProgressRating]:
        return [r for r in self.ratings if r.goal_id == goal_id]


def load_overview(store: Store, citizen_id: str) -> CitizenOverview:
    citizen = store.citizens.get(citizen_id)
    plan = store.plans.active_for(citizen_id)
    timeline = store.notes.timeline(citizen_id)
    addenda = store.addenda.for_notes([n.id for n in timeline if n.is_final])
    return CitizenOverview(
        citizen=citizen,
        plan=plan,
        goals=store.goals.for_plan(plan.id) if plan else [],
        efforts=store.efforts.for_plan(plan.id) if plan else [],
        ratings=store.ratings.for_plan(plan.id) if plan else [],
        consents=store.consents.for_citizen(citizen_id),
        followups=store.followups.for_citizen(citizen_id),
        timeline=timeline,
        addenda={k: v for k, v in addenda.items() if v},
        places={p.id: p for p in store.places.all()},
        access=store.access_log.recent(citizen_id),
    )


@dataclass
class ContactInput:
    """What the record-contact form holds; becomes a draft note."""

    citizen_ids: tuple[str, ...]
    contact_form: ContactForm
    event_time: datetime
    place_id: str | None = None
    topics: tuple[Topic, ...] = ()
    text: str = ""
    agreements: tuple[Agreement, ...] = ()
    new_anonymous: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (nickname, desc)


def save_draft(store: Store, draft_id: str | None, form: ContactInput) -> JournalNote:
    """Create or update the draft; anonymous contacts met on the spot are created too."""
    with store.transaction():
        citizen_ids = list(form.citizen_ids)
        for nickname, description in form.new_anonymous:
            created = store.citizens.add(
                Citizen.new_anonymous(store.session.home_team, nickname, description)
            )
            citizen_ids.append(created.id)
        values = {
            "citizen_ids": tuple(dict.fromkeys(citizen_ids)),
            "contact_form": form.contact_form,
            "event_time": form.event_time,
            "place_id": form.place_id,
            "topics": form.topics,
            "text": form.text,
            "agreements": form.agreements,
        }
        if draft_id is None:
            return store.notes.add(
                JournalNote.new(
                    team_id=store.session.home_team,
                    caseworker=store.session.user_id,
                    now=store.session.clock(),
                    **values,  # type: ignore[arg-type]
                )
            )
        existing = store.notes.get(draft_id)
        return store.notes.update(existing.edited(**values))


def finalise(store: Store, note_id: str) -> JournalNote:
    return store.notes.finalise(note_id, store.followups)


def add_addendum(store: Store, note_id: str, text: str) -> Addendum:
    return store.addenda.add(
        Addendum.new(note_id, store.session.user_id, text, store.session.clock())
    )


def last_place_for(store: Store, caseworker: str) -> str | None:
    """The place of the caseworker's latest contact: where they most likely are now."""
    rows = store.context.query(
        "SELECT place_id FROM notes WHERE caseworker = ? AND place_id IS NOT NULL"
        " AND deleted_at IS NULL ORDER BY written_time DESC LIMIT 1",
        (caseworker,),
    )
    return rows[0]["place_id"] if rows else None


@dataclass(frozen=True)
class FollowUpAgenda:
    overdue: list[FollowUp]
    today: list[FollowUp]
    this_week: list[FollowUp]
    names: dict[str, str]


def follow_up_agenda(store: Store, today: date) -> FollowUpAgenda:
    items = store.followups.open_until(today + timedelta(days=7))
    names = {
        r["id"]: (r["name"] or r["nickname"])
        for r in store.context.query(
            "SELECT id, name, nickname FROM citizens WHERE id IN "
            "(SELECT citizen_id FROM followups WHERE done_at IS NULL AND deleted_at IS NULL)"
        )
    }
    return FollowUpAgenda(
        overdue=[f for f in items if f.due and f.due < today],
        today=[f for f in items if f.due == today],
        this_week=[f for f in items if f.due and f.due > today],
        names=names,
    )


@dataclass(frozen=True)
class LocalSyncState:
    pending: int
    conflicts: int
    rejected: int
    last_sync: str | None


def local_sync_state(store: Store) -> LocalSyncState:
    """What the status bar shows; one query, it runs often."""
    counts = {
        r["state"]: r["n"]
        for r in store.context.query("SELECT state, count(*) AS n FROM outbox GROUP BY state")
    }
    rows = store.context.query("SELECT value FROM meta WHERE key = 'last_sync'")
    return LocalSyncState(
        pending=counts.get("pending", 0),
        conflicts=counts.get("conflict", 0),
        rejected=counts.get("rejected", 0),
        last_sync=rows[0]["value"] if rows else None,
    )


def rate_progress(
    store: Store, goal_id: str, score: int, support_need: int | None, comment: str = ""
) -> ProgressRating:
    return store.ratings.add(
        ProgressRating.new(
            goal_id,
            store.session.clock().date(),
            score,
            support_need=support_need,
            rated_by=store.session.user_id,
            comment=comment,
        )
    )


__all__ = [
    "CitizenOverview",
    "ContactInput",
    "FollowUpAgenda",
    "LocalSyncState",
    "add_addendum",
    "finalise",
    "follow_up_agenda",
    "last_place_for",
    "load_overview",
    "local_sync_state",
    "rate_progress",
    "save_draft",
]


# --- added for the citizen screen, contact form, plan editor and follow-ups (ui) ------------


def update_citizen(store: Store, citizen: Citizen) -> Citizen:
    """Save the citizen editor's changes (validated by the store)."""
    return store.citizens.update(citizen)


@dataclass(frozen=True)
class ContactContext:
    """What the record-contact form needs to start: places, names, where we likely are."""

    places: list[Place]
    names: dict[str, str]
    last_place_id: str | None
    now: datetime
    user_names: dict[str, str] = field(default_factory=dict)


def contact_context(store: Store, citizen_ids: tuple[str, ...]) -> ContactContext:
    names: dict[str, str] = {}
    for citizen_id in citizen_ids:
        names[citizen_id] = store.citizens.get(citizen_id).display_name
    return ContactContext(
        places=store.places.all(),
        names=names,
        last_place_id=last_place_for(store, store.session.user_id),
        now=store.session.clock(),
        user_names=LocalReplica(store).user_names(),
    )


@dataclass(frozen=True)
class OpenedNote:
    """A journal note with what the form shows around it."""

    note: JournalNote
    addenda: list[Addendum]
    context: ContactContext


def open_note(store: Store, note_id: str) -> OpenedNote:
    note = store.notes.get(note_id)
    return OpenedNote(
        note=note,
        addenda=store.addenda.for_note(note_id) if note.is_final else [],
        context=contact_context(store, note.citizen_ids),
    )


def find_citizens(store: Store, text: str, limit: int = 8) -> list[tuple[str, str]]:
    """(id, display title) of citizens matching ``text``; the search is logged."""
    return [(hit.id, hit.title) for hit in store.search_citizens(text, limit)]


@dataclass(frozen=True)
class PlanState:
    """The plan part of the citizen screen, reloaded after each plan edit."""

    citizen_id: str
    plan: Plan | None
    goals: list[Goal]
    efforts: list[Effort]
    ratings: list[ProgressRating]
    consents: list[Consent]
    today: date


def load_plan_state(store: Store, citizen_id: str) -> PlanState:
    plan = store.plans.active_for(citizen_id)
    return PlanState(
        citizen_id=citizen_id,
        plan=plan,
        goals=store.goals.for_plan(plan.id) if plan else [],
        efforts=store.efforts.for_plan(plan.id) if plan else [],
        ratings=store.ratings.for_plan(plan.id) if plan else [],
        consents=store.consents.for_citizen(citizen_id),
        today=store.session.clock().date(),
    )


def create_plan(store: Store, citizen_id: str, wish: str = "") -> Plan:
    team_id = store.citizens.get(citizen_id).team_id
    return store.plans.add(Plan.new(citizen_id, team_id, wish))


def save_plan(store: Store, plan: Plan) -> Plan:
    return store.plans.update(plan)


def save_goal(store: Store, goal: Goal) -> Goal:
    """Add the goal, or update it when it exists."""
    return store.goals.update(goal) if store.goals.exists(goal.id) else store.goals.add(goal)


def save_effort(store: Store, effort: Effort) -> Effort:
    """Add the effort, or update it when it exists."""
    if store.efforts.exists(effort.id):
        return store.efforts.update(effort)
    return store.efforts.add(effort)


def mark_follow_up_done(store: Store, followup_id: str) -> FollowUp:
    return store.followups.mark_done(followup_id)


def todays_agenda(store: Store) -> FollowUpAgenda:
    """The follow-up agenda for the session's today (its clock, not the GUI's)."""
    return follow_up_agenda(store, store.session.clock().date())


@dataclass(frozen=True)
class CitizenScreen:
    """The overview plus what the screen needs to word it: today, and user names."""

    overview: CitizenOverview
    today: date
    user_names: dict[str, str]
    review_states: dict[str, ReviewState] = field(default_factory=dict)  # by note id


def load_citizen_screen(store: Store, citizen_id: str) -> CitizenScreen:
    return CitizenScreen(
        overview=load_overview(store, citizen_id),
        today=store.session.clock().date(),
        user_names=LocalReplica(store).user_names(),
        review_states=store.reviews.states_for_citizen(citizen_id),
    )

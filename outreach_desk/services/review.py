"""Review of synced notes (gennemgang): the team lead's queue and decisions, and the
caseworker's view of notes returned to them. Qt-free; run by the TaskRunner.

Only a laptop enrolled for a team lead writes reviews (the server checks it again);
reads are logged with the purpose "review" (ledelsestilsyn).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain import Addendum, JournalNote, Place, Purpose, Review, ReviewOutcome, ReviewState
from ..domain.errors import FieldError, ValidationError
from ..store import Store
from ..store.replica import LocalReplica
from ..store.reviews import QueueFilter, QueuePage, QueueRow

TEAM_LEAD = "team_lead"

__all__ = [
    "QueueFilter",
    "QueuePage",
    "QueueRow",
    "ReturnedNote",
    "ReviewContext",
    "ReviewDetail",
    "ReviewQueue",
    "is_team_lead",
    "load_queue",
    "open_for_review",
    "record_review",
    "returned_notes",
]


def role(store: Store) -> str:
    enrolment = LocalReplica(store).enrolment()
    return enrolment.role if enrolment else "caseworker"


def is_team_lead(store: Store) -> bool:
    return role(store) == TEAM_LEAD


@dataclass(frozen=True)
class ReviewContext:
    """What the filters offer: the team's caseworkers and places, and names to show."""

    caseworkers: list[tuple[str, str]]  # (user id, name), by name
    places: list[Place]
    user_names: dict[str, str]
    today: date


def review_context(store: Store) -> ReviewContext:
    names = LocalReplica(store).user_names()
    teams = store.session.team_ids
    marks = ", ".join("?" * len(teams)) or "''"
    ids = [
        r["caseworker"]
        for r in store.context.query(
            f"SELECT DISTINCT caseworker FROM notes WHERE status = 'final'"
            f" AND deleted_at IS NULL AND team_id IN ({marks})",
            tuple(teams),
        )
    ]
    workers = sorted(((i, names.get(i, i)) for i in ids), key=lambda p: p[1].casefold())
    return ReviewContext(workers, store.places.all(), names, store.session.clock().date())


@dataclass(frozen=True)
class ReviewQueue:
    page: QueuePage
    citizen_names: dict[str, str]
    place_names: dict[str, str]
    user_names: dict[str, str]
    filter: QueueFilter


def load_queue(store: Store, flt: QueueFilter, citizen_text: str = "") -> ReviewQueue:
    """The queue under the filters; ``citizen_text`` is searched like the caseload search."""
    with store.purpose(Purpose.REVIEW):
        if citizen_text.strip():
            hits = store.search_citizens(citizen_text, limit=200)
            flt = QueueFilter(**{**flt.__dict__, "citizen_ids": tuple(h.id for h in hits)})
        page = store.reviews.queue(flt)
    wanted = {c for row in page.rows for c in row.citizen_ids}
    return ReviewQueue(
        page=page,
        citizen_names=_citizen_names(store, wanted),
        place_names={p.id: p.name for p in store.places.all()},
        user_names=LocalReplica(store).user_names(),
        filter=flt,
    )


def _citizen_names(store: Store, ids: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    chosen = sorted(ids)
    for start in range(0, len(chosen), 500):
        part = chosen[start : start + 500]
        for r in store.context.query(
            f"SELECT id, name, nickname FROM citizens WHERE id IN ({', '.join('?' * len(part))})",
            tuple(part),
        ):
            name, nick = r["name"], r["nickname"]
            names[r["id"]] = f"{name} ({nick})" if name and nick else (name or nick or "—")
    return names


@dataclass(frozen=True)
class ReviewDetail:
    """One note as the lead reviews it: the text, its addenda, earlier reviews."""

    note: JournalNote
    addenda: list[Addendum]
    reviews: list[Review]
    state: ReviewState
    citizen_names: dict[str, str]
    place_name: str
    user_names: dict[str, str]

    @property
    def revision(self) -> int:
        return len(self.addenda)


def open_for_review(store: Store, note_id: str) -> ReviewDetail:
    """Read a note for review; logged as reads with the purpose "review"."""
    with store.purpose(Purpose.REVIEW):
        note = store.notes.get(note_id)
        addenda = store.addenda.for_note(note_id) if note.is_final else []
        reviews = store.reviews.for_note(note_id)
        state = store.reviews.state_of(note_id) if note.is_final else ReviewState.AWAITING
    place = next((p.name for p in store.places.all() if p.id == note.place_id), "")
    return ReviewDetail(
        note=note,
        addenda=addenda,
        reviews=reviews,
        state=state,
        citizen_names=_citizen_names(store, set(note.citizen_ids)),
        place_name=place,
        user_names=LocalReplica(store).user_names(),
    )


def record_review(
    store: Store,
    note_id: str,
    outcome: ReviewOutcome,
    comment: str = "",
    seen_addendum_ids: tuple[str, ...] | None = None,
) -> Review:
    """Approve, return with a comment, or mark "has issues": the revision the lead saw.

    ``seen_addendum_ids`` are the addenda shown when the lead decided; if another arrived
    meanwhile the review still names only what was seen, so the note stays re-opened.
    """
    if not is_team_lead(store):
        raise ValidationError(
            [FieldError("reviewer", "not_team_lead", "Only a team lead can review notes.")]
        )
    with store.purpose(Purpose.REVIEW), store.transaction():
        note = store.notes.get(note_id)
        if note.team_id not in store.session.team_ids:
            raise ValidationError(
                [FieldError("note_id", "wrong_team", "The note belongs to another team.")]
            )
        current = [a.id for a in store.addenda.for_note(note_id)]
        seen = current if seen_addendum_ids is None else list(seen_addendum_ids)
        review = Review.new(
            note_id=note_id,
            team_id=note.team_id,
            reviewer=store.session.user_id,
            now=store.session.clock(),
            addendum_ids=seen,
            outcome=outcome,
            comment=comment,
        )
        return store.reviews.add(review)


@dataclass(frozen=True)
class ReturnedNote:
    row: QueueRow
    citizen_names: dict[str, str]
    reviewer_name: str


def returned_notes(store: Store) -> list[ReturnedNote]:
    """The signed-in caseworker's notes a lead returned or marked, not yet answered."""
    rows = store.reviews.returned_to(store.session.user_id)
    names = _citizen_names(store, {c for r in rows for c in r.citizen_ids})
    users = LocalReplica(store).user_names()
    return [
        ReturnedNote(
            row=r,
            citizen_names={c: names.get(c, "—") for c in r.citizen_ids},
            reviewer_name=users.get(r.reviewer or "", r.reviewer or ""),
        )
        for r in rows
    ]

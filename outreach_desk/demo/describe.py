"""A readable summary of what a profile holds, for ``make demo`` and quick checks.

Counts come from plain ``count()`` queries; every citizen or note it shows is read
through the repositories' ``get``, so the demo leaves honest access-log entries.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..domain.citizen import Citizen
from ..store.store import Store
from .generator import ZONE

SAMPLES = 5


def _first_line(text: str, limit: int = 90) -> str:
    line = text.strip().split(". ")[0].rstrip(".")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _label(value: str) -> str:
    return value.replace("_", " ")


def _count(store: Store, sql: str) -> int:
    return int(store.context.query(sql)[0]["n"])


def describe(store: Store, today: date | None = None) -> str:
    """Counts, a few citizens, the follow-ups that need doing and the newest notes."""
    today = today or store.session.clock().astimezone(ZONE).date()
    places = {p.id: p.name for p in store.places.all()}
    anonymous = _count(
        store, "SELECT count(*) AS n FROM citizens WHERE anonymous = 1 AND deleted_at IS NULL"
    )
    drafts = _count(
        store, "SELECT count(*) AS n FROM notes WHERE status = 'draft' AND deleted_at IS NULL"
    )
    due_soon = store.followups.open_until(today + timedelta(days=6))
    overdue = [f for f in due_soon if f.due is not None and f.due < today]
    this_week = [f for f in due_soon if f.due is not None and f.due >= today]
    lines = [
        f"Profile: {store.paths.folder}",
        f"  {store.citizens.count():,} citizens ({anonymous:,} anonymous contacts), "
        f"{len(places)} places",
        f"  {store.notes.count():,} journal notes ({drafts:,} drafts), "
        f"{store.addenda.count():,} addenda",
        f"  {store.plans.count():,} plans, {store.goals.count():,} goals, "
        f"{store.efforts.count():,} efforts, {store.ratings.count():,} progress ratings, "
        f"{store.consents.count():,} consents",
        f"  {store.followups.count():,} follow-ups: {len(overdue):,} overdue, "
        f"{len(this_week):,} due this week",
    ]
    citizen_cache: dict[str, Citizen] = {}

    def citizen(citizen_id: str) -> Citizen:
        if citizen_id not in citizen_cache:
            citizen_cache[citizen_id] = store.citizens.get(citizen_id)
        return citizen_cache[citizen_id]

    ids = store.citizens.all_ids()
    if ids:
        lines.append("Some citizens:")
        step = max(1, len(ids) // SAMPLES)
        for citizen_id in ids[::step][:SAMPLES]:
            person = citizen(citizen_id)
            where = (
                ", ".join(places.get(p, "?") for p in person.usual_place_ids) or "no usual place"
            )
            lines.append(
                f"  {person.display_name} — met at {where}; housing: {_label(person.housing)}"
            )
    if overdue or this_week:
        lines.append("Follow-ups to do:")
        for item in [*overdue[-3:], *this_week[:4]]:
            state = "overdue" if item in overdue else "due"
            who = citizen(item.citizen_id).display_name
            lines.append(f"  {state} {item.due}: {item.description} — {who}")
    newest = store.context.query(
        "SELECT id FROM notes WHERE deleted_at IS NULL ORDER BY event_time DESC LIMIT ?",
        (SAMPLES,),
    )
    if newest:
        lines.append("Newest notes:")
        for row in newest:
            note = store.notes.get(row["id"])
            when = note.event_time.astimezone(ZONE).strftime("%Y-%m-%d %H:%M")
            status = "draft" if not note.is_final else "final"
            lines.append(f"  {when} ({status}) {_first_line(note.text)}")
    return "\n".join(lines)

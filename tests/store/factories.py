"""Small builders for realistic records used across store tests."""

from __future__ import annotations

from datetime import date, datetime

from outreach_desk.domain import (
    Agreement,
    Citizen,
    ContactForm,
    Goal,
    JournalNote,
    LifeArea,
    Place,
    PlaceKind,
    Plan,
    Topic,
)
from outreach_desk.store import Store

CPR = "120385-2417"
NOTE_PHRASE = "kontakt til misbrugsbehandlingen på Rømersgade"


def place(store: Store, name: str = "Kirkens Korshærs Varmestue") -> Place:
    return store.places.add(Place.new(name, PlaceKind.DROP_IN_CENTRE, "Nørregade 12, Odense C"))


def citizen(store: Store, **values: object) -> Citizen:
    defaults: dict[str, object] = {"name": "Jens Hansen", "nickname": "Store Jens", "cpr": CPR}
    defaults.update(values)
    return store.citizens.add(Citizen.new(store.session.home_team, **defaults))


def note(store: Store, citizen_id: str, now: datetime, **values: object) -> JournalNote:
    defaults: dict[str, object] = {
        "text": f"Mødt på værestedet. Talte om {NOTE_PHRASE}.",
        "topics": (Topic.ADDICTION, Topic.HOUSING),
    }
    defaults.update(values)
    return store.notes.add(
        JournalNote.new(
            team_id=store.session.home_team,
            caseworker=store.session.user_id,
            citizen_ids=(citizen_id,),
            contact_form=ContactForm.OUTREACH,
            now=now,
            **defaults,
        )
    )


def agreement(text: str = "Ringe til boligselskabet", due: date | None = None) -> Agreement:
    return Agreement(description=text, due=due)


def plan_with_goal(store: Store, citizen_id: str) -> tuple[Plan, Goal]:
    plan = store.plans.add(
        Plan.new(citizen_id, store.session.home_team, wish="Jeg vil have min egen lejlighed")
    )
    goal = store.goals.add(Goal.new(plan.id, LifeArea.HOUSING, "Jeg vil have et sted at bo"))
    return plan, goal

"""A small team for the team lead's screens: three caseworkers' final notes, one returned,
one re-opened by an addendum, one approved; plans, ratings, consents and follow-ups."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, replace
from datetime import timedelta

from outreach_desk.domain import (
    Addendum,
    Agreement,
    Citizen,
    Consent,
    ConsentForm,
    ContactForm,
    FollowUp,
    Goal,
    GoalStatus,
    HousingSituation,
    JournalNote,
    LifeArea,
    Place,
    PlaceKind,
    Plan,
    ProgressRating,
    ResponsibleParty,
    Review,
    ReviewOutcome,
    Topic,
    uuid7,
)
from outreach_desk.store import Store
from outreach_desk.store.replica import Enrolment, LocalReplica

LEAD = "u-lise"
WORKERS = {"u-anna": "Anna Holm", "u-bo": "Bo Nielsen", "u-karim": "Karim Said"}


@dataclass
class Seeded:
    team: str
    notes: dict[str, str]  # label -> note id
    citizens: dict[str, str]  # name -> id
    place_ids: list[str]


def become_lead(store: Store) -> str:
    team = store.session.home_team
    LocalReplica(store).save_enrolment(
        Enrolment(
            server_url="http://127.0.0.1:9",
            device_id=store.session.device_id,
            private_key=base64.b64encode(os.urandom(32)).decode("ascii"),  # port 9: offline
            server_public_key="",
            user_id=LEAD,
            user_name="Lise Berg",
            role="team_lead",
            team_ids=(team,),
        )
    )
    with store.transaction():
        store.context.conn.executemany(
            "INSERT INTO known_users(user_id, display_name) VALUES (?, ?)", list(WORKERS.items())
        )
    return team


def seed_team(store: Store) -> Seeded:
    team = become_lead(store)
    now = store.session.clock()
    today = now.date()
    places = [
        store.places.add(Place.new("Kirkens Korshærs Varmestue", PlaceKind.DROP_IN_CENTRE)),
        store.places.add(Place.new("Mødestedet", PlaceKind.DROP_IN_CENTRE)),
        store.places.add(Place.new("Banegårdspladsen", PlaceKind.STREET)),
    ]
    people = [
        ("Jens Hansen", "Store Jens", HousingSituation.STREET_HOMELESS),
        ("Mona Larsen", "", HousingSituation.SHELTER),
        ("Per Kristensen", "Perle", HousingSituation.COUCH_SURFING),
        ("Sofie Andersen", "", HousingSituation.TEMPORARY_HOUSING),
    ]
    citizens: dict[str, str] = {}
    for i, (name, nick, housing) in enumerate(people):
        c = store.citizens.add(
            Citizen.new(
                team,
                name=name,
                nickname=nick,
                housing=housing,
                usual_place_ids=(places[i % 3].id,),
                coordinating_caseworker=list(WORKERS)[i % 3],
            )
        )
        citizens[name] = c.id
    texts = [
        ("u-anna", "Jens Hansen", 0, 2, 1, "Mødt på varmestuen. Talte om bolig og venteliste."),
        ("u-bo", "Mona Larsen", 1, 3, 30, "Mona fortalte om nætterne på herberget."),
        ("u-karim", "Per Kristensen", 2, 5, 2, "Perle vil gerne i behandling igen."),
        ("u-anna", "Sofie Andersen", 0, 8, 1, "Fremvisning af lejligheden aftalt til fredag."),
        ("u-bo", "Jens Hansen", 1, 12, 3, "Fulgte Jens til lægen. Ny medicin."),
        ("u-karim", "Mona Larsen", 2, 20, 1, "Budget gennemgået; huslejerestance afdrages."),
    ]
    notes: dict[str, str] = {}
    for index, (worker, person, place, days_ago, hours_late, text) in enumerate(texts):
        event = now - timedelta(days=days_ago, hours=hours_late)
        note = store.notes.add(
            JournalNote(
                id=uuid7(),
                team_id=team,
                caseworker=worker,
                place_id=places[place].id,
                event_time=event,
                written_time=event + timedelta(hours=hours_late),
                contact_form=ContactForm.OUTREACH,
                citizen_ids=(citizens[person],),
                topics=(Topic.HOUSING,),
                text=text,
                agreements=(
                    (Agreement(description="Ringe til boligselskabet", due=today - timedelta(3)),)
                    if index == 0
                    else ()
                ),
            )
        )
        store.notes.finalise(note.id, store.followups)
        notes[f"n{index}"] = note.id
    store.reviews.add(
        Review.new(
            note_id=notes["n3"],
            team_id=team,
            reviewer=LEAD,
            now=now - timedelta(days=2),
            addendum_ids=(),
            outcome=ReviewOutcome.APPROVED,
        )
    )
    store.reviews.add(
        Review.new(
            note_id=notes["n4"],
            team_id=team,
            reviewer=LEAD,
            now=now - timedelta(days=5),
            addendum_ids=(),
            outcome=ReviewOutcome.RETURNED,
            comment="Skriv hvilken medicin og hvem der ordinerede den.",
        )
    )
    store.reviews.add(
        Review.new(
            note_id=notes["n5"],
            team_id=team,
            reviewer=LEAD,
            now=now - timedelta(days=10),
            addendum_ids=(),
            outcome=ReviewOutcome.HAS_ISSUES,
            comment="Aftalen om afdrag mangler beløb.",
        )
    )
    store.addenda.add(Addendum.new(notes["n5"], "u-karim", "Afdrag: 500 kr. pr. måned.", now))
    # plans, ratings and consents for the oversight and effect screens
    for i, cid in enumerate(citizens.values()):
        plan = store.plans.add(
            Plan.new(
                cid,
                team,
                wish="Jeg vil have mit eget sted at bo",
                follow_up_date=today - timedelta(days=10 - 8 * i),
            )
        )
        for j, area in enumerate((LifeArea.HOUSING, LifeArea.HEALTH, LifeArea.ADDICTION)):
            goal = store.goals.add(
                Goal.new(
                    plan.id,
                    area,
                    ["Et sted at bo", "Sove bedre", "Drikke mindre"][j],
                    status=GoalStatus.ACHIEVED if (i + j) % 4 == 0 else GoalStatus.ACTIVE,
                )
            )
            for month in range(6):
                day = today - timedelta(days=30 * (5 - month) + i)
                score = min(10, 2 + month + (i + j) % 3)
                store.ratings.add(
                    ProgressRating.new(goal.id, day, score, support_need=max(0, 4 - month // 2))
                )
        store.consents.add(
            Consent.new(
                cid,
                "Deling af plan med psykiatrien",
                parties=(ResponsibleParty.REGIONAL_PSYCHIATRY,),
                given_on=today - timedelta(days=300),
                form=ConsentForm.WRITTEN,
                expires_on=today + timedelta(days=10 + 40 * i),
            )
        )
        store.followups.add(
            FollowUp.new(
                cid, team, "Ringe tilbage", due=today - timedelta(days=2 + i), assignee="u-bo"
            )
        )
    moved = store.citizens.get(citizens["Jens Hansen"])
    store.citizens.update(replace(moved, housing=HousingSituation.ALTERNATIVE_HOUSING))
    return Seeded(team, notes, citizens, [p.id for p in places])

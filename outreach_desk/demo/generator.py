"""A deterministic, realistic Danish caseload for demos, screenshots and benchmarks.

Everything goes through the public repositories, so every record is validated, gets its
outbox entry and its access-log entry exactly as in the app. The same seed, sizes and
``today`` give the same content (names, texts, dates, scores); only the UUIDv7 ids and
the wall-clock bookkeeping differ between runs.

While it runs, the store session's clock is swapped for a simulated one that walks
through the past two years, so notes are written "when they happened" (the domain
refuses contacts in the future), late notes are really late and ``created_at`` looks
like a real history. The original clock is put back afterwards, also on errors.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import time as clock_time
from typing import TypeVar

from ..domain.citizen import Citizen
from ..domain.consent import Consent
from ..domain.enums import (
    ConsentForm,
    ContactForm,
    EffortStatus,
    GoalStatus,
    HousingSituation,
    LifeArea,
    NoteStatus,
    PlaceKind,
    ResponsibleParty,
    SocialChallenge,
    Topic,
)
from ..domain.followup import FollowUp
from ..domain.note import Addendum, Agreement, JournalNote
from ..domain.place import Place
from ..domain.plan import Effort, Goal, Plan
from ..domain.progress import ProgressRating
from ..store.store import Store
from . import vocabulary as V

T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

HISTORY_DAYS = 730
DEFAULT_BATCH = 500
OUTREACH_KINDS = (PlaceKind.DROP_IN_CENTRE, PlaceKind.STREET, PlaceKind.SHELTER)


def _local_zone() -> tzinfo:
    """Copenhagen time for realistic hours; UTC where the tz database is missing."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Copenhagen")
    except Exception:  # pragma: no cover - only on systems without tzdata
        return UTC


ZONE = _local_zone()


@dataclass(slots=True)
class DemoSummary:
    """What :func:`generate` put in the store, and how long it took."""

    places: int = 0
    citizens: int = 0
    anonymous: int = 0
    notes: int = 0
    drafts: int = 0
    late_notes: int = 0
    addenda: int = 0
    followups: int = 0
    followups_open: int = 0
    plans: int = 0
    goals: int = 0
    efforts: int = 0
    ratings: int = 0
    consents: int = 0
    seconds: float = 0.0
    cancelled: bool = False

    def counts(self) -> dict[str, int]:
        """Records per entity (without the timing and the cancelled flag)."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("seconds", "cancelled")
        }

    def __str__(self) -> str:
        parts = ", ".join(f"{name} {value}" for name, value in self.counts().items())
        state = " (cancelled)" if self.cancelled else ""
        return f"{parts} in {self.seconds:.1f} s{state}"


class SimulatedClock:
    """A settable clock: the generator moves it to when each record was made."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class _Cancelled(Exception):
    pass


@dataclass(slots=True)
class _Person:
    index: int
    citizen: Citizen
    first: str  # how notes refer to them: first name or nickname
    male: bool
    youth: bool
    places: tuple[Place, ...]
    topics: tuple[Topic, ...]
    weight: float
    has_plan: bool


@dataclass(slots=True)
class _NoteSlot:
    """The skeleton of one contact, drawn before texts so notes can be written in order."""

    written: datetime
    order: int
    person: int
    event: datetime
    caseworker: str
    companion: int
    draft: bool


@dataclass(slots=True)
class _Scheduled:
    at: datetime
    order: int
    note_id: str
    author: str
    text: str


@dataclass(slots=True)
class _Run:
    summary: DemoSummary = field(default_factory=DemoSummary)
    done: int = 0
    total: int = 0


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _pick_weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock_time(hour, minute), tzinfo=ZONE)


def fictitious_cpr(rng: random.Random, birth: date, male: bool) -> str:
    """A CPR number valid by our rules (real date, century digit) that fails modulus 11.

    Numbers failing modulus 11 were only issued from 2007, and only for birth dates whose
    modulus-11 numbers ran out, so these are practically never real people's numbers. The
    last digit follows the CPR convention: odd for men, even for women.
    """
    if birth.year >= 2000:
        centuries = (4, 5, 6, 7, 8, 9) if birth.year % 100 <= 36 else (5, 6, 7, 8)
    else:
        centuries = (0, 1, 2, 3)
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    while True:
        serial = f"{rng.choice(centuries)}{rng.randrange(100):02d}"
        last = rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
        digits = f"{birth:%d%m%y}{serial}{last}"
        if sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 != 0:
            return f"{digits[:6]}-{digits[6:]}"


class _Generator:
    def __init__(
        self,
        store: Store,
        rng: random.Random,
        today: date,
        progress: Progress | None,
        cancelled: Cancelled | None,
        batch: int,
    ) -> None:
        self.store = store
        self.rng = rng
        self.today = today
        self.now = _at(today, 0)  # midnight: nothing generated is later than a real "now"
        self.start_day = today - timedelta(days=HISTORY_DAYS)
        self.clock = SimulatedClock(_at(self.start_day, 8))
        self._progress = progress
        self._cancelled = cancelled
        self.batch = batch
        self.run = _Run()
        self.places: list[Place] = []
        self.place_at: dict[str, str] = {}
        self.people: list[_Person] = []
        self.event_of: dict[str, datetime] = {}  # the user's notes: when the contact happened
        self.followups_done = 0
        teams = store.session.team_ids
        if not teams:
            raise ValueError("The store session has no team; demo citizens need one.")
        self.teams = teams
        self.me = store.session.user_id
        self.caseworkers = self._caseworkers()

    # --- bookkeeping -----------------------------------------------------------------
    def _step(self, amount: int) -> None:
        """After each committed batch: report progress, then honour a cancel request."""
        self.run.done += amount
        if self._progress is not None:
            self._progress(self.run.done, self.run.total)
        if self._cancelled is not None and self._cancelled():
            raise _Cancelled()

    def _batches(self, items: Sequence[T], weight: bool = True) -> Iterator[T]:
        """Yield items inside one transaction per batch (the store is much faster so)."""
        for chunk in _chunks(items, self.batch):
            with self.store.transaction():
                yield from chunk
            self._step(len(chunk) if weight else 0)

    def _caseworkers(self) -> dict[str, list[str]]:
        names = list(V.COLLEAGUES)
        self.rng.shuffle(names)
        pool = itertools.cycle(names)
        result: dict[str, list[str]] = {}
        for number, team in enumerate(self.teams):
            result[team] = ([self.me] if number == 0 else []) + [
                next(pool) for _ in range(3 if number == 0 else 4)
            ]
        return result

    # --- places and citizens ---------------------------------------------------------
    def add_places(self) -> None:
        with self.store.transaction():
            for name, kind, address, at in V.PLACES:
                place = self.store.places.add(Place.new(name, kind, address))
                self.places.append(place)
                self.place_at[place.id] = at
        self.run.summary.places = len(self.places)

    def _usual_places(
        self, housing: HousingSituation, female: bool, prostitution: bool
    ) -> tuple[Place, ...]:
        rng = self.rng
        outreach = [p for p in self.places if p.kind in OUTREACH_KINDS]
        weights = []
        for p in outreach:
            w = 3.0 if p.kind is PlaceKind.DROP_IN_CENTRE else 1.5
            if p.kind is PlaceKind.SHELTER:
                w = (
                    6.0
                    if housing in (HousingSituation.SHELTER, HousingSituation.NIGHT_SHELTER)
                    else 0.3
                )
            if p.kind is PlaceKind.STREET and housing is HousingSituation.STREET_HOMELESS:
                w = 5.0
            if p.name.startswith("Reden"):
                w = 8.0 if prostitution else (0.6 if female else 0.0)
            weights.append(w)
        count = rng.choice((1, 1, 2, 2, 3))
        chosen: list[Place] = []
        for _ in range(count):
            place = rng.choices(outreach, weights=weights)[0]
            if place not in chosen:
                chosen.append(place)
        return tuple(chosen)

    def _person(self, index: int) -> _Person:
        rng, today = self.rng, self.today
        team = (
            self.teams[0]
            if len(self.teams) == 1 or rng.random() < 0.6
            else rng.choice(self.teams[1:])
        )
        anonymous = rng.random() < 0.25
        male = rng.random() < 0.72
        youth = rng.random() < 0.22
        oldest_youth = today.year - 30
        youngest = min(2006, today.year - 18)
        if youth and oldest_youth <= youngest:
            birth_year = rng.randint(oldest_youth, youngest)
        else:
            birth_year = rng.randint(1950, max(1950, min(youngest, oldest_youth - 1)))
        youth = today.year - birth_year <= 30
        greenlandic = rng.random() < 0.07
        young_name = birth_year >= 1985
        if greenlandic:
            first = rng.choice(V.GREENLANDIC_MALE if male else V.GREENLANDIC_FEMALE)
            last = rng.choice(V.GREENLANDIC_SURNAMES + V.SURNAMES[:10])
        else:
            names = (
                (V.MALE_YOUNG if young_name else V.MALE_OLDER)
                if male
                else (V.FEMALE_YOUNG if young_name else V.FEMALE_OLDER)
            )
            first = rng.choice(names)
            last = rng.choice(V.SURNAMES)
            if rng.random() < 0.1:
                last = f"{rng.choice(V.SURNAMES)} {last}"
        nickname = ""
        if anonymous or rng.random() < 0.45:
            roll = rng.random()
            if roll < 0.35:
                nickname = rng.choice(V.NICK_FROM_NAME).format(first=first)
            elif roll < 0.75:
                nickname = rng.choice(V.NICK_MALE if male else V.NICK_FEMALE)
            else:
                nickname = rng.choice(V.NICK_ANY)
        housing = _pick_weighted(rng, V.HOUSING_WEIGHTS)
        challenges: list[SocialChallenge] = []
        if housing in V.HOMELESS:
            challenges.append(SocialChallenge.HOMELESSNESS)
        for challenge in rng.choices(
            [c for c, _ in V.CHALLENGE_WEIGHTS],
            weights=[w for _, w in V.CHALLENGE_WEIGHTS],
            k=rng.choice((1, 2, 2, 3)),
        ):
            if challenge is SocialChallenge.PROSTITUTION and male and rng.random() < 0.8:
                continue
            if challenge not in challenges:
                challenges.append(challenge)
        places = self._usual_places(housing, not male, SocialChallenge.PROSTITUTION in challenges)
        phone = ""
        if rng.random() < (0.2 if anonymous else 0.65):
            prefix = rng.choice(("20", "22", "26", "28", "30", "31", "40", "42", "50", "53", "61"))
            rest = [rng.randrange(100) for _ in range(3)]
            phone = f"+45 {prefix} {rest[0]:02d} {rest[1]:02d} {rest[2]:02d}"
        crew = self.caseworkers[team]
        coordinator = crew[0] if rng.random() < 0.15 else rng.choice(crew)
        has_plan = rng.random() < (0.25 if anonymous else 0.72)
        if anonymous:
            age = today.year - birth_year + rng.randint(-4, 4)
            description = (
                f"{'Mand' if male else 'Kvinde'} ca. {age} år, {rng.choice(V.HAIR)}, "
                f"{rng.choice(V.CLOTHES)}. {rng.choice(V.MARKS)}"
            ).strip()
            citizen = replace(
                Citizen.new_anonymous(team, nickname, description),
                phone=phone,
                housing=housing,
                challenges=tuple(challenges),
                coordinating_caseworker=coordinator,
                usual_place_ids=tuple(p.id for p in places),
            )
        else:
            birth = date(birth_year, 1, 2) + timedelta(days=rng.randrange(363))
            citizen = Citizen.new(
                team,
                name=f"{first} {last}",
                nickname=nickname,
                cpr=fictitious_cpr(rng, birth, male),
                phone=phone,
                housing=housing,
                challenges=tuple(challenges),
                coordinating_caseworker=coordinator,
                usual_place_ids=tuple(p.id for p in places),
            )
        topics: list[Topic] = []
        for challenge in challenges:
            for topic in V.CHALLENGE_TOPICS[challenge]:
                if topic not in topics:
                    topics.append(topic)
        if youth and Topic.WORK_AND_EDUCATION not in topics:
            topics.append(Topic.WORK_AND_EDUCATION)
        who = nickname if anonymous or (nickname and rng.random() < 0.5) else first
        return _Person(
            index=index,
            citizen=citizen,
            first=who,
            male=male,
            youth=youth,
            places=places,
            topics=tuple(topics),
            weight=min(rng.paretovariate(1.4), 25.0),
            has_plan=has_plan,
        )

    def add_citizens(self, count: int) -> None:
        self.clock.now = _at(self.start_day, 9)
        summary = self.run.summary
        for index in self._batches(range(count)):
            person = self._person(index)
            self.store.citizens.add(person.citizen)
            self.people.append(person)
            summary.citizens += 1
            summary.anonymous += person.citizen.anonymous

    # --- plans, goals, efforts, ratings, consents ------------------------------------
    def _ratings(self, start: date) -> list[tuple[date, int, int]]:
        rng = self.rng
        trend = rng.choices((rng.uniform(0.25, 0.9), rng.uniform(-0.2, 0.2), -0.3), (75, 15, 10))[0]
        value = rng.uniform(2, 5)
        day = start + timedelta(days=rng.randint(0, 14))
        result: list[tuple[date, int, int]] = []
        while day < self.today:
            if rng.random() < 0.1 and result:
                value -= rng.uniform(2, 3)  # a relapse: it happens, and it shows
            score = max(1, min(10, round(value)))
            need = max(0, min(4, round(4.3 - score * 0.4 + rng.uniform(-0.6, 0.6))))
            result.append((day, score, need))
            value += trend + rng.uniform(-0.6, 0.6)
            day += timedelta(days=rng.randint(42, 84))
        return result

    def _plan(self, person: _Person) -> None:
        rng, store, summary = self.rng, self.store, self.run.summary
        citizen = person.citizen
        start = self.today - timedelta(days=rng.randint(20, HISTORY_DAYS - 30))
        self.clock.now = _at(start, 10, rng.randrange(60))
        areas: list[LifeArea] = []
        if citizen.housing in V.HOMELESS:
            areas.append(LifeArea.HOUSING)
        for challenge in citizen.challenges:
            area = V.CHALLENGE_AREAS[challenge]
            if area not in areas:
                areas.append(area)
        if person.youth and LifeArea.WORK_AND_EDUCATION not in areas:
            areas.append(LifeArea.WORK_AND_EDUCATION)
        if rng.random() < 0.3:
            extra = rng.choice(list(LifeArea))
            if extra not in areas:
                areas.append(extra)
        areas = areas[: rng.randint(1, 4)]
        efforts: list[tuple[LifeArea | None, tuple[str, ResponsibleParty, str]]] = [
            (area, rng.choice(V.EFFORTS[area])) for area in areas if rng.random() < 0.75
        ]
        if rng.random() < 0.5:
            options = V.WHOLE_PLAN_EFFORTS[:2]
            if SocialChallenge.CRIME in citizen.challenges:
                options = V.WHOLE_PLAN_EFFORTS
            efforts.append((None, rng.choice(options)))
        parties = tuple(
            dict.fromkeys(
                spec[1]
                for _, spec in efforts
                if spec[1] not in (ResponsibleParty.CITIZEN, ResponsibleParty.CASEWORKER)
            )
        ) or (ResponsibleParty.DROP_IN_CENTRE,)
        roll = rng.random()
        if roll < 0.12:
            expires = self.today + timedelta(days=rng.randint(2, 30))  # expiring soon
        elif roll < 0.2:
            expires = start + timedelta(days=rng.randint(30, 365))  # may have run out
        else:
            expires = start + timedelta(days=730)
        expires = max(expires, start)
        withdrawn = None
        if rng.random() < 0.03:
            withdrawn = start + timedelta(days=rng.randint(0, (self.today - start).days))
        consent = store.consents.add(
            Consent.new(
                citizen.id,
                rng.choice(V.CONSENT_SCOPES),
                parties=parties,
                given_on=start,
                form=ConsentForm.WRITTEN if rng.random() < 0.7 else ConsentForm.ORAL,
                expires_on=expires,
                withdrawn_on=withdrawn,
            )
        )
        summary.consents += 1
        wishes = V.YOUTH_WISHES + V.WISHES if person.youth else V.WISHES
        plan = store.plans.add(
            Plan.new(
                citizen.id,
                citizen.team_id,
                wish="" if rng.random() < 0.05 else rng.choice(wishes),
                follow_up_date=self.today + timedelta(days=rng.randint(-10, 60)),
                consent_id=consent.id,
            )
        )
        summary.plans += 1
        goal_ids: dict[LifeArea, str] = {}
        rating_plan: list[tuple[str, list[tuple[date, int, int]]]] = []
        for area in areas:
            ratings = self._ratings(start)
            last = ratings[-1][1] if ratings else 0
            status = GoalStatus.ACTIVE
            roll = rng.random()
            if last >= 8 and roll < 0.6:
                status = GoalStatus.ACHIEVED
            elif roll < 0.05:
                status = GoalStatus.PAUSED
            elif roll < 0.09:
                status = GoalStatus.GIVEN_UP
            goal = store.goals.add(
                Goal.new(
                    plan.id,
                    area,
                    rng.choice(V.GOALS[area]),
                    status=status,
                    target_date=start + timedelta(days=rng.randint(90, 540)),
                )
            )
            summary.goals += 1
            goal_ids[area] = goal.id
            rating_plan.append((goal.id, ratings))
            if area in V.SUB_GOALS and rng.random() < 0.3:
                store.goals.add(
                    Goal.new(
                        plan.id,
                        area,
                        rng.choice(V.SUB_GOALS[area]),
                        parent_goal_id=goal.id,
                        target_date=start + timedelta(days=rng.randint(30, 120)),
                    )
                )
                summary.goals += 1
        for effort_area, (description, responsible, basis) in efforts:
            due = start + timedelta(days=rng.randint(30, 365))
            if due < self.today:
                status_e = rng.choices(
                    (EffortStatus.DONE, EffortStatus.ONGOING, EffortStatus.CANCELLED), (60, 25, 15)
                )[0]
            else:
                status_e = rng.choices((EffortStatus.PLANNED, EffortStatus.ONGOING), (40, 60))[0]
            store.efforts.add(
                Effort.new(
                    plan.id,
                    description,
                    responsible,
                    goal_id=goal_ids.get(effort_area) if effort_area is not None else None,
                    legal_basis=basis,
                    due_date=due,
                    status=status_e,
                )
            )
            summary.efforts += 1
        for goal_id, ratings in rating_plan:
            for day, score, need in ratings:
                self.clock.now = _at(day, 11)
                store.ratings.add(
                    ProgressRating.new(
                        goal_id,
                        day,
                        score,
                        support_need=need,
                        rated_by=citizen.coordinating_caseworker,
                        comment=rng.choice(V.RATING_COMMENTS),
                    )
                )
                summary.ratings += 1

    def add_plans(self) -> None:
        for person in self._batches(self.people):
            if person.has_plan:
                self._plan(person)

    # --- contacts and journal notes --------------------------------------------------
    def slots(self, count: int) -> list[_NoteSlot]:
        rng, people = self.rng, self.people
        cumulative = list(itertools.accumulate(p.weight for p in people))
        first_round = list(range(len(people))) if count >= len(people) else []
        chosen = first_round + rng.choices(
            range(len(people)), cum_weights=cumulative, k=count - len(first_round)
        )
        by_place: dict[tuple[str, str], list[int]] = {}
        for person in people:
            for place in person.places:
                by_place.setdefault((person.citizen.team_id, place.id), []).append(person.index)
        slots: list[_NoteSlot] = []
        for order, index in enumerate(chosen):
            person = people[index]
            days_back = 1 + int((HISTORY_DAYS - 1) * rng.random() ** 1.4)
            day = self.today - timedelta(days=days_back)
            if day.weekday() >= 5 and rng.random() < 0.7:
                day -= timedelta(days=day.weekday() - 4)  # moved to the Friday before
            if day < self.start_day:
                day = self.start_day
            hour = rng.choices((rng.randint(9, 15), rng.randint(19, 22), 8), (85, 10, 5))[0]
            event = _at(day, hour, rng.randrange(60))
            crew = self.caseworkers[person.citizen.team_id]
            coordinator = person.citizen.coordinating_caseworker
            caseworker = coordinator if rng.random() < 0.7 else rng.choice(crew)
            if rng.random() < 0.08:  # written late, during a later working day
                written = _at(day + timedelta(days=rng.randint(2, 6)), rng.randint(8, 15))
                written += timedelta(minutes=rng.randrange(60))
            else:
                written = event + timedelta(minutes=rng.randint(10, 240))
            written = min(written, self.now)
            companion = -1
            if rng.random() < 0.04 and person.places:
                mates = by_place[(person.citizen.team_id, rng.choice(person.places).id)]
                mate = rng.choice(mates)
                companion = mate if mate != index else -1
            slots.append(_NoteSlot(written, order, index, event, caseworker, companion, False))
        self._choose_drafts(slots)
        slots.sort(key=lambda s: (s.written, s.order))
        return slots

    def _choose_drafts(self, slots: list[_NoteSlot]) -> None:
        """A handful of the user's own recent notes are unfinished, plus a forgotten one."""
        rng = self.rng
        mine = [s for s in slots if s.caseworker == self.me]
        recent_from = self.now - timedelta(days=14)
        recent = [s for s in mine if s.event >= recent_from]
        older = [s for s in mine if s.event < recent_from]
        for slot in rng.sample(recent, min(len(recent), rng.randint(3, 12))):
            slot.draft = True
        if older:
            rng.choice(older).draft = True

    def _note(self, slot: _NoteSlot) -> tuple[JournalNote, bool]:
        rng = self.rng
        person = self.people[slot.person]
        citizen = person.citizen
        if citizen.housing in V.HOUSED and rng.random() < 0.15:
            form = ContactForm.HOME_VISIT
        else:
            form = rng.choices(
                (ContactForm.OUTREACH, ContactForm.AGREED_MEETING, ContactForm.PHONE), (70, 15, 15)
            )[0]
        place: Place | None
        if form is ContactForm.PHONE:
            place = None
        elif form is ContactForm.HOME_VISIT:
            place = next(p for p in self.places if p.kind is PlaceKind.HOME_VISIT)
        elif form is ContactForm.AGREED_MEETING and rng.random() < 0.55:
            place = next(p for p in self.places if p.kind is PlaceKind.OFFICE)
        elif person.places and rng.random() < 0.8:
            place = rng.choice(person.places)
        else:
            place = rng.choice([p for p in self.places if p.kind in OUTREACH_KINDS])
        topics: list[Topic] = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            pool = person.topics if person.topics and rng.random() < 0.7 else tuple(Topic)
            topic = rng.choice(pool)
            if topic not in topics:
                topics.append(topic)
        words = {
            "who": person.first,
            "Han": "Han" if person.male else "Hun",
            "han": "han" if person.male else "hun",
            "hans": "hans" if person.male else "hendes",
            "ham": "ham" if person.male else "hende",
            "at": self.place_at[place.id] if place else "",
        }
        sentences = [rng.choice(V.OPENINGS[form.value]), rng.choice(V.MOODS)]
        for topic in topics:
            choices = V.TOPIC_SENTENCES[topic]
            if topic is Topic.HOUSING and citizen.housing not in V.HOUSED:
                choices = V.HOUSING_WITHOUT_HOME
            sentences.append(rng.choice(choices))
        agreements: list[Agreement] = []
        roll = rng.random()
        for _ in range(2 if roll < 0.04 else 1 if roll < 0.26 else 0):
            description, responsible = rng.choice(V.AGREEMENTS[rng.choice(topics)])
            if any(a.description == description for a in agreements):
                continue
            due = slot.event.date() + timedelta(days=rng.randint(1, 21))
            agreements.append(Agreement(description=description, due=due, responsible=responsible))
            if responsible is ResponsibleParty.CITIZEN:
                sentences.append(
                    f"{words['Han']} vil selv {description[0].lower()}{description[1:]}."
                )
            else:
                sentences.append(f"Aftalt at {description[0].lower()}{description[1:]}.")
        if place is not None:
            sentences.append(rng.choice(V.CLOSINGS))
        text = " ".join(s.format(**words) for s in sentences if s)
        text = text[0].upper() + text[1:]
        citizen_ids: tuple[str, ...] = (citizen.id,)
        if slot.companion >= 0:
            citizen_ids += (self.people[slot.companion].citizen.id,)
        note = JournalNote.new(
            team_id=citizen.team_id,
            caseworker=slot.caseworker,
            citizen_ids=citizen_ids,
            contact_form=form,
            now=slot.written,
            place_id=place.id if place else None,
            event_time=slot.event,
            text=text,
            topics=tuple(topics),
            agreements=tuple(agreements),
        )
        return note, slot.draft

    def add_notes(self, slots: list[_NoteSlot]) -> list[_Scheduled]:
        rng, store, summary = self.rng, self.store, self.run.summary
        addenda: list[_Scheduled] = []
        finals = [s for s in slots if not s.draft]
        last_final = finals[-1] if finals else None  # guarantees at least one addendum
        for slot in self._batches(slots):
            note, draft = self._note(slot)
            self.clock.now = note.written_time
            summary.notes += 1
            summary.late_notes += note.is_late()
            if draft:
                store.notes.add(note)
                summary.drafts += 1
                continue
            finalised = min(note.written_time + timedelta(minutes=rng.randint(1, 20)), self.now)
            if note.caseworker == self.me:
                # the app's own path: a draft, then finalise (agreements become follow-ups)
                store.notes.add(note)
                self.clock.now = finalised
                store.notes.finalise(note.id, store.followups)
                if note.agreements:
                    self.event_of[note.id] = note.event_time
            else:
                # a colleague's note, final as it arrives from the team through sync
                final = replace(note, status=NoteStatus.FINAL, finalised_at=finalised)
                self.clock.now = finalised
                store.notes.add(final)
                for agreement in note.agreements:
                    for citizen_id in note.citizen_ids:
                        # the colleague's device has already marked it done, if it is
                        done_at = self._done_at(agreement.due or self.today, note.event_time)
                        self.followups_done += done_at is not None
                        store.followups.add(
                            FollowUp.new(
                                citizen_id,
                                note.team_id,
                                agreement.description,
                                due=agreement.due,
                                responsible=agreement.responsible,
                                assignee=note.caseworker,
                                note_id=note.id,
                                done_at=done_at,
                            )
                        )
            summary.followups += len(note.agreements) * len(note.citizen_ids)
            if rng.random() < 0.015 or (not addenda and slot is last_final):
                at = finalised + timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 5))
                if at >= self.now:  # keep it in the past, after the note was locked
                    at = finalised + (self.now - finalised) / 2
                person = self.people[slot.person]
                words = {
                    "Han": "Han" if person.male else "Hun",
                    "han": "han" if person.male else "hun",
                    "hans": "hans" if person.male else "hendes",
                }
                text = rng.choice(V.ADDENDA).format(**words)
                if finalised < at < self.now:
                    addenda.append(_Scheduled(at, len(addenda), note.id, note.caseworker, text))
        return addenda

    def add_addenda(self, scheduled: list[_Scheduled]) -> None:
        scheduled.sort(key=lambda s: (s.at, s.order))
        for item in self._batches(scheduled, weight=False):
            self.clock.now = item.at
            self.store.addenda.add(Addendum.new(item.note_id, item.author, item.text, item.at))
            self.run.summary.addenda += 1

    def _done_at(self, due: date, event: datetime) -> datetime | None:
        """Most past agreements were kept; some are overdue, some are due this week."""
        rng = self.rng
        age = (self.today - due).days
        if rng.random() >= (0.985 if age > 14 else 0.6 if age > 0 else 0.08):
            return None
        when = _at(due - timedelta(days=rng.randint(0, 5)), rng.randint(9, 15))
        return min(max(when, event + timedelta(hours=2)), self.now - timedelta(minutes=5))

    def complete_followups(self) -> None:
        """The user's own follow-ups (made by finalise) are marked done as in the app."""
        today, event_of = self.today, self.event_of
        people = {p.citizen.id: p.index for p in self.people}
        open_items = [
            f
            for f in self.store.followups.open_until(today + timedelta(days=HISTORY_DAYS))
            if f.assignee == self.me and f.note_id in event_of
        ]
        open_items.sort(
            key=lambda f: (
                f.due or today,
                people.get(f.citizen_id, -1),
                event_of[f.note_id or ""],
                f.description,
            )
        )
        for item in self._batches(open_items, weight=False):
            when = self._done_at(item.due or today, event_of[item.note_id or ""])
            if when is not None:
                self.clock.now = when
                self.store.followups.mark_done(item.id, when)
                self.followups_done += 1


def generate(
    store: Store,
    *,
    citizens: int,
    notes: int,
    seed: int = 2026,
    today: date,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    batch_size: int = DEFAULT_BATCH,
) -> DemoSummary:
    """Fill an open store with a realistic caseload of ``citizens`` and ``notes``.

    ``progress(done, total)`` is called after every committed batch (units: each citizen
    twice, once made and once planned for, and each note). ``cancelled()`` is checked
    then too; True stops the run with what was committed so far (``summary.cancelled``
    is set). Nothing dated is later than midnight at the start of ``today``.
    """
    if citizens < 1 or notes < 0:
        raise ValueError("A demo caseload needs at least one citizen and no negative notes.")
    started = time.perf_counter()
    gen = _Generator(store, random.Random(seed), today, progress, cancelled, batch_size)
    previous = store.session.clock
    store.session.clock = gen.clock
    try:
        gen.add_places()
        gen.run.total = 2 * citizens + notes  # each citizen: once made, once planned for
        gen.add_citizens(citizens)
        gen.add_plans()
        scheduled = gen.add_notes(gen.slots(notes))
        gen.add_addenda(scheduled)
        gen.complete_followups()
        if progress is not None:
            progress(gen.run.total, gen.run.total)
    except _Cancelled:
        gen.run.summary.cancelled = True
    finally:
        store.session.clock = previous
    summary = gen.run.summary
    summary.followups_open = summary.followups - gen.followups_done
    summary.seconds = time.perf_counter() - started
    return summary

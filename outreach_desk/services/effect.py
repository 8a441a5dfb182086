"""Effektkultur — "Vi skal gøre det, der virker!": progress across the team's caseload.

Ratings per life area over time (monthly average of the citizens' own 1–10 ratings and
the support need 0–4), goals achieved, and housing situation at the start and end of the
period with the moves between them (Housing First). Qt-free. Filtered by period and by
place (citizens usually met there, or met there in the period). Logged as one search with
the purpose "review".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain import AccessAction, GoalStatus, HousingSituation, LifeArea, Purpose
from ..store import Store


@dataclass(frozen=True)
class EffectFilter:
    date_from: date
    date_to: date  # inclusive
    place_id: str | None = None

    @classmethod
    def last_months(
        cls, today: date, months: int = 12, place_id: str | None = None
    ) -> EffectFilter:
        return cls(today - timedelta(days=round(months * 30.44)), today, place_id)


@dataclass(frozen=True)
class AreaRow:
    life_area: LifeArea
    citizens: int
    ratings: int
    first_average: float | None  # mean of each goal's first rating in the period
    last_average: float | None  # mean of each goal's last rating in the period
    improved: int  # goals rated at least twice whose last rating beat the first
    worsened: int
    goals: int
    achieved: int


@dataclass(frozen=True)
class Effect:
    filter: EffectFilter
    months: list[str]  # "YYYY-MM", the x axis
    monthly_scores: dict[LifeArea, list[float | None]]
    monthly_support: list[float | None]
    areas: list[AreaRow]
    goal_status: dict[GoalStatus, int]
    housing_start: dict[HousingSituation, int]
    housing_end: dict[HousingSituation, int]
    housing_moves: list[tuple[HousingSituation, HousingSituation, int]]  # from, to, count
    citizens: int

    @property
    def into_housing(self) -> int:
        """Citizens who went from no home of their own to own or alternative housing."""
        housed = {HousingSituation.OWN_HOME, HousingSituation.ALTERNATIVE_HOUSING}
        return sum(n for a, b, n in self.housing_moves if a not in housed and b in housed)


def _months(start: date, end: date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def load_effect(store: Store, flt: EffectFilter) -> Effect:
    teams = tuple(store.session.team_ids)
    marks = ", ".join("?" * len(teams)) or "''"
    start, end = flt.date_from.isoformat(), flt.date_to.isoformat()
    citizen_sql = (
        f"SELECT c.id FROM citizens AS c WHERE c.deleted_at IS NULL AND c.team_id IN ({marks})"
    )
    params: list[object] = list(teams)
    if flt.place_id:
        citizen_sql += (
            " AND (EXISTS (SELECT 1 FROM json_each(c.usual_place_ids) AS j WHERE j.value = ?)"
            " OR c.id IN (SELECT nc.citizen_id FROM note_citizens AS nc"
            " JOIN notes AS n ON n.id = nc.note_id WHERE n.place_id = ?"
            " AND nc.event_time >= ? AND nc.event_time < date(?, '+1 day')))"
        )
        params += [flt.place_id, flt.place_id, start, end]
    q = store.context.query
    citizens = {r["id"] for r in q(citizen_sql, tuple(params))}
    chosen = f"p.citizen_id IN ({citizen_sql})"
    ratings = q(
        f"SELECT g.id AS goal_id, g.life_area, p.citizen_id, r.rated_on, r.citizen_score,"
        f" r.support_need FROM ratings AS r JOIN goals AS g ON g.id = r.goal_id"
        f" JOIN plans AS p ON p.id = g.plan_id WHERE r.deleted_at IS NULL"
        f" AND g.deleted_at IS NULL AND r.rated_on BETWEEN ? AND ? AND {chosen}"
        f" ORDER BY r.rated_on, r.rid",
        (start, end, *params),
    )
    months = _months(flt.date_from, flt.date_to)
    index = {m: i for i, m in enumerate(months)}
    sums: dict[LifeArea, list[list[int]]] = defaultdict(lambda: [[] for _ in months])
    support: list[list[int]] = [[] for _ in months]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    area_of: dict[str, LifeArea] = {}
    area_citizens: dict[LifeArea, set[str]] = defaultdict(set)
    area_ratings: Counter[LifeArea] = Counter()
    per_goal: Counter[str] = Counter()
    for r in ratings:
        area = LifeArea(r["life_area"])
        i = index.get(r["rated_on"][:7])
        if i is not None:
            sums[area][i].append(int(r["citizen_score"]))
            if r["support_need"] is not None:
                support[i].append(int(r["support_need"]))
        first.setdefault(r["goal_id"], int(r["citizen_score"]))
        last[r["goal_id"]] = int(r["citizen_score"])
        area_of[r["goal_id"]] = area
        area_citizens[area].add(r["citizen_id"])
        area_ratings[area] += 1
        per_goal[r["goal_id"]] += 1
    goal_rows = q(
        f"SELECT g.life_area, g.status, count(*) AS k FROM goals AS g"
        f" JOIN plans AS p ON p.id = g.plan_id WHERE g.deleted_at IS NULL"
        f" AND p.deleted_at IS NULL AND {chosen} GROUP BY g.life_area, g.status",
        tuple(params),
    )
    goals: Counter[LifeArea] = Counter()
    achieved: Counter[LifeArea] = Counter()
    status: Counter[GoalStatus] = Counter()
    for g in goal_rows:
        area, state, k = LifeArea(g["life_area"]), GoalStatus(g["status"]), int(g["k"])
        goals[area] += k
        status[state] += k
        if state is GoalStatus.ACHIEVED:
            achieved[area] += k
    areas = []
    for area in LifeArea:
        ids = [g for g, a in area_of.items() if a is area]
        if not ids and not goals[area]:
            continue
        twice = [g for g in ids if per_goal[g] >= 2]
        areas.append(
            AreaRow(
                life_area=area,
                citizens=len(area_citizens[area]),
                ratings=area_ratings[area],
                first_average=_mean([first[g] for g in twice]),
                last_average=_mean([last[g] for g in twice]),
                improved=sum(1 for g in twice if last[g] > first[g]),
                worsened=sum(1 for g in twice if last[g] < first[g]),
                goals=goals[area],
                achieved=achieved[area],
            )
        )
    history = q(
        f"SELECT h.citizen_id, h.at, h.housing FROM housing_history AS h"
        f" WHERE h.citizen_id IN ({citizen_sql}) AND h.at < date(?, '+1 day')"
        f" ORDER BY h.citizen_id, h.at",
        (*params, end),
    )
    at_start: dict[str, HousingSituation] = {}
    at_end: dict[str, HousingSituation] = {}
    for h in history:
        situation = HousingSituation(h["housing"])
        if h["at"] < start or h["citizen_id"] not in at_start:
            at_start[h["citizen_id"]] = situation
        at_end[h["citizen_id"]] = situation
    moves = Counter(
        (at_start[c], at_end[c]) for c in at_end if c in at_start and at_start[c] != at_end[c]
    )
    with store.purpose(Purpose.REVIEW), store.transaction():
        store.access_log.append(
            AccessAction.SEARCH,
            "effect",
            None,
            None,
            f"effect {start}..{end}" + (f" place={flt.place_id}" if flt.place_id else ""),
        )
    return Effect(
        filter=flt,
        months=months,
        monthly_scores={
            a: [_mean(v) for v in sums[a]] for a in sorted(sums, key=list(LifeArea).index)
        },
        monthly_support=[_mean(v) for v in support],
        areas=areas,
        goal_status={s: status[s] for s in GoalStatus},
        housing_start=dict(Counter(at_start.values())),
        housing_end=dict(Counter(at_end.values())),
        housing_moves=sorted(((a, b, n) for (a, b), n in moves.items()), key=lambda m: -m[2]),
        citizens=len(citizens),
    )


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None

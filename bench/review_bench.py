"""The team lead's screens on a large team: prints one table of query times.

    python -m bench.review_bench                # 5,000 citizens / 60,000 notes, 20 caseworkers
    python -m bench.review_bench --quick        # 500 / 5,000, for a fast check

The demo generator fills an encrypted store for five teams of four caseworkers (20 in all);
the laptop is then enrolled as the lead of all five, so the queue, the oversight and the
effect dashboard cover the whole caseload. A share of the final notes gets reviews (some
returned, some re-opened by a later addendum) so the derived review state is exercised.
Every figure goes through the service functions the screens call, access logging and all.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from outreach_desk.demo import generate
from outreach_desk.domain import Addendum, Review, ReviewOutcome, ReviewState
from outreach_desk.services import effect, oversight
from outreach_desk.services import review as reviews
from outreach_desk.store import Store
from outreach_desk.store.replica import Enrolment, LocalReplica
from outreach_desk.store.reviews import QueueFilter

PASSPHRASE = "benchmark passphrase with some words"
TEAMS = tuple(f"team-{n}" for n in ("odense-c", "odense-s", "odense-n", "vollsmose", "esbjerg"))
TODAY = date(2026, 11, 24)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def build(folder: Path, citizens: int, notes: int, seed: int) -> Store:
    store = Store.create(
        folder, PASSPHRASE, user_id="bench.lead", user_name="Bench Lead", team_ids=TEAMS
    )

    def progress(done: int, total: int) -> None:
        print(f"\r  {done:>9,} / {total:,}", end="", file=sys.stderr, flush=True)

    summary = generate(
        store, citizens=citizens, notes=notes, seed=seed, today=TODAY, progress=progress
    )
    _log(f"\r  generated {citizens:,} citizens / {notes:,} notes in {summary.seconds:.0f} s")
    LocalReplica(store).save_enrolment(
        Enrolment(
            "http://127.0.0.1:9",
            store.session.device_id,
            "",
            "",
            "bench.lead",
            "Bench Lead",
            "team_lead",
            TEAMS,
        )
    )
    rng = random.Random(seed)
    finals = [
        (r["id"], r["team_id"], r["caseworker"])
        for r in store.context.query(
            "SELECT id, team_id, caseworker FROM notes WHERE status = 'final' ORDER BY rid"
        )
    ]
    now = store.session.clock()
    made = reopened = 0
    t0 = time.perf_counter()
    for start in range(0, len(finals), 500):
        with store.transaction():
            for note_id, team, worker in finals[start : start + 500]:
                if rng.random() > 0.6:
                    continue  # 40 % still wait for review
                outcome = rng.choice(
                    [ReviewOutcome.APPROVED] * 8
                    + [ReviewOutcome.RETURNED, ReviewOutcome.HAS_ISSUES]
                )
                seen = [a.id for a in store.addenda.for_note(note_id)]
                store.reviews.add(
                    Review.new(
                        note_id=note_id,
                        team_id=team,
                        reviewer="bench.lead",
                        now=now - timedelta(days=rng.randint(1, 200)),
                        addendum_ids=seen,
                        outcome=outcome,
                        comment="" if outcome is ReviewOutcome.APPROVED else "Uddyb.",
                    )
                )
                made += 1
                if outcome is not ReviewOutcome.APPROVED and rng.random() < 0.3:
                    store.addenda.add(Addendum.new(note_id, worker, "Uddybet.", now))
                    reopened += 1
    _log(
        f"  {made:,} reviews, {reopened:,} answered by addendum, in "
        f"{time.perf_counter() - t0:.0f} s"
    )
    return store


def measure(name: str, fn: Callable[[], Any], repeat: int, rows: list[tuple[str, ...]]) -> Any:
    result = fn()  # warm the page cache once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    rows.append((name, f"{statistics.median(times):8.1f}", f"{_p95(times):8.1f}", _size(result)))
    return result


def _size(result: Any) -> str:
    if isinstance(result, reviews.ReviewQueue):
        return f"{len(result.page.rows):,} of {result.page.total:,} final"
    if isinstance(result, list):
        return f"{len(result):,} rows"
    if isinstance(result, oversight.Oversight):
        return ", ".join(f"{len(v)}" for v in result.sections().values())
    if isinstance(result, effect.Effect):
        return f"{result.citizens:,} citizens, {sum(a.ratings for a in result.areas):,} ratings"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--citizens", type=int, default=5000)
    parser.add_argument("--notes", type=int, default=60_000)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.quick:
        args.citizens, args.notes, args.repeat = 500, 5000, 5
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = build(Path(tmp) / "profile", args.citizens, args.notes, args.seed)
        with store:
            context = reviews.review_context(store)
            workers = len(context.caseworkers)
            worker = context.caseworkers[0][0]
            place = context.places[0].id
            measure(
                "review context (filters)", lambda: reviews.review_context(store), args.repeat, rows
            )
            queue = measure(
                "queue: awaiting (500 newest)",
                lambda: reviews.load_queue(store, QueueFilter()),
                args.repeat,
                rows,
            )
            measure(
                "queue: one caseworker",
                lambda: reviews.load_queue(store, QueueFilter(caseworker=worker)),
                args.repeat,
                rows,
            )
            measure(
                "queue: one place, last 30 days",
                lambda: reviews.load_queue(
                    store,
                    QueueFilter(
                        place_id=place, date_from=TODAY - timedelta(days=30), date_to=TODAY
                    ),
                ),
                args.repeat,
                rows,
            )
            measure(
                "queue: citizen search 'Jens'",
                lambda: reviews.load_queue(store, QueueFilter(), "Jens"),
                args.repeat,
                rows,
            )
            measure(
                "queue: all states",
                lambda: reviews.load_queue(store, QueueFilter(states=tuple(ReviewState))),
                args.repeat,
                rows,
            )
            note_id = queue.page.rows[0].note_id
            measure(
                "open a note for review",
                lambda: reviews.open_for_review(store, note_id),
                args.repeat,
                rows,
            )
            ids = iter([r.note_id for r in queue.page.rows[1:]])
            measure(
                "approve (one review written)",
                lambda: reviews.record_review(store, next(ids), ReviewOutcome.APPROVED),
                args.repeat,
                rows,
            )
            store.session.user_id = worker
            measure(
                "returned notes (one caseworker)",
                lambda: reviews.returned_notes(store),
                args.repeat,
                rows,
            )
            store.session.user_id = "bench.lead"
            measure(
                "oversight (7 lists)", lambda: oversight.load_oversight(store), args.repeat, rows
            )
            flt = effect.EffectFilter.last_months(TODAY, 12)
            measure(
                "effect: 12 months, all places",
                lambda: effect.load_effect(store, flt),
                args.repeat,
                rows,
            )
            measure(
                "effect: 12 months, one place",
                lambda: effect.load_effect(
                    store, effect.EffectFilter(flt.date_from, flt.date_to, place)
                ),
                args.repeat,
                rows,
            )
            finals = store.context.query("SELECT count(*) AS n FROM notes WHERE status = 'final'")[
                0
            ]["n"]
            total_reviews = store.reviews.count()
    print(
        f"\nReview bench: {args.citizens:,} citizens, {args.notes:,} notes "
        f"({finals:,} final, {total_reviews:,} reviews), {workers} caseworkers in "
        f"{len(TEAMS)} teams; median and p95 of {args.repeat} runs, ms\n"
    )
    print(f"{'what':<34} {'median':>8} {'p95':>8}  result")
    for name, median, p95, size in rows:
        print(f"{name:<34} {median} {p95}  {size}")


if __name__ == "__main__":
    main()

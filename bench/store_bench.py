"""What encryption costs the store, on a realistic caseload: prints one table.

    python -m bench.store_bench                 # 5,000 citizens / 200,000 notes
    python -m bench.store_bench --quick         # 500 / 5,000, for a fast check

Both stores are filled by the demo generator with the same seed, so they hold the same
content. "Plain" is the same store code on an unkeyed connection. By default that is
SQLCipher's own SQLite without a key (same SQLite build and version as the encrypted
store, so the ratio isolates the cipher); ``--plain stdlib`` uses
``Store.open_plaintext_for_benchmark`` (Python's sqlite3), which needs SQLite >= 3.43
for the FTS5 ``contentless_delete`` option the schema uses.

Searches go through ``Store.search_citizens`` / ``search_notes`` and so include their
access-log entry and commit, by design. Measurements alternate between the two stores
(batch by batch, query by query), so load from other work on the machine hits both
alike and the ratios stay fair. Databases live in a temporary folder that is
removed afterwards.
"""

from __future__ import annotations

import argparse
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from outreach_desk.demo import generate
from outreach_desk.demo import vocabulary as V
from outreach_desk.domain import ContactForm, JournalNote, Topic
from outreach_desk.domain.ids import uuid7
from outreach_desk.store import KdfParams, Session, Store, keys, migrations
from outreach_desk.store.connection import configure
from outreach_desk.store.store import ProfilePaths

PASSPHRASE = "benchmark passphrase with some words"
USER = ("bench.user", "Bench User")
TEAMS = ("team-odense-c",)
BATCH = 500

FTS_WORDS = (
    "boligselskabet", "misbrugsbehandling", "tandlægen", "kontanthjælpen", "distriktspsykiatrien",
    "herberget", "MitID", "sundhedskort", "venteliste", "huslejerestance", "metadon",
    "jobcentret", "enkeltydelse", "samvær", "børnene", "lungebetændelse", "psykiatrien",
    "budget", "Skat", "skæv bolig", "skånejob", "VUC", "eksamen", "søsteren", "ensom",
    "tilbagefald", "udsættelse", "gardiner", "hunden", "fodbold", "e-Boks", "boligstøtte",
    "Kongens Have", "Banegårdspladsen", "Mødestedet", "Café Parasollen", "Munke Mose",
    "lægen nedtrapning", "bolig venteliste", "misbrugscentret behandling", "gæld Skat",
    "praktik cykelværksted", "stemmer natten", "sovet gaden", "Ydelsesservice",
    "netværksmøde", "fremvisning lejligheden", "besøgsven Røde Kors", "medicin apoteket",
)  # fmt: skip


@dataclass
class Figures:
    """One store's numbers; times in seconds unless the name says otherwise."""

    label: str
    generation_s: float = 0.0
    insert_per_s: float = 0.0
    find_citizen_per_s: float = 0.0
    find_note_per_s: float = 0.0
    get_citizen_per_s: float = 0.0
    name_ms: list[float] = field(default_factory=list)
    fts_ms: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)
    db_mb: float = 0.0


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p95(values: Sequence[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _progress(label: str) -> Callable[[int, int], None]:
    last = [0.0, -1.0]

    def report(done: int, total: int) -> None:
        now = time.perf_counter()
        if done != last[1] and (now - last[0] > 15 or done == total):
            last[0], last[1] = now, done
            _log(f"  {label}: {done:,}/{total:,}")

    return report


def open_plain(path: Path, session: Session, driver: str) -> Store:
    """The same store code without encryption (see the module docstring for ``driver``)."""
    if driver == "stdlib":
        return Store.open_plaintext_for_benchmark(path, session)
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    configure(conn)  # no PRAGMA key: SQLCipher then reads and writes plain SQLite pages
    migrations.migrate(conn)
    return Store(ProfilePaths(path.parent), conn, bytearray(32), session)


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def prepare_notes(store: Store, count: int, rng: random.Random) -> list[JournalNote]:
    """New notes for existing citizens, built before the clock starts."""
    citizen_ids = store.citizens.all_ids()
    place_ids = [p.id for p in store.places.all()]
    now = store.session.clock()
    sentences = [s for group in V.TOPIC_SENTENCES.values() for s in group]
    prepared = []
    for _ in range(count):
        text = " ".join(rng.sample(sentences, 3)).format(
            who="Jens", Han="Han", han="han", hans="hans", ham="ham", at="på værestedet"
        )
        prepared.append(
            JournalNote.new(
                team_id=TEAMS[0],
                caseworker=USER[0],
                citizen_ids=(rng.choice(citizen_ids),),
                contact_form=ContactForm.OUTREACH,
                now=now,
                event_time=now - timedelta(hours=rng.randint(1, 48)),
                place_id=rng.choice(place_ids),
                text=text,
                topics=(rng.choice(list(Topic)),),
            )
        )
    return prepared


def _insert_batch(store: Store, notes: Sequence[JournalNote]) -> float:
    started = time.perf_counter()
    with store.transaction():
        for note in notes:
            store.notes.add(note)
    return time.perf_counter() - started


def _each(items: Sequence[Any], call: Callable[[Any], object]) -> float:
    started = time.perf_counter()
    for item in items:
        call(item)
    return time.perf_counter() - started


def _one_ms(call: Callable[[str], object], query: str) -> float:
    started = time.perf_counter()
    call(query)
    return (time.perf_counter() - started) * 1000


def name_queries(store: Store, count: int, rng: random.Random) -> list[str]:
    """What caseworkers type: name and nickname prefixes, a place, a CPR date part."""
    rows = store.context.query(
        "SELECT name, nickname, cpr FROM citizens WHERE deleted_at IS NULL ORDER BY rid"
    )
    queries: list[str] = []
    while len(queries) < count:
        row = rows[rng.randrange(len(rows))]
        roll = rng.random()
        name, nickname, cpr = row["name"], row["nickname"], row["cpr"]
        if roll < 0.55 and name:
            words = name.split()
            if rng.random() < 0.3 and len(words) > 1:
                queries.append(f"{words[0]} {words[-1][: rng.randint(1, len(words[-1]))]}")
            else:
                word = rng.choice(words)
                queries.append(word[: rng.randint(2, len(word))])
        elif roll < 0.75 and nickname:
            queries.append(nickname[: rng.randint(3, len(nickname))])
        elif roll < 0.9:
            place = rng.choice(V.PLACES)[0]
            queries.append(place[: rng.randint(4, len(place))])
        elif cpr:
            queries.append(cpr[: rng.choice((4, 6))])
    return queries


def fts_queries(count: int, rng: random.Random) -> list[str]:
    return [rng.choice(FTS_WORDS) for _ in range(count)]


def _pairs(enc: Store, plain: Store, round_: int) -> list[tuple[Store, int]]:
    """Alternate which store goes first, so drifting machine load hits both alike."""
    order = [(enc, 0), (plain, 1)]
    return order if round_ % 2 == 0 else order[::-1]


def measure_inserts(
    enc: Store, plain: Store, figures: list[Figures], count: int, seed: int
) -> None:
    """Notes/s through ``notes.add``, ``BATCH`` per transaction, batches interleaved."""
    prepared = [prepare_notes(s, count, random.Random(seed)) for s in (enc, plain)]
    seconds = [0.0, 0.0]
    for round_, start in enumerate(range(0, count, BATCH)):
        for store, which in _pairs(enc, plain, round_):
            seconds[which] += _insert_batch(store, prepared[which][start : start + BATCH])
    for which in (0, 1):
        figures[which].insert_per_s = _rate(count, seconds[which])


def measure_reads(enc: Store, plain: Store, figures: list[Figures], seed: int, n: int) -> None:
    """Lookups and searches on the same content, alternating between the two stores."""
    samples = []
    for store in (enc, plain):
        rng = random.Random(seed)
        citizens = store.citizens.all_ids()
        notes = [r["id"] for r in store.context.query("SELECT id FROM notes ORDER BY rid")]
        samples.append(
            (
                [rng.choice(citizens) for _ in range(2000)],
                [rng.choice(notes) for _ in range(5000)],
                name_queries(store, n, rng),
                fts_queries(n, rng),
            )
        )
    spent = [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    for round_ in range(10):
        for store, which in _pairs(enc, plain, round_):
            cits, notes = samples[which][0], samples[which][1]
            spent[which][0] += _each(cits[round_ * 200 : (round_ + 1) * 200], store.citizens._find)
            spent[which][1] += _each(notes[round_ * 500 : (round_ + 1) * 500], store.notes._find)
            spent[which][2] += _each(cits[round_ * 100 : (round_ + 1) * 100], store.citizens.get)
    for which in (0, 1):
        figures[which].find_citizen_per_s = _rate(2000, spent[which][0])
        figures[which].find_note_per_s = _rate(5000, spent[which][1])
        figures[which].get_citizen_per_s = _rate(1000, spent[which][2])
    for index in range(-10, n):  # the first ten warm the statement cache, not measured
        for store, which in _pairs(enc, plain, index):
            name_q, fts_q = samples[which][2][index], samples[which][3][index]
            name_ms = _one_ms(store.search_citizens, name_q)
            fts_ms = _one_ms(store.search_notes, fts_q)
            if index >= 0:
                figures[which].name_ms.append(name_ms)
                figures[which].fts_ms.append(fts_ms)


def _fill(store: Store, args: argparse.Namespace, label: str) -> float:
    summary = generate(
        store,
        citizens=args.citizens,
        notes=args.notes,
        seed=args.seed,
        today=date.today(),
        progress=_progress(label),
    )
    _log(f"  {label}: {summary}")
    return summary.seconds


def run(root: Path, args: argparse.Namespace) -> tuple[list[Figures], KdfParams, list[float]]:
    figures = [Figures("encrypted"), Figures("plain")]
    enc_folder, plain_path = root / "encrypted", root / "plain" / "plain.db"
    plain_path.parent.mkdir(parents=True)
    session = Session(USER[0], USER[1], uuid7(), TEAMS)
    _log("encrypted store: creating (Store.create calibrates Argon2id) and filling …")
    enc = Store.create(
        enc_folder, PASSPHRASE, user_id=USER[0], user_name=USER[1], team_ids=TEAMS, kdf=None
    )
    kdf = keys.read_header(enc.paths.header).kdf
    _log(f"plain store ({args.plain}): filling …")
    plain = open_plain(plain_path, session, args.plain)
    try:
        figures[0].generation_s = _fill(enc, args, "encrypted")
        figures[1].generation_s = _fill(plain, args, "plain")
        _log("measuring inserts …")
        measure_inserts(enc, plain, figures, args.extra, args.seed)
    finally:
        enc.close()
        plain.close()
    _log("measuring open+unlock and the KDF …")
    header = keys.read_header(enc_folder / "store.key")
    kdf_s = []
    for _ in range(5):
        started = time.perf_counter()
        Store.open(enc_folder, PASSPHRASE).close()
        figures[0].open_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        open_plain(plain_path, session, args.plain).close()
        figures[1].open_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        keys.zero(keys.derive_kek(PASSPHRASE, header.salt, header.kdf))
        kdf_s.append(time.perf_counter() - started)
    _log("measuring lookups and searches …")
    enc = Store.open(enc_folder, PASSPHRASE)
    plain = open_plain(plain_path, session, args.plain)
    try:
        measure_reads(enc, plain, figures, args.seed, args.queries)
    finally:
        enc.close()
        plain.close()
    figures[0].db_mb = (enc_folder / "store.db").stat().st_size / 1e6
    figures[1].db_mb = plain_path.stat().st_size / 1e6
    return figures, kdf, kdf_s


def _fmt(value: float, digits: int = 1) -> str:
    if value != value:  # NaN
        return "—"
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def report(enc: Figures, plain: Figures, kdf: KdfParams, kdf_s: list[float], args: Any) -> str:
    rows: list[tuple[str, str, str, str, str]] = []

    def slower_rate(name: str, e: float, p: float, target: float | None) -> None:
        ratio = p / e if e else float("nan")
        verdict = "" if target is None else f"≤{target}× {'ok' if ratio <= target else 'MISSED'}"
        rows.append((name, _fmt(e), _fmt(p), f"{ratio:.2f}×", verdict))

    def slower_time(name: str, e: float, p: float, limit: float | None, digits: int = 2) -> None:
        ratio = e / p if p else float("nan")
        verdict = ""
        if limit is not None:
            verdict = f"≤{limit:g} {'ok' if e <= limit else 'MISSED'}"
        rows.append((name, _fmt(e, digits), _fmt(p, digits), f"{ratio:.2f}×", verdict))

    slower_rate("insert notes/s (notes.add, 500/txn)", enc.insert_per_s, plain.insert_per_s, 1.3)
    slower_rate(
        "lookup citizens/s (citizens._find, pure read)",
        enc.find_citizen_per_s,
        plain.find_citizen_per_s,
        1.5,
    )
    slower_rate(
        "lookup notes/s (notes._find, pure read)", enc.find_note_per_s, plain.find_note_per_s, 1.5
    )
    slower_rate(
        "lookup citizens/s (citizens.get, + access log)",
        enc.get_citizen_per_s,
        plain.get_citizen_per_s,
        1.5,
    )
    slower_time(
        "name search median ms (logged)", _median(enc.name_ms), _median(plain.name_ms), None
    )
    slower_time("name search p95 ms (logged)", _p95(enc.name_ms), _p95(plain.name_ms), 5)
    slower_time("full-text median ms (logged)", _median(enc.fts_ms), _median(plain.fts_ms), None)
    slower_time("full-text p95 ms (logged)", _p95(enc.fts_ms), _p95(plain.fts_ms), 20)
    slower_time(
        "open+unlock s (Store.open, median of 5)",
        _median(enc.open_s),
        _median(plain.open_s),
        0.6,
        3,
    )
    rows.append(("KDF alone s (Argon2id, median of 5)", _fmt(_median(kdf_s), 3), "—", "", ""))
    rows.append(
        (
            "demo generation s (generate)",
            _fmt(enc.generation_s),
            _fmt(plain.generation_s),
            f"{enc.generation_s / plain.generation_s:.2f}×" if plain.generation_s else "",
            "",
        )
    )
    rows.append(("database size MB", _fmt(enc.db_mb), _fmt(plain.db_mb), "", ""))
    version = sqlcipher3.connect(":memory:")
    cipher = version.execute("PRAGMA cipher_version").fetchone()[0]
    sqlite = version.execute("SELECT sqlite_version()").fetchone()[0]
    version.close()
    header = [
        f"Outreach Desk store benchmark: {args.citizens:,} citizens / {args.notes:,} notes "
        f"(seed {args.seed}, +{args.extra:,} notes for the insert rate, {args.queries} queries "
        "per search)",
        f"Python {platform.python_version()}, SQLCipher {cipher} on SQLite {sqlite}; plain = "
        f"{'stdlib sqlite3' if args.plain == 'stdlib' else 'same SQLite, no key'}; "
        f"{platform.machine()}, {platform.processor() or platform.system()}",
        f"Argon2id: {kdf.memory_kib // 1024} MiB, {kdf.iterations} iterations, {kdf.lanes} lanes "
        "(calibrated by Store.create)",
        "ratio = how many times slower the encrypted store is; searches include their "
        "access-log entry",
        "",
    ]
    widths = [max(len(r[i]) for r in [*rows, ("figure", "encrypted", "plain", "ratio", "target")])
              for i in range(5)]  # fmt: skip
    lines = []
    for index, row in enumerate([("figure", "encrypted", "plain", "ratio", "target"), *rows]):
        cells = [row[0].ljust(widths[0])]
        cells += [row[i].rjust(widths[i]) for i in (1, 2, 3)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
        if index == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(header + lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--citizens", type=int, default=5000)
    parser.add_argument("--notes", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="500 citizens / 5,000 notes")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--extra", type=int, default=0, help="notes inserted for the rate")
    parser.add_argument("--plain", choices=("sqlcipher", "stdlib"), default="sqlcipher")
    args = parser.parse_args(argv)
    if args.quick:
        args.citizens, args.notes = 500, 5000
    args.extra = args.extra or max(1000, min(20_000, args.notes // 10))
    started = datetime.now()
    root = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    try:
        (enc, plain), kdf, kdf_s = run(root, args)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(report(enc, plain, kdf, kdf_s, args))
    _log(f"(whole run: {(datetime.now() - started).total_seconds():.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

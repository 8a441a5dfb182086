"""Three laptops and one server under random offline work, syncs, network faults and
conflict decisions (a hypothesis state machine).

After each scenario every laptop syncs until nothing moves any more; then every laptop
equals the server and each other, every op a laptop made was applied exactly once or stands
as a conflict or rejection, no final note or addendum is missing or changed, and every
access-log chain verifies on the laptops and on the server.

``OD_SOAK_EXAMPLES=500 make soak`` runs the same machine for many more scenarios with a
higher fault rate and prints what ran.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

import sync.engine
from outreach_desk import __version__
from outreach_desk.domain import (
    Goal,
    GoalStatus,
    HousingSituation,
    LifeArea,
    ReviewOutcome,
    ValidationError,
)
from outreach_desk.services import casework, sync_service
from outreach_desk.services import review as reviews
from outreach_desk.store.codec import row_to_wire
from outreach_desk.store.errors import RecordNotFound
from outreach_desk.store.replica import LocalReplica
from sync.engine import SyncEngine, SyncReport
from sync.protocol import ProtocolError, ServerUnavailable
from sync.protocol import errors as codes
from sync.protocol.digest import check_audit_chain, values_equal
from sync.server import Settings, accounts, schema
from sync.server.db import Database
from sync.server.identity import initialise, load_identity
from tests.sync.conftest import Server, World, running_server
from tests.sync.fault_proxy import FAULT_KINDS, FaultProxy
from tests.sync.laptops import Laptop, laptop

SOAK_EXAMPLES = int(os.environ.get("OD_SOAK_EXAMPLES", "0"))
SOAK = SOAK_EXAMPLES > 0
FAULT_RATE = float(os.environ.get("OD_SOAK_FAULT_RATE", "0.3" if SOAK else "0.1"))
MAX_QUIET_ROUNDS = 8
SHRINK = os.environ.get("OD_SOAK_SHRINK", "0") == "1"
"""Shrinking a failure takes minutes (each try is a whole scenario); the failing steps are
printed either way, and replay as they are."""
PICK = st.integers(0, 7)
"""Which record a step works on: a small range, so laptops often meet on the same record."""
PHASES = [p for p in Phase if SHRINK or p is not Phase.shrink]
LEAD = 2  # the third laptop is the team lead's

PATHS = ("/v1/sync/hello", "/v1/sync/push", "/v1/sync/pull", "/v1/sync/verify", "/v1/audit")
TABLES = {
    "citizen": "citizens",
    "note": "notes",
    "addendum": "addenda",
    "plan": "plans",
    "goal": "goals",
    "rating": "ratings",
    "followup": "followups",
    "review": "reviews",
}
WORDS = ("Jens", "Store Jens", "Mette", "Ali", "Søren", "Fie", "Kurt", "Lone")
TEXTS = (
    "Mødt ved banegården.",
    "Talte om bolig og økonomi.",
    "Aftalt at følge med til lægen.",
    "Vil gerne i behandling.",
)
PHONES = ("11111111", "22 33 44 55", "+45 60708090", "")


@dataclass
class Tally:
    """What a run did, printed at its end."""

    scenarios: int = 0
    steps: int = 0
    devices: int = 0
    ops: int = 0
    syncs: int = 0
    failed_syncs: int = 0
    conflicts: int = 0
    rejected: int = 0
    resolved: int = 0
    left_open: int = 0
    refused_resolutions: int = 0
    repairs: int = 0
    quiet_rounds: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def line(self, faults: dict[str, int]) -> str:
        kinds = ", ".join(f"{k}={v}" for k, v in sorted(faults.items())) or "none"
        return (
            f"stateful sync: {self.scenarios} scenarios, {self.steps} steps, "
            f"{self.devices} devices, {self.ops} ops, {self.syncs} syncs "
            f"({self.failed_syncs} failed by a fault: {dict(self.errors)}), "
            f"{self.conflicts} conflicts ({self.resolved} resolved, {self.refused_resolutions} "
            f"decided by someone else first, {self.left_open} left open), "
            f"{self.rejected} rejected, "
            f"{self.repairs} partition repairs, {self.quiet_rounds} rounds to quiesce; "
            f"faults: {kinds}"
        )


@dataclass
class Bench:
    """One server and one fault proxy for a whole run; each scenario gets its own team."""

    world: World
    proxy: FaultProxy
    root: Path
    tally: Tally = field(default_factory=Tally)


def _choose(ids: list[str], pick: int) -> str | None:
    return ids[pick % len(ids)] if ids else None


class SyncWorld(RuleBasedStateMachine):
    bench: Bench  # set by the test before the machine runs

    def __init__(self) -> None:
        super().__init__()
        bench = self.bench
        bench.tally.scenarios += 1
        n = bench.tally.scenarios
        db = bench.world.server.db
        self.team = accounts.add_team(db, f"Team {n}").id
        people = [
            (f"cw1-{n}", "caseworker"),
            (f"cw2-{n}", "caseworker"),
            (f"lead-{n}", "team_lead"),
        ]
        for username, role in people:
            accounts.add_user(db, username, username.title(), role)
            accounts.add_member(db, f"Team {n}", username, lead=role == "team_lead")
        self.folder = Path(tempfile.mkdtemp(prefix=f"scenario{n}-", dir=bench.root))
        self.devices: list[Laptop] = [laptop(bench.world, self.folder, u) for u, _ in people]
        self.devices[2].protocol = 3  # a laptop not yet updated syncs beside the others
        bench.tally.devices += len(self.devices)
        self.device_ids = [self._enrolment(d).device_id for d in self.devices]
        self.ops: list[set[str]] = [set() for _ in self.devices]
        self.final_notes: dict[str, tuple[str, str]] = {}
        """note id -> (text, op id of the finalising op)"""
        self.addenda: dict[str, tuple[str, str]] = {}
        """addendum id -> (note id, text)"""
        # a shared start: one citizen with a plan and a goal that every laptop holds
        self._edit(0, lambda dev: self._goal(dev, 0))
        for device in self.devices:
            self._count(device.sync())

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _enrolment(device: Laptop) -> Any:
        enrolment = device.replica.enrolment()
        assert enrolment is not None
        return enrolment

    def _ids(self, device: Laptop, sql: str, params: tuple[Any, ...] = ()) -> list[str]:
        return [r["id"] for r in device.store.context.query(sql, params)]

    def _live(self, device: Laptop, table: str) -> list[str]:
        return self._ids(device, f"SELECT id FROM {table} WHERE deleted_at IS NULL ORDER BY rid")

    def _new_ops(self, index: int) -> list[dict[str, Any]]:
        """Ops the last step queued on the device (kept in the model)."""
        rows = self.devices[index].store.context.query(
            "SELECT op_id, entity, record_id FROM outbox ORDER BY counter"
        )
        fresh = [r for r in rows if r["op_id"] not in self.ops[index]]
        self.ops[index].update(r["op_id"] for r in fresh)
        self.bench.tally.ops += len(fresh)
        return fresh

    def _edit(self, index: int, action: Any) -> Any:
        """A person's edit; one the app would refuse (gone meanwhile, invalid) changes nothing."""
        self.bench.tally.steps += 1
        try:
            return action(self.devices[index])
        except (ValidationError, RecordNotFound):
            return None
        finally:
            self._new_ops(index)

    def _count(self, report: SyncReport) -> None:
        tally = self.bench.tally
        tally.syncs += 1
        tally.conflicts += report.conflicts
        tally.rejected += report.rejected
        tally.repairs += len(report.repaired)
        assert report.still_mismatched == []

    # -- offline work ------------------------------------------------------------------------
    # Each rule works on a record the laptop holds, making one first if there is none, so
    # every step is a change a caseworker could make.

    def _citizen(self, dev: Laptop, pick: int) -> str:
        found = _choose(self._live(dev, "citizens"), pick)
        return found or dev.new_citizen(name=WORDS[pick % len(WORDS)], nickname="Ny").id

    def _plan(self, dev: Laptop, pick: int) -> str:
        found = _choose(self._live(dev, "plans"), pick)
        return found or casework.create_plan(dev.store, self._citizen(dev, pick), TEXTS[0]).id

    def _goal(self, dev: Laptop, pick: int) -> str:
        found = _choose(self._live(dev, "goals"), pick)
        if found:
            return found
        return dev.store.goals.add(Goal.new(self._plan(dev, pick), LifeArea.HOUSING, "Bolig")).id

    def _own_drafts(self, dev: Laptop) -> list[str]:
        return self._ids(
            dev,
            "SELECT id FROM notes WHERE deleted_at IS NULL AND status = 'draft'"
            " AND caseworker = ? ORDER BY rid",
            (dev.store.session.user_id,),
        )

    def _draft(self, dev: Laptop, pick: int) -> str:
        found = _choose(self._own_drafts(dev), pick)
        return found or dev.write_note(self._citizen(dev, pick), TEXTS[pick % len(TEXTS)]).id

    def _finalise(self, dev: Laptop, note_id: str) -> str:
        final = casework.finalise(dev.store, note_id)
        (op,) = [
            o
            for o in dev.store.outbox.for_record("note", note_id)
            if o.fields.get("status", {}).get("value") == "final"
        ]
        self.final_notes[note_id] = (final.text, op.op_id)
        return note_id

    def _final(self, dev: Laptop, pick: int) -> str:
        finals = self._ids(
            dev, "SELECT id FROM notes WHERE deleted_at IS NULL AND status = 'final' ORDER BY rid"
        )
        return _choose(finals, pick) or self._finalise(dev, self._draft(dev, pick))

    @rule(d=st.integers(0, 2), name=st.sampled_from(WORDS))
    def add_citizen(self, d: int, name: str) -> None:
        self._edit(d, lambda dev: dev.new_citizen(name=name, nickname=name.split()[0]))

    @rule(
        d=st.integers(0, 2),
        pick=PICK,
        field_name=st.sampled_from(("nickname", "phone", "description", "housing")),
        choice=PICK,
    )
    def edit_citizen(self, d: int, pick: int, field_name: str, choice: int) -> None:
        values: dict[str, tuple[Any, ...]] = {
            "nickname": WORDS,
            "phone": PHONES,
            "description": TEXTS,
            "housing": tuple(HousingSituation),
        }
        value = values[field_name][choice % len(values[field_name])]
        self._edit(d, lambda dev: dev.edit_citizen(self._citizen(dev, pick), **{field_name: value}))

    @rule(d=st.integers(0, 2), pick=PICK)
    def delete_citizen(self, d: int, pick: int) -> None:
        self._edit(d, lambda dev: dev.store.citizens.delete(self._citizen(dev, pick)))

    @rule(d=st.integers(0, 2), pick=PICK, wish=st.sampled_from(TEXTS))
    def add_plan(self, d: int, pick: int, wish: str) -> None:
        self._edit(d, lambda dev: casework.create_plan(dev.store, self._citizen(dev, pick), wish))

    @rule(d=st.integers(0, 2), pick=PICK, wish=st.sampled_from(TEXTS))
    def edit_plan(self, d: int, pick: int, wish: str) -> None:
        def edit(dev: Laptop) -> Any:
            plan = dev.store.plans.get(self._plan(dev, pick))
            return dev.store.plans.update(replace(plan, wish=wish))

        self._edit(d, edit)

    @rule(
        d=st.integers(0, 2),
        pick=PICK,
        area=st.sampled_from(tuple(LifeArea)),
        wording=st.sampled_from(TEXTS),
    )
    def add_goal(self, d: int, pick: int, area: LifeArea, wording: str) -> None:
        self._edit(
            d, lambda dev: dev.store.goals.add(Goal.new(self._plan(dev, pick), area, wording))
        )

    @rule(
        d=st.integers(0, 2),
        pick=PICK,
        wording=st.sampled_from(TEXTS),
        status=st.sampled_from(tuple(GoalStatus)),
    )
    def edit_goal(self, d: int, pick: int, wording: str, status: GoalStatus) -> None:
        def edit(dev: Laptop) -> Any:
            goal = dev.store.goals.get(self._goal(dev, pick))
            return dev.store.goals.update(replace(goal, wording=wording, status=status))

        self._edit(d, edit)

    @rule(d=st.integers(0, 2), pick=PICK)
    def delete_goal(self, d: int, pick: int) -> None:
        self._edit(d, lambda dev: dev.store.goals.delete(self._goal(dev, pick)))

    @rule(d=st.integers(0, 2), pick=PICK, score=st.integers(1, 10))
    def rate_goal(self, d: int, pick: int, score: int) -> None:
        self._edit(
            d, lambda dev: casework.rate_progress(dev.store, self._goal(dev, pick), score, None)
        )

    @rule(d=st.integers(0, 2), pick=PICK, text=st.sampled_from(TEXTS))
    def write_draft(self, d: int, pick: int, text: str) -> None:
        self._edit(d, lambda dev: dev.write_note(self._citizen(dev, pick), text))

    @rule(d=st.integers(0, 2), pick=PICK, text=st.sampled_from(TEXTS))
    def edit_draft(self, d: int, pick: int, text: str) -> None:
        def edit(dev: Laptop) -> Any:
            note = dev.store.notes.get(self._draft(dev, pick))
            return dev.store.notes.update(note.edited(text=f"{text} ({pick})"))

        self._edit(d, edit)

    @rule(d=st.integers(0, 2), pick=PICK)
    def finalise_note(self, d: int, pick: int) -> None:
        self._edit(d, lambda dev: self._finalise(dev, self._draft(dev, pick)))

    @rule(d=st.integers(0, 2), pick=PICK, text=st.sampled_from(TEXTS))
    def add_addendum(self, d: int, pick: int, text: str) -> None:
        def add(dev: Laptop) -> Any:
            note_id = self._final(dev, pick)
            added = casework.add_addendum(dev.store, note_id, text)
            self.addenda[added.id] = (note_id, text)
            return added

        self._edit(d, add)

    @rule(pick=PICK, outcome=st.sampled_from(tuple(ReviewOutcome)))
    def review_note(self, pick: int, outcome: ReviewOutcome) -> None:
        comment = "" if outcome is ReviewOutcome.APPROVED else "Skriv hvem der deltog."
        self._edit(
            LEAD,
            lambda dev: reviews.record_review(dev.store, self._final(dev, pick), outcome, comment),
        )

    # -- syncs -------------------------------------------------------------------------------

    @rule(d=st.integers(0, 2))
    def sync(self, d: int) -> None:
        self.bench.tally.steps += 1
        self._count(self.devices[d].sync())

    @rule(
        d=st.integers(0, 2),
        kind=st.sampled_from(FAULT_KINDS),
        path=st.sampled_from(PATHS),
        seed=st.integers(0, 2**32 - 1),
    )
    def sync_through_faults(self, d: int, kind: str, path: str, seed: int) -> None:
        """A sync over a bad network: one chosen fault, and in a soak random ones as well."""
        tally = self.bench.tally
        tally.steps += 1
        proxy = self.bench.proxy
        proxy.reseed(seed)
        proxy.inject(kind, path=path)
        proxy.rate = FAULT_RATE if SOAK else 0.0
        device = self.devices[d]
        enrolment = replace(self._enrolment(device), server_url=proxy.url)
        try:
            with sync_service.client_for(enrolment) as client:
                replica = LocalReplica(device.store)
                engine = SyncEngine(
                    client, replica, enrolment.device_id, __version__, protocol=device.protocol
                )
                self._count(engine.run())
        except ServerUnavailable as exc:
            # typed: the app shows "the server cannot be reached" and keeps everything
            tally.failed_syncs += 1
            tally.errors[type(exc).__name__] += 1
        finally:
            proxy.rate = 0.0
            proxy.clear()

    @rule(d=st.integers(0, 2), pick=PICK, take_incoming=st.booleans())
    def resolve_conflict(self, d: int, pick: int, take_incoming: bool) -> None:
        device = self.devices[d]
        self.bench.tally.steps += 1
        open_ = device.replica.open_conflicts()
        if not open_:
            self._count(device.sync())  # a person opens the conflicts view after a sync
            open_ = device.replica.open_conflicts()
        if not open_:
            return
        conflict = open_[pick % len(open_)]
        side = conflict["incoming" if take_incoming else "server"]
        try:
            sync_service.resolve_conflict(device.store, conflict["conflict_id"], side["value"])
            self.bench.tally.resolved += 1
        except ProtocolError as exc:
            # someone decided first, or the note was finalised meanwhile: refused, typed
            assert exc.code in {codes.CONFLICT_RESOLVED, codes.NOTE_FINAL}, exc.code
            self.bench.tally.refused_resolutions += 1

    @invariant()
    def chains_verify(self) -> None:
        for device in self.devices:
            assert device.store.access_log.verify().ok

    # -- the end: everything syncs until nothing moves, then everything agrees -----------------

    def teardown(self) -> None:
        try:
            self.bench.proxy.release_held()
            self._quiesce()
            self._check_devices_agree()
            self._check_server()
            self._check_ops()
            self._check_notes_only_grow()
            self._check_audit()
            self.bench.tally.left_open += len(self.devices[0].replica.open_conflicts())
        finally:
            for device in self.devices:
                device.store.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _quiesce(self) -> None:
        for round_ in range(1, MAX_QUIET_ROUNDS + 1):
            moved = False
            for device in self.devices:
                report = device.sync()
                self._count(report)
                moved = moved or bool(report.pushed or report.pulled or report.repaired)
            if not moved:
                self.bench.tally.quiet_rounds += round_
                return
        raise AssertionError(f"still syncing after {MAX_QUIET_ROUNDS} rounds")

    def _rows(self, device: Laptop, table: str) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in device.store.context.query(f"SELECT * FROM {table}")}

    def _check_devices_agree(self) -> None:
        first = self.devices[0]
        for other in self.devices[1:]:
            assert other.snapshot() == first.snapshot()
            for table in ("reviews",):
                mine = {
                    k: row_to_wire(_cls(first, "review"), v)
                    for k, v in self._rows(first, table).items()
                }
                theirs = {
                    k: row_to_wire(_cls(other, "review"), v)
                    for k, v in self._rows(other, table).items()
                }
                assert mine == theirs
        for device in self.devices:
            assert device.store.outbox.count("pending") == 0

    def _server_records(self) -> list[Any]:
        r = schema.records
        with self.bench.world.server.db.engine.connect() as conn:
            return list(conn.execute(select(r).where(r.c.partition == self.team)))

    def _check_server(self) -> None:
        """Every record on the server is on every laptop, with the same values, and back."""
        records = self._server_records()
        for device in self.devices:
            local = {entity: self._rows(device, table) for entity, table in TABLES.items()}
            for record in records:
                if record.entity not in TABLES:
                    continue
                row = local[record.entity].pop(record.record_id, None)
                assert row is not None, (record.entity, "missing on a laptop")
                assert (row["deleted_at"] is not None) == bool(record.deleted), record.entity
                if record.deleted:
                    continue
                wire = row_to_wire(_cls(device, record.entity), row)
                for name, value in record.fields.items():
                    assert values_equal(wire[name], value), (record.entity, name)
            leftovers = {e: list(rows) for e, rows in local.items() if rows}
            assert not leftovers, f"records only on a laptop: {leftovers}"

    def _applied(self) -> dict[str, dict[str, Any]]:
        a = schema.applied_ops
        with self.bench.world.server.db.engine.connect() as conn:
            rows = conn.execute(
                select(a.c.op_id, a.c.result).where(a.c.device_id.in_(self.device_ids))
            )
            return {row.op_id: _json(row.result) for row in rows}

    def _check_ops(self) -> None:
        applied = self._applied()
        for index, device in enumerate(self.devices):
            kept = {e.op_id: e for e in device.store.outbox.all()}
            for op_id in self.ops[index]:
                assert op_id in applied, "an op the laptop made never reached the server"
                status = applied[op_id]["status"]
                if status == "applied":
                    assert op_id not in kept
                elif op_id in kept:
                    assert kept[op_id].state == status
                else:
                    assert status == "conflict"  # retired: a person decided the conflict
            assert set(kept) <= self.ops[index]
        assert len(applied) == sum(len(ops) for ops in self.ops)
        c = schema.change_log
        with self.bench.world.server.db.engine.connect() as conn:
            twice = conn.execute(
                select(c.c.op_id, func.count())
                .where(c.c.op_id.in_(list(applied)), c.c.kind != "moved")
                .group_by(c.c.op_id)
                .having(func.count() > 1)
            ).all()
        assert twice == [], "an op was applied twice"

    def _check_notes_only_grow(self) -> None:
        applied = self._applied()
        server = {(r.entity, r.record_id): r for r in self._server_records()}
        for note_id, (text, op_id) in self.final_notes.items():
            if applied[op_id]["status"] != "applied":
                continue  # refused (the draft was gone or changed): kept visible as such
            record = server[("note", note_id)]
            assert not record.deleted and record.fields["status"] == "final"
            assert record.fields["text"] == text
            for device in self.devices:
                row = self._rows(device, "notes")[note_id]
                assert (row["status"], row["text"], row["deleted_at"]) == ("final", text, None)
        for addendum_id, (note_id, text) in self.addenda.items():
            record = server[("addendum", addendum_id)]
            assert (record.fields["note_id"], record.fields["text"]) == (note_id, text)
            for device in self.devices:
                row = self._rows(device, "addenda")[addendum_id]
                assert (row["note_id"], row["text"], row["deleted_at"]) == (note_id, text, None)

    def _check_audit(self) -> None:
        a = schema.audit_entries
        for device, device_id in zip(self.devices, self.device_ids, strict=True):
            local = device.store.access_log.entries()
            with self.bench.world.server.db.engine.connect() as conn:
                stored = [
                    _json(r.entry)
                    for r in conn.execute(
                        select(a.c.entry).where(a.c.device_id == device_id).order_by(a.c.seq)
                    )
                ]
            assert check_audit_chain(stored, None, None).reason is None
            assert [e["hash"] for e in stored] == [e.hash for e in local]


def _cls(device: Laptop, entity: str) -> type:
    return device.replica._repos[entity].cls


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Bench]:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    db = Database(url)
    initialise(db)
    settings_ = Settings(database_url=url, policy={"offline_lease_days": 14})
    try:
        with running_server(db, settings_) as server_url:
            world = World(Server(server_url, db, load_identity(db), settings_), "", "")
            with FaultProxy(server_url) as proxy:
                yield Bench(world, proxy, tmp_path)
    finally:
        db.dispose()


def test_laptops_and_server_agree_after_random_work_syncs_and_faults(
    bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small pull pages, a few to a transaction: faults fall between pages and inside groups
    monkeypatch.setattr(sync.engine, "PULL_PAGE", 4)
    monkeypatch.setattr(sync.engine, "PULL_GROUP", 8)
    machine = type("Scenario", (SyncWorld,), {"bench": bench})
    try:
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=SOAK_EXAMPLES or 10,
                stateful_step_count=40 if SOAK else 25,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                phases=PHASES,
            ),
        )
    finally:
        print("\n" + bench.tally.line(bench.proxy.faults()))

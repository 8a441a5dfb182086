"""The local store's side of sync: what the sync engine reads and writes.

The engine (``sync.engine``) knows nothing of tables; it asks this replica for the
pending ops, hands back the server's answers, and gives it pages of remote changes to
apply. Rules that keep a caseworker's day safe live here:

- an outbox entry leaves only when the server acknowledged it; conflicts and
  rejections stay, visible;
- a page of remote changes and the cursor after it are written in one transaction;
- remote values never overwrite a field with a pending local edit (the edit is
  rebased on top and the server judges it);
- applying the same change twice changes nothing (versions only move forward).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from ..domain.enums import AccessAction
from .audit import GENESIS, AccessEntry
from .codec import JSON, to_column, to_wire
from .errors import translated
from .outbox import OutboxEntry, read_json, write_field_versions
from .repository import Repository
from .store import Store
from .sync_sums import NOTE_VERSION, note_versions

CURSOR_KEY = "sync_cursor"
CURSOR_CHANGE_KEY = "sync_cursor_change"
EPOCH_KEY = "sync_epoch"
LAST_SYNC_KEY = "last_sync"
ENROLLED_AT_KEY = "enrolled_at"
SERVER_POLICY_KEY = "server_policy"  # what the server's IT set, as given at enrolment
ENROLMENT_KEY = "enrolment"
AUDIT_UPLOADED_KEY = "audit_uploaded_seq"
ROLLED_BACK_KEY = "rolled_back_detected_at"


@dataclass(frozen=True)
class Enrolment:
    """What enrolment gave this device. Kept inside the encrypted database."""

    server_url: str
    device_id: str
    private_key: str  # base64 of the raw Ed25519 private key
    server_public_key: str
    user_id: str
    user_name: str
    role: str
    team_ids: tuple[str, ...]


@dataclass
class ApplyReport:
    applied: int = 0
    skipped_stale: int = 0
    kept_local: int = 0
    parked: int = 0


LARGE_PULL_ROWS = 10_000
"""Rows written by a pull transaction from which its log is copied right away (a page of
1000 new notes writes about five rows for each)."""

_OP_ENVELOPE_BYTES = 512
"""An op's size on the wire beyond its fields' text: ids, names, base versions (generous)."""


class LocalReplica:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._ctx = store.context
        self._page: _Page | None = None
        self._handed_out: list[OutboxEntry] = []
        """The entries ``pending_ops`` last gave the engine: their answers come next."""
        self._repos: dict[str, Repository[Any]] = {
            repo.entity: repo
            for repo in (
                store.places,
                store.citizens,
                store.notes,
                store.addenda,
                store.plans,
                store.goals,
                store.efforts,
                store.ratings,
                store.consents,
                store.followups,
                store.reviews,
            )
        }

    # --- meta -------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        rows = self._ctx.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        self._ctx.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def cursor(self) -> int:
        return int(self._meta(CURSOR_KEY) or 0)

    def cursor_change_id(self) -> str | None:
        """The id of the last change applied: lets the server tell if it still has it."""
        return self._meta(CURSOR_CHANGE_KEY)

    def epoch(self) -> str | None:
        return self._meta(EPOCH_KEY)

    def enrolment(self) -> Enrolment | None:
        raw = self._meta(ENROLMENT_KEY)
        if raw is None:
            return None
        data = json.loads(raw)
        data["team_ids"] = tuple(data["team_ids"])
        return Enrolment(**data)

    def note_enrolled(self, when: str, policy: Mapping[str, object]) -> None:
        """Enrolment is the first contact with the server: the offline lease counts from it."""
        with self._ctx.transaction():
            self._set_meta(ENROLLED_AT_KEY, when)
            self._set_meta(SERVER_POLICY_KEY, json.dumps(dict(policy)))

    def server_policy(self) -> dict[str, Any]:
        raw = self._meta(SERVER_POLICY_KEY)
        value = json.loads(raw) if raw else {}
        return value if isinstance(value, dict) else {}

    def last_server_contact(self) -> str | None:
        """When this laptop last completed a sync (or enrolled): ISO time, UTC."""
        return self._meta(LAST_SYNC_KEY) or self._meta(ENROLLED_AT_KEY)

    def save_enrolment(self, enrolment: Enrolment) -> None:
        """Remember the enrolment and adopt what was recorded before it.

        Records made before enrolment belong to the placeholder team; they move to the
        caseworker's home team so their pending ops name a real partition.
        """
        home = enrolment.team_ids[0] if enrolment.team_ids else ""
        session = self._store.session
        with self._ctx.transaction():
            data = dataclasses.asdict(enrolment)
            data["team_ids"] = list(enrolment.team_ids)
            self._set_meta(ENROLMENT_KEY, json.dumps(data))
            old_teams = [t for t in session.team_ids if t not in enrolment.team_ids]
            for old in old_teams:
                for table in ("citizens", "notes", "plans", "followups"):
                    self._ctx.conn.execute(
                        f"UPDATE {table} SET team_id = ? WHERE team_id = ?"
                        + (" AND status != 'final'" if table == "notes" else ""),
                        (home, old),
                    )
                self._adopt_final_notes(old, home)
                self._ctx.conn.execute(
                    "UPDATE outbox SET partition = ? WHERE partition = ?", (home, old)
                )
                self._rewrite_outbox_team(old, home)
            self._set_meta("user_id", enrolment.user_id)
            self._set_meta("user_name", enrolment.user_name)
            self._set_meta("team_ids", json.dumps(list(enrolment.team_ids)))
            self._ctx.conn.execute(
                "UPDATE notes SET caseworker = ? WHERE caseworker = ? AND status != 'final'",
                (enrolment.user_id, session.user_id),
            )
        session.user_id = enrolment.user_id
        session.user_name = enrolment.user_name
        session.team_ids = enrolment.team_ids

    def _adopt_final_notes(self, old: str, home: str) -> None:
        """Final notes are locked by a trigger; adoption is one of two sanctioned exceptions
        (the other: a team's notes leaving a laptop whose user left the team)."""
        with self._final_notes_unlocked():
            self._ctx.conn.execute("UPDATE notes SET team_id = ? WHERE team_id = ?", (home, old))

    @contextmanager
    def _final_notes_unlocked(self) -> Iterator[None]:
        conn = self._ctx.conn
        conn.execute("DROP TRIGGER notes_final_is_locked")
        try:
            yield
        finally:
            conn.execute(
                "CREATE TRIGGER notes_final_is_locked BEFORE UPDATE ON notes "
                "WHEN OLD.status = 'final' BEGIN SELECT RAISE(ABORT, 'note_final'); END"
            )

    def _rewrite_outbox_team(self, old: str, home: str) -> None:
        rows = self._ctx.conn.execute("SELECT counter, fields FROM outbox").fetchall()
        for counter, raw in rows:
            fields = json.loads(raw)
            if fields.get("team_id", {}).get("value") == old:
                fields["team_id"]["value"] = home
                self._ctx.conn.execute(
                    "UPDATE outbox SET fields = ? WHERE counter = ?",
                    (json.dumps(fields, ensure_ascii=False), counter),
                )

    # --- push -------------------------------------------------------------------------
    def pending_ops(
        self, device_id: str, limit: int = 500, max_bytes: int | None = None
    ) -> tuple[list[dict[str, JSON]], bool]:
        """The next push batch, oldest first: at most ``limit`` ops whose stored fields come
        to at most ``max_bytes`` (one op always goes, whatever its size), so a batch of long
        notes still fits in a request the server reads. Also whether it is full: more ops
        may wait behind it."""
        entries = self._store.outbox.pending(limit)
        full = len(entries) == limit
        if max_bytes is not None:
            size = 0
            for i, entry in enumerate(entries):
                size += len(entry.stored_fields.encode()) + _OP_ENVELOPE_BYTES
                if size > max_bytes and i > 0:
                    entries, full = entries[:i], True
                    break
        self._handed_out = entries
        return [entry.as_op(device_id) for entry in entries], full

    def _answered_entries(self, op_ids: list[str]) -> list[OutboxEntry]:
        """The outbox entries the answers are for (those still here), in outbox order.

        Mostly the batch ``pending_ops`` just gave out: those still stored exactly as read
        are taken as read (their fields are not parsed again); any other is read anew."""
        wanted = set(op_ids)
        handed, self._handed_out = self._handed_out, []
        outbox = self._store.outbox
        found = outbox.still_as_read([e for e in handed if e.op_id in wanted])
        rest = wanted.difference(e.op_id for e in found)
        if rest:
            found += outbox.by_op_ids(sorted(rest))
        return sorted(found, key=_COUNTER)

    def record_results(self, results: list[dict[str, JSON]]) -> None:
        """Apply the server's per-op answers in one transaction."""
        outbox = self._store.outbox
        conn = self._ctx.conn
        with self._ctx.transaction():
            wanted = [str(result["op_id"]) for result in results]
            entries = self._answered_entries(wanted)
            by_id = {e.op_id: e for e in entries}
            bases = _PendingBases.load(conn, entries)
            shadows = _ShadowDrops.load(conn, entries)
            # Acknowledged entries are deleted, and versions and shadows written, in bulk:
            # before anything that reads the outbox or the shadows (a fall-back) and at the
            # end, so in effect at once.
            acknowledged: list[OutboxEntry] = []
            noted: list[tuple[str, str, str, int, int]] = []
            for result in results:
                entry = by_id.get(str(result["op_id"]))
                if entry is None:
                    continue  # answered twice (a retried push): nothing left to do
                status = result["status"]
                if status == "applied":
                    seq = result.get("seq")
                    acknowledged.append(entry)
                    later = bases.later_fields(entry)
                    bases.settled(entry.op_id, keep=False)
                    if isinstance(seq, int):
                        if entry.kind != "delete":  # a delete names fields, writes none
                            bases.advance(entry.entity, entry.record_id, entry.fields, seq)
                        deleted = int(entry.kind == "delete")
                        noted.append((entry.entity, entry.record_id, entry.partition, seq, deleted))
                    shadows.drop(entry, seq if isinstance(seq, int) else None, later)
                else:
                    outbox.acknowledge_entries(acknowledged)
                    bases.removed(acknowledged)
                    acknowledged = []
                    shadows.flush(conn)
                    outbox.mark(entry.op_id, str(status), dict(result))
                    bases.settled(entry.op_id, keep=True)
                    self._fall_back_to_server(entry.entity, entry.record_id, entry.kind)
                    shadows.reload(conn, entry.entity, entry.record_id)
            outbox.acknowledge_entries(acknowledged)
            shadows.flush(conn)
            bases.save(conn, outbox)
            note_versions(conn, noted)

    def _fall_back_to_server(self, entity: str, record_id: str, kind: str) -> None:
        """Conflict or rejection: show what the server holds, as every other laptop does.

        Our own value is not lost: it stays in the outbox entry (and, for a conflict, in
        the server's conflict record) until a person decides.
        """
        repo = self._repos.get(entity)
        if repo is None:
            return
        conn = self._ctx.conn
        row = conn.execute(
            f"SELECT rid, deleted_at FROM {repo.table} WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            return
        shadows = conn.execute(
            "SELECT field, value FROM sync_shadow WHERE entity = ? AND record_id = ?",
            (entity, record_id),
        ).fetchall()
        still_pending = self._pending_fields(entity, record_id, edits_only=True)
        columns = {f.name for f in dataclasses.fields(repo.cls)}
        updates = {
            name: to_column(json.loads(value))
            for name, value in shadows
            if name in columns and name not in still_pending
        }
        server_deleted = any(name == "_deleted" and json.loads(v) for name, v in shadows)
        if kind == "delete" and row[1] is not None and not server_deleted:
            updates["deleted_at"] = None  # the server kept the record: so do we, for now
        if entity == "note" and self._is_final_note(row[0]):
            updates = {k: v for k, v in updates.items() if k == "deleted_at"}
        if updates:
            assignments = ", ".join(f"{name} = ?" for name in updates)
            conn.execute(
                f"UPDATE {repo.table} SET {assignments}, updated_at = ? WHERE rid = ?",
                [*updates.values(), self._ctx.now_iso(), row[0]],
            )
        if server_deleted and row[1] is None and not self._has_pending(entity, record_id):
            self._soft_delete(repo, row[0])
        # a field a later pending edit changes again keeps its remembered server value
        conn.executemany(
            "DELETE FROM sync_shadow WHERE entity = ? AND record_id = ? AND field = ?",
            [(entity, record_id, name) for name, _v in shadows if name not in still_pending],
        )
        self._refresh_derived(repo, record_id)

    def _note_version(
        self, entity: str, record_id: str, partition: str, version: int, deleted: bool
    ) -> None:
        self._ctx.conn.execute(
            "INSERT INTO sync_records(entity, record_id, partition, version, deleted)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(entity, record_id) DO UPDATE SET"
            " partition = excluded.partition,"
            " version = max(version, excluded.version),"
            " deleted = CASE WHEN excluded.version >= version THEN excluded.deleted"
            " ELSE deleted END",
            (entity, record_id, partition, version, int(deleted)),
        )

    # --- pull -------------------------------------------------------------------------
    @contextmanager
    def pulling(self) -> Iterator[None]:
        """One transaction for the pages applied inside it (``Replica.pulling``). After a
        large one (a long first pull) the log is copied into the database file on the
        store's checkpoint thread while the next pages are applied, rather than inside a
        later commit. Not ``StoreContext.transaction``: a page's error (say, a full disk)
        may end the transaction while the engine holds the error to raise it after this
        block, and a commit of no transaction must not raise over it."""
        conn = self._ctx.conn
        before = conn.total_changes
        with translated():
            conn.execute("BEGIN")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            if conn.in_transaction:  # (an error such as a full disk may have ended it)
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
        if conn.total_changes - before >= LARGE_PULL_ROWS:
            self._store.checkpoint_soon()

    def apply_changes(
        self,
        changes: list[dict[str, Any]],
        next_cursor: int,
        epoch: str,
        keep_cursor: bool = False,
        cursor_change_id: str | None = None,
    ) -> ApplyReport:
        """Apply one page and move the cursor, atomically (a repair keeps the cursor).

        ``cursor_change_id``: the id of the change at ``next_cursor`` when the server named
        it (it may be another team's change, or one of ours left out of the page); else the
        page's last change is remembered, as before."""
        report = ApplyReport()
        conn = self._ctx.conn
        with self._ctx.transaction():
            page = self._page = _Page.load(conn, changes)
            page.rows = self._stored_rows(changes)
            page.now = self._ctx.now_iso()
            try:
                for change in changes:
                    self._apply_one(change, report)
                page.flush_inserts(conn)
                note_versions(conn, page.noted)
                write_field_versions(conn, page.versions)
                self._refresh_page(page.refresh)
            finally:
                self._page = None
            self._remember_authors(changes)
            if not keep_cursor:
                self._set_meta(CURSOR_KEY, str(next_cursor))
                if cursor_change_id:
                    self._set_meta(CURSOR_CHANGE_KEY, cursor_change_id)
                elif changes and changes[-1].get("change_id"):
                    self._set_meta(CURSOR_CHANGE_KEY, str(changes[-1]["change_id"]))
            self._set_meta(EPOCH_KEY, epoch)
        return report

    def _stored_rows(
        self, changes: list[dict[str, Any]]
    ) -> dict[tuple[str, str], tuple[int, str | None] | None]:
        """(rid, deleted_at) of the page's records as stored before the page, None for
        records not stored: one query per entity instead of one per change."""
        by_entity: dict[str, set[str]] = defaultdict(set)
        for change in changes:
            if change["entity"] in self._repos:
                by_entity[change["entity"]].add(change["record_id"])
        rows: dict[tuple[str, str], tuple[int, str | None] | None] = {}
        for entity, ids in by_entity.items():
            ordered = sorted(ids)
            rows.update(dict.fromkeys(((entity, i) for i in ordered), None))
            for chunk, marks in _in_chunks(ordered):
                for record_id, rid, deleted_at in self._ctx.conn.execute(
                    f"SELECT id, rid, deleted_at FROM {self._repos[entity].table}"
                    f" WHERE id IN ({marks})",
                    chunk,
                ):
                    rows[(entity, record_id)] = (rid, deleted_at)
        return rows

    def _remember_authors(self, changes: list[dict[str, Any]]) -> None:
        """The feed names each change's author: keep the names, so people see colleagues."""
        names = {
            str(a["user_id"]): str(a["display_name"])
            for a in (c.get("author") for c in changes)
            if isinstance(a, dict) and a.get("user_id") and a.get("display_name")
        }
        self._ctx.conn.executemany(
            "INSERT INTO known_users(user_id, display_name) VALUES (?, ?)"
            " ON CONFLICT(user_id) DO UPDATE SET display_name = excluded.display_name",
            list(names.items()),
        )

    def user_names(self) -> dict[str, str]:
        """Display names of the users this laptop has seen changes from (and its own)."""
        names = {
            r["user_id"]: r["display_name"]
            for r in self._ctx.query("SELECT user_id, display_name FROM known_users")
        }
        session = self._store.session
        names[session.user_id] = session.user_name
        return names

    # "+state" in the queries by record below: keeps SQLite on the (entity, record_id)
    # index; without statistics it would otherwise pick the index on state, which every
    # pending entry shares (a scan of the outbox per change).

    def _pending_fields(self, entity: str, record_id: str, edits_only: bool = False) -> set[str]:
        """Fields named by pending entries. ``edits_only``: leave out pending deletes, which
        name every field (with its base) but carry no value to keep."""
        if self._page is not None and not edits_only:
            return set(self._page.pending.get((entity, record_id), ()))
        rows = self._ctx.conn.execute(
            "SELECT fields FROM outbox WHERE entity = ? AND record_id = ? AND +state = 'pending'"
            + (" AND kind != 'delete'" if edits_only else ""),
            (entity, record_id),
        ).fetchall()
        names: set[str] = set()
        for (raw,) in rows:
            names.update(json.loads(raw))
        return names

    def _has_pending(self, entity: str, record_id: str) -> bool:
        if self._page is not None:
            return (entity, record_id) in self._page.pending
        return bool(
            self._ctx.conn.execute(
                "SELECT 1 FROM outbox WHERE entity = ? AND record_id = ? AND +state = 'pending'"
                " LIMIT 1",
                (entity, record_id),
            ).fetchone()
        )

    def _apply_one(self, change: dict[str, Any], report: ApplyReport) -> None:
        entity, record_id = change["entity"], change["record_id"]
        repo = self._repos.get(entity)
        values, versions = _values_and_versions(change)
        seq = int(change["seq"])
        page = self._page
        assert page is not None  # _apply_one runs inside apply_changes
        deleted = int(bool(change.get("deleted")))
        moved_to = _moved_to(change, values)
        partition = moved_to or change["partition"]
        page.noted.append(
            (entity, record_id, partition, max(versions.values(), default=seq), deleted)
        )
        if repo is None:
            return  # an entity this version of the app does not hold
        conn = self._ctx.conn
        key = (entity, record_id)
        if key in page.rows:
            row = page.rows.pop(key)  # read once: this change may write the record
        else:
            page.flush_inserts(conn)  # the record may have been inserted by this page
            row = conn.execute(
                f"SELECT rid, deleted_at FROM {repo.table} WHERE id = ?", (record_id,)
            ).fetchone()
        if moved_to is not None or deleted:
            # Deleted, or moved out of this partition (if this laptop holds the new team
            # too, the whole record follows in that team's feed and brings the row back).
            if row is not None and row[1] is None:
                if key in page.pending:
                    # our pending edit meets their delete: the server decides
                    self._shadow(entity, record_id, "_deleted", True, seq)
                    report.kept_local += 1
                    return
                page.flush_inserts(conn)  # what a delete updates may read other records
                self._soft_delete(repo, row[0])
            report.applied += 1
            return
        known = page.known.setdefault(key, {})
        pending = page.pending.get(key, _NOTHING)
        if pending:  # alive again on the server (restored, moved back): forget its delete
            conn.execute(
                "DELETE FROM sync_shadow WHERE entity = ? AND record_id = ?"
                " AND field = '_deleted' AND version < ?",
                (entity, record_id, seq),
            )
        columns = _columns(repo.cls)
        updates: dict[str, Any] = {}
        newer = page.versions.get(key)
        if not known and not pending and values:
            # the first this laptop hears of the record (most of a first pull): every field
            # is newer than nothing, and none is under a local edit
            known.update(versions)
            if newer is None:
                page.versions[key] = versions
            else:
                newer.update(versions)
            if row is None:  # a new record: its row is made straight from the fields
                plan = _row_plan(repo.table, repo.cls, tuple(values))
                if not plan.taken:
                    return  # nothing this version of the app holds
                if plan.partial or not self._insert_new(repo, record_id, values, plan, page):
                    report.parked += 1
                    return
                report.applied += 1
                page.refresh.setdefault(entity, {}).setdefault(record_id, False)
                return
            updates = {name: to_column(v) for name, v in values.items() if name in columns}
            values = {}  # done
        for name, value in values.items():
            version = versions[name]
            if known.get(name, -1) >= version:
                report.skipped_stale += 1
                continue
            if newer is None:
                newer = page.versions[key] = {}
            newer[name] = version
            known[name] = version
            if name not in columns:
                continue
            if name in pending:
                # rebased: the local edit stays on top; the server's value is remembered
                self._shadow(entity, record_id, name, value, version)
                report.kept_local += 1
                continue
            updates[name] = to_column(value)
        if updates and row is not None and row[1] is not None and not pending:
            updates["deleted_at"] = None  # changed on the server, so alive there: a delete lost
        if not updates:
            return
        if row is None:
            if not self._insert(repo, record_id, updates, page):
                report.parked += 1
                return
        else:
            if entity == "note" and self._is_final_note(row[0]):
                return  # a final note never changes; the server refuses such edits too
            assignments = ", ".join(f"{name} = ?" for name in updates)
            conn.execute(
                f"UPDATE {repo.table} SET {assignments}, updated_at = ? WHERE rid = ?",
                [*updates.values(), page.now, row[0]],
            )
        report.applied += 1
        page.refresh.setdefault(entity, {}).setdefault(record_id, row is not None)

    def _shadow(self, entity: str, record_id: str, name: str, value: Any, version: int) -> None:
        self._ctx.conn.execute(
            "INSERT INTO sync_shadow(entity, record_id, field, value, version)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(entity, record_id, field) DO UPDATE SET"
            " value = excluded.value, version = excluded.version"
            " WHERE excluded.version > sync_shadow.version",
            (entity, record_id, name, json.dumps(value, ensure_ascii=False), version),
        )

    def _insert(
        self, repo: Repository[Any], record_id: str, values: dict[str, Any], page: _Page
    ) -> bool:
        """Queue the record's row for the page's inserts; False for a partial record."""
        plan = _insert_plan(repo.cls)
        values["id"] = record_id
        if not plan.required <= values.keys():
            return False  # a partial record: the rest follows, or verify repairs it
        for name, default, factory in plan.optional:
            if name not in values:
                values[name] = to_column(_wire_default(factory() if factory else default))
        names = (*values, "created_at", "updated_at")
        sql = _INSERT_SQL.get((repo.table, names))
        if sql is None:
            sql = _INSERT_SQL[(repo.table, names)] = (
                f"INSERT INTO {repo.table} ({', '.join(names)})"
                f" VALUES ({', '.join('?' * len(names))})"
            )
        page.inserts.setdefault(sql, []).append((*values.values(), page.now, page.now))
        return True

    def _insert_new(
        self,
        repo: Repository[Any],
        record_id: str,
        values: dict[str, Any],
        plan: _RowPlan,
        page: _Page,
    ) -> bool:
        """``_insert`` of a record's first change (every field a column value), the row made
        in one pass over its fields by ``plan``."""
        if plan.made_per_row:
            columns = {name: to_column(values[name]) for name in plan.taken}
            return self._insert(repo, record_id, columns, page)
        row = [to_column(values[name]) for name in plan.taken]
        if plan.id_at is None:
            row.append(record_id)
        else:
            row[plan.id_at] = record_id
        row += plan.defaults
        row.append(page.now)
        row.append(page.now)
        page.inserts.setdefault(plan.sql, []).append(tuple(row))
        return True

    def _is_final_note(self, rid: int) -> bool:
        row = self._ctx.conn.execute("SELECT status FROM notes WHERE rid = ?", (rid,)).fetchone()
        return bool(row and row[0] == "final")

    def _soft_delete(self, repo: Repository[Any], rid: int, final_too: bool = False) -> None:
        now = self._ctx.now_iso()
        if repo.entity == "note" and not final_too and self._is_final_note(rid):
            return
        self._ctx.conn.execute(
            f"UPDATE {repo.table} SET deleted_at = ?, updated_at = ? WHERE rid = ?",
            (now, now, rid),
        )
        obj = repo._load(self._ctx.query(f"SELECT * FROM {repo.table} WHERE rid = ?", (rid,))[0])
        repo._after_delete(obj, rid)

    def _refresh_page(self, refresh: dict[str, dict[str, bool]]) -> None:
        """Derived tables (search, join tables) of the records a page wrote, in bulk: each is
        rebuilt from the record as stored now, so doing it once at the end of the page gives
        what doing it after every change gave. Records the page inserted have nothing derived
        to remove first (rows are never deleted, so their rids are new too)."""
        for entity, ids in refresh.items():
            repo = self._repos[entity]
            for fresh in (True, False):
                ordered = [record_id for record_id, stored in ids.items() if stored != fresh]
                for chunk, marks in _in_chunks(ordered):
                    cursor = self._ctx.conn.execute(
                        f"SELECT {repo.bulk_columns} FROM {repo.table} WHERE id IN ({marks})"
                        " ORDER BY rid",
                        chunk,
                    )
                    names = [column[0] for column in cursor.description]
                    rows = [dict(zip(names, row, strict=True)) for row in cursor]
                    if rows:
                        repo._after_write_many(rows, fresh=fresh)

    def _refresh_derived(self, repo: Repository[Any], record_id: str) -> None:
        rows = self._ctx.query(f"SELECT * FROM {repo.table} WHERE id = ?", (record_id,))
        if rows:
            repo._after_write(repo._load(rows[0]), rows[0]["rid"])

    # --- verify, restore, audit ----------------------------------------------------------
    def partition_versions(self) -> dict[str, list[tuple[str, str, int, bool]]]:
        """(entity, record_id, version, deleted) per partition, as the server sees them."""
        grouped: dict[str, list[tuple[str, str, int, bool]]] = defaultdict(list)
        for entity, record_id, partition, version, deleted in self._ctx.conn.execute(
            "SELECT entity, record_id, partition, version, deleted FROM sync_records"
        ):
            grouped[partition].append((entity, record_id, int(version), bool(deleted)))
        return dict(grouped)

    def partition_lines(self) -> dict[str, str]:
        """Per partition, the lines of its digest (``entity|record_id|version|deleted``), joined
        by newlines in no particular order: built by SQLite, for ``partition_digest_of_lines``
        (much cheaper than a tuple per record)."""
        return {
            partition: lines
            for partition, lines in self._ctx.conn.execute(
                "SELECT partition, group_concat(entity || '|' || record_id || '|'"
                " || CAST(version AS INTEGER) || '|' || (CASE WHEN deleted THEN 1 ELSE 0 END),"
                " char(10)) FROM sync_records GROUP BY partition"
            )
        }

    def partition_sums(self) -> dict[str, tuple[int, bytes]]:
        """Per partition, its record count and the sum of its records' line hashes, as the
        triggers on ``sync_records`` keep them (``sync.protocol.digest.SUM_DIGEST``)."""
        return {
            partition: (int(count), bytes(total))
            for partition, count, total in self._ctx.conn.execute(
                "SELECT partition, count, total FROM sync_partition_sums"
            )
        }

    def reset_cursor(self, cursor: int) -> None:
        with self._ctx.transaction():
            self._set_meta(CURSOR_KEY, str(cursor))

    def requeue_lost(self, high_water: int) -> int:
        """The server was restored from an older backup: re-push what it lost.

        Every record this device knows at a version above the server's high-water mark
        is queued again, whole, from the local copy. Nothing local is discarded.
        """
        count = 0
        with self._ctx.transaction():
            lost = self._ctx.conn.execute(
                "SELECT entity, record_id, partition, deleted FROM sync_records WHERE version > ?",
                (high_water,),
            ).fetchall()
            for entity, record_id, partition, deleted in lost:
                repo = self._repos.get(entity)
                if repo is None or self._has_pending(entity, record_id):
                    continue
                if deleted:
                    self._store.outbox.record(entity, record_id, partition, "delete", {})
                else:
                    rows = self._ctx.query(f"SELECT * FROM {repo.table} WHERE id = ?", (record_id,))
                    if not rows:
                        continue
                    wire = to_wire(repo._load(rows[0]))
                    kind = "append" if repo.append_only else "upsert"
                    self._store.outbox.record(entity, record_id, partition, kind, wire)
                count += 1
            self._set_meta(CURSOR_KEY, str(high_water))
        return count

    def forget_partitions(self, keep: Sequence[str]) -> int:
        """Records of teams outside ``keep`` (the user left them) leave this laptop.

        Rows are deleted as a remote delete would (final notes too: the laptop may no longer
        show them) and their sync state is forgotten, so if the team is given back they are
        pulled again whole. A record whose edit is still pending stays until the server has
        answered it; rejected edits stay in the outbox, visible with their reason. Each team
        left is written to the access log. Returns how many records left.
        """
        marks = ", ".join("?" * len(keep))
        conn = self._ctx.conn
        lost = conn.execute(
            "SELECT entity, record_id, partition FROM sync_records"
            + (f" WHERE partition NOT IN ({marks})" if keep else ""),
            tuple(keep),
        ).fetchall()
        if not lost:
            return 0
        count = 0
        with self._ctx.transaction():
            for entity, record_id, _partition in lost:
                if self._has_pending(entity, record_id):
                    continue
                repo = self._repos.get(entity)
                row = (
                    conn.execute(
                        f"SELECT rid, deleted_at FROM {repo.table} WHERE id = ?", (record_id,)
                    ).fetchone()
                    if repo is not None
                    else None
                )
                if repo is not None and row is not None and row[1] is None:
                    if entity == "note" and self._is_final_note(row[0]):
                        with self._final_notes_unlocked():
                            self._soft_delete(repo, row[0], final_too=True)
                    else:
                        self._soft_delete(repo, row[0])
                for table in ("sync_records", "record_versions", "sync_shadow"):
                    conn.execute(
                        f"DELETE FROM {table} WHERE entity = ? AND record_id = ?",
                        (entity, record_id),
                    )
                count += 1
            for partition in sorted({p for _e, _r, p in lost}):
                self._store.access_log.append(
                    AccessAction.DELETE, "team", partition, None, "access removed"
                )
        return count

    # --- rollback of this store to an older copy --------------------------------------------
    def device_marks(self) -> tuple[int, int, str | None]:
        """(highest op counter ever issued, access-log head seq, its hash) for the hello."""
        row = self._ctx.conn.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"
        ).fetchone()
        head = self._store.access_log.anchor()
        return (int(row[0]) if row else 0, *(head if head else (0, None)))

    def audit_hash_at(self, seq: int) -> str | None:
        if seq == 0:
            return GENESIS
        row = self._ctx.conn.execute("SELECT hash FROM access_log WHERE seq = ?", (seq,)).fetchone()
        return str(row[0]) if row else None

    def recover_from_rollback(self, server_counter: int) -> int:
        """This store is an older copy (a restored backup): the server has seen op counters
        and changes it does not know. Move the device counter past the server's, renumbering
        pending ops (their ids stay, so nothing is applied twice), and pull everything again
        so what the lost copy had sent comes back. Returns the number of ops renumbered."""
        with self._ctx.transaction():
            conn = self._ctx.conn
            top = conn.execute("SELECT coalesce(max(counter), 0) FROM outbox").fetchone()[0]
            issued = self.device_marks()[0]
            renumbered = 0
            if conn.execute(
                "SELECT count(*) FROM outbox WHERE counter <= ?", (server_counter,)
            ).fetchone()[0]:
                # every new value is above every old one, so no two rows ever collide
                offset = max(server_counter, top, issued)
                renumbered = conn.execute(
                    "UPDATE outbox SET counter = counter + ?", (offset,)
                ).rowcount
            highest = max(
                issued,
                server_counter,
                conn.execute("SELECT coalesce(max(counter), 0) FROM outbox").fetchone()[0],
            )
            if conn.execute("SELECT 1 FROM sqlite_sequence WHERE name = 'outbox'").fetchone():
                conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'", (highest,))
            else:
                conn.execute(
                    "INSERT INTO sqlite_sequence(name, seq) VALUES ('outbox', ?)", (highest,)
                )
            self._set_meta(CURSOR_KEY, "0")
            conn.execute("DELETE FROM meta WHERE key = ?", (CURSOR_CHANGE_KEY,))
            self._set_meta(ROLLED_BACK_KEY, self._ctx.now_iso())
        return renumbered

    def audit_after(self) -> tuple[int, list[dict[str, JSON]]]:
        uploaded = int(self._meta(AUDIT_UPLOADED_KEY) or 0)
        entries = self._store.access_log.entries(after=uploaded)
        # the fields are all plain values, so a flat dict equals asdict's deep copy
        return uploaded, [{f.name: getattr(e, f.name) for f in _ENTRY_FIELDS} for e in entries]

    def audit_uploaded(self, seq: int) -> None:
        with self._ctx.transaction():
            self._set_meta(AUDIT_UPLOADED_KEY, str(seq))

    def store_conflicts(self, conflicts: list[dict[str, Any]]) -> None:
        """The server's open conflicts for our partitions; others are resolved now."""
        now = self._ctx.now_iso()
        with self._ctx.transaction():
            open_ids = []
            for conflict in conflicts:
                open_ids.append(conflict["conflict_id"])
                self._ctx.conn.execute(
                    "INSERT INTO sync_conflicts(id, entity, record_id, field, detail, received_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                    " detail = excluded.detail, resolved_at = NULL",
                    (
                        conflict["conflict_id"],
                        conflict["entity"],
                        conflict["record_id"],
                        conflict["field"],
                        json.dumps(conflict, ensure_ascii=False),
                        now,
                    ),
                )
            marks = ", ".join("?" * len(open_ids))
            self._ctx.conn.execute(
                "UPDATE sync_conflicts SET resolved_at = ? WHERE resolved_at IS NULL"
                + (f" AND id NOT IN ({marks})" if open_ids else ""),
                (now, *open_ids),
            )
            self._retire_decided(set(open_ids))

    def _retire_decided(self, open_ids: set[str]) -> None:
        """A conflict a person decided needs our outbox entry no more: the decision
        arrives (or arrived) as an ordinary change and is applied like any other."""
        for entry in self._store.outbox.all():
            if entry.state != "conflict" or entry.result is None:
                continue
            ids = set(entry.result.get("conflict_ids") or [])
            single = entry.result.get("conflict_id")
            if single:
                ids.add(str(single))
            if ids and not ids & open_ids:
                self._store.outbox.acknowledge(entry.op_id)

    def open_conflicts(self) -> list[dict[str, Any]]:
        rows = self._ctx.query(
            "SELECT detail FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY received_at"
        )
        return [json.loads(r["detail"]) for r in rows]

    def mark_synced(self, when: str) -> None:
        with self._ctx.transaction():
            self._set_meta(LAST_SYNC_KEY, when)


_NOTE_VERSION = NOTE_VERSION  # one line at a time, the sums kept by the triggers


_ENTRY_FIELDS = dataclasses.fields(AccessEntry)
_COLUMNS: dict[type, frozenset[str]] = {}
_NOTHING: frozenset[str] = frozenset()
_COUNTER = attrgetter("counter")
_INSERT_SQL: dict[tuple[str, tuple[str, ...]], str] = {}


@dataclass(frozen=True)
class _InsertPlan:
    """What inserting a record of one class needs, worked out once per class."""

    required: frozenset[str]
    """Fields without a default: a change that lacks one is a partial record."""
    optional: tuple[tuple[str, Any, Any], ...]
    """(name, default, default factory or None) of the other fields, in class order."""
    made_per_row: bool
    """Some default is made by a factory, anew for each row."""


_INSERT_PLANS: dict[type, _InsertPlan] = {}


def _insert_plan(cls: type) -> _InsertPlan:
    plan = _INSERT_PLANS.get(cls)
    if plan is None:
        fields = dataclasses.fields(cls)
        missing = dataclasses.MISSING
        plan = _INSERT_PLANS[cls] = _InsertPlan(
            frozenset(
                f.name for f in fields if f.default is missing and f.default_factory is missing
            ),
            tuple(
                (f.name, f.default, None if f.default_factory is missing else f.default_factory)
                for f in fields
                if f.default is not missing or f.default_factory is not missing
            ),
            any(f.default_factory is not missing for f in fields),
        )
    return plan


@dataclass(frozen=True)
class _RowPlan:
    """How a new record's row is made from a change with these field names (as ``_insert``
    makes it from the same values: same columns, same values)."""

    taken: tuple[str, ...]
    """The change's fields that are columns, in the change's order."""
    partial: bool
    """Fields without a default are missing: a partial record, not inserted."""
    made_per_row: bool
    """A default is made anew for each row (``_insert`` makes such rows)."""
    sql: str = ""
    id_at: int | None = None
    """Where ``id`` is among the fields taken (its value is the record id), None if absent."""
    defaults: tuple[Any, ...] = ()
    """The column values of the class's other fields, by their defaults, in class order."""


_ROW_PLANS: dict[tuple[str, tuple[str, ...]], _RowPlan] = {}


def _row_plan(table: str, cls: type, names: tuple[str, ...]) -> _RowPlan:
    """The plan for a new row of ``table`` from fields named ``names`` (made once)."""
    key = (table, names)
    found = _ROW_PLANS.get(key)
    if found is not None:
        return found
    plan = _insert_plan(cls)
    columns = _columns(cls)
    taken = tuple(name for name in names if name in columns)
    present = {*taken, "id"}
    partial = not plan.required <= present
    if partial or plan.made_per_row:
        found = _RowPlan(taken, partial, plan.made_per_row)
    else:
        missing = [(name, default) for name, default, _f in plan.optional if name not in present]
        ordered = (*taken, *(() if "id" in taken else ("id",)), *(n for n, _d in missing))
        ordered += ("created_at", "updated_at")
        found = _RowPlan(
            taken,
            False,
            False,
            f"INSERT INTO {table} ({', '.join(ordered)}) VALUES ({', '.join('?' * len(ordered))})",
            taken.index("id") if "id" in taken else None,
            tuple(to_column(_wire_default(default)) for _n, default in missing),
        )
    _ROW_PLANS[key] = found
    return found


def _columns(cls: type) -> frozenset[str]:
    """The field names of a record class (asked once per change while pulling)."""
    names = _COLUMNS.get(cls)
    if names is None:
        names = _COLUMNS[cls] = frozenset(f.name for f in dataclasses.fields(cls))
    return names


@dataclass
class _Page:
    """What applying one page of changes reads once instead of once per change.

    Nothing the page applies writes to the outbox, so the pending fields stay valid for the
    whole page; field versions are kept up to date here as the page writes them.
    ``sync_records`` lines are written together at the end of the page (nothing in between
    reads them), in order, so the result is the same as writing them one by one.
    """

    pending: dict[tuple[str, str], set[str]]
    """Records with pending outbox entries, and the field names those entries carry."""
    known: dict[tuple[str, str], dict[str, int]]
    """Field versions of the page's records."""
    noted: list[tuple[str, str, str, int, int]] = dataclasses.field(default_factory=list)
    versions: dict[tuple[str, str], dict[str, int]] = dataclasses.field(default_factory=dict)
    """Field versions the page moved forward, by record, written together at the end."""
    rows: dict[tuple[str, str], tuple[int, str | None] | None] = dataclasses.field(
        default_factory=dict
    )
    """(rid, deleted_at) of records as stored before the page; an entry is used once (the
    record's first change in the page), later changes of the record read the table."""
    refresh: dict[str, dict[str, bool]] = dataclasses.field(default_factory=dict)
    """Records whose derived tables are rebuilt at the end of the page, by entity, in order,
    each with whether it was stored before the page (False: the page inserted it)."""
    now: str = ""
    """The time the page is applied: ``created_at``/``updated_at`` of what it writes."""
    inserts: dict[str, list[tuple[Any, ...]]] = dataclasses.field(default_factory=dict)
    """Rows of new records, by statement, not yet written: written together at the end of
    the page, or before anything reads a record table or deletes a record
    (``flush_inserts``). An update of a stored record may run before the inserts queued
    ahead of it: it changes that row only, and its triggers read nothing else. Rows of one
    table keep their order; different tables' rows may be reordered, which changes nothing
    (foreign keys are deferred, and what the insert triggers derive depends only on the rows
    present when the last of them runs)."""

    def flush_inserts(self, conn: Any) -> None:
        for sql, rows in self.inserts.items():
            conn.executemany(sql, rows)
        self.inserts.clear()

    @classmethod
    def load(cls, conn: Any, changes: list[dict[str, Any]]) -> _Page:
        by_entity: dict[str, set[str]] = defaultdict(set)
        for change in changes:
            by_entity[change["entity"]].add(change["record_id"])
        pending: dict[tuple[str, str], set[str]] = {}
        known: dict[tuple[str, str], dict[str, int]] = {}
        for entity, ids in by_entity.items():
            ordered = sorted(ids)
            for chunk, marks in _in_chunks(ordered):
                for record_id, raw in conn.execute(
                    "SELECT record_id, fields FROM outbox WHERE entity = ? AND +state = 'pending'"
                    f" AND record_id IN ({marks}) ORDER BY counter",
                    (entity, *chunk),
                ):
                    pending.setdefault((entity, record_id), set()).update(json.loads(raw))
                for record_id, raw in conn.execute(
                    "SELECT record_id, versions FROM record_versions WHERE entity = ?"
                    f" AND record_id IN ({marks})",
                    (entity, *chunk),
                ):
                    known[(entity, record_id)] = read_json(raw)
        return cls(pending, known)


_IN_CHUNK = 500  # ids per "IN (...)" list: well under SQLite's limit on parameters


def _in_chunks(ids: Sequence[Any]) -> Iterator[tuple[Sequence[Any], str]]:
    """``ids`` in slices for an ``IN (...)`` list, each with its ``?, ?, …`` marks."""
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        yield chunk, ", ".join("?" * len(chunk))


def _moved_to(change: dict[str, Any], values: dict[str, Any]) -> str | None:
    """The team a "moved" change says the record went to (None for other changes)."""
    if change.get("kind") != "moved":
        return None
    team = values.get("team_id")
    return str(team) if team else None


def _values_and_versions(change: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """A pulled change's field values and versions, from either form: ``values`` with one
    ``version`` (``VALUES_FORM``, protocol 5), or ``fields`` of ``{value, version}``. The
    versions are integers: the client checked the page."""
    values = change.get("values")
    if values is not None:
        return values, dict.fromkeys(values, change["version"])
    fields: dict[str, dict[str, Any]] = change.get("fields") or {}
    return (
        {name: f["value"] for name, f in fields.items()},
        {name: f["version"] for name, f in fields.items()},
    )


class _PendingBases:
    """What acknowledging a push batch does to the pending entries of the same records.

    An applied write is version ``seq`` on the server: the field versions it wrote become
    ``seq``, and a pending entry that built on the same base as the applied one now builds on
    ``seq`` (it is rebased). The pending entries of the batch's records are read once and
    rebased here, and everything is written at the end of the batch: what reads the outbox
    in between (a fall-back) reads only field names and states, which this does not change.
    An entry stops being rebased once settled: acknowledged (and deleted) or marked.
    """

    def __init__(self, conn: Any, pending: dict[tuple[str, str], list[_PendingEntry]]) -> None:
        self._conn = conn
        self._pending = pending
        self._by_op = {e.op_id: e for entries in pending.values() for e in entries}
        self._versions: dict[tuple[str, str], dict[str, int]] = {}

    @classmethod
    def load(cls, conn: Any, entries: list[OutboxEntry]) -> _PendingBases:
        """The pending entries of the batch's records. The batch's own entries were just
        read; the others are found by the outbox's index of records alone (it holds each
        entry's counter), and read only if there are any."""
        batch = {e.counter: e for e in entries}
        by_entity: dict[str, set[str]] = defaultdict(set)
        for entry in entries:
            by_entity[entry.entity].add(entry.record_id)
        found: dict[int, tuple[str, str]] = {}
        for entity, ids in by_entity.items():
            ordered = sorted(ids)
            for chunk, marks in _in_chunks(ordered):
                for counter, record_id in conn.execute(
                    "SELECT counter, record_id FROM outbox"
                    f" WHERE entity = ? AND record_id IN ({marks})",
                    (entity, *chunk),
                ):
                    found[counter] = (entity, record_id)
        described = {c: (e.op_id, e.kind, e.state) for c, e in batch.items() if c in found}
        others = sorted(c for c in found if c not in batch)
        for start in range(0, len(others), 500):
            counters = others[start : start + 500]
            marks = ", ".join("?" * len(counters))
            for counter, op_id, kind, state in conn.execute(
                f"SELECT counter, op_id, kind, state FROM outbox WHERE counter IN ({marks})",
                counters,
            ):
                described[counter] = (op_id, kind, state)
        pending: dict[tuple[str, str], list[_PendingEntry]] = {}
        for counter in sorted(described):
            op_id, kind, state = described[counter]
            if state == "pending":
                pending.setdefault(found[counter], []).append(_PendingEntry(counter, op_id, kind))
        # The fields are rebased, or looked at, only where a record has another entry than
        # the one answered: read those at once (the rest only if ever asked for).
        answered: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entry in entries:
            answered[(entry.entity, entry.record_id)].add(entry.op_id)
        wanted = [
            e
            for key, listed in pending.items()
            if len(answered[key] | {e.op_id for e in listed}) > 1
            for e in listed
        ]
        bases = cls(conn, pending)
        bases._read_fields(wanted)
        return bases

    def _read_fields(self, entries: list[_PendingEntry]) -> None:
        by_counter = {e.counter: e for e in entries}
        ordered = sorted(by_counter)
        for chunk, marks in _in_chunks(ordered):
            for counter, raw in self._conn.execute(
                f"SELECT counter, fields FROM outbox WHERE counter IN ({marks})", chunk
            ):
                by_counter[counter].fields = read_json(raw)

    def _fields(self, entry: _PendingEntry) -> dict[str, dict[str, JSON]]:
        if entry.fields is None:
            self._read_fields([entry])
        assert entry.fields is not None  # a pending entry stays in the outbox till the end
        return entry.fields

    def later_fields(self, entry: OutboxEntry) -> set[str]:
        """Field names of the record's edits after ``entry`` that are pending in the outbox
        now (as ``SELECT … WHERE state = 'pending' AND kind != 'delete' AND counter > ?``
        would read them, without asking once per entry)."""
        later: set[str] = set()
        for other in self._pending.get((entry.entity, entry.record_id), ()):
            if other.counter > entry.counter and other.in_outbox and other.kind != "delete":
                later.update(self._fields(other))
        return later

    def removed(self, entries: list[OutboxEntry]) -> None:
        """These entries were acknowledged and have now left the outbox."""
        for acknowledged in entries:
            entry = self._by_op.get(acknowledged.op_id)
            if entry is not None:
                entry.in_outbox = False

    def settled(self, op_id: str, *, keep: bool) -> None:
        """No more rebasing of this entry; ``keep``: it stays, with the rebases so far."""
        entry = self._by_op.get(op_id)
        if entry is not None:
            entry.active = False
            entry.dirty = entry.dirty and keep
            if keep:
                entry.in_outbox = False  # marked: no longer pending

    def advance(
        self, entity: str, record_id: str, fields: dict[str, dict[str, JSON]], seq: int
    ) -> None:
        """Our write is now version ``seq`` on the server: later local edits build on it."""
        self._versions.setdefault((entity, record_id), {}).update(dict.fromkeys(fields, seq))
        for entry in self._pending.get((entity, record_id), ()):
            if not entry.active:
                continue
            for name, change in self._fields(entry).items():
                if name in fields and change.get("base") == fields[name].get("base"):
                    change["base"] = seq
                    entry.dirty = True

    def save(self, conn: Any, outbox: Any) -> None:
        write_field_versions(conn, self._versions)
        conn.executemany(
            "UPDATE outbox SET fields = ? WHERE counter = ?",
            [
                (json.dumps(self._fields(e), ensure_ascii=False), e.counter)
                for e in self._by_op.values()
                if e.dirty
            ],
        )


@dataclass
class _PendingEntry:
    counter: int
    op_id: str
    kind: str
    fields: dict[str, dict[str, JSON]] | None = None
    """Read only where needed (most records of a batch have no other pending entry)."""
    active: bool = True
    dirty: bool = False
    in_outbox: bool = True
    """Still a pending entry in the outbox table (an acknowledged entry is, until the
    batch's deletes are written)."""


class _ShadowDrops:
    """What acknowledging a push batch does to the remembered server values (``sync_shadow``).

    An applied entry's fields are our values on the server now: their remembered values go,
    except for fields a later pending edit changes again (those keep a value, which is ours
    now). The statements are queued in order and written together (runs of the same
    statement as one ``executemany``) before anything reads the shadows, and at the end.
    Which shadow rows exist is read once for the batch's records and kept up to date here,
    so a delete or update of a row that is not there is not sent at all.
    """

    _DELETE_RECORD = "DELETE FROM sync_shadow WHERE entity = ? AND record_id = ?"
    _DELETE_FIELD = "DELETE FROM sync_shadow WHERE entity = ? AND record_id = ? AND field = ?"
    _UPDATE_VALUE = (
        "UPDATE sync_shadow SET value = ?4 WHERE entity = ?1 AND record_id = ?2 AND field = ?3"
    )
    _UPSERT = (
        "INSERT INTO sync_shadow(entity, record_id, field, value, version)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(entity, record_id, field) DO UPDATE SET"
        " value = excluded.value, version = excluded.version"
    )

    def __init__(self, present: dict[tuple[str, str], set[str]]) -> None:
        self._present = present
        """Shadowed field names by record, as the table holds them with the queue written."""
        self._queue: list[tuple[str, list[tuple[Any, ...]]]] = []

    @classmethod
    def load(cls, conn: Any, entries: list[OutboxEntry]) -> _ShadowDrops:
        by_entity: dict[str, set[str]] = defaultdict(set)
        for entry in entries:
            by_entity[entry.entity].add(entry.record_id)
        present: dict[tuple[str, str], set[str]] = {}
        for entity, ids in by_entity.items():
            ordered = sorted(ids)
            for record_id in ordered:
                present[(entity, record_id)] = set()
            for chunk, marks in _in_chunks(ordered):
                for record_id, name in conn.execute(
                    "SELECT record_id, field FROM sync_shadow WHERE entity = ?"
                    f" AND record_id IN ({marks})",
                    (entity, *chunk),
                ):
                    present[(entity, record_id)].add(name)
        return cls(present)

    def _add(self, sql: str, params: tuple[Any, ...]) -> None:
        if self._queue and self._queue[-1][0] == sql:
            self._queue[-1][1].append(params)
        else:
            self._queue.append((sql, [params]))

    def drop(self, entry: OutboxEntry, seq: int | None, later: set[str]) -> None:
        """Our value is now the server's: the remembered server value is history, or,
        for a field a later pending edit changes again, it is our applied value now."""
        entity, record_id = entry.entity, entry.record_id
        present = self._present.setdefault((entity, record_id), set())
        if entry.kind == "delete":
            if present:
                self._add(self._DELETE_RECORD, (entity, record_id))
                present.clear()
            return
        for name, change in entry.fields.items():
            if name not in later:
                if name in present:
                    self._add(self._DELETE_FIELD, (entity, record_id, name))
                    present.discard(name)
                continue
            value = json.dumps(change.get("value"), ensure_ascii=False)
            if seq is None:
                # nothing written (the server held this already): the value only
                if name in present:
                    self._add(self._UPDATE_VALUE, (entity, record_id, name, value))
            else:
                # (the later edit may have been made before this one was answered, as on a
                # new record: it had no server value to remember then, it has one now)
                self._add(self._UPSERT, (entity, record_id, name, value, seq))
                present.add(name)

    def flush(self, conn: Any) -> None:
        for sql, rows in self._queue:
            conn.executemany(sql, rows)
        self._queue.clear()

    def reload(self, conn: Any, entity: str, record_id: str) -> None:
        """Read the record's shadows again (after something else wrote them)."""
        self._present[(entity, record_id)] = {
            name
            for (name,) in conn.execute(
                "SELECT field FROM sync_shadow WHERE entity = ? AND record_id = ?",
                (entity, record_id),
            )
        }


def _wire_default(value: Any) -> JSON:
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "value"):
        return value.value
    return value

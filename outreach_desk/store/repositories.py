"""The repositories of each entity: their rules, derived tables and queries."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..domain.citizen import Citizen
from ..domain.consent import Consent
from ..domain.enums import AccessAction, NoteStatus, PlanStatus
from ..domain.errors import FieldError, ValidationError
from ..domain.followup import FollowUp
from ..domain.note import Addendum, JournalNote, NoteLockedError
from ..domain.place import Place
from ..domain.plan import Effort, Goal, Plan
from ..domain.progress import ProgressRating
from .codec import parse_utc
from .errors import RecordNotFound
from .migrations import CITIZEN_FTS_SELECT, NOTE_FTS_SELECT
from .outbox import read_json
from .repository import Repository


def _one(ctx_rows: list[dict[str, Any]], key: str) -> Any:
    if not ctx_rows:
        raise RecordNotFound("record")
    return ctx_rows[0][key]


class PlaceRepository(Repository[Place]):
    entity, table, cls, label, personal = "place", "places", Place, "place", False

    def _partition(self, obj: Place) -> str:
        return self._ctx.session.home_team

    def all(self) -> list[Place]:
        return self._where("1", order="name COLLATE NOCASE")

    def _after_write(self, obj: Place, rid: int) -> None:
        # citizens are also found by the names of the places where they are met
        rows = self._ctx.conn.execute(
            "SELECT c.rid FROM citizens AS c, json_each(c.usual_place_ids) AS j WHERE j.value = ?",
            (obj.id,),
        ).fetchall()
        for (citizen_rid,) in rows:
            refresh_citizen_search(self._ctx.conn, citizen_rid)


def refresh_citizen_search(conn: Any, rid: int) -> None:
    conn.execute("DELETE FROM citizens_fts WHERE rowid = ?", (rid,))
    conn.execute(
        f"INSERT INTO citizens_fts(rowid, name, nickname, cpr, places) {CITIZEN_FTS_SELECT}"
        " AND c.rid = ?",
        (rid,),
    )


def refresh_citizen_searches(conn: Any, rids: list[int], fresh: bool = False) -> None:
    """``refresh_citizen_search`` for many citizens in two statements (one for ``fresh``
    rows: new rids have no search rows to remove)."""
    marks = ", ".join("?" * len(rids))
    if not fresh:
        conn.execute(f"DELETE FROM citizens_fts WHERE rowid IN ({marks})", rids)
    conn.execute(
        f"INSERT INTO citizens_fts(rowid, name, nickname, cpr, places) {CITIZEN_FTS_SELECT}"
        f" AND c.rid IN ({marks})",
        rids,
    )


def refresh_note_searches(conn: Any, rids: list[int], fresh: bool = False) -> None:
    """``refresh_note_search`` for many notes in two statements (one for ``fresh`` rows)."""
    marks = ", ".join("?" * len(rids))
    if not fresh:
        conn.execute(f"DELETE FROM notes_fts WHERE rowid IN ({marks})", rids)
    conn.execute(
        f"INSERT INTO notes_fts(rowid, body) {NOTE_FTS_SELECT} AND n.rid IN ({marks})", rids
    )


def refresh_note_search(conn: Any, rid: int) -> None:
    conn.execute("DELETE FROM notes_fts WHERE rowid = ?", (rid,))
    conn.execute(f"INSERT INTO notes_fts(rowid, body) {NOTE_FTS_SELECT} AND n.rid = ?", (rid,))


class CitizenRepository(Repository[Citizen]):
    entity, table, cls, label = "citizen", "citizens", Citizen, "citizen"

    def _validate(self, obj: Citizen) -> None:
        obj.validate(self._ctx.session.clock().date())

    def add(self, obj: Citizen) -> Citizen:
        return super().add(obj.normalised())

    def update(self, obj: Citizen) -> Citizen:
        return super().update(obj.normalised())

    def _partition(self, obj: Citizen) -> str:
        return obj.team_id

    def _citizen_ids(self, obj: Citizen) -> tuple[str, ...]:
        return (obj.id,)

    def _after_write(self, obj: Citizen, rid: int) -> None:
        refresh_citizen_search(self._ctx.conn, rid)

    bulk_columns = "rid"

    def _after_write_many(self, rows: list[dict[str, Any]], fresh: bool = False) -> None:
        refresh_citizen_searches(self._ctx.conn, [row["rid"] for row in rows], fresh)

    def all_ids(self) -> list[str]:
        return [
            r["id"]
            for r in self._ctx.query(
                "SELECT id FROM citizens WHERE deleted_at IS NULL ORDER BY rid"
            )
        ]


class NoteRepository(Repository[JournalNote]):
    entity, table, cls, label = "note", "notes", JournalNote, "journal note"

    def _validate(self, obj: JournalNote) -> None:
        obj.validate(self._ctx.session.clock())

    def _before_update(self, old: JournalNote, new: JournalNote) -> None:
        if old.is_final:
            raise NoteLockedError()

    def _before_delete(self, obj: JournalNote) -> None:
        if obj.is_final:
            raise NoteLockedError()

    def _partition(self, obj: JournalNote) -> str:
        return obj.team_id

    def _citizen_ids(self, obj: JournalNote) -> tuple[str, ...]:
        return obj.citizen_ids

    def _after_write(self, obj: JournalNote, rid: int) -> None:
        conn = self._ctx.conn
        refresh_note_search(conn, rid)
        conn.execute("DELETE FROM note_citizens WHERE note_id = ?", (obj.id,))
        deleted = conn.execute("SELECT deleted_at FROM notes WHERE rid = ?", (rid,)).fetchone()[0]
        if deleted is None:
            conn.executemany(
                "INSERT OR IGNORE INTO note_citizens(citizen_id, note_id, event_time)"
                " VALUES (?, ?, ?)",
                [(c, obj.id, obj.event_time.isoformat()) for c in obj.citizen_ids],
            )

    bulk_columns = "rid, id, deleted_at, event_time, citizen_ids"

    def _after_write_many(self, rows: list[dict[str, Any]], fresh: bool = False) -> None:
        conn = self._ctx.conn
        refresh_note_searches(conn, [row["rid"] for row in rows], fresh)
        if not fresh:
            conn.executemany(
                "DELETE FROM note_citizens WHERE note_id = ?", [(row["id"],) for row in rows]
            )
        # the two columns the links need, decoded as ``_load`` decodes them (without
        # building a whole note per row)
        links: list[tuple[str, str, str]] = []
        for row in rows:
            if row["deleted_at"] is None:
                when = parse_utc(row["event_time"]).isoformat()
                links.extend((c, row["id"], when) for c in read_json(row["citizen_ids"]))
        conn.executemany(
            "INSERT OR IGNORE INTO note_citizens(citizen_id, note_id, event_time) VALUES (?, ?, ?)",
            links,
        )

    def finalise(self, note_id: str, followups: FollowUpRepository) -> JournalNote:
        """Lock the note; its agreements become follow-ups, in the same transaction."""
        with self._ctx.transaction():
            note = self._find(note_id)
            if note is None:
                raise RecordNotFound(self.label)
            now = self._ctx.session.clock()
            final = note.finalised(now)
            Repository.update(self, final)  # the one path from draft to final
            for agreement in final.agreements:
                for citizen_id in final.citizen_ids:
                    followups.add(
                        FollowUp.new(
                            citizen_id,
                            final.team_id,
                            agreement.description,
                            due=agreement.due,
                            responsible=agreement.responsible,
                            assignee=final.caseworker,
                            note_id=final.id,
                        )
                    )
        return final

    def update(self, obj: JournalNote) -> JournalNote:
        if obj.status is NoteStatus.FINAL:
            existing = self._find(obj.id)
            if existing is not None and not existing.is_final:
                raise ValidationError(
                    [FieldError("status", "use_finalise", "Use finalise to lock a note.")]
                )
        return super().update(obj)

    def timeline(self, citizen_id: str, limit: int = 200) -> list[JournalNote]:
        """The citizen's contacts, newest first; logged as one read."""
        with self._ctx.transaction():
            notes = self._where(
                "id IN (SELECT note_id FROM note_citizens WHERE citizen_id = ?)",
                (citizen_id,),
                order=f"event_time DESC LIMIT {int(limit)}",
            )
            self._ctx.access_log.append(AccessAction.READ, "timeline", None, citizen_id)
        return notes

    def drafts(self, caseworker: str) -> list[JournalNote]:
        drafts = self._where(
            "status = 'draft' AND caseworker = ?", (caseworker,), order="written_time DESC"
        )
        return self._read_logged(drafts, (), AccessAction.SEARCH, "drafts")


class AddendumRepository(Repository[Addendum]):
    entity, table, cls, label, append_only = "addendum", "addenda", Addendum, "addendum", True

    def _note(self, obj: Addendum) -> dict[str, Any]:
        rows = self._ctx.query(
            "SELECT rid, team_id, citizen_ids, status FROM notes"
            " WHERE id = ? AND deleted_at IS NULL",
            (obj.note_id,),
        )
        if not rows:
            raise RecordNotFound("journal note")
        return rows[0]

    def _validate(self, obj: Addendum) -> None:
        obj.validate()
        if self._note(obj)["status"] != NoteStatus.FINAL:
            raise ValidationError(
                [
                    FieldError(
                        "note_id",
                        "note_not_final",
                        "Addenda are for final notes. A draft can still be edited directly.",
                    )
                ]
            )

    def _partition(self, obj: Addendum) -> str:
        return str(self._note(obj)["team_id"])

    def _citizen_ids(self, obj: Addendum) -> tuple[str, ...]:
        return tuple(json.loads(self._note(obj)["citizen_ids"]))

    def _after_write(self, obj: Addendum, rid: int) -> None:
        refresh_note_search(self._ctx.conn, int(self._note(obj)["rid"]))

    def for_note(self, note_id: str) -> list[Addendum]:
        return self.for_notes([note_id]).get(note_id, [])

    def for_notes(self, note_ids: list[str]) -> dict[str, list[Addendum]]:
        """Addenda of many notes in one query (a citizen's timeline), logged once."""
        found: dict[str, list[Addendum]] = {}
        if not note_ids:
            return found
        marks = ", ".join("?" * len(note_ids))
        addenda = self._where(f"note_id IN ({marks})", tuple(note_ids), order="written_time")
        for addendum in addenda:
            found.setdefault(addendum.note_id, []).append(addendum)
        if addenda:
            citizens = self._ctx.query(
                f"SELECT DISTINCT citizen_id FROM note_citizens WHERE note_id IN ({marks})",
                tuple(note_ids),
            )
            self._read_logged(addenda, tuple(r["citizen_id"] for r in citizens))
        return found


class PlanRepository(Repository[Plan]):
    entity, table, cls, label = "plan", "plans", Plan, "plan"

    def _validate(self, obj: Plan) -> None:
        obj.validate()
        if obj.status is PlanStatus.ACTIVE:
            others = self._ctx.query(
                "SELECT 1 FROM plans WHERE citizen_id = ? AND status = 'active'"
                " AND deleted_at IS NULL AND id != ?",
                (obj.citizen_id, obj.id),
            )
            if others:
                raise ValidationError(
                    [
                        FieldError(
                            "status",
                            "one_plan",
                            "The citizen already has an active plan. One citizen, one plan.",
                        )
                    ]
                )

    def _partition(self, obj: Plan) -> str:
        return obj.team_id

    def _citizen_ids(self, obj: Plan) -> tuple[str, ...]:
        return (obj.citizen_id,)

    def active_for(self, citizen_id: str) -> Plan | None:
        """The citizen's one active plan, logged as a read when there is one."""
        with self._ctx.transaction():
            plans = self._where("citizen_id = ? AND status = 'active'", (citizen_id,))
            if plans:
                self._log(AccessAction.READ, plans[0])
        return plans[0] if plans else None


class _PlanChild:
    """Goals and efforts belong to a plan: its team and citizen are theirs."""

    _ctx: Any

    def _plan_row(self, plan_id: str) -> dict[str, Any]:
        rows = self._ctx.query("SELECT team_id, citizen_id FROM plans WHERE id = ?", (plan_id,))
        if not rows:
            raise RecordNotFound("plan")
        row: dict[str, Any] = rows[0]
        return row


class GoalRepository(_PlanChild, Repository[Goal]):
    entity, table, cls, label = "goal", "goals", Goal, "goal"

    def _partition(self, obj: Goal) -> str:
        return str(self._plan_row(obj.plan_id)["team_id"])

    def _citizen_ids(self, obj: Goal) -> tuple[str, ...]:
        return (str(self._plan_row(obj.plan_id)["citizen_id"]),)

    def for_plan(self, plan_id: str) -> list[Goal]:
        goals = self._where("plan_id = ?", (plan_id,), order="life_area, rid")
        return self._read_logged(goals, (str(self._plan_row(plan_id)["citizen_id"]),))


class EffortRepository(_PlanChild, Repository[Effort]):
    entity, table, cls, label = "effort", "efforts", Effort, "effort"

    def _partition(self, obj: Effort) -> str:
        return str(self._plan_row(obj.plan_id)["team_id"])

    def _citizen_ids(self, obj: Effort) -> tuple[str, ...]:
        return (str(self._plan_row(obj.plan_id)["citizen_id"]),)

    def for_plan(self, plan_id: str) -> list[Effort]:
        efforts = self._where("plan_id = ?", (plan_id,), order="due_date IS NULL, due_date, rid")
        return self._read_logged(efforts, (str(self._plan_row(plan_id)["citizen_id"]),))


class RatingRepository(Repository[ProgressRating]):
    entity, table, cls, label, append_only = (
        "rating",
        "ratings",
        ProgressRating,
        "progress rating",
        True,
    )

    def _goal_row(self, goal_id: str) -> dict[str, Any]:
        rows = self._ctx.query(
            "SELECT p.team_id, p.citizen_id FROM goals AS g JOIN plans AS p ON p.id = g.plan_id"
            " WHERE g.id = ?",
            (goal_id,),
        )
        if not rows:
            raise RecordNotFound("goal")
        return rows[0]

    def _validate(self, obj: ProgressRating) -> None:
        obj.validate(self._ctx.session.clock().date())

    def _partition(self, obj: ProgressRating) -> str:
        return str(self._goal_row(obj.goal_id)["team_id"])

    def _citizen_ids(self, obj: ProgressRating) -> tuple[str, ...]:
        return (str(self._goal_row(obj.goal_id)["citizen_id"]),)

    def for_goal(self, goal_id: str) -> list[ProgressRating]:
        ratings = self._where("goal_id = ?", (goal_id,), order="rated_on, rid")
        return self._read_logged(ratings, (str(self._goal_row(goal_id)["citizen_id"]),))

    def for_plan(self, plan_id: str) -> list[ProgressRating]:
        ratings = self._where(
            "goal_id IN (SELECT id FROM goals WHERE plan_id = ?)", (plan_id,), order="rated_on, rid"
        )
        citizen = self._ctx.query("SELECT citizen_id FROM plans WHERE id = ?", (plan_id,))
        return self._read_logged(ratings, tuple(r["citizen_id"] for r in citizen))


class ConsentRepository(Repository[Consent]):
    entity, table, cls, label = "consent", "consents", Consent, "consent"

    def _partition(self, obj: Consent) -> str:
        return str(
            _one(
                self._ctx.query("SELECT team_id FROM citizens WHERE id = ?", (obj.citizen_id,)),
                "team_id",
            )
        )

    def _citizen_ids(self, obj: Consent) -> tuple[str, ...]:
        return (obj.citizen_id,)

    def for_citizen(self, citizen_id: str) -> list[Consent]:
        consents = self._where("citizen_id = ?", (citizen_id,), order="given_on DESC")
        return self._read_logged(consents, (citizen_id,))


class FollowUpRepository(Repository[FollowUp]):
    entity, table, cls, label = "followup", "followups", FollowUp, "follow-up"

    def _partition(self, obj: FollowUp) -> str:
        return obj.team_id

    def _citizen_ids(self, obj: FollowUp) -> tuple[str, ...]:
        return (obj.citizen_id,)

    def open_until(self, day: date) -> list[FollowUp]:
        """Open follow-ups due on or before ``day`` (overdue ones included)."""
        items = self._where(
            "done_at IS NULL AND due IS NOT NULL AND due <= ?", (day.isoformat(),), order="due"
        )
        return self._read_logged(items, (), AccessAction.SEARCH, f"due by {day.isoformat()}")

    def for_citizen(self, citizen_id: str) -> list[FollowUp]:
        items = self._where("citizen_id = ?", (citizen_id,), order="done_at IS NOT NULL, due")
        return self._read_logged(items, (citizen_id,))

    def mark_done(self, followup_id: str, when: datetime | None = None) -> FollowUp:
        with self._ctx.transaction():
            item = self._find(followup_id)
            if item is None:
                raise RecordNotFound(self.label)
            return self.update(item.marked_done(when or self._ctx.session.clock()))

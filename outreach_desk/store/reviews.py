"""Reviews of final notes (gennemgang) and the queries that derive a note's review state.

A note's state is its latest review (by time, then id), unless an addendum arrived that
the review did not name: then it is re-opened. A review the server rejected (still in
the outbox as "rejected") does not count: every laptop shows what the server holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.enums import AccessAction, NoteStatus
from ..domain.errors import FieldError, ValidationError
from ..domain.review import Review, ReviewState
from .errors import RecordNotFound
from .repository import Repository

_STATE = "coalesce(s.state, 'awaiting')"


@dataclass(frozen=True)
class QueueFilter:
    """What the review queue shows. Empty fields do not filter."""

    states: tuple[ReviewState, ...] = (ReviewState.AWAITING, ReviewState.REOPENED)
    caseworker: str | None = None
    place_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    citizen_ids: tuple[str, ...] | None = None
    team_ids: tuple[str, ...] | None = None  # None: all the session's teams
    limit: int = 500
    offset: int = 0

    def criterion(self) -> str:
        """For the access log: what was searched for (ids and dates only, no names)."""
        parts = [f"states={','.join(s.value for s in self.states)}"]
        for name in ("caseworker", "place_id", "date_from", "date_to"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name}={value}")
        if self.citizen_ids is not None:
            parts.append(f"citizens={len(self.citizen_ids)}")
        return "review queue: " + "; ".join(parts)


@dataclass(frozen=True)
class QueueRow:
    note_id: str
    team_id: str
    caseworker: str
    place_id: str | None
    event_time: str
    written_time: str
    citizen_ids: tuple[str, ...]
    snippet: str
    addenda: int
    state: ReviewState
    outcome: str | None
    comment: str
    reviewer: str | None
    reviewed_at: str | None


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    counts: dict[ReviewState, int]  # per state, under the same filters

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class ReviewRepository(Repository[Review]):
    entity, table, cls, label = "review", "reviews", Review, "review"

    def _note(self, note_id: str) -> dict[str, Any]:
        rows = self._ctx.query(
            "SELECT team_id, citizen_ids, status FROM notes WHERE id = ? AND deleted_at IS NULL",
            (note_id,),
        )
        if not rows:
            raise RecordNotFound("journal note")
        row: dict[str, Any] = rows[0]
        return row

    def _validate(self, obj: Review) -> None:
        obj.validate()
        note = self._note(obj.note_id)
        errors = []
        if note["status"] != NoteStatus.FINAL:
            errors.append(FieldError("note_id", "note_not_final", "Only final notes are reviewed."))
        if note["team_id"] != obj.team_id:
            errors.append(
                FieldError("team_id", "wrong_team", "A review belongs to the note's team.")
            )
        known = {
            r["id"]
            for r in self._ctx.query(
                "SELECT id FROM addenda WHERE note_id = ? AND deleted_at IS NULL", (obj.note_id,)
            )
        }
        if not set(obj.addendum_ids) <= known:
            errors.append(
                FieldError(
                    "addendum_ids", "unknown_addendum", "The review names an unknown addendum."
                )
            )
        if errors:
            raise ValidationError(errors)

    def _before_update(self, old: Review, new: Review) -> None:
        raise ValidationError(
            [FieldError("id", "review_final", "A review is never changed; write a new one.")]
        )

    def _before_delete(self, obj: Review) -> None:
        self._before_update(obj, obj)

    def _partition(self, obj: Review) -> str:
        return obj.team_id

    def _citizen_ids(self, obj: Review) -> tuple[str, ...]:
        rows = self._ctx.query("SELECT citizen_ids FROM notes WHERE id = ?", (obj.note_id,))
        return tuple(json.loads(rows[0]["citizen_ids"])) if rows else ()

    def for_note(self, note_id: str) -> list[Review]:
        """Every review of the note, oldest first (rejected ones left out); logged."""
        reviews = self._where(
            "note_id = ? AND NOT EXISTS (SELECT 1 FROM outbox AS o WHERE o.entity = 'review'"
            " AND o.record_id = reviews.id AND o.state = 'rejected')",
            (note_id,),
            order="reviewed_at, id",
        )
        rows = self._ctx.query("SELECT citizen_ids FROM notes WHERE id = ?", (note_id,))
        citizens = tuple(json.loads(rows[0]["citizen_ids"])) if rows else ()
        return self._read_logged(reviews, citizens) if reviews else reviews

    # --- derived state -------------------------------------------------------------------
    def _filtered(self, flt: QueueFilter, any_team: bool = False) -> tuple[str, list[Any]]:
        teams = flt.team_ids if flt.team_ids is not None else self._ctx.session.team_ids
        where = ["n.status = 'final'", "n.deleted_at IS NULL"]
        params: list[Any] = []
        if not any_team:
            where.append(f"n.team_id IN ({', '.join('?' * len(teams))})" if teams else "0")
            params += list(teams)
        if flt.caseworker:
            where.append("n.caseworker = ?")
            params.append(flt.caseworker)
        if flt.place_id:
            where.append("n.place_id = ?")
            params.append(flt.place_id)
        if flt.date_from:
            where.append("n.event_time >= ?")
            params.append(flt.date_from.isoformat())
        if flt.date_to:
            where.append("n.event_time < date(?, '+1 day')")
            params.append(flt.date_to.isoformat())
        if flt.citizen_ids is not None:
            marks = ", ".join("?" * len(flt.citizen_ids))
            where.append(
                f"n.id IN (SELECT note_id FROM note_citizens WHERE citizen_id IN ({marks}))"
                if flt.citizen_ids
                else "0"
            )
            params += list(flt.citizen_ids)
        where_sql = (
            " FROM notes AS n LEFT JOIN review_state AS s ON s.note_id = n.id"
            f" WHERE {' AND '.join(where)}"
        )
        return where_sql, params

    def _page(
        self, where_sql: str, params: list[Any], order: str, limit: int, offset: int = 0
    ) -> list[QueueRow]:
        """Sort and cut on narrow rows first, then read the page's notes and reviews whole."""
        rows = self._ctx.query(
            f"SELECT n.*, p.state, r.outcome, r.comment AS review_comment, r.reviewer,"
            f" r.reviewed_at, (SELECT count(*) FROM addenda AS a WHERE a.note_id = n.id"
            f" AND a.deleted_at IS NULL) AS addenda_count"
            f" FROM (SELECT n.rid AS note_rid, {_STATE} AS state, s.review_id,"
            f" n.event_time AS event_time, n.id AS note_id{where_sql}"
            f" ORDER BY {order} LIMIT ? OFFSET ?) AS p"
            f" JOIN notes AS n ON n.rid = p.note_rid"
            f" LEFT JOIN reviews AS r ON r.id = p.review_id"
            f" ORDER BY p.event_time DESC, p.note_id",
            (*params, int(limit), int(offset)),
        )
        return [_queue_row(r) for r in rows]

    def queue(self, flt: QueueFilter) -> QueuePage:
        """Final notes of the session's teams with their review state; logged as a search."""
        where_sql, params = self._filtered(flt)
        counts = {state: 0 for state in ReviewState}
        for row in self._ctx.query(
            f"SELECT {_STATE} AS state, count(*) AS k{where_sql} GROUP BY 1", tuple(params)
        ):
            counts[ReviewState(row["state"])] = int(row["k"])
        states = [s.value for s in flt.states] or [s.value for s in ReviewState]
        rows = self._page(
            f"{where_sql} AND {_STATE} IN ({', '.join('?' * len(states))})",
            [*params, *states],
            "n.event_time DESC, n.id",
            flt.limit,
            flt.offset,
        )
        page = QueuePage(rows, counts)
        with self._ctx.transaction():
            self._ctx.access_log.append(
                AccessAction.SEARCH, "note", None, None, criterion=flt.criterion()
            )
        return page

    def state_of(self, note_id: str) -> ReviewState:
        where_sql, params = self._filtered(QueueFilter(states=()), any_team=True)
        rows = self._ctx.query(
            f"SELECT {_STATE} AS state{where_sql} AND n.id = ?", (*params, note_id)
        )
        if not rows:
            raise RecordNotFound("journal note")
        return ReviewState(rows[0]["state"])

    def states_for_citizen(self, citizen_id: str) -> dict[str, ReviewState]:
        """Review states of the citizen's reviewed final notes (an absent note: awaiting).

        For the badge in the citizen's timeline; the notes themselves are read (and logged)
        by the overview.
        """
        rows = self._ctx.conn.execute(
            "SELECT s.note_id, s.state FROM review_state AS s"
            " JOIN note_citizens AS nc ON nc.note_id = s.note_id WHERE nc.citizen_id = ?",
            (citizen_id,),
        )
        return {str(note_id): ReviewState(state) for note_id, state in rows}

    def returned_to(self, caseworker: str) -> list[QueueRow]:
        """The caseworker's own notes that a lead returned or marked, still unanswered."""
        flt = QueueFilter(caseworker=caseworker)
        where_sql, params = self._filtered(flt, any_team=True)
        found = self._page(
            f"{where_sql} AND s.state IN ('returned', 'has_issues')",
            params,
            "n.event_time DESC, n.id",
            1000,
        )
        if found:
            with self._ctx.transaction():
                self._ctx.access_log.append(
                    AccessAction.SEARCH, "review", None, None, criterion="returned notes"
                )
        return found


def _queue_row(r: dict[str, Any]) -> QueueRow:
    return QueueRow(
        note_id=r["id"],
        team_id=r["team_id"],
        caseworker=r["caseworker"],
        place_id=r["place_id"],
        event_time=r["event_time"],
        written_time=r["written_time"],
        citizen_ids=tuple(json.loads(r["citizen_ids"])),
        snippet=(r["text"] or "")[:200],
        addenda=int(r["addenda_count"]),
        state=ReviewState(r["state"]),
        outcome=r["outcome"],
        comment=r["review_comment"] or "",
        reviewer=r["reviewer"],
        reviewed_at=r["reviewed_at"],
    )

"""The caseload: which citizens to list, in which order, and their list rows.

Sorting and filtering happen in SQL and return row ids only; the list view fetches
the rows it shows in small pages. That keeps thousands of citizens smooth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import orjson

from ..domain.enums import AccessAction
from .context import StoreContext
from .errors import translated
from .search import fts_query

NO_CONTACT_DAYS = 30
FOLLOW_UP_HORIZON_DAYS = 7


class CaseloadFilter(StrEnum):
    MINE = "mine"
    AT_PLACE = "at_place"
    FOLLOW_UP_DUE = "follow_up_due"
    NO_RECENT_CONTACT = "no_recent_contact"
    YOUTH = "youth"
    ANONYMOUS = "anonymous"


class CaseloadColumn(StrEnum):
    NAME = "name"
    NICKNAME = "nickname"
    AGE = "age"
    HOUSING = "housing"
    LAST_CONTACT = "last_contact"
    NEXT_FOLLOW_UP = "next_follow_up"


_LAST_CONTACT = "(SELECT max(nc.event_time) FROM note_citizens AS nc WHERE nc.citizen_id = c.id)"
_NEXT_FOLLOW_UP = (
    "(SELECT min(f.due) FROM followups AS f WHERE f.citizen_id = c.id"
    " AND f.done_at IS NULL AND f.deleted_at IS NULL)"
)
# (expression, follows the sort direction); "missing" keys stay last either way
_SORT_SQL: dict[CaseloadColumn, tuple[tuple[str, bool], ...]] = {
    CaseloadColumn.NAME: (
        ("CASE WHEN c.name = '' THEN c.nickname ELSE c.name END COLLATE NOCASE", True),
    ),
    CaseloadColumn.NICKNAME: (("c.nickname = ''", False), ("c.nickname COLLATE NOCASE", True)),
    CaseloadColumn.AGE: (("c.birth_year IS NULL", False), ("-c.birth_year", True)),
    CaseloadColumn.HOUSING: (("c.housing", True),),
    CaseloadColumn.LAST_CONTACT: ((f"{_LAST_CONTACT} IS NULL", False), (_LAST_CONTACT, True)),
    CaseloadColumn.NEXT_FOLLOW_UP: (
        (f"{_NEXT_FOLLOW_UP} IS NULL", False),
        (_NEXT_FOLLOW_UP, True),
    ),
}


@dataclass(frozen=True)
class CaseloadQuery:
    search: str = ""
    filters: frozenset[CaseloadFilter] = field(default_factory=frozenset)
    place_id: str | None = None
    sort: CaseloadColumn = CaseloadColumn.NAME
    descending: bool = False


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    rid: int
    id: str
    name: str
    nickname: str
    anonymous: bool
    birth_year: int | None
    housing: str
    coordinating_caseworker: str
    last_contact: str | None
    next_follow_up: str | None

    @property
    def display_name(self) -> str:
        return self.name or self.nickname or "—"


class Caseload:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def ids(self, query: CaseloadQuery, today: date, *, log: bool = True) -> list[int]:
        """Row ids of the citizens the query selects, in its order.

        Logged as one search unless ``log`` is false: the list filters on every keystroke
        and logs the search once the typing settles (:meth:`log_search`), so the access
        log names what was looked for, not each prefix on the way.
        """
        where = ["c.deleted_at IS NULL"]
        params: list[Any] = []
        joins = ""
        match = fts_query(query.search) if query.search.strip() else None
        if query.search.strip():
            if match is None:
                return self._logged([], query) if log else []
            if query.sort is CaseloadColumn.NAME and len(query.search.strip()) == 1:
                # a first letter matches a third of the caseload: walking the name index
                # (it holds the sort key and the id: no row is read) and keeping the
                # matches beats reading and sorting them (2.6 -> 1.5 ms for 2,000); the
                # planner has to be told, it prefers starting from the matches (filters
                # read the rows anyway: then it may)
                joins = "" if query.filters else " INDEXED BY citizens_by_name"
                where.append("c.rid IN (SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH ?)")
            else:
                joins = " JOIN citizens_fts AS s ON s.rowid = c.rid"
                where.append("citizens_fts MATCH ?")
            params.append(match)
        for flt in sorted(query.filters):
            clause, values = self._filter_sql(flt, query, today)
            where.append(clause)
            params.extend(values)
        direction = " DESC" if query.descending else ""
        order = ", ".join(
            expr + (direction if directional else "") for expr, directional in _SORT_SQL[query.sort]
        )
        # ties follow the direction too, so a descending name sort reads the name index
        # backwards; the ids come back as one JSON array, which is 3x faster than a row
        # per id (an ordered FROM subquery keeps its order for an order-sensitive aggregate)
        sql = (
            f"SELECT json_group_array(rid) FROM (SELECT c.rid FROM citizens AS c{joins}"
            f" WHERE {' AND '.join(where)} ORDER BY {order}, c.rid{direction})"
        )
        with translated():
            found = self._ctx.conn.execute(sql, params).fetchone()[0]
        rids: list[int] = orjson.loads(found)
        return self._logged(rids, query) if log else rids

    def _logged(self, rids: list[int], query: CaseloadQuery) -> list[int]:
        self.log_search(query)
        return rids

    def log_search(self, query: CaseloadQuery) -> None:
        """One access-log entry for a search or filter (none for the plain, unfiltered list)."""
        criterion = " ".join(
            [query.search.strip(), *(f"[{f}]" for f in sorted(query.filters))]
        ).strip()
        if criterion:
            with self._ctx.transaction():
                self._ctx.access_log.append(AccessAction.SEARCH, "caseload", criterion=criterion)

    def _filter_sql(
        self, flt: CaseloadFilter, query: CaseloadQuery, today: date
    ) -> tuple[str, list[Any]]:
        if flt is CaseloadFilter.MINE:
            return "c.coordinating_caseworker = ?", [self._ctx.session.user_id]
        if flt is CaseloadFilter.AT_PLACE:
            return (
                "(EXISTS (SELECT 1 FROM note_citizens AS nc JOIN notes AS n ON n.id = nc.note_id"
                " WHERE nc.citizen_id = c.id AND n.place_id = ?)"
                " OR EXISTS (SELECT 1 FROM json_each(c.usual_place_ids) AS j WHERE j.value = ?))",
                [query.place_id, query.place_id],
            )
        if flt is CaseloadFilter.FOLLOW_UP_DUE:
            horizon = today + timedelta(days=FOLLOW_UP_HORIZON_DAYS)
            return f"{_NEXT_FOLLOW_UP} <= ?", [horizon.isoformat()]
        if flt is CaseloadFilter.NO_RECENT_CONTACT:
            cutoff = today - timedelta(days=NO_CONTACT_DAYS)
            return f"coalesce({_LAST_CONTACT}, '') < ?", [cutoff.isoformat()]
        if flt is CaseloadFilter.YOUTH:
            return "c.birth_year BETWEEN ? AND ?", [today.year - 30, today.year - 18]
        return "c.anonymous = 1", []

    def warm_up(self) -> None:
        """Read the indexes the list uses once, so the first searches find them in memory.

        Decrypting cold pages is what makes a first keystroke slow on a large profile;
        this runs on the store's worker right after unlock, before the caseworker types.
        """
        run = self._ctx.conn.execute
        with translated():
            run(
                "SELECT count(*), max(event_time) FROM note_citizens INDEXED BY note_citizens_time"
            ).fetchone()
            run(
                "SELECT count(*) FROM followups WHERE done_at IS NULL AND deleted_at IS NULL"
            ).fetchone()
            run("SELECT count(*) FROM citizens_fts").fetchone()

    def rows(self, rids: list[int]) -> dict[int, CaseloadRow]:
        """The list rows for some ids (one page of the view)."""
        if not rids:
            return {}
        marks = ", ".join("?" * len(rids))
        sql = (
            "SELECT c.rid, c.id, c.name, c.nickname, c.anonymous, c.birth_year, c.housing,"
            f" c.coordinating_caseworker, {_LAST_CONTACT}, {_NEXT_FOLLOW_UP}"
            f" FROM citizens AS c WHERE c.rid IN ({marks})"
        )
        with translated():
            return {
                int(r[0]): CaseloadRow(
                    int(r[0]), r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], r[9]
                )
                for r in self._ctx.conn.execute(sql, rids)
            }

"""Ledelsestilsyn: what a team lead follows up on across the team's caseload. Qt-free.

Overdue follow-ups, citizens without contact for N days, plans past their follow-up date,
consents about to expire, late notes (written long after the contact), open sync
conflicts and rejected changes. All limited to the session's teams; each list is logged
as one search with the purpose "review".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..domain import AccessAction, Purpose
from ..domain.note import LATE_AFTER
from ..store import Store
from ..store.replica import LocalReplica

ROW_LIMIT = 1000


@dataclass(frozen=True)
class OversightSettings:
    no_contact_days: int = 30
    consent_days: int = 30
    late_notes_days: int = 90  # late notes written in this many days back
    late_hours: int = int(LATE_AFTER.total_seconds() // 3600)


@dataclass(frozen=True)
class Row:
    """One line of an oversight list: the citizen it is about and the facts to show."""

    citizen_id: str | None
    citizen: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Oversight:
    today: date
    settings: OversightSettings
    overdue_followups: list[Row]
    no_contact: list[Row]
    plans_due: list[Row]
    consents_expiring: list[Row]
    late_notes: list[Row]
    conflicts: list[Row]
    rejected: list[Row]
    user_names: dict[str, str]

    def sections(self) -> dict[str, list[Row]]:
        return {
            "overdue_followups": self.overdue_followups,
            "no_contact": self.no_contact,
            "plans_due": self.plans_due,
            "consents_expiring": self.consents_expiring,
            "late_notes": self.late_notes,
            "conflicts": self.conflicts,
            "rejected": self.rejected,
        }


_NAME = (
    "CASE WHEN c.name != '' AND c.nickname != '' THEN c.name || ' (' || c.nickname || ')'"
    " ELSE coalesce(nullif(c.name, ''), nullif(c.nickname, ''), '—') END"
)


def load_oversight(store: Store, settings: OversightSettings | None = None) -> Oversight:
    settings = settings or OversightSettings()
    today = store.session.clock().date()
    teams = store.session.team_ids
    marks = ", ".join("?" * len(teams)) or "''"
    t = tuple(teams)
    q = store.context.query
    names = LocalReplica(store).user_names()

    def who(user_id: str | None) -> str:
        return names.get(user_id or "", user_id or "—")

    overdue = [
        Row(
            r["citizen_id"],
            r["citizen"],
            {
                "description": r["description"],
                "due": date.fromisoformat(r["due"]),
                "days": (today - date.fromisoformat(r["due"])).days,
                "assignee": who(r["assignee"]),
            },
        )
        for r in q(
            f"SELECT f.citizen_id, f.description, f.due, f.assignee, {_NAME} AS citizen"
            f" FROM followups AS f JOIN citizens AS c ON c.id = f.citizen_id"
            f" WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due < ?"
            f" AND f.team_id IN ({marks}) AND c.deleted_at IS NULL"
            f" ORDER BY f.due LIMIT {ROW_LIMIT}",
            (today.isoformat(), *t),
        )
    ]
    cutoff = (today - timedelta(days=settings.no_contact_days)).isoformat()
    no_contact = [
        Row(
            r["id"],
            r["citizen"],
            {
                "last": datetime.fromisoformat(r["last"]).date() if r["last"] else None,
                "days": (today - datetime.fromisoformat(r["last"]).date()).days
                if r["last"]
                else None,
                "caseworker": who(r["coordinating_caseworker"]),
            },
        )
        for r in q(
            f"SELECT * FROM (SELECT c.id, c.coordinating_caseworker, {_NAME} AS citizen,"
            f" (SELECT max(nc.event_time) FROM note_citizens AS nc WHERE nc.citizen_id = c.id)"
            f" AS last FROM citizens AS c WHERE c.deleted_at IS NULL AND c.team_id IN ({marks}))"
            f" WHERE last IS NULL OR last < ? ORDER BY last IS NOT NULL, last LIMIT {ROW_LIMIT}",
            (*t, cutoff),
        )
    ]
    plans_due = [
        Row(
            r["citizen_id"],
            r["citizen"],
            {
                "follow_up": date.fromisoformat(r["follow_up_date"]),
                "days": (today - date.fromisoformat(r["follow_up_date"])).days,
                "caseworker": who(r["coordinating_caseworker"]),
            },
        )
        for r in q(
            f"SELECT p.citizen_id, p.follow_up_date, c.coordinating_caseworker,"
            f" {_NAME} AS citizen FROM plans AS p JOIN citizens AS c ON c.id = p.citizen_id"
            f" WHERE p.status = 'active' AND p.deleted_at IS NULL AND p.follow_up_date < ?"
            f" AND p.team_id IN ({marks}) ORDER BY p.follow_up_date LIMIT {ROW_LIMIT}",
            (today.isoformat(), *t),
        )
    ]
    until = (today + timedelta(days=settings.consent_days)).isoformat()
    consents = [
        Row(
            r["citizen_id"],
            r["citizen"],
            {
                "scope": r["scope"],
                "expires": date.fromisoformat(r["expires_on"]),
                "days": (date.fromisoformat(r["expires_on"]) - today).days,
            },
        )
        for r in q(
            f"SELECT k.citizen_id, k.scope, k.expires_on, {_NAME} AS citizen"
            f" FROM consents AS k JOIN citizens AS c ON c.id = k.citizen_id"
            f" WHERE k.deleted_at IS NULL AND k.withdrawn_on IS NULL"
            f" AND k.expires_on BETWEEN ? AND ? AND c.team_id IN ({marks})"
            f" ORDER BY k.expires_on LIMIT {ROW_LIMIT}",
            (today.isoformat(), until, *t),
        )
    ]
    since = (today - timedelta(days=settings.late_notes_days)).isoformat()
    late = []
    for r in q(
        f"SELECT n.id, n.caseworker, n.event_time, n.written_time, n.citizen_ids"
        f" FROM notes AS n WHERE n.status = 'final' AND n.deleted_at IS NULL"
        f" AND n.team_id IN ({marks}) AND n.event_time >= ?"
        f" AND (julianday(n.written_time) - julianday(n.event_time)) * 24 > ?"
        f" ORDER BY n.event_time DESC LIMIT {ROW_LIMIT}",
        (*t, since, settings.late_hours),
    ):
        citizen_ids = json.loads(r["citizen_ids"])
        event, written = (
            datetime.fromisoformat(r["event_time"]),
            datetime.fromisoformat(r["written_time"]),
        )
        late.append(
            Row(
                citizen_ids[0] if citizen_ids else None,
                "",
                {
                    "note_id": r["id"],
                    "citizen_ids": citizen_ids,
                    "caseworker": who(r["caseworker"]),
                    "event": event,
                    "written": written,
                    "hours": int((written - event).total_seconds() // 3600),
                },
            )
        )
    _fill_names(store, late)
    conflicts = []
    for conflict in LocalReplica(store).open_conflicts():
        server, incoming = conflict.get("server") or {}, conflict.get("incoming") or {}
        conflicts.append(
            Row(
                conflict["record_id"] if conflict.get("entity") == "citizen" else None,
                "",
                {
                    "entity": conflict.get("entity", ""),
                    "field": conflict.get("field", ""),
                    "record_id": conflict.get("record_id", ""),
                    "server_user": who(server.get("user_id")),
                    "incoming_user": who(incoming.get("user_id")),
                    "created": conflict.get("created_at"),
                },
            )
        )
    rejected = [
        Row(
            e["record_id"] if e["entity"] == "citizen" else None,
            "",
            {
                "entity": e["entity"],
                "record_id": e["record_id"],
                "reason": json.loads(e["result"] or "{}").get("reason", ""),
                "created": e["created_at"],
            },
        )
        for e in q(
            "SELECT entity, record_id, result, created_at FROM outbox"
            f" WHERE state = 'rejected' ORDER BY counter LIMIT {ROW_LIMIT}"
        )
    ]
    with store.purpose(Purpose.REVIEW), store.transaction():
        for name in (
            "overdue follow-ups",
            f"no contact for {settings.no_contact_days} days",
            "plans past follow-up date",
            f"consents expiring within {settings.consent_days} days",
            f"late notes since {since}",
        ):
            store.access_log.append(AccessAction.SEARCH, "oversight", None, None, name)
    return Oversight(
        today=today,
        settings=settings,
        overdue_followups=overdue,
        no_contact=no_contact,
        plans_due=plans_due,
        consents_expiring=consents,
        late_notes=late,
        conflicts=conflicts,
        rejected=rejected,
        user_names=names,
    )


def _fill_names(store: Store, rows: list[Row]) -> None:
    ids = sorted({c for r in rows for c in r.values.get("citizen_ids", [])})
    names: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for r in store.context.query(
            f"SELECT c.id, {_NAME} AS citizen FROM citizens AS c"
            f" WHERE c.id IN ({', '.join('?' * len(part))})",
            tuple(part),
        ):
            names[r["id"]] = r["citizen"]
    for i, row in enumerate(rows):
        text = ", ".join(names.get(c, "—") for c in row.values.get("citizen_ids", []))
        rows[i] = Row(row.citizen_id, text, row.values)

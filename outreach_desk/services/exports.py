"""Exports of personal data: the citizen's own plan ("Min plan"), the access log of one
citizen (for a data-subject request), and team tables as CSV. Qt-free.

Every export is logged in the access log as action "export" with its purpose, in the
same transaction as the reads it needs, before the data leaves the store. PDF rendering
needs Qt and lives in ``outreach_desk.ui.documents``.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sync.protocol import CitizenAuditResponse

from ..domain import (
    AccessAction,
    Citizen,
    Consent,
    Effort,
    FollowUp,
    Goal,
    Plan,
    ProgressRating,
    Purpose,
)
from ..store import Store
from ..store.audit import AccessEntry
from ..store.replica import LocalReplica
from .sync_service import citizen_access_log


def log_export(
    store: Store,
    citizen_ids: Iterable[str | None],
    what: str,
    purpose: Purpose,
    criterion: str | None = None,
) -> None:
    """One "export" entry per citizen whose data leaves the store, with the purpose."""
    with store.purpose(purpose), store.transaction():
        for citizen_id in dict.fromkeys(citizen_ids) or (None,):
            store.access_log.append(AccessAction.EXPORT, what, None, citizen_id, criterion)


@dataclass(frozen=True)
class MyPlan:
    """What the citizen's own copy of the plan shows, in their words."""

    citizen: Citizen
    plan: Plan | None
    goals: list[Goal]
    efforts: list[Effort]
    latest_ratings: dict[str, ProgressRating]  # goal id -> newest rating
    first_ratings: dict[str, ProgressRating]  # goal id -> first rating
    followups: list[FollowUp]  # open, soonest first
    consents: list[Consent]  # valid today
    caseworker_name: str
    today: date


def my_plan(store: Store, citizen_id: str, purpose: Purpose = Purpose.EXPORT) -> MyPlan:
    """Read the plan for the citizen's own copy; logged as an export of the plan."""
    with store.purpose(purpose), store.transaction():
        citizen = store.citizens.get(citizen_id)
        plan = store.plans.active_for(citizen_id)
        goals = store.goals.for_plan(plan.id) if plan else []
        efforts = store.efforts.for_plan(plan.id) if plan else []
        ratings = store.ratings.for_plan(plan.id) if plan else []
        today = store.session.clock().date()
        followups = [f for f in store.followups.for_citizen(citizen_id) if not f.is_done]
        consents = [c for c in store.consents.for_citizen(citizen_id) if c.is_valid_on(today)]
        log_export(store, [citizen_id], "plan", purpose, "Min plan (PDF)")
    latest: dict[str, ProgressRating] = {}
    first: dict[str, ProgressRating] = {}
    for rating in sorted(ratings, key=lambda r: (r.rated_on, r.id)):
        first.setdefault(rating.goal_id, rating)
        latest[rating.goal_id] = rating
    names = LocalReplica(store).user_names()
    return MyPlan(
        citizen=citizen,
        plan=plan,
        goals=[g for g in goals if g.parent_goal_id is None]
        + [g for g in goals if g.parent_goal_id is not None],
        efforts=efforts,
        latest_ratings=latest,
        first_ratings=first,
        followups=sorted(followups, key=lambda f: (f.due or date.max, f.id)),
        consents=consents,
        caseworker_name=names.get(citizen.coordinating_caseworker, citizen.coordinating_caseworker),
        today=today,
    )


@dataclass(frozen=True)
class AccessReport:
    """The lookups of one citizen's data: when, who (on which device), what and why."""

    citizen: Citizen
    entries: list[AccessEntry]
    user_names: dict[str, str]
    today: date
    device_names: dict[str, str] = field(default_factory=dict)
    all_devices: bool = False
    """True when the server's log from every device is merged in; False: this laptop's only."""


ServerLog = Callable[[Store, str], CitizenAuditResponse | None]


def access_report(
    store: Store, citizen_id: str, server_log: ServerLog = citizen_access_log
) -> AccessReport:
    """For a data-subject request (indsigt): logged as an export with that purpose.

    Online, the lookups every device uploaded are merged with this laptop's own (one entry
    once, by its chain hash); offline, or for a user who may not read the server's log, the
    report holds this laptop's entries and says so.
    """
    purpose = Purpose.DATA_SUBJECT_REQUEST
    with store.purpose(purpose), store.transaction():
        citizen = store.citizens.get(citizen_id)
        entries = store.access_log.entries(citizen_id=citizen_id)
        log_export(store, [citizen_id], "access_log", purpose, "log over opslag")
    names = LocalReplica(store).user_names()
    today = store.session.clock().date()
    remote = server_log(store, citizen_id)  # after the transaction: no lock held meanwhile
    if remote is None:
        return AccessReport(citizen, entries, names, today)
    merged, devices = merge_access_entries(entries, remote)
    names.update({e.user_id: e.user_name for e in remote.entries})
    enrolment = LocalReplica(store).enrolment()
    if enrolment is not None and enrolment.device_id in devices:
        # this laptop's own entries carry its local device id, the server's copies its own
        devices[store.session.device_id] = devices[enrolment.device_id]
    return AccessReport(citizen, merged, names, today, devices, all_devices=True)


def merge_access_entries(
    local: list[AccessEntry], remote: CitizenAuditResponse
) -> tuple[list[AccessEntry], dict[str, str]]:
    """This laptop's entries plus the server's others, oldest first; and device names."""
    seen = {e.hash for e in local}
    merged = list(local)
    for r in remote.entries:
        if r.hash in seen:
            continue
        seen.add(r.hash)
        merged.append(
            AccessEntry(
                seq=r.seq,
                at=r.at or "",
                user_id=r.user_id,
                device_id=r.device_id,
                action=r.action or "",
                entity=r.entity or "",
                record_id=r.record_id,
                citizen_id=remote.citizen_id,
                purpose=r.purpose or "",
                criterion=r.criterion,
                prev_hash="",
                hash=r.hash,
            )
        )
    merged.sort(key=lambda e: (e.at, e.device_id, e.seq))
    return merged, {r.device_id: r.device_name for r in remote.entries}


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """CSV as Danish spreadsheets open it (UTF-8 with BOM, semicolons); written atomically.

    Returns the number of data rows. Cells that a spreadsheet would run as a formula
    (starting with = + - @) are prefixed with an apostrophe.
    """
    count = 0
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=".export-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL)
            writer.writerow([_cell(h) for h in header])
            for row in rows:
                writer.writerow([_cell(v) for v in row])
                count += 1
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text

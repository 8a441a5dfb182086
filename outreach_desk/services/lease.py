"""The offline lease: after too long without reaching the server, the laptop shows no data.

A withdrawn (revoked) laptop learns that it must erase itself only when it next reaches
the server; the lease bounds how long a lost laptop keeps showing citizens' data offline.
IT sets it in the machine policy, the server in its own policy (given at enrolment); the
stricter one applies. Nothing is erased when it runs out: a sync renews it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..store import Store
from ..store.replica import LocalReplica


@dataclass(frozen=True)
class Lease:
    days: int | None  # None: no lease applies (not enrolled, or no policy sets one)
    last_contact: datetime | None

    @property
    def expires_at(self) -> datetime | None:
        if self.days is None or self.last_contact is None:
            return None
        return self.last_contact + timedelta(days=self.days)

    def expired(self, now: datetime) -> bool:
        expiry = self.expires_at
        return expiry is not None and now >= expiry


def _days(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


def current_lease(store: Store, machine_days: int | None) -> Lease:
    """The lease that applies now. A laptop enrolled before leases existed starts one."""
    replica = LocalReplica(store)
    if replica.enrolment() is None:
        return Lease(None, None)  # a standalone laptop has no server to renew it with
    candidates = [
        d
        for d in (_days(machine_days), _days(replica.server_policy().get("offline_lease_days")))
        if d is not None
    ]
    days = min(candidates) if candidates else None
    raw = replica.last_server_contact()
    if raw is None:
        now = store.session.clock().astimezone(UTC)
        replica.note_enrolled(now.isoformat(timespec="seconds"), replica.server_policy())
        return Lease(days, now)
    contact = datetime.fromisoformat(raw)
    if contact.tzinfo is None:
        contact = contact.replace(tzinfo=UTC)
    return Lease(days, contact)

"""Enrol this laptop and sync it: the glue between the store and the Qt-free engine."""

from __future__ import annotations

import base64
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.engine import SyncEngine, SyncReport
from sync.protocol import CitizenAuditResponse, DeviceCredentials, ProtocolError, SyncClient

from .. import __version__
from ..store import Store, StoreError
from ..store.replica import Enrolment, LocalReplica


class NotEnrolled(StoreError):
    """This laptop has not been enrolled with a server yet."""


def _raw_private(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.b64encode(raw).decode("ascii")


def enrol(
    store: Store,
    server_url: str,
    code: str,
    device_name: str,
    ca_file: str | None = None,
) -> Enrolment:
    """Redeem the one-time code; the device key is made here and kept in the encrypted store."""
    key = Ed25519PrivateKey.generate()
    with SyncClient(server_url, ca_file=ca_file) as client:
        answer = client.enrol(code.strip(), device_name, key)
    enrolment = Enrolment(
        server_url=server_url,
        device_id=answer.device_id,
        private_key=_raw_private(key),
        server_public_key=answer.server_public_key,
        user_id=answer.user.id,
        user_name=answer.user.display_name,
        role=answer.user.role,
        team_ids=tuple(t.id for t in answer.teams),
    )
    replica = LocalReplica(store)
    replica.save_enrolment(enrolment)
    enrolled_at = store.session.clock().astimezone(UTC).isoformat(timespec="seconds")
    replica.note_enrolled(enrolled_at, answer.policy)
    return enrolment


def client_for(
    enrolment: Enrolment, ca_file: str | None = None, timeout: float = 30.0
) -> SyncClient:
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(enrolment.private_key))
    credentials = DeviceCredentials(enrolment.device_id, key, enrolment.server_public_key)
    return SyncClient(enrolment.server_url, credentials, ca_file=ca_file, timeout=timeout)


def sync_now(
    store: Store,
    progress: Callable[[str, int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    ca_file: str | None = None,
) -> SyncReport:
    """One full sync. Raises the protocol's errors (offline, revoked, update required)."""
    replica = LocalReplica(store)
    enrolment = replica.enrolment()
    if enrolment is None:
        raise NotEnrolled("This laptop is not enrolled with a server yet.")
    try:
        with client_for(enrolment, ca_file) as client, fewer_collections():
            engine = SyncEngine(
                client, replica, enrolment.device_id, __version__, progress, cancelled
            )
            return engine.run()
    finally:
        # what the sync wrote is copied into the database file now, on the store's own
        # thread, rather than inside a commit of the next sync (or of the next edit)
        store.checkpoint_soon()


SYNC_GC_THRESHOLD = 100_000
"""Allocations between young-generation collections while a sync runs (Python's default
is 700)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """While a sync runs, the garbage collector looks only at the objects made since it
    began, and seldom.

    A full collection walks every object the app holds (tens of milliseconds with a store
    and the window open); one landing in a sync was the slowest syncs' extra time. So the
    objects are frozen, not the collector: what the sync makes is still collected. A pull
    page is some 60,000 objects that live until the page is applied, and at the default
    threshold the collector went over them again and again: about a fifth of a long
    pull's time. The data a sync makes holds no reference cycles (reference counting frees
    it), so collecting seldom costs nothing in memory.

    The threshold is put back only if it is still the one set here, so overlapping syncs
    (tests run several laptops in one process) leave the default in place, in any order.
    """
    saved = gc.get_threshold()
    eased = (SYNC_GC_THRESHOLD, *saved[1:])
    gc.freeze()
    gc.set_threshold(*eased)
    try:
        yield
    finally:
        if gc.get_threshold() == eased:
            gc.set_threshold(*saved)
        gc.unfreeze()


def resolve_conflict(store: Store, conflict_id: str, value: object) -> int | None:
    """Send a person's decision; the chosen value syncs like any other change."""
    enrolment = LocalReplica(store).enrolment()
    if enrolment is None:
        raise NotEnrolled("This laptop is not enrolled with a server yet.")
    with client_for(enrolment) as client:
        return client.resolve_conflict(conflict_id, value).seq


def citizen_access_log(
    store: Store, citizen_id: str, timeout: float = 10.0
) -> CitizenAuditResponse | None:
    """The citizen's access log as every device uploaded it, for a data-subject request.

    None when this laptop cannot have it: not enrolled, the server out of reach, or the user
    may not read it (only a lead of the citizen's team, or an administrator, may). The caller
    then falls back to this laptop's own log and says so.
    """
    enrolment = LocalReplica(store).enrolment()
    if enrolment is None:
        return None
    try:
        with client_for(enrolment, timeout=timeout) as client:
            return client.citizen_audit(citizen_id)
    except ProtocolError:
        return None

"""How far each device has got, so a device working on an old copy of its store is noticed.

A laptop restored from an old backup (or a profile folder copied back) has an op counter and
an access-log chain that are behind what the server already accepted from it. The server
keeps the highest of each; the hello compares them with what the device says it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from sync.protocol.messages import DeviceMarks
from sync.server import schema

_m = schema.device_marks


_READ = select(_m.c.op_counter, _m.c.audit_seq, _m.c.audit_hash).where(
    _m.c.device_id == bindparam("device_id")
)  # built once: every hello reads it


def read(conn: Connection, device_id: str) -> DeviceMarks | None:
    row = conn.execute(_READ, {"device_id": device_id}).first()
    if row is None:
        return None
    return DeviceMarks(int(row.op_counter), int(row.audit_seq), row.audit_hash)


def _save(conn: Connection, device_id: str, now: float, **values: Any) -> None:
    done = conn.execute(
        update(_m).where(_m.c.device_id == device_id).values(updated_at=now, **values)
    )
    if done.rowcount == 0:
        row = {"op_counter": 0, "audit_seq": 0, "audit_hash": None} | values
        try:
            # two server processes may see the first request of a device at once
            with conn.begin_nested():
                conn.execute(insert(_m).values(device_id=device_id, updated_at=now, **row))
        except IntegrityError:
            conn.execute(
                update(_m).where(_m.c.device_id == device_id).values(updated_at=now, **values)
            )


def note_ops(
    conn: Connection, device_id: str, ops: Iterable[Mapping[str, Any]], now: float
) -> None:
    """Remember the highest counter among ``ops`` sent by ``device_id``."""
    counters = [
        op["counter"]
        for op in ops
        if op.get("device_id") == device_id
        and isinstance(op.get("counter"), int)
        and not isinstance(op.get("counter"), bool)
    ]
    if not counters:
        return
    top = max(counters)
    # only ever upwards, decided by the database (concurrent pushes cannot lower it)
    raised = conn.execute(_RAISE_OPS, {"key_device_id": device_id, "top": top, "now": now})
    if raised.rowcount == 0 and read(conn, device_id) is None:
        _save(conn, device_id, now, op_counter=top)


def note_audit_head(
    conn: Connection, device_id: str, seq: int, digest: str | None, now: float
) -> None:
    params = {"key_device_id": device_id, "seq": seq, "digest": digest, "now": now}
    if conn.execute(_SET_AUDIT_HEAD, params).rowcount == 0:
        _save(conn, device_id, now, audit_seq=seq, audit_hash=digest)


# built once: every push and every access-log upload runs one of them
_RAISE_OPS = (
    update(_m)
    .where(_m.c.device_id == bindparam("key_device_id"), _m.c.op_counter < bindparam("top"))
    .values(op_counter=bindparam("top"), updated_at=bindparam("now"))
)
_SET_AUDIT_HEAD = (
    update(_m)
    .where(_m.c.device_id == bindparam("key_device_id"))
    .values(audit_seq=bindparam("seq"), audit_hash=bindparam("digest"), updated_at=bindparam("now"))
)


def rolled_back(server: DeviceMarks | None, device: DeviceMarks | None) -> bool | None:
    """True when the device's store is behind what the server accepted from it."""
    if device is None:
        return None
    if server is None:
        return False
    if device.op_counter < server.op_counter or device.audit_seq < server.audit_seq:
        return True
    # the same length of chain with another head: the chain forked at an older copy
    return device.audit_seq == server.audit_seq and device.audit_hash != server.audit_hash

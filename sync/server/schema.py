"""The server's tables (SQLAlchemy Core), identical on SQLite and PostgreSQL.

Times are unix seconds (float); ids are UUID text. ``change_log.seq`` is the only cursor
devices trust, so it must never be reused (``sqlite_autoincrement`` on SQLite).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from sync.protocol.messages import is_uuid

SCHEMA_VERSION = 3
"""Version of this table layout, stored in ``meta``; ``sync.server.migrations`` brings an
older database up to it."""

metadata = MetaData()
Json = JSON()
"""JSON as written: PostgreSQL ``json`` (text), never ``jsonb``, whose numeric storage turns
``-0.0`` into ``0`` and ``1e16`` into an integer, so a value would not come back to the other
devices as it was sent. Nothing queries inside these columns."""
Seq = BigInteger().with_variant(Integer(), "sqlite")
Id = String(36)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

server_keys = Table(
    "server_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("private_key", Text, nullable=False),
    Column("public_key", Text, nullable=False),
    Column("created_at", Float, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", Float, nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", Id, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
)

team_members = Table(
    "team_members",
    metadata,
    Column("team_id", Id, ForeignKey("teams.id"), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id"), primary_key=True),
    Column("lead", Boolean, nullable=False, default=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", Id, primary_key=True),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("public_key", String(64), nullable=False, unique=True),
    Column("enrolled_at", Float, nullable=False),
    Column("revoked_at", Float),
    Column("last_seen", Float),
)

enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("used_at", Float),
    Column("device_id", Id),
)

nonces = Table(
    "nonces",
    metadata,
    Column("device_id", Id, primary_key=True),
    Column("nonce", String(64), primary_key=True),
    Column("seen_at", Float, nullable=False, index=True),
)

records = Table(
    "records",
    metadata,
    Column("entity", String(32), primary_key=True),
    Column("record_id", Id, primary_key=True),
    Column("partition", Id, nullable=False, index=True),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("version", Seq, nullable=False),
    Column("fields", Json, nullable=False),
    Column("versions", Json, nullable=False),
    Column("updated_at", Float, nullable=False),
)

change_log = Table(
    "change_log",
    metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("change_id", String(32), nullable=False, unique=True),
    Column("entity", String(32), nullable=False),
    Column("record_id", Id, nullable=False),
    Column("partition", Id, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("fields", Json, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("op_id", Id),
    Column("device_id", Id),
    Column("user_id", Id),
    Column("server_time", Float, nullable=False),
    Index("ix_change_log_partition_seq", "partition", "seq"),
    sqlite_autoincrement=True,
)

applied_ops = Table(
    "applied_ops",
    metadata,
    Column("op_id", Id, primary_key=True),
    Column("device_id", Id, nullable=False),
    Column("user_id", Id, nullable=False),
    Column("result", Json, nullable=False),
    Column("applied_at", Float, nullable=False),
)

rejected_ops = Table(
    "rejected_ops",
    metadata,
    Column("op_id", Id, primary_key=True),
    Column("device_id", Id, nullable=False),
    Column("user_id", Id, nullable=False),
    Column("reason", String(64), nullable=False),
    Column("op", Json, nullable=False),
    Column("received_at", Float, nullable=False),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Id, primary_key=True),
    Column("entity", String(32), nullable=False),
    Column("record_id", Id, nullable=False),
    Column("partition", Id, nullable=False, index=True),
    Column("field", String(64), nullable=False),
    Column("base_seq", Seq),
    Column("base_value", Json),
    Column("server_value", Json),
    Column("server_version", Seq),
    Column("server_user_id", Id),
    Column("server_device_id", Id),
    Column("server_time", Float),
    Column("incoming_value", Json),
    Column("incoming_user_id", Id, nullable=False),
    Column("incoming_device_id", Id, nullable=False),
    Column("incoming_hlc", String(64), nullable=False),
    Column("incoming_op_id", Id, nullable=False),
    Column("incoming_time", Float, nullable=False),
    Column("provisional", String(16), nullable=False, default="server"),
    Column("created_at", Float, nullable=False),
    Column("resolved_at", Float),
    Column("resolved_by_user", Id),
    Column("resolved_by_device", Id),
    Column("resolution_value", Json),
    Column("resolution_seq", Seq),
)

audit_entries = Table(
    "audit_entries",
    metadata,
    Column("device_id", Id, primary_key=True),
    Column("seq", Seq, primary_key=True, autoincrement=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("entry", Json, nullable=False),
    Column("received_at", Float, nullable=False),
    # the citizen the entry is about (a UUID, or NULL), copied out of ``entry`` at upload:
    # a data-subject request then reads that citizen's entries by index, not every log
    Column("citizen_id", String(36), nullable=True),
    Index("ix_audit_entries_citizen", "citizen_id"),
)


def entry_citizen(entry: Mapping[str, Any]) -> str | None:
    """``audit_entries.citizen_id`` of an entry: the citizen it names, as a UUID (a device's
    entries are free-form JSON; anything else names nobody)."""
    value = entry.get("citizen_id")
    return value if isinstance(value, str) and is_uuid(value) else None


device_marks = Table(
    "device_marks",
    metadata,
    Column("device_id", Id, primary_key=True),
    # highest op counter received: a store whose own counter is behind it was rolled back
    Column("op_counter", Seq, nullable=False),
    # head of the access-log chain as last accepted: the anchor that shows a truncated chain
    Column("audit_seq", Seq, nullable=False),
    Column("audit_hash", String(64)),
    Column("updated_at", Float, nullable=False),
)
"""How far each device has got, as the server saw it (``sync.server.marks``)."""

audit_superseded = Table(
    "audit_superseded",
    metadata,
    Column("id", Seq, primary_key=True, autoincrement=True),
    Column("device_id", Id, nullable=False, index=True),
    Column("seq", Seq, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("entry", Json, nullable=False),
    Column("received_at", Float, nullable=False),
    Column("superseded_at", Float, nullable=False),
    sqlite_autoincrement=True,
)
"""Access-log entries of a device that was rolled back to an older copy: its chain went on
from the older point, and what the lost copy had uploaded is kept here, never deleted."""

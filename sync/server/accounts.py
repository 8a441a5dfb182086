"""Users, teams, devices and enrolment codes: the administrator's side of access.

Used by the admin CLI and by tests; every function takes the ``Database`` and does one
transaction.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from sync.protocol.messages import Role, TeamInfo
from sync.server import schema
from sync.server.db import Database
from sync.server.errors import AdminError

ROLES: tuple[Role, ...] = ("caseworker", "team_lead", "admin")
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
"""No 0/O, 1/I/L or U/V look-alikes beyond what a caseworker can read aloud safely."""
CODE_LENGTH = 10


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    role: Role
    disabled: bool


@dataclass(frozen=True)
class Team:
    id: str
    name: str


@dataclass(frozen=True)
class Device:
    id: str
    username: str
    name: str
    enrolled_at: float
    revoked_at: float | None
    last_seen: float | None


def normalise_code(code: str) -> str:
    """Codes are typed by people: ignore case, spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch not in " -")


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("utf-8")).hexdigest()


def add_user(db: Database, username: str, display_name: str, role: str) -> User:
    if role not in ROLES:
        raise AdminError(f"role must be one of: {', '.join(ROLES)}")
    if not username.strip() or not display_name.strip():
        raise AdminError("username and name must not be empty")
    user = User(str(uuid.uuid4()), username.strip(), display_name.strip(), role, False)
    try:
        with db.write() as conn:
            conn.execute(
                insert(schema.users).values(
                    id=user.id,
                    username=user.username,
                    display_name=user.display_name,
                    role=user.role,
                    disabled=False,
                    created_at=time.time(),
                )
            )
    except IntegrityError:
        raise AdminError(f"user {username!r} already exists") from None
    return user


def list_users(db: Database) -> list[User]:
    with db.read() as conn:
        rows = conn.execute(select(schema.users).order_by(schema.users.c.username)).all()
    return [User(r.id, r.username, r.display_name, r.role, r.disabled) for r in rows]


def set_user_disabled(db: Database, username: str, disabled: bool) -> None:
    with db.write() as conn:
        result = conn.execute(
            update(schema.users)
            .where(schema.users.c.username == username)
            .values(disabled=disabled)
        )
        if result.rowcount != 1:
            raise AdminError(f"no user {username!r}")


def add_team(db: Database, name: str) -> Team:
    if not name.strip():
        raise AdminError("team name must not be empty")
    team = Team(str(uuid.uuid4()), name.strip())
    try:
        with db.write() as conn:
            conn.execute(
                insert(schema.teams).values(id=team.id, name=team.name, created_at=time.time())
            )
    except IntegrityError:
        raise AdminError(f"team {name!r} already exists") from None
    return team


def list_teams(db: Database) -> list[Team]:
    with db.read() as conn:
        rows = conn.execute(select(schema.teams).order_by(schema.teams.c.name)).all()
    return [Team(r.id, r.name) for r in rows]


def add_member(db: Database, team: str, username: str, lead: bool = False) -> None:
    """Put a user in a team (by team name or id); repeating it only updates ``lead``."""
    with db.write() as conn:
        team_id = _team_id(conn, team)
        user_id = _user_id(conn, username)
        members = schema.team_members
        exists = conn.execute(
            select(members.c.lead).where(members.c.team_id == team_id, members.c.user_id == user_id)
        ).first()
        if exists:
            conn.execute(
                update(members)
                .where(members.c.team_id == team_id, members.c.user_id == user_id)
                .values(lead=lead)
            )
        else:
            conn.execute(insert(members).values(team_id=team_id, user_id=user_id, lead=lead))


def remove_member(db: Database, team: str, username: str) -> None:
    """Take a user out of a team: their devices stop reading and writing its records.

    The team's records stay on the server; what the user's laptops still hold for it is no
    longer updated, and their pending edits to it are rejected with a reason on the next sync.
    """
    with db.write() as conn:
        team_id = _team_id(conn, team)
        user_id = _user_id(conn, username)
        members = schema.team_members
        removed = conn.execute(
            delete(members).where(members.c.team_id == team_id, members.c.user_id == user_id)
        ).rowcount
        if not removed:
            raise AdminError(f"{username!r} is not a member of {team!r}")


# built once: every signed request asks (building a statement costs more than running it)
_USER_TEAMS = (
    select(schema.teams.c.id, schema.teams.c.name, schema.team_members.c.lead)
    .join(schema.team_members, schema.team_members.c.team_id == schema.teams.c.id)
    .where(schema.team_members.c.user_id == bindparam("user_id"))
    .order_by(schema.teams.c.name)
)


def user_teams(conn: Connection, user_id: str) -> list[TeamInfo]:
    """The teams (partitions) a user reads and writes, with their lead flag."""
    rows = conn.execute(_USER_TEAMS, {"user_id": user_id}).all()
    return [TeamInfo(r.id, r.name, bool(r.lead)) for r in rows]


def issue_enrol_code(
    db: Database, username: str, ttl_seconds: int, now: float | None = None
) -> tuple[str, float]:
    """A fresh one-time code for ``username`` and its expiry time. Only its hash is stored."""
    now = time.time() if now is None else now
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    expires = now + ttl_seconds
    with db.write() as conn:
        user_id = _user_id(conn, username)
        conn.execute(
            insert(schema.enrol_codes).values(
                code_hash=hash_code(code), user_id=user_id, created_at=now, expires_at=expires
            )
        )
    return code, expires


def list_devices(db: Database) -> list[Device]:
    d = schema.devices
    with db.read() as conn:
        rows = conn.execute(
            select(d, schema.users.c.username)
            .join(schema.users, schema.users.c.id == d.c.user_id)
            .order_by(d.c.enrolled_at)
        ).all()
    return [
        Device(r.id, r.username, r.name, r.enrolled_at, r.revoked_at, r.last_seen) for r in rows
    ]


def revoke_device(db: Database, device_id: str, now: float | None = None) -> None:
    """Revoke; the device is told to wipe itself the next time it makes contact."""
    with db.write() as conn:
        result = conn.execute(
            update(schema.devices)
            .where(schema.devices.c.id == device_id, schema.devices.c.revoked_at.is_(None))
            .values(revoked_at=time.time() if now is None else now)
        )
        if result.rowcount != 1:
            known = conn.execute(
                select(schema.devices.c.id).where(schema.devices.c.id == device_id)
            ).first()
            raise AdminError(
                f"device {device_id} is already revoked" if known else f"no device {device_id}"
            )


def status(db: Database) -> dict[str, Any]:
    """Counts an operator wants to see at a glance."""
    s = schema
    with db.read() as conn:

        def count(table: Any, *where: Any) -> int:
            return int(
                conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
            )

        return {
            "epoch": conn.execute(select(s.meta.c.value).where(s.meta.c.key == "epoch")).scalar(),
            "server_public_key": conn.execute(select(s.server_keys.c.public_key)).scalar(),
            "users": count(s.users),
            "teams": count(s.teams),
            "devices_active": count(s.devices, s.devices.c.revoked_at.is_(None)),
            "devices_revoked": count(s.devices, s.devices.c.revoked_at.is_not(None)),
            "records": count(s.records),
            "high_water": int(
                conn.execute(select(func.coalesce(func.max(s.change_log.c.seq), 0))).scalar_one()
            ),
            "open_conflicts": count(s.conflicts, s.conflicts.c.resolved_at.is_(None)),
            "rejected_ops": count(s.rejected_ops),
        }


def _user_id(conn: Connection, username: str) -> str:
    user_id = conn.execute(
        select(schema.users.c.id).where(schema.users.c.username == username)
    ).scalar()
    if user_id is None:
        raise AdminError(f"no user {username!r}")
    return str(user_id)


def _team_id(conn: Connection, team: str) -> str:
    team_id = conn.execute(
        select(schema.teams.c.id).where(or_(schema.teams.c.name == team, schema.teams.c.id == team))
    ).scalar()
    if team_id is None:
        raise AdminError(f"no team {team!r}")
    return str(team_id)

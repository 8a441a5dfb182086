"""Who is calling: enrolment of a device, and the check of every signed request.

The order of checks matters: the signature is verified before anything about the device is
revealed, a revoked device gets its wipe instruction even with a wrong clock, and the nonce is
recorded in the database (not in memory) so replays are caught across server processes.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from sync.protocol import errors as codes
from sync.protocol.codec import encode
from sync.protocol.errors import InvalidMessage
from sync.protocol.messages import EnrolRequest, EnrolResponse, UserInfo, is_uuid
from sync.protocol.signing import (
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    canonical_request,
    decode_public_key,
    sign_wipe_instruction,
    verify_signature,
)
from sync.server import schema
from sync.server.accounts import hash_code, user_teams
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.identity import ServerIdentity

log = logging.getLogger("sync.server.auth")
_NONCE = re.compile(r"^[0-9a-f]{32}$")

# Built once: every signed request runs them (building a statement costs more than running it).
_d, _u, _n = schema.devices, schema.users, schema.nonces
_DEVICE = (
    select(_d.c.public_key, _d.c.revoked_at, _d.c.user_id, _u.c.role, _u.c.disabled)
    .join(_u, _u.c.id == _d.c.user_id)
    .where(_d.c.id == bindparam("device_id"))
)
_NOTE_NONCE = insert(_n)
_SEEN = update(_d).where(_d.c.id == bindparam("device_id")).values(last_seen=bindparam("last_seen"))
_FORGET_NONCES = delete(_n).where(_n.c.seen_at < bindparam("before"))


@dataclass(frozen=True)
class Actor:
    """The authenticated device and what its user may touch."""

    device_id: str
    user_id: str
    role: str
    teams: frozenset[str]
    lead_teams: frozenset[str]


def enrol(
    db: Database,
    identity: ServerIdentity,
    request: EnrolRequest,
    policy: Mapping[str, object],
    now: float,
) -> EnrolResponse:
    """Redeem a one-time code for a new device of the code's user."""
    try:
        decode_public_key(request.device_public_key)  # refuse a malformed key up front
    except InvalidMessage as exc:
        raise ApiError(400, codes.INVALID_REQUEST, exc.message) from None
    codes_t, users = schema.enrol_codes, schema.users
    device_id = str(uuid.uuid4())
    try:
        with db.write() as conn:
            row = conn.execute(
                select(
                    codes_t, users.c.username, users.c.display_name, users.c.role, users.c.disabled
                )
                .join(users, users.c.id == codes_t.c.user_id)
                .where(codes_t.c.code_hash == hash_code(request.code))
            ).first()
            if row is None:
                raise ApiError(401, codes.ENROL_CODE_INVALID, "unknown enrolment code")
            if row.used_at is not None:
                raise ApiError(401, codes.ENROL_CODE_USED, "this enrolment code was already used")
            if row.expires_at < now:
                raise ApiError(401, codes.ENROL_CODE_EXPIRED, "this enrolment code has expired")
            if row.disabled:
                raise ApiError(403, codes.USER_DISABLED, "the user is disabled")
            claimed = conn.execute(
                update(codes_t)
                .where(codes_t.c.code_hash == row.code_hash, codes_t.c.used_at.is_(None))
                .values(used_at=now, device_id=device_id)
            )
            if claimed.rowcount != 1:  # another request redeemed it a moment ago
                raise ApiError(401, codes.ENROL_CODE_USED, "this enrolment code was already used")
            conn.execute(
                insert(schema.devices).values(
                    id=device_id,
                    user_id=row.user_id,
                    name=request.device_name,
                    public_key=request.device_public_key,
                    enrolled_at=now,
                    last_seen=now,
                )
            )
            teams = user_teams(conn, row.user_id)
    except IntegrityError:
        raise ApiError(409, codes.INVALID_REQUEST, "this device key is already enrolled") from None
    log.info("enrolled device %s for user %s", device_id, row.user_id)
    return EnrolResponse(
        device_id=device_id,
        user=UserInfo(row.user_id, row.username, row.display_name, row.role),
        teams=teams,
        server_public_key=identity.public_key,
        policy=dict(policy),
    )


def authenticate(
    db: Database,
    identity: ServerIdentity,
    *,
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    now: float,
    skew: int,
) -> Actor:
    """Check a signed request and record its nonce; raise ``ApiError`` when refused."""
    device_id = headers.get(HEADER_DEVICE.lower(), "")
    nonce = headers.get(HEADER_NONCE.lower(), "")
    signature = headers.get(HEADER_SIGNATURE.lower(), "")
    try:
        timestamp = int(headers.get(HEADER_TIMESTAMP.lower(), ""))
    except ValueError:
        timestamp = None
    if not device_id or not signature or timestamp is None or not _NONCE.match(nonce):
        raise ApiError(401, codes.MISSING_AUTH, "signed request headers missing or malformed")

    if not is_uuid(device_id):
        raise ApiError(401, codes.UNKNOWN_DEVICE, "unknown device")
    message = canonical_request(method, path, timestamp, nonce, body)
    row: Any = None
    known = db.device_keys.get(device_id)
    if known is None:
        with db.read() as conn:
            row = conn.execute(_DEVICE, {"device_id": device_id}).first()
        if row is None:
            _refuse(device_id, codes.UNKNOWN_DEVICE)
            raise ApiError(401, codes.UNKNOWN_DEVICE, "unknown device")
        key = decode_public_key(row.public_key)
        _check(identity, device_id, key, signature, message, row, timestamp, now, skew)
        db.device_keys[device_id] = key  # a device's key never changes: verified, it is kept
    elif not verify_signature(known, signature, message):
        _refuse(device_id, codes.BAD_SIGNATURE)
        raise ApiError(401, codes.BAD_SIGNATURE, "signature does not verify")

    try:
        with db.write() as conn:
            if known is not None:  # the rest is read fresh, in the same transaction
                row = conn.execute(_DEVICE, {"device_id": device_id}).first()
                if row is None:
                    _refuse(device_id, codes.UNKNOWN_DEVICE)
                    raise ApiError(401, codes.UNKNOWN_DEVICE, "unknown device")
                _check(identity, device_id, None, signature, message, row, timestamp, now, skew)
            conn.execute(_NOTE_NONCE, {"device_id": device_id, "nonce": nonce, "seen_at": now})
            conn.execute(_SEEN, {"device_id": device_id, "last_seen": now})
            if db.nonce_sweep_due(now):
                # A nonce older than two windows can no longer pass the timestamp check.
                conn.execute(_FORGET_NONCES, {"before": now - 2 * skew - 60})
            teams = user_teams(conn, row.user_id)
    except IntegrityError:
        _refuse(device_id, codes.REPLAYED_REQUEST)
        raise ApiError(401, codes.REPLAYED_REQUEST, "this request was already received") from None
    return Actor(
        device_id=device_id,
        user_id=row.user_id,
        role=row.role,
        teams=frozenset(t.id for t in teams),
        lead_teams=frozenset(t.id for t in teams if t.lead),
    )


def _check(
    identity: ServerIdentity,
    device_id: str,
    key: Ed25519PublicKey | None,
    signature: str,
    message: bytes,
    row: Any,
    timestamp: int,
    now: float,
    skew: int,
) -> None:
    """Refuse a request by its device's row: signature (unless ``key`` is None: checked
    already), revocation (with a wipe instruction), time window, disabled user, in order."""
    if key is not None and not verify_signature(key, signature, message):
        _refuse(device_id, codes.BAD_SIGNATURE)
        raise ApiError(401, codes.BAD_SIGNATURE, "signature does not verify")
    if row.revoked_at is not None:
        wipe = sign_wipe_instruction(identity.private_key, device_id, int(now))
        _refuse(device_id, codes.DEVICE_REVOKED)
        raise ApiError(403, codes.DEVICE_REVOKED, "this device has been revoked", wipe=encode(wipe))
    if abs(now - timestamp) > skew:
        _refuse(device_id, codes.STALE_REQUEST)
        raise ApiError(
            401, codes.STALE_REQUEST, "request time is outside the window", server_time=now
        )
    if row.disabled:
        _refuse(device_id, codes.USER_DISABLED)
        raise ApiError(403, codes.USER_DISABLED, "the user is disabled")


def _refuse(device_id: str, code: str) -> None:
    log.warning("refused request from device %s: %s", device_id, code)

"""Initialise a server database once, and load what makes this server itself.

The epoch is a random id made at ``init``; the Ed25519 key signs wipe instructions, so a device
can tell its own server's order to erase itself from anybody else's.
"""

from __future__ import annotations

import base64
import time
import uuid
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import insert, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from sync.protocol.signing import encode_public_key
from sync.server import schema
from sync.server.db import Database
from sync.server.errors import AdminError
from sync.server.migrations import upgrade


@dataclass(frozen=True)
class ServerIdentity:
    epoch: str
    private_key: Ed25519PrivateKey
    public_key: str
    """Base64 raw public key, as handed to devices at enrolment."""


def initialise(db: Database) -> bool:
    """Create tables, epoch and server key if missing, else bring the tables up to date
    (``migrations.upgrade``); True if this call created them."""
    db.create_tables()
    with db.write() as conn:
        if conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "epoch")).first():
            upgrade(conn)
            return False
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        now = time.time()
        conn.execute(
            insert(schema.meta),
            [
                {"key": "epoch", "value": uuid.uuid4().hex},
                {"key": "schema_version", "value": str(schema.SCHEMA_VERSION)},
                {"key": "initialised_at", "value": repr(now)},
            ],
        )
        conn.execute(
            insert(schema.server_keys).values(
                id=1,
                private_key=base64.b64encode(raw).decode("ascii"),
                public_key=encode_public_key(key.public_key()),
                created_at=now,
            )
        )
    return True


def load_identity(db: Database) -> ServerIdentity:
    """The epoch and key; ``AdminError`` if ``outreach-sync init`` has not been run."""
    try:
        with db.read() as conn:
            epoch = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == "epoch")
            ).scalar()
            key_row = conn.execute(
                select(schema.server_keys.c.private_key).where(schema.server_keys.c.id == 1)
            ).scalar()
    except (OperationalError, ProgrammingError):
        epoch = key_row = None
    if epoch is None or key_row is None:
        raise AdminError(f"database {db.safe_url()} is not initialised; run: outreach-sync init")
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(key_row))
    return ServerIdentity(epoch, key, encode_public_key(key.public_key()))

"""The encrypted local store: the only copy of a caseworker's day until it syncs.

A profile folder holds ``store.db`` (SQLCipher), ``store.key`` (the wrapped key) and
``unlock-state.json`` (the wrong-passphrase counter). Open with the passphrase; lock
by closing, which zeroes the key.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
import sqlite_utils

from ..domain.enums import AccessAction, Purpose
from ..domain.errors import FieldError, ValidationError
from ..domain.ids import uuid7
from . import keys, migrations
from .audit import AccessLog
from .caseload import Caseload
from .checkpoint import WalCheckpointer
from .connection import cipher_integrity_errors, configure, open_encrypted
from .context import StoreContext
from .errors import (
    StoreClosed,
    StoreExists,
    StoreNotFound,
    UnlockDelayed,
    WrongPassphrase,
    translated,
)
from .memory import release_freed_memory
from .outbox import Outbox
from .repositories import (
    AddendumRepository,
    CitizenRepository,
    ConsentRepository,
    EffortRepository,
    FollowUpRepository,
    GoalRepository,
    NoteRepository,
    PlaceRepository,
    PlanRepository,
    RatingRepository,
)
from .reviews import ReviewRepository
from .search import fts_query
from .session import Clock, Session, utc_now
from .throttle import UnlockThrottle

DB_NAME = "store.db"
KEY_NAME = "store.key"
THROTTLE_NAME = "unlock-state.json"
MIN_PASSPHRASE = 10


@dataclass(frozen=True)
class ProfilePaths:
    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / DB_NAME

    @property
    def header(self) -> Path:
        return self.folder / KEY_NAME

    @property
    def throttle(self) -> Path:
        return self.folder / THROTTLE_NAME

    def exists(self) -> bool:
        return self.database.exists() or self.header.exists()


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    rid: int
    title: str
    rank: float


def passphrase_errors(passphrase: str) -> list[FieldError]:
    if len(passphrase) < MIN_PASSPHRASE:
        return [
            FieldError(
                "passphrase",
                "too_short",
                f"The passphrase must be at least {MIN_PASSPHRASE} characters long. "
                "A few ordinary words in a row are easy to remember and hard to guess.",
                {"minimum": MIN_PASSPHRASE},
            )
        ]
    return []


class Store:
    def __init__(
        self,
        paths: ProfilePaths,
        conn: Any,
        dek: bytearray,
        session: Session,
        *,
        connect_again: Callable[[], Any] | None = None,
    ) -> None:
        """``connect_again`` opens a second connection to the same database (for the
        checkpoint thread); by default an encrypted one with this store's key."""
        self.paths = paths
        self._conn: Any = conn
        self._dek = dek
        self.session = session
        self._checkpointer = WalCheckpointer(
            connect_again or (lambda: open_encrypted(paths.database, dek)),
            str(paths.database),
        )
        db = sqlite_utils.Database(conn)
        self._ctx = StoreContext(conn, db, session, Outbox(conn, session), AccessLog(conn, session))
        self.places = PlaceRepository(self._ctx)
        self.citizens = CitizenRepository(self._ctx)
        self.notes = NoteRepository(self._ctx)
        self.addenda = AddendumRepository(self._ctx)
        self.plans = PlanRepository(self._ctx)
        self.goals = GoalRepository(self._ctx)
        self.efforts = EffortRepository(self._ctx)
        self.ratings = RatingRepository(self._ctx)
        self.consents = ConsentRepository(self._ctx)
        self.followups = FollowUpRepository(self._ctx)
        self.reviews = ReviewRepository(self._ctx)
        self.caseload = Caseload(self._ctx)

    # --- lifecycle ----------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        *,
        user_id: str,
        user_name: str,
        team_ids: tuple[str, ...],
        kdf: keys.KdfParams | None = None,
        clock: Clock = utc_now,
    ) -> Store:
        """A new, empty store. Refuses to overwrite an existing one."""
        paths = ProfilePaths(folder)
        errors = passphrase_errors(passphrase)
        if errors:
            raise ValidationError(errors)
        if paths.exists():
            raise StoreExists("There is already a store in this profile. Nothing was changed.")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        dek = keys.new_dek()
        header = keys.wrap(dek, passphrase, kdf or keys.calibrate(), keys.new_store_id())
        try:
            keys.write_header(paths.header, header)
            conn = open_encrypted(paths.database, dek)
            migrations.migrate(conn)
            device_id = uuid7()
            meta = {
                "user_id": user_id,
                "user_name": user_name,
                "team_ids": json.dumps(list(team_ids)),
                "device_id": device_id,
                "store_id": header.store_id,
            }
            with translated():
                conn.execute("BEGIN")
                conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta.items())
                conn.execute("COMMIT")
        except BaseException:
            # nothing was stored yet, so nothing is lost by cleaning up a half-made profile
            with contextlib.suppress(Exception):
                conn.close()
            for path in (paths.header, paths.database):
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        Path(str(path) + suffix).unlink()
            keys.zero(dek)
            raise
        session = Session(user_id, user_name, device_id, tuple(team_ids), clock=clock)
        return cls(paths, conn, dek, session)

    @classmethod
    def open(
        cls,
        folder: Path,
        passphrase: str,
        *,
        clock: Clock = utc_now,
        throttle: UnlockThrottle | None = None,
    ) -> Store:
        """Unlock the store. Wrong passphrase, delays and damage are distinct errors."""
        paths = ProfilePaths(folder)
        if not paths.database.exists() and not paths.header.exists():
            raise StoreNotFound("There is no store in this profile yet.")
        throttle = throttle or UnlockThrottle(paths.throttle)
        remaining = throttle.remaining()
        if remaining > 0:
            raise UnlockDelayed(remaining, throttle.failures)
        header = keys.read_header(paths.header)
        try:
            dek = keys.unwrap(header, passphrase)
        except keys.BadPassphrase:
            failures, delay = throttle.record_failure()
            raise WrongPassphrase(failures, delay) from None
        throttle.reset()
        if not paths.database.exists():
            keys.zero(dek)
            raise StoreNotFound("The database file is missing from the profile.")
        try:
            conn = open_encrypted(paths.database, dek)
            migrations.migrate(conn)
            with translated():
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except BaseException:
            keys.zero(dek)
            raise
        session = Session(
            meta["user_id"],
            meta["user_name"],
            meta["device_id"],
            tuple(json.loads(meta["team_ids"])),
            clock=clock,
        )
        return cls(paths, conn, dek, session)

    @classmethod
    def open_plaintext_for_benchmark(cls, path: Path, session: Session) -> Store:
        """The same store code on stdlib sqlite3, to measure what encryption costs.

        Never used by the app: the store refuses plaintext everywhere else.
        """

        # the same SQLite build as the encrypted store, only without a key: the difference
        # in the figures is the cipher and nothing else
        def connect() -> Any:
            conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
            configure(conn)
            return conn

        conn = connect()
        migrations.migrate(conn)
        paths = ProfilePaths(path.parent)
        return cls(paths, conn, bytearray(32), session, connect_again=connect)

    def close(self) -> None:
        """Lock: checkpoint, close the connection and zero the key."""
        if self._conn is None:
            return
        self._checkpointer.stop()  # (its thread reads the key)
        with contextlib.suppress(Exception):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        self._conn = None
        keys.zero(self._dek)
        release_freed_memory()

    def crypto_erase(self) -> None:
        """Make the data unreadable for good: the wrapped key first, then the database.

        Without the key file the database is random bytes; removing it as well frees the
        disk. Used when the server orders a revoked laptop to wipe itself.
        """
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        keys.zero(self._dek)
        header = self.paths.header
        if header.exists():
            size = header.stat().st_size
            with header.open("r+b") as handle:
                handle.write(os.urandom(max(size, 64)))
                handle.flush()
                os.fsync(handle.fileno())
            header.unlink()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(self.paths.database) + suffix).unlink()
        with contextlib.suppress(FileNotFoundError):
            self.paths.throttle.unlink()

    def checkpoint_soon(self) -> None:
        """Have the write-ahead log copied into the database file now, on the store's
        checkpoint thread, instead of inside whichever later commit fills the log. Called
        after a sync (the most the store writes at once); a no-op once locked."""
        if self._conn is not None:
            self._checkpointer.request()

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the same database key; the database itself is not re-encrypted."""
        self._require_open()
        errors = passphrase_errors(new)
        if errors:
            raise ValidationError(errors)
        header = keys.read_header(self.paths.header)
        try:
            current = keys.unwrap(header, old)
        except keys.BadPassphrase:
            raise WrongPassphrase(1, 0) from None
        try:
            keys.write_header(
                self.paths.header, keys.wrap(current, new, header.kdf, header.store_id)
            )
        finally:
            keys.zero(current)

    def _require_open(self) -> None:
        if self._conn is None:
            raise StoreClosed("The store is locked.")

    # --- access ---------------------------------------------------------------------
    @property
    def context(self) -> StoreContext:
        self._require_open()
        return self._ctx

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self._require_open()
        with self._ctx.transaction():
            yield

    @contextlib.contextmanager
    def purpose(self, purpose: Purpose) -> Iterator[None]:
        """Look things up for a stated purpose; it is written into the access log."""
        previous = self.session.purpose
        self.session.purpose = purpose
        try:
            yield
        finally:
            self.session.purpose = previous

    @property
    def outbox(self) -> Outbox:
        return self.context.outbox

    @property
    def access_log(self) -> AccessLog:
        return self.context.access_log

    def schema_version(self) -> int:
        self._require_open()
        return migrations.version(self._conn)

    def integrity_errors(self) -> list[str]:
        """Pages that fail authentication (damage or tampering); empty when intact."""
        self._require_open()
        with translated():
            return cipher_integrity_errors(self._conn)

    # --- search ---------------------------------------------------------------------
    def search_citizens(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Name, nickname, CPR and usual places; prefix on the last word. Logged."""
        match = fts_query(text)
        with self.transaction():
            hits: list[SearchHit] = []
            if match is not None:
                rows = self._ctx.query(
                    "SELECT c.id, c.rid, CASE WHEN c.name != '' AND c.nickname != ''"
                    " THEN c.name || ' (' || c.nickname || ')' ELSE c.name || c.nickname END"
                    " AS title, f.rank FROM citizens_fts AS f JOIN citizens AS c ON c.rid = f.rowid"
                    " WHERE citizens_fts MATCH ? AND c.deleted_at IS NULL ORDER BY f.rank LIMIT ?",
                    (match, limit),
                )
                hits = [SearchHit(r["id"], r["rid"], r["title"], r["rank"]) for r in rows]
            self._ctx.access_log.append(AccessAction.SEARCH, "citizen", criterion=text)
        return hits

    def search_notes(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Full text of notes, their agreements and addenda, newest first. Logged.

        A journal is read newest first, and ranking every match of a common word by
        relevance costs tens of milliseconds on 200,000 notes; the newest matches come
        straight from the index.
        """
        match = fts_query(text, prefix_last=False)
        with self.transaction():
            hits: list[SearchHit] = []
            if match is not None:
                rows = self._ctx.query(
                    "SELECT n.id, n.rid, substr(n.text, 1, 80) AS title, 0.0 AS rank"
                    " FROM (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?"
                    " ORDER BY rowid DESC LIMIT ?) AS f JOIN notes AS n ON n.rid = f.rowid"
                    " WHERE n.deleted_at IS NULL ORDER BY n.rid DESC",
                    (match, limit),
                )
                hits = [SearchHit(r["id"], r["rid"], r["title"], r["rank"]) for r in rows]
            self._ctx.access_log.append(AccessAction.SEARCH, "note", criterion=text)
        return hits

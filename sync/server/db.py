"""Engine set-up and the three kinds of transaction the server uses.

* ``read()``: a consistent snapshot for queries.
* ``write()``: a write transaction; on SQLite it takes the write lock up front (BEGIN IMMEDIATE)
  so a read-then-write transaction cannot fail half-way with a busy snapshot.
* ``change_write()``: a write that appends to the change log. On PostgreSQL it first takes a
  transaction-level advisory lock, so seqs are handed out and committed one transaction at a
  time: seq order equals commit order and a reader can never skip a transaction that commits
  late. SQLite has a single writer, so it needs nothing more.

On SQLite, writes append to the write-ahead log and a thread of the database's own copies the
log into the database file after them (``_Checkpointer``), instead of the writer itself.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sync.protocol import wirejson
from sync.server.schema import metadata

CHANGE_LOG_LOCK = 0x6F7574726561  # arbitrary, constant: the key of the change-log advisory lock
_IMMEDIATE = "outreach_sqlite_immediate"
_BACKSTOP_PAGES = 10_000
"""Log size (pages) at which a writer checkpoints itself, should the checkpointer lag."""
_IDLE_SECONDS = 5.0
"""The checkpointer's thread ends after this long without writes (another starts later)."""
_GATHER_SECONDS = 0.25
"""After a checkpoint, writes of the next moment wait to share the next one: a sync's few
requests, or a busy server's many, do not each pay for a checkpoint (and its disk syncs)."""
_QUIET_SECONDS = 0.03
_SETTLE_SECONDS = 1.0
"""A checkpoint waits for writes to pause this long, but not longer than ``_SETTLE_SECONDS``."""
_NONCE_SWEEP_SECONDS = 60.0
"""How often a process forgets nonces too old to be replayed (``Database.nonce_sweep_due``)."""

log = logging.getLogger("sync.server.db")


class Database:
    """One engine plus transaction helpers; cheap to share between threads."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.digests: dict[str, Any] = {}
        """Partition digests this process remembers (``feed.partition_summaries``): derived
        from the rows and checked against them before use, so processes need not agree."""
        self.device_keys: dict[str, Any] = {}
        """Each device's public key once a request of it verified (``auth.authenticate``): a
        device's key never changes, and all else about it is read with every request."""
        self._next_nonce_sweep = 0.0
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {
            "hide_parameters": True,  # never put values in error text
            "json_serializer": wirejson.dumps_text,
            "json_deserializer": wirejson.loads,
        }
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        self._checkpointer: _Checkpointer | None = None
        if self.is_sqlite:
            _configure_sqlite(self.engine)
            if parsed.database and parsed.database != ":memory:":
                self._checkpointer = _Checkpointer(self.engine, parsed.database)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{_IMMEDIATE: True})
            with conn.begin():
                yield conn
        if self._checkpointer is not None:
            self._checkpointer.nudge()

    @contextmanager
    def change_write(self) -> Iterator[Connection]:
        with self.write() as conn:
            if not self.is_sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOG_LOCK})
            yield conn

    def nonce_sweep_due(self, now: float) -> bool:
        """True about once a minute: the time to forget nonces too old to pass the time
        window check again. Each process sweeps on its own; a nonce kept longer only takes
        room (replay protection is the unique row, not the sweep)."""
        if now < self._next_nonce_sweep:
            return False
        self._next_nonce_sweep = now + _NONCE_SWEEP_SECONDS
        return True

    def create_tables(self) -> None:
        metadata.create_all(self.engine)

    def dispose(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self.engine.dispose()

    def safe_url(self) -> str:
        """The URL with any password hidden, fit for output."""
        return make_url(self.url).render_as_string(hide_password=True)


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, and BEGIN issued by us (pysqlite's implicit BEGIN is unreliable)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA wal_autocheckpoint={_BACKSTOP_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class _Checkpointer:
    """Copies SQLite's write-ahead log into the database file after writes, on its own thread.

    A checkpoint waits for the disk (it syncs the log and the file), and SQLite's automatic
    one runs inside the commit of whichever write fills the log: for a large push, most of its
    commit. Here a finished write only wakes this thread, and the checkpoint (PASSIVE: it never
    waits for readers or writers) runs while the next request is served. Durability is as
    before (``synchronous=NORMAL``: a commit is in the log, the checkpoint makes it part of the
    file). The automatic checkpoint stays as a backstop at a larger log size.
    """

    def __init__(self, engine: Engine, path: str) -> None:
        self._engine = engine
        self.thread_name = f"sqlite-checkpoint {path}"
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def nudge(self) -> None:
        """A write committed: checkpoint soon."""
        with self._lock:
            if self._stopped:
                return
            self._wake.set()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name=self.thread_name, daemon=True
                )
                self._thread.start()

    def stop(self) -> None:
        """Finish the checkpoint under way, if any; no more after this."""
        with self._lock:
            self._stopped = True
            thread = self._thread
            self._wake.set()
            self._stop.set()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            woken = self._wake.wait(_IDLE_SECONDS)
            with self._lock:
                if self._stopped or not woken:
                    self._thread = None
                    return
                self._wake.clear()
            self._settle()
            self._checkpoint()
            self._stop.wait(_GATHER_SECONDS)

    def _settle(self) -> None:
        """Wait for a pause in the writes (``_QUIET_SECONDS``, for at most ``_SETTLE_SECONDS``):
        a request's later writes (a push after its authentication) then do not share the disk
        with the checkpoint's syncs, which come once the request is answered."""
        deadline = time.monotonic() + _SETTLE_SECONDS
        while time.monotonic() < deadline:
            if not self._wake.wait(_QUIET_SECONDS):
                return
            with self._lock:
                if self._stopped:
                    return
                self._wake.clear()

    def _checkpoint(self) -> None:
        try:
            raw = self._engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
            finally:
                raw.close()
        except (DBAPIError, sqlite3.Error) as exc:  # the backstop takes over; try again next time
            log.warning("WAL checkpoint failed: %s", type(exc).__name__)

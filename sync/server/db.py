"""Engine set-up and the three kinds of transaction the server uses.

* ``read()``: a consistent snapshot for queries.
* ``write()``: a write transaction; on SQLite it takes the write lock up front (BEGIN IMMEDIATE)
  so a read-then-write transaction cannot fail half-way with a busy snapshot.
* ``change_write()``: a write that appends to the change log. On PostgreSQL it first takes a
  transaction-level advisory lock, so seqs are handed out and committed one transaction at a
  time: seq order equals commit order and a reader can never skip a transaction that commits
  late. SQLite has a single writer, so it needs nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from sync.protocol import wirejson
from sync.server.schema import metadata

CHANGE_LOG_LOCK = 0x6F7574726561  # arbitrary, constant: the key of the change-log advisory lock
_IMMEDIATE = "outreach_sqlite_immediate"


class Database:
    """One engine plus transaction helpers; cheap to share between threads."""

    def __init__(self, url: str) -> None:
        self.url = url
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
        if self.is_sqlite:
            _configure_sqlite(self.engine)

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

    @contextmanager
    def change_write(self) -> Iterator[Connection]:
        with self.write() as conn:
            if not self.is_sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOG_LOCK})
            yield conn

    def create_tables(self) -> None:
        metadata.create_all(self.engine)

    def dispose(self) -> None:
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
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

"""Copying the store's write-ahead log into the database file on a thread of its own.

SQLite's automatic checkpoint runs inside the commit that fills the log: that commit copies
every page of the log into the database file and waits for the disk twice, which made one
incremental sync in four or five half again as slow as the others. The store now asks for a
checkpoint once a sync is done (:meth:`~outreach_desk.store.Store.checkpoint_soon`); this
thread runs it (PASSIVE: it never waits for the store's own reads and writes, and they never
wait for it) on a second connection of its own, open while the thread runs (it ends a few
seconds after the last request, and when the store locks). The automatic checkpoint stays as a
backstop at a larger log (``connection.WAL_BACKSTOP_PAGES``): a laptop offline for days, or
the first sync of a new laptop, still keeps its log bounded.

Nothing committed depends on this thread: a commit is complete once it is in the log, and a
checkpoint cut short by a crash is simply done again from the log when the store next opens.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import sqlcipher3

from .errors import StoreError

IDLE_SECONDS = 5.0
"""The thread ends after this long without a request (another starts with the next one)."""

log = logging.getLogger(__name__)


class WalCheckpointer:
    """One store's checkpoint thread: started by :meth:`request`, ended by :meth:`stop`."""

    def __init__(self, connect: Callable[[], Any], name: str) -> None:
        self._connect = connect
        self.thread_name = f"store-checkpoint {name}"
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.done = 0
        """Checkpoints completed (for tests and diagnostics)."""

    def request(self) -> None:
        """Checkpoint as soon as the thread gets to it; a no-op once stopped."""
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
        """Let a checkpoint under way finish; none after this. The store calls it before it
        closes its connection and zeroes its key (the thread reads the key to connect)."""
        with self._lock:
            self._stopped = True
            thread = self._thread
            self._wake.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _run(self) -> None:
        conn: Any = None
        try:
            while True:
                woken = self._wake.wait(IDLE_SECONDS)
                with self._lock:
                    if self._stopped or not woken:
                        self._thread = None
                        return
                    self._wake.clear()
                conn = self._checkpoint(conn)
        finally:
            if conn is not None:
                conn.close()

    def _checkpoint(self, conn: Any) -> Any:
        """One checkpoint on ``conn`` (opened first if None); the connection to use next."""
        try:
            if conn is None:
                conn = self._connect()
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except (sqlcipher3.Error, StoreError, OSError) as exc:
            # the automatic checkpoint is the backstop; the next request tries again
            log.warning("store checkpoint failed: %s", type(exc).__name__)
            if conn is not None:
                conn.close()
            return None
        self.done += 1
        return conn

"""What every repository needs: the connection, the session, the outbox and the log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .audit import AccessLog
from .errors import translated
from .outbox import Outbox
from .session import Session


@dataclass
class StoreContext:
    conn: Any
    db: sqlite_utils.Database
    session: Session
    outbox: Outbox
    access_log: AccessLog

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested calls become savepoints. Driver errors are translated."""
        with translated(), self.db.atomic():
            yield

    def query(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        with translated():
            return list(self.db.query(sql, params))

    def now_iso(self) -> str:
        return self.session.clock().isoformat(timespec="microseconds")

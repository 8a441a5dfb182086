"""A repository per entity, sharing one mechanism for writes.

Every write: validate, write the row, write one outbox entry with exactly the changed
fields, and append to the access log, all in one transaction. Deletes are soft
(``deleted_at``) and leave a tombstone for sync. Subclasses add the rules and the
queries of their entity.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Generic, TypeVar

from ..domain.enums import AccessAction
from ..domain.errors import FieldError, ValidationError
from .codec import JSON, from_row, row_to_wire, to_column, to_wire
from .context import StoreContext
from .errors import RecordNotFound

T = TypeVar("T")


class Repository(Generic[T]):
    entity: ClassVar[str]
    table: ClassVar[str]
    cls: type[Any]
    label: ClassVar[str] = "record"
    personal: ClassVar[bool] = True
    append_only: ClassVar[bool] = False
    bulk_columns: ClassVar[str] = "*"
    """The columns ``_after_write_many`` reads (the stored row as a whole, unless it says)."""

    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx
        self._fields = [f.name for f in dataclasses.fields(self.cls)]

    # --- hooks for subclasses -------------------------------------------------------
    def _validate(self, obj: T) -> None:
        errors = obj.errors()  # type: ignore[attr-defined]
        if errors:
            raise ValidationError(errors)

    def _before_update(self, old: T, new: T) -> None:
        """Refuse a change the entity's rules forbid (for example a final note)."""

    def _partition(self, obj: T) -> str:
        raise NotImplementedError

    def _citizen_ids(self, obj: T) -> tuple[str, ...]:
        return ()

    def _after_write(self, obj: T, rid: int) -> None:
        """Keep derived tables (search, join tables) in step, in the same transaction."""

    def _after_delete(self, obj: T, rid: int) -> None:
        self._after_write(obj, rid)

    def _after_write_many(self, rows: list[dict[str, Any]], fresh: bool = False) -> None:
        """``_after_write`` for many stored rows at once (a page of synced changes);
        repositories with derived tables override it to do the work in bulk. ``fresh``: the
        rows were just inserted, so nothing derived from them is stored yet."""
        for row in rows:
            self._after_write(self._load(row), row["rid"])

    # --- reads ------------------------------------------------------------------------
    def _row(self, record_id: str, include_deleted: bool = False) -> dict[str, Any] | None:
        sql = f"SELECT * FROM {self.table} WHERE id = ?"
        if not include_deleted:
            sql += " AND deleted_at IS NULL"
        rows = self._ctx.query(sql, (record_id,))
        return rows[0] if rows else None

    def _load(self, row: dict[str, Any]) -> T:
        return from_row(self.cls, {k: row[k] for k in self._fields})  # type: ignore[no-any-return]

    def _find(self, record_id: str) -> T | None:
        row = self._row(record_id)
        return self._load(row) if row else None

    def _where(self, clause: str, params: tuple[Any, ...] = (), order: str = "rid") -> list[T]:
        rows = self._ctx.query(
            f"SELECT * FROM {self.table} WHERE deleted_at IS NULL AND ({clause}) ORDER BY {order}",
            params,
        )
        return [self._load(r) for r in rows]

    def _log(self, action: AccessAction, obj: T, criterion: str | None = None) -> None:
        if not self.personal:
            return
        record_id = getattr(obj, "id", None)
        citizens = self._citizen_ids(obj) or (None,)
        for citizen_id in citizens:
            self._ctx.access_log.append(action, self.entity, record_id, citizen_id, criterion)

    def _read_logged(
        self,
        items: list[T],
        citizen_ids: tuple[str, ...],
        action: AccessAction = AccessAction.READ,
        criterion: str | None = None,
    ) -> list[T]:
        """A list read of personal data: one log entry per citizen it is about."""
        if self.personal:
            with self._ctx.transaction():
                for citizen_id in citizen_ids or (None,):
                    self._ctx.access_log.append(action, self.entity, None, citizen_id, criterion)
        return items

    def get(self, record_id: str) -> T:
        """The record, logged as a read of personal data with the session's purpose."""
        with self._ctx.transaction():
            obj = self._find(record_id)
            if obj is None:
                raise RecordNotFound(self.label)
            self._log(AccessAction.READ, obj)
        return obj

    def exists(self, record_id: str) -> bool:
        return self._row(record_id) is not None

    def count(self) -> int:
        rows = self._ctx.query(f"SELECT count(*) AS n FROM {self.table} WHERE deleted_at IS NULL")
        return int(rows[0]["n"])

    # --- writes -----------------------------------------------------------------------
    def add(self, obj: T) -> T:
        self._validate(obj)
        wire = to_wire(obj)
        now = self._ctx.now_iso()
        columns = [*self._fields, "created_at", "updated_at"]
        values = [to_column(wire[f]) for f in self._fields] + [now, now]
        with self._ctx.transaction():
            cursor = self._ctx.conn.execute(
                f"INSERT INTO {self.table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                values,
            )
            rid = int(cursor.lastrowid)
            kind = "append" if self.append_only else "upsert"
            self._ctx.outbox.record(self.entity, wire["id"], self._partition(obj), kind, wire)
            self._log(AccessAction.CREATE, obj)
            self._after_write(obj, rid)
        return obj

    def update(self, obj: T) -> T:
        """Write the changed fields only; no change, no outbox entry."""
        record_id: str = getattr(obj, "id")  # noqa: B009
        with self._ctx.transaction():
            row = self._row(record_id)
            if row is None:
                raise RecordNotFound(self.label)
            old = self._load(row)
            self._before_update(old, obj)
            self._validate(obj)
            before = row_to_wire(self.cls, row)
            changed = self._changed(before, obj)
            if not changed:
                return obj
            self._ctx.outbox.remember_server_values(
                self.entity, record_id, {name: before[name] for name in changed}
            )
            assignments = ", ".join(f"{name} = ?" for name in changed)
            self._ctx.conn.execute(
                f"UPDATE {self.table} SET {assignments}, updated_at = ? WHERE rid = ?",
                [*(to_column(v) for v in changed.values()), self._ctx.now_iso(), row["rid"]],
            )
            self._ctx.outbox.record(self.entity, record_id, self._partition(obj), "upsert", changed)
            self._log(AccessAction.CHANGE, obj)
            self._after_write(obj, row["rid"])
        return obj

    def _changed(self, before: dict[str, JSON], obj: T) -> dict[str, JSON]:
        after = to_wire(obj)
        return {name: after[name] for name in self._fields if before[name] != after[name]}

    def delete(self, record_id: str) -> None:
        """Soft delete: the row stays as a tombstone, the id is never reused."""
        with self._ctx.transaction():
            row = self._row(record_id)
            if row is None:
                raise RecordNotFound(self.label)
            obj = self._load(row)
            self._before_delete(obj)
            self._ctx.conn.execute(
                f"UPDATE {self.table} SET deleted_at = ?, updated_at = ? WHERE rid = ?",
                (self._ctx.now_iso(), self._ctx.now_iso(), row["rid"]),
            )
            self._ctx.outbox.record(self.entity, record_id, self._partition(obj), "delete", {})
            self._log(AccessAction.DELETE, obj)
            self._after_delete(obj, row["rid"])

    def _before_delete(self, obj: T) -> None:
        if self.append_only:
            raise ValidationError(
                [FieldError("id", "append_only", f"A {self.label} cannot be deleted once saved.")]
            )

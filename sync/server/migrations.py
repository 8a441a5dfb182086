"""Bring an existing server database up to the table layout of this version.

``meta.schema_version`` records the layout a database has. ``initialise`` (so ``init``, and
``serve`` before it starts) runs the steps after it, in one transaction: PostgreSQL changes
tables transactionally, so a failed step leaves the old layout and the old version. The
``schema_version`` row is locked first, so several servers starting at once upgrade once.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import JSON, Connection, bindparam, insert, inspect, select, text, update

from sync.server import schema
from sync.server.errors import AdminError

Step = Callable[[Connection], None]


def json_columns() -> dict[str, list[str]]:
    """Table name -> its JSON columns, as declared in ``schema``."""
    found: dict[str, list[str]] = {}
    for table in schema.metadata.sorted_tables:
        names = [c.name for c in table.columns if isinstance(c.type, JSON)]
        if names:
            found[table.name] = names
    return found


def _json_kept_as_written(conn: Connection) -> None:
    """Version 2: PostgreSQL JSON columns become ``json`` instead of ``jsonb``.

    Values keep what ``jsonb`` made of them (a ``-0.0`` already stored stays ``0``); new
    values are kept exactly. SQLite stores JSON as text already.
    """
    if conn.dialect.name != "postgresql":
        return
    declared = json_columns()
    rows = conn.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND data_type = 'jsonb'"
        )
    )
    to_alter: dict[str, list[str]] = {}
    for table, column in rows:
        if column in declared.get(table, ()):
            to_alter.setdefault(table, []).append(column)
    quote = conn.dialect.identifier_preparer.quote
    for table, columns in sorted(to_alter.items()):
        clauses = ", ".join(
            f"ALTER COLUMN {quote(c)} TYPE json USING {quote(c)}::json" for c in sorted(columns)
        )
        conn.execute(text(f"ALTER TABLE {quote(table)} {clauses}"))


def _audit_entries_by_citizen(conn: Connection) -> None:
    """Version 3: ``audit_entries.citizen_id``, filled from each stored entry, and indexed."""
    table = schema.audit_entries
    found = inspect(conn)
    if "citizen_id" not in {c["name"] for c in found.get_columns(table.name)}:
        conn.execute(text("ALTER TABLE audit_entries ADD COLUMN citizen_id VARCHAR(36)"))
    rows = conn.execute(
        select(table.c.device_id, table.c.seq, table.c.entry).where(table.c.citizen_id.is_(None))
    ).all()
    filled = [
        {"d": r.device_id, "s": r.seq, "c": citizen}
        for r in rows
        if isinstance(r.entry, dict) and (citizen := schema.entry_citizen(r.entry)) is not None
    ]
    if filled:
        conn.execute(
            update(table)
            .where(table.c.device_id == bindparam("d"), table.c.seq == bindparam("s"))
            .values(citizen_id=bindparam("c")),
            filled,
        )
    if "ix_audit_entries_citizen" not in {i["name"] for i in found.get_indexes(table.name)}:
        index = next(i for i in table.indexes if i.name == "ix_audit_entries_citizen")
        index.create(conn)


STEPS: list[tuple[int, Step]] = [(2, _json_kept_as_written), (3, _audit_entries_by_citizen)]
"""(the version a step brings a database to, the step), in order."""


def upgrade(conn: Connection) -> int:
    """Run the steps a database of an older layout needs; return the version it had.

    A newer layout is refused (``AdminError``): an older server must not write into it. For a
    transaction of ``Database.write()`` on an initialised database. A database without
    a ``schema_version`` row predates it and has version 1.
    """
    m = schema.meta
    stored = conn.execute(
        select(m.c.value).where(m.c.key == "schema_version").with_for_update()
    ).scalar()
    version = 1 if stored is None else int(stored)
    if version > schema.SCHEMA_VERSION:
        raise AdminError(
            f"the database has table layout {version}, newer than this server's"
            f" ({schema.SCHEMA_VERSION}); upgrade the server"
        )
    for target, step in STEPS:
        if version < target:
            step(conn)
    if version < schema.SCHEMA_VERSION:
        value = str(schema.SCHEMA_VERSION)
        if stored is None:
            conn.execute(insert(m).values(key="schema_version", value=value))
        else:
            conn.execute(update(m).where(m.c.key == "schema_version").values(value=value))
    return version

"""Many rows written in one driver call, for the large writes of a push batch.

SQLAlchemy prepares every parameter of every row in Python (type processors, JSON, the
parameter dictionary), which for a 500-op batch costs more than the database's own work.
These statements are built once per table and dialect, JSON is written with ``wirejson``,
and the rows go to the driver's ``executemany`` as tuples. Identical on SQLite and
PostgreSQL; only the parameter marker and the ``json`` cast differ (PostgreSQL ``json`` keeps the
text as written, see schema.py). On PostgreSQL new rows go in by ``COPY`` instead: psycopg's
``executemany`` still handles each row's parameters in Python, ``COPY`` writes them in C.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import JSON, Connection, Table

from sync.protocol import wirejson


@functools.cache
def _insert_sql(table: Table, dialect: str) -> tuple[str, tuple[str, ...], frozenset[str]]:
    names = tuple(c.name for c in table.columns)
    json_columns = frozenset(c.name for c in table.columns if isinstance(c.type, JSON))
    markers = ", ".join(_marker(name in json_columns, dialect) for name in names)
    columns = ", ".join(f'"{name}"' for name in names)
    return f'INSERT INTO "{table.name}" ({columns}) VALUES ({markers})', names, json_columns


@functools.cache
def _copy_sql(table: Table) -> tuple[str, tuple[str, ...], frozenset[str]]:
    names = tuple(c.name for c in table.columns)
    json_columns = frozenset(c.name for c in table.columns if isinstance(c.type, JSON))
    columns = ", ".join(f'"{name}"' for name in names)
    return f'COPY "{table.name}" ({columns}) FROM STDIN', names, json_columns


@functools.cache
def _update_sql(
    table: Table, dialect: str, keys: tuple[str, ...], values: tuple[str, ...]
) -> tuple[str, frozenset[str]]:
    json_columns = frozenset(c.name for c in table.columns if isinstance(c.type, JSON))
    assignments = ", ".join(
        f'"{name}" = {_marker(name in json_columns, dialect)}' for name in values
    )
    where = " AND ".join(f'"{name}" = {_marker(False, dialect)}' for name in keys)
    return f'UPDATE "{table.name}" SET {assignments} WHERE {where}', json_columns


@functools.cache
def _insert_columns_sql(table: Table, dialect: str, names: tuple[str, ...]) -> str:
    json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
    markers = ", ".join(_marker(name in json_columns, dialect) for name in names)
    columns = ", ".join(f'"{name}"' for name in names)
    return f'INSERT INTO "{table.name}" ({columns}) VALUES ({markers})'


def _marker(json: bool, dialect: str) -> str:
    if dialect == "postgresql":
        return "CAST(%s AS json)" if json else "%s"
    return "?"


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """``conn.execute(insert(table), rows)``; every row names every column (None for NULL)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, table, rows)
        return
    sql, names, json_columns = _insert_sql(table, conn.dialect.name)
    conn.exec_driver_sql(sql, _values(rows, names, json_columns))


def insert_values(
    conn: Connection, table: Table, names: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> None:
    """``insert_rows`` for rows made as tuples of the ``names`` columns' values, JSON
    already written out (``wirejson.dumps_text``): a batch that builds its rows itself
    spares making a dictionary of each and reading it back."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        columns = ", ".join(f'"{name}"' for name in names)
        _copy(conn, f'COPY "{table.name}" ({columns}) FROM STDIN', rows)
        return
    conn.exec_driver_sql(_insert_columns_sql(table, conn.dialect.name, names), rows)


def select_where_in(
    conn: Connection,
    table: Table,
    columns: tuple[str, ...],
    key: str,
    values: Sequence[str],
    equal: Mapping[str, Any] | None = None,
) -> list[tuple[Any, ...]]:
    """The ``columns`` of the rows whose ``key`` is one of ``values`` (text) and whose
    ``equal`` columns hold the values given, asked with the whole list as one parameter:
    ``= ANY(...)`` on PostgreSQL, ``json_each`` on SQLite. SQLAlchemy's expanding ``IN``
    renders a parameter per value into the statement on every call, which for a push
    batch's 500 ids costs more than the lookup itself.

    JSON columns come back as the driver gives them: text on SQLite, parsed on PostgreSQL
    (``json_value`` reads either)."""
    if not values:
        return []
    pg = conn.dialect.name == "postgresql"
    marker = "%s" if pg else "?"
    names = ", ".join(f'"{name}"' for name in columns)
    where = [f'"{name}" = {marker}' for name in equal or {}]
    if pg:
        where.append(f'"{key}" = ANY(%s)')
        listed: Any = list(values)
    else:
        where.append(f'"{key}" IN (SELECT value FROM json_each(?))')
        listed = wirejson.dumps_text(list(values))
    sql = f'SELECT {names} FROM "{table.name}" WHERE {" AND ".join(where)}'
    return list(conn.exec_driver_sql(sql, (*(equal or {}).values(), listed)))


def json_value(stored: Any) -> Any:
    """A JSON column's value as ``select_where_in`` read it: parsed if it came as text."""
    return wirejson.loads(stored) if type(stored) is str else stored


def _copy_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """``insert_rows`` on PostgreSQL, in the connection's transaction (a JSON column takes
    the text as written, as ``CAST(... AS json)`` does)."""
    sql, names, json_columns = _copy_sql(table)
    _copy(conn, sql, _values(rows, names, json_columns))


def _copy(conn: Connection, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    cursor = cast(Any, conn.connection.cursor())  # psycopg's own cursor
    try:
        with cursor.copy(sql) as copy:
            for values in rows:
                copy.write_row(values)
    finally:
        cursor.close()


def update_rows(
    conn: Connection,
    table: Table,
    keys: tuple[str, ...],
    values: tuple[str, ...],
    rows: Sequence[Mapping[str, Any]],
) -> None:
    """For each row, set the ``values`` columns of the row whose ``keys`` columns match."""
    if not rows:
        return
    sql, json_columns = _update_sql(table, conn.dialect.name, keys, values)
    conn.exec_driver_sql(sql, _values(rows, values + keys, json_columns))


def update_values(
    conn: Connection,
    table: Table,
    keys: tuple[str, ...],
    values: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """``update_rows`` for rows made as tuples: the ``values`` columns' values, then the
    ``keys`` columns', JSON already written out (as for ``insert_values``)."""
    if not rows:
        return
    sql, _ = _update_sql(table, conn.dialect.name, keys, values)
    conn.exec_driver_sql(sql, rows)


def _values(
    rows: Sequence[Mapping[str, Any]], names: tuple[str, ...], json_columns: frozenset[str]
) -> list[tuple[Any, ...]]:
    """Each row's values in the order of ``names``, JSON columns written out as text."""
    get = operator.itemgetter(*names)
    if len(names) == 1:
        return [(wirejson.dumps_text(v) if json_columns else v,) for v in map(get, rows)]
    json_at = [i for i, name in enumerate(names) if name in json_columns]
    dumps = wirejson.dumps_text
    out: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(get(row))
        for i in json_at:
            values[i] = dumps(values[i])
        out.append(tuple(values))
    return out

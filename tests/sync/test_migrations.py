"""A server database made by an older version is brought up to date by ``initialise`` (run by
``init`` and before ``serve``), keeping its data, epoch and key."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import select, text, update

from sync.server import accounts, migrations, schema
from sync.server.db import Database
from sync.server.errors import AdminError
from sync.server.identity import initialise, load_identity
from sync.server.settings import Settings
from tests.sync.conftest import Server, World, make_op, running_server

EDGE_FLOATS = {"neg_zero": -0.0, "big": 1e16, "huge": 1.7976931348623157e308}
ORDINARY = {"wish": "Bolig før jul", "count": 2**53 + 1, "nested": {"b": [1, 0.1], "a": None}}


def _stored_version(db: Database) -> int:
    with db.read() as conn:
        m = schema.meta
        return int(conn.execute(select(m.c.value).where(m.c.key == "schema_version")).scalar_one())


def _pg_json_types(db: Database) -> set[str]:
    """The PostgreSQL types of the columns ``schema`` declares as JSON."""
    with db.read() as conn:
        rows = conn.execute(
            text(
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
                " WHERE table_schema = current_schema()"
            )
        ).all()
    declared = migrations.json_columns()
    found = {(t, c): d for t, c, d in rows if c in declared.get(t, ())}
    assert len(found) == sum(len(c) for c in declared.values())
    return set(found.values())


def _as_version_1(db: Database) -> None:
    """What an older server's ``init`` left: ``jsonb`` columns on PostgreSQL, version 1."""
    with db.write() as conn:
        if not db.is_sqlite:
            for table, columns in migrations.json_columns().items():
                clauses = ", ".join(
                    f"ALTER COLUMN {c} TYPE jsonb USING {c}::jsonb" for c in columns
                )
                conn.execute(text(f"ALTER TABLE {table} {clauses}"))
        m = schema.meta
        conn.execute(update(m).where(m.c.key == "schema_version").values(value="1"))


@contextmanager
def _serving(db: Database, teams: tuple[str, str]) -> Iterator[World]:
    """A running server on ``db`` and its world; clients closed, server stopped after."""
    settings = Settings(database_url=db.url)
    with running_server(db, settings) as url:
        world = World(Server(url, db, load_identity(db), settings), *teams)
        try:
            yield world
        finally:
            for client in world.clients:
                client.close()


def _pushed_and_pulled(world: World, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` pushed by a device of anna, as a device of bo pulls them (the last change)."""
    anna, bo = world.device("anna"), world.device("bo")
    op = make_op(anna, "plan", str(uuid.uuid4()), world.team_a, values)
    (result,) = anna.push([op]).results
    assert result.status == "applied"
    change = bo.pull(0).changes[-1]
    return {name: f.value for name, f in change.fields.items()}


def test_an_older_database_is_upgraded_keeping_its_data(db_url: str) -> None:
    """A version-1 database (``jsonb`` on PostgreSQL) with a change in it: after a restart
    with this version the change is still served, equal, and new values keep their exact JSON
    form (``-0.0``, ``1e16`` stay floats)."""
    old = Database(db_url)
    assert initialise(old) is True
    assert _stored_version(old) == schema.SCHEMA_VERSION == 3
    if not old.is_sqlite:
        assert _pg_json_types(old) == {"json"}
    _as_version_1(old)
    if not old.is_sqlite:
        assert _pg_json_types(old) == {"jsonb"}
    teams = (accounts.add_team(old, "Team A").id, accounts.add_team(old, "Team B").id)
    for username in ("anna", "bo"):
        accounts.add_user(old, username, username.title(), "caseworker")
        accounts.add_member(old, "Team A", username)
    epoch = load_identity(old).epoch
    sent = {**ORDINARY, **EDGE_FLOATS}
    with _serving(old, teams) as world:
        before = _pushed_and_pulled(world, sent)
    old.dispose()
    # jsonb sorted the object's keys, made edge floats integers and dropped -0.0's sign: the
    # values are equal, not identical
    assert {n: before[n] for n in ORDINARY} == ORDINARY
    assert {n: float(before[n]) for n in EDGE_FLOATS} == EDGE_FLOATS

    new = Database(db_url)
    try:
        assert initialise(new) is False
        assert _stored_version(new) == schema.SCHEMA_VERSION
        if not new.is_sqlite:
            assert _pg_json_types(new) == {"json"}
        assert load_identity(new).epoch == epoch
        assert initialise(new) is False  # again: nothing left to do
        with _serving(new, teams) as world:
            (kept,) = world.device("bo").pull(0).changes
            assert {n: f.value for n, f in kept.fields.items()} == before
            after = _pushed_and_pulled(world, sent)
        assert repr(after) == repr(sent)  # key order, float types and signs as sent
    finally:
        new.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_database_newer_than_the_server_is_refused(db_url: str) -> None:
    db = Database(db_url)
    try:
        initialise(db)
        with db.write() as conn:
            m = schema.meta
            newer = str(schema.SCHEMA_VERSION + 1)
            conn.execute(update(m).where(m.c.key == "schema_version").values(value=newer))
        with pytest.raises(AdminError, match="upgrade the server"):
            initialise(db)
        assert _stored_version(db) == schema.SCHEMA_VERSION + 1
    finally:
        db.dispose()

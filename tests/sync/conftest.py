"""Fixtures for the sync tests: real databases (SQLite file, throwaway PostgreSQL cluster) and
a real uvicorn server on 127.0.0.1, plus a small world of teams, users and enrolled devices."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, text

from sync.protocol import FieldChange, Op, SyncClient
from sync.server import Settings, accounts, create_app
from sync.server.db import Database
from sync.server.identity import ServerIdentity, initialise, load_identity

# -- PostgreSQL ------------------------------------------------------------------------------


@dataclass
class PgCluster:
    socket_dir: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}"

    def create_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        engine = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return name

    def drop_database(self, name: str) -> None:
        engine = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throwaway cluster owned by ``postgres`` (initdb refuses to run as root)."""
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        pytest.skip("PostgreSQL (initdb/pg_ctl) is not installed")
    base = tempfile.mkdtemp(prefix="pg")
    shutil.chown(base, "postgres")
    data = f"{base}/data"
    as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_pg, "initdb", "-D", data, "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    options = f"-k {base} -c listen_addresses='' -c fsync=off -c max_connections=200"
    subprocess.run(
        [*as_pg, "pg_ctl", "-D", data, "-o", options, "-l", f"{base}/log", "start", "-w"],
        check=True,
        capture_output=True,
    )
    try:
        yield PgCluster(base)
    finally:
        subprocess.run(
            [*as_pg, "pg_ctl", "-D", data, "stop", "-m", "fast"], check=False, capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


# -- a real server ---------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    db: Database
    identity: ServerIdentity
    settings: Settings


def free_socket() -> socket.socket:
    """A bound TCP socket (proto named, so asyncio turns Nagle off on what it accepts)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running_server(db: Database, settings: Settings, app: Any = None) -> Iterator[str]:
    """uvicorn on a free 127.0.0.1 port in a background thread; yields its base URL."""
    app = app or create_app(settings, db)
    sock = free_socket()
    runner = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=runner.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not runner.started:
        if not thread.is_alive():
            raise RuntimeError("server did not start")
        thread.join(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        runner.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def server(db_url: str) -> Iterator[Server]:
    """A real server on an initialised database, stopped after the test."""
    db = Database(db_url)
    initialise(db)
    settings = Settings(database_url=db_url, policy={"offline_lease_days": 14})
    try:
        with running_server(db, settings) as url:
            yield Server(url, db, load_identity(db), settings)
    finally:
        db.dispose()


# -- a small world ---------------------------------------------------------------------------


@dataclass
class World:
    """Team A (caseworkers anna and bo, lead lise) and team B (caseworker carl)."""

    server: Server
    team_a: str
    team_b: str
    clients: list[SyncClient] = field(default_factory=list)

    def device(self, username: str, name: str = "laptop") -> SyncClient:
        """A freshly enrolled client for ``username``."""
        code, _ = accounts.issue_enrol_code(self.server.db, username, 900)
        client = SyncClient(self.server.url)
        client.enrol(code, name, Ed25519PrivateKey.generate())
        self.clients.append(client)
        return client


@pytest.fixture
def world(server: Server) -> Iterator[World]:
    db = server.db
    team_a = accounts.add_team(db, "Team A").id
    team_b = accounts.add_team(db, "Team B").id
    for username, role, team, lead in [
        ("anna", "caseworker", "Team A", False),
        ("bo", "caseworker", "Team A", False),
        ("lise", "team_lead", "Team A", True),
        ("carl", "caseworker", "Team B", False),
    ]:
        accounts.add_user(db, username, username.title(), role)
        accounts.add_member(db, team, username, lead=lead)
    w = World(server, team_a, team_b)
    yield w
    for client in w.clients:
        client.close()


def make_op(
    client: SyncClient,
    entity: str,
    record_id: str,
    partition: str,
    fields: dict[str, Any],
    *,
    kind: str = "upsert",
    bases: Mapping[str, int | None] | None = None,
    counter: int = 1,
) -> Op:
    """An op from ``client``'s device; ``bases`` gives per-field base versions."""
    assert client.credentials is not None
    bases = bases or {}
    return Op(
        op_id=str(uuid.uuid4()),
        device_id=client.credentials.device_id,
        counter=counter,
        entity=entity,
        record_id=record_id,
        partition=partition,
        kind=kind,  # type: ignore[arg-type]
        fields={n: FieldChange(v, bases.get(n)) for n, v in fields.items()},
        hlc="0001-test",
    )


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def pair(world: World, tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """Anna's and bo's laptops (real encrypted stores), enrolled with the server."""
    from tests.sync.laptops import laptop  # laptops builds on this module

    anna, bo = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "bo")
    yield anna, bo
    anna.store.close()
    bo.store.close()

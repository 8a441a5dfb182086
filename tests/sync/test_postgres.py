"""PostgreSQL specifics: change-log seq order equals commit order, and several server
processes can share one database."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, text

from sync.protocol import PullRequest, SyncClient, sign_request
from sync.server import accounts, feed
from sync.server.auth import Actor
from sync.server.db import Database
from sync.server.identity import initialise
from sync.server.store import Author, Record, append_change
from tests.sync.conftest import free_socket, make_op, new_id

pytestmark = pytest.mark.postgres
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    db = Database(pg_url)
    initialise(db)
    yield db
    db.dispose()


def _append(conn: Connection, team: str) -> int:
    record = Record("plan", new_id(), team)
    author = Author(new_id(), None)
    fields = {"wish": ("x", None)}
    return append_change(
        conn, record, partition=team, kind="upsert", fields=fields, author=author, now=time.time()
    )


def _reader(db: Database, team: str) -> Actor:
    return Actor(new_id(), new_id(), "caseworker", frozenset({team}), frozenset())


def _pull(db: Database, actor: Actor, after: int) -> tuple[list[int], int]:
    with db.read() as conn:
        page = feed.pull(conn, actor, PullRequest(after=after), "epoch")
    return [c.seq for c in page.changes], page.next


def _wait_for_lock_waiter(db: Database) -> None:
    """Until some transaction is queued on an advisory lock (no sleeps as guesses)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with db.read() as conn:
            waiting = conn.execute(
                text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            ).scalar_one()
        if waiting:
            return
        time.sleep(0.01)
    raise AssertionError("the second writer never waited for the change-log lock")


def test_reader_never_skips_a_late_commit(pg_db: Database) -> None:
    """T1 takes a seq first but commits last; a reader following its cursor still sees it."""
    team = new_id()
    actor = _reader(pg_db, team)
    t1_seq: list[int] = []
    t2_seq: list[int] = []
    t1_go = threading.Event()
    t1_has_seq = threading.Event()

    def t1() -> None:
        with pg_db.change_write() as conn:
            t1_seq.append(_append(conn, team))
            t1_has_seq.set()
            t1_go.wait(10)

    def t2() -> None:
        with pg_db.change_write() as conn:  # blocks until T1 commits
            t2_seq.append(_append(conn, team))

    first = threading.Thread(target=t1)
    first.start()
    t1_has_seq.wait(10)
    second = threading.Thread(target=t2)
    second.start()
    _wait_for_lock_waiter(pg_db)
    seen, cursor = _pull(pg_db, actor, 0)
    assert seen == [] and cursor == 0  # nothing committed yet, cursor stays put
    t1_go.set()
    first.join(10)
    second.join(10)
    seen, cursor = _pull(pg_db, actor, cursor)
    assert seen == [t1_seq[0], t2_seq[0]]
    assert t1_seq[0] < t2_seq[0]


def test_without_the_lock_a_reader_would_skip_a_late_commit(pg_db: Database) -> None:
    """The hazard the lock exists for, shown with plain transactions (no advisory lock)."""
    team = new_id()
    actor = _reader(pg_db, team)
    with pg_db.engine.connect() as slow:
        slow_tx = slow.begin()
        late_seq = _append(slow, team)  # takes the smaller seq, commits last
        with pg_db.write() as fast:
            early_seq = _append(fast, team)
        seen, cursor = _pull(pg_db, actor, 0)
        assert seen == [early_seq] and cursor == early_seq
        slow_tx.commit()
    seen, _ = _pull(pg_db, actor, cursor)
    assert late_seq < early_seq and seen == []  # skipped for ever


@contextmanager
def _server_process(db_url: str, log: Path) -> Iterator[str]:
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "sync.server", "--db", db_url, "serve", "--port", str(port)]
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"server did not start:\n{log.read_text()}")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(15)


def test_two_server_processes_share_one_database(pg_db: Database, tmp_path: Path) -> None:
    team = accounts.add_team(pg_db, "Team A").id
    for name in ("anna", "bo"):
        accounts.add_user(pg_db, name, name.title(), "caseworker")
        accounts.add_member(pg_db, "Team A", name)
    with (
        _server_process(pg_db.url, tmp_path / "one.log") as one,
        _server_process(pg_db.url, tmp_path / "two.log") as two,
    ):
        anna = SyncClient(one)
        anna.enrol(
            accounts.issue_enrol_code(pg_db, "anna", 900)[0], "a", Ed25519PrivateKey.generate()
        )
        bo = SyncClient(two)
        bo.enrol(accounts.issue_enrol_code(pg_db, "bo", 900)[0], "b", Ed25519PrivateKey.generate())
        assert anna.credentials is not None
        anna_on_two = SyncClient(two, anna.credentials)

        # A request seen by one process is a replay to the other.
        body = b"{}"
        headers = sign_request(
            anna.credentials.private_key, anna.credentials.device_id, "POST", "/v1/sync/pull", body
        )
        assert httpx.post(f"{one}/v1/sync/pull", content=body, headers=headers).status_code == 200
        replay = httpx.post(f"{two}/v1/sync/pull", content=body, headers=headers)
        assert replay.json()["error"]["code"] == "replayed_request"

        # Both processes take writes at once; a reader following its cursor misses nothing.
        pushed: list[int] = []
        done = threading.Event()
        seen: list[int] = []

        def writer(client: SyncClient) -> None:
            for _ in range(15):
                ops = [make_op(client, "plan", new_id(), team, {"wish": "w"}) for _ in range(3)]
                pushed.extend(r.seq or 0 for r in client.push(ops).results)

        def reader() -> None:
            cursor = 0
            reading = SyncClient(two, anna.credentials)
            while True:
                finished = done.is_set()
                page = reading.pull(cursor, limit=50)
                seen.extend(c.seq for c in page.changes)
                cursor = page.next
                if finished and not page.more:
                    break
            reading.close()

        threads = [threading.Thread(target=writer, args=(c,)) for c in (anna, bo)]
        follower = threading.Thread(target=reader)
        follower.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        done.set()
        follower.join(60)
        assert len(pushed) == 90 and 0 not in pushed
        assert seen == sorted(pushed)
        assert [c.seq for c in anna_on_two.pull(0, limit=1000).changes] == sorted(pushed)
        for client in (anna, bo, anna_on_two):
            client.close()

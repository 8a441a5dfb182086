"""Each partition's sync digest, kept by triggers as the laptop's sync records change.

Whatever the replica does to ``sync_records`` (insert, the upsert it notes versions with,
a move to another team, a tombstone, a delete), the kept count and sum must equal the
digest computed from scratch over the records, the one the server computes too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_desk.store import Store, StoreError, migrations
from outreach_desk.store.connection import open_encrypted
from outreach_desk.store.keys import new_dek
from outreach_desk.store.replica import _NOTE_VERSION, LocalReplica
from outreach_desk.store.sync_sums import SET_ASIDE_FROM, note_versions
from sync.protocol.digest import RecordVersion, partition_sum_digest, sum_summary

PARTITIONS = ("team-a", "team-b", "team-c")
ENTITIES = ("citizen", "note", "plan")


def _from_scratch(conn: Any) -> dict[str, tuple[int, str]]:
    held: dict[str, list[RecordVersion]] = {}
    for partition, entity, record_id, version, deleted in conn.execute(
        "SELECT partition, entity, record_id, version, deleted FROM sync_records"
    ):
        held.setdefault(partition, []).append(RecordVersion(entity, record_id, version, deleted))
    return {
        p: (d.count, d.hash) for p, d in ((p, partition_sum_digest(r)) for p, r in held.items())
    }


def _triggers(conn: Any) -> list[tuple[str, str]]:
    return conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        " AND tbl_name = 'sync_records' ORDER BY name"
    ).fetchall()


def _kept(store: Store) -> dict[str, tuple[int, str]]:
    return {
        p: (s.count, s.hash)
        for p, (count, total) in LocalReplica(store).partition_sums().items()
        if count  # a partition whose records all left keeps a zero row
        for s in [sum_summary(count, total)]
    }


_line = st.tuples(
    st.sampled_from(ENTITIES),
    st.integers(0, 6).map(lambda n: f"r{n}"),
    st.sampled_from(PARTITIONS),
    st.integers(1, 6),
    st.integers(0, 1),
)
"""A line of a page: the same record may come more than once, older, newer or at the same
version (then its deleted flag is the later line's)."""

_action = st.one_of(
    st.tuples(
        st.just("note"),
        st.sampled_from(ENTITIES),
        st.integers(0, 6),
        st.sampled_from(PARTITIONS),
        st.integers(1, 40),
        st.booleans(),
    ),
    st.tuples(
        st.just("move"), st.sampled_from(ENTITIES), st.integers(0, 6), st.sampled_from(PARTITIONS)
    ),
    st.tuples(st.just("delete"), st.sampled_from(ENTITIES), st.integers(0, 6)),
    st.tuples(st.just("leave"), st.sampled_from(PARTITIONS)),
    st.tuples(st.just("page"), st.lists(_line, max_size=12)),
    st.tuples(st.just("page"), st.lists(_line, min_size=SET_ASIDE_FROM, max_size=90)),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=st.lists(_action, max_size=40))
def test_kept_sums_equal_the_digest_from_scratch(
    store: Store, actions: list[tuple[Any, ...]]
) -> None:
    conn = store.context.conn
    triggers = _triggers(conn)
    with store.transaction():
        conn.execute("DELETE FROM sync_records")
    for action in actions:
        with store.transaction():
            if action[0] == "note":
                _, entity, n, partition, version, deleted = action
                conn.execute(_NOTE_VERSION, (entity, f"r{n}", partition, version, int(deleted)))
            elif action[0] == "move":
                _, entity, n, partition = action
                conn.execute(
                    "UPDATE sync_records SET partition = ? WHERE entity = ? AND record_id = ?",
                    (partition, entity, f"r{n}"),
                )
            elif action[0] == "delete":
                _, entity, n = action
                conn.execute(
                    "DELETE FROM sync_records WHERE entity = ? AND record_id = ?", (entity, f"r{n}")
                )
            elif action[0] == "page":
                note_versions(conn, action[1])  # the sums moved once for the whole page
            else:
                conn.execute("DELETE FROM sync_records WHERE partition = ?", (action[1],))
        assert _kept(store) == _from_scratch(conn)
        assert _triggers(conn) == triggers  # set aside during a page, made again after it


def test_a_rolled_back_write_leaves_the_sums_as_they_were(store: Store) -> None:
    conn = store.context.conn
    with store.transaction():
        conn.execute(_NOTE_VERSION, ("citizen", "c1", "team-a", 3, 0))
    before = _kept(store)
    try:
        with store.transaction():
            conn.execute(_NOTE_VERSION, ("citizen", "c2", "team-a", 4, 0))
            raise RuntimeError("the page failed half-way")
    except RuntimeError:
        pass
    assert _kept(store) == before == _from_scratch(conn)


def _many(prefix: str, partition: str, count: int) -> list[tuple[str, str, str, int, int]]:
    return [("citizen", f"{prefix}{i}", partition, i + 1, 0) for i in range(count)]


def test_a_page_that_fails_half_way_leaves_sums_and_triggers_as_they_were(store: Store) -> None:
    conn = store.context.conn
    triggers = _triggers(conn)
    assert len(triggers) == 3
    with store.transaction():
        note_versions(conn, _many("c", "team-a", SET_ASIDE_FROM))
    before = _kept(store)
    broken = ("note", "n1", None, 5, 0)  # no partition: breaks a rule of the table
    with pytest.raises(StoreError), store.transaction():
        note_versions(conn, [*_many("d", "team-a", SET_ASIDE_FROM), broken])
    assert _kept(store) == before == _from_scratch(conn)
    assert _triggers(conn) == triggers
    with store.transaction():  # and a single line is summed by the triggers again
        conn.execute(_NOTE_VERSION, ("note", "n2", "team-b", 6, 0))
    assert _kept(store) == _from_scratch(conn) != before


def test_migration_sums_the_records_already_held(tmp_path: Path) -> None:
    dek = new_dek()
    conn = open_encrypted(tmp_path / "old.db", dek)
    migrations.migrate(conn, target=9)
    conn.execute("BEGIN")
    for i in range(30):
        conn.execute(
            "INSERT INTO sync_records(entity, record_id, partition, version, deleted)"
            " VALUES (?, ?, ?, ?, ?)",
            ("note" if i % 2 else "citizen", f"r{i}", PARTITIONS[i % 3], i + 1, int(i % 7 == 0)),
        )
    conn.execute("COMMIT")
    migrations.migrate(conn)
    kept = {
        p: sum_summary(count, total)
        for p, count, total in conn.execute(
            "SELECT partition, count, total FROM sync_partition_sums"
        )
    }
    assert {p: (s.count, s.hash) for p, s in kept.items()} == _from_scratch(conn)
    conn.close()


def test_outside_a_transaction_the_triggers_sum_the_lines(store: Store) -> None:
    """Outside a transaction (where dropping a trigger would commit on its own) the lines
    are written with the triggers in place, and the sums are right."""
    conn = store.context.conn
    triggers = _triggers(conn)
    note_versions(conn, _many("c", "team-a", SET_ASIDE_FROM))
    assert _kept(store) == _from_scratch(conn) and _triggers(conn) == triggers

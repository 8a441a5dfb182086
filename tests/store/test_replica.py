"""The local side of sync: acknowledgements, applying remote pages, rebasing, restore."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from outreach_desk.domain import uuid7
from outreach_desk.store import Store, StoreError
from outreach_desk.store.codec import compact_json
from outreach_desk.store.outbox import versions_json, write_field_versions
from outreach_desk.store.replica import Enrolment, LocalReplica
from tests.conftest import FakeClock, new_store
from tests.store.factories import citizen, note

TEAM = "0190d5c4-0000-7000-8000-000000000001"


def _change(seq: int, entity: str, record_id: str, fields: dict[str, Any], **extra: Any) -> dict:
    return {
        "seq": seq,
        "entity": entity,
        "record_id": record_id,
        "partition": TEAM,
        "kind": "upsert",
        "fields": {k: {"value": v, "version": seq} for k, v in fields.items()},
        "deleted": False,
        **extra,
    }


def _remote_citizen(seq: int, record_id: str, **fields: Any) -> dict:
    values = {"id": record_id, "team_id": TEAM, "name": "Remote Person", "nickname": "Fjern"}
    values.update(fields)
    return _change(seq, "citizen", record_id, values)


def test_applied_op_leaves_the_outbox_and_sets_the_base(store: Store) -> None:
    replica = LocalReplica(store)
    person = citizen(store)
    first = store.outbox.all()[0]
    store.citizens.update(replace(person, phone="22334455"))  # edited while the push is in flight
    replica.record_results([{"op_id": first.op_id, "status": "applied", "seq": 41}])
    remaining = store.outbox.all()
    assert [e.op_id for e in remaining] != [first.op_id]
    assert remaining[0].fields["phone"]["base"] == 41  # rebased on our own acknowledged write
    assert replica.partition_versions()[store.session.home_team] == [
        ("citizen", person.id, 41, False)
    ]


def test_rebases_within_one_batch_follow_the_answers_in_order(store: Store) -> None:
    """Three pending edits of one record answered in one batch: applied, conflict, and one
    left pending. Each applied write rebases the entries still pending after it; the one
    marked a conflict keeps the rebase it had, and is not rebased by later answers."""
    replica = LocalReplica(store)
    person = citizen(store)
    store.citizens.update(replace(person, phone="11111111"))
    store.citizens.update(replace(person, phone="22222222", nickname="Ny"))
    created, conflicting, later = store.outbox.all()
    replica.record_results(
        [
            {"op_id": created.op_id, "status": "applied", "seq": 10},
            {"op_id": conflicting.op_id, "status": "conflict", "conflict_id": "k1"},
        ]
    )
    kept = {e.op_id: e for e in store.outbox.all()}
    assert set(kept) == {conflicting.op_id, later.op_id}
    assert kept[conflicting.op_id].state == "conflict"
    assert kept[conflicting.op_id].fields["phone"]["base"] == 10
    assert kept[later.op_id].fields["phone"]["base"] == 10
    assert kept[later.op_id].fields["nickname"]["base"] == 10
    replica.record_results([{"op_id": later.op_id, "status": "applied", "seq": 12}])
    still = {e.op_id: e for e in store.outbox.all()}
    assert set(still) == {conflicting.op_id}
    assert still[conflicting.op_id].fields["phone"]["base"] == 10
    versions = store.outbox.field_versions("citizen", person.id)
    assert versions["phone"] == versions["nickname"] == 12 and versions["name"] == 10


def test_conflict_and_rejection_stay_visible(store: Store) -> None:
    replica = LocalReplica(store)
    citizen(store)
    citizen(store, name="Anden Person", cpr=None)
    first, second = store.outbox.all()
    replica.record_results(
        [
            {"op_id": first.op_id, "status": "conflict", "conflict_id": "k1"},
            {"op_id": second.op_id, "status": "rejected", "reason": "forbidden_partition"},
        ]
    )
    assert [e.state for e in store.outbox.all()] == ["conflict", "rejected"]
    assert store.outbox.count("pending") == 0
    replica.record_results([{"op_id": first.op_id, "status": "applied", "seq": 3}])
    assert [e.state for e in store.outbox.all()] == ["rejected"]


def test_answer_for_an_unknown_op_is_ignored(store: Store) -> None:
    LocalReplica(store).record_results([{"op_id": uuid7(), "status": "applied", "seq": 9}])


def test_remote_page_is_applied_with_its_cursor(store: Store) -> None:
    replica = LocalReplica(store)
    record_id = uuid7()
    report = replica.apply_changes([_remote_citizen(5, record_id)], next_cursor=5, epoch="e1")
    assert report.applied == 1
    assert replica.cursor() == 5 and replica.epoch() == "e1"
    assert store.citizens.get(record_id).name == "Remote Person"
    assert [h.id for h in store.search_citizens("Fjern")] == [record_id]
    assert store.outbox.count() == 0  # remote changes are not sent back


def _remote_note(seq: int, record_id: str, citizen_id: str, text: str) -> dict:
    when = "2026-03-02T10:00:00.000000+00:00"
    values = {
        "id": record_id,
        "team_id": TEAM,
        "caseworker": "someone",
        "place_id": None,
        "event_time": when,
        "written_time": when,
        "contact_form": "outreach",
        "citizen_ids": [citizen_id],
        "text": text,
    }
    return _change(seq, "note", record_id, values)


def test_records_new_in_a_page_are_found_and_a_later_edit_replaces_their_words(
    store: Store,
) -> None:
    """A page's new records get their search rows and links without removing any first
    (they have none); a later page's edit replaces what the first page derived."""
    replica = LocalReplica(store)
    person, written = uuid7(), uuid7()
    replica.apply_changes(
        [_remote_citizen(1, person), _remote_note(2, written, person, "Mødt ved Banegården")],
        2,
        "e1",
    )
    assert [h.id for h in store.search_citizens("Fjern")] == [person]
    assert [h.id for h in store.search_notes("Banegården")] == [written]
    assert [n.id for n in store.notes.timeline(person)] == [written]
    edit = _change(3, "note", written, {"text": "Mødt ved Havnen"})
    renamed = _change(4, "citizen", person, {"nickname": "Nær"})
    replica.apply_changes([edit, renamed], 4, "e1")
    assert store.search_notes("Banegården") == [] and store.search_citizens("Fjern") == []
    assert [h.id for h in store.search_notes("Havnen")] == [written]
    assert [h.id for h in store.search_citizens("Nær")] == [person]
    assert [n.id for n in store.notes.timeline(person)] == [written]
    index_rows = store.context.conn.execute("SELECT count(*) FROM notes_fts").fetchone()[0]
    assert index_rows == 1


def test_pages_in_one_pull_transaction_stay_when_a_later_one_fails(store: Store) -> None:
    """``pulling``: a page that fails undoes only itself; the pages before it, with their
    cursor, are committed when the transaction ends."""
    replica = LocalReplica(store)
    first, second = uuid7(), uuid7()
    with replica.pulling():
        replica.apply_changes([_remote_citizen(5, first)], 5, "e1")
        broken = _remote_citizen(6, second)
        del broken["seq"]
        with pytest.raises(KeyError):
            replica.apply_changes([_remote_citizen(6, uuid7()), broken], 6, "e1")
    assert not store.context.conn.in_transaction
    assert replica.cursor() == 5
    assert store.citizens.all_ids() == [first]


def test_same_page_twice_changes_nothing(store: Store) -> None:
    replica = LocalReplica(store)
    record_id = uuid7()
    page = [_remote_citizen(5, record_id)]
    replica.apply_changes(page, 5, "e1")
    again = replica.apply_changes(page, 5, "e1")
    assert again.applied == 0 and again.skipped_stale == 4


def test_older_change_never_overwrites_newer(store: Store) -> None:
    replica = LocalReplica(store)
    record_id = uuid7()
    replica.apply_changes([_remote_citizen(9, record_id, name="Ny")], 9, "e1")
    replica.apply_changes([_change(7, "citizen", record_id, {"name": "Gammel"})], 9, "e1")
    assert store.citizens.get(record_id).name == "Ny"


def test_remote_change_is_rebased_under_a_pending_local_edit(store: Store) -> None:
    replica = LocalReplica(store)
    record_id = uuid7()
    replica.apply_changes([_remote_citizen(5, record_id, phone="")], 5, "e1")
    local = store.citizens.update(replace(store.citizens.get(record_id), phone="11223344"))
    page = [_change(6, "citizen", record_id, {"phone": "99887766", "nickname": "Ny-Fjern"})]
    report = replica.apply_changes(page, 6, "e1")
    current = store.citizens.get(record_id)
    assert current.phone == local.phone  # our pending edit stays on top
    assert current.nickname == "Ny-Fjern"  # the field we did not touch arrives
    assert report.kept_local == 1
    (pending,) = store.outbox.pending()
    assert pending.fields["phone"]["base"] == 5  # the server will see both and decide


def test_remote_delete_meets_pending_edit(store: Store) -> None:
    replica = LocalReplica(store)
    record_id = uuid7()
    replica.apply_changes([_remote_citizen(5, record_id)], 5, "e1")
    store.citizens.update(replace(store.citizens.get(record_id), phone="11223344"))
    tombstone = {**_change(6, "citizen", record_id, {}), "deleted": True, "kind": "delete"}
    replica.apply_changes([tombstone], 6, "e1")
    assert store.citizens.get(record_id).phone == "11223344"  # kept until the server decides
    store.outbox.acknowledge(store.outbox.pending()[0].op_id)
    replica.apply_changes([{**tombstone, "seq": 7}], 7, "e1")
    assert store.citizens.exists(record_id) is False


def test_page_and_cursor_commit_together(store: Store) -> None:
    replica = LocalReplica(store)
    good = _remote_citizen(5, uuid7())
    bad = _remote_citizen(6, uuid7(), team_id=None)  # breaks NOT NULL half-way through
    with pytest.raises(StoreError):
        replica.apply_changes([good, bad], 6, "e1")
    assert replica.cursor() == 0
    assert store.citizens.count() == 0


def test_partial_record_is_parked_not_guessed(store: Store) -> None:
    replica = LocalReplica(store)
    report = replica.apply_changes(
        [_change(5, "citizen", uuid7(), {"nickname": "Kun kaldenavn"})], 5, "e1"
    )
    assert report.parked == 1 and store.citizens.count() == 0


def test_server_restore_requeues_what_it_lost(store: Store, clock: FakeClock) -> None:
    replica = LocalReplica(store)
    person = citizen(store)
    written = note(store, person.id, clock())
    ops = store.outbox.all()
    replica.record_results(
        [{"op_id": e.op_id, "status": "applied", "seq": i + 10} for i, e in enumerate(ops)]
    )
    replica.apply_changes([], 11, "e1")
    assert store.outbox.count() == 0
    requeued = replica.requeue_lost(high_water=10)  # the server came back knowing seq 10 only
    assert requeued == 1
    (op,) = store.outbox.pending()
    assert (op.entity, op.record_id) == ("note", written.id)
    assert op.fields["text"]["value"] == written.text
    assert replica.cursor() == 10


def test_enrolment_adopts_records_made_before_it(store: Store, clock: FakeClock) -> None:
    replica = LocalReplica(store)
    person = citizen(store)
    draft = note(store, person.id, clock())
    store.notes.finalise(draft.id, store.followups)
    replica.save_enrolment(
        Enrolment(
            server_url="http://127.0.0.1:8765",
            device_id=uuid7(),
            private_key="k",
            server_public_key="p",
            user_id=uuid7(),
            user_name="Mette Sørensen",
            role="caseworker",
            team_ids=(TEAM,),
        )
    )
    assert {e.partition for e in store.outbox.all()} == {TEAM}
    assert store.citizens.get(person.id).team_id == TEAM
    assert store.notes.get(draft.id).team_id == TEAM
    assert store.session.team_ids == (TEAM,)
    assert replica.enrolment() is not None


def test_records_created_changed_and_deleted_within_one_page(store: Store) -> None:
    """A page's new records are written together; a later change of one in the same page
    (an edit, a delete) still finds it, and every record ends as the last change left it."""
    replica = LocalReplica(store)
    edited, removed, plain = uuid7(), uuid7(), uuid7()
    tombstone = {**_change(8, "citizen", removed, {}), "deleted": True, "kind": "delete"}
    page = [
        _remote_citizen(5, edited, housing="street_homeless"),
        _change(6, "citizen", edited, {"nickname": "Skiftet", "housing": "shelter"}),
        _remote_citizen(7, removed, nickname="Væk"),
        tombstone,
        _remote_citizen(9, plain, nickname="Bliver"),
    ]
    report = replica.apply_changes(page, 9, "e1")
    assert (report.applied, report.parked, report.skipped_stale) == (5, 0, 0)
    assert store.citizens.get(edited).nickname == "Skiftet"
    assert store.citizens.exists(removed) is False
    assert store.citizens.get(plain).nickname == "Bliver"
    assert [h.id for h in store.search_citizens("Skiftet")] == [edited]
    assert store.search_citizens("Væk") == []
    housing = store.context.conn.execute(
        "SELECT housing FROM housing_history WHERE citizen_id = ? ORDER BY rowid", (edited,)
    ).fetchall()
    assert [h for (h,) in housing] == ["street_homeless", "shelter"]
    versions = store.outbox.field_versions("citizen", edited)
    assert versions["nickname"] == versions["housing"] == 6 and versions["name"] == 5
    assert sorted(replica.partition_versions()[TEAM]) == sorted(
        [("citizen", edited, 6, False), ("citizen", plain, 9, False), ("citizen", removed, 8, True)]
    )


def _shadows(store: Store, record_id: str) -> dict[str, tuple[str, int]]:
    rows = store.context.conn.execute(
        "SELECT field, value, version FROM sync_shadow WHERE record_id = ?", (record_id,)
    ).fetchall()
    return {name: (value, version) for name, value, version in rows}


def test_answered_edits_leave_the_remembered_server_values_as_before(store: Store) -> None:
    """Remembered server values after a batch of answers: an applied edit's value is the
    server's now (kept, at its version, for a field a later pending edit changes again;
    dropped otherwise), and a conflict falls back to what the server holds."""
    replica = LocalReplica(store)
    record_id = uuid7()
    replica.apply_changes([_remote_citizen(5, record_id, phone="00000000")], 5, "e1")
    current = store.citizens.get(record_id)
    store.citizens.update(replace(current, phone="11111111"))
    store.citizens.update(replace(current, phone="22222222", nickname="Ny"))
    first, second = store.outbox.all()
    assert _shadows(store, record_id) == {"phone": ('"00000000"', 5), "nickname": ('"Fjern"', 5)}
    replica.record_results([{"op_id": first.op_id, "status": "applied", "seq": 10}])
    assert _shadows(store, record_id) == {"phone": ('"11111111"', 10), "nickname": ('"Fjern"', 5)}
    replica.record_results([{"op_id": second.op_id, "status": "conflict", "conflict_id": "k1"}])
    shown = store.citizens.get(record_id)
    assert (shown.phone, shown.nickname) == ("11111111", "Fjern")  # what the server holds
    assert _shadows(store, record_id) == {}
    assert [e.state for e in store.outbox.all()] == ["conflict"]  # ours is kept for a person


def test_a_batch_of_answers_for_new_and_edited_records(store: Store) -> None:
    """One batch: a new record and its later edit (both applied), another record applied,
    and an edit whose answer is a rejection in between: shadows and outbox end as if each
    answer had been recorded on its own."""
    replica = LocalReplica(store)
    known = uuid7()
    replica.apply_changes([_remote_citizen(5, known, phone="00000000")], 5, "e1")
    fresh = citizen(store)
    store.citizens.update(replace(store.citizens.get(known), phone="33333333"))
    store.citizens.update(replace(fresh, phone="44444444"))
    store.citizens.update(replace(store.citizens.get(known), nickname="Sidst"))
    created, known_phone, fresh_phone, known_nick = store.outbox.all()
    replica.record_results(
        [
            {"op_id": created.op_id, "status": "applied", "seq": 20},
            {"op_id": known_phone.op_id, "status": "rejected", "reason": "forbidden"},
            {"op_id": fresh_phone.op_id, "status": "applied", "seq": 21},
            {"op_id": known_nick.op_id, "status": "applied", "seq": 22},
        ]
    )
    assert [(e.op_id, e.state) for e in store.outbox.all()] == [(known_phone.op_id, "rejected")]
    assert store.citizens.get(known).phone == "00000000"  # the rejected edit falls back
    assert store.citizens.get(known).nickname == "Sidst"
    assert store.citizens.get(fresh.id).phone == "44444444"
    assert _shadows(store, known) == {} and _shadows(store, fresh.id) == {}
    versions = store.outbox.field_versions("citizen", fresh.id)
    assert versions["phone"] == 21 and versions["name"] == 20


def test_answers_use_the_entries_as_stored_when_they_changed_after_being_sent(
    store: Store,
) -> None:
    """The entries handed to the engine are reused for their answers only while the outbox
    holds them exactly as read: one rewritten meanwhile (here: it names one field less) is
    read again, one that left is not answered again, and answers for a batch handed out
    earlier still find theirs."""
    replica = LocalReplica(store)
    first, second, third = citizen(store), citizen(store), citizen(store)
    earlier, _ = replica.pending_ops("device", 1)
    ops, _ = replica.pending_ops("device", 10)
    rewritten, gone, kept = (op["op_id"] for op in ops)
    entry = next(e for e in store.outbox.all() if e.op_id == rewritten)
    fields = {name: change for name, change in entry.fields.items() if name != "nickname"}
    with store.transaction():
        store.context.conn.execute(
            "UPDATE outbox SET fields = ? WHERE op_id = ?",
            (json.dumps(fields, ensure_ascii=False), rewritten),
        )
        store.outbox.acknowledge(gone)
    replica.record_results(
        [
            {"op_id": rewritten, "status": "applied", "seq": 30},
            {"op_id": gone, "status": "applied", "seq": 31},
            {"op_id": kept, "status": "applied", "seq": 32},
        ]
    )
    assert store.outbox.all() == []
    assert store.outbox.field_versions("citizen", first.id)["name"] == 30
    assert "nickname" not in store.outbox.field_versions("citizen", first.id)
    assert store.outbox.field_versions("citizen", second.id) == {}
    assert store.outbox.field_versions("citizen", third.id)["name"] == 32
    versions = replica.partition_versions()[store.session.home_team]
    assert sorted(v[2] for v in versions) == [30, 32]
    replica.record_results([{"op_id": earlier[0]["op_id"], "status": "applied", "seq": 33}])


@pytest.mark.parametrize(
    "versions",
    [{"name": 3, "phone": 41, "team_id": 2}, {"nickname": 2**70, "id": 1}, {}],
    ids=["plain", "beyond-64-bits", "none"],
)
def test_field_versions_are_written_as_the_compact_json_they_always_were(
    store: Store, versions: dict[str, int]
) -> None:
    with store.transaction():
        write_field_versions(store.context.conn, {("citizen", "c1"): versions})
    (text,) = store.context.conn.execute(
        "SELECT versions FROM record_versions WHERE record_id = 'c1'"
    ).fetchone()
    assert versions_json(versions) == compact_json(versions) == text
    assert store.outbox.field_versions("citizen", "c1") == dict(sorted(versions.items()))


@pytest.mark.parametrize("with_id", [True, False])
def test_a_new_record_is_stored_as_the_general_insert_stores_it(
    store: Store, with_id: bool
) -> None:
    """A record's first change takes a quicker path to its row: the row must be the one the
    general path (a record with field versions already known) makes of the same change,
    whatever the order of the fields, with or without ``id``, with fields it does not hold."""
    replica = LocalReplica(store)
    conn = store.context.conn
    fresh, known = uuid7(), uuid7()
    write_field_versions(conn, {("note", known): {"a_field_of_a_later_version": 1}})
    values: dict[str, Any] = {
        "text": "Mødt ved Banegården, aftalt at ses i morgen.",
        "a_field_of_a_later_version": "ignored",
        "citizen_ids": ["c-1", "c-2"],
        "topics": ["housing"],
        "contact_form": "outreach",
        "event_time": "2026-02-03T10:00:00+00:00",
        "written_time": "2026-02-03T11:00:00+00:00",
        "caseworker": "u-anna",
        "place_id": None,
        "team_id": TEAM,
    }

    def change(seq: int, record_id: str) -> dict[str, Any]:
        fields = {"id": record_id, **values} if with_id else dict(values)
        return _change(seq, "note", record_id, dict(reversed(list(fields.items()))))

    report = replica.apply_changes([change(5, fresh), change(6, known)], 6, "e1")
    assert (report.applied, report.parked) == (2, 0)
    rows = {
        row["id"]: {k: v for k, v in row.items() if k not in ("rid", "id")}
        for row in store.context.query("SELECT * FROM notes")
    }
    assert rows[fresh] == rows[known]
    assert rows[fresh]["agreements"] == "[]" and rows[fresh]["status"] == "draft"
    assert store.notes.get(fresh).citizen_ids == ("c-1", "c-2")
    assert sorted(
        store.context.conn.execute(
            "SELECT citizen_id FROM note_citizens WHERE note_id = ?", (fresh,)
        )
    ) == [("c-1",), ("c-2",)]


def test_a_push_batch_holds_at_most_its_ops_and_bytes_and_says_whether_it_is_full(
    store: Store,
) -> None:
    for _ in range(3):
        citizen(store)
    ops, full = LocalReplica(store).pending_ops("device", 10)
    assert (len(ops), full) == (3, False)
    ops, full = LocalReplica(store).pending_ops("device", 3)
    assert (len(ops), full) == (3, True)  # (more may wait behind a batch of the limit)
    ops, full = LocalReplica(store).pending_ops("device", 10, max_bytes=1)
    assert (len(ops), full) == (1, True)  # one op always goes, however large
    one = len(store.outbox.pending(1)[0].stored_fields.encode())
    ops, full = LocalReplica(store).pending_ops("device", 10, max_bytes=2 * (one + 512) + 1)
    assert (len(ops), full) == (2, True)


def _in_values_form(change: dict) -> dict:
    """The change as a protocol-5 server sends it when its fields share one version."""
    versions = {f["version"] for f in change["fields"].values()}
    if len(versions) != 1:
        return change
    rest = {k: v for k, v in change.items() if k != "fields"}
    values = {n: f["value"] for n, f in change["fields"].items()}
    return {**rest, "values": values, "version": versions.pop()}


def _stored_state(store: Store) -> dict[str, list[tuple]]:
    conn = store.context.conn
    return {
        table: conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2").fetchall()
        for table, columns in (
            ("citizens", "id, name, nickname, phone, challenges, deleted_at"),
            ("notes", "id, text, citizen_ids, deleted_at"),
            ("note_citizens", "citizen_id, note_id, event_time"),
            ("sync_records", "entity, record_id, partition, version, deleted"),
            ("record_versions", "entity, record_id, versions"),
            ("sync_shadow", "entity, record_id, field, value, version"),
        )
    }


def test_pages_in_the_values_form_are_applied_as_in_the_fields_form(
    tmp_path: Path, clock: FakeClock
) -> None:
    """New records, edits, a local edit the remote one is rebased under, a moved record and
    a delete: the same store either way."""
    person, other, gone, written = uuid7(), uuid7(), uuid7(), uuid7()
    pages = [
        [
            _remote_citizen(1, person, challenges=["homelessness"]),
            _remote_citizen(2, other),
            _remote_citizen(3, gone),
            _remote_note(4, written, person, "Mødt ved Banegården"),
        ],
        [
            _change(5, "citizen", person, {"phone": "99887766", "nickname": "Ny"}),
            _change(6, "note", written, {"text": "Mødt ved Havnen"}),
            {**_change(7, "citizen", gone, {}), "deleted": True, "kind": "delete"},
            {**_change(8, "citizen", other, {"team_id": "elsewhere"}), "kind": "moved"},
        ],
    ]
    states = []
    for form, name in ((lambda c: c, "fields"), (_in_values_form, "values")):
        with new_store(tmp_path / name, clock, team_ids=(TEAM,)) as store:
            replica = LocalReplica(store)
            replica.apply_changes([form(c) for c in pages[0]], 4, "e1")
            local = replace(store.citizens.get(person), phone="11223344")
            store.citizens.update(local)  # pending here: the remote phone is rebased under it
            report = replica.apply_changes([form(c) for c in pages[1]], 8, "e1")
            assert report.kept_local == 1
            states.append(_stored_state(store))
    fields_state, values_state = states
    assert values_state == fields_state
    assert len(fields_state["citizens"]) == 3 and fields_state["sync_shadow"]

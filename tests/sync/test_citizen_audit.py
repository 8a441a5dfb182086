"""A citizen's access log for a data-subject request covers every device, through sync.

Real laptops (encrypted stores) enrolled with a real server: what anna's and bo's laptops
looked up reaches the team lead's export once they have synced; offline, or for a user who
may not read the server's log, the export holds the laptop's own log and says so.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from outreach_desk.domain import AccessAction, Purpose
from outreach_desk.services import exports, sync_service
from outreach_desk.store.replica import LocalReplica
from tests.sync.conftest import World, free_socket
from tests.sync.laptops import Laptop, laptop


def _lookups(lead: Laptop, citizen_id: str) -> exports.AccessReport:
    return exports.access_report(lead.store, citizen_id)


def test_lookups_on_two_laptops_both_reach_the_leads_export(world: World, tmp_path: Path) -> None:
    anna, bo = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "bo", "tablet")
    lise = laptop(world, tmp_path, "lise")
    citizen = anna.new_citizen(name="Jens Hansen")
    anna.sync()
    bo.sync()
    with bo.store.purpose(Purpose.CASEWORK):
        bo.store.citizens.get(citizen.id)  # a lookup on bo's tablet
    bo.sync()
    anna.sync()
    lise.sync()
    with lise.store.purpose(Purpose.CASEWORK):
        lise.store.citizens.get(citizen.id)
    lise.sync()  # lise's own lookups are on the server too: each must appear once

    report = _lookups(lise, citizen.id)

    assert report.all_devices
    devices = {e.device_id for e in report.entries}
    own = {
        name: LocalReplica(lap.store).enrolment().device_id  # type: ignore[union-attr]
        for name, lap in (("anna", anna), ("bo", bo), ("lise", lise))
    }
    # lise's own lookups are her laptop's entries (its local device id), not the server copies
    assert devices == {own["anna"], own["bo"], lise.store.session.device_id}
    assert report.device_names[lise.store.session.device_id] == "laptop"
    assert len({e.hash for e in report.entries}) == len(report.entries)  # no entry twice
    bo_reads = [e for e in report.entries if e.device_id == own["bo"]]
    assert [(e.action, e.purpose) for e in bo_reads] == [("read", "casework")]
    assert report.user_names[bo_reads[0].user_id] == "Bo"
    assert report.device_names[own["bo"]] == "tablet"
    assert [e.at for e in report.entries] == sorted(e.at for e in report.entries)
    local = lise.store.access_log.entries(citizen_id=citizen.id)
    assert [e.action for e in local][-1] == AccessAction.EXPORT  # the export itself is logged


def test_a_caseworker_gets_only_the_laptops_own_log(world: World, tmp_path: Path) -> None:
    anna, bo = laptop(world, tmp_path, "anna"), laptop(world, tmp_path, "bo")
    citizen = anna.new_citizen(name="Jens Hansen")
    anna.sync()
    bo.sync()
    with bo.store.purpose(Purpose.CASEWORK):
        bo.store.citizens.get(citizen.id)
    bo.sync()

    report = _lookups(anna, citizen.id)

    assert not report.all_devices
    assert report.entries == anna.store.access_log.entries(citizen_id=citizen.id)[:-1]


def test_offline_the_export_holds_the_laptops_own_log(world: World, tmp_path: Path) -> None:
    lise = laptop(world, tmp_path, "lise")
    citizen = lise.new_citizen(name="Jens Hansen")
    lise.sync()
    replica = LocalReplica(lise.store)
    enrolment = replica.enrolment()
    assert enrolment is not None
    closed = free_socket()  # bound, never listening: connections are refused
    port = closed.getsockname()[1]
    try:
        replica.save_enrolment(replace(enrolment, server_url=f"http://127.0.0.1:{port}"))
        assert sync_service.citizen_access_log(lise.store, citizen.id) is None
        report = _lookups(lise, citizen.id)
    finally:
        closed.close()

    assert not report.all_devices
    local = lise.store.access_log.entries(citizen_id=citizen.id)
    assert report.entries == local[:-1]
    assert (local[-1].action, local[-1].purpose) == ("export", "data_subject_request")


def test_a_server_upgraded_to_layout_3_finds_a_citizens_entries_by_index(
    world: World, tmp_path: Path
) -> None:
    """Entries uploaded before ``audit_entries.citizen_id`` existed get it at the upgrade."""
    from sqlalchemy import select, text, update

    from sync.server import schema
    from sync.server.identity import initialise

    anna = laptop(world, tmp_path, "anna")
    person = anna.new_citizen(name="Mona Larsen")
    with anna.store.purpose(Purpose.CASEWORK):
        anna.store.citizens.get(person.id)
    anna.sync()
    db = world.server.db
    with db.write() as conn:  # what a server of layout 2 holds: no column, no index
        conn.execute(text("DROP INDEX ix_audit_entries_citizen"))
        conn.execute(text("ALTER TABLE audit_entries DROP COLUMN citizen_id"))
        m = schema.meta
        conn.execute(update(m).where(m.c.key == "schema_version").values(value="2"))
    initialise(db)
    a = schema.audit_entries
    with db.read() as conn:
        named = conn.execute(select(a.c.citizen_id).where(a.c.citizen_id == person.id)).all()
        if db.is_sqlite:
            plan = conn.execute(
                text("EXPLAIN QUERY PLAN SELECT seq FROM audit_entries WHERE citizen_id = 'x'")
            ).all()
            assert "ix_audit_entries_citizen" in " ".join(str(row) for row in plan)
    assert len(named) >= 2  # created and looked up
    lise = world.device("lise")
    answer = lise.citizen_audit(person.id)
    assert {e.action for e in answer.entries} >= {"create", "read"}
    assert all(e.user_name for e in answer.entries)

"""Cases the stateful sync test (tests/sync/test_stateful_sync.py) found, kept as small
explicit tests: each failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach_desk.services import casework, sync_service
from sync.protocol import ServerUnavailable
from tests.sync.conftest import World
from tests.sync.fault_proxy import FaultProxy
from tests.sync.laptops import Laptop, laptop, phone_edited_on_both, through

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_an_edit_refused_because_the_record_was_deleted_falls_back_to_the_server(
    pair: tuple[Laptop, Laptop],
) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    anna.store.citizens.delete(person.id)
    anna.sync()
    bo.edit_citizen(person.id, phone="22222222", description="Går med rød hue")
    report = bo.sync()
    assert report.rejected == 1  # kept in the outbox for a person to see
    (kept,) = bo.store.outbox.all()
    assert (kept.state, kept.fields["phone"]["value"]) == ("rejected", "22222222")
    assert not bo.store.citizens.exists(person.id)
    assert bo.snapshot() == anna.snapshot()  # the tombstone holds what the server holds


def test_a_draft_edit_refused_because_the_note_was_finalised_shows_the_final_text(
    world: World, tmp_path: Path
) -> None:
    office, field_laptop = (
        laptop(world, tmp_path, "anna"),
        laptop(world, tmp_path, "anna", "tablet"),
    )
    person = office.new_citizen(name="Jens Hansen")
    note = office.write_note(person.id, "Mødt ved banegården.")
    office.sync()
    field_laptop.sync()
    casework.finalise(office.store, note.id)
    office.sync()
    changed = field_laptop.store.notes.get(note.id).edited(text="Mødt ved banegården. Kold.")
    field_laptop.store.notes.update(changed)
    assert field_laptop.sync().rejected == 1
    final = field_laptop.store.notes.get(note.id)
    assert final.is_final and final.text == "Mødt ved banegården."
    assert field_laptop.snapshot() == office.snapshot()
    office.store.close()
    field_laptop.store.close()


def test_a_refused_edit_followed_by_a_delete_still_falls_back_to_the_server(
    pair: tuple[Laptop, Laptop],
) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    anna.store.citizens.delete(person.id)
    anna.sync()
    bo.edit_citizen(person.id, phone="22222222")
    bo.store.citizens.delete(person.id)  # both offline, one after the other
    report = bo.sync()
    assert (report.rejected, report.applied) == (1, 1)  # the delete was done already
    assert bo.snapshot() == anna.snapshot()


def test_several_refused_edits_of_one_record_all_fall_back_to_the_server(
    pair: tuple[Laptop, Laptop],
) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen", nickname="Jens", phone="11111111")
    anna.sync()
    bo.sync()
    anna.store.citizens.delete(person.id)
    anna.sync()
    bo.edit_citizen(person.id, nickname="Store Jens")
    bo.edit_citizen(person.id, phone="22222222")
    bo.edit_citizen(person.id, nickname="Jensemand")
    assert bo.sync().rejected == 3
    assert bo.snapshot() == anna.snapshot()


def test_an_edit_refused_after_an_earlier_one_was_applied_shows_the_applied_value(
    world: World, pair: tuple[Laptop, Laptop]
) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen", phone="11111111")
    anna.sync()
    bo.sync()
    bo.edit_citizen(person.id, phone="22222222")
    with FaultProxy(world.server.url) as proxy:
        through(bo, proxy.url)
        proxy.inject("drop_response", path="/v1/sync/hello")  # it carries the push
        with pytest.raises(ServerUnavailable):
            bo.sync()  # applied on the server; bo never heard
    through(bo, world.server.url)
    bo.edit_citizen(person.id, phone="33333333")
    anna.sync()
    anna.store.citizens.delete(person.id)  # anna saw bo's first edit: the delete applies
    anna.sync()
    report = bo.sync()
    assert (report.applied, report.rejected) == (1, 1)
    assert bo.snapshot() == anna.snapshot()  # the tombstone holds 22222222, as the server


def test_an_edit_refused_after_its_records_unanswered_creation_shows_the_created_value(
    world: World, pair: tuple[Laptop, Laptop]
) -> None:
    anna, bo = pair
    person = anna.new_citizen(name="Jens Hansen", nickname="Jens")
    with FaultProxy(world.server.url) as proxy:
        through(anna, proxy.url)
        proxy.inject("drop_response", path="/v1/sync/hello")  # it carries the push
        with pytest.raises(ServerUnavailable):
            anna.sync()  # created on the server; anna never heard
    through(anna, world.server.url)
    anna.edit_citizen(person.id, nickname="Store Jens")
    bo.sync()
    bo.store.citizens.delete(person.id)
    bo.sync()
    report = anna.sync()
    assert (report.applied, report.rejected) == (1, 1)
    assert anna.snapshot() == bo.snapshot()  # the tombstone holds "Jens", as the server


def test_a_delete_made_before_pulling_its_own_resolution_keeps_the_resolved_value(
    pair: tuple[Laptop, Laptop],
) -> None:
    anna, bo = pair
    person = phone_edited_on_both(anna, bo)
    assert bo.sync().conflicts == 1
    (conflict,) = bo.replica.open_conflicts()
    sync_service.resolve_conflict(bo.store, conflict["conflict_id"], "33333333")
    bo.store.citizens.delete(person.id)  # before the decision came back by sync
    report = bo.sync()
    assert report.applied == 1  # the only version bo had not seen was bo's own decision
    anna.sync()
    assert bo.snapshot() == anna.snapshot()  # the tombstone holds 33333333, as the server

"""Laptops for sync tests: a real encrypted store per device, enrolled with a real server."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from outreach_desk.domain import Citizen, ContactForm, JournalNote
from outreach_desk.services import sync_service
from outreach_desk.store import KdfParams, Store
from outreach_desk.store.replica import LocalReplica
from outreach_desk.store.session import Clock, utc_now
from sync.engine import SyncEngine, SyncReport
from sync.protocol import PROTOCOL_VERSION
from sync.server import accounts
from tests.sync.conftest import World

PASSPHRASE = "correct horse battery staple"


@dataclass
class Laptop:
    store: Store
    username: str
    protocol: int = PROTOCOL_VERSION
    """The highest protocol the laptop speaks: lower ones stand for laptops not yet updated."""

    @property
    def replica(self) -> LocalReplica:
        return LocalReplica(self.store)

    @property
    def team(self) -> str:
        return self.store.session.home_team

    def sync(self) -> SyncReport:
        if self.protocol == PROTOCOL_VERSION:
            return sync_service.sync_now(self.store)
        replica = self.replica
        enrolment = replica.enrolment()
        assert enrolment is not None
        with sync_service.client_for(enrolment) as client:
            device = enrolment.device_id
            engine = SyncEngine(client, replica, device, "older", protocol=self.protocol)
            return engine.run()

    def new_citizen(self, **values: Any) -> Citizen:
        return self.store.citizens.add(Citizen.new(self.team, **values))

    def edit_citizen(self, citizen_id: str, **changes: Any) -> Citizen:
        return self.store.citizens.update(replace(self.store.citizens.get(citizen_id), **changes))

    def write_note(self, citizen_id: str, text: str) -> JournalNote:
        return self.store.notes.add(
            JournalNote.new(
                team_id=self.team,
                caseworker=self.store.session.user_id,
                citizen_ids=(citizen_id,),
                contact_form=ContactForm.OUTREACH,
                now=self.store.session.clock(),
                text=text,
            )
        )

    def snapshot(self) -> dict[str, Any]:
        """Everything a person could see, for comparing devices after a sync."""
        ctx = self.store.context
        out: dict[str, Any] = {}
        for table in ("citizens", "notes", "addenda", "plans", "goals", "ratings", "followups"):
            rows = ctx.query(f"SELECT * FROM {table} ORDER BY id")
            out[table] = [
                {k: v for k, v in r.items() if k not in {"rid", "created_at", "updated_at"}}
                | {"deleted": r["deleted_at"] is not None}
                for r in rows
            ]
            for row in out[table]:
                row.pop("deleted_at", None)
        return out


def laptop(
    world: World,
    tmp_path: Path,
    username: str,
    name: str = "laptop",
    clock: Clock = utc_now,
) -> Laptop:
    """A laptop enrolled for ``username``; ``clock`` is its wall clock (skewed ones too)."""
    folder = tmp_path / f"{username}-{name}"
    store = Store.create(
        folder,
        PASSPHRASE,
        user_id="local",
        user_name=username,
        team_ids=("local",),
        kdf=KdfParams.fast_for_tests(),
        clock=clock,
    )
    code, _ = accounts.issue_enrol_code(world.server.db, username, 900)
    sync_service.enrol(store, world.server.url, code, name)
    return Laptop(store, username)


def through(device: Laptop, url: str) -> None:
    """Point the laptop's enrolment at ``url`` (the proxy, or the server itself)."""
    replica = device.replica
    enrolment = replica.enrolment()
    assert enrolment is not None
    replica.save_enrolment(replace(enrolment, server_url=url))


def phone_edited_on_both(first: Laptop, second: Laptop) -> Citizen:
    """A citizen both laptops hold whose phone each changed offline; ``first`` has sent its
    edit, so ``second``'s next sync meets a same-field conflict."""
    person = first.new_citizen(name="Jens Hansen", phone="11111111")
    first.sync()
    second.sync()
    first.edit_citizen(person.id, phone="22222222")
    second.edit_citizen(person.id, phone="33333333")
    first.sync()
    return person


def edited_and_noted_after_a_sync(first: Laptop, second: Laptop) -> Citizen:
    """A citizen both laptops hold; ``first`` has since changed its phone and written a note
    about it, neither sent yet: two local changes for ``first``'s next sync."""
    citizen = first.new_citizen(nickname="Ravnen", phone="11 22 33 44")
    first.sync()
    second.sync()
    first.edit_citizen(citizen.id, phone="55 66 77 88")
    first.write_note(citizen.id, "Mødt ved havnen, fik kaffe.")
    return citizen

"""Who may do what on every endpoint of the server: other teams' records, and the three roles.

People: team A has caseworkers anna and bo and lead lise; team B has caseworker carl and lead
berit; ada is an administrator in no team. A caseworker of team A names team B's ids in every
field that names a record; each role meets the endpoints it may and may not use.
``test_every_route_is_covered`` fails for an endpoint added without a row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import APIRoute

from sync.protocol import (
    GENESIS_HASH,
    DeviceRevoked,
    PartitionSummary,
    ProtocolError,
    SyncClient,
    audit_entry_hash,
)
from sync.server import accounts, create_app
from tests.sync.conftest import World, make_op, new_id

PUBLIC = {("GET", "/v1/health"), ("POST", "/v1/enrol")}
"""No device signature: liveness, and enrolment (tested in test_auth)."""
DOCS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
"""FastAPI's published API description."""


@dataclass
class People:
    world: World
    anna: SyncClient
    lise: SyncClient
    carl: SyncClient
    berit: SyncClient
    ada: SyncClient
    citizen_a: str
    citizen_b: str
    conflict_b: str


def _entry(seq: int, prev: str, citizen_id: str, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "seq": seq,
        "prev_hash": prev,
        "at": f"2026-01-01T10:00:{seq:02d}+00:00",
        "action": "read",
        "entity": "citizen",
        "citizen_id": citizen_id,
        "purpose": "casework",
        **extra,
    }
    entry["hash"] = audit_entry_hash(entry)
    return entry


@pytest.fixture
def people(world: World) -> People:
    db = world.server.db
    accounts.add_user(db, "berit", "Berit", "team_lead")
    accounts.add_member(db, "Team B", "berit", lead=True)
    accounts.add_user(db, "ada", "Ada", "admin")
    anna, carl, carl2 = world.device("anna"), world.device("carl"), world.device("carl", "phone")
    citizen_a, citizen_b = new_id(), new_id()
    anna.push([make_op(anna, "citizen", citizen_a, world.team_a, {"name": "A"})])
    carl.push([make_op(carl, "citizen", citizen_b, world.team_b, {"name": "B"})])
    base = {"name": carl.pull(0).changes[-1].seq}
    carl.push([make_op(carl, "citizen", citizen_b, world.team_b, {"name": "B1"}, bases=base)])
    answer = carl2.push(
        [make_op(carl2, "citizen", citizen_b, world.team_b, {"name": "B2"}, bases=base)]
    )
    conflict_b = answer.results[0].conflict_id
    assert conflict_b is not None
    return People(
        world,
        anna,
        world.device("lise"),
        carl,
        world.device("berit"),
        world.device("ada"),
        citizen_a,
        citizen_b,
        conflict_b,
    )


def _refused(call: Callable[[], object], status: int, code: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        call()
    assert (caught.value.status, caught.value.code) == (status, code)


# -- every endpoint is here ------------------------------------------------------------------

SIGNED_CASES = {
    "/v1/sync/hello": "hello",
    "/v1/sync/push": "push",
    "/v1/sync/pull": "pull",
    "/v1/sync/verify": "verify",
    "/v1/audit": "audit_upload",
    "/v1/audit/citizen": "citizen_audit",
    "/v1/conflicts/list": "list_conflicts",
    "/v1/conflicts/{conflict_id}/resolve": "resolve",
}
"""Each signed endpoint and the name of its cross-team case below (role cases follow)."""


def test_every_route_is_covered(world: World) -> None:
    app = create_app(world.server.settings, world.server.db)
    routes = {
        (method, route.path)
        for route in app.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    }
    others = {getattr(r, "path", "") for r in app.routes if not isinstance(r, APIRoute)}
    assert others <= DOCS, f"routes without a permission test: {others - DOCS}"
    signed = {("POST", path) for path in SIGNED_CASES}
    assert routes == PUBLIC | signed, f"routes without a permission test: {routes - PUBLIC}"
    assert set(SIGNED_CASES.values()) <= set(CROSS_TEAM)


# -- a caseworker of team A names team B's records -------------------------------------------


def _hello(p: People) -> None:
    teams = p.anna.hello("1.0").teams
    assert [t.id for t in teams] == [p.world.team_a]


def _push(p: People) -> None:
    w, anna = p.world, p.anna
    carl_device = p.carl.credentials.device_id if p.carl.credentials else ""
    carl_op = make_op(p.carl, "citizen", p.citizen_b, w.team_b, {"nickname": "c"})
    p.carl.push([carl_op])
    ops = [
        make_op(anna, "citizen", new_id(), w.team_b, {"name": "new in B"}),
        make_op(anna, "citizen", p.citizen_b, w.team_a, {"name": "edit B as A"}),
        make_op(anna, "citizen", p.citizen_b, w.team_b, {"name": "edit B"}),
        make_op(anna, "citizen", p.citizen_b, w.team_b, {}, kind="delete"),
        make_op(anna, "citizen", p.citizen_a, w.team_a, {"team_id": w.team_b}),
        make_op(anna, "note", new_id(), w.team_b, {"text": "x", "status": "final"}, kind="append"),
    ]
    forged = make_op(anna, "citizen", p.citizen_a, w.team_a, {"name": "as carl"})
    forged = type(forged)(**{**forged.__dict__, "device_id": carl_device})
    reused = make_op(anna, "citizen", p.citizen_a, w.team_a, {"name": "x"})
    reused = type(reused)(**{**reused.__dict__, "op_id": carl_op.op_id})
    results = anna.push([*ops, forged, reused]).results
    assert [(r.status, r.reason) for r in results] == [("rejected", "forbidden_partition")] * len(
        ops
    ) + [("rejected", "wrong_device"), ("rejected", "op_id_taken")]
    names = [c.fields["name"].value for c in p.carl.pull(0).changes if "name" in c.fields]
    assert names == ["B", "B1"]  # nothing of anna's reached team B


def _pull(p: People) -> None:
    for partitions in ([p.world.team_b], [p.world.team_a, p.world.team_b], [new_id()]):
        _refused(lambda ps=partitions: p.anna.pull(0, partitions=ps), 403, "forbidden_partition")
    assert {c.partition for c in p.anna.pull(0).changes} == {p.world.team_a}


def _verify(p: People) -> None:
    empty = PartitionSummary(0, "")
    _refused(lambda: p.anna.verify({p.world.team_b: empty}), 403, "forbidden_partition")
    assert set(p.anna.verify({}).server) == {p.world.team_a}


def _audit_upload(p: People) -> None:
    carl_device = p.carl.credentials.device_id if p.carl.credentials else ""
    # entries that claim carl's device and team B's citizen are stored as anna's device's
    first = _entry(1, GENESIS_HASH, p.citizen_b, device_id=carl_device)
    assert p.anna.upload_audit([first]).verified_until == 1
    # carl's own chain is untouched: his first entry still starts from genesis
    assert p.carl.upload_audit([_entry(1, GENESIS_HASH, p.citizen_b)]).verified_until == 1
    log = p.berit.citizen_audit(p.citizen_b).entries
    owners = {(e.device_id, e.user_name) for e in log}
    assert owners == {
        (p.anna.credentials.device_id if p.anna.credentials else "", "Anna"),
        (carl_device, "Carl"),
    }


def _citizen_audit(p: People) -> None:
    _refused(lambda: p.anna.citizen_audit(p.citizen_b), 403, "forbidden_audit_read")


def _list_conflicts(p: People) -> None:
    assert p.anna.list_conflicts() == []
    assert [c.conflict_id for c in p.carl.list_conflicts()] == [p.conflict_b]


def _resolve(p: People) -> None:
    _refused(lambda: p.anna.resolve_conflict(p.conflict_b, "A's pick"), 404, "conflict_not_found")
    _refused(lambda: p.lise.resolve_conflict(p.conflict_b, "A's pick"), 404, "conflict_not_found")
    assert [c.conflict_id for c in p.berit.list_conflicts()] == [p.conflict_b]  # still open


CROSS_TEAM: dict[str, Callable[[People], None]] = {
    "hello": _hello,
    "push": _push,
    "pull": _pull,
    "verify": _verify,
    "audit_upload": _audit_upload,
    "citizen_audit": _citizen_audit,
    "list_conflicts": _list_conflicts,
    "resolve": _resolve,
}


@pytest.mark.parametrize("case", sorted(CROSS_TEAM))
def test_team_a_cannot_reach_team_b(people: People, case: str) -> None:
    CROSS_TEAM[case](people)


# -- roles -----------------------------------------------------------------------------------


def _review_op(client: SyncClient, team: str, note_id: str, reviewer: str) -> Any:
    return make_op(
        client,
        "review",
        new_id(),
        team,
        {"note_id": note_id, "team_id": team, "reviewer": reviewer, "decision": "approved"},
    )


def test_only_the_teams_lead_writes_a_review_and_the_administrator_none(people: People) -> None:
    w = people.world
    note = new_id()
    people.anna.push(
        [make_op(people.anna, "note", note, w.team_a, {"text": "t", "status": "final"})]
    )
    user_ids = {u.username: u.id for u in accounts.list_users(w.server.db)}
    expected = {
        "anna": "forbidden_entity",
        "berit": "forbidden_partition",
        "ada": "forbidden_partition",
        "lise": None,
    }
    for name, reason in expected.items():
        client: SyncClient = getattr(people, name)
        result = client.push([_review_op(client, w.team_a, note, user_ids[name])]).results[0]
        assert (result.status == "applied", result.reason) == (reason is None, reason), name


def test_leads_see_only_their_own_teams(people: People) -> None:
    w = people.world
    lise_parts = {c.partition for c in people.lise.pull(0).changes}
    berit_parts = {c.partition for c in people.berit.pull(0).changes}
    assert (lise_parts, berit_parts) == ({w.team_a}, {w.team_b})
    assert [c.conflict_id for c in people.lise.list_conflicts()] == []
    assert set(people.lise.verify({}).server) == {w.team_a}
    _refused(lambda: people.lise.pull(0, partitions=[w.team_b]), 403, "forbidden_partition")


def test_the_administrator_reads_access_logs_but_no_team_data(people: People) -> None:
    w, ada = people.world, people.ada
    assert ada.hello("1.0").teams == []
    assert ada.pull(0).changes == []
    assert ada.verify({}).server == {}
    assert ada.list_conflicts() == []
    _refused(lambda: ada.pull(0, partitions=[w.team_a]), 403, "forbidden_partition")
    results = ada.push(
        [
            make_op(ada, "citizen", new_id(), w.team_a, {"name": "x"}),
            make_op(ada, "citizen", people.citizen_b, w.team_b, {"name": "x"}),
        ]
    ).results
    assert {(r.status, r.reason) for r in results} == {("rejected", "forbidden_partition")}
    _refused(lambda: ada.resolve_conflict(people.conflict_b, "x"), 404, "conflict_not_found")
    assert ada.citizen_audit(people.citizen_b).citizen_id == people.citizen_b
    assert ada.citizen_audit(new_id()).entries == []  # any citizen, even one not synced


def test_who_reads_a_citizens_access_log(people: People) -> None:
    people.anna.upload_audit([_entry(1, GENESIS_HASH, people.citizen_a)])
    allowed = {"anna": False, "lise": True, "berit": False, "ada": True, "carl": False}
    for who, may in allowed.items():
        client: SyncClient = getattr(people, who)
        if not may:
            _refused(
                lambda c=client: c.citizen_audit(people.citizen_a), 403, "forbidden_audit_read"
            )
            continue
        (entry,) = client.citizen_audit(people.citizen_a).entries
        seen = (entry.user_name, entry.device_name, entry.action, entry.purpose)
        assert seen == ("Anna", "laptop", "read", "casework"), who


def test_unknown_citizen_is_refused_to_a_lead_like_another_teams(people: People) -> None:
    _refused(lambda: people.lise.citizen_audit(new_id()), 403, "forbidden_audit_read")


def test_a_revoked_lead_device_reads_no_access_log(people: People) -> None:
    lise = people.lise
    assert lise.credentials is not None
    accounts.revoke_device(people.world.server.db, lise.credentials.device_id)
    with pytest.raises(DeviceRevoked):
        lise.citizen_audit(people.citizen_a)

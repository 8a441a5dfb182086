"""``outreach-sync``: the administrator's command line for the sync server.

The database comes from ``--db``, else ``OUTREACH_SYNC_DB``, else ``db`` in the ``--config``
TOML file, else an SQLite file in the user data directory.

    outreach-sync init
    outreach-sync user add mette --name "Mette Hansen" --role caseworker
    outreach-sync team add "Team Vest" && outreach-sync team member "Team Vest" mette
    outreach-sync enrol-code mette
    outreach-sync serve --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sync.protocol.client import is_loopback
from sync.server import accounts
from sync.server.db import Database
from sync.server.errors import AdminError
from sync.server.identity import initialise, load_identity
from sync.server.settings import ConfigError, Settings, load_settings

Command = Callable[[argparse.Namespace, Settings, Database], None]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.db, args.config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    db = Database(settings.database_url)
    try:
        command: Command = args.handler
        command(args, settings, db)
    except AdminError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="outreach-sync", description="Outreach Desk sync server")
    parser.add_argument("--db", help="database URL (sqlite:///path or postgresql+psycopg://...)")
    parser.add_argument("--config", type=Path, help="TOML settings file")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("init", help="create the database, epoch and server key").set_defaults(
        handler=_init
    )
    serve = commands.add_parser("serve", help="run the server")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8765)")
    serve.add_argument("--tls-cert", help="certificate chain (PEM)")
    serve.add_argument("--tls-key", help="private key (PEM)")
    serve.add_argument(
        "--insecure-behind-proxy",
        action="store_true",
        help="allow plain HTTP on a non-loopback address (TLS ends at a proxy)",
    )
    serve.set_defaults(handler=_serve)

    user = commands.add_parser("user", help="manage users").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add = user.add_parser("add", help="add a user")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--role", choices=accounts.ROLES, default="caseworker")
    add.set_defaults(handler=_user_add)
    user.add_parser("list", help="list users").set_defaults(handler=_user_list)
    for verb, disabled in (("disable", True), ("enable", False)):
        sub = user.add_parser(verb, help=f"{verb} a user (all of their devices)")
        sub.add_argument("username")
        sub.set_defaults(handler=_user_disable, disabled=disabled)

    team = commands.add_parser("team", help="manage teams").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    team_add = team.add_parser("add", help="add a team")
    team_add.add_argument("name")
    team_add.set_defaults(handler=_team_add)
    team.add_parser("list", help="list teams").set_defaults(handler=_team_list)
    member = team.add_parser("member", help="put a user in a team")
    member.add_argument("team", help="team name or id")
    member.add_argument("username")
    member.add_argument("--lead", action="store_true", help="the user leads this team")
    member.set_defaults(handler=_team_member)
    leave = team.add_parser("leave", help="take a user out of a team")
    leave.add_argument("team", help="team name or id")
    leave.add_argument("username")
    leave.set_defaults(handler=_team_leave)

    code = commands.add_parser("enrol-code", help="issue a one-time enrolment code")
    code.add_argument("username")
    code.set_defaults(handler=_enrol_code)

    device = commands.add_parser("device", help="manage devices").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    device.add_parser("list", help="list devices").set_defaults(handler=_device_list)
    revoke = device.add_parser("revoke", help="revoke a device; it wipes itself on next contact")
    revoke.add_argument("device_id")
    revoke.set_defaults(handler=_device_revoke)

    commands.add_parser("status", help="show what the server holds").set_defaults(handler=_status)

    audit_log = commands.add_parser("audit", help="devices' access logs").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    verify = audit_log.add_parser(
        "verify", help="check every stored access-log chain for edits, removals and truncation"
    )
    verify.add_argument("--device", help="only this device id")
    verify.set_defaults(handler=_audit_verify)
    return parser


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def _init(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    created = initialise(db)
    identity = load_identity(db)
    state = "initialised" if created else "already initialised"
    print(f"Database {db.safe_url()} {state}.")
    print(f"Epoch: {identity.epoch}")
    print(f"Server public key: {identity.public_key}")


def _tune_garbage_collector() -> None:
    """A push or pull page makes tens of thousands of short-lived objects, and with Python's
    default thresholds the collector runs hundreds of times per page, now and then walking
    every object of the process. Objects made at start-up (modules, the app) are moved out
    of its way, and it runs after 20,000 new objects instead of 700: a page costs ~15% less
    and has no collection pauses, and unreachable cycles are still collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


def _serve(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    import uvicorn

    from sync.server.app import create_app

    host = args.host or settings.host
    port = args.port or settings.port
    cert, key = args.tls_cert or settings.tls_cert, args.tls_key or settings.tls_key
    if bool(cert) != bool(key):
        raise AdminError("give both --tls-cert and --tls-key")
    if not cert and not is_loopback(host) and not args.insecure_behind_proxy:
        raise AdminError(
            f"refusing plain HTTP on {host}: give --tls-cert/--tls-key, or "
            "--insecure-behind-proxy if a proxy terminates TLS"
        )
    initialise(db)
    app = create_app(settings, db)
    _tune_garbage_collector()
    scheme = "https" if cert else "http"
    print(f"Serving {db.safe_url()} on {scheme}://{host}:{port}", flush=True)
    uvicorn.run(app, host=host, port=port, ssl_certfile=cert, ssl_keyfile=key, log_level="info")


def _user_add(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    user = accounts.add_user(db, args.username, args.name, args.role)
    print(f"Added user {user.username} ({user.role}), id {user.id}")


def _user_list(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    users = accounts.list_users(db)
    if not users:
        print("No users.")
    for u in users:
        state = "  DISABLED" if u.disabled else ""
        print(f"{u.username:<20} {u.role:<11} {u.display_name}{state}")


def _user_disable(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    accounts.set_user_disabled(db, args.username, args.disabled)
    print(f"User {args.username} {'disabled' if args.disabled else 'enabled'}.")


def _team_add(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    team = accounts.add_team(db, args.name)
    print(f"Added team {team.name}, id {team.id}")


def _team_list(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    teams = accounts.list_teams(db)
    if not teams:
        print("No teams.")
    for t in teams:
        print(f"{t.id}  {t.name}")


def _team_member(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    accounts.add_member(db, args.team, args.username, lead=args.lead)
    role = "lead of" if args.lead else "member of"
    print(f"{args.username} is now {role} {args.team}.")


def _team_leave(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    accounts.remove_member(db, args.team, args.username)
    print(f"{args.username} is no longer a member of {args.team}.")


def _enrol_code(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    code, expires = accounts.issue_enrol_code(db, args.username, settings.enrol_code_ttl_seconds)
    print(code)
    print(f"One-time code for {args.username}, valid until {_when(expires)}.", file=sys.stderr)


def _device_list(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    devices = accounts.list_devices(db)
    if not devices:
        print("No devices.")
    for d in devices:
        state = f"revoked {_when(d.revoked_at)}" if d.revoked_at else "active"
        print(
            f"{d.id}  {d.username:<16} {d.name:<24} enrolled {_when(d.enrolled_at)}  "
            f"last seen {_when(d.last_seen)}  {state}"
        )


def _device_revoke(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    accounts.revoke_device(db, args.device_id)
    print(f"Device {args.device_id} revoked; it will be told to wipe itself on next contact.")


def _status(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    load_identity(db)  # a clear error if not initialised
    info = accounts.status(db)
    print(f"Database:          {db.safe_url()}")
    labels = {
        "epoch": "Epoch",
        "server_public_key": "Server public key",
        "users": "Users",
        "teams": "Teams",
        "devices_active": "Active devices",
        "devices_revoked": "Revoked devices",
        "records": "Records",
        "high_water": "Last change seq",
        "open_conflicts": "Open conflicts",
        "rejected_ops": "Rejected ops",
    }
    for key, label in labels.items():
        print(f"{label + ':':<18} {info[key]}")


def _audit_verify(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    from sync.server.audit import verify_stored

    load_identity(db)
    with db.read() as conn:
        verdicts = verify_stored(conn, args.device)
    for v in verdicts:
        state = "ok" if v.ok else f"BROKEN: {v.problem} at seq {v.first_bad_seq}"
        aside = f", {v.superseded} set aside after a rollback" if v.superseded else ""
        print(f"{v.device_id}  {v.entries} entries{aside}  {state}")
    broken = [v for v in verdicts if not v.ok]
    if broken:
        raise AdminError(f"{len(broken)} of {len(verdicts)} access-log chains failed verification")
    print(f"{len(verdicts)} access-log chains verified")


if __name__ == "__main__":
    sys.exit(main())

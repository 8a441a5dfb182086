"""The admin CLI, run in-process against a temporary SQLite database."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from sync.protocol import EnrolRequest, encode_public_key
from sync.server import auth
from sync.server.accounts import CODE_ALPHABET
from sync.server.cli import main
from sync.server.db import Database
from sync.server.identity import load_identity
from sync.server.schema import enrol_codes


@pytest.fixture
def db_flag(tmp_path: Path) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / 'cli.db'}"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_full_admin_workflow(db_flag: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *db_flag, "init")
    assert code == 0 and "initialised" in out and "Epoch:" in out
    assert "already initialised" in run(capsys, *db_flag, "init")[1]

    assert run(capsys, *db_flag, "user", "add", "mette", "--name", "Mette Hansen")[0] == 0
    assert (
        run(capsys, *db_flag, "user", "add", "lars", "--name", "Lars", "--role", "team_lead")[0]
        == 0
    )
    code, out, _ = run(capsys, *db_flag, "user", "list")
    assert "mette" in out and "caseworker" in out and "team_lead" in out

    code, out, _ = run(capsys, *db_flag, "team", "add", "Team Vest")
    assert code == 0 and "Team Vest" in out
    assert run(capsys, *db_flag, "team", "member", "Team Vest", "mette")[0] == 0
    code, out, _ = run(capsys, *db_flag, "team", "member", "Team Vest", "lars", "--lead")
    assert "lead of Team Vest" in out
    code, out, _ = run(capsys, *db_flag, "team", "leave", "Team Vest", "lars")
    assert code == 0 and "no longer a member of Team Vest" in out
    assert "not a member" in run(capsys, *db_flag, "team", "leave", "Team Vest", "lars")[2]
    assert run(capsys, *db_flag, "team", "member", "Team Vest", "lars", "--lead")[0] == 0

    code, out, err = run(capsys, *db_flag, "enrol-code", "mette")
    enrol_code = out.strip()
    assert code == 0 and len(enrol_code) == 10 and set(enrol_code) <= set(CODE_ALPHABET)
    assert "valid until" in err

    db = Database(db_flag[1])
    request = EnrolRequest(
        enrol_code, "Mette's laptop", encode_public_key(Ed25519PrivateKey.generate().public_key())
    )
    device = auth.enrol(db, load_identity(db), request, {}, time.time())
    db.dispose()
    code, out, _ = run(capsys, *db_flag, "device", "list")
    assert device.device_id in out and "active" in out
    assert run(capsys, *db_flag, "device", "revoke", device.device_id)[0] == 0
    assert "revoked" in run(capsys, *db_flag, "device", "list")[1]

    assert run(capsys, *db_flag, "user", "disable", "mette")[0] == 0
    assert "DISABLED" in run(capsys, *db_flag, "user", "list")[1]

    code, out, _ = run(capsys, *db_flag, "status")
    assert code == 0
    assert "Users:             2" in out and "Revoked devices:   1" in out


def test_errors_are_clear_and_exit_non_zero(
    db_flag: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *db_flag, "status")
    assert code == 1 and "not initialised" in err and "outreach-sync init" in err
    run(capsys, *db_flag, "init")
    assert "no user 'nobody'" in run(capsys, *db_flag, "enrol-code", "nobody")[2]
    run(capsys, *db_flag, "user", "add", "a", "--name", "A")
    assert "already exists" in run(capsys, *db_flag, "user", "add", "a", "--name", "A")[2]
    assert "no team" in run(capsys, *db_flag, "team", "member", "nope", "a")[2]
    assert "no device" in run(capsys, *db_flag, "device", "revoke", "x")[2]


def test_serve_refuses_plain_http_on_a_public_address(
    db_flag: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *db_flag, "serve", "--host", "0.0.0.0")
    assert code == 1 and "--tls-cert" in err and "--insecure-behind-proxy" in err
    code, _, err = run(capsys, *db_flag, "serve", "--host", "0.0.0.0", "--tls-cert", "c.pem")
    assert code == 1 and "both" in err


def test_database_from_environment_and_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env_url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("OUTREACH_SYNC_DB", env_url)
    assert run(capsys, "init")[0] == 0
    assert (tmp_path / "env.db").exists()

    monkeypatch.delenv("OUTREACH_SYNC_DB")
    config = tmp_path / "server.toml"
    config.write_text(
        f'db = "sqlite:///{tmp_path / "file.db"}"\nenrol_code_ttl_minutes = 5\n'
        "[policy]\noffline_lease_days = 14\n"
    )
    assert run(capsys, "--config", str(config), "init")[0] == 0
    assert (tmp_path / "file.db").exists()
    run(capsys, "--config", str(config), "user", "add", "a", "--name", "A")
    before = time.time()
    assert run(capsys, "--config", str(config), "enrol-code", "a")[0] == 0
    db = Database(f"sqlite:///{tmp_path / 'file.db'}")
    with db.read() as conn:
        expires = conn.execute(select(enrol_codes.c.expires_at)).scalar_one()
    db.dispose()
    assert 290 < expires - before < 310

    config.write_text('colour = "blue"\n')
    code, _, err = run(capsys, "--config", str(config), "status")
    assert code == 1 and "colour" in err

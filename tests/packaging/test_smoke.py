"""``--smoke-test`` in-process (not frozen): with a real server on 127.0.0.1, without one,
and its failure lines. The frozen build runs the same function (test_frozen_build.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from outreach_desk import smoke
from outreach_desk.smoke import main_if_requested, run_smoke_test
from sync.server import accounts
from tests.sync.conftest import World
from tests.sync.laptops import laptop

OK = re.compile(
    r"^SMOKE OK: store, migrations \(v\d+\), translations \(da\), window \(\w+\)"
    r"(?:, sync \(device [0-9a-f-]+, pushed (?P<pushed>\d+), pulled (?P<pulled>\d+)\))?"
    r" in [\d.]+ s$"
)


@pytest.fixture(autouse=True)
def no_machine_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OUTREACH_DESK_POLICY", str(tmp_path / "no-policy.json"))


@pytest.fixture(autouse=True)
def catalogues() -> None:
    folder = Path(__file__).resolve().parents[2] / "resources" / "translations"
    if not (folder / "outreach_desk_da.qm").exists():
        pytest.skip("build the catalogues first: python resources/translations/update.py --release")


def only_line(out: str) -> str:
    lines = [line for line in out.splitlines() if line.startswith("SMOKE")]
    assert len(lines) == 1, out
    return lines[0]


def test_smoke_without_a_server(qapp, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert run_smoke_test(None, None, None) == 0
    line = only_line(capsys.readouterr().out)
    assert OK.match(line), line
    assert "sync" not in line


def test_smoke_enrols_and_syncs_with_a_real_server(  # type: ignore[no-untyped-def]
    qapp, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a colleague in the same team has synced a citizen: the smoke profile must pull it
    bo = laptop(world, tmp_path, "bo")
    bo.new_citizen(name="Smoke Borger", nickname="Røgen")
    bo.sync()
    bo.store.close()
    code, _ = accounts.issue_enrol_code(world.server.db, "anna", 900)
    workdir = tmp_path / "smoke"

    assert run_smoke_test(world.server.url, code, workdir) == 0

    line = only_line(capsys.readouterr().out)
    match = OK.match(line)
    assert match and match["pulled"] is not None, line
    assert int(match["pulled"]) >= 1
    assert (workdir / "smoke-result.txt").read_text("utf-8").strip() == line
    devices = [d for d in accounts.list_devices(world.server.db) if d.username == "anna"]
    assert [d.name[:10] for d in devices] == ["smoke-test"]
    assert not devices[0].revoked_at


def test_a_wrong_code_fails_in_the_sync_stage(  # type: ignore[no-untyped-def]
    qapp, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_smoke_test(world.server.url, "WRONGCODE1", None) == 1
    line = only_line(capsys.readouterr().out)
    assert line.startswith("SMOKE FAILED: sync: "), line


def test_an_unreachable_server_fails_in_the_sync_stage(  # type: ignore[no-untyped-def]
    qapp, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_smoke_test("http://127.0.0.1:9", "ABCDEFGHJK", None) == 1
    assert only_line(capsys.readouterr().out).startswith("SMOKE FAILED: sync: ")


def test_missing_catalogues_fail_in_the_translations_stage(  # type: ignore[no-untyped-def]
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import outreach_desk.resources

    monkeypatch.setattr(outreach_desk.resources, "translations_dir", lambda: tmp_path)
    assert run_smoke_test(None, None, None) == 1
    line = only_line(capsys.readouterr().out)
    assert line.startswith("SMOKE FAILED: translations: Danish catalogues missing"), line
    assert str(tmp_path) in line


def test_a_broken_policy_fails_in_the_policy_stage(  # type: ignore[no-untyped-def]
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text('{"idle_lock_minutes": 500}', "utf-8")
    monkeypatch.setenv("OUTREACH_DESK_POLICY", str(policy))
    assert run_smoke_test(None, None, None) == 1
    line = only_line(capsys.readouterr().out)
    assert line.startswith(f"SMOKE FAILED: policy: {policy}: key 'idle_lock_minutes'"), line


def test_a_code_without_a_server_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_smoke_test(None, "ABCDEFGHJK", None) == 1
    assert "needs a server URL" in only_line(capsys.readouterr().out)


def test_command_line_of_the_frozen_entry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(smoke, "run_smoke_test", lambda *a: calls.append(a) or 0)
    assert main_if_requested(["--profile-dir", "x"]) is None
    argv = ["--smoke-test", "--server", "http://127.0.0.1:1", "--enrol-code", "C"]
    assert main_if_requested([*argv, "--profile-dir", str(tmp_path)]) == 0
    assert calls == [("http://127.0.0.1:1", "C", tmp_path)]

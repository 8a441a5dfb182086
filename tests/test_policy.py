"""Machine policy: precedence over user settings, locked keys, and broken files that never
stop the app (each problem names the file and the key)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_desk import policy as policy_module
from outreach_desk.policy import (
    ENV_POLICY,
    MachinePolicy,
    PolicyResult,
    apply_policy,
    default_policy_path,
    load_policy,
    main,
    parse_policy,
    policy_candidates,
    write_policy,
)
from outreach_desk.settings import UserSettings

FULL = {
    "sync_url": "https://sync.odense.dk",
    "idle_lock_minutes": 3,
    "offline_lease_days": 14,
    "allowed_languages": ["da"],
}


def write(tmp_path: Path, content: object, name: str = "policy.json") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_text(json.dumps(content), "utf-8")
    return path


# --- reading ----------------------------------------------------------------------------


def test_a_full_policy_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    result = load_policy(path)
    assert result.problems == []
    assert result.policy == MachinePolicy(
        sync_url="https://sync.odense.dk",
        idle_lock_minutes=3,
        offline_lease_days=14,
        allowed_languages=("da",),
        source=path,
    )


def test_no_file_is_no_policy_and_no_problem(tmp_path: Path) -> None:
    result = load_policy(tmp_path / "missing.json")
    assert result == PolicyResult(MachinePolicy(), [])
    assert result.policy.is_empty()
    assert result.policy.languages() == ("da", "en")


def test_env_override_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, {"idle_lock_minutes": 7}, "it-trial.json")
    monkeypatch.setenv(ENV_POLICY, str(path))
    assert default_policy_path() == path
    assert load_policy().policy.idle_lock_minutes == 7


def test_default_location_is_the_site_config_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_POLICY, raising=False)
    monkeypatch.delenv("XDG_CONFIG_DIRS", raising=False)
    candidates = policy_candidates()
    assert candidates[0].name == "policy.json"
    assert candidates[0].parent.name == "OutreachDesk"


def test_every_xdg_config_dir_is_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ubuntu sessions set XDG_CONFIG_DIRS=/etc/xdg/xdg-ubuntu:/etc/xdg; the file in the
    second folder must still be found."""
    first, second = tmp_path / "xdg-ubuntu", tmp_path / "xdg"
    (second / "OutreachDesk").mkdir(parents=True)
    write(second / "OutreachDesk", {"idle_lock_minutes": 9})
    monkeypatch.delenv(ENV_POLICY, raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{first}:{second}")
    monkeypatch.setattr(policy_module.sys, "platform", "linux")
    assert default_policy_path() == second / "OutreachDesk" / "policy.json"
    assert load_policy().policy.idle_lock_minutes == 9


def test_windows_location_is_programdata_outreachdesk(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the MSI writes ([CommonAppDataFolder]OutreachDesk) must be what platformdirs gives
    the app on Windows: no author folder with appauthor=False."""
    from platformdirs import windows

    folders = {"CSIDL_COMMON_APPDATA": "C:\\ProgramData"}
    monkeypatch.setattr(windows, "get_win_folder", folders.__getitem__)
    found = windows.Windows("OutreachDesk", appauthor=False).site_config_path
    assert str(found).replace("/", "\\") == "C:\\ProgramData\\OutreachDesk"


def test_a_utf8_bom_or_utf16_file_is_read(tmp_path: Path) -> None:
    """Windows tools (PowerShell, Notepad) like to write a BOM or UTF-16."""
    text = json.dumps({"idle_lock_minutes": 4})
    for raw in (b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        result = load_policy(write(tmp_path, raw))
        assert result.problems == []
        assert result.policy.idle_lock_minutes == 4


def test_comment_keys_are_ignored(tmp_path: Path) -> None:
    result = load_policy(write(tmp_path, {"_comment": "by Intune", "idle_lock_minutes": 5}))
    assert result.problems == []
    assert result.policy.idle_lock_minutes == 5


# --- broken files: clear messages, safe fallback ---------------------------------------


def test_invalid_json_gives_no_policy_and_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '{"idle_lock_minutes": 5,')
    result = load_policy(path)
    assert result.policy == MachinePolicy()
    [problem] = result.problems
    assert str(path) in problem
    assert "not valid JSON" in problem
    assert "no policy" in problem


@pytest.mark.parametrize("content", ["[1, 2]", '"text"', "42", "null"])
def test_a_file_that_is_not_an_object_is_refused(tmp_path: Path, content: str) -> None:
    path = write(tmp_path, content)
    result = load_policy(path)
    assert result.policy == MachinePolicy()
    [problem] = result.problems
    assert str(path) in problem and "one JSON object" in problem


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "policy.json"
    folder.mkdir()  # a folder where the file should be: open() fails
    result = load_policy(folder)
    assert result.policy == MachinePolicy()
    [problem] = result.problems
    assert str(folder) in problem and "cannot be read" in problem


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, {"_comment": "x" * 70_000})
    result = load_policy(path)
    assert result.policy == MachinePolicy()
    assert "larger than" in result.problems[0]


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '{"idle_lock_minutes": 5, "idle_lock_minutes": 60}')
    result = load_policy(path)
    assert result.policy == MachinePolicy()
    assert "'idle_lock_minutes' appears twice" in result.problems[0]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("idle_lock_minutes", "5", "must be a whole number from 1 to 120, not text"),
        ("idle_lock_minutes", 5.5, "must be a whole number from 1 to 120, not a number"),
        ("idle_lock_minutes", True, "must be a whole number from 1 to 120, not true/false"),
        ("idle_lock_minutes", 0, "must be from 1 to 120, not 0"),
        ("idle_lock_minutes", 600, "must be from 1 to 120, not 600"),
        ("offline_lease_days", -1, "must be from 1 to 365, not -1"),
        ("offline_lease_days", None, "must be a whole number from 1 to 365, not null"),
        ("allowed_languages", "da", "must be a non-empty list of language codes"),
        ("allowed_languages", [], "must be a non-empty list of language codes"),
        ("allowed_languages", ["da", "sv"], 'has unknown language(s) ["sv"]'),
        ("sync_url", 42, "must be the server's address as text"),
        ("sync_url", "sync.odense.dk", "must start with https://"),
        ("sync_url", "ftp://sync.odense.dk", "must start with https://"),
        ("sync_url", "http://sync.odense.dk", "must use https://"),
        ("sync_url", "https://user:pw@sync.odense.dk", "must not contain a user name"),
        ("sync_url", "https://sync.odense.dk:99999", "is not a valid address"),
    ],
)
def test_a_bad_value_is_ignored_and_the_good_ones_kept(
    tmp_path: Path, key: str, value: object, expected: str
) -> None:
    good = {k: v for k, v in FULL.items() if k != key}
    path = write(tmp_path, {**good, key: value})
    result = load_policy(path)
    [problem] = result.problems
    assert problem.startswith(f"{path}: key {key!r} ")
    assert expected in problem
    assert problem.endswith("; ignored")
    assert getattr(result.policy, key) is None
    for other in good:
        assert getattr(result.policy, other) is not None


def test_unknown_keys_are_reported_by_name(tmp_path: Path) -> None:
    path = write(tmp_path, {"idle_lock_minute": 5, "offline_lease_days": 10})
    result = load_policy(path)
    [problem] = result.problems
    assert str(path) in problem
    assert "unknown key 'idle_lock_minute'" in problem
    assert "idle_lock_minutes" in problem  # the known keys are listed, to spot the typo
    assert result.policy.offline_lease_days == 10


def test_plain_http_is_allowed_to_this_machine_only(tmp_path: Path) -> None:
    for url in ("http://127.0.0.1:8765", "http://localhost:8765/", "http://[::1]:8765"):
        result = load_policy(write(tmp_path, {"sync_url": url}))
        assert result.problems == [], url
        assert result.policy.sync_url == url.rstrip("/")


def test_duplicate_languages_are_collapsed(tmp_path: Path) -> None:
    result = load_policy(write(tmp_path, {"allowed_languages": ["en", "da", "en"]}))
    assert result.policy.allowed_languages == ("en", "da")


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400))
def test_load_policy_never_raises_on_arbitrary_bytes(tmp_path: Path, raw: bytes) -> None:
    result = load_policy(write(tmp_path, raw))
    assert isinstance(result, PolicyResult)
    for problem in result.problems:
        assert str(tmp_path / "policy.json") in problem


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4)
    ),
    max_leaves=20,
)
policy_like = st.dictionaries(
    st.sampled_from([*FULL, "_comment", "other"]) | st.text(max_size=15), json_values, max_size=6
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=json_values | policy_like)
def test_load_policy_never_raises_on_arbitrary_json(tmp_path: Path, data: object) -> None:
    path = write(tmp_path, json.dumps(data).encode())
    result = load_policy(path)
    # whatever was kept is valid and applies cleanly
    effective, locked = apply_policy(UserSettings(), result.policy)
    assert effective == effective.validated()
    assert locked <= {"language", "idle_lock_minutes", "sync_url", "offline_lease_days"}
    for problem in result.problems:
        assert str(path) in problem


def test_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    result = parse_policy(b"[" * 100_000 + b"]" * 100_000, tmp_path / "policy.json")
    assert result.policy == MachinePolicy()
    assert result.problems


# --- precedence and locking -------------------------------------------------------------


def test_policy_beats_user_settings_and_locks_those_keys() -> None:
    user = UserSettings(language="en", idle_lock_minutes=30, default_place_id="p-1")
    effective, locked = apply_policy(user, MachinePolicy(**{**FULL, "allowed_languages": ("da",)}))
    assert effective == UserSettings(language="da", idle_lock_minutes=3, default_place_id="p-1")
    assert locked == frozenset({"language", "idle_lock_minutes", "sync_url", "offline_lease_days"})


def test_no_policy_changes_nothing_and_locks_nothing() -> None:
    user = UserSettings(language="en", idle_lock_minutes=30)
    assert apply_policy(user, MachinePolicy()) == (user, frozenset())


def test_several_allowed_languages_leave_the_choice_to_the_user() -> None:
    user = UserSettings(language="en")
    effective, locked = apply_policy(user, MachinePolicy(allowed_languages=("da", "en")))
    assert effective.language == "en"
    assert "language" not in locked


def test_a_language_no_longer_allowed_falls_back_to_the_first_allowed() -> None:
    user = UserSettings(language="da")
    effective, locked = apply_policy(user, MachinePolicy(allowed_languages=("en", "da")[:1]))
    assert effective.language == "en"
    assert locked == frozenset({"language"})


def test_the_settings_dialog_shows_policy_values_locked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """What app.py passes on: Policy(locked, allowed_languages) -> the dialog disables and
    marks the locked fields and offers only the allowed languages."""
    from outreach_desk.ui.main_window import Policy
    from outreach_desk.ui.settings_dialog import SettingsDialog

    path = write(tmp_path, {"idle_lock_minutes": 3, "allowed_languages": ["da"]})
    machine = load_policy(path).policy
    effective, locked = apply_policy(UserSettings(language="en", idle_lock_minutes=30), machine)
    ui_policy = Policy(locked=locked, allowed_languages=machine.languages())
    dialog = SettingsDialog(effective, [], ui_policy.locked, ui_policy.allowed_languages)
    qtbot.addWidget(dialog)
    assert not dialog.idle_minutes.isEnabled()
    assert dialog.idle_minutes.value() == 3
    assert not dialog.language.isEnabled()
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == ["da"]
    assert "🔒" in dialog.idle_label.text() and "🔒" in dialog.language_label.text()
    assert not dialog.locked_note.isHidden()
    assert dialog.place.isEnabled()  # not a policy key
    assert dialog.result_settings().idle_lock_minutes == 3


# --- writing (the MSI's custom action) -------------------------------------------------


def test_write_merges_and_keeps_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "OutreachDesk" / "policy.json"
    write_policy(path, {"sync_url": "https://sync.odense.dk", "offline_lease_days": 14})
    policy = write_policy(path, {"idle_lock_minutes": 5})
    assert policy.as_json() == {
        "sync_url": "https://sync.odense.dk",
        "idle_lock_minutes": 5,
        "offline_lease_days": 14,
    }
    assert load_policy(path).problems == []
    assert path.stat().st_mode & 0o777 == 0o644  # every user must be able to read it


def test_write_refuses_invalid_values_and_leaves_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, {"idle_lock_minutes": 5})
    before = path.read_bytes()
    with pytest.raises(ValueError, match="idle_lock_minutes must be from 1 to 120"):
        write_policy(path, {"idle_lock_minutes": 500})
    assert path.read_bytes() == before


def test_command_line_write_as_the_msi_calls_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.json"
    args = ["--file", str(path), "write", "--sync-url", "https://sync.odense.dk"]
    status = main([*args, "--idle-lock-minutes", "10", "--allowed-languages", "da, en"])
    assert status == 0
    assert json.loads(path.read_text("utf-8")) == {
        "sync_url": "https://sync.odense.dk",
        "idle_lock_minutes": 10,
        "allowed_languages": ["da", "en"],
    }
    # empty MSI properties: nothing to write, the file is untouched
    assert main(["--file", str(path), "write", "--sync-url", ""]) == 0
    assert main(["--file", str(path), "write", "--idle-lock-minutes", "ten"]) == 1
    assert "idle_lock_minutes must be a whole number" in capsys.readouterr().err
    assert main(["--file", str(path), "show"]) == 0

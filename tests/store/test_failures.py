"""Failure paths: a full disk, driver errors, and what they leave behind (nothing lost)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3

from outreach_desk.store import DiskFull, KdfParams, Store, StoreDamaged, StoreError
from outreach_desk.store.errors import IntegrityError, classify
from tests.conftest import PASSPHRASE, FakeClock, new_store
from tests.store.factories import citizen, note


def test_database_full_keeps_earlier_work_and_recovers(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    saved = note(store, person.id, clock())
    conn = store.context.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    outbox_before = store.outbox.count()
    with pytest.raises(DiskFull), store.transaction():
        for _ in range(200):
            note(store, person.id, clock(), text="x" * 4000)
    assert store.outbox.count() == outbox_before
    assert store.notes.get(saved.id).text == saved.text
    assert store.access_log.verify().ok
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    note(store, person.id, clock(), text="Skrevet efter oprydning")
    assert store.notes.count() == 2


@contextlib.contextmanager
def _tiny_disk(size: str = "3m") -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp())
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        shutil.rmtree(folder)
        pytest.skip("needs permission to mount a small tmpfs")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def test_real_full_disk_is_reported_and_nothing_is_lost(clock: FakeClock) -> None:
    with _tiny_disk() as disk:
        profile = disk / "profile"
        store = Store.create(
            profile,
            PASSPHRASE,
            user_id="u",
            user_name="U",
            team_ids=("t",),
            kdf=KdfParams.fast_for_tests(),
            clock=clock,
        )
        try:
            _fill_disk_and_fail(store, disk, clock)
        finally:
            store.close()
        with Store.open(profile, PASSPHRASE) as reopened:  # the old passphrase still works
            assert reopened.notes.count() == 1
            assert reopened.access_log.verify().ok
        assert [p.name for p in profile.iterdir() if p.name.startswith(".")] == []


def _fill_disk_and_fail(store: Store, disk: Path, clock: FakeClock) -> None:
    person = citizen(store)
    kept = note(store, person.id, clock())
    # fill the rest of the disk with something else
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        while True:
            handle.write(b"\0" * 4096)
            handle.flush()
    with pytest.raises(DiskFull):
        for _ in range(100):
            note(store, person.id, clock(), text="y" * 3000)
    with pytest.raises(DiskFull):
        store.change_passphrase(PASSPHRASE, "another long passphrase")
    with pytest.raises(DiskFull):  # a read that cannot be logged is refused, not done silently
        store.notes.get(kept.id)
    filler.unlink()
    assert store.notes.get(kept.id).text == kept.text


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlcipher3.OperationalError("database or disk is full"), DiskFull),
        (sqlcipher3.DatabaseError("file is not a database"), StoreDamaged),
        (sqlcipher3.DatabaseError("database disk image is malformed"), StoreDamaged),
        (sqlcipher3.IntegrityError("UNIQUE constraint failed: citizens.id"), IntegrityError),
        (sqlcipher3.OperationalError("no such table: x"), StoreError),
    ],
)
def test_driver_errors_become_store_errors(exc: Exception, expected: type[StoreError]) -> None:
    translated = classify(exc)
    assert type(translated) is expected


def test_sqlcipher_errors_are_not_sqlite3_errors() -> None:
    """Why translation is needed: catching sqlite3.Error would miss sqlcipher3's errors."""
    import sqlite3

    assert not issubclass(sqlcipher3.OperationalError, sqlite3.Error)


def test_store_errors_never_carry_personal_data(store: Store) -> None:
    person = citizen(store)
    try:
        with store.transaction():
            store.context.conn.execute(
                "INSERT INTO citizens(id, team_id, name, created_at, updated_at)"
                " VALUES (?, 't', '120385-2417 Jens', 'x', 'x')",
                (person.id,),
            )
    except StoreError as exc:
        assert "120385" not in str(exc) and "Jens" not in str(exc)
    else:
        pytest.fail("a duplicate id must fail")


def test_profile_survives_a_crash_between_writes(tmp_path: Path, clock: FakeClock) -> None:
    """A process killed mid-transaction: on reopen the last commit is there, the rest is not."""
    profile = tmp_path / "p"
    new_store(profile, clock).close()
    script = f"""
import os, sys
from datetime import datetime, UTC
from pathlib import Path
sys.path.insert(0, {str(Path.cwd())!r})
from outreach_desk.store import Store
from outreach_desk.domain import Citizen
s = Store.open(Path({str(profile)!r}), {PASSPHRASE!r})
s.citizens.add(Citizen.new("t", name="Committed Before Crash"))
s.context.conn.execute("BEGIN")
s.citizens.add(Citizen.new("t", name="Never Committed"))
os._exit(9)  # like SIGKILL: no cleanup, no checkpoint
"""
    result = subprocess.run([os.sys.executable, "-c", script], check=False)
    assert result.returncode == 9
    with Store.open(profile, PASSPHRASE) as reopened:
        names = {h.title for h in reopened.search_citizens("Crash")}
        assert names == {"Committed Before Crash"}
        assert reopened.search_citizens("Never") == []
        assert reopened.outbox.count() == 1
        assert reopened.access_log.verify().ok


def _quoted(exc: BaseException) -> str:
    """Everything an error could show or log: text, repr, field errors, params, causes."""
    parts = [str(exc), repr(exc)]
    for error in getattr(exc, "errors", ()):
        parts += [str(error), repr(error)]
    parts += (
        [str(exc.__cause__ or ""), str(exc.__context__ or "")]
        if isinstance(exc, StoreError)
        else []
    )
    return "\n".join(parts)


BAD_CPRS = ("010190-1234", "0101901234", "310290-1234", "010190-123X", "01019O-1234")


@pytest.mark.parametrize("cpr", BAD_CPRS)
def test_validation_and_store_errors_never_quote_a_cpr_or_note_text(
    store: Store, clock: FakeClock, cpr: str
) -> None:
    """CPR-shaped values and note text pushed through every error the store can raise."""
    from dataclasses import replace

    from outreach_desk.domain import Citizen, ValidationError

    secret_text = f"Hemmeligt om {cpr} ved Vandrefalk"
    raised: list[BaseException] = []

    def attempt(action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except (ValidationError, StoreError) as exc:
            raised.append(exc)

    team = store.session.home_team
    attempt(lambda: store.citizens.add(Citizen.new(team, name="Jens", cpr=cpr + "9")))
    attempt(lambda: store.citizens.add(Citizen.new(team, name=secret_text * 50, cpr=cpr)))
    attempt(lambda: store.citizens.add(Citizen.new("", name=secret_text, cpr=cpr)))
    attempt(lambda: store.citizens.add(Citizen.new(team, name=secret_text, birth_year=1800)))
    person = citizen(store, cpr="120385-2417")
    attempt(lambda: store.citizens.add(replace(person, name=secret_text)))  # duplicate id
    attempt(lambda: note(store, person.id, clock(), text=secret_text * 2000))
    attempt(lambda: note(store, person.id, clock(), text=""))
    written = note(store, person.id, clock(), text=secret_text)
    final = store.notes.finalise(written.id, store.followups)
    attempt(lambda: store.notes.update(replace(final, text=secret_text + "!")))
    attempt(lambda: store.notes.delete(final.id))
    conn = store.context.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    attempt(lambda: [note(store, person.id, clock(), text=secret_text * 40) for _ in range(50)])
    conn.execute("PRAGMA max_page_count = 1073741823")

    def broken_row() -> None:
        with store.transaction():
            conn.execute("INSERT INTO citizens(id, name) VALUES (?, ?)", (cpr, secret_text))

    attempt(broken_row)
    assert len(raised) >= 9, [type(e).__name__ for e in raised]
    assert any(isinstance(e, DiskFull) for e in raised)
    for exc in raised:
        text = _quoted(exc)
        for secret in (cpr, cpr.replace("-", ""), "Vandrefalk"):
            assert secret not in text, f"{type(exc).__name__} quotes {secret!r}: {text[:200]}"

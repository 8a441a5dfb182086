"""The store is encrypted at rest, and every way of failing to open it is told apart."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from outreach_desk.store import (
    HeaderDamaged,
    HeaderMissing,
    KdfParams,
    NotEncrypted,
    Store,
    StoreDamaged,
    StoreExists,
    StoreNotFound,
    UnlockDelayed,
    WrongPassphrase,
)
from outreach_desk.store.connection import require_cipher
from outreach_desk.store.throttle import UnlockThrottle, delay_after
from tests.conftest import PASSPHRASE, FakeClock
from tests.store.damage import flip_page_under_open_store
from tests.store.factories import CPR, NOTE_PHRASE, citizen, note

SECRETS = (CPR.encode(), CPR.replace("-", "").encode(), NOTE_PHRASE.encode(), b"Store Jens")


def _raw_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_database_wal_and_shm_hold_no_plaintext(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    for _ in range(20):
        note(store, person.id, clock())
    files = _raw_files(store.paths.folder)
    # the connection is still open, so the WAL holds the recent pages
    assert {"store.db", "store.db-wal", "store.db-shm", "store.key"} <= files.keys()
    assert len(files["store.db-wal"]) > 0
    for name, raw in files.items():
        for secret in SECRETS:
            assert secret not in raw, f"plaintext found in {name}"
    # and no other file (temp files, journals) was ever written next to them
    assert set(files) <= {"store.db", "store.db-wal", "store.db-shm", "store.key"}


def test_closed_database_holds_no_plaintext(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    note(store, person.id, clock())
    folder = store.paths.folder
    store.close()
    for raw in _raw_files(folder).values():
        for secret in SECRETS:
            assert secret not in raw


def test_plain_sqlite_cannot_read_the_file(store: Store) -> None:
    citizen(store)
    store.close()
    conn = sqlite3.connect(store.paths.database)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM citizens").fetchall()
    conn.close()


def test_library_that_ignores_pragma_key_is_refused() -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(NotEncrypted):
        require_cipher(conn)
    conn.close()


def test_extension_loading_is_not_possible(store: Store) -> None:
    with pytest.raises(Exception, match="not authorized"):
        store.context.conn.execute("SELECT load_extension('/nonexistent/x')")


def test_reopen_with_right_passphrase_keeps_data(store: Store, profile: Path) -> None:
    person = citizen(store)
    store.close()
    with Store.open(profile, PASSPHRASE) as reopened:
        assert reopened.citizens.get(person.id).cpr == CPR


def test_wrong_passphrase_is_not_a_damaged_file(store: Store, profile: Path) -> None:
    store.close()
    with pytest.raises(WrongPassphrase) as caught:
        Store.open(profile, "not the passphrase at all")
    assert caught.value.failures == 1
    assert not isinstance(caught.value, StoreDamaged)


def test_wrong_passphrase_delay_grows_and_survives_restart(store: Store, profile: Path) -> None:
    store.close()
    now = [1000.0]
    throttle = UnlockThrottle(profile / "unlock-state.json", clock=lambda: now[0])
    delays = []
    for attempt in range(5):
        if attempt:
            now[0] += delays[-1]  # wait out the previous delay
        with pytest.raises(WrongPassphrase) as caught:
            Store.open(profile, "wrong passphrase!", throttle=throttle)
        delays.append(caught.value.delay_seconds)
    assert delays == [0, 0, 2, 4, 8]
    assert delays == [delay_after(n) for n in range(1, 6)]
    # a new throttle object (an app restart) still knows the count and the wait
    restarted = UnlockThrottle(profile / "unlock-state.json", clock=lambda: now[0])
    assert restarted.failures == 5
    with pytest.raises(UnlockDelayed) as delayed:
        Store.open(profile, PASSPHRASE, throttle=restarted)
    assert delayed.value.remaining_seconds == pytest.approx(8)
    now[0] += 8
    Store.open(profile, PASSPHRASE, throttle=restarted).close()
    assert restarted.failures == 0


def test_missing_header_is_its_own_error(store: Store, profile: Path) -> None:
    store.close()
    (profile / "store.key").unlink()
    with pytest.raises(HeaderMissing):
        Store.open(profile, PASSPHRASE)
    assert (profile / "store.db").exists()  # nothing was deleted


def test_damaged_header_is_its_own_error(store: Store, profile: Path) -> None:
    store.close()
    (profile / "store.key").write_text("{ not json")
    with pytest.raises(HeaderDamaged):
        Store.open(profile, PASSPHRASE)


def test_edited_kdf_parameters_fail_like_a_wrong_passphrase(store: Store, profile: Path) -> None:
    store.close()
    key_file = profile / "store.key"
    key_file.write_text(key_file.read_text().replace('"iterations": 1', '"iterations": 2'))
    with pytest.raises(WrongPassphrase):
        Store.open(profile, PASSPHRASE)


def test_flipped_byte_in_a_data_page_is_detected(store: Store, clock: FakeClock) -> None:
    person = citizen(store)
    for _ in range(50):
        note(store, person.id, clock())
    folder = store.paths.folder
    store.close()
    db = folder / "store.db"
    raw = bytearray(db.read_bytes())
    assert len(raw) > 4096 * 4
    raw[4096 * 3 + 100] ^= 0x01  # a byte inside page 4
    db.write_bytes(bytes(raw))
    with Store.open(folder, PASSPHRASE) as reopened:
        errors = reopened.integrity_errors()
        assert errors, "cipher_integrity_check must report the page"
        assert any("page 4" in e for e in errors)


def test_page_flipped_while_the_store_is_open_is_reported_when_read(
    store: Store, clock: FakeClock
) -> None:
    person = citizen(store)
    written = [note(store, person.id, clock()).id for _ in range(30)]
    flip_page_under_open_store(store, "notes")
    with pytest.raises(StoreDamaged) as caught:
        for note_id in written:
            store.notes.get(note_id)
    assert "malformed" not in str(caught.value)  # the store's own words, not the driver's
    # SQLCipher keeps the connection in its error state: every later read says the same,
    # none returns made-up data or crashes
    with pytest.raises(StoreDamaged):
        store.citizens.get(person.id)
    store.close()  # locking a damaged store works and zeroes the key
    with Store.open(store.paths.folder, PASSPHRASE) as reopened:
        assert reopened.citizens.get(person.id).cpr == CPR  # intact pages still read
        assert any("page" in e for e in reopened.integrity_errors())
        with pytest.raises(StoreDamaged):
            for note_id in written:
                reopened.notes.get(note_id)


def test_flipped_byte_in_the_first_page_is_a_damaged_file(store: Store) -> None:
    folder = store.paths.folder
    store.close()
    db = folder / "store.db"
    raw = bytearray(db.read_bytes())
    raw[200] ^= 0xFF
    db.write_bytes(bytes(raw))
    with pytest.raises(StoreDamaged):
        Store.open(folder, PASSPHRASE)
    assert (folder / "unlock-state.json").exists() is False  # not counted as a wrong passphrase


def test_passphrase_change_keeps_data_and_old_one_stops_working(
    store: Store, profile: Path
) -> None:
    person = citizen(store)
    db_before = (profile / "store.db").read_bytes()
    store.change_passphrase(PASSPHRASE, "a brand new passphrase")
    assert (profile / "store.db").read_bytes() == db_before  # re-wrapped, not re-encrypted
    store.close()
    with pytest.raises(WrongPassphrase):
        Store.open(profile, PASSPHRASE)
    with Store.open(profile, "a brand new passphrase") as reopened:
        assert reopened.citizens.get(person.id).name == "Jens Hansen"


def test_change_passphrase_needs_the_old_one(store: Store, profile: Path) -> None:
    with pytest.raises(WrongPassphrase):
        store.change_passphrase("not the old one!", "a brand new passphrase")
    store.close()
    Store.open(profile, PASSPHRASE).close()


def test_create_refuses_to_overwrite(store: Store, profile: Path) -> None:
    with pytest.raises(StoreExists):
        Store.create(
            profile,
            PASSPHRASE,
            user_id="x",
            user_name="x",
            team_ids=("t",),
            kdf=KdfParams.fast_for_tests(),
        )


def test_open_without_a_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound):
        Store.open(tmp_path / "nothing", PASSPHRASE)


def test_lock_zeroes_the_key(store: Store) -> None:
    key = store._dek
    assert any(key)
    store.close()
    assert not any(key)
    assert not store.is_open


def test_calibrated_kdf_is_strong_enough() -> None:
    from outreach_desk.store.keys import calibrate

    params = calibrate(target_seconds=0.2)
    assert params.memory_kib >= 64 * 1024
    assert params.iterations >= 3


def test_profile_files_are_private(store: Store) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    assert (store.paths.folder.stat().st_mode & 0o077) == 0
    assert (store.paths.header.stat().st_mode & 0o077) == 0

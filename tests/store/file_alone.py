"""What a profile's database file holds on its own, without its write-ahead log: what a
checkpoint has copied into it so far."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from outreach_desk.store import Store, StoreError
from outreach_desk.store.store import DB_NAME, KEY_NAME


def citizens_in_file_alone(profile: Path, passphrase: str, copy: Path) -> set[str]:
    """The citizen ids in a copy of the profile's database file and key (the log left out);
    empty while not even the store's own rows are in the file, or while it is mid-write."""
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    shutil.copyfile(profile / DB_NAME, copy / DB_NAME)
    shutil.copyfile(profile / KEY_NAME, copy / KEY_NAME)
    try:
        with Store.open(copy, passphrase) as alone:
            return {r["id"] for r in alone.context.query("SELECT id FROM citizens")}
    except (StoreError, KeyError):  # copied mid-write, or the meta rows are not in it yet
        return set()


def checkpoint_threads(store_db: Path) -> list[threading.Thread]:
    """The checkpoint threads running for ``store_db`` (other tests' stores aside)."""
    return [t for t in threading.enumerate() if t.name == f"store-checkpoint {store_db}"]

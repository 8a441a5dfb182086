"""Errors of the encrypted store, each a distinct case the UI explains differently.

``sqlcipher3`` raises its own exception classes, not ``sqlite3``'s; callers above the
store never see either: :func:`translated` turns them into these.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlcipher3


class StoreError(Exception):
    """Base of everything the store raises on purpose. Messages hold no personal data."""


class WrongPassphrase(StoreError):
    def __init__(self, failures: int, delay_seconds: float) -> None:
        self.failures = failures
        self.delay_seconds = delay_seconds
        super().__init__(
            f"The passphrase is not correct (attempt {failures}). "
            + (f"Wait {delay_seconds:.0f} seconds before trying again." if delay_seconds else "")
        )


class UnlockDelayed(StoreError):
    """Too many wrong passphrases: the next attempt is not allowed yet."""

    def __init__(self, remaining_seconds: float, failures: int) -> None:
        self.remaining_seconds = remaining_seconds
        self.failures = failures
        super().__init__(
            f"Too many wrong passphrases. Try again in {remaining_seconds:.0f} seconds."
        )


class HeaderMissing(StoreError):
    """The key file next to the database is gone: the database cannot be opened."""


class HeaderDamaged(StoreError):
    """The key file exists but cannot be read (damaged or edited)."""


class StoreDamaged(StoreError):
    """The database file is damaged or was tampered with (authentication failed)."""


class StoreNotFound(StoreError):
    """No store in the profile folder (first run)."""


class StoreExists(StoreError):
    """Creating a store where one already is: refused, nothing is overwritten."""


class DiskFull(StoreError):
    """The disk is full. The change was not saved; what was saved before is intact."""


class NotEncrypted(StoreError):
    """The SQLite library ignores ``PRAGMA key``: refusing to store anything in plaintext."""


class StoreClosed(StoreError):
    """The store is locked or closed."""


class IntegrityError(StoreError):
    """A change broke a database rule (for example a reference to a missing record)."""


class RecordNotFound(StoreError):
    def __init__(self, entity: str) -> None:
        super().__init__(f"The {entity} does not exist or was deleted.")
        self.entity = entity


DRIVER_ERRORS = (sqlcipher3.DatabaseError, sqlite3.DatabaseError)
_DB_ERRORS = DRIVER_ERRORS
_FULL_MARKERS = ("database or disk is full", "disk i/o error", "no space left")
_DAMAGE_MARKERS = ("file is not a database", "malformed", "hmac check failed", "corrupt")


def classify(exc: BaseException) -> StoreError:
    """Map a driver exception to a store error. Driver text may include SQL, never data."""
    text = str(exc).lower()
    if any(marker in text for marker in _FULL_MARKERS):
        return DiskFull("The disk is full. The change was not saved.")
    if any(marker in text for marker in _DAMAGE_MARKERS):
        return StoreDamaged("The database file is damaged or has been tampered with.")
    if isinstance(exc, sqlcipher3.IntegrityError | sqlite3.IntegrityError):
        return IntegrityError("The change breaks a rule of the database.")
    return StoreError(f"The database reported an error ({type(exc).__name__}).")


@contextmanager
def translated() -> Iterator[None]:
    """Run a block and raise store errors instead of driver errors."""
    try:
        yield
    except _DB_ERRORS as exc:
        raise classify(exc) from exc
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC
            raise DiskFull("The disk is full. The change was not saved.") from exc
        raise

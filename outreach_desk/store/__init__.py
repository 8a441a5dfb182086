"""The encrypted local store (SQLCipher). No Qt."""

from .errors import (
    DiskFull,
    HeaderDamaged,
    HeaderMissing,
    IntegrityError,
    NotEncrypted,
    RecordNotFound,
    StoreClosed,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    UnlockDelayed,
    WrongPassphrase,
)
from .keys import KdfParams
from .session import Session
from .store import ProfilePaths, SearchHit, Store, passphrase_errors

__all__ = [
    "DiskFull",
    "HeaderDamaged",
    "HeaderMissing",
    "IntegrityError",
    "KdfParams",
    "NotEncrypted",
    "ProfilePaths",
    "RecordNotFound",
    "SearchHit",
    "Session",
    "Store",
    "StoreClosed",
    "StoreDamaged",
    "StoreError",
    "StoreExists",
    "StoreNotFound",
    "UnlockDelayed",
    "WrongPassphrase",
    "passphrase_errors",
]

"""What to tell the caseworker when something fails, in their language.

Store errors are distinct classes; each gets its own plain explanation and, where it
matters, the reassurance that nothing was lost. Driver texts are never shown: they
can quote data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..domain import ValidationError
from ..store import (
    DiskFull,
    HeaderDamaged,
    HeaderMissing,
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


def describe_error(exc: BaseException) -> str:
    # written out at each site so lupdate can find the strings
    if isinstance(exc, WrongPassphrase):
        return QCoreApplication.translate("Messages", "The passphrase is not correct.")
    if isinstance(exc, UnlockDelayed):
        return QCoreApplication.translate(
            "Messages", "Too many wrong passphrases. Wait a moment before trying again."
        )
    if isinstance(exc, HeaderMissing):
        return QCoreApplication.translate(
            "Messages",
            "The key file (store.key) is missing from the profile folder. Without it the "
            "data cannot be opened. Nothing has been deleted: restore the file from a backup "
            "or contact IT.",
        )
    if isinstance(exc, HeaderDamaged):
        return QCoreApplication.translate(
            "Messages",
            "The key file (store.key) is damaged. Nothing has been deleted: restore the file "
            "from a backup or contact IT.",
        )
    if isinstance(exc, StoreDamaged):
        return QCoreApplication.translate(
            "Messages",
            "The database file is damaged or has been changed outside Outreach Desk. "
            "Nothing has been deleted. Contact IT before you record anything else.",
        )
    if isinstance(exc, DiskFull):
        return QCoreApplication.translate(
            "Messages",
            "The disk is full, so the change was not saved. What you saved before is safe. "
            "Free some space and try again; what you typed is still in the form.",
        )
    if isinstance(exc, NotEncrypted):
        return QCoreApplication.translate(
            "Messages", "This installation cannot encrypt data and refuses to store anything."
        )
    if isinstance(exc, StoreNotFound):
        return QCoreApplication.translate(
            "Messages", "There is no local store in this profile yet."
        )
    if isinstance(exc, StoreExists):
        return QCoreApplication.translate(
            "Messages", "There is already a local store in this profile. Nothing was changed."
        )
    if isinstance(exc, StoreClosed):
        return QCoreApplication.translate("Messages", "Outreach Desk is locked.")
    if isinstance(exc, RecordNotFound):
        return QCoreApplication.translate(
            "Messages", "The record no longer exists; it may have been deleted."
        )
    if isinstance(exc, ValidationError):
        return QCoreApplication.translate("Messages", "Some fields need attention.")
    if isinstance(exc, StoreError):
        return QCoreApplication.translate(
            "Messages", "The local database reported a problem. Nothing was saved by this action."
        )
    return QCoreApplication.translate(
        "Messages", "Something went wrong. Nothing was saved by this action."
    )

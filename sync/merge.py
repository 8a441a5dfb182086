"""Field-level three-way merge: the one place that decides what a concurrent edit does.

Pure functions, no I/O, so the rules can be proven by property tests and shared by client and
server. The rule never silently drops a value: an incoming value is either applied, already
present, or reported as a conflict while the server's value stays (the provisional winner).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sync.protocol.digest import values_equal
from sync.protocol.messages import FieldChange


class Outcome(enum.Enum):
    APPLY = "apply"
    """Write the incoming value with a new version."""
    UNCHANGED = "unchanged"
    """The server already holds exactly this value: nothing to write, nothing lost."""
    CONFLICT = "conflict"
    """Concurrent edit: keep the server value, record both for a human."""


@dataclass(frozen=True)
class ServerField:
    """The server's current value of one field and the seq that wrote it."""

    value: Any
    version: int


def merge_field(server: ServerField | None, base: int | None, incoming: Any) -> Outcome:
    """Decide one field.

    ``base`` is the version the editing device last saw (None: it never saw one). An edit made on
    top of the server's current version applies; an edit that merely repeats the current value
    is a no-op; anything else is a concurrent edit.
    """
    if server is None:
        return Outcome.APPLY
    if values_equal(server.value, incoming):
        return Outcome.UNCHANGED
    if server.version == base:
        return Outcome.APPLY
    return Outcome.CONFLICT


def merge_fields(
    server: Mapping[str, ServerField], changes: Mapping[str, FieldChange]
) -> dict[str, Outcome]:
    """``merge_field`` for every field of an op; untouched server fields are not listed."""
    return {
        name: merge_field(server.get(name), change.base, change.value)
        for name, change in changes.items()
    }


def changed_since(server_versions: Mapping[str, int], bases: Mapping[str, int | None]) -> list[str]:
    """Fields whose server version the deleting device had not seen (sorted).

    A non-empty answer makes the delete a conflict: deleting would discard an edit the
    deleting user never saw.
    """
    return sorted(name for name, version in server_versions.items() if bases.get(name) != version)

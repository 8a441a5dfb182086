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


def merge_field(
    server: ServerField | None, base: int | None, incoming: Any, *, own: bool = False
) -> Outcome:
    """Decide one field.

    ``base`` is the version the editing device last saw (None: it never saw one). An edit made on
    top of the server's current version applies; an edit that merely repeats the current value
    is a no-op; anything else is a concurrent edit, with two exceptions that are not
    concurrent at all:

    - ``own``: the current version was written by the same device. Its later edit was made on
      top of its own write (two edits of a field offline, pushed in one batch).
    - ``base`` newer than the server's version: only history the server lost can be newer
      (a restore from an older backup); the device holds the newest state.
    """
    if server is None:
        return Outcome.APPLY
    if values_equal(server.value, incoming):
        return Outcome.UNCHANGED
    if server.version == base or own:
        return Outcome.APPLY
    if base is not None and base > server.version:
        return Outcome.APPLY
    return Outcome.CONFLICT


def merge_fields(
    server: Mapping[str, ServerField],
    changes: Mapping[str, FieldChange],
    own: frozenset[str] = frozenset(),
) -> dict[str, Outcome]:
    """``merge_field`` for every field of an op; untouched server fields are not listed.

    ``own`` names the fields whose current version this same device wrote.
    """
    return {
        name: merge_field(server.get(name), change.base, change.value, own=name in own)
        for name, change in changes.items()
    }


def changed_since(
    server_versions: Mapping[str, int],
    bases: Mapping[str, int | None],
    own: frozenset[str] = frozenset(),
) -> list[str]:
    """Fields whose server version the deleting device had not seen (sorted).

    A non-empty answer makes the delete a conflict: deleting would discard an edit the
    deleting user never saw. Versions the device wrote itself were seen by it.
    """
    return sorted(
        name
        for name, version in server_versions.items()
        if name not in own and bases.get(name) != version
    )

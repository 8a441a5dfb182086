"""Who may write a review (gennemgang) of a journal note, and what a review may name.

- only a lead of the review's team (its partition) writes reviews;
- a review names a final note of that same team: a lead of team A cannot review team B's
  note by filing the review under team A;
- a review is signed by the lead who writes it (``reviewer`` is the actor);
- a review is written once: never changed, never deleted (a new decision is a new review).
  Re-sending the identical review is harmless.
"""

from __future__ import annotations

from collections.abc import Callable

from sync.protocol import errors as codes
from sync.protocol.digest import values_equal
from sync.protocol.messages import Op
from sync.server.auth import Actor
from sync.server.store import Record

Lookup = Callable[[str, str], "Record | None"]


class ReviewRefused(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message


def check_review(lookup: Lookup, actor: Actor, op: Op, record: Record | None) -> bool:
    """Raise ``ReviewRefused`` for a review op the actor may not write.

    Returns True when the op re-sends a review already stored unchanged (nothing to do).
    """
    partition = record.partition if record else op.partition
    if partition not in actor.lead_teams:
        raise ReviewRefused(codes.FORBIDDEN_ENTITY, "only the team's lead writes reviews")
    if record is not None:
        same = set(record.fields) == set(op.fields) and all(
            values_equal(record.fields[name], change.value) for name, change in op.fields.items()
        )
        if op.kind == "upsert" and same:
            return True
        raise ReviewRefused(codes.REVIEW_FINAL, "a review is never changed; write a new one")
    if op.kind == "delete":
        raise ReviewRefused(codes.REVIEW_FINAL, "a review is never deleted")
    note_field = op.fields.get("note_id")
    note_id = note_field.value if note_field is not None else None
    note = lookup("note", note_id) if isinstance(note_id, str) else None
    if note is None or note.deleted:
        raise ReviewRefused(codes.REVIEW_NOTE_INVALID, "the reviewed note is not on the server")
    if note.partition != op.partition or note.partition not in actor.lead_teams:
        raise ReviewRefused(codes.FORBIDDEN_PARTITION, "the reviewed note belongs to another team")
    if note.fields.get("status") != "final":
        raise ReviewRefused(codes.REVIEW_NOTE_INVALID, "only final notes are reviewed")
    team = op.fields.get("team_id")
    if team is not None and team.value != op.partition:
        raise ReviewRefused(codes.PARTITION_MISMATCH, "a review's team is its partition")
    reviewer = op.fields.get("reviewer")
    if reviewer is None or reviewer.value != actor.user_id:
        raise ReviewRefused(codes.REVIEWER_MISMATCH, "a review is signed by the lead who writes it")
    return False

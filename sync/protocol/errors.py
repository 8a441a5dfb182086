"""Stable error codes and the exceptions the client raises for them.

Codes are part of the wire contract: clients branch on them, so they never change meaning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sync.protocol.messages import WipeInstruction

# Request-level error codes ({"error": {"code": ..., "message": ...}}).
INVALID_REQUEST = "invalid_request"
BATCH_TOO_LARGE = "batch_too_large"
BODY_TOO_LARGE = "body_too_large"
NOT_FOUND = "not_found"
METHOD_NOT_ALLOWED = "method_not_allowed"
INTERNAL_ERROR = "internal_error"
MISSING_AUTH = "missing_auth"
UNKNOWN_DEVICE = "unknown_device"
BAD_SIGNATURE = "bad_signature"
STALE_REQUEST = "stale_request"
REPLAYED_REQUEST = "replayed_request"
DEVICE_REVOKED = "device_revoked"
USER_DISABLED = "user_disabled"
ENROL_CODE_INVALID = "enrol_code_invalid"
ENROL_CODE_EXPIRED = "enrol_code_expired"
ENROL_CODE_USED = "enrol_code_used"
UPDATE_REQUIRED = "update_required"
AUDIT_CHAIN_BROKEN = "audit_chain_broken"
FORBIDDEN_PARTITION = "forbidden_partition"
FORBIDDEN_AUDIT_READ = "forbidden_audit_read"
"""Only a lead of the citizen's team, or an administrator, reads a citizen's access log."""
CONFLICT_NOT_FOUND = "conflict_not_found"
CONFLICT_RESOLVED = "conflict_resolved"
NOT_INITIALISED = "not_initialised"

AUTH_CODES = frozenset(
    {
        MISSING_AUTH,
        UNKNOWN_DEVICE,
        BAD_SIGNATURE,
        STALE_REQUEST,
        REPLAYED_REQUEST,
        USER_DISABLED,
        ENROL_CODE_INVALID,
        ENROL_CODE_EXPIRED,
        ENROL_CODE_USED,
    }
)

# Per-op rejection reasons (push results with status "rejected").
INVALID_OP = "invalid_op"
WRONG_DEVICE = "wrong_device"
OP_ID_TAKEN = "op_id_taken"
PARTITION_MISMATCH = "partition_mismatch"
FORBIDDEN_ENTITY = "forbidden_entity"
KIND_NOT_ALLOWED = "kind_not_allowed"
APPEND_ONLY = "append_only"
RECORD_EXISTS = "record_exists"
RECORD_DELETED = "record_deleted"
NOTE_FINAL = "note_final"
REVIEW_FINAL = "review_final"
REVIEW_NOTE_INVALID = "review_note_invalid"
REVIEWER_MISMATCH = "reviewer_mismatch"


class ProtocolError(Exception):
    """Any failure the server reported, or an answer that breaks the protocol."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


class InvalidMessage(ProtocolError):
    """A message did not have the shape the protocol requires."""

    def __init__(self, message: str) -> None:
        super().__init__(INVALID_REQUEST, message)


class AuthError(ProtocolError):
    """The server did not accept who we are (signature, clock, enrolment code, user disabled)."""


class DeviceRevoked(AuthError):
    """The device was revoked; ``wipe_instruction`` has been verified against the server key."""

    def __init__(self, wipe_instruction: WipeInstruction, message: str = "device revoked") -> None:
        super().__init__(DEVICE_REVOKED, message, 403)
        self.wipe_instruction = wipe_instruction


class UpdateRequired(ProtocolError):
    """This client speaks a protocol or schema the server no longer accepts; keep the outbox."""


class ServerUnavailable(ProtocolError):
    """Network failure, timeout or a 5xx answer: try again later, nothing was lost."""

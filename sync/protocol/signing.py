"""Ed25519 request signing and wipe instructions, shared by client and server.

A request is signed over ``METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body))`` so neither
the body nor the endpoint can be swapped, and the nonce plus timestamp stop replays.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.protocol.errors import InvalidMessage
from sync.protocol.messages import WipeInstruction

HEADER_DEVICE = "X-Device-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"
_WIPE_CONTEXT = b"outreach-desk wipe v1"


def canonical_request(method: str, path: str, timestamp: int, nonce: str, body: bytes) -> bytes:
    """The exact bytes a device signs for one request."""
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


def new_nonce() -> str:
    """Random 128-bit nonce as 32 hex characters."""
    return secrets.token_hex(16)


def sign_request(
    private_key: Ed25519PrivateKey,
    device_id: str,
    method: str,
    path: str,
    body: bytes,
    *,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """Headers that authenticate one request from ``device_id``."""
    ts = int(time.time()) if timestamp is None else timestamp
    nonce = nonce or new_nonce()
    signature = private_key.sign(canonical_request(method, path, ts, nonce, body))
    return {
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: str(ts),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: base64.b64encode(signature).decode("ascii"),
    }


def verify_signature(public_key: Ed25519PublicKey, signature_b64: str, message: bytes) -> bool:
    """True only for a well-formed signature of ``message`` by ``public_key``."""
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        public_key.verify(signature, message)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def encode_public_key(public_key: Ed25519PublicKey) -> str:
    """Base64 of the raw 32-byte key, the form the protocol carries."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def decode_public_key(text: str) -> Ed25519PublicKey:
    """Inverse of ``encode_public_key``; raises ``InvalidMessage`` for anything else."""
    try:
        raw = base64.b64decode(text, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise InvalidMessage("not a base64 raw Ed25519 public key") from None


def wipe_message(device_id: str, issued_at: int) -> bytes:
    """Bytes the server signs in a wipe instruction (domain-separated from requests)."""
    return b"%s\n%s\n%d" % (_WIPE_CONTEXT, device_id.encode("ascii"), issued_at)


def sign_wipe_instruction(
    server_key: Ed25519PrivateKey, device_id: str, issued_at: int
) -> WipeInstruction:
    signature = server_key.sign(wipe_message(device_id, issued_at))
    return WipeInstruction(device_id, issued_at, base64.b64encode(signature).decode("ascii"))


def verify_wipe_instruction(
    instruction: WipeInstruction, server_public_key: str, device_id: str
) -> bool:
    """True if the server whose key we got at enrolment ordered *this* device to wipe.

    Never crypto-erase on an instruction that fails this check.
    """
    if instruction.device_id != device_id or not instruction.device_id.isascii():
        return False
    try:
        key = decode_public_key(server_public_key)
    except InvalidMessage:
        return False
    message = wipe_message(instruction.device_id, instruction.issued_at)
    return verify_signature(key, instruction.signature, message)

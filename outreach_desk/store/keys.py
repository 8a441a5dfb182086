"""The key hierarchy: a random database key (DEK) wrapped under the passphrase.

SQLCipher gets the 256-bit DEK as a raw key, so opening costs no PBKDF2. The DEK is
wrapped with AES-256-GCM under a key derived by Argon2id from the passphrase. The
header file holds the wrapped key, salt and KDF parameters; the parameters are the
GCM associated data, so editing them breaks the tag. Changing the passphrase
re-wraps the same DEK: the database is not re-encrypted.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from .atomic import atomic_write
from .errors import HeaderDamaged, HeaderMissing, StoreError

HEADER_VERSION = 1
DEK_BYTES = 32
MIN_MEMORY_KIB = 8 * 1024


@dataclass(frozen=True, slots=True)
class KdfParams:
    memory_kib: int = 128 * 1024
    iterations: int = 3
    lanes: int = 4

    def __post_init__(self) -> None:
        if self.memory_kib < MIN_MEMORY_KIB or self.iterations < 1 or self.lanes < 1:
            raise StoreError("The key derivation settings are too weak.")

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        """The floor: for tests and benchmarks that create many stores, never for users."""
        return cls(memory_kib=MIN_MEMORY_KIB, iterations=1, lanes=1)


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytearray:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return bytearray(kdf.derive(passphrase.encode("utf-8")))


CALIBRATION_FLOOR_KIB = 64 * 1024


def _time_kdf(params: KdfParams, salt: bytes, rounds: int = 3) -> float:
    """Median of a few runs: one slow run on a busy laptop must not decide."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        derive_kek("calibration", salt, params)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def calibrate(target_seconds: float = 0.45, max_memory_kib: int = 512 * 1024) -> KdfParams:
    """Pick Argon2id settings that take about ``target_seconds`` on this machine.

    Memory is what makes guessing expensive on GPUs, so it is scaled first (in proportion
    to the measured time, in 8 MiB steps), never below 64 MiB however busy the machine is;
    iterations rise only when memory is at its ceiling. The whole unlock must stay
    under about 0.6 s, so the target leaves room for opening the database.
    """
    salt = secrets.token_bytes(16)
    params = KdfParams(memory_kib=CALIBRATION_FLOOR_KIB, iterations=3, lanes=4)
    elapsed = _time_kdf(params, salt)
    for _ in range(3):
        if abs(elapsed - target_seconds) <= target_seconds * 0.15:
            break
        wanted = int(params.memory_kib * target_seconds / max(elapsed, 1e-3))
        memory = max(CALIBRATION_FLOOR_KIB, min(max_memory_kib, wanted // 8192 * 8192))
        if memory == params.memory_kib:
            break
        params = KdfParams(memory, params.iterations, params.lanes)
        elapsed = _time_kdf(params, salt)
    while elapsed < target_seconds * 0.7 and params.iterations < 10:
        params = KdfParams(params.memory_kib, params.iterations + 1, params.lanes)
        elapsed = _time_kdf(params, salt)
    return params


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True, slots=True)
class KeyHeader:
    """What lives in the key file. Holds no secret that is usable without the passphrase."""

    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    store_id: str
    version: int = HEADER_VERSION

    def associated_data(self) -> bytes:
        """Binds the ciphertext to its parameters: editing any of them fails the tag."""
        params = {
            "version": self.version,
            "store_id": self.store_id,
            "kdf": asdict(self.kdf),
            "salt": _b64(self.salt),
        }
        return json.dumps(params, sort_keys=True).encode("utf-8")

    def to_json(self) -> bytes:
        data: dict[str, Any] = {
            "format": "outreach-desk-key",
            "version": self.version,
            "store_id": self.store_id,
            "kdf": {"algorithm": "argon2id", **asdict(self.kdf)},
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }
        return json.dumps(data, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> KeyHeader:
        try:
            data = json.loads(raw)
            if data.get("format") != "outreach-desk-key" or data.get("version") != 1:
                raise ValueError("unknown format")
            kdf = data["kdf"]
            if kdf.get("algorithm") != "argon2id":
                raise ValueError("unknown kdf")
            return cls(
                kdf=KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
                salt=base64.b64decode(data["salt"], validate=True),
                nonce=base64.b64decode(data["nonce"], validate=True),
                wrapped_key=base64.b64decode(data["wrapped_key"], validate=True),
                store_id=str(data["store_id"]),
            )
        except (ValueError, KeyError, TypeError, StoreError) as exc:
            raise HeaderDamaged("The key file is damaged and cannot be read.") from exc


def wrap(dek: bytes | bytearray, passphrase: str, params: KdfParams, store_id: str) -> KeyHeader:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    unsealed = KeyHeader(params, salt, nonce, b"", store_id)
    kek = derive_kek(passphrase, salt, params)
    try:
        wrapped = AESGCM(bytes(kek)).encrypt(nonce, bytes(dek), unsealed.associated_data())
    finally:
        zero(kek)
    return KeyHeader(params, salt, nonce, wrapped, store_id)


class BadPassphrase(Exception):
    """The GCM tag did not verify: wrong passphrase (or an edited header)."""


def unwrap(header: KeyHeader, passphrase: str) -> bytearray:
    kek = derive_kek(passphrase, header.salt, header.kdf)
    try:
        dek = AESGCM(bytes(kek)).decrypt(header.nonce, header.wrapped_key, header.associated_data())
    except InvalidTag as exc:
        raise BadPassphrase() from exc
    finally:
        zero(kek)
    if len(dek) != DEK_BYTES:
        raise HeaderDamaged("The key file holds a key of the wrong size.")
    return bytearray(dek)


def new_dek() -> bytearray:
    return bytearray(secrets.token_bytes(DEK_BYTES))


def zero(buffer: bytearray) -> None:
    """Overwrite key bytes in place (Python copies made on the way are out of reach)."""
    for index in range(len(buffer)):
        buffer[index] = 0


def read_header(path: Path) -> KeyHeader:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise HeaderMissing(
            "The key file is missing. Without it the database cannot be opened."
        ) from exc
    return KeyHeader.from_json(raw)


def write_header(path: Path, header: KeyHeader) -> None:
    atomic_write(path, header.to_json())


def new_store_id() -> str:
    return secrets.token_hex(8)


__all__ = [
    "BadPassphrase",
    "KdfParams",
    "KeyHeader",
    "calibrate",
    "new_dek",
    "new_store_id",
    "read_header",
    "unwrap",
    "wrap",
    "write_header",
    "zero",
]

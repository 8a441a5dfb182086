"""Opening the SQLCipher database with a raw key and the pragmas the store relies on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3

from .errors import NotEncrypted, StoreDamaged, classify

# 64 MiB page cache: decrypted pages stay in memory, so lookups skip the cipher.
CACHE_KIB = 64 * 1024


def _key_pragma(dek: bytearray) -> str:
    return "PRAGMA key = \"x'" + bytes(dek).hex() + "'\""


def open_encrypted(path: Path, dek: bytearray) -> Any:
    """Open (or create) the database at ``path`` keyed with ``dek``.

    Raises NotEncrypted when the library silently ignores ``PRAGMA key`` (as the
    standard library's sqlite3 does) and StoreDamaged when the key does not open the
    file, which, with a key that passed the GCM check, means a damaged file.
    """
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        require_cipher(conn)
        conn.execute(_key_pragma(dek))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise StoreDamaged("The database file is damaged or has been tampered with.") from exc
        configure(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def require_cipher(conn: Any) -> None:
    """Refuse a library that would silently ignore ``PRAGMA key`` (stdlib sqlite3 does)."""
    row = conn.execute("PRAGMA cipher_version").fetchone()
    if not row or not row[0]:
        raise NotEncrypted("The SQLite library in use cannot encrypt. Refusing to open.")


def configure(conn: Any) -> None:
    """Pragmas for every connection, encrypted or (benchmarks only) plain."""
    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlcipher3.DatabaseError as exc:
        raise classify(exc) from exc


def cipher_integrity_errors(conn: Any) -> list[str]:
    """Pages whose HMAC fails: evidence of damage or tampering. Empty when intact."""
    return [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()]

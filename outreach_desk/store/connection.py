"""Opening the SQLCipher database with a raw key and the pragmas the store relies on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3

from .errors import NotEncrypted, StoreDamaged, classify

# 64 MiB page cache: decrypted pages stay in memory, so lookups skip the cipher.
CACHE_KIB = 64 * 1024

WAL_BACKSTOP_PAGES = 10_000
"""Log size (pages, 4 KiB each) at which a commit copies the log into the database file
itself. The store's checkpoint thread does that after every sync and during a long pull
(``checkpoint.py``), so this is reached only by a laptop offline for long or a very large
first sync; SQLite's default (1000 pages) put the copy into one sync in four or five, and
4000 into the first sync of 10,000 records (a tenth of its time)."""

WAL_KEPT_BYTES = 16 * 1024 * 1024
"""Once copied, the log file is cut back to this size (it would keep its largest)."""


_HEX_DIGITS = b"0123456789abcdef"


def _apply_key(conn: Any, dek: bytearray) -> None:
    """Key the connection with the raw DEK (``x'…'``) without ever making a ``str`` or
    ``bytes`` of it: those are immutable and would stay in memory after the lock. The
    spec is built in a bytearray, handed to ``sqlite3_key`` and zeroed."""
    spec = bytearray(len(dek) * 2 + 3)
    spec[0:2], spec[-1] = b"x'", ord("'")
    for index, byte in enumerate(dek):
        spec[2 + 2 * index] = _HEX_DIGITS[byte >> 4]
        spec[3 + 2 * index] = _HEX_DIGITS[byte & 0x0F]
    try:
        conn.set_key(spec)
    finally:
        for index in range(len(spec)):
            spec[index] = 0


def open_encrypted(path: Path, dek: bytearray) -> Any:
    """Open (or create) the database at ``path`` keyed with ``dek``.

    Raises NotEncrypted when the library silently ignores ``PRAGMA key`` (as the
    standard library's sqlite3 does) and StoreDamaged when the key does not open the
    file, which, with a key that passed the GCM check, means a damaged file.
    """
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        require_cipher(conn)
        # cipher_memory_security stays off: wiping every allocation SQLite frees halves the
        # speed of reads and writes, and after a lock it only removed a few of the freed
        # copies of personal text that Python's own immutable strings leave anyway. Key
        # material is wiped by SQLCipher either way (tests/store/test_memory_after_lock.py).
        _apply_key(conn, dek)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise StoreDamaged("The database file is damaged or has been tampered with.") from exc
        configure(conn)
    except BaseException:
        conn.close()
        raise
    return conn


DIGEST_STEP_FUNCTION = "od_digest_step"


def require_cipher(conn: Any) -> None:
    """Refuse a library that would silently ignore ``PRAGMA key`` (stdlib sqlite3 does)."""
    row = conn.execute("PRAGMA cipher_version").fetchone()
    if not row or not row[0]:
        raise NotEncrypted("The SQLite library in use cannot encrypt. Refusing to open.")


def configure(conn: Any) -> None:
    """Pragmas for every connection, encrypted or (benchmarks only) plain, and the SQL
    function the sync records' triggers keep each partition's digest with."""
    from sync.protocol.digest import sum_step

    try:
        conn.create_function(DIGEST_STEP_FUNCTION, 6, sum_step, deterministic=True)
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_BACKSTOP_PAGES}")
        conn.execute(f"PRAGMA journal_size_limit = {WAL_KEPT_BYTES}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlcipher3.DatabaseError as exc:
        raise classify(exc) from exc


def cipher_integrity_errors(conn: Any) -> list[str]:
    """Pages whose HMAC fails: evidence of damage or tampering. Empty when intact."""
    return [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()]

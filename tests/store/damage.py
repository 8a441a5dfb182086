"""Damage a store on disk the way a failing disk or a tamperer would, for tests."""

from __future__ import annotations

from outreach_desk.store import Store


def flip_page_under_open_store(store: Store, table: str) -> None:
    """Flip a byte in ``table``'s root page on disk while the store is open, and make the
    store forget its decrypted copy of it (as cache pressure would)."""
    conn = store.context.conn
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    with store.paths.database.open("r+b") as handle:
        handle.seek((root[0] - 1) * 4096 + 300)
        byte = handle.read(1)
        handle.seek((root[0] - 1) * 4096 + 300)
        handle.write(bytes([byte[0] ^ 0x01]))
    conn.execute("PRAGMA shrink_memory")

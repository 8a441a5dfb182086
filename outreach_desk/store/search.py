"""Full-text search over citizens and notes, safe for anything a user can type.

User text never reaches FTS5 as syntax: every word becomes a quoted phrase (quotes
doubled), so ``"``, ``*``, ``AND``, ``NEAR(`` are searched for, not executed. Words
with no letters or digits (a lone ``*`` or an emoji) cannot match an index token and
are dropped. The last word is a prefix, for search as you type.
"""

from __future__ import annotations

import unicodedata

MAX_WORDS = 8
MAX_WORD_LENGTH = 64


def _indexable(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def fts_query(text: str, prefix_last: bool = True) -> str | None:
    """The FTS5 MATCH expression for ``text``, or None when nothing searchable is left."""
    cleaned = "".join(
        ch if unicodedata.category(ch)[0] != "C" else " "
        for ch in unicodedata.normalize("NFC", text)
    )
    words = [w[:MAX_WORD_LENGTH] for w in cleaned.split() if _indexable(w)][:MAX_WORDS]
    if not words:
        return None
    phrases = ['"' + w.replace('"', '""') + '"' for w in words]
    if prefix_last:
        phrases[-1] += "*"
    return " ".join(phrases)

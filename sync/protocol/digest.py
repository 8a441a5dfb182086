"""Hashes that client and server must compute byte-for-byte alike.

Defined here, once, so the desktop client and the server cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from sync.protocol.messages import PartitionSummary

GENESIS_HASH = "0" * 64
"""``prev_hash`` of the first entry of a device's audit chain."""


def canonical_json(value: Any) -> bytes:
    """UTF-8 JSON with sorted keys and no spaces: equal values give equal bytes.

    The bytes are those of ``json.dumps(value, sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)``. An object of text, whole numbers, true, false and null (an
    access-log entry: one is hashed for every entry a device uploads) is written by orjson,
    which for those writes the same bytes: text escaped alike, keys sorted by code point
    (UTF-8 byte order is code-point order). Numbers with a fraction, which the two write
    differently (``1e-05`` / ``1e-5``), nested values, and whatever orjson refuses (whole
    numbers beyond 64 bits, lone surrogates) take the standard library."""
    if type(value) is dict and all(type(v) in _FLAT_TYPES for v in value.values()):
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # orjson.JSONEncodeError included
            pass
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


_FLAT_TYPES = frozenset((str, int, bool, type(None)))
_SAME_WHEN_EQUAL = frozenset((str, bool, type(None)))


def values_equal(a: Any, b: Any) -> bool:
    """JSON equality (``1 != 1.0 != true``, unlike Python's ``==``).

    Two texts, two whole numbers, two booleans are equal as JSON exactly when they are
    equal in Python (the merge compares every field an op sends with the server's)."""
    kind = type(a)
    if kind is type(b) and (kind in _SAME_WHEN_EQUAL or kind is int):
        return bool(a == b)
    return canonical_json(a) == canonical_json(b)


@dataclass(frozen=True)
class RecordVersion:
    """One line of a partition digest.

    ``version`` is the largest field version of the record; for a tombstone it is the seq of
    the change that deleted it.
    """

    entity: str
    record_id: str
    version: int
    deleted: bool


def partition_digest(records: Iterable[RecordVersion]) -> PartitionSummary:
    """Count and SHA-256 over sorted ``entity|record_id|version|deleted`` lines (deleted 1/0),
    each line ending in a newline. An empty partition hashes the empty string."""
    lines = sorted(record_line(r.entity, r.record_id, r.version, r.deleted) + "\n" for r in records)
    digest = hashlib.sha256("".join(lines).encode("ascii")).hexdigest()
    return PartitionSummary(count=len(lines), hash=digest)


def partition_digest_of_lines(lines: str | None) -> PartitionSummary:
    """``partition_digest`` of records given as their lines without the newline, joined by
    newlines, in any order (what a database aggregate gives; None or "" for no records).

    The same lines sorted the same way (by code point; a line that is a prefix of another
    sorts first either way) give the same bytes, so the digest is the same.
    """
    if not lines:
        return PartitionSummary(count=0, hash=hashlib.sha256(b"").hexdigest())
    ordered = lines.split("\n")
    ordered.sort()
    ordered.append("")
    digest = hashlib.sha256("\n".join(ordered).encode("ascii")).hexdigest()
    return PartitionSummary(count=len(ordered) - 1, hash=digest)


# SUM_DIGEST (defined with the messages that name it), the digest a device may ask for
# instead (``PullRequest.digest``): the count, and the sum modulo 2**256 of each line's
# SHA-256 read as a big-endian number, as 64 hex digits. The same lines in any order give the
# same sum, and one record's change changes it by the difference of two line hashes: both
# sides keep it up to date as records change, instead of hashing every record of the
# partition after every sync.
_SUM_BYTES = 32
_SUM_MODULUS = 1 << 256
EMPTY_SUM = bytes(_SUM_BYTES)


def line_hash(entity: str, record_id: str, version: Any, deleted: Any) -> int:
    """A record's line (as in ``partition_digest``, without the newline) hashed to a number."""
    return hash_of_line(record_line(entity, record_id, version, deleted))


def record_line(entity: str, record_id: str, version: Any, deleted: Any) -> str:
    """A record's digest line, ``entity|record_id|version|deleted`` (deleted 1/0), no newline."""
    return f"{entity}|{record_id}|{int(version)}|{1 if deleted else 0}"


def hash_of_line(line: str) -> int:
    """A digest line (``entity|record_id|version|deleted``, no newline) as a number."""
    return int.from_bytes(hashlib.sha256(line.encode("ascii")).digest(), "big")


def sum_bytes(total: int) -> bytes:
    """A sum of line hashes as the 32 bytes ``sum_step`` and ``sum_summary`` use."""
    return (total % _SUM_MODULUS).to_bytes(_SUM_BYTES, "big")


def sum_step(
    total: bytes | None, entity: str, record_id: str, version: Any, deleted: Any, sign: int
) -> bytes:
    """``total`` with one record's line added (``sign`` 1) or taken away (-1): 32 bytes."""
    current = int.from_bytes(total, "big") if total else 0
    changed = (current + sign * line_hash(entity, record_id, version, deleted)) % _SUM_MODULUS
    return changed.to_bytes(_SUM_BYTES, "big")


def sum_summary(count: int, total: bytes | None) -> PartitionSummary:
    """The ``SUM_DIGEST`` summary of a partition kept as its count and its sum."""
    return PartitionSummary(count=count, hash=(total or EMPTY_SUM).hex())


def partition_sum_digest(records: Iterable[RecordVersion]) -> PartitionSummary:
    """``SUM_DIGEST`` of ``records`` computed from scratch (what kept sums must equal)."""
    total, count = 0, 0
    for r in records:
        total += line_hash(r.entity, r.record_id, r.version, r.deleted)
        count += 1
    return sum_summary(count, sum_bytes(total))


def audit_entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 hex of the canonical JSON of ``entry`` without its ``hash`` key.

    The entry includes ``prev_hash``, so each hash also covers the whole chain before it.
    """
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    """Result of checking audit entries; ``broken_at`` is the first bad seq, if any."""

    verified_until: int | None
    last_hash: str | None
    broken_at: int | None = None
    reason: str | None = None


def check_audit_chain(
    entries: Sequence[Mapping[str, Any]], after_seq: int | None, after_hash: str | None
) -> ChainCheck:
    """Verify that ``entries`` continue a chain whose tail is (after_seq, after_hash).

    With no tail yet the first entry must carry ``GENESIS_HASH`` as ``prev_hash``. Seqs must
    follow one another without gaps.
    """
    seq, last = after_seq, after_hash
    for entry in entries:
        got_seq = entry.get("seq")
        if not isinstance(got_seq, int) or isinstance(got_seq, bool):
            return ChainCheck(seq, last, None, "entry without an integer seq")
        if seq is not None and got_seq != seq + 1:
            return ChainCheck(seq, last, got_seq, f"expected seq {seq + 1}")
        expected_prev = GENESIS_HASH if last is None else last
        if entry.get("prev_hash") != expected_prev:
            return ChainCheck(seq, last, got_seq, "prev_hash does not match the chain")
        if entry.get("hash") != audit_entry_hash(entry):
            return ChainCheck(seq, last, got_seq, "hash does not match the entry")
        seq, last = got_seq, str(entry["hash"])
    return ChainCheck(seq, last)

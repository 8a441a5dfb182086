"""Keep request paths in the access log free of personal data.

Devices never put personal data in a path, but anyone can send any path: uvicorn's access
log would write it down as received. Only the route words and ids (UUIDs) the API uses are
logged; any other path segment, and any query string, is replaced by ``…``.
"""

from __future__ import annotations

import logging
import re

_ROUTE_WORD = re.compile(r"^(v\d+|[a-z][a-z_-]{0,31})$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ACCESS_LOGGER = "uvicorn.access"


def safe_path(path: str) -> str:
    bare, query, _ = path.partition("?")
    segments = [
        s if not s or _ROUTE_WORD.match(s) or _UUID.match(s) else "…" for s in bare.split("/")
    ]
    return "/".join(segments) + ("?…" if query else "")


class SafeAccessPaths(logging.Filter):
    """Rewrites the path argument of uvicorn's access records (client, method, path, …)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], safe_path(args[2]), *args[3:])
        return True


def install() -> None:
    """Idempotent: every app made in one process shares the one access logger."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, SafeAccessPaths) for f in logger.filters):
        logger.addFilter(SafeAccessPaths())

"""The one exception type handlers raise; it becomes ``{"error": {"code", "message", ...}}``."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An answer with a stable code; ``extra`` adds machine-readable details (never personal
    data)."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **self.extra}}


class AdminError(Exception):
    """An administrative action that cannot be done; the message is shown to the operator."""

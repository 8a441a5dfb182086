"""Small shared validation rules, each returning FieldErrors instead of raising."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from .errors import FieldError


def required_text(value: str | None, field: str, label: str) -> list[FieldError]:
    if value is None or not value.strip():
        return [FieldError(field, "required", f"{label} must be filled in.")]
    return []


def max_length(value: str | None, field: str, label: str, limit: int) -> list[FieldError]:
    if value is not None and len(value) > limit:
        return [
            FieldError(
                field,
                "too_long",
                f"{label} can be at most {limit} characters long.",
                {"limit": limit},
            )
        ]
    return []


def member_of(value: object, enum: type[Enum], field: str, label: str) -> list[FieldError]:
    try:
        enum(value)
    except ValueError:
        return [FieldError(field, "not_allowed", f"{label} is not one of the allowed choices.")]
    return []


def in_range(value: int | None, field: str, label: str, low: int, high: int) -> list[FieldError]:
    if value is None or isinstance(value, bool) or not isinstance(value, int):
        return [
            FieldError(
                field,
                "not_a_number",
                f"{label} must be a whole number from {low} to {high}.",
                {"low": low, "high": high},
            )
        ]
    if not low <= value <= high:
        return [
            FieldError(
                field,
                "out_of_range",
                f"{label} must be from {low} to {high}.",
                {"low": low, "high": high},
            )
        ]
    return []


def not_after(
    first: date | datetime | None,
    second: date | datetime | None,
    field: str,
    message: str,
    rule: str = "date_order",
) -> list[FieldError]:
    if first is not None and second is not None and first > second:
        return [FieldError(field, rule, message)]
    return []

"""Danish CPR numbers: ``DDMMYY-SSSS`` with a real date; no modulus-11 check.

Numbers issued since 2007 may fail modulus 11, so it is not a rule here. The century
comes from the 7th digit (the first of the serial part), as the CPR office defines it.
A CPR number is never put in an exception message, a log line or a URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import FieldError

_CPR_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


@dataclass(frozen=True, slots=True)
class Cpr:
    value: str  # normalised DDMMYY-SSSS

    @property
    def birth_date(self) -> date:
        birth = _birth_date(self.value[:6], self.value[7:])
        assert birth is not None  # guaranteed by parse_cpr
        return birth

    def masked(self) -> str:
        """What may be shown on a crowded screen: the date part only."""
        return self.value[:6] + "-xxxx"

    def __repr__(self) -> str:  # keeps CPR numbers out of tracebacks and logs
        return "Cpr(<redacted>)"

    __str__ = __repr__


def _century(seventh_digit: int, yy: int) -> int | None:
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if yy <= 36 else 1900
    if 5 <= seventh_digit <= 8:
        return 2000 if yy <= 57 else 1800
    return None


def _birth_date(ddmmyy: str, serial: str) -> date | None:
    dd, mm, yy = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    century = _century(int(serial[0]), yy)
    if century is None:
        return None
    try:
        return date(century + yy, mm, dd)
    except ValueError:
        return None


def cpr_errors(text: str, field: str = "cpr") -> list[FieldError]:
    """Why ``text`` is not a CPR number; empty when it is one."""
    cleaned = text.strip().replace(" ", "")
    match = _CPR_RE.match(cleaned)
    if match is None:
        return [
            FieldError(
                field,
                "cpr_format",
                "The CPR number must be written as DDMMYY-SSSS: six digits for the birth "
                "date, a dash, and four digits.",
            )
        ]
    dd, mm, yy, serial = match.groups()
    if _birth_date(dd + mm + yy, serial) is None:
        return [
            FieldError(
                field,
                "cpr_date",
                "The first six digits of the CPR number are not a real date (day, month, year).",
            )
        ]
    return []


def parse_cpr(text: str, field: str = "cpr") -> Cpr:
    """Normalise to ``DDMMYY-SSSS`` or raise ValidationError naming the rule."""
    from .errors import ValidationError

    errors = cpr_errors(text, field)
    if errors:
        raise ValidationError(errors)
    digits = text.strip().replace(" ", "").replace("-", "")
    return Cpr(f"{digits[:6]}-{digits[6:]}")


def looks_like_cpr(text: str) -> bool:
    """True for anything CPR-shaped; used to keep such strings out of logs."""
    return _CPR_RE.match(text.strip().replace(" ", "")) is not None

"""CPR numbers: DDMMYY-SSSS, a real date, century from the 7th digit, no modulus 11."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach_desk.domain import ValidationError, cpr_errors, looks_like_cpr, parse_cpr


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("010190-1234", date(1990, 1, 1)),  # 7th digit 0-3: 1900s
        ("0101901234", date(1990, 1, 1)),  # dash optional when typing
        ("010136-4321", date(2036, 1, 1)),  # 4 and 9: 2000 up to 36
        ("010137-4321", date(1937, 1, 1)),  # ... 1900 from 37
        ("010157-5000", date(2057, 1, 1)),  # 5-8: 2000 up to 57
        ("010158-8000", date(1858, 1, 1)),  # ... 1800 from 58
        ("010105-9000", date(2005, 1, 1)),
        ("010199-9000", date(1999, 1, 1)),
        ("290200-4000", date(2000, 2, 29)),  # a leap day that exists
        (" 120385-2417 ", date(1985, 3, 12)),
    ],
)
def test_century_comes_from_the_seventh_digit(text: str, born: date) -> None:
    assert parse_cpr(text).birth_date == born


def test_modulus_11_is_not_required() -> None:
    # 010190-1235 fails modulus 11 but is a valid CPR number since 2007
    assert cpr_errors("010190-1235") == []


@pytest.mark.parametrize("text", ["320190-1234", "011390-1234", "290299-1234", "000000-0000"])
def test_date_part_must_be_a_real_date(text: str) -> None:
    (error,) = cpr_errors(text)
    assert (error.field, error.rule) == ("cpr", "cpr_date")
    assert "real date" in error.message


@pytest.mark.parametrize("text", ["", "12345", "010190_1234", "01019o-1234", "010190-12345", "abc"])
def test_format_is_ddmmyy_dash_ssss(text: str) -> None:
    (error,) = cpr_errors(text)
    assert error.rule == "cpr_format"
    assert "DDMMYY-SSSS" in error.message


def test_errors_and_reprs_never_contain_the_number() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_cpr("320190-1234")
    assert "320190" not in str(caught.value)
    assert "120385" not in repr(parse_cpr("120385-2417"))


@given(
    day=st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)),
    serial=st.integers(0, 999),
)
def test_every_real_birth_date_has_a_valid_cpr(day: date, serial: int) -> None:
    yy = day.year % 100
    century = day.year // 100 * 100
    if century == 1900:
        seventh = 0
    elif century == 2000:
        seventh = 4 if yy <= 36 else 5
    else:  # 1800
        seventh = 5
    if century == 2000 and yy > 57:
        return  # not representable in the CPR scheme
    text = f"{day:%d%m}{yy:02d}{seventh}{serial:03d}"
    cpr = parse_cpr(text)
    assert cpr.birth_date == day
    assert cpr.value == f"{text[:6]}-{text[6:]}"
    assert looks_like_cpr(cpr.value)


@given(st.text(max_size=20))
def test_parser_never_crashes(text: str) -> None:
    errors = cpr_errors(text)
    assert all(e.rule in {"cpr_format", "cpr_date"} for e in errors)

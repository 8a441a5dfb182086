"""Dates and times the Danish way (dd-MM-yyyy, HH:mm), in local time."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication


def _parse(value: str | date | datetime) -> date | datetime:
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def format_date(value: str | date | datetime) -> str:
    moment = _parse(value)
    if isinstance(moment, datetime):
        moment = moment.astimezone().date()
    return moment.strftime("%d-%m-%Y")


def format_datetime(value: str | datetime) -> str:
    moment = _parse(value)
    if not isinstance(moment, datetime):
        return format_date(moment)
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


def housing_text(code: str) -> str:
    from . import labels

    return labels.housing_label(code) if hasattr(labels, "housing_label") else code


_ = QCoreApplication

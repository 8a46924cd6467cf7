"""Durations: TIMEX3 duration values (P2Y, PT4H, PXY) and dates moved by them."""

from __future__ import annotations

import math
from datetime import date

from storyline.model import Precision, TimeSpan, value_interval
from storyline.timex.calendar import SMALLER, Point, format_point, shift
from storyline.timex.partial import Unit

__all__ = ["duration_value", "offset"]

# Designators; decades and centuries are written in years, as TimeBank does.
_LETTER = {Unit.YEAR: "Y", Unit.QUARTER: "Q", Unit.MONTH: "M", Unit.WEEK: "W", Unit.DAY: "D"}
_TIME_LETTER = {Unit.HOUR: "H", Unit.MINUTE: "M", Unit.SECOND: "S"}
_IN_YEARS = {Unit.MILLENNIUM: 1000, Unit.CENTURY: 100, Unit.DECADE: 10}
_UNIT_OF = {
    Precision.CENTURY: Unit.CENTURY,
    Precision.DECADE: Unit.DECADE,
    Precision.YEAR: Unit.YEAR,
    Precision.HALF: Unit.HALF,
    Precision.QUARTER: Unit.QUARTER,
    Precision.SEASON: Unit.SEASON,
    Precision.MONTH: Unit.MONTH,
    Precision.WEEK: Unit.WEEK,
    Precision.DAY: Unit.DAY,
}


def duration_value(amount: float | None, unit: Unit) -> str:
    """A TIMEX3 duration: P2Y, P2Y6M, PT4H, PXY for an unknown number of years."""
    if unit in _IN_YEARS:
        if amount is None:
            return "PX" + {Unit.MILLENNIUM: "ML", Unit.CENTURY: "CE", Unit.DECADE: "DE"}[unit]
        amount, unit = amount * _IN_YEARS[unit], Unit.YEAR
    if unit is Unit.HALF:
        amount, unit = (amount * 6 if amount is not None else None), Unit.MONTH
    if unit is Unit.WEEKEND:
        amount, unit = (amount * 2 if amount is not None else None), Unit.DAY
    if unit is Unit.SEASON:
        amount, unit = (amount * 3 if amount is not None else None), Unit.MONTH
    if unit is Unit.PART:
        amount, unit = (amount * 6 if amount is not None else None), Unit.HOUR
    if amount is None:
        return f"PT X{_TIME_LETTER[unit]}".replace(" ", "") if unit in _TIME_LETTER else f"PX{_LETTER[unit]}"
    parts: list[tuple[Unit, int]] = []
    whole = math.floor(amount + 1e-9)
    parts.append((unit, whole))
    rest = amount - whole
    if rest > 1e-9 and unit in SMALLER:
        smaller, factor = SMALLER[unit]
        extra = round(rest * factor)
        if extra:
            parts.append((smaller, extra))
    date_part = "".join(f"{n}{_LETTER[u]}" for u, n in parts if u in _LETTER and n)
    time_part = "".join(f"{n}{_TIME_LETTER[u]}" for u, n in parts if u in _TIME_LETTER and n)
    if not date_part and not time_part:
        return f"P0{_LETTER.get(unit, 'D')}" if unit in _LETTER else f"PT0{_TIME_LETTER[unit]}"
    return "P" + date_part + (f"T{time_part}" if time_part else "")


_DURATION_UNITS = {"Y": Unit.YEAR, "M": Unit.MONTH, "W": Unit.WEEK, "D": Unit.DAY}


def offset(anchor: TimeSpan | date, duration: str, direction: int) -> TimeSpan | None:
    """`anchor` moved back (direction -1) or forward (+1) by a TIMEX3 duration such as P2Y, P18M, P3W.

    The result is as precise as the duration's unit (years → a year, months → a month, weeks and days
    → a day), never finer than the anchor: offset(date(2017, 11, 27), "P18M", -1) is 2016-05.
    """
    if direction not in (-1, 1) or len(duration) < 3 or not duration.startswith("P"):
        return None
    unit = _DURATION_UNITS.get(duration[-1])
    number = duration[1:-1]
    if unit is None or not number.isdigit() or len(number) > 5:
        return None
    if isinstance(anchor, date):
        start, precision = anchor, Precision.DAY
    else:
        interval = value_interval(anchor.value)
        if interval is not None:
            start, precision = interval[0], interval[2]
        elif anchor.earliest is not None or anchor.latest is not None:
            start, precision = (anchor.earliest or anchor.latest), anchor.precision  # type: ignore[assignment]
        else:
            return None
    try:
        moved = shift(Point(start, Unit.DAY), unit, direction * int(number))
    except (ValueError, OverflowError):
        return None
    wanted = {Unit.YEAR: Precision.YEAR, Unit.MONTH: Precision.MONTH}.get(unit, Precision.DAY)
    precision = min(wanted, precision, Precision.DAY)
    value = format_point(Point(moved.day, _UNIT_OF.get(precision, Unit.YEAR)))
    try:
        return TimeSpan.of(value)
    except ValueError:
        return None

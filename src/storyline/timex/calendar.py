"""Calendar points: a first day with a granularity, moved by units and written as TIMEX3 values.

The arithmetic under the resolver (`anchor.py`) and `offset`; it knows calendars, not words. Python's
calendar runs from year 1 to 9999: a point moved past either end is a ValueError (the resolver then
gives no value), and the last day of a period that runs past 9999-12-31 is 9999-12-31.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import easter

from storyline.timex.partial import Holiday, Unit

__all__ = [
    "SEASON_START",
    "SMALLER",
    "Point",
    "add_months",
    "format_point",
    "holiday_date",
    "last_day",
    "shift",
    "start_of",
]

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Northern-hemisphere meteorological seasons, as storyline.timespan reads them; winter runs into January.
_SEASON_OF_MONTH = {
    month: season for season, first in SEASON_START.items() for month in range(first, first + 3)
}
_SEASON_OF_MONTH |= {1: "WI", 2: "WI"}
_MONTHS_IN = {Unit.MILLENNIUM: 12000, Unit.CENTURY: 1200, Unit.DECADE: 120, Unit.YEAR: 12, Unit.HALF: 6}
_MONTHS_IN |= {Unit.QUARTER: 3, Unit.SEASON: 3, Unit.MONTH: 1}
_DAYS_IN = {Unit.WEEK: 7, Unit.WEEKEND: 7, Unit.DAY: 1}
# A fraction of a unit is taken in the next smaller one: 2.5 years is 2 years and 6 months.
SMALLER = {
    Unit.YEAR: (Unit.MONTH, 12),
    Unit.HALF: (Unit.MONTH, 6),
    Unit.QUARTER: (Unit.MONTH, 3),
    Unit.SEASON: (Unit.MONTH, 3),
    Unit.MONTH: (Unit.DAY, 30),
    Unit.WEEK: (Unit.DAY, 7),
    Unit.DAY: (Unit.HOUR, 24),
    Unit.PART: (Unit.HOUR, 6),
    Unit.HOUR: (Unit.MINUTE, 60),
    Unit.MINUTE: (Unit.SECOND, 60),
}


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar value: the first day it covers, its granularity, and a time of day if it has one."""

    day: date
    unit: Unit
    part: str | None = None
    hour: int | None = None
    minute: int | None = None


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, kept in the month it lands in (January 31 + 1 month is February 28
    or 29); a ValueError when it leaves the calendar (years 1 to 9999).

    What dateutil's relativedelta does, at a tenth of its cost: the tagger moves dates this way a few
    times per expression, and a text can hold thousands.
    """
    if abs(months) > 12 * 10_000:
        raise ValueError(f"{months} months is beyond the calendar")
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    month = month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_day(point: Point) -> date:
    """The last day a point covers (9999-12-31 for a period the calendar ends inside)."""
    day, unit = point.day, point.unit
    try:
        if unit in _MONTHS_IN:
            return add_months(day, _MONTHS_IN[unit]) - timedelta(days=1)
        if unit is Unit.WEEK or unit is Unit.WEEKEND:
            return day + timedelta(days=6 - day.weekday())
    except (ValueError, OverflowError):
        return date.max
    return day


def start_of(point: Point) -> Point:
    """The point moved to the first day of the period its unit names.

    A value made coarser than the day it was found from ("the quarter ended Sept. 30" is 1989-Q3) must
    begin where its period begins, or `last_day` would run three months past Sept. 30 and the
    quarter would look unfinished on Oct. 26.
    """
    d, unit = point.day, point.unit
    match unit:
        case Unit.MILLENNIUM | Unit.CENTURY | Unit.DECADE:
            size = {Unit.MILLENNIUM: 1000, Unit.CENTURY: 100, Unit.DECADE: 10}[unit]
            first = date(max(d.year // size * size, 1), 1, 1)
        case Unit.YEAR:
            first = date(d.year, 1, 1)
        case Unit.HALF:
            first = date(d.year, 1 if d.month <= 6 else 7, 1)
        case Unit.QUARTER:
            first = date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
        case Unit.SEASON:
            season_first = SEASON_START[_SEASON_OF_MONTH[d.month]]
            first = date(d.year - (season_first > d.month), season_first, 1)
        case Unit.MONTH:
            first = d.replace(day=1)
        case Unit.WEEK:
            first = d - timedelta(days=d.weekday())
        case Unit.WEEKEND:
            first = d - timedelta(days=d.weekday()) + timedelta(days=5)
        case _:
            return point
    return replace(point, day=first)


def holiday_date(holiday: Holiday, year: int) -> date | None:
    """The day a holiday falls on in a given year."""
    if holiday.easter is not None:
        return easter(year) + timedelta(days=holiday.easter)
    if holiday.month is None:
        return None
    if holiday.day is not None:
        return date(year, holiday.month, holiday.day)
    if holiday.weekday is None or not holiday.nth:
        return None
    if holiday.nth > 0:
        first = date(year, holiday.month, 1)
        first += timedelta(days=(holiday.weekday - 1 - first.weekday()) % 7)
        day = first + timedelta(weeks=holiday.nth - 1)
    else:
        last = date(year, holiday.month, calendar.monthrange(year, holiday.month)[1])
        last -= timedelta(days=(last.weekday() - (holiday.weekday - 1)) % 7)
        day = last + timedelta(weeks=holiday.nth + 1)
    return day if day.month == holiday.month else None


def shift(point: Point, unit: Unit, amount: float) -> Point:
    """`point` moved by `amount` units; a fraction is taken in the next smaller unit.

    A ValueError when the point would leave the calendar ("99999999999 years ago", "in 10 years" on
    9999-12-31), or when `amount` is no number at all (infinite, not a number).
    """
    if not math.isfinite(amount):
        raise ValueError(f"cannot move a date by {amount} units")
    whole = math.trunc(amount)
    rest = amount - whole
    day = point.day
    if unit in _MONTHS_IN:
        day = add_months(day, _MONTHS_IN[unit] * whole)
    elif unit in _DAYS_IN:
        if abs(whole) > 7 * 366 * 10_000:
            raise ValueError(f"{whole} {unit.name.lower()}s is beyond the calendar")
        day = day + timedelta(days=_DAYS_IN[unit] * whole)
    moved = replace(point, day=day)
    if rest and unit in SMALLER:
        smaller, factor = SMALLER[unit]
        moved = shift(moved, smaller, round(rest * factor))
    return moved


def format_point(point: Point) -> str:
    """The TIMEX3 value of a calendar point at its granularity."""
    d, unit = point.day, point.unit
    y = d.year
    match unit:
        case Unit.MILLENNIUM:
            return f"{y // 1000}"
        case Unit.CENTURY:
            return f"{y // 100:02d}"
        case Unit.DECADE:
            return f"{y // 10:03d}"
        case Unit.YEAR:
            return f"{y:04d}"
        case Unit.HALF:
            return f"{y:04d}-H{1 if d.month <= 6 else 2}"
        case Unit.QUARTER:
            return f"{y:04d}-Q{(d.month - 1) // 3 + 1}"
        case Unit.SEASON:
            return f"{y - 1 if d.month < 3 else y:04d}-{_SEASON_OF_MONTH[d.month]}"
        case Unit.MONTH:
            return f"{y:04d}-{d.month:02d}"
        case Unit.WEEK | Unit.WEEKEND:
            iso = d.isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if unit is Unit.WEEKEND else "")
        case Unit.DAY:
            return d.isoformat()
    time = d.isoformat()
    if point.hour is not None:
        return f"{time}T{point.hour:02d}:{point.minute or 0:02d}"
    return f"{time}T{point.part or 'DT'}"

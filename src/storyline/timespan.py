"""Time as claims carry it: a `TimeSpan` is a TIMEX3-style value together with the interval of days
it stands for, so that "2017" is all of 2017, never January 1st; with its `Precision`, the TIMEX3
`Mod`s that narrow or open it, and `value_interval`, the days a TIMEX3 date value covers. Pure
calendar arithmetic, no spaCy; `storyline.model` re-exports all of it as part of the shared vocabulary.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import IntEnum, StrEnum

__all__ = ["Mod", "Precision", "TimeSpan", "value_interval"]


class Precision(IntEnum):
    """How fine a time value is; larger is finer."""

    CENTURY = 1
    DECADE = 2
    YEAR = 3
    HALF = 4
    QUARTER = 5
    SEASON = 6
    MONTH = 7
    WEEK = 8
    DAY = 9
    TIME = 10


class Mod(StrEnum):
    """TIMEX3 modifiers that narrow or widen a value."""

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    ON_OR_BEFORE = "ON_OR_BEFORE"
    ON_OR_AFTER = "ON_OR_AFTER"
    START = "START"
    MID = "MID"
    END = "END"
    APPROX = "APPROX"
    LESS_THAN = "LESS_THAN"
    MORE_THAN = "MORE_THAN"
    EQUAL_OR_LESS = "EQUAL_OR_LESS"
    EQUAL_OR_MORE = "EQUAL_OR_MORE"


_YEAR = re.compile(r"^(?P<year>\d{4})$")
_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
_DAY = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})$")
_WEEKEND = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})-WE$")
_QUARTER = re.compile(r"^(?P<year>\d{4})-Q(?P<quarter>[1-4])$")
_HALF = re.compile(r"^(?P<year>\d{4})-H(?P<half>[12])$")
_SEASON = re.compile(r"^(?P<year>\d{4})-(?P<season>SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(?P<decade>\d{3})$")
_CENTURY = re.compile(r"^(?P<century>\d{2})$")

# Northern-hemisphere meteorological seasons; winter runs into the next year.
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


_APPROXIMATE = frozenset({Mod.START, Mod.MID, Mod.END, Mod.APPROX})


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), _month_end(end_year, end_month)


def value_interval(value: str) -> tuple[date, date, Precision] | None:
    """The days a TIMEX3 date value covers, with its precision; None for values that are not dates.

    >>> value_interval("2017")
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31), <Precision.YEAR: 3>)
    """
    try:
        if m := _DAY.match(value):
            day = date(int(m["year"]), int(m["month"]), int(m["day"]))
            return day, day, Precision.TIME if "T" in value else Precision.DAY
        if m := _MONTH.match(value):
            return (*_months(int(m["year"]), int(m["month"]), int(m["month"])), Precision.MONTH)
        if m := _YEAR.match(value):
            year = int(m["year"])
            return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
        if m := _WEEK.match(value) or _WEEKEND.match(value):
            monday = date.fromisocalendar(int(m["year"]), int(m["week"]), 1)
            first = monday + timedelta(days=5) if value.endswith("WE") else monday
            return first, monday + timedelta(days=6), Precision.WEEK
        if m := _QUARTER.match(value):
            q = int(m["quarter"])
            return (*_months(int(m["year"]), 3 * q - 2, 3 * q), Precision.QUARTER)
        if m := _HALF.match(value):
            h = int(m["half"])
            return (*_months(int(m["year"]), 6 * h - 5, 6 * h), Precision.HALF)
        if m := _SEASON.match(value):
            opens, closes = _SEASON_MONTHS[m["season"]]
            return (*_months(int(m["year"]), opens, closes), Precision.SEASON)
        if m := _DECADE.match(value):
            start = int(m["decade"]) * 10
            return date(max(start, 1), 1, 1), date(start + 9, 12, 31), Precision.DECADE
        if m := _CENTURY.match(value):
            start = int(m["century"]) * 100
            return date(max(start, 1), 1, 1), date(start + 99, 12, 31), Precision.CENTURY
    except (ValueError, OverflowError):  # 2021-02-30, week 54, year 0, 9999-W52: not on the calendar
        return None
    return None


def _format_day(day: date, precision: Precision) -> str:
    if precision >= Precision.DAY:
        return day.isoformat()
    if precision >= Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A time value with its precision, optional mod, and the interval of days it stands for.

    `earliest`/`latest` are inclusive; None means open on that side. "before Christmas" written on
    2024-02-08 is value 2023-12-25, mod BEFORE, earliest None, latest 2023-12-24.
    """

    value: str
    precision: Precision
    earliest: date | None
    latest: date | None
    mod: Mod | None = None

    @classmethod
    def of(cls, value: str, mod: Mod | None = None) -> TimeSpan:
        """The span of a TIMEX3 date value, narrowed or opened by `mod`.

        >>> TimeSpan.of("2023-12-25", Mod.BEFORE).label()
        '..2023-12-24'
        """
        interval = value_interval(value)
        if interval is None:
            raise ValueError(f"not a calendar value: {value!r}")
        first, last, precision = interval
        return cls(value, precision, first, last).with_mod(mod)

    @classmethod
    def between(cls, start: TimeSpan | None, end: TimeSpan | None) -> TimeSpan:
        """The span from the start of `start` to the end of `end` (either may be open)."""
        if start is None and end is None:
            raise ValueError("an interval needs at least one bound")
        sides = [s.precision for s in (start, end) if s is not None]
        span = cls(
            "",
            min(sides),
            start.earliest if start is not None else None,
            end.latest if end is not None else None,
        )
        return replace(span, value=span.label())

    @classmethod
    def parse(cls, text: str) -> TimeSpan:
        """Read the claim format: `2017`, `2022-02`, `2023-12-25`, `A..B`, `..2020`, `2012..`."""
        text = text.strip()
        if ".." not in text:
            return cls.of(text)
        left, _, right = text.partition("..")
        start = cls.of(left) if left else None
        end = cls.of(right) if right else None
        return cls.between(start, end)

    def with_mod(self, mod: Mod | None) -> TimeSpan:
        """This span under a TIMEX3 mod: BEFORE/AFTER open one side, START/MID/END narrow it."""
        if mod is None or self.earliest is None or self.latest is None:
            return replace(self, mod=mod)
        first, last = self.earliest, self.latest
        if mod in (Mod.START, Mod.MID, Mod.END) and self.precision == Precision.YEAR:
            # "early 2020" is January to April, "late 2019" September to December: months, so that a
            # date of the season ("2019-11") can be told right or wrong against it
            months = {Mod.START: (1, 4), Mod.MID: (5, 8), Mod.END: (9, 12)}[mod]
            opens, closes = _months(first.year, *months)
            return TimeSpan(self.value, Precision.MONTH, opens, closes, mod)
        third = (last - first) / 3
        match mod:
            case Mod.BEFORE:
                if first == date.min:
                    raise ValueError(f"nothing on the calendar is before {self.value!r}")
                first, last = None, first - timedelta(days=1)  # type: ignore[assignment]
            case Mod.ON_OR_BEFORE:
                first = None  # type: ignore[assignment]
            case Mod.AFTER:
                if last == date.max:
                    raise ValueError(f"nothing on the calendar is after {self.value!r}")
                first, last = last + timedelta(days=1), None  # type: ignore[assignment]
            case Mod.ON_OR_AFTER:
                last = None  # type: ignore[assignment]
            case Mod.START:
                last = first + third
            case Mod.MID:
                first, last = first + third, last - third
            case Mod.END:
                first = last - third
            case _:
                pass
        return TimeSpan(self.value, self.precision, first, last, mod)

    @property
    def is_open(self) -> bool:
        return self.earliest is None or self.latest is None

    def label(self) -> str:
        """The claim format: the value when it is a plain year, month or day, else `earliest..latest`."""
        if self.mod is None and self.precision in (Precision.YEAR, Precision.MONTH, Precision.DAY):
            interval = value_interval(self.value)
            if interval is not None and interval[:2] == (self.earliest, self.latest):
                return self.value
        # Exact bounds print as days, coarsened where they cover whole months or years; the
        # approximate bounds of START/MID/END/APPROX print no finer than the value itself.
        precision = Precision.DAY
        if self.mod in _APPROXIMATE:
            precision = (
                Precision.YEAR if self.precision < Precision.HALF else min(self.precision, Precision.DAY)
            )

        # A side prints as a whole year only when the span's other side is a year's edge too, or open:
        # "late 2017" is 2017-09..2017-12, "right before New Year" 2017-12-02..2017-12, and "by the
        # end of 2019" ..2019.
        def year_edge(day: date | None, first: bool) -> bool:
            return day is None or (day.month, day.day) == ((1, 1) if first else (12, 31))

        both_edges = year_edge(self.earliest, True) and year_edge(self.latest, False)
        one_year = (
            self.earliest is not None and self.latest is not None and self.earliest.year == self.latest.year
        )
        # Inside one year a side prints no coarser than its month, unless the span is the whole year;
        # across years each side coarsens on its own ("2016..2020-05"); approximate bounds only to
        # whole years they cover.
        whole_years = both_edges or (not one_year and self.mod not in _APPROXIMATE)
        left = self._bound(self.earliest, precision, first=True, whole_years=whole_years)
        right = self._bound(self.latest, precision, first=False, whole_years=whole_years)
        return left if left == right else f"{left}..{right}"

    @staticmethod
    def _bound(day: date | None, precision: Precision, *, first: bool, whole_years: bool = True) -> str:
        """One side of an interval, coarsened where it covers whole months, or whole years when the
        interval does (an open side alone may: "..2019" is by the end of 2019)."""
        if day is None:
            return ""
        if precision >= Precision.DAY:
            whole_month = day.day == 1 if first else day == _month_end(day.year, day.month)
            if not whole_month:
                return day.isoformat()
            precision = Precision.MONTH
        if precision >= Precision.MONTH:
            whole_year = day.month == 1 if first else day.month == 12
            if not whole_year or not whole_years:
                return _format_day(day, Precision.MONTH)
        return _format_day(day, Precision.YEAR)

    def overlaps(self, other: TimeSpan) -> bool:
        """True when some day can belong to both spans (open sides reach forever)."""
        if self.latest is not None and other.earliest is not None and self.latest < other.earliest:
            return False
        return not (other.latest is not None and self.earliest is not None and other.latest < self.earliest)

    def near(self, other: TimeSpan, days: int = 90) -> bool:
        """True when the spans overlap or lie within `days` of each other: two reports of one wedding
        ("just before Christmas", "on December 23") are near, two engagements years apart are not."""
        # Differences, not sums: a day near the calendar's end plus the margin would overflow.
        margin = timedelta(days=days)
        if self.latest is not None and other.earliest is not None and other.earliest - self.latest > margin:
            return False
        return not (
            other.latest is not None and self.earliest is not None and self.earliest - other.latest > margin
        )

    def sort_key(self) -> tuple[date, date]:
        """Orders spans in time; an open start sorts by the end it is known by ("..2020" at 2020)."""
        return (self.earliest or self.latest or date.max, self.latest or date.max)

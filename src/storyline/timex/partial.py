"""The underspecified value a rule gives a temporal expression before it is anchored in time.

This is phase one of HeidelTime's two-phase normalization: language data fills in what the words say
("March", "last", "two years", "ago") and leaves what they do not say (which March) to `anchor.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from storyline.model import Mod

__all__ = ["TYPES", "Anchor", "Direction", "Holiday", "Partial", "Unit"]

TYPES = ("DATE", "TIME", "DURATION", "SET")


class Unit(IntEnum):
    """Calendar units from coarse to fine; a value's granularity is one of them."""

    MILLENNIUM = 0
    CENTURY = 1
    DECADE = 2
    YEAR = 3
    HALF = 4
    QUARTER = 5
    SEASON = 6
    MONTH = 7
    WEEK = 8
    WEEKEND = 9
    DAY = 10
    PART = 11  # part of a day: morning, afternoon, evening, night
    HOUR = 12
    MINUTE = 13
    SECOND = 14

    @classmethod
    def named(cls, name: str) -> Unit:
        return cls[name.strip().upper()]


class Anchor(StrEnum):
    """What a relative expression is relative to."""

    NONE = "none"  # absolute, or unresolvable without context ("XXXX-12-25")
    DCT = "dct"  # the document creation time: "yesterday", "last year", "Friday"
    REF = "ref"  # the narrative's reference time: "a year earlier", "the following month", "that day"
    PERIOD = "period"  # the last period of the value's granularity the text named, else the DCT:
    # "the quarter", "the year-ago quarter", "the 1988 period" after "third-quarter profit"


class Direction(StrEnum):
    """Which occurrence of a cyclic value ("Friday", "March", "Christmas") is meant."""

    THIS = "this"  # the one in the anchor's own cycle: "this March"
    PAST = "past"  # the latest one starting on or before the anchor: "(said) Friday"
    FUTURE = "future"  # the earliest one ending on or after the anchor: "(will meet) Friday"
    BEFORE = "before"  # the latest one wholly before the anchor: "last March"
    AFTER = "after"  # the earliest one wholly after the anchor: "next March"
    NEAREST = "nearest"  # the one closest to the anchor
    TENSE = "tense"  # past or future as the verbs around the expression say, else the fallback
    LIKELY = "likely"  # the nearest, where the side the tense points to counts as much nearer


@dataclass(frozen=True, slots=True)
class Holiday:
    """A day defined by the calendar: a fixed date, the nth weekday of a month, or an offset from Easter."""

    name: str
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 1 = Monday … 7 = Sunday, with `nth`
    nth: int | None = None  # 1 = first … -1 = last
    easter: int | None = None  # days after Western Easter Sunday (negative: before)


@dataclass(frozen=True, slots=True)
class Partial:
    """What a matched expression says about its value, before anchoring.

    Calendar fields left None are unspecified. `unit` with `shift` moves the anchor ("last year" is
    anchor DCT, unit YEAR, shift -1); `unit` with `amount` is a duration or a frequency ("two years",
    "every two weeks"); `amount` None with a unit is a vague amount ("years" → PXY).
    """

    type: str
    literal: str | None = None
    millennium: int | None = None
    century: int | None = None
    decade: int | None = None
    year: int | None = None
    half: int | None = None
    quarter: int | None = None
    season: str | None = None
    month: int | None = None
    week: int | None = None
    day: int | None = None
    weekday: int | None = None
    weekend: bool = False
    part: str | None = None
    hour: int | None = None
    minute: int | None = None
    holiday: Holiday | None = None
    anchor: Anchor = Anchor.NONE
    unit: Unit | None = None
    shift: float = 0.0
    amount: float | None = None
    granularity: Unit | None = None
    fallback_granularity: Unit | None = None  # for PERIOD anchors when the DCT stands in
    keep_ref_granularity: bool = False
    direction: Direction = Direction.THIS
    fallback: Direction = Direction.THIS
    mod: Mod | None = None

    @property
    def finest_field(self) -> Unit | None:
        """The finest calendar unit the expression names explicitly."""
        finest: Unit | None = None
        for unit, present in (
            (Unit.MILLENNIUM, self.millennium is not None),
            (Unit.CENTURY, self.century is not None),
            (Unit.DECADE, self.decade is not None),
            (Unit.YEAR, self.year is not None),
            (Unit.HALF, self.half is not None),
            (Unit.QUARTER, self.quarter is not None),
            (Unit.SEASON, self.season is not None),
            (Unit.MONTH, self.month is not None),
            (Unit.WEEK, self.week is not None),
            (Unit.WEEKEND, self.weekend),
            (Unit.DAY, self.day is not None or self.weekday is not None or self.holiday is not None),
            (Unit.PART, self.part is not None),
            (Unit.HOUR, self.hour is not None),
            (Unit.MINUTE, self.minute is not None),
        ):
            if present:
                finest = unit
        return finest

    @property
    def coarsest_field(self) -> Unit | None:
        """The coarsest calendar unit the expression names explicitly (the year in "March 2021")."""
        for unit, present in (
            (Unit.MILLENNIUM, self.millennium is not None),
            (Unit.CENTURY, self.century is not None),
            (Unit.DECADE, self.decade is not None),
            (Unit.YEAR, self.year is not None),
            (Unit.HALF, self.half is not None),
            (Unit.QUARTER, self.quarter is not None),
            (Unit.SEASON, self.season is not None),
            (Unit.MONTH, self.month is not None or self.holiday is not None),
            (Unit.WEEK, self.week is not None),
            (Unit.WEEKEND, self.weekend),
            (Unit.DAY, self.day is not None or self.weekday is not None),
            (Unit.PART, self.part is not None),
            (Unit.HOUR, self.hour is not None),
            (Unit.MINUTE, self.minute is not None),
        ):
            if present:
                return unit
        return None

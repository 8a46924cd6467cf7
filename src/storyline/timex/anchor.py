"""Phase two: anchor a partial value in time and write it as a TIMEX3 value.

Pure and language-independent: it knows calendars, not words. A partial value is resolved against the
document creation time (DCT) or the narrative's reference time (the last date the text anchored), and
for cyclic values ("Friday", "March", "the third quarter") the direction the tense of the sentence gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from storyline.timex.calendar import (
    SEASON_START,
    Point,
    format_point,
    holiday_date,
    last_day,
    shift,
    start_of,
)
from storyline.timex.duration import duration_value
from storyline.timex.partial import Anchor, Direction, Partial, Unit

__all__ = ["Context", "Resolved", "resolve"]

# How much farther an occurrence counts when the tense points the other way, and, without a tense,
# how much farther a future one counts than a past one (see _weighted_distance).
_AGAINST_TENSE = 3.0
_FUTURE_BIAS = 1.25


@dataclass(frozen=True, slots=True)
class Resolved:
    """A TIMEX3 value, with the calendar point behind it when it has one (it may become the reference)."""

    value: str
    point: Point | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What an expression is read against: the publication date and the narrative's reference times.

    `ref` is the last date the text anchored; `periods` the last one of each granularity, so that
    "the quarter" finds the quarter a report is about even after "Friday" was mentioned.
    """

    dct: date | None = None
    ref: Point | None = None
    periods: Mapping[Unit, Point] = field(default_factory=dict)

    def moved_to(self, point: Point, *, period: bool = True) -> Context:
        """This context after the text anchored `point`; `period=False` moves only the reference time.

        Only periods over by the DCT are remembered as periods: a report compares "the year-ago
        quarter" with the quarter it reports on, not with the current one or "the third quarter of
        1990" it forecasts.
        """
        if point == self.ref and (not period or self.periods.get(point.unit) == point):
            return self  # anchored again where it stands ("2020 ... 2020"): nothing moves
        if not period or (self.dct is not None and last_day(point) >= self.dct):
            return Context(self.dct, point, self.periods)
        return Context(self.dct, point, {**self.periods, point.unit: point})


def resolve(partial: Partial, context: Context, tense: Direction | None = None) -> Resolved | None:
    """The TIMEX3 value of `partial` read in `context`.

    `tense` is what the sentence says (PAST or FUTURE) when the rule leaves the direction to it.
    None when the value cannot exist (February 31st, year 0) or leaves the calendar.
    """
    try:
        return _resolve(partial, context, tense)
    except (ValueError, OverflowError, KeyError):
        return None


def _base(p: Partial, context: Context) -> Point | None:
    """The point a relative expression counts from, before its own shift."""
    dct = Point(context.dct, Unit.DAY) if context.dct is not None else None
    match p.anchor:
        case Anchor.DCT:
            return dct
        case Anchor.REF:
            if context.ref is not None and context.ref.unit < Unit.DAY and (p.coarsest_field or 0) > Unit.DAY:
                return dct  # "at 10 p.m." after "in 1997" is not a time on January 1st
            return context.ref or dct
        case Anchor.PERIOD:
            return context.periods.get(p.granularity) if p.granularity is not None else None
        case _:
            return None


def _resolve(p: Partial, context: Context, tense: Direction | None) -> Resolved | None:
    if p.literal is not None:
        return Resolved(p.literal)
    if p.type == "DURATION" or (p.type == "SET" and p.unit is not None and p.coarsest_field is None):
        if p.unit is None:
            return None
        return Resolved(duration_value(p.amount, p.unit))
    base = _base(p, context)
    if base is None and p.anchor is Anchor.PERIOD and context.dct is not None:
        # No such period named yet: the DCT's, as fine as the rule says it can then be known.
        p = replace(p, granularity=p.fallback_granularity or p.granularity)
        base = Point(context.dct, Unit.DAY)
    if base is None or p.type == "SET":
        return _unanchored(p)
    point = base
    if p.unit is not None and p.shift:
        point = shift(point, p.unit, p.shift)
    if p.coarsest_field is not None:
        chosen = _occurrence(p, point, tense)
        if chosen is None:
            return None
        point = chosen
    unit = _granularity(p, base, point)
    point = _with_time(start_of(replace(point, unit=unit)), p)
    return Resolved(format_point(point), point)


def _granularity(p: Partial, base: Point, point: Point) -> Unit:
    if p.granularity is not None:
        unit = p.granularity
    elif p.keep_ref_granularity:
        unit = base.unit
    else:
        unit = p.finest_field or p.unit or base.unit
    # Never finer than what is known: "the following day" after "in 1990" stays 1990.
    known = max(base.unit, p.finest_field or Unit.MILLENNIUM)
    return min(unit, known)


def _with_time(point: Point, p: Partial) -> Point:
    if point.unit < Unit.PART:
        return replace(point, part=None, hour=None, minute=None)
    hour = p.hour % 24 if p.hour is not None else None
    if p.hour == 24:
        hour = 12  # "12 p.m." read as 12 + 12: noon
    return replace(point, part=p.part, hour=hour, minute=p.minute)


def _cycle(p: Partial) -> Unit | None:
    """The calendar cycle within which a value without its higher fields repeats."""
    if p.year is not None or p.decade is not None or p.century is not None or p.millennium is not None:
        return None
    if any(f is not None for f in (p.month, p.quarter, p.half, p.season, p.week, p.holiday)):
        return Unit.YEAR
    if p.day is not None:
        return Unit.MONTH
    if p.weekday is not None or p.weekend:
        return Unit.WEEK
    return Unit.DAY


def _occurrence(p: Partial, anchor: Point, tense: Direction | None) -> Point | None:
    cycle = _cycle(p)
    direction = p.direction
    if direction is Direction.TENSE:
        direction = tense or p.fallback
    # Without a tense, a LIKELY rule's fallback (if past or future) says which side to favour.
    likely = tense or (p.fallback if p.fallback in (Direction.PAST, Direction.FUTURE) else None)
    if cycle is not None and anchor.unit <= cycle and direction in (Direction.BEFORE, Direction.AFTER):
        # "the following spring" after "in 2018": the anchor is the whole year, so the next one's.
        return _fill(p, shift(anchor, cycle, 1 if direction is Direction.AFTER else -1))
    if cycle is None or anchor.unit <= cycle or direction is Direction.THIS:
        return _fill(p, anchor)
    options = []
    for k in (-1, 0, 1):
        try:
            filled = _fill(p, shift(anchor, cycle, k))
        except (ValueError, OverflowError):
            continue
        if filled is not None:
            options.append((_bounds(filled), filled))
    if not options:
        return None
    day = anchor.day
    match direction:
        case Direction.PAST:
            pool = [o for o in options if o[0][0] <= day]
            return max(pool, key=lambda o: o[0][0])[1] if pool else None
        case Direction.FUTURE:
            pool = [o for o in options if o[0][1] >= day]
            return min(pool, key=lambda o: o[0][0])[1] if pool else None
        case Direction.BEFORE:
            pool = [o for o in options if o[0][1] < day]
            return max(pool, key=lambda o: o[0][0])[1] if pool else None
        case Direction.AFTER:
            pool = [o for o in options if o[0][0] > day]
            return min(pool, key=lambda o: o[0][0])[1] if pool else None
        case Direction.LIKELY:
            return min(options, key=lambda o: _weighted_distance(o[0], day, likely))[1]
        case _:  # NEAREST: the middle of the occurrence closest to the anchor, the past on a tie
            return min(options, key=lambda o: (abs(((o[0][0] - day) + (o[0][1] - day)).days), o[0][0] > day))[
                1
            ]


def _weighted_distance(bounds: tuple[date, date], day: date, tense: Direction | None) -> float:
    """Days from `day` to the middle of an occurrence, longer on the side the tense argues against.

    "extended the offer to Nov. 20" on Nov. 2 is this Nov. 20 despite the past tense, but "introduced
    in April" on Oct. 26 is the April before: the tense decides only between comparable distances.
    Without a tense, news is more often about what happened than about what will.
    """
    middle = bounds[0] + (bounds[1] - bounds[0]) / 2
    days = (middle - day).days
    future = days > 0
    if tense is None:
        weight = _FUTURE_BIAS if future else 1.0
    else:
        weight = _AGAINST_TENSE if future == (tense in (Direction.PAST, Direction.BEFORE)) else 1.0
    return abs(days) * weight


def _bounds(point: Point) -> tuple[date, date]:
    return point.day, last_day(point)


def _fill(p: Partial, at: Point) -> Point | None:
    """The point `at` with the partial's own calendar fields put in; its unit is the finest field's."""
    d = at.day
    year = p.year if p.year is not None else d.year
    unit = p.finest_field or at.unit
    if p.millennium is not None and p.year is None:
        return Point(date(max(p.millennium * 1000, 1), 1, 1), Unit.MILLENNIUM)
    if p.century is not None and p.year is None and p.decade is None:
        return Point(date(max(p.century * 100, 1), 1, 1), Unit.CENTURY)
    if p.decade is not None and p.year is None:
        return Point(date(max(p.decade * 10, 1), 1, 1), Unit.DECADE)
    if p.holiday is not None:
        day = holiday_date(p.holiday, year)
        return Point(day, Unit.DAY) if day is not None else None
    if p.month is not None:
        return Point(date(year, p.month, p.day if p.day is not None else 1), unit)
    if p.quarter is not None:
        return Point(date(year, 3 * p.quarter - 2, 1), unit) if 1 <= p.quarter <= 4 else None
    if p.half is not None:
        return Point(date(year, 6 * p.half - 5, 1), unit) if 1 <= p.half <= 2 else None
    if p.season is not None:
        return Point(date(year, SEASON_START[p.season], 1), unit)
    if p.week is not None:
        return Point(date.fromisocalendar(year, p.week, 1), unit)
    monday = d - timedelta(days=d.weekday())
    if p.weekday is not None:
        return Point(monday + timedelta(days=p.weekday - 1), unit) if 1 <= p.weekday <= 7 else None
    if p.weekend:
        return Point(monday + timedelta(days=5), Unit.WEEKEND)
    if p.day is not None:
        return Point(date(d.year, d.month, p.day), unit)
    if p.year is not None:
        # "the 1988 period" after "the third quarter": the same period, in another year.
        try:
            return Point(d.replace(year=year), unit)
        except ValueError:  # February 29th
            return Point(date(year, d.month, 28), unit)
    return Point(d, max(unit, at.unit))


def _unanchored(p: Partial) -> Resolved | None:
    """A value with no anchor to fill it from: the fields the text gives, X for the others."""
    if p.year is not None or (p.coarsest_field is not None and p.coarsest_field < Unit.YEAR):
        point = _fill(p, Point(date(p.year or 2000, 1, 1), Unit.YEAR))
        if point is None:
            return None
        point = _with_time(point, p)
        return Resolved(format_point(point), point if p.type != "SET" else None)
    year = "XXXX"
    if p.holiday is not None:
        h = p.holiday
        if h.month is not None and h.day is not None:
            return Resolved(f"{year}-{h.month:02d}-{h.day:02d}")
        return Resolved(f"{year}-{h.month:02d}" if h.month is not None else year)
    time = ""
    if p.hour is not None:
        time = f"T{p.hour % 24:02d}:{p.minute or 0:02d}"
    elif p.part is not None:
        time = f"T{p.part}"
    if p.month is not None:
        day = f"-{p.day:02d}" if p.day is not None else ("-XX" if time else "")
        return Resolved(f"{year}-{p.month:02d}{day}{time}")
    if p.quarter is not None:
        return Resolved(f"{year}-Q{p.quarter}")
    if p.half is not None:
        return Resolved(f"{year}-H{p.half}")
    if p.season is not None:
        return Resolved(f"{year}-{p.season}")
    if p.weekday is not None:
        return Resolved(f"{year}-WXX-{p.weekday}{time}")
    if p.weekend:
        return Resolved(f"{year}-WXX-WE")
    if p.week is not None:
        return Resolved(f"{year}-W{p.week:02d}")
    if p.day is not None:
        return Resolved(f"{year}-XX-{p.day:02d}{time}")
    if time:
        return Resolved(f"{year}-XX-XX{time}")
    unit = p.granularity or p.unit
    if unit is None or unit <= Unit.YEAR:
        return Resolved(year)
    return Resolved({Unit.MONTH: "XXXX-XX", Unit.WEEK: "XXXX-WXX"}.get(unit, "XXXX-XX-XX"))

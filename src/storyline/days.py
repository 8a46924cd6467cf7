"""Days as people type them on the command line, in a URL or to an agent: `2019`, `2019-05`,
`2019-05-03`, an ISO timestamp, `May 2019`, `3 May 2019`, `last year`.

A month or a year stands for its last day, so that `--as-of 2019` keeps every article of 2019 and
`--at 2019` asks about the end of that year. Words are read by storyline's own timex tagger, relative
ones ("last year") against today.
"""

from __future__ import annotations

from datetime import date, datetime

from storyline.model import value_interval
from storyline.timex import tag

__all__ = ["DayError", "parse_day"]


class DayError(ValueError):
    """Text that is not one day, month or year."""


def parse_day(text: str, today: date | None = None) -> date:
    """The day `text` means: a day as it is, a month or a year as its last day; DayError if none."""
    value = text.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    if value[:4].isdigit() and len(value) in (4, 7):  # a TIMEX3 year or month: 2019, 2019-05
        interval = value_interval(value)
        if interval is not None:
            return interval[1]
    found = tag(value, today or date.today())
    if len(found) == 1 and found[0].type == "DATE" and found[0].span is not None:
        timex, span = found[0], found[0].span
        # The whole text must be the date: "2019 or so" is not a day to cut knowledge at.
        if value[: timex.start].strip() == "" and value[timex.end :].strip(" .") == "":
            day = span.latest or span.earliest
            if day is not None:
                return day
    raise DayError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM, YYYY or words like 'May 2019'")

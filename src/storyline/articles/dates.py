"""Publication dates as inputs write them, read strictly: the date is the knowledge time of every claim.

A date is taken as the publisher wrote it: "2023-09-05T23:30:00-05:00" is 5 September, the day
the readers of that time zone saw it, not the 6th it already was in UTC. A date that cannot be read
is an error, and a missing one is an error that says how to give one (`--published`): storyline
never guesses a date and never uses today's.

A publication date must lie between the years 1000 and 8999 (`check_published`): dates are counted
back and forth from it ("ten years ago", a child's age, how long a rumour stays fresh), and a date
at the calendar's ends (0001-01-01, 9999-12-31) is a typing error, not a day a story came out.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.parser import isoparse

from storyline.errors import ArticleError

__all__ = ["EARLIEST", "LATEST", "check_published", "no_date", "parse_day", "parse_published"]

EARLIEST = date(1000, 1, 1)
LATEST = date(8999, 12, 31)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A year or a month is not a publication day, and its first day would be a guess.
_COARSE = re.compile(r"\d{4}(?:-\d{2})?")
# ISO 8601 basic format (20230905, 20230905T140000Z).
_BASIC = re.compile(r"\d{8}(?:T|\Z)")
# RFC 2822 (RSS, e-mail, HTTP): "Tue, 05 Sep 2023 14:00:00 GMT". The time and zone do not move the
# day as written, so only the date part is read; the weekday is optional, as in the RFC.
_RFC_2822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3})[a-z]*\.?\s+(?P<year>\d{4})\b"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}


def check_published(source: str, day: date) -> date:
    """`day`, when it can be a publication date (years 1000 to 8999); else an `ArticleError`."""
    if not EARLIEST <= day <= LATEST:
        raise ArticleError(
            source,
            f"the publication date {day.isoformat()} is not a day a news story came out"
            f" (storyline reads dates from {EARLIEST.year} to {LATEST.year})",
        )
    return day


def parse_day(source: str, raw: str) -> date:
    """A day written YYYY-MM-DD, the one form the seed format allows."""
    if not _DAY.fullmatch(raw):
        raise ArticleError(source, f"the date {raw!r} is not in the form YYYY-MM-DD")
    try:
        return check_published(source, date.fromisoformat(raw))
    except ValueError:
        raise ArticleError(source, f"the date {raw!r} is not a day on the calendar") from None


def parse_published(source: str, raw: str) -> date:
    """A publication day in ISO 8601 or RFC 2822, with or without a time.

    >>> parse_published("x", "Tue, 05 Sep 2023 14:00:00 GMT"), parse_published("x", "2023-09-05 14:00:00")
    (datetime.date(2023, 9, 5), datetime.date(2023, 9, 5))
    """
    text = raw.strip()
    if _COARSE.fullmatch(text):
        raise ArticleError(source, f"the date {raw!r} is not a day: the publication day is needed")
    if _DAY.match(text):
        return parse_day(source, text[:10])
    if _BASIC.match(text):
        try:
            return check_published(source, isoparse(text).date())
        except (ValueError, OverflowError):
            raise ArticleError(source, f"the date {raw!r} is not a day on the calendar") from None
    match = _RFC_2822.match(text)
    if match and match["month"].lower() in _MONTHS:
        try:
            return check_published(
                source, date(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
            )
        except ValueError:
            raise ArticleError(source, f"the date {raw!r} is not a day on the calendar") from None
    raise ArticleError(
        source,
        f"the date {raw!r} is neither ISO 8601 (2023-09-05, 2023-09-05T14:00:00Z)"
        " nor RFC 2822 (Tue, 05 Sep 2023 14:00:00 GMT)",
    )


def no_date(source: str, looked: str) -> ArticleError:
    """The error for an input without a publication date: where it looked, and how to give one."""
    return ArticleError(source, f"no publication date ({looked}); give one with --published YYYY-MM-DD")

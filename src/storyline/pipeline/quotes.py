"""Where the text quotes someone: character ranges inside quotation marks.

Straight double quotes pair up within a paragraph (an unclosed one runs to the paragraph's end, as
news paragraphs continue a quote without closing it); curly quotes pair with each other. Single quotes
count only when they open after a space and close before one, so apostrophes ("Ann's") do not.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["quoted_ranges"]

# re reads \u escapes: \u201c \u201d are curly double quotes, \u2018 \u2019 curly single quotes.
_CURLY = re.compile(r"\u201c[^\u201d]*(?:\u201d|$)", re.MULTILINE)
_STRAIGHT = re.compile(r'"[^"\n]*(?:"|$)', re.MULTILINE)
_SINGLE = re.compile(r"(?:(?<=\s)|^)[\u2018'][^\u2018\u2019'\n]{2,}?[\u2019'](?=[\s.,;:!?]|$)", re.MULTILINE)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) character ranges of quoted text, quotation marks included, in order."""
    return list(_quoted_ranges(text))


# Half a dozen components ask this of the same article in turn; the last few texts' answers are kept.
@lru_cache(maxsize=4)
def _quoted_ranges(text: str) -> tuple[tuple[int, int], ...]:
    ranges = [m.span() for pattern in (_CURLY, _STRAIGHT, _SINGLE) for m in pattern.finditer(text)]
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)

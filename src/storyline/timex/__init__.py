"""Temporal expressions (TIMEX3) without spaCy: recognition by rules as data, then anchoring in time.

`tag(text, dct)` finds DATE, TIME, DURATION and SET expressions and resolves each against the
publication date and the narrative's reference time; `offset` moves a date by a TIMEX3 duration.
"""

from __future__ import annotations

from storyline.timex.duration import offset
from storyline.timex.tagger import Timex, tag

__all__ = ["Timex", "offset", "tag"]

"""Tense cues: whether the sentence around an expression talks about the past or the future.

Without a parser this reads the words the rules file lists as past cues ("said", "was", "-ed") and
future cues ("will", "is expected to", "next") within the expression's sentence; the nearest cue wins,
and one after the expression counts for a little less than one before it, because English puts the
verb before its time adverbial far more often than after.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.timex.grammar import TenseCues
from storyline.timex.partial import Direction

__all__ = ["tense_at"]

_SENTENCE_END = re.compile(r"[.!?;:]['\"\u201d`]*\s|\n\s*\n")
_CLAUSE_END = re.compile(r"[,;:()\"\u201c\u201d]|''|``|[.!?]\s|\n")
# Text before an expression this short ("In", "On", "But in") means the expression opens its sentence.
_OPENING = 8
# A cue after the expression is this much farther away than its distance in characters.
_AFTER_PENALTY = 1.5


def tense_at(text: str, start: int, end: int, cues: TenseCues) -> Direction | None:
    """PAST or FUTURE as the nearest cue in the sentence around text[start:end] says, else None."""
    return _tense_between(text[max(0, start - cues.window) : start], text[end : end + cues.window], cues)


# The answer depends only on the words around the expression: a text that repeats a sentence asks
# the same question again, and a table of dates asks it thousands of times.
@lru_cache(maxsize=4096)
def _tense_between(left: str, right: str, cues: TenseCues) -> Direction | None:
    breaks = list(_SENTENCE_END.finditer(left))
    if breaks:
        left = left[breaks[-1].end() :]
    # After the expression only its own clause counts: in "leave at 4 a.m. Thursday,'' Castro said"
    # the reporting verb says nothing about when the leaving is. But an expression that opens its
    # sentence ("In March, the company sold …") is about the clause after the comma.
    opens_sentence = len(left.strip()) <= _OPENING
    stop = (_SENTENCE_END if opens_sentence else _CLAUSE_END).search(right)
    if stop is not None:
        right = right[: stop.start()]
    best: tuple[float, Direction] | None = None
    # Future cues are tried first and win ties: "would be held" ends on a past participle.
    for direction, pattern in ((Direction.FUTURE, cues.future), (Direction.PAST, cues.past)):
        for before in pattern.finditer(left):
            distance = float(len(left) - before.end())
            if best is None or distance < best[0]:
                best = (distance, direction)
        after = pattern.search(right)
        if after is not None:
            distance = after.start() * _AFTER_PENALTY
            if best is None or distance < best[0]:
                best = (distance, direction)
    return best[1] if best is not None else None

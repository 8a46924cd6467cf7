"""The `storyline_timexes` component: temporal expressions of the document, as token spans.

Reads `doc.text` and `doc._.published` (the article date, the anchor of relative expressions); writes
`doc._.timexes`, a list of `TimexSpan` in text order. The tagging itself is `storyline.timex`, which
knows nothing of spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.pipeline import extensions
from storyline.timex import Timex, tag

__all__ = ["TimexSpan", "make_timexes"]


@dataclass(frozen=True, slots=True)
class TimexSpan:
    """A temporal expression and the tokens it covers."""

    span: Span
    timex: Timex


# Time words that are lowercase in running text: capitalized mid-sentence they are part of a title
# ("the 28 Weeks Later actress", "Five Years Later"), not a time.
_LOWERCASE_TIME_WORDS = frozenset(
    [
        "week",
        "weeks",
        "day",
        "days",
        "year",
        "years",
        "month",
        "months",
        "later",
        "ago",
        "earlier",
        "last",
        "next",
        "past",
        "hour",
        "hours",
        "minute",
        "minutes",
        "decade",
        "decades",
        "century",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "morning",
        "night",
        "evening",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "now",
        "recently",
    ]
)


def _in_title(span: Span) -> bool:
    return any(
        t.is_title and t.lower_ in _LOWERCASE_TIME_WORDS and not t.is_sent_start and t.i != span.start
        for t in span
    ) or any(
        t.is_title and t.lower_ in ("weeks", "years", "days", "later") and not t.is_sent_start for t in span
    )


@Language.factory("storyline_timexes", assigns=["doc._.timexes"], requires=["doc._.published"])
def make_timexes(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent()


class TimexComponent:
    def __init__(self) -> None:
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        found: list[TimexSpan] = []
        for timex in tag(doc.text, doc._.published):
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and len(span) and not _in_title(span):
                found.append(TimexSpan(span, timex))
        doc._.timexes = found
        return doc

"""The `storyline_timexes` component: temporal expressions of the document, as token spans.

Reads `doc.text`, `doc.ents` and `doc._.published` (the article date, the anchor of relative
expressions); writes `doc._.timexes`, a list of `TimexSpan` in text order. The tagging itself is
`storyline.timex`, which knows nothing of spaCy.
"""

from __future__ import annotations

from bisect import bisect_right
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


# A weekday or month inside the name of a paper, show or company is no time: "The Sunday Times".
_NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "PERSON"})  # "June Winters" is no June


def _in_a_name(span: Span, names: list[tuple[int, int]]) -> bool:
    """True when the timex is a part of a longer name; a name that is all time ("Valentine's Day") stays.
    `names`: the (start, end) of the document's names, in order (entities do not overlap, so only the
    last one starting at or before the span can hold it)."""
    at = bisect_right(names, (span.start, len(span.doc) + 1)) - 1
    if at < 0 or span.end > names[at][1]:
        return False
    return names[at] != (span.start, span.end) and not span.text[:1].isdigit()


@Language.factory("storyline_timexes", assigns=["doc._.timexes"], requires=["doc._.published"])
def make_timexes(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent()


class TimexComponent:
    def __init__(self) -> None:
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        found: list[TimexSpan] = []
        names = [(e.start, e.end) for e in doc.ents if e.label_ in _NAME_LABELS]
        for timex in tag(doc.text, doc._.published, ages=True):
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and len(span) and not _in_a_name(span, names):
                found.append(TimexSpan(span, timex))
        doc._.timexes = found
        return doc

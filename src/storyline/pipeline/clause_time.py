"""Dates a trigger takes from the clauses around it when no date hangs on it directly.

* "have been together since they met while filming in 2009": a date inside a *since* clause of the
  trigger starts it (2009).
* "got together after meeting in 2017": inside an *after* clause, it is the earliest the trigger can
  be (2017..); inside a *before* clause, the latest ("married before they split in 2019": ..2019).
* "engaged in 2016 after rekindling their relationship": a trigger inside an *after* clause of a dated
  clause happened by that date (rekindling: ..2016); inside a *before* clause, from it.
* "reunited in 2012, which is when they started dating", "They met in May. That's when it began":
  "which/that is when" points back to the last date before it (2012; May).
* "She told ES Magazine in 2020: '...' After moving in together, she added: '...'": a trigger in an
  after-clause of an undated verb of saying that goes on from a dated one in the sentence before
  happened by that date (..2020).
* "On Saturday, a rep told People: 'They have agreed to separate'": an event told in the present or
  present perfect had happened by the day it was told (..Saturday).
* "It is 18 years since they announced their split", "it has been five years since they wed": the
  event was that long before the article (2013 - 18 = 1995).
* "The decision to split was made at the end of last year": the decision's date is the event's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from storyline.model import Mod, TimeSpan
from storyline.pipeline.arguments import clause_head
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.timing import speech_verbs
from storyline.timex import offset

__all__ = [
    "adjunct_time",
    "after_the_first",
    "decision_time",
    "elapsed_since",
    "line_date",
    "pointed_time",
    "saying_time",
    "told_after",
]

_LINKS = ("since", "after", "before", "until")
_POINTERS = frozenset({"which", "that", "this"})
_COPULAS = frozenset({"is", "was", "'s"})


def _link_word(clause: Token) -> str | None:
    """The word that introduces an adjunct: the preposition itself ("after the wedding"), the
    preposition a clause is the object of ("after rekindling"), or its subordinator ("since they met")."""
    if clause.dep_ == "prep" and clause.lower_ in _LINKS:
        return clause.lower_
    if clause.dep_ == "pcomp" and clause.head.dep_ == "prep" and clause.head.lower_ in _LINKS:
        return clause.head.lower_
    if clause.dep_ == "advcl":
        for child in clause.children:
            if child.dep_ in ("mark", "advmod") and child.i < clause.i and child.lower_ in _LINKS:
                return child.lower_
    return None


def _dates_in(top: Token, timexes: Sequence[TimexSpan], leave_out: Token | None = None) -> list[TimexSpan]:
    inside = {t.i for t in top.subtree}
    if leave_out is not None:
        inside -= {t.i for t in leave_out.subtree}
    return [
        t
        for t in timexes
        if t.span.root.i in inside and t.timex.span is not None and t.timex.type in ("DATE", "TIME")
    ]


def adjunct_time(trigger: Token, timexes: Sequence[TimexSpan]) -> tuple[TimeSpan | None, bool]:
    """(when, starts): a date from a since/after/before clause of the trigger, or of the clause the
    trigger sits in; starts is True when it is the start of a state ("since")."""
    head = clause_head(trigger)
    if head == trigger and trigger.dep_ in ("advmod", "acomp", "prt"):
        head = trigger.head  # "have been together since they met": the clause is the verb's
    for child in (*trigger.children, *(head.children if head != trigger else ())):
        word = _link_word(child)
        dates = _dates_in(child, timexes) if word else []
        if not dates:
            continue
        span = dates[0].timex.span
        assert span is not None
        if word == "since":
            return span, True
        if word == "after":
            return span.with_mod(Mod.ON_OR_AFTER), False
        return span.with_mod(Mod.ON_OR_BEFORE), False
    # The trigger inside an adjunct clause of a dated clause.
    clause = head
    for _ in range(3):
        word = _link_word(clause)
        governor = clause.head.head if clause.dep_ == "pcomp" else clause.head
        if word in ("after", "before") and clause.head != clause:
            dates = _dates_in(governor, timexes, leave_out=clause)
            if dates:
                span = dates[0].timex.span
                assert span is not None
                # "married in June 2019, two years after they met": the length gives the date itself
                length = _length_of(clause, timexes)
                moved = offset(span, length, -1 if word == "after" else 1) if length else None
                if moved is not None:
                    return moved, False
                return span.with_mod(Mod.ON_OR_BEFORE if word == "after" else Mod.ON_OR_AFTER), False
        if clause.head == clause:
            break
        clause = clause.head
    return None, False


def _length_of(clause: Token, timexes: Sequence[TimexSpan]) -> str | None:
    """The length on an after/before clause: "two years (after they met)", as a TIMEX3 duration."""
    for timex in timexes:
        root = timex.span.root
        if timex.timex.type == "DURATION" and root.dep_ == "npadvmod" and root.head == clause:
            return timex.timex.value
    return None


def saying_time(trigger: Token, timexes: Sequence[TimexSpan]) -> TimeSpan | None:
    """The day a verb of saying above the trigger was dated with, as an upper bound for the event."""
    # "News broke on Monday that ...", "word emerged last week that ...": news is a saying too
    verbs = speech_verbs() | {
        "announce",
        "confirm",
        "reveal",
        "state",
        "post",
        "share",
        "break",
        "emerge",
        "surface",
    }
    step = trigger
    while step.head != step:
        step = step.head
        if step.lemma_.lower() in verbs and step.pos_ in ("VERB", "AUX"):
            own = [t for t in timexes if t.span.root.head == step or t.span.root.head.head == step]
            dated = [t for t in own if t.timex.span is not None and t.timex.type in ("DATE", "TIME")]
            if dated:
                span = dated[0].timex.span
                assert span is not None
                for other in dated[1:]:  # "last month (Sep 16)": the finer of two dates of one time
                    finer = other.timex.span
                    if finer is not None and finer.precision > span.precision and finer.overlaps(span):
                        span = finer
                return span.with_mod(Mod.ON_OR_BEFORE)
            return None
    return None


def pointed_time(trigger: Token, timexes: Sequence[TimexSpan]) -> TimeSpan | None:
    """ "..., which is when they started dating", "That's when they fell in love": the last date
    before "when", in the sentence or the one before it."""
    sentence = trigger.sent
    for when in sentence[: trigger.i - sentence.start]:
        if when.lower_ != "when" or when.i < sentence.start + 2 or trigger.i - when.i > 6:
            continue
        if when.nbor(-1).lower_ not in _COPULAS or when.nbor(-2).lower_ not in _POINTERS:
            continue
        before = [
            t
            for t in timexes
            if t.span.end <= when.i - 2
            and (t.span.sent == sentence or t.span.sent.end == sentence.start)  # or the one before
            and t.timex.span is not None
            and t.timex.type in ("DATE", "TIME")
        ]
        if before:
            return before[-1].timex.span
    return None


def _saying_date(verb: Token, timexes: Sequence[TimexSpan]) -> TimeSpan | None:
    for t in timexes:
        dated = t.timex.span is not None and t.timex.type in ("DATE", "TIME")
        if dated and verb in (t.span.root.head, t.span.root.head.head):
            return t.timex.span
    return None


def told_after(trigger: Token, timexes: Sequence[TimexSpan]) -> TimeSpan | None:
    """ "After moving in together, she added": by the date of the saying this one goes on from."""
    clause = clause_head(trigger)
    for _ in range(3):
        word = _link_word(clause)
        governor = clause.head.head if clause.dep_ == "pcomp" else clause.head
        if word == "after" and governor.lemma_.lower() in speech_verbs() and governor.pos_ == "VERB":
            said = _saying_date(governor, timexes)
            sentence = governor.sent
            for _ in range(3):  # the quote before may run over a few sentences
                if said is not None or sentence.start == 0:
                    break
                sentence = governor.doc[sentence.start - 1].sent
                verbs = [t for t in sentence if t.lemma_.lower() in speech_verbs() and t.pos_ == "VERB"]
                said = next((d for v in verbs if (d := _saying_date(v, timexes)) is not None), None)
            return said.with_mod(Mod.ON_OR_BEFORE) if said is not None else None
        if clause.head == clause:
            break
        clause = clause.head
    return None


def elapsed_since(trigger: Token, timexes: Sequence[TimexSpan], published: date | None) -> TimeSpan | None:
    """ "It is 18 years since they separated": a trigger after "it is/has been <length> since"
    happened that long before the article was written. Read off the words, as the parse of such
    sentences often hangs "since" on the length."""
    if published is None:
        return None
    doc = trigger.doc
    for timex in timexes:
        span = timex.span
        if (
            timex.timex.type != "DURATION"
            or not timex.timex.value.startswith("P")
            or span.end >= trigger.i
            or doc[span.end].lower_ != "since"
        ):
            continue
        before = [t.lower_ for t in doc[max(span.sent.start, span.start - 3) : span.start]]
        if "it" in before and any(w in ("is", "'s", "\u2019s", "been", "was") for w in before):
            return offset(published, timex.timex.value, -1)
    return None


_DECISION_NOUNS = frozenset({"decision", "choice"})


def decision_time(trigger: Token, timexes: Sequence[TimexSpan]) -> TimeSpan | None:
    """ "The decision to split was made at the end of last year": a trigger that is what a decision
    decided takes the date of the clause the decision is made in."""
    if trigger.dep_ not in ("acl", "xcomp") or trigger.head.lemma_.lower() not in _DECISION_NOUNS:
        return None
    decision = trigger.head
    clause = decision.head
    verbs = {clause.i, *(c.i for c in clause.children if c.dep_ == "conj")}
    own = {t.i for t in trigger.subtree}
    for timex in timexes:
        root = timex.span.root
        if root.i in own or timex.timex.span is None or timex.timex.type not in ("DATE", "TIME"):
            continue
        step = root
        while step.head != step and step.i not in verbs:
            step = step.head
        if step.i in verbs:
            return timex.timex.span
    return None


# Adverbs that put an event after the one it is joined to: "engaged in 2012 but split soon after".
_AFTERWARDS = frozenset({"after", "afterwards", "afterward", "later", "thereafter", "subsequently"})


def after_the_first(trigger: Token, timexes: Sequence[TimexSpan]) -> TimeSpan | None:
    """ "They were engaged in 2012 but separated not long after", "married in May and split soon
    afterwards": an undated verb joined to a dated one, with an adverb saying it came after, happened
    on or after the first one's date ("a year later" counts, and is left to the length it gives)."""
    if trigger.dep_ != "conj" or trigger.head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "advmod" and c.lower_ in _AFTERWARDS for c in trigger.children):
        return None
    if any(t.timex.type == "DURATION" and t.span.root.head.i == trigger.i for t in timexes):
        return None
    dates = _dates_in(trigger.head, timexes, leave_out=trigger)
    span = dates[0].timex.span if dates else None
    return span.with_mod(Mod.ON_OR_AFTER) if span is not None else None


def line_date(sentence: Span, timexes: list[TimexSpan]) -> TimeSpan | None:
    """ "2019: Ben proposes in Greece": a date heading the line, as relationship timelines are written;
    or heading the short line just above the paragraph ("March 2019: The question" over "Ben proposes
    at dinner. She says yes.")."""
    doc = sentence.doc
    start = _line_start(doc, sentence.start)
    heading = _heading_date(doc, start, timexes)
    if heading is not None or start == 0:
        return heading
    above = _line_start(doc, start - 1)
    while above > 0 and all(t.is_space for t in doc[above:start]):
        above = _line_start(doc, above - 1)  # over blank lines
    words = [t for t in doc[above:start] if not t.is_space]
    if not words or len(words) > 12 or words[-1].text in (".", "!", "?", '"', "\u201d"):
        return None  # a paragraph of prose above, not a heading
    return _heading_date(doc, words[0].i, timexes)


def _line_start(doc: Doc, i: int) -> int:
    while i > 0 and "\n" not in doc[i - 1].text and "\n" not in doc[i - 1].whitespace_:
        i -= 1
    return i


def _heading_date(doc: Doc, start: int, timexes: list[TimexSpan]) -> TimeSpan | None:
    first = next((t for t in timexes if t.span.start == start), None)
    if first is None or first.timex.span is None or first.span.end >= len(doc):
        return None
    return first.timex.span if doc[first.span.end].text in (":", "-", "\u2013", "\u2014") else None

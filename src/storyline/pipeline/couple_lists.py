"""Couples listed together: "A and B and C and D also split", "couples like A and B, and C and D".

Listicles and round-ups name several couples in one run of names. The parse of such a run is rarely
right, so it is read off the words: names joined so that each couple is "X and Y" and couples are
joined by "and" or a comma. A plain list of people ("A, B, C and D") is no list of couples.
"""

from __future__ import annotations

from spacy.tokens import Span

from storyline.pipeline.persons import PersonRef
from storyline.pipeline.triggers import Trigger

__all__ = ["listed_couples"]

_INSIDE = frozenset({"and", "&"})  # within a couple: "Ann and Ben"
_BETWEEN = frozenset({"and", ","})  # between couples: "..., and", ","
_LEADS = frozenset({"like", "including", "include", "as"})  # "couples like", "such as"


def _runs(sentence: Span) -> list[tuple[list[PersonRef], list[str]]]:
    """Runs of single-person names joined by one or two of "and", "&", ",": the names and, between
    each two, the joining words."""
    doc = sentence.doc
    refs: list[PersonRef] = []
    for token in sentence:
        ref = token._.ref
        if ref is not None and ref.kind == "name" and len(ref.people) == 1 and token.i == ref.start:
            refs.append(ref)
    runs: list[tuple[list[PersonRef], list[str]]] = []
    for ref in refs:
        if runs:
            names, joins = runs[-1]
            between = [t.lower_ for t in doc[names[-1].end : ref.start]]
            if 1 <= len(between) <= 2 and all(w in _INSIDE | _BETWEEN for w in between):
                names.append(ref)
                joins.append(" ".join(between))
                continue
        runs.append(([ref], []))
    return runs


def _as_couples(names: list[PersonRef], joins: list[str]) -> list[tuple[int, int]]:
    if len(names) < 4 or len(names) % 2:
        return []
    inside, between = joins[0::2], joins[1::2]
    if not all(j in _INSIDE for j in inside) or not all(j.split()[-1] in _BETWEEN for j in between):
        return []
    pairs = [(names[i].people[0], names[i + 1].people[0]) for i in range(0, len(names), 2)]
    return [(a, b) for a, b in pairs if a != b]


def listed_couples(trigger: Trigger) -> list[tuple[int, int]]:
    """The couples a trigger is about when a run of couples stands right before it in its clause
    ("A and B and C and D from the same series also split") or right after its noun ("couples like
    A and B and C and D")."""
    sentence = trigger.span.sent
    doc = sentence.doc
    for names, joins in _runs(sentence):
        couples = _as_couples(names, joins)
        if not couples:
            continue
        start, end = names[0].start, names[-1].end
        if end <= trigger.span.start:
            gap = doc[end : trigger.span.start]
            if len(gap) <= 8 and not any(t.pos_ == "VERB" or t.text in (";", ":", ".") for t in gap):
                return couples
        elif start >= trigger.span.end:
            lead = [t.lower_ for t in doc[trigger.span.start + 1 : start]]  # "couples like", "such as"
            if lead and lead[-1] in _LEADS and len(lead) <= 3:
                return couples
    return []

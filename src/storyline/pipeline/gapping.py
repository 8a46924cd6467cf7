"""Gapped clauses: a second couple that shares the trigger of the first, with the verb left out.

"Ann was married to Ben from 2002 to 2016, and Carl to Dora from 2011 to 2015": the parse hangs
"Carl" on the first clause as a conjunct and "to Dora" on Carl. Such a conjunct is a clause of its
own: its subject, the same partner preposition as the trigger's, and its own dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.pipeline.arguments import clause_head, people_at
from storyline.pipeline.timexes import TimexSpan

__all__ = ["Gap", "gaps_of", "outside_gaps"]


@dataclass(frozen=True, slots=True)
class Gap:
    """A verbless conjunct clause: `subject` <same trigger> `partner`, over tokens [start, end)."""

    subject: list[int]
    partner: list[int]
    start: int
    end: int

    def holds(self, timex: TimexSpan) -> bool:
        return self.start <= timex.span.root.i < self.end


def _partner_preposition(trigger: Token) -> str | None:
    """The preposition that carries the partner of the trigger: "to" in "married to Ben"."""
    for child in trigger.children:
        if child.dep_ == "prep" and any(c.dep_ == "pobj" and people_at(c) for c in child.children):
            return child.lower_
    return None


def gaps_of(trigger: Token) -> list[Gap]:
    """The gapped conjuncts that repeat `trigger` ("..., and Carl to Dora from 2011")."""
    preposition = _partner_preposition(trigger)
    if preposition is None:
        return []
    found: list[Gap] = []
    for head in dict.fromkeys((trigger, clause_head(trigger))):
        for conjunct in head.children:
            if conjunct.dep_ != "conj" or conjunct.i < trigger.i or conjunct._.ref is None:
                continue
            if any(c.pos_ in ("VERB", "AUX") for c in conjunct.subtree):
                continue  # a clause with a verb of its own is read on its own
            partner = [
                p
                for prep in conjunct.children
                if prep.dep_ == "prep" and prep.lower_ == preposition
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for p in people_at(pobj)
            ]
            subject = list(conjunct._.ref.people)
            if len(subject) == 1 and partner and subject[0] not in partner:
                found.append(Gap(subject, partner[:1], conjunct.left_edge.i, conjunct.right_edge.i + 1))
    return found


def outside_gaps(timexes: Sequence[TimexSpan], gaps: Sequence[Gap]) -> list[TimexSpan]:
    """The timexes of a trigger that belong to it and not to one of its gapped clauses."""
    return [t for t in timexes if not any(gap.holds(t) for gap in gaps)]

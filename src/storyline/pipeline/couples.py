"""Which couple "the couple", "the pair" and "they" mean: the pairs the article has shown together.

Coreference (coref.py) gives group words a first reading from cue words. This module refines it as
relations are read, sentence by sentence: a pair counts as a couple when a relationship claim joins
its two people by name, pronoun or description (weight 2), or when the two are coordinated ("Ann and
Ben moved in", weight 1). A group word then goes to two people named earlier in its own sentence; else
to the couple of the sentence just before, unless that couple is over (a split, a divorce, an ex)
and the article's main couple is not; else to the article's main couple so far.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from storyline.model import Relation
from storyline.pipeline.persons import PersonRef

__all__ = ["Couples"]

_ENDINGS = frozenset({Relation.SPLIT, Relation.DIVORCED})
Pair = tuple[int, int]


def _key(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


class Couples:
    """The couples of one article as it is read."""

    def __init__(self) -> None:
        self.weight: dict[Pair, int] = {}
        self.last_seen: dict[Pair, int] = {}
        self.ended: set[Pair] = set()
        self.sentence = 0

    def note(self, a: int, b: int, weight: int, ended: bool = False) -> None:
        if a == b:
            return
        pair = _key(a, b)
        self.weight[pair] = self.weight.get(pair, 0) + weight
        self.last_seen[pair] = self.sentence
        if ended:
            self.ended.add(pair)

    def current(self) -> Pair | None:
        """The couple a group word in the present sentence means, by the rules above."""
        if not self.weight:
            return None
        main = max(self.weight, key=lambda p: (p not in self.ended, self.weight[p], self.last_seen[p]))
        latest = max(self.last_seen, key=lambda p: (self.last_seen[p], self.weight[p]))
        just_before = self.last_seen[latest] == self.sentence - 1
        if just_before and (latest not in self.ended or main in self.ended):
            return latest
        return main

    def next_sentence(self) -> None:
        self.sentence += 1

    def resolve_groups(self, sentence: Span) -> None:
        """Re-point the group references of a sentence at the couple in focus (in place)."""
        doc = sentence.doc
        pair = self.current()
        if pair is None:
            return
        named_before: list[int] = []
        for token in sentence:
            ref = token._.ref
            if ref is None or token.i != ref.start:
                continue
            if ref.kind != "group":
                named_before.extend(p for p in ref.people if p not in named_before)
                continue
            if len(named_before) >= 2 or set(ref.people) == set(pair):
                continue
            _replace(doc, ref, pair)

    def note_coordinated(self, sentence: Span) -> None:
        """ "Ann Cole and Ben Hart ..." in one noun phrase: a weak sign of a couple."""
        for token in sentence:
            ref = token._.ref
            if ref is None or ref.plural or token.i != ref.end - 1:
                continue
            for other in token.conjuncts:
                other_ref = other._.ref
                if other_ref is not None and not other_ref.plural and other.i > token.i:
                    self.note(ref.people[0], other_ref.people[0], 1)

    def note_claims(self, pairs: Iterable[tuple[int, int, bool]]) -> None:
        """Claims read in this sentence: (a, b, ended) for each that named both sides."""
        for a, b, ended in pairs:
            self.note(a, b, 2, ended)


def _replace(doc: Doc, ref: PersonRef, pair: Pair) -> None:
    new = PersonRef(ref.start, ref.end, pair, ref.kind)
    for i in range(ref.start, ref.end):
        doc[i]._.ref = new
    doc._.refs = [new if r is ref else r for r in doc._.refs]


def ended_claim(relation: Relation, former: bool) -> bool:
    return relation in _ENDINGS or former

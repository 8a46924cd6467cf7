"""Which couple "the couple", "the pair" and "they" mean: the pairs the article has shown together.

Coreference (coref.py) gives group words a first reading from cue words. This module refines it as
relations are read, sentence by sentence: a pair counts as a couple when a relationship claim joins
its two people by name, pronoun or description (weight 2), or when the two are coordinated ("Ann and
Ben moved in", weight 1); a group word read as a pair makes that pair the one last spoken of. A
group word then goes to two people named earlier in its own sentence; else to a couple of the
sentence just before: the one that is over (a split, a divorce, an ex) when the group word's own
sentence speaks of an ending ("Ann's divorce from Cy. The pair had called it off twice before"),
else one that is not ("Ann, who divorced Cy, dates Ben. The pair met at a gym"); else to the
article's main couple so far.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from storyline.model import Relation
from storyline.pipeline.discourse import couple_partner, section_header, split_subjects
from storyline.pipeline.persons import PersonRef, people_rules

__all__ = ["Couples"]

_ENDINGS = frozenset({Relation.SPLIT, Relation.DIVORCED})
_REUNIONS = frozenset({"reconcile", "reconciliation", "reunite", "rekindle"})
Pair = tuple[int, int]


def _key(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


class Couples:
    """The couples of one article as it is read."""

    def __init__(self, referring: Sequence[bool]) -> None:
        # Whether each token of the Doc refers to someone: references are re-pointed as the article
        # is read, never added or dropped, so this is known once and spares reading every token's ref.
        self.referring = referring
        self.weight: dict[Pair, int] = {}
        self.last_seen: dict[Pair, int] = {}
        self.ended: set[Pair] = set()
        self.sentence = 0
        self.ending = False  # whether the present sentence speaks of a couple's end
        self.coordinated_at = -1  # the sentence whose coordinated names were last noted
        # The pair of the section a header opened ("Ben Hart (2012-2014)" in a list of someone's
        # exes): the couple group words mean there, rather than the article's heaviest pair.
        self.section: Pair | None = None

    def note(self, a: int, b: int, weight: int, ended: bool = False) -> None:
        if a == b:
            return
        pair = _key(a, b)
        self.weight[pair] = self.weight.get(pair, 0) + weight
        self.last_seen[pair] = self.sentence
        if ended:
            self.ended.add(pair)

    def current(self, ending: bool | None = None) -> Pair | None:
        """The couple a group word in the present sentence means, by the rules above; `ending` when
        the sentence speaks of a split, a divorce or a called-off engagement (by default, whether
        the sentence `resolve_groups` last saw does)."""
        if ending is None:
            ending = self.ending
        if not self.weight:
            return None
        main = self.section or max(
            self.weight, key=lambda p: ((p in self.ended) == ending, self.weight[p], self.last_seen[p])
        )
        before = [p for p in self.last_seen if self.last_seen[p] == self.sentence - 1]
        if not before:
            return main
        return max(before, key=lambda p: ((p in self.ended) == ending, p == main, self.weight[p]))

    def next_sentence(self) -> None:
        self.sentence += 1

    def resolve_groups(self, sentence: Span) -> None:
        """Re-point the group references of a sentence at the couple in focus (in place)."""
        doc = sentence.doc
        rules = people_rules()
        self._open_section(sentence)
        self.ending = speaks_of_ending(sentence)
        self.note_coordinated(sentence)
        pair = self.current()
        if pair is None:
            return
        named_before: list[int] = []
        for token in self._referring(sentence):
            ref = token._.ref
            if ref is None or token.i != ref.start:
                continue
            if ref.kind != "group":
                named_before.extend(p for p in ref.people if p not in named_before)
                continue
            if token.lower_ in rules.first_plural:
                continue  # "we": the speaker and the partner the quotation speaks of (speakers.py)
            if len(named_before) >= 2:
                if (
                    len(ref.people) == 2
                    and set(ref.people) <= set(named_before)
                    and _coupling(doc[ref.end - 1])
                ):
                    # "Ann walked in with Ben in their first outing", "Ann is engaged to Ben, and the
                    # couple will wed in May": a pair spoken of as a couple
                    self.note(ref.people[0], ref.people[1], weight=1)
                continue
            chosen = self._of_someone_named(pair, named_before)
            self.note(*chosen, weight=0)  # the pair last spoken of, for the next sentence's group words
            if set(ref.people) != set(chosen):
                _replace(doc, ref, chosen)

    def _open_section(self, sentence: Span) -> None:
        """A header line naming one person pairs them, until the next header, with the article's main
        person: the pair coreference put in focus at that line (Discourse.open_section)."""
        refs = [t._.ref for t in self._referring(sentence) if t._.ref is not None and t.i == t._.ref.start]
        person = section_header(sentence, refs)
        pair = (sentence.doc._.focus or {}).get(sentence.start)
        if person is not None and pair is not None and person in pair:
            first, second = pair
            self.section = _key(first, second)
            self.note(first, second, weight=0)

    def _of_someone_named(self, pair: Pair, named: list[int]) -> Pair:
        """ "Cal proposed in May, but the couple called it off": with one person named before it in the
        sentence, a group word is a couple of that person's, the one the article speaks of most."""
        if not named or set(pair) & set(named):
            return pair
        theirs = [p for p in self.weight if set(p) & set(named)]
        return max(theirs, key=lambda p: (self.weight[p], self.last_seen[p])) if theirs else pair

    def note_coordinated(self, sentence: Span) -> None:
        """ "Ann Cole and Ben Hart ..." in one noun phrase, or "Ben and I" as two subjects of one verb:
        a weak sign of a couple (not in a list, nor under "twins" or "their kids"). Noted once per
        sentence, as the sentence starts (`resolve_groups`), so that "Ben and I separated, and the
        divorce came through" reads the divorce as theirs."""
        if self.coordinated_at == self.sentence:
            return
        self.coordinated_at = self.sentence
        rules = people_rules()
        for token in self._referring(sentence):
            ref = token._.ref
            if ref is None or ref.plural or token.i != ref.end - 1:
                continue
            other = couple_partner(token, rules)
            if other is None:
                other = next(
                    (t for t in token.head.children if t.i > token.i and split_subjects(token, t)), None
                )
            other_ref = other._.ref if other is not None and other.i > token.i else None
            if other_ref is not None and not other_ref.plural and other_ref.people[0] != ref.people[0]:
                self.note(ref.people[0], other_ref.people[0], 1)

    def _referring(self, sentence: Span) -> Iterable[Token]:
        """The tokens of the sentence that refer to someone, in order."""
        doc, referring = sentence.doc, self.referring
        return (doc[i] for i in range(sentence.start, sentence.end) if referring[i])

    def note_claims(self, pairs: Iterable[tuple[int, int, bool]]) -> None:
        """Claims read in this sentence: (a, b, ended) for each that named both sides."""
        for a, b, ended in pairs:
            self.note(a, b, 2, ended)


# Group nouns that say no more than "two people": "the pair were just friends" makes no couple.
_NUMERIC = frozenset({"pair", "two", "duo", "twosome", "partners"})


def _coupling(token: Token) -> bool:
    """Whether a group word speaks of its two people as a couple: a possessive ("their first outing")
    or a noun for a couple ("the couple", "the newlyweds"), not "they" or "the pair" alone."""
    return token.tag_ == "PRP$" or (token.pos_ in ("NOUN", "PROPN") and token.lower_ not in _NUMERIC)


def _replace(doc: Doc, ref: PersonRef, pair: Pair) -> None:
    new = PersonRef(ref.start, ref.end, pair, ref.kind)
    for i in range(ref.start, ref.end):
        doc[i]._.ref = new
    doc._.refs = [new if r is ref else r for r in doc._.refs]


def speaks_of_ending(sentence: Span) -> bool:
    """Whether a sentence speaks of a couple's end, or of getting back together after one: "split",
    "divorce", "called off", "broke up", "reconciled", "back together"."""
    endings = people_rules().ending_cues
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma in endings or token.lower_ in endings or lemma in _REUNIONS:
            return True
        if lemma in ("call", "break") and any(c.lower_ in ("off", "up") for c in token.children):
            return True
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.lower_ == "back" and following is not None and following.lower_ == "together":
            return True
    return False


def ended_claim(relation: Relation, former: bool) -> bool:
    return relation in _ENDINGS or former

"""Whose child a child noun names: the parents "their son", "Ann Cole and Ben Hart's son" and "their
son Leo and daughter Mae" own; the other parent had "with" ("two children with Ann Cole", "with whom
he has a son"), or from a relationship ("a daughter from his marriage to Karen Solvang", "His first
marriage, to Jo Wren, produced two sons"); else the couple in focus ("a daughter followed"). A child
"from a previous relationship" has an other parent the text does not name. `births.py` makes the
readings.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from storyline.pipeline.arguments import (
    named_after_preposition,
    object_people,
    pairs_in_focus,
    people_at,
    possessor_people,
)
from storyline.pipeline.triggers import trigger_rules

__all__ = [
    "CHILD_NOUNS",
    "RELATIONSHIP_NOUNS",
    "couple_in_focus",
    "from_an_unnamed_relationship",
    "joint_possessors",
    "of_a_union",
    "parent_by_relationship",
    "parent_with",
    "possessor_of_conjunct",
]

# The nouns of one child ("their son", "a baby"), as births and the parents of a child read them.
CHILD_NOUNS = frozenset({"son", "daughter", "child", "baby", "boy", "girl", "twin", "twins", "kid"})
# The nouns of a relationship children may come from ("from his marriage to ...").
RELATIONSHIP_NOUNS = frozenset({"marriage", "union", "relationship", "romance", "engagement", "divorce"})


def joint_possessors(token: Token, own: list[int]) -> list[int]:
    """ "Ann Cole and Ben Hart's son", parsed with only Ben Hart as the possessor: the name joined
    to the possessor by "and" right before it owns the child too."""
    poss = next((c for c in token.children if c.dep_ == "poss"), None)
    if len(own) != 1 or poss is None or poss._.ref is None or poss._.ref.kind != "name":
        return own
    start = poss._.ref.start
    doc = token.doc
    if start < 2 or doc[start - 1].lower_ != "and":
        return own
    before = doc[start - 2]._.ref
    if before is None or before.kind != "name" or len(before.people) != 1 or before.people[0] in own:
        return own
    return [before.people[0], *own]


def possessor_of_conjunct(token: Token) -> list[int]:
    """ "their son Leo and daughter Mae": a child noun joined to another (or set beside it, as the
    parse may have it) takes that one's possessor ("their" is written once), through the name the
    first noun is compounded or set beside."""
    current = token
    for _ in range(3):
        if current.dep_ not in ("conj", "appos") or current.head == current:
            return []
        current = current.head
        holders = [current, *(c for c in current.children if c.dep_ in ("compound", "appos"))]
        for holder in holders:
            if holder.lemma_.lower() in CHILD_NOUNS or holder.lemma_.lower() in ("kid", "children"):
                found = possessor_people(holder) or possessor_people(current)
                if found:
                    return found
    return []


def couple_in_focus(token: Token) -> list[int]:
    """The parents of the child named before in the sentence ("The couple's son was born in 2017, and
    a daughter followed"), else the couple the article is about just before the token."""
    for earlier in reversed(token.doc[token.sent.start : token.i]):
        if earlier.lemma_.lower() in CHILD_NOUNS and earlier.pos_ == "NOUN":
            theirs = joint_possessors(earlier, possessor_people(earlier))
            if theirs:
                return theirs
    return list(next(pairs_in_focus(token.doc, token.i + 1), ()))


def parent_with(token: Token) -> list[int]:
    """ "has two children with Ann Cole", "Ann Cole, with whom he has a son", "the birth of his son,
    Leo, with his wife, the actress Ann Cole": the one the child was had "with" is the other parent.
    Not "arrived with his wife and his sons", where the children are themselves the company."""
    holders = [token]
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and token.head.pos_ in ("VERB", "AUX"):
        holders.append(token.head)
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        holders.append(token.head.head)  # "the birth of his son ... with"
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or token in pobj.subtree:
                    continue
                if pobj.lower_ == "whom" and holder.dep_ == "relcl":
                    return people_at(holder.head)
                named = [p for p in people_at(pobj) if p not in people_at(token)]
                if named:
                    return named[:1]
    return _partner_with_after(token)


def _partner_with_after(token: Token) -> list[int]:
    """ "his son, Leo, with his wife, Ann Cole", "shares Leo, 7, and Max, 5, with Cal Ng" with
    "with" hung elsewhere by the parse: read off the words. After a child noun, "with" must come
    right after the noun phrase and name a partner ("with his wife"); after a verb of sharing
    children, it is the first "with" of the clause, and a name will do."""
    doc, end = token.doc, token.sent.end
    verb = token.pos_ in ("VERB", "AUX")
    if verb:
        i = next((j for j in range(token.i + 1, end) if doc[j].lower_ == "with"), end)
    else:
        i = token.right_edge.i + 1
        while i < end and doc[i].text == ",":
            i += 1
    if i >= end or doc[i].lower_ != "with":
        return []
    partner_noun = False
    for j in range(i + 1, min(i + 8, end)):
        word = doc[j]
        ref = word._.ref
        if ref is not None and ref.kind == "name" and len(ref.people) == 1:
            return [ref.people[0]] if verb or partner_noun else []
        if word.lemma_.lower() in _partner_nouns():
            partner_noun = True
            if ref is not None and len(ref.people) == 1:
                return [ref.people[0]]  # "with his wife", the wife known from before
        elif not (word.text == "," or word.pos_ in ("DET", "ADJ", "NOUN", "CCONJ") or word.tag_ == "PRP$"):
            return []
    return []


@cache
def _partner_nouns() -> frozenset[str]:
    """The nouns that name someone's partner ("wife", "ex", "girlfriend"): relations.toml role = "partner"."""
    return frozenset(lemma for rule in trigger_rules() if rule.role == "partner" for lemma in rule.lemmas)


def from_an_unnamed_relationship(token: Token) -> bool:
    """ "A son, Leo, from a previous relationship", "from an earlier marriage": the other parent is
    someone the text does not name, not the partner the article is about; "from that marriage" points
    back at one the article told of."""
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 12, token.sent.end)):
        if doc[i].lower_ == "from":
            return any(
                doc[j].lemma_.lower() in RELATIONSHIP_NOUNS
                and any(c.lower_ in _UNNAMED_BEFORE for c in doc[j].children if c.dep_ in ("det", "amod"))
                for j in range(i + 1, min(i + 6, token.sent.end))
            )
    return False


# Words that make a relationship one the story has not told of: "a previous relationship".
_UNNAMED_BEFORE = frozenset({"a", "an", "previous", "earlier", "prior", "past", "former", "another"})


def parent_by_relationship(token: Token) -> list[int]:
    """ "two daughters from his marriage to Karen Solvang", "a son, Leo, from a previous relationship
    with Cal Ng": the partner of the relationship the children come from is their other parent."""
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 12, token.sent.end)):
        if doc[i].lower_ != "from":
            continue
        for j in range(i + 1, min(i + 6, token.sent.end)):
            if doc[j].lemma_.lower() in RELATIONSHIP_NOUNS:
                return object_people(doc[j]) or named_after_preposition(doc[j].i + 1, doc[j].sent)
        return []
    return []


# Verbs by which a relationship yields children: "the marriage produced two sons".
_YIELDING = frozenset({"produce", "yield", "bring", "result"})


def of_a_union(token: Token) -> list[int]:
    """ "His first marriage, to Jo Wren, produced two sons": the two of the relationship that is the
    subject of a verb yielding the children."""
    verb = token.head
    if token.dep_ != "dobj" or verb.lemma_.lower() not in _YIELDING:
        return []
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if subject.lemma_.lower() in RELATIONSHIP_NOUNS:
            own = possessor_people(subject)
            partner = object_people(subject) or named_after_preposition(subject.i + 1, subject.sent)
            if partner == [] and subject.i + 2 < len(subject.doc) and subject.nbor(1).text == ",":
                partner = named_after_preposition(subject.i + 2, subject.sent)  # ", to Jo Wren,"
            pair = [*own, *(p for p in partner if p not in own)]
            return pair if len(pair) == 2 else []
    return []

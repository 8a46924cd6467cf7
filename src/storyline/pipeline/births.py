"""Children and parents: "Ann gave birth to Leo", "their son Leo, 6", "Mae Lind's parents, Ann Cole
and Ben Hart", "Leo was born to Ann and Ben", "a daughter from his marriage to Karen Solvang"."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from storyline.pipeline.arguments import (
    governing_subject,
    named_after_preposition,
    object_people,
    people_at,
    possessor_people,
    subject_people,
)
from storyline.pipeline.candidate import Candidate
from storyline.pipeline.children import born_from_age, children_of
from storyline.pipeline.modality import negated
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.timing import Timing
from storyline.pipeline.triggers import Trigger

__all__ = ["birth", "born_to", "children", "parents"]

CHILD_NOUNS = frozenset({"son", "daughter", "child", "baby", "boy", "girl", "twin", "twins", "kid"})
RELATIONSHIP_NOUNS = frozenset({"marriage", "union", "relationship", "romance", "engagement", "divorce"})


def birth(trigger: Trigger, timing: Timing, doc: Doc) -> list[Candidate]:
    """ "Ann gave birth to Leo", "Ann and Ben welcomed a son": the subject are the parents, the
    object (if a name) the child."""
    token = trigger.token
    parents = subject_people(token) or governing_subject(token)
    if not parents or negated(token):
        return []
    kids = [p for p in object_people(token) if p not in parents]
    child = doc._.people[kids[0]].name if kids else ""
    b = parents[1] if len(parents) > 1 else None
    return [Candidate(trigger.rule, trigger.span, parents[0], b, timing, child=child)]


def parents(trigger: Trigger, doc: Doc) -> list[Candidate]:
    """ "Mae Lind's parents, Ann Cole and Ben Hart": the named people are the parents of the possessor."""
    token = trigger.token
    children = possessor_people(token)
    named = [p for c in token.children if c.dep_ in ("appos", "compound") for p in people_at(c)]
    if not named and token.dep_ in ("compound", "appos") and token.head._.ref is not None:
        named = people_at(token.head)
    if not children and token.lemma_.lower() in CHILD_NOUNS:
        # "Cal is the son of Ann and Ben", "Mia, the daughter of Ann and Ben": the child is whom
        # the noun describes, the parents are named anywhere after "of" ("of Dora Ng of Miami and
        # the late Ernesto Ng" hangs the second parent on the place)
        named = []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for t in prep.subtree:
                    ref = t._.ref
                    if ref is not None and ref.kind == "name" and t.i == ref.end - 1:
                        named.extend(p for p in ref.people if p not in named)
        if named:
            # "the son of Dora Ng and the late Ernesto Ng" with the second name hung on "son"
            conjoined = [c for c in token.children if c.dep_ == "conj" and c._.ref is not None]
            named.extend(
                p for c in conjoined if c._.ref.kind == "name" for p in c._.ref.people if p not in named
            )
        if token.dep_ == "attr":
            children = subject_people(token)
        elif token.dep_ == "appos":
            children = people_at(token.head)
    named = [p for p in named if p not in children]
    if len(children) != 1 or not named:
        return []
    child = doc._.people[children[0]]
    published: date | None = doc._.published
    born = born_from_age(child.age, published) if child.age is not None and published else None
    b = named[1] if len(named) > 1 else None
    return [Candidate(trigger.rule, trigger.span, named[0], b, Timing(born), child=child.name)]


def born_to(trigger: Trigger, timing: Timing, doc: Doc) -> list[Candidate]:
    """ "Leo was born to Ann Cole and Ben Hart": the subject is the child, the objects the parents;
    "their daughter was born in May": the subject's possessor. "Ann was born in 1990" is no birth
    of a child."""
    parents = object_people(trigger.token) or [
        p
        for c in trigger.token.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in CHILD_NOUNS
        for p in possessor_people(c)
    ]
    children = subject_people(trigger.token)
    if not parents:
        return []
    child = doc._.people[children[0]].name if children else ""
    b = parents[1] if len(parents) > 1 else None
    return [Candidate(trigger.rule, trigger.span, parents[0], b, timing, child=child)]


def children(trigger: Trigger, timing: Timing, timexes: list[TimexSpan], doc: Doc) -> list[Candidate]:
    """Children named or aged beside a child noun: "their son Leo", "her daughter, 6". A bare
    "their kids" or "custody of the children" presupposes children but tells of no birth, and the
    date of the sentence is not a birth date, so those give nothing."""
    token = trigger.token
    own = possessor_people(token)
    parents = own or subject_people(token) or governing_subject(token) or object_people(token)
    if not parents or negated(token):
        return []
    single = bool(own) and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in token.children)
    b = parents[1] if len(parents) > 1 else None
    other = [p for p in _parent_by_relationship(token) if p != parents[0]]
    if b is None and other:
        b, single = other[0], False  # "a daughter from his marriage to Karen Solvang"
    found: list[Candidate] = []
    for child in children_of(token, timexes, doc._.published):
        candidate = Candidate(trigger.rule, trigger.span, parents[0], b, Timing(child.born), child=child.name)
        candidate.single_parent = single
        found.append(candidate)
    return found


def _parent_by_relationship(token: Token) -> list[int]:
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

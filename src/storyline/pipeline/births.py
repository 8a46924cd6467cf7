"""Children and parents: "Ann gave birth to Leo", "their son Leo, 6", "Mae Lind's parents, Ann Cole
and Ben Hart", "Leo was born to Ann and Ben", "a daughter from his marriage to Karen Solvang"."""

from __future__ import annotations

from datetime import date
from functools import cache

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
from storyline.pipeline.triggers import Trigger, trigger_rules

__all__ = ["birth", "born_to", "children", "parents"]

CHILD_NOUNS = frozenset({"son", "daughter", "child", "baby", "boy", "girl", "twin", "twins", "kid"})
_HAVING = frozenset({"have", "welcome", "deliver"})
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
    if not own and token.dep_ == "compound" and token.head.pos_ == "PROPN":
        own = possessor_people(token.head)  # "his baby daughter Mae", the possessor hung on the name
    parents = own or subject_people(token) or governing_subject(token) or object_people(token)
    if not parents or negated(token):
        return []
    # "his son", "Ann's daughter": one parent named, who may have had the child with anyone; "their
    # son" and "the couple's son" name both
    single = len(own) == 1
    b = parents[1] if len(parents) > 1 else None
    other = [p for p in [*_parent_by_relationship(token), *_parent_with(token)] if p != parents[0]]
    if b is None and other:
        # "a daughter from his marriage to Karen Solvang", "two children with Ann Cole"
        b, single = other[0], False
    found: list[Candidate] = []
    listed = children_of(token, timexes, doc._.published)
    for child in listed:
        if b is None and _same_person(child.name, doc._.people[parents[0]].name):
            continue  # "Cal Ng, his sons, ...": no one is his own son
        born = child.born
        if born is None and len(listed) == 1 and _had(token) and not timing.by_now:
            born = timing.when  # "they had their first daughter, Mae, in 2018"
        candidate = Candidate(trigger.rule, trigger.span, parents[0], b, Timing(born), child=child.name)
        candidate.single_parent = single
        found.append(candidate)
    return found


def _same_person(child: str, parent: str) -> bool:
    words = set(child.lower().split())
    return bool(words) and words <= set(parent.lower().split())


def _had(token: Token) -> bool:
    """A child noun that a verb of having a child in the past took: "they had a son in 2018",
    "welcomed their daughter on Monday" (the verb's date is the birth); not "wed his daughter in 2001"."""
    verb = token.head
    return token.dep_ == "dobj" and verb.lemma_.lower() in _HAVING and verb.tag_ in ("VBD", "VBN")


def _parent_with(token: Token) -> list[int]:
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
    """ "his son, Leo, with his wife, Ann Cole" with "with" hung elsewhere by the parse: "with" and a
    partner noun right after the child noun phrase."""
    doc = token.doc
    i = token.right_edge.i + 1
    while i < token.sent.end and doc[i].text == ",":
        i += 1
    if i >= token.sent.end or doc[i].lower_ != "with":
        return []
    for pobj in doc[i].children:
        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _partner_nouns():
            return people_at(pobj)[:1]
    return []


@cache
def _partner_nouns() -> frozenset[str]:
    """The nouns that name someone's partner ("wife", "ex", "girlfriend"): relations.toml role = "partner"."""
    return frozenset(lemma for rule in trigger_rules() if rule.role == "partner" for lemma in rule.lemmas)


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

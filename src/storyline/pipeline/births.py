"""Children and parents: "Ann gave birth to Leo", "their son Leo, 6", "Mae Lind's parents, Ann Cole
and Ben Hart", "Leo was born to Ann and Ben", "a daughter from his marriage to Karen Solvang", "with
whom he has two children", "who shares Leo, 7, with Ben", "the couple have two children".

One reading per child (twins are one); the second parent only when the text names it for that child
("his son" and "Ann's daughter" name one parent). Unnamed children count only as a couple's, once
("they have two children": one line, as nothing tells them apart). Whose child a child noun names
(possessors, "with", a relationship, the couple in focus) is `parentage.py`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from storyline.facts.reading import COUNTED
from storyline.model import TimeSpan
from storyline.pipeline.arguments import (
    cast_in_brackets,
    governing_subject,
    object_people,
    people_at,
    possessor_people,
    subject_people,
)
from storyline.pipeline.candidate import Candidate
from storyline.pipeline.children import Child, born_from_age, children_of, name_run, newborn, number_word
from storyline.pipeline.modality import hypothetical, negated
from storyline.pipeline.parentage import (
    CHILD_NOUNS,
    couple_in_focus,
    from_an_unnamed_relationship,
    joint_possessors,
    of_a_union,
    parent_by_relationship,
    parent_with,
    possessor_of_conjunct,
)
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.timing import Timing
from storyline.pipeline.triggers import Trigger

__all__ = ["birth", "born_to", "children", "parents"]

# The suffix of the rule name of children counted but not named ("they have two children").
_COUNTED_NOUNS = CHILD_NOUNS | {"children", "kids", "sons", "daughters", "boys", "girls"}
# Verbs whose object counts a couple's children ("have two children", "raised their three sons").
_KEEPING = frozenset({"have", "share", "raise", "welcome"})
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth"})
# Verbs whose date, in the past, is the birth of their object ("had a son in 2018") or subject
# ("their son arrived in May").
_HAVING = frozenset({"have", "welcome", "deliver", "produce"})  # "the marriage produced a son in 1980"
_ARRIVING = frozenset({"arrive", "follow"})  # "a daughter, Kay, followed in 2021"


def birth(trigger: Trigger, timing: Timing, doc: Doc) -> list[Candidate]:
    """ "Ann gave birth to Leo", "Ann and Ben welcomed a son": the subject are the parents, the
    object (if a name) the child."""
    token = trigger.token
    parents = subject_people(token) or governing_subject(token)
    if not parents or negated(token):
        return []
    other = [p for p in parent_with(token) if p not in parents]  # "welcomed a son with Ben Hart"
    kids = [p for p in object_people(token) if p not in parents and p not in other]
    child = _child_name(kids[0], token, doc) if kids else ""
    b = parents[1] if len(parents) > 1 else (other[0] if other else None)
    return [Candidate(trigger.rule, trigger.span, parents[0], b, timing, child=child)]


def _character(person: int, trigger: Token) -> bool:
    """ "his father Ned Vane (Cal Ng)": a name with the actor who plays it in brackets after it is a
    character in a show, and a family of characters is fiction; the actor in brackets is no one's
    parent or child there."""
    doc, sent = trigger.doc, trigger.sent
    if cast_in_brackets(person, sent):
        return True
    for ref in doc._.refs or []:
        if person not in ref.people or not sent.start <= ref.start < sent.end or ref.end + 2 >= sent.end:
            continue
        after = doc[ref.end : min(ref.end + 6, sent.end)]
        if after[0].text == "(" and after[1].pos_ == "PROPN" and any(t.text == ")" for t in after):
            return True
    return False


def _child_name(person: int, trigger: Token, doc: Doc) -> str:
    """The child's name as the sentence writes it in full: "gave birth to Lyra Ann Seaborn Hale"
    when only part of it was taken for a name."""
    name: str = doc._.people[person].name
    for ref in doc._.refs or []:
        if person in ref.people and ref.kind == "name" and trigger.sent.start <= ref.start < trigger.sent.end:
            start, end = name_run(doc, ref.start, ref.end)
            longer = doc[start:end].text
            return longer if len(longer.split()) > len(name.split()) else name
    return name


def parents(trigger: Trigger, doc: Doc) -> list[Candidate]:
    """ "Mae Lind's parents, Ann Cole and Ben Hart": the named people are the parents of the possessor."""
    token = trigger.token
    children = possessor_people(token)
    named = [p for c in token.children if c.dep_ in ("appos", "compound") for p in people_at(c)]
    if not named:
        # "Her parents, Graham and Lorraine Hale, ...": the names set off by a comma, parsed as conjuncts
        for c in token.children:
            if c.dep_ == "conj" and c.i > 0 and c.doc[c.left_edge.i - 1].text == ",":
                named.extend(
                    p for t in (c, *c.conjuncts) if t != token for p in people_at(t) if p not in named
                )
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
                    elif ref is None and t.dep_ == "conj" and t.pos_ == "NOUN":
                        # "of a miner, Tom Hart, and a teacher, Ida Hart": the name after the second
                        # description, which the parse may hang elsewhere
                        named.extend(
                            p for p in _apposed_after(t.doc, t.right_edge.i + 1, t.sent.end) if p not in named
                        )
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
    elif not children:
        return _parent_noun_of(trigger, doc)
    named = [p for p in named if p not in children]
    if not children or not named or any(_character(p, token) for p in [*named, *children]):
        return []
    if len(children) > 1 and len(named) > 1:
        return []  # "Mae's parents, Ann and Ben": one child, however the parse joins the names
    published: date | None = doc._.published
    found = []
    for index in children:
        child = doc._.people[index]
        born = born_from_age(child.age, published) if child.age is not None and published else None
        born = born or _born_in(token, doc)
        b = named[1] if len(named) > 1 else None
        found.append(Candidate(trigger.rule, trigger.span, named[0], b, Timing(born), child=child.name))
    return found


def _born_in(noun: Token, doc: Doc) -> TimeSpan | None:
    """ "Ben, the son of Tom and Ida Hart, was born in 1950": the date on the "born" the person the
    child noun describes is the subject of."""
    person = noun.head if noun.dep_ == "appos" else None
    verb = person.head if person is not None and person.dep_ in ("nsubj", "nsubjpass") else None
    if verb is None or verb.lower_ != "born":
        return None
    timexes: list[TimexSpan] = doc._.timexes or []
    for timex in timexes:
        root = timex.span.root
        on_verb = root.head == verb or (root.head.dep_ == "prep" and root.head.head == verb)
        if on_verb and timex.timex.type == "DATE" and timex.timex.span is not None:
            return timex.timex.span
    return None


def _parent_noun_of(trigger: Trigger, doc: Doc) -> list[Candidate]:
    """ "Ben Hart, the father of Leo Hart", "Ann and Ben are parents to Leo, 5, and Mae, 2", "Mae
    Lind, the mother of his daughter Ivy", "proud parents of two boys": the children after the parent
    noun's "of" or "to", of the parents the noun describes. One parent named stays one parent."""
    token = trigger.token
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "to")), None)
    if prep is None:
        return []
    named = _described_parents(token)
    if not named or any(_character(p, token) for p in named):
        return []
    listed = [c for c in _children_after(prep, doc) if not _same_person(c.name, doc._.people[named[0]].name)]
    counted = [p for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in _COUNTED_NOUNS]
    if not listed and len(named) > 1 and counted and any(c.dep_ == "nummod" for c in counted[0].children):
        listed = [Child("")]  # "parents of two boys": one line, as nothing tells them apart
    found = []
    for child in listed:
        b = named[1] if len(named) > 1 else None
        candidate = Candidate(trigger.rule, trigger.span, named[0], b, Timing(child.born), child=child.name)
        candidate.single_parent = b is None
        found.append(candidate)
    return found


def _described_parents(token: Token) -> list[int]:
    """Whom a parent noun describes: "Ben Hart, the father of", "Ben is the father of", "Ann and Ben
    are parents to", "The father of Leo Hart, Ben Hart, ..." (a name set off by commas after it)."""
    named = [p for c in token.children if c.dep_ == "appos" for p in people_at(c)]
    if not named and token.dep_ == "appos":
        named = people_at(token.head)
    elif not named and token.dep_ == "attr":
        named = subject_people(token)
    if not named:
        end = max(t.i for t in token.subtree) + 1
        named = _apposed_after(token.doc, end, token.sent.end)
    return named[:2] if token.lemma_.lower() == "parent" else named[:1]


def _children_after(prep: Token, doc: Doc) -> list[Child]:
    """The children after "of"/"to": names with ages ("to Leo, 5, and Mae, 2"), else the people named
    ("of Leo Hart and Mia Hart"), else the children a child noun there names ("of his daughter Ivy")."""
    timexes: list[TimexSpan] = list(doc._.timexes or [])
    published: date | None = doc._.published
    listed = [c for c in children_of(prep, timexes, published) if c.name and c.born]
    if listed:
        return listed
    people = [p for pobj in prep.children if pobj.dep_ == "pobj" for p in people_at(pobj)]
    if people:
        found = []
        for index in people:
            person = doc._.people[index]
            born = born_from_age(person.age, published) if person.age is not None and published else None
            found.append(Child(person.name, born))
        return found
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        nouns = [pobj, *(c for c in pobj.children if c.dep_ == "compound")]
        for noun in nouns:
            if noun.lemma_.lower() in CHILD_NOUNS:
                return [c for c in children_of(noun, timexes, published) if c.name]
    return []


def _apposed_after(doc: Doc, i: int, end: int) -> list[int]:
    """The one person named right after a comma at i: ", Ben Hart," closing an apposition."""
    if i + 1 >= end or doc[i].text != ",":
        return []
    ref = doc[i + 1]._.ref
    if ref is None or ref.kind != "name" or len(ref.people) != 1 or ref.end >= end:
        return []
    return list(ref.people) if doc[ref.end].text in (",", ")") else []


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
    # the child is the subject of "born" itself, not of a clause it hangs on ("Ann and Ben have the
    # joy of announcing that their son was born")
    children = [p for c in trigger.token.children if c.dep_ in ("nsubj", "nsubjpass") for p in people_at(c)]
    children = [p for p in children if p not in parents] or (
        subject_people(trigger.token) if trigger.token.dep_ in ("acl", "relcl") else []
    )
    if not parents:
        return []
    child = doc._.people[children[0]].name if children else ""
    b = parents[1] if len(parents) > 1 else None
    return [Candidate(trigger.rule, trigger.span, parents[0], b, timing, child=child)]


def children(trigger: Trigger, timing: Timing, timexes: list[TimexSpan], doc: Doc) -> list[Candidate]:
    """Children named or aged beside a child noun: "their son Leo", "her daughter, 6"; and children
    of two named parents counted but not named, as one birth: "Ann and Ben have two children". A bare
    "their kids" or "custody of the children" presupposes children but tells of no birth, and the
    date of the sentence is not a birth date, so those give nothing."""
    token = trigger.token
    own = joint_possessors(token, possessor_people(token))
    if not own and token.dep_ == "compound" and token.head.pos_ == "PROPN":
        own = possessor_people(token.head)  # "his baby daughter Mae", the possessor hung on the name
    if not own:
        own = possessor_of_conjunct(token)
    if token.pos_ in ("VERB", "AUX"):
        parents = subject_people(token)  # "Ann shares Leo, 7, with Ben": the objects are the children
    else:
        parents = own or subject_people(token) or governing_subject(token) or object_people(token)
    # "a daughter, Kay, followed": the child named beside the noun is no parent of hers
    apposed = {p for c in token.children if c.dep_ == "appos" for p in people_at(c)}
    parents = [p for p in parents if p not in apposed]
    if not parents:
        parents = of_a_union(token)  # "His first marriage, to Jo Wren, produced two sons"
    if not parents and _had(token):
        parents = couple_in_focus(token)  # "Their son was born in 2019; a daughter followed in 2021"
    if not parents or negated(token) or any(_character(p, token) for p in parents):
        return []
    # "his son", "Ann's daughter": one parent named, who may have had the child with anyone; "their
    # son" and "the couple's son" name both
    single = len(own) == 1
    b = parents[1] if len(parents) > 1 else None
    other = [p for p in [*parent_by_relationship(token), *parent_with(token)] if p != parents[0]]
    if b is None and other:
        # "a daughter from his marriage to Karen Solvang", "two children with Ann Cole"
        b, single = other[0], False
    elif b is None and from_an_unnamed_relationship(token):
        single = True
    found: list[Candidate] = []
    listed = children_of(token, timexes, doc._.published)
    named = {c.name.lower() for c in listed if c.name}
    if any(doc._.people[p].name.lower() in named for p in (parents[0], b) if p is not None):
        # "The twins, Lia and Mae, are nine": the children are not their own parents (a namesake
        # son, "Kroy, 11" of Kroy Hale, has a shorter name than his father's)
        return []
    if token.pos_ in ("VERB", "AUX") and (b is None or not all(c.name and c.born for c in listed)):
        return []  # "shares Leo, 7, with Ann": names with ages, and both parents, or nothing
    rule = trigger.rule
    born_then = _had(token) and timing.when is not None and not timing.by_now  # "their son arrived in May"
    count: int | None = None
    if not listed and b is not None and (born_then or _counted_as_theirs(token, {parents[0], b})):
        listed = [Child("")]  # one line, as nothing tells the children apart
        count = _count_of(token)
        if not _named_in(token.sent, {parents[0], b}):
            rule = replace(rule, name=f"{rule.name}{COUNTED}")  # "they", "their": the merge checks the couple
    for child in listed:
        if b is None and _same_person(child.name, doc._.people[parents[0]].name):
            continue  # "Cal Ng, his sons, ...": no one is his own son
        born = child.born
        if born is None and len(listed) == 1 and _had(token) and not timing.by_now:
            born = timing.when  # "they had their first daughter, Mae, in 2018"
        if born is None and len(listed) == 1:
            born = newborn(token, doc._.published)
        candidate = Candidate(rule, trigger.span, parents[0], b, Timing(born), child=child.name)
        candidate.single_parent = single
        candidate.count = count
        found.append(candidate)
    return found


def _count_of(noun: Token) -> int | None:
    """ "four children", "2 sons": how many children a counted noun says."""
    for child in noun.children:
        if child.dep_ == "nummod":
            return int(child.text) if child.text.isdigit() else number_word(child)
    return None


def _named_in(sentence: Span, people: set[int]) -> bool:
    """Whether the sentence names each of them ("Ann Cole and Ben Hart have a son"), rather than
    pointing at them ("they", "the couple")."""
    named = {p for t in sentence if t._.ref is not None and t._.ref.kind == "name" for p in t._.ref.people}
    return people <= named


def _counted_as_theirs(token: Token, parents: set[int]) -> bool:
    """ "have two children", "share a son", "had their first child together", "raised their three
    young children": children counted as the object of having them, not "custody of the children"
    or "want to have children". The one who has them is one of the parents: in "Ann raised their
    children", a "their" that points elsewhere than Ann is a misreading."""
    verb = token.head
    numbered = any(c.dep_ == "nummod" and c.like_num for c in token.children)
    if (
        numbered
        and token.dep_ != "pobj"  # not "custody of their six kids", which presupposes them
        and set(possessor_people(token)) == parents
        and not (hypothetical(verb) or negated(verb))
    ):
        return True  # "survived by his wife, Ann, and their three children": counted, and theirs
    if token.dep_ != "dobj" or verb.lemma_.lower() not in _KEEPING or hypothetical(verb) or negated(verb):
        return False
    if not set(subject_people(verb)) <= parents:
        return False
    return any(
        (c.dep_ == "nummod" and c.like_num)
        or (c.dep_ == "det" and c.lower_ in ("a", "an"))
        or (c.dep_ == "amod" and c.lower_ in _ORDINALS)
        for c in token.children
    )


def _same_person(child: str, parent: str) -> bool:
    words = set(child.lower().split())
    return bool(words) and words <= set(parent.lower().split())


def _had(token: Token) -> bool:
    """A child noun that a verb of having a child in the past took: "they had a son in 2018",
    "welcomed their daughter on Monday", "their son arrived in May" (the verb's date is the birth);
    not "wed his daughter in 2001"."""
    verb = token.head
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    if token.dep_ == "nsubj":
        return verb.lemma_.lower() in _ARRIVING  # "their son Leo arrived in May 2019"
    return token.dep_ == "dobj" and verb.lemma_.lower() in _HAVING

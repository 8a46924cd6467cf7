"""Who a trigger is about: the people on either side of a relationship word, read off the parse.

A verb takes its subject and its object ("Ann married Ben", "Ann split from Ben"); an adjective or
a non-finite verb borrows the subject of the verb it hangs on ("Ann and Ben got engaged", "after
splitting from Ben"); a noun takes its possessor and its prepositions ("their engagement", "her
divorce from Ben"); a partner noun ties its possessor to the name beside it ("his wife Ann").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from storyline.pipeline.rulefile import load_rules, string_list

__all__ = [
    "cast_in_brackets",
    "clause_head",
    "distributive",
    "governing_subject",
    "not_partner_nouns",
    "object_people",
    "pairs_in_focus",
    "people_at",
    "possessor_people",
    "subject_people",
]

# Prepositions that introduce the other partner: "engaged to", "split from", "relationship with".
_PARTNER_PREPS = frozenset({"to", "with", "from", "of", "between", "against", "by", "alongside"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# How a trigger hangs on the verb whose subject it shares. A noun that is itself a subject or an
# apposition does not share the subject of its clause ("their relationship with fans is different").
_BORROWS_SUBJECT = frozenset(
    {
        "acomp",
        "xcomp",
        "attr",
        "oprd",
        "advcl",
        "pcomp",
        "conj",
        "dobj",
        "pobj",
        "prep",
        "ccomp",
        "npadvmod",
        "advmod",
        "relcl",
        "acl",
    }
)


def distributive(token: Token) -> bool:
    """ "Both Ann and Ben have been married before": each of them, not to each other."""
    return any(t.lower_ in ("both", "each", "neither", "either") for t in token.subtree if t.i < token.i + 1)


def people_at(token: Token) -> list[int]:
    """People a noun phrase headed by `token` refers to, following coordination ("Ann and Ben")."""
    found: list[int] = []
    ref = token._.ref
    if ref is not None:
        found.extend(ref.people)
    for child in token.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and ref is None):
            found.extend(p for p in people_at(child) if p not in found)
    if not found and token.pos_ == "NOUN":
        found = _apposed_name(token) or _named_by(token)
    return found


def _named_by(noun: Token) -> list[int]:
    """ "a young heiress named Cindy Hale", "a man called Ben": the person the noun is named as."""
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.lemma_.lower() in ("name", "call"):
            for child in clause.children:
                ref = child._.ref
                if child.dep_ in ("oprd", "dobj", "attr", "xcomp") and ref is not None and ref.kind == "name":
                    return list(ref.people)
    return []


def _apposed_name(noun: Token) -> list[int]:
    """ "her fiancé, DJ Oren Hall, ...": a name set off by a comma right after a noun is its
    apposition, even where the parse hangs it elsewhere."""
    doc = noun.doc
    i = noun.i + 1
    if i >= len(doc) - 1 or doc[i].text != ",":
        return []
    for j in range(i + 1, min(i + 4, len(doc))):
        ref = doc[j]._.ref
        if ref is not None:
            return list(ref.people) if ref.kind == "name" and len(ref.people) == 1 else []
        if not (doc[j].is_title or doc[j].is_upper) or doc[j].is_sent_start:
            return []
    return []


def possessor_people(token: Token) -> list[int]:
    """The possessor of a noun: "their split", "Ann's divorce", "the couple's engagement"."""
    found: list[int] = []
    for child in token.children:
        if child.dep_ == "poss":
            found.extend(people_at(child) or _whose_antecedent(child))
    head_ref = token.head._.ref
    if found and token.dep_ == "conj" and head_ref is not None and head_ref.kind == "name":
        # "Ann Cole and Ben Hart's romance", parsed as "Ann Cole" and "[Ben Hart's romance]"
        found = [*(p for p in head_ref.people if p not in found), *found]
    return found


def _whose_antecedent(token: Token) -> list[int]:
    """ "Hale, whose 2012 marriage to Carla Dunn ...": "whose" is the noun its clause hangs on."""
    if token.lower_ != "whose":
        return []
    step = token
    for _ in range(6):
        if step.dep_ == "relcl":
            return people_at(step.head)
        if step.head == step:
            return []
        step = step.head
    return []


def clause_head(token: Token) -> Token:
    """The verb a trigger word belongs to: "engaged" in "got engaged" belongs to "got"."""
    head = token
    while head.dep_ in ("acomp", "xcomp", "attr", "oprd", "prt", "auxpass") and head.head != head:
        head = head.head
    return head


def subject_people(token: Token) -> list[int]:
    """The people of the subject of the clause a trigger is in, climbing through non-finite verbs."""
    current = token
    for _ in range(6):
        # "she and Ben got engaged" may hang the subject on the auxiliary "got"
        auxiliaries = [c for c in current.children if c.dep_ in ("aux", "auxpass")]
        for child in [*current.children, *(g for a in auxiliaries for g in a.children)]:
            if child.dep_ in _SUBJECTS:
                found = people_at(child)
                if found and distributive(child):
                    return found[:1]  # "both Ann and Ben ...": not a pair
                if found:
                    return found
                if current.pos_ in ("VERB", "AUX") and child.pos_ in ("NOUN", "PROPN"):
                    # "seeing people fall in love": the clause has a subject of its own, and it is
                    # no one of the story; the subject of the verb above is not it
                    return []
                break
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "Ann Cole and Ben Hart, who married in May": the clause hangs on the last conjunct
            antecedent = current.head
            while antecedent.dep_ == "conj" and antecedent.head != antecedent:
                antecedent = antecedent.head
            return people_at(antecedent) or people_at(current.head)
        if current.dep_ == "acl" and current.pos_ == "VERB" and current.head.pos_ in ("NOUN", "PROPN"):
            # "His parents, Simon and Alison Hale, divorced in 2001", read as a participle on "parents"
            return people_at(current.head)
        if current.dep_ not in _BORROWS_SUBJECT or current.head == current:
            return []
        # A noun object does not share its verb's subject when it has a possessor of its own.
        if current.dep_ in ("dobj", "pobj") and possessor_people(current):
            return []
        current = current.head
    return []


def governing_subject(token: Token) -> list[int]:
    """The subject of the clause a noun sits in, however deep: "[Ann] was joined by husband Ben, sons
    Leo and Max" gives Ann for "sons". Stops at a noun with a possessor of its own."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX"):
            for child in current.children:
                if child.dep_ in _SUBJECTS:
                    return people_at(child)
        if current.head == current:
            return []
        if current != token and current.pos_ in ("NOUN", "PROPN") and possessor_people(current):
            return []
        current = current.head
    return []


@cache
def not_partner_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """Nouns for people in someone's life who are not the partner (relations.toml [partners]): roles
    ("the divorce case with his attorney, Mara Bell") and relatives, who are not the partner when
    they are the subject's own ("moved in with her mother"), though "wed Cal's daughter" is a wedding."""
    table = load_rules("relations").get("partners", {})
    roles = string_list(table, "not_partners", "rules/en/relations.toml", "partners")
    relatives = string_list(table, "relatives", "rules/en/relations.toml", "partners")
    return frozenset(roles), frozenset(relatives)


def _someone_else_in_their_life(noun: Token, roles: frozenset[str], relatives: frozenset[str]) -> bool:
    if noun.pos_ != "NOUN":
        return False
    lemma = noun.lemma_.lower()
    if lemma in roles:
        return True
    own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
    return lemma in relatives and own


# Relative pronouns that stand for the noun their clause hangs on.
_RELATIVE_OBJECTS = frozenset({"whom", "who", "that"})


_WEDDING_VERBS = frozenset({"marry", "wed", "remarry"})


def _someones_relative(noun: Token, relatives: frozenset[str]) -> bool:
    """ "Ann's sister", "his mother": a relative noun with a possessor."""
    return (
        noun.pos_ == "NOUN"
        and noun.lemma_.lower() in relatives
        and any(c.dep_ == "poss" for c in noun.children)
    )


def object_people(token: Token) -> list[int]:
    """The other side: direct objects and partner prepositions of the trigger and of its object noun."""
    found: list[int] = []
    roles, relatives = not_partner_nouns()

    def add(people: list[int]) -> None:
        found.extend(p for p in people if p not in found)

    def add_object(noun: Token) -> None:
        if _someone_else_in_their_life(noun, roles, relatives):
            return  # "with Kroy's attorney, Mara Bell": a role in someone's life, not the partner
        if noun.lower_ in _RELATIVE_OBJECTS and noun.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
            add(people_at(token.head))  # "the sculptor Ben Hart, whom she met in 1991": Ben
            return
        add(people_at(noun))

    for child in token.children:
        # "npadvmod": "Ann Cole married Ben Hart." with the name misread as an adverbial noun
        if child.dep_ in ("dobj", "dative", "attr", "oprd") or (
            child.dep_ == "npadvmod" and child._.ref and child.i > token.i
        ):
            add_object(child)
            if not child._.ref:
                for grandchild in child.children:
                    if grandchild.dep_ == "prep" and grandchild.lower_ in _PARTNER_PREPS:
                        for pobj in grandchild.children:
                            if pobj.dep_ == "pobj":
                                add_object(pobj)
        elif child.dep_ in ("prep", "agent") and child.lower_ in _PARTNER_PREPS:
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                if (
                    child.lower_ == "with"
                    and token.lemma_.lower() in _WEDDING_VERBS
                    and _someones_relative(pobj, relatives)
                ):
                    continue  # "married with Ann's sister, Mia, officiating": there, not the partner
                add_object(pobj)
    if token.pos_ == "NOUN":
        # "a wedding ceremony that took place between Ann and Ben": the pair hangs on the clause
        for clause in (c for c in token.children if c.dep_ == "relcl"):
            for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ == "between"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        add_object(pobj)
    head = token.head
    # "announced the engagement of Mia to Cal" hangs "to Cal" on the verb.
    if token.dep_ == "dobj" and token.pos_ == "NOUN":
        for sibling in head.children:
            if sibling.dep_ == "prep" and sibling.lower_ in ("to", "with"):
                for pobj in sibling.children:
                    if pobj.dep_ == "pobj":
                        add_object(pobj)
    # "divorce from Ben" hangs the preposition on the verb in "Ann filed for divorce from Ben".
    if token.dep_ == "pobj" and head.head != head:
        for sibling in head.head.children:
            if sibling.dep_ == "prep" and sibling != head and sibling.lower_ in _PARTNER_PREPS:
                for pobj in sibling.children:
                    if pobj.dep_ == "pobj":
                        add_object(pobj)
    return found


def named_after_preposition(i: int, sentence: Span) -> list[int]:
    """The person named a few words after the partner preposition at token `i` of `sentence`."""
    doc = sentence.doc
    if i >= sentence.end or doc[i].lower_ not in ("to", "with", "from"):
        return []
    for j in range(i + 1, min(i + 6, sentence.end)):
        ref = doc[j]._.ref
        if ref is not None:
            if ref.end < sentence.end and doc[ref.end].tag_ == "POS":
                return []  # "married to Ann Cole's sister": Ann is whose sister, not the partner
            return [ref.people[0]] if ref.kind == "name" and len(ref.people) == 1 else []
        if (doc[j].is_punct and doc[j].text != ",") or doc[j].pos_ in ("ADP", "SCONJ", "CCONJ", "PRON"):
            return []
    return []


def cast_in_brackets(person: int, sentence: Span) -> bool:
    """True when the person is named in brackets right after another name in the sentence, as cast
    lists and soap reports name the actor who plays a character: "his father Ned Vane (Ben Hart)".
    Such a person is the actor, never the one a family or partner noun names."""
    doc = sentence.doc
    for ref in doc._.refs or []:
        if person not in ref.people or ref.kind != "name" or not sentence.start <= ref.start < sentence.end:
            continue
        if ref.start >= 2 and doc[ref.start - 1].text == "(" and doc[ref.start - 2].pos_ == "PROPN":
            return True
    return False


def pairs_in_focus(doc: Doc, before: int) -> Iterator[tuple[int, int]]:
    """The pairs the article was about at the sentences starting before token `before`, latest first
    (`doc._.focus`, set by storyline_people)."""
    focus = doc._.focus or {}
    for start in sorted(focus, reverse=True):
        pair = focus[start]
        if start < before and pair is not None:
            yield int(pair[0]), int(pair[1])

"""Descriptions that stand for people: "the singer", "the 40-year-old", "the King", "the Marshes",
"the couple". Which words can refer to someone, read off one token and the parse around it;
`coref.py` decides whom they refer to.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from storyline.pipeline.persons import PeopleRules, Person

__all__ = ["AGE_NOUN", "DETERMINERS", "descriptor_noun", "family_members", "is_group"]

AGE_NOUN = re.compile(r"^\d+-year-old$|^old$")
DETERMINERS = frozenset({"the", "this", "that"})

# Words that make a description someone new rather than someone already named.
_UNKNOWN_ONES = frozenset({"mystery", "unnamed", "unidentified", "anonymous", "unknown", "mysterious"})


def descriptor_noun(token: Token, rules: PeopleRules) -> tuple[str, Span] | None:
    """('f'|'m'|'', span) when `token` heads a definite description of a person ("the singer")."""
    lower = token.lower_
    titled = _title_as_description(token, rules)
    if token.pos_ not in ("NOUN", "PROPN", "ADJ") or (token.ent_type_ == "PERSON" and not titled):
        return None
    if token.is_title and not token.is_sent_start and not titled:
        return None  # "the Northern Star" is a name, not a description; "the Queen" is one
    gender = rules.descriptor_gender(lower)
    if gender is None and AGE_NOUN.match(lower):
        gender = ""
    if gender is None:
        return None
    if token.dep_ == "compound" and token.head.lower_ in rules.group_nouns:
        return None  # "the musician couple": a word for the pair, not for one of them
    if not gender:
        # "the designer and former Spice Girl": a conjunct without its own article describes the same
        # person, and may say the gender.
        for other in token.conjuncts:
            if not any(t.lower_ in DETERMINERS for t in other.lefts):
                gender = rules.descriptor_gender(other.lower_) or gender
    # "the singer, Ann Doe" or "actress Ann Doe": the name is the mention, not the noun.
    if any(child.dep_ in ("appos", "compound") and child.ent_type_ == "PERSON" for child in token.children):
        return None
    if token.head.ent_type_ == "PERSON" and token.dep_ in ("compound", "appos", "amod"):
        return None
    if any(t.lower_ in _UNKNOWN_ONES for t in token.lefts):
        return None  # "the mystery blonde", "an unnamed woman": someone not yet in the story
    # "the model Lara Quinn" parsed apart: the name right after the noun is the mention all the same
    if token.i + 1 < len(token.doc) and token.nbor(1).ent_type_ == "PERSON" and token.nbor(1).ent_iob_ == "B":
        return None
    left = token.left_edge
    definite = (t.tag_ == "POS" or t.lower_ in DETERMINERS for t in token.doc[left.i : token.i])
    if left.lower_ not in DETERMINERS and left.tag_ != "POS" and not any(definite) and not titled:
        return None
    if any(t.ent_type_ == "PERSON" and t.i < token.i and t.dep_ == "poss" for t in token.subtree):
        return None  # "Ann Doe's husband" names a relation, not a description of Ann Doe
    return gender, token.doc[left.i : token.i + 1]


def _title_as_description(token: Token, rules: PeopleRules) -> bool:
    """ "the King", "the Duchess", and "Queen" in "the King and Queen" (sharing the article): a title
    standing alone for the person who holds it."""
    if token.lower_ not in rules.keep_titles or token.i == 0:
        return False
    if token.nbor(-1).lower_ == "the":
        return True
    first = token.head
    return (
        token.dep_ == "conj"
        and token.nbor(-1).lower_ in ("and", "&")
        and first.lower_ in rules.keep_titles
        and first.i > 0
        and first.nbor(-1).lower_ == "the"
    )


def family_members(token: Token, people: list[Person]) -> tuple[int, ...]:
    """ "the Marshes", "the Hollands": everyone of the story with that surname (two or more)."""
    if not token.text[:1].isupper() or (token.tag_ != "NNPS" and not token.lower_.endswith("s")):
        return ()
    before = token.doc[token.i - 1] if token.i > 0 else None
    if not any(t.lower_ == "the" for t in token.lefts) and (before is None or before.lower_ != "the"):
        return ()
    word = token.lower_
    stems = {word[:-2], word[:-1]} if word.endswith("es") else {word[:-1]}
    members = tuple(p.index for p in people if len(p.tokens) > 1 and p.tokens[-1] in stems)
    return members if len(members) >= 2 else ()


def is_group(token: Token, rules: PeopleRules) -> bool:
    if token.lower_ in rules.plural_pronouns and token.pos_ == "PRON":
        return True
    if token.lower_ in rules.group_nouns and token.pos_ in ("NOUN", "NUM", "PROPN"):
        if any(t.lower_ in DETERMINERS or t.tag_ in ("PRP$", "POS") for t in token.lefts):
            return True
        # Headlines drop the article: "Former couple split", "Couple wed in secret".
        return bool(token.left_edge.is_sent_start) and token.dep_ in ("nsubj", "nsubjpass")
    # "The two rappers first started dating in 2017", "The actors got engaged in May": people
    # described together, as the subject, are the pair.
    if token.tag_ == "NNS" and rules.descriptor_gender(token.lemma_.lower()) is not None:
        lefts = [t.lower_ for t in token.lefts]
        subject = token.dep_ in ("nsubj", "nsubjpass") and token.left_edge.lower_ == "the"
        return ("two" in lefts and "the" in lefts) or subject
    return False

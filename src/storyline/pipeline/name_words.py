"""A name as the text writes it: whether a word is written as a name (its capitals), the entity the
tagger put a word in, and the words of a name cleaned of titles ("Ms.", "actress"), a trailing "'s"
and what scraping glued to it ("Ann DoeCredit"). Where the names of a story are is `names.py`; it,
the linking of names into people (`people.py`) and speakers (`speech.py`) read each name with these.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from storyline.pipeline.persons import PeopleRules

__all__ = ["MISTYPED", "capitalized", "clean_name", "entity_at", "name_text"]

# Labels the tagger gives to names it is unsure of; kept only when they match a known person.
MISTYPED = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"})

_GLUED_CAPTION = re.compile(
    r"(?<=[a-z])(?:Credit|Credits|Photo|Photos|Image|Images|Getty|Published|Updated)$"
)


def capitalized(token: Token) -> bool:
    """A word written as a name is: "Hart", and "McAdams" or "DeShawn", which are not title case."""
    return token.is_title or (token.text[:1].isupper() and any(c.islower() for c in token.text))


def entity_at(token: Token) -> Span | None:
    """The entity the token is part of, as `doc.ents` gives it, found from the token's IOB tags
    (building `doc.ents` to look through it costs the whole document each time)."""
    if token.ent_iob_ not in ("B", "I") or not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def name_text(name: Span) -> str:
    """A name's text without what scraping glued to it: "Ann Doe/" and "Ann DoeCredit" → "Ann Doe"."""
    return _GLUED_CAPTION.sub("", name.text.strip("/\\|-,;:()[]{}*_ ")).strip()


def clean_name(span: Span, rules: PeopleRules) -> Span | None:
    """The name inside an entity span: no leading "Ms."/"actress", no trailing "'s"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in rules.drop_titles
        or doc[start].lower_ in rules.not_names
        or not (capitalized(doc[start]) or doc[start].is_upper)
        or (end - start > 1 and rules.descriptor_gender(doc[start].lower_) is not None)  # "Singer Ann Doe"
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or not any(c.isalpha() for c in doc[end - 1].text)
        or doc[end - 1].lower_ in rules.not_names
        # "Teddy and": the tagger took the conjunction that follows (but "Ban Ki-moon" is whole)
        or (doc[end - 1].is_lower and doc[end - 2].text != "-")
    ):
        end -= 1
    if start >= end:
        return None
    # "Ben Gold-smith": a name broken at the end of a line keeps its tail.
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_lower
        and doc[end + 1].is_alpha
    ):
        end += 2
    name = doc[start:end]
    if any(t.lower_ in rules.not_names or t.lower_ in rules.place_words for t in name):
        return None
    if any(t.like_num or any(c.isdigit() for c in t.text) for t in name):
        return None
    if all(t.lower_ in rules.keep_titles for t in name):
        return None
    if len(name) == 1 and rules.descriptor_gender(name[0].lower_) is not None:
        return None  # "Weds Partner" in a headline: a noun for a person, not a name
    if len(name) == 1 and name[0].tag_ == "NNS" and name[0].lower_.endswith("s"):
        # "Glitzaholics were shocked": a word for a crowd, read as a plural noun ("Saldana, 34,"
        # read as one is a surname: no plural ends so)
        return None
    last, first = name[-1].lower_, name[0].lower_
    if (
        len(name) > 1
        and rules.descriptor_gender(last) is not None
        and first not in rules.female_names | rules.male_names
    ):
        return None  # "Spice Girl", "Bond Girl": a role, not a name
    if name.text.isupper() and len(name) > 1 and len(name.text) > 12:
        return None  # a shouted headline fragment, not a name
    return name

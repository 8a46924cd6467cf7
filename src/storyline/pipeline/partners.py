"""Partner nouns: "his wife Ann", "Ben Hart, her husband", "her fiancé and Rings actor Ben Hart",
"his wife of 12 years, the novelist Helen Marr": whose partner the noun names, and whom it names."""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.triggers import Trigger

__all__ = [
    "bare_article",
    "coordinated_with",
    "length_after",
    "name_after",
    "only_name_within",
    "possessive_before",
]


def possessive_before(trigger: Trigger) -> list[int]:
    """The owner of a partner noun the parse lost: "her ex-boyfriend Ben" read as "her ex" + "boyfriend"."""
    doc = trigger.span.doc
    for i in range(trigger.span.start - 1, max(trigger.span.sent.start, trigger.span.start - 4) - 1, -1):
        token = doc[i]
        if token.tag_ in ("PRP$", "POS") or (i + 1 < len(doc) and doc[i + 1].tag_ == "POS"):
            ref = token._.ref
            return list(ref.people) if ref is not None and len(ref.people) == 1 else []
    return []


def coordinated_with(token: Token) -> list[int]:
    """ "Ben, 26, and actress wife Ann Cole": the person the partner phrase is coordinated with."""
    name = token.head if token.dep_ in ("compound", "amod", "nmod") else token
    if name.dep_ == "conj" and name.head._.ref is not None and not name.head._.ref.plural:
        return list(name.head._.ref.people)
    return []


def bare_article(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in token.children)


_LENGTH = re.compile(r"^of (?:\S+ ){1,2}(?:years?|months?|decades?)$")


def length_after(trigger: Trigger, timexes: list[TimexSpan]) -> str | None:
    """ "husband of five years": the length of the state, a TIMEX3 duration."""
    doc, end = trigger.span.doc, trigger.span.end
    if end >= len(doc) or doc[end].lower_ != "of":
        return None
    for timex in timexes:
        if end < timex.span.start <= end + 2 and timex.timex.type == "DURATION":
            return timex.timex.value if timex.timex.value.startswith("P") else None
    return None


def name_after(trigger: Trigger) -> list[int]:
    """The person named right after a partner noun: "her husband, Ben Hart", "boyfriend Cal Ng",
    "his wife of 12 years, the novelist Helen Marr"."""
    doc, sentence = trigger.span.doc, trigger.span.sent
    start = trigger.span.end
    for length in (3, 4):  # "of 12 years", "of nearly ten years"
        if _LENGTH.match(doc[start : start + length].text.lower()):
            start += length
            break
    for i in range(start, min(start + 5, sentence.end)):
        ref = doc[i]._.ref
        if ref is not None and ref.kind == "name" and len(ref.people) == 1:
            return [] if _subject_of_another_clause(doc[i], trigger.token) else list(ref.people)
        word = doc[i]
        if word.text in (",", "-", "(") or word.is_title or word.is_upper:
            continue  # "boyfriend, DJ Cal Ng": a title in capitals may come first
        if i - start < 4 and word.pos_ in ("DET", "ADJ", "NOUN") and word.dep_ != "pobj":
            continue  # "wife, the novelist Helen Marr", "husband, basketball player Derek Fenn"
        return []
    return []


def _subject_of_another_clause(name: Token, noun: Token) -> bool:
    """ "Ann split from her boyfriend last year, Ben Hart said": the name after the noun is the
    subject of a clause of its own, not the partner's name ("her husband Ben Hart said" keeps the
    noun inside the name's phrase)."""
    head = name
    while head.dep_ in ("compound", "flat") and head.head != head:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass") and not (head.left_edge.i <= noun.i <= head.right_edge.i)


def only_name_within(token: Token, owner: list[int]) -> list[int]:
    """The one person named inside a partner noun's phrase: "her fiancé and Rings actor Ben Hart"."""
    found = {
        p for t in token.subtree if t._.ref is not None and t._.ref.kind == "name" for p in t._.ref.people
    }
    found -= set(owner)
    return list(found) if len(found) == 1 else []

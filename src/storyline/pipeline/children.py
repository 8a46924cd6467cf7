"""Children named beside a child noun, with the birth dates their ages or years give.

News lists children in ways the parser rarely attaches to the noun: "have two children together,
nine-year-old Leo and Mae, who is six", "her children: Ana, 15, Bo, 12, and Cy, 7", "four children,
beginning with Ana in 2013 and followed by Bo and Cy". So besides the parse (apposition and
compounds: "their son, Leo", "daughter Mae"), the words after the noun are read as a list: names,
ages before ("nine-year-old") or after ("Ana, 15", "who is six"), a year after ("Ana in 2013"), and
connectives that may sit between them (rules/en/relations.toml [children]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from dateutil.relativedelta import relativedelta
from spacy.tokens import Token

from storyline.model import Precision, TimeSpan
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.pipeline.timexes import TimexSpan

__all__ = ["Child", "born_from_age", "children_of"]

_YEARS_OLD = re.compile(r"^P(?P<n>\d{1,3})Y$")
_NUMBER = re.compile(r"^\d{1,2}$")
_SEPARATORS = frozenset({",", ":", ";", "and", "&", "(", ")", "-", "\u2013"})


@dataclass(frozen=True, slots=True)
class Child:
    """A child the text names (or "" when it only gives an age) and when they were born, if known."""

    name: str
    born: TimeSpan | None = None


@cache
def _number_words() -> dict[str, int]:
    """ "seven" → 7: ages written out ("Leo, seven, and Max, five")."""
    table = load_rules("relations").get("children", {})
    words = string_list(table, "numbers", "rules/en/relations.toml", "children")
    return {word: n for n, word in enumerate(words, start=1)}


def _age_word(token: Token) -> int | None:
    if _NUMBER.match(token.text):
        return int(token.text)
    return _number_words().get(token.lower_)


@cache
def _connectives() -> frozenset[str]:
    table = load_rules("relations").get("children", {})
    return frozenset(string_list(table, "connectives", "rules/en/relations.toml", "children"))


def born_from_age(age: int, published: date) -> TimeSpan:
    """Someone `age` years old on `published` was born in the year before that birthday."""
    latest = published - relativedelta(years=age)
    earliest = published - relativedelta(years=age + 1) + timedelta(days=1)
    span = TimeSpan("", Precision.DAY, earliest, latest)
    return TimeSpan(span.label(), Precision.DAY, earliest, latest)


def _age_at(i: int, timexes: list[TimexSpan]) -> tuple[int, int] | None:
    """(age, index after it) when an age expression ("nine-year-old", "six years old") starts at i."""
    for timex in timexes:
        if timex.span.start == i and timex.timex.type == "DURATION":
            match = _YEARS_OLD.match(timex.timex.value)
            if match and "old" in timex.span.text.lower():
                return int(match["n"]), timex.span.end
    return None


def _year_at(i: int, timexes: list[TimexSpan]) -> tuple[TimeSpan, int] | None:
    for timex in timexes:
        if timex.span.start == i and timex.timex.span is not None and timex.timex.type == "DATE":
            return timex.timex.span, timex.span.end
    return None


def _is_name(token: Token) -> bool:
    return token.is_title and token.pos_ == "PROPN" and token.ent_type_ not in ("DATE", "CARDINAL", "TIME")


def _name_end(token: Token) -> int:
    """The end of a name of up to three capitalized words: "Daisy Dove"."""
    end = token.i + 1
    sent_end = token.sent.end
    while end < sent_end and end - token.i < 3 and _is_name(token.doc[end]):
        end += 1
    return end


def _listed(noun: Token, timexes: list[TimexSpan], published: date | None) -> list[Child]:
    doc = noun.doc
    end = noun.sent.end
    found: list[tuple[str, TimeSpan | None]] = []
    pending_age: int | None = None
    i = noun.i + 1
    gap = 0  # words read since the last name: a list that stops giving names has ended
    while i < end and gap <= 4:
        token = doc[i]
        age = _age_at(i, timexes)
        if age is not None:
            pending_age, i = age[0], age[1]
            continue
        if token.lower_ in _SEPARATORS or token.lower_ in _connectives():
            i += 1
            gap += 1
            continue
        if token.lower_ == "aged" and not found:
            # "three children, aged 13, 11 and 8": children the text counts but does not name
            j = i + 1
            while j < end and (_age_word(doc[j]) is not None or doc[j].lower_ in _SEPARATORS):
                if _age_word(doc[j]) is not None:
                    found.append(("", _birth(_age_word(doc[j]), published)))
                j += 1
            break
        if token.lower_ == "born" and (not found or found[-1][1] is None):
            # "a son born in 2008", "Mila, born in August"
            j = i + 1 if i + 1 < end and doc[i + 1].lower_ in ("in", "on") else i
            year = _year_at(j + 1, timexes) if j > i else None
            if year is not None:
                if found:
                    found[-1] = (found[-1][0], year[0])
                else:
                    found.append(("", year[0]))
                i = year[1]
                continue
            break
        if token.lower_ in ("who", "aged", "is", "turns", "turned") and found:
            # "Mae, who is six", "Leo, aged 4", "Their son, Jesse, is now 14": the name just read.
            for j in range(i + 1, min(i + 5, end)):
                later = _age_at(j, timexes)
                months = j + 1 < end and doc[j + 1].lower_ in ("months", "weeks", "days", "month", "week")
                number = _age_word(doc[j]) if not months else None
                if later is not None or number is not None:
                    years = later[0] if later is not None else (number or 0)
                    found[-1] = (found[-1][0], _birth(years, published))
                    i = later[1] if later is not None else j + 1
                    break
            else:
                break
            continue
        age_here = _age_word(token)
        if age_here is not None and found and found[-1][1] is None and doc[i - 1].text == ",":
            found[-1] = (found[-1][0], _birth(age_here, published))  # "Ana, 15", "Leo, seven"
            i += 1
            continue
        if token.lower_ == "in" and found and found[-1][1] is None:
            year = _year_at(i + 1, timexes)
            if year is not None:
                found[-1] = (found[-1][0], year[0])  # "beginning with Ana in 2013"
                i = year[1]
                continue
        if _is_name(token):
            ref = token._.ref
            stop = (
                ref.end
                if ref is not None and ref.start == token.i and ref.kind == "name"
                else _name_end(token)
            )
            if stop < end and doc[stop].pos_ in ("VERB", "AUX"):
                break  # "her children, Ann Cole said": a subject, not a child
            if found and noun.tag_ == "NN":
                break  # "his daughter Ann and Ben": one daughter, and Ben is someone else
            found.append((doc[token.i : stop].text, _birth(pending_age, published)))
            pending_age, i, gap = None, stop, 0
            continue
        break
    return [Child(name, born) for name, born in found]


def _birth(age: int | None, published: date | None) -> TimeSpan | None:
    return born_from_age(age, published) if age is not None and published is not None else None


def _age_before(noun: Token, timexes: list[TimexSpan]) -> int | None:
    """An age in front of the noun: "their nine-year-old son", "14-year-old daughter Harper"."""
    for timex in timexes:
        if timex.span.end <= noun.i and noun.i - timex.span.end <= 1 and timex.timex.type == "DURATION":
            match = _YEARS_OLD.match(timex.timex.value)
            if match and "old" in timex.span.text.lower():
                return int(match["n"])
    return None


def _young_named(noun: Token, published: date | None) -> list[Child]:
    """Later in the sentence, names with a child's age in apposition: "his children ... to give Ana, 7,
    and Bo, 9, more room". Under 18 is the reading: adults named with ages are not taken for children."""
    found: list[Child] = []
    doc = noun.doc
    for i in range(noun.i + 1, noun.sent.end - 2):
        token = doc[i]
        if _is_name(token) and doc[i + 1].text == "," and _NUMBER.match(doc[i + 2].text):
            age = int(doc[i + 2].text)
            if age < 18 and (i + 3 >= len(doc) or doc[i + 3].text in (",", ".", ")", ";")):
                found.append(Child(token.text, _birth(age, published)))
    return found


def children_of(noun: Token, timexes: list[TimexSpan], published: date | None) -> list[Child]:
    """The children a child noun names; an unnamed child only when an age says something of it."""
    listed = _listed(noun, timexes, published) or (
        _young_named(noun, published) if noun.tag_ == "NNS" else []
    )
    before = _age_before(noun, timexes)
    if listed:
        if before is not None and len(listed) == 1 and listed[0].born is None:
            listed[0] = Child(listed[0].name, _birth(before, published))
        return listed
    # "Harper, their daughter": the name is what the noun stands in apposition to.
    if noun.dep_ == "appos" and _is_name(noun.head):
        return [Child(doc_name(noun.head), _birth(before, published))]
    return [Child("", _birth(before, published))] if before is not None else []


def doc_name(token: Token) -> str:
    """A name with the capitalized words compounded before it: "Daisy Dove" for "Dove"."""
    left = token.i
    while left > 0 and token.doc[left - 1].dep_ == "compound" and _is_name(token.doc[left - 1]):
        left -= 1
    return token.doc[left : token.i + 1].text

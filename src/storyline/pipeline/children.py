"""Children named beside a child noun, with the birth dates their ages or years give.

News lists children in ways the parser rarely attaches to the noun: "have two children together,
nine-year-old Leo and Mae, who is six", "her children: Ana, 15, Bo, 12, and Cy, 7", "four children,
beginning with Ana in 2013 and followed by Bo and Cy". So besides the parse (apposition and
compounds: "their son, Leo", "daughter Mae"), the words after the noun are read as a list: names,
ages before ("nine-year-old") or after ("Ana, 15", "Bo (12)", "who is six"), a year after ("Ana in
2013", "who was born in 2013"), and connectives that may sit between them (rules/en/relations.toml
[children]). Twins are one birth ("twins Kaia and Kane, 9"); a nickname in brackets is skipped ("Leo
(Junior)"), an actor in brackets makes a character ("Ivy Vane (Mae Lind)"); "with" ends the list, as
what follows it is the other parent ("Ana, 5, and Bo, 3, with Cal Ng").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Token

from storyline.model import Mod, Precision, TimeSpan
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.timing import timing_of

__all__ = ["Child", "birthday_to_come", "born_from_age", "children_of", "name_run", "newborn", "number_word"]

# Verbs of a birthday: "turns nine next month" is an age to come, not a birth planned.
_BIRTHDAY_VERBS = frozenset({"turn", "celebrate"})

_YEARS_OLD = re.compile(r"^P(?P<n>\d{1,3})Y$")
_NUMBER = re.compile(r"^\d{1,2}$")
_DASHES = frozenset({"-", ":", "\u2013", "\u2014"})
_LIST_COLONS = frozenset({":", "\u2013", "\u2014"})  # "the father of two: ...", not "13-year-old"
_SEPARATORS = frozenset({",", ":", ";", "and", "&", "(", ")", "-", "\u2013", "\u2014"})


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


def number_word(token: Token) -> int | None:
    """ "seven" → 7 (relations.toml [children] numbers)."""
    return _number_words().get(token.lower_)


def _age_word(token: Token) -> int | None:
    if _NUMBER.match(token.text):
        return int(token.text)
    return _number_words().get(token.lower_)


@cache
def _connectives() -> frozenset[str]:
    table = load_rules("relations").get("children", {})
    return frozenset(string_list(table, "connectives", "rules/en/relations.toml", "children"))


@cache
def _newborn_words() -> tuple[str, ...]:
    """ "newborn", "new-born": words that say a child was born just now (relations.toml [children])."""
    table = load_rules("relations").get("children", {})
    return tuple(string_list(table, "newborn", "rules/en/relations.toml", "children"))


def newborn(noun: Token, published: date | None) -> TimeSpan | None:
    """ "his newborn daughter", "their new-born son Leo": born on or before the publication date."""
    holder = noun.head if noun.dep_ == "compound" and noun.head.pos_ == "PROPN" else noun
    before = noun.doc[holder.left_edge.i : noun.i].text.lower()
    if published is None or not any(word in before for word in _newborn_words()):
        return None
    return TimeSpan.of(published.isoformat(), Mod.ON_OR_BEFORE)


def born_from_age(age: int, published: date) -> TimeSpan | None:
    """Someone `age` years old on `published` was born in the year before that birthday (None when
    that is before the calendar's first year: "999 years old" in an article of 1000)."""
    try:
        latest = published - relativedelta(years=age)
        earliest = published - relativedelta(years=age + 1) + timedelta(days=1)
    except (ValueError, OverflowError):
        return None
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


def _year_at(i: int, timexes: list[TimexSpan], published: date | None) -> tuple[TimeSpan, int] | None:
    """(the date, index after it) of a date starting at i; "born in May" is the last May, not the next."""
    for timex in timexes:
        if timex.span.start == i and timex.timex.span is not None and timex.timex.type == "DATE":
            when = timing_of([timex], False, published).when
            return (when or timex.timex.span), timex.span.end
    return None


def _is_name(token: Token) -> bool:
    return token.is_title and token.pos_ == "PROPN" and token.ent_type_ not in ("DATE", "CARDINAL", "TIME")


def _name_word(token: Token) -> bool:
    """A word that goes on a name already begun: "Daisy Dove", and "Georgia May" where the model
    took the second name for the month ("Ana May 2019" is a date)."""
    if _is_name(token):
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.is_title
        and token.pos_ == "PROPN"
        and token.ent_type_ == "DATE"
        and (following is None or not following.like_num)
    )


def _name_end(token: Token, sent_end: int) -> int:
    """The end of a name of up to three capitalized words: "Daisy Dove"."""
    end = token.i + 1
    while end < sent_end and end - token.i < 3 and _name_word(token.doc[end]):
        end += 1
    return end


def name_run(doc: Doc, start: int, end: int, limit: int = 4) -> tuple[int, int]:
    """The name at [start, end) widened over the capitalized words around it, up to `limit` words:
    "Lyra Antarctica Seaborn Sheeran", where the names found may be only parts of it."""
    sent = doc[start].sent
    while start > sent.start and end - start < limit and _is_name(doc[start - 1]):
        start -= 1
    while end < sent.end and end - start < limit and _name_word(doc[end]):
        end += 1
    return start, end


def _list_end(noun: Token) -> int:
    """Where a list after the noun may run to: its sentence, or the next one when the sentence breaks
    off at a dash or colon right after the noun ("share four children - Ana, 11, ...")."""
    doc, end = noun.doc, noun.sent.end
    # "two children with Ann Cole: Teo, 7, ...": the other parent may stand before the colon
    reach = 7 if noun.i + 1 < end and doc[noun.i + 1].lower_ == "with" else 3
    if end < len(doc) and end - noun.i <= reach and doc[end - 1].text in _DASHES:
        return doc[end].sent.end
    return end


@dataclass(slots=True)
class _Listed:
    """A child read off a list so far: the name and the birth its age or year gives."""

    name: str
    born: TimeSpan | None = None


class _ListReader:
    """Reads the words after a child noun as a list of children (see the module docstring)."""

    def __init__(self, noun: Token, timexes: list[TimexSpan], published: date | None) -> None:
        self.noun, self.timexes, self.published = noun, timexes, published
        self.doc = noun.doc
        self.end = _list_end(noun)
        self.found: list[_Listed] = []
        self.pending_age: int | None = None
        # names still to come of a pair of twins, who are one birth: "their twins, Ana and Bo"
        self.twins = 2 if noun.lower_ == "twins" else 0
        self.name_end = -1  # the index after the last name read

    def read(self) -> list[Child]:
        i = self.noun.i + 1
        # words read since the last name: a list that stops giving names has ended; before the first
        # name, a few more ("one child together, a girl named Mae")
        gap = 0
        while i < self.end and gap <= (4 if self.found else 6):
            step = self._step(i)
            if step is None:
                break
            i, kind = step
            gap = 0 if kind == "name" else gap + 1 if kind == "separator" else gap
        return [Child(c.name, c.born) for c in self.found]

    def _step(self, i: int) -> tuple[int, str] | None:
        """Reads the words at i: the index after them and what they were, or None where the list ends."""
        doc, token, last = self.doc, self.doc[i], self.found[-1] if self.found else None
        if (
            last is None
            and _age_word(token) is not None
            and i + 1 < self.end
            and doc[i + 1].text in _LIST_COLONS
        ):
            return i + 2, "separator"  # "the father of two: Tia, 7, and Kip, 5": a count before the list
        age = _age_at(i, self.timexes)
        if age is not None:
            self.pending_age = age[0]  # "nine-year-old Leo"
            return age[1], "age"
        if token.text == "(" and last is not None and i == self.name_end:
            closing = next((j for j in range(i + 1, min(i + 6, self.end)) if doc[j].text == ")"), None)
            if closing == i + 2 and _NUMBER.match(doc[i + 1].text) and last.born is None:
                last.born = _birth(int(doc[i + 1].text), self.published)  # "Leo (12)"
                return closing + 1, "age"
            if closing is not None and sum(1 for t in doc[i + 1 : closing] if _is_name(t)) >= 2:
                self.found.pop()  # "daughter Ivy Vane (Mae Lind)": a character and who plays her
                return None
            if closing is not None:
                return closing + 1, "aside"  # "Leo (Junior), 11": a nickname
        if token.lower_ == "with" and doc[i - 1].lower_ not in ("beginning", "starting"):
            colon = self._colon_after_parent(i) if last is None else None
            if colon is not None:
                return colon + 1, "separator"  # "two children with Cal Ng: Ana, 5, and Bo, 3"
            return None  # "Ana, 5, and Bo, 3, with Cal Ng": the other parent, not a child
        if token.lower_ in _SEPARATORS or token.lower_ in _connectives():
            if token.lower_ in ("twins", "twin"):
                self.twins = 2
            return i + 1, "separator"
        if token.lemma_ == "be" and last is None and token == self.noun.head and self.noun.dep_ == "nsubj":
            return i + 1, "separator"  # "His four children are Leo, ..."
        if token.lower_ == "aged" and last is None:
            self._aged(i + 1)
            return None
        if token.lower_ == "born" and (last is None or last.born is None):
            return self._born(i)
        if token.lower_ == "who" and last is not None and self._was_born(i + 1):
            return i + 2, "aside"  # "Leo, who was born in 2013"
        if last is not None and last.born is None and self._was_born(i):
            return i + 1, "aside"  # "their son Leo was born in 2019"
        if token.lower_ in ("who", "aged", "is", "are", "turns", "turn", "turned") and last is not None:
            return self._age_said(i, last)
        return self._age_or_name(i, last)

    def _colon_after_parent(self, i: int) -> int | None:
        """The colon or dash after "with" and the other parent's name, where the list starts."""
        for j in range(i + 1, min(i + 6, self.end)):
            word = self.doc[j]
            if word.text in _DASHES and j > i + 1:
                return j
            if not (_is_name(word) or word.lower_ in ("the", "his", "her", "their", "ex", "former")):
                return None
        return None

    def _was_born(self, i: int) -> bool:
        """ "was born", "were born" at i."""
        return i + 1 < self.end and self.doc[i].lemma_ == "be" and self.doc[i + 1].lower_ == "born"

    def _aged(self, j: int) -> None:
        """ "three children, aged 13, 11 and 8": children the text counts but does not name."""
        doc = self.doc
        while j < self.end and (_age_word(doc[j]) is not None or doc[j].lower_ in _SEPARATORS):
            years = _age_word(doc[j])
            if years is not None:
                self.found.append(_Listed("", _birth(years, self.published)))
            j += 1

    def _born(self, i: int) -> tuple[int, str] | None:
        """ "a son born in 2008", "Mila, born in August", "Leo, born early last year"."""
        j = i + 1
        if j < self.end and self.doc[j].lower_ in ("in", "on"):
            j += 1
        year = _year_at(j, self.timexes, self.published)
        if year is None:
            return None
        if self.found:
            self.found[-1].born = year[0]
        else:
            self.found.append(_Listed("", year[0]))
        return year[1], "age"

    def _age_said(self, i: int, last: _Listed) -> tuple[int, str] | None:
        """ "Mae, who is six", "Leo, aged 4", "Their son, Jesse, is now 14": the age of the name just
        read; "Mae turns nine next month": born in that month, nine years before."""
        doc = self.doc
        for j in range(i + 1, min(i + 5, self.end)):
            later = _age_at(j, self.timexes)
            months = j + 1 < self.end and doc[j + 1].lower_ in ("months", "weeks", "days", "month", "week")
            number = _age_word(doc[j]) if not months else None
            if later is not None or number is not None:
                age = later[0] if later is not None else (number or 0)
                after = later[1] if later is not None else j + 1
                # "who turns three in October": the verb may stand after "who"
                verb = next((doc[k] for k in range(i, j) if doc[k].lemma_.lower() in _BIRTHDAY_VERBS), doc[i])
                born = self._birthday(verb, age, after) or _birth(age, self.published)
                # "Lia and Mae, are nine", "the twins turn nine": every child just listed; "are
                # nine and seven": each in turn
                plural = doc[i].lower_ in ("are", "turn", "were")
                waiting = [c for c in self.found if c.born is None] if plural else [last]
                ages = self._more_ages(after) if plural and later is None else []
                if len(waiting) == len(ages) + 1 > 1:
                    for child, each in zip(waiting, [age, *ages], strict=True):
                        child.born = _birth(each, self.published)
                    return after, "age"
                for child in waiting:
                    child.born = born
                return after, "age"
        return None

    def _more_ages(self, i: int) -> list[int]:
        """The ages listed from i on: "(nine) and seven", "(14), 11 and 8"."""
        ages: list[int] = []
        while i < self.end and (self.doc[i].lower_ in (",", "and") or _age_word(self.doc[i]) is not None):
            age = _age_word(self.doc[i])
            if age is not None:
                ages.append(age)
            i += 1
        return ages

    def _birthday(self, verb: Token, age: int, after: int) -> TimeSpan | None:
        """ "turns nine next month", "turned 40 on Friday": the birth is that day or month, `age` years
        before."""
        if verb.lemma_.lower() not in _BIRTHDAY_VERBS:
            return None
        for timex in self.timexes:
            span = timex.timex.span
            if (
                timex.span.start in (after, after + 1)
                and timex.timex.type == "DATE"
                and span is not None
                and span.precision >= Precision.MONTH
                and span.earliest
                and span.latest
            ):
                years = age
                if verb.lower_ in ("turns", "turn") and self.published and span.latest < self.published:
                    years -= 1  # "turns three in October" said in May: the coming October
                earliest = span.earliest - relativedelta(years=years)
                latest = span.latest - relativedelta(years=years)
                value = earliest.isoformat()[: 7 if span.precision < Precision.DAY else 10]
                return TimeSpan(value, min(span.precision, Precision.DAY), earliest, latest)
        return None

    def _age_or_name(self, i: int, last: _Listed | None) -> tuple[int, str] | None:
        """An age after the name just read ("Ana, 15", "Bo 5."), a year ("Ana in 2013"), or a name."""
        doc, token = self.doc, self.doc[i]
        if (
            token.lower_ in ("now", "currently")
            and last is not None
            and last.born is None
            and i + 1 < self.end
        ):
            later = _age_word(doc[i + 1])
            if later is not None and doc[i - 1].text == ",":
                last.born = _birth(later, self.published)  # "Teo, now 19"
                return i + 2, "age"
        age_here = _age_word(token)
        if age_here is not None and last is not None and last.born is None:
            after_comma = doc[i - 1].text == ","
            # "Bo 5." with the comma left out, at the end of the list
            bare = (
                i == self.name_end
                and _NUMBER.match(token.text)
                and (i + 1 >= self.end or doc[i + 1].is_punct)
            )
            if after_comma or bare:
                last.born = _birth(age_here, self.published)  # "Ana, 15", "Leo, seven"
                return i + 1, "age"
        if token.lower_ == "in" and last is not None and last.born is None and self.noun.tag_ == "NNS":
            year = _year_at(i + 1, self.timexes, self.published)
            if year is not None:
                last.born = year[0]  # "four children, beginning with Ana in 2013"
                return year[1], "age"
        if not _is_name(token):
            return None
        ref = token._.ref
        stop = (
            ref.end
            if ref is not None and ref.start == token.i and ref.kind == "name"
            else _name_end(token, self.end)
        )
        stop = max(stop, name_run(doc, token.i, stop)[1])
        if stop < self.end and doc[stop].pos_ in ("VERB", "AUX") and token.i > self.noun.i + 1:
            return None  # "her children, Ann Cole said": a subject, not a child ("son Leo said" is)
        if last is not None and self.noun.tag_ == "NN":
            return None  # "his daughter Ann and Ben": one daughter, and Ben is someone else
        born = _birth(self.pending_age, self.published)
        if self.twins == 1 and last is not None:
            last.born = last.born or born  # "twins Kaia and Kane": one birth
        else:
            self.found.append(_Listed(doc[token.i : stop].text, born))
        self.twins = max(self.twins - 1, 0)
        self.pending_age, self.name_end = None, stop
        return stop, "name"


def _listed(noun: Token, timexes: list[TimexSpan], published: date | None) -> list[Child]:
    """The children read off the words after the noun."""
    return _ListReader(noun, timexes, published).read()


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
    # "Harper, their daughter": the name is what the noun stands in apposition to; not so for a
    # plural ("Cal Ng, his sons, and the family": Cal Ng is no son)
    if noun.dep_ == "appos" and _is_name(noun.head) and noun.tag_ == "NN":
        return [Child(doc_name(noun.head), _birth(before, published))]
    return [Child("", _birth(before, published))] if before is not None else []


def doc_name(token: Token) -> str:
    """A name with the capitalized words compounded before it: "Daisy Dove" for "Dove"."""
    left = token.i
    while left > 0 and token.doc[left - 1].dep_ == "compound" and _is_name(token.doc[left - 1]):
        left -= 1
    return token.doc[left : token.i + 1].text


def birthday_to_come(noun: Token, share: list[TimexSpan]) -> bool:
    """ "Their daughter Mae turns nine next month": the future date is her birthday's, so the child
    noun still tells of a birth (while "their baby, due in May" is one to come)."""
    return any(t.span.root.head.lemma_.lower() in _BIRTHDAY_VERBS for t in share)

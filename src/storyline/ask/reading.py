"""Reading a question: its dates, the people it names, what it asks (intent) and about which fact.

`read(text, directory, today)` finds the dates with the timex tagger (anchored on `today`, so "last
year" means something), the people with `names.find_people`, and folds the rest into a skeleton
("when did @a and @b get engaged") that the intent rules of rules/en/questions.toml match; the
relation is the longest relation phrase in it, the modifiers ("still", "ever", "first", "ex") the
phrases they list. Nothing here looks at what the store knows of the people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.ask.grammar import TOGETHER, Grammar, grammar
from storyline.ask.names import Directory, Mention, Token, find_people
from storyline.model import Relation, TimeSpan, fold_name
from storyline.timex import tag

__all__ = ["Question", "read", "tokens_of"]

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = "'\u2019`"  # straight, typographic, grave
_CONTRACTED = frozenset({"who", "what", "where", "when", "how", "it", "that", "there", "he", "she"})
_TENSES = {
    "is": "present", "are": "present", "am": "present", "does": "present", "do": "present",
    "has": "perfect", "have": "perfect", "was": "past", "were": "past", "did": "past", "had": "past",
}  # fmt: skip
_RANGE_OPEN = frozenset({"between", "from"})
_RANGE_CLOSE = frozenset({"and", "to", "until", "till", "through"})
_LABELS = ("@a", "@b", "@c", "@d")
_STATES = (Relation.DATING, Relation.ENGAGED, Relation.MARRIED)


@dataclass(frozen=True, slots=True)
class Question:
    """What a question asks: the intent a rule read, the people, the fact, the period, the modifiers.

    `day`..`last` is the period asked about ("in 2019": 2019-01-01..2019-12-31; None: now, or ever);
    `together` says the fact is any stage of a relationship ("Are they still together?").
    """

    text: str
    intent: str | None
    rule: str | None
    mentions: tuple[Mention, ...] = ()
    relation: Relation | None = None
    together: bool = False
    day: date | None = None
    last: date | None = None
    modifiers: frozenset[str] = field(default=frozenset())
    tense: str = ""
    skeleton: str = ""
    clause: Relation | None = None  # the fact of a "when" clause: "who was he seeing when he split from B"

    @property
    def a(self) -> str | None:
        """The first person named (the canonical name when one was found, else as typed)."""
        return self._person(0)

    @property
    def b(self) -> str | None:
        """The second person named."""
        return self._person(1)

    def _person(self, k: int) -> str | None:
        people = self.people
        return (people[k].name or people[k].typed) if len(people) > k else None

    @property
    def people(self) -> tuple[Mention, ...]:
        """The mentions of different people, in the order named."""
        seen: dict[str, Mention] = {}
        for m in self.mentions:
            seen.setdefault(m.name or fold_name(m.typed), m)
        return tuple(seen.values())

    def has(self, modifier: str) -> bool:
        return modifier in self.modifiers


def tokens_of(text: str) -> list[Token]:
    """The words of a question, folded, with "'s" read as a possessive (or as "is" after "who")."""
    found: list[Token] = []
    for match in _WORD.finditer(text):
        word = fold_name(match.group())
        if not word:
            continue
        start, end = match.span()
        after_apostrophe = start > 0 and text[start - 1] in _APOSTROPHES
        if word == "s" and after_apostrophe and found:
            previous = found[-1]
            if previous.word in _CONTRACTED:
                found.append(Token("is", start, end))
            else:
                found[-1] = Token(previous.word, previous.start, previous.end, previous.capital, True)
            continue
        if word == "t" and after_apostrophe and found:
            found.append(Token("not", start, end))
            continue
        plural_possessive = end < len(text) and text[end] in _APOSTROPHES and word.endswith("s")
        nxt = text[end + 1 : end + 2] if end + 1 < len(text) else ""
        for part in word.split():
            found.append(
                Token(part, start, end, match.group()[:1].isupper(), plural_possessive and not nxt.isalpha())
            )
    return found


_Dated = tuple[int, int, TimeSpan | None, str]  # a date in the question: where, its span, its signal
_EARLIEST = date(1900, 1, 1)  # "before 2010" asks from the start of the archive's time


def _dates(text: str, tokens: list[Token], today: date) -> list[_Dated]:
    """The dates the timex tagger finds in the question (None for "now"); marks their tokens."""
    spans: list[_Dated] = []
    for timex in tag(text, today):
        if timex.type != "DATE":
            continue
        if timex.value == "PRESENT_REF":
            spans.append((timex.start, timex.end, None, ""))
            continue
        span = timex.span
        if span is None:
            try:
                span = TimeSpan.of(timex.value, timex.mod)
            except ValueError:
                continue
        spans.append((timex.start, timex.end, span, timex.signal or ""))
    for k, token in enumerate(tokens):
        if any(s <= token.start < e for s, e, _, _ in spans):
            tokens[k] = Token(token.word, token.start, token.end, token.capital, token.possessive, True)
    return spans


def _period(
    spans: list[_Dated], tokens: Sequence[Token], today: date
) -> tuple[date | None, date | None, bool]:
    """The period the question's dates give, and whether one of them says "now"."""
    now = any(span is None for _, _, span, _ in spans)
    dated = [(s, e, span, signal) for s, e, span, signal in spans if span is not None]
    if not dated:
        return None, None, now
    first = dated[0][2]
    assert first is not None
    before = _word_before(tokens, dated[0][0])
    if len(dated) > 1 and before in _RANGE_OPEN and _word_before(tokens, dated[1][0]) in _RANGE_CLOSE:
        second = dated[1][2]
        assert second is not None
        return first.earliest, second.latest, now
    if before == "since":
        return first.earliest, today, now
    if before in ("before", "by", "until", "till") and first.earliest is not None:
        return _EARLIEST, first.earliest - timedelta(days=1), now
    if before == "after" and first.latest is not None:
        return first.latest + timedelta(days=1), today, now
    # "before 1970" the tagger reads as ..1969-12-31 itself: open sides run to the archive's ends.
    return first.earliest or _EARLIEST, first.latest or today, now


def _word_before(tokens: Sequence[Token], start: int) -> str:
    before = [t.word for t in tokens if t.end <= start and not t.date]
    return before[-1] if before else ""


def _phrases(
    words: Sequence[str], phrases: Sequence[tuple[tuple[str, ...], str]]
) -> list[tuple[int, int, str]]:
    """(length, position, label) of every phrase found in `words`."""
    found = []
    for phrase, label in phrases:
        size = len(phrase)
        for k in range(len(words) - size + 1):
            if tuple(words[k : k + size]) == phrase:
                found.append((size, k, label))
    return found


def _relation(words: Sequence[str], rules: Grammar) -> tuple[Relation | None, bool]:
    """The relation the longest relation phrase names; a weak word ("date", "with") or "together"
    only when nothing more precise is said; the first of equals."""
    found = _phrases(words, rules.relations)
    if not found:
        return None, False

    def rank(item: tuple[int, int, str]) -> tuple[int, bool, bool, int]:
        size, k, label = item
        weak = size == 1 and words[k] in rules.weak
        return (-size if not weak else 0, weak, label == TOGETHER, k)

    label = min(found, key=rank)[2]
    return (None, True) if label == TOGETHER else (Relation(label), False)


def read(text: str, directory: Directory, today: date) -> Question:
    """The question `text` asks, its people found in `directory`, its dates anchored on `today`."""
    rules = grammar()
    clean = " ".join(text.replace("\u2019", "'").split())
    tokens = tokens_of(clean)
    dates = _dates(clean, tokens, today)
    mentions = find_people(tokens, clean, directory, rules.function, rules.vocabulary, rules.titles)
    # A name is no date: "June Ada Moss", "Sunday Ivy Lund".
    named = [(tokens[m.first].start, tokens[m.last - 1].end) for m in mentions]
    dates = [d for d in dates if not any(s < d[1] and d[0] < e for s, e in named)]
    for m in mentions:
        for k in range(m.first, m.last):
            t = tokens[k]
            tokens[k] = Token(t.word, t.start, t.end, t.capital, t.possessive, False)
    day, last, now = _period(dates, tokens, today)
    labels: dict[str, str] = {}
    at: dict[int, Mention] = {m.first: m for m in mentions}
    inside = {k for m in mentions for k in range(m.first, m.last)}
    skeleton: list[str] = []
    plain: list[str] = []  # base forms without names and dates: where relations and modifiers are read
    k = 0
    while k < len(tokens):
        if k in at:
            mention = at[k]
            key = mention.name or fold_name(mention.typed)
            label = labels.setdefault(key, _LABELS[min(len(labels), len(_LABELS) - 1)])
            skeleton.append(label)
            if tokens[mention.last - 1].possessive:
                skeleton.append("s")
            plain.append("@")
            k = mention.last
            continue
        token = tokens[k]
        k += 1
        if k - 1 in inside:
            continue
        if token.date:
            if not skeleton or skeleton[-1] != "@date":
                skeleton.append("@date")
                plain.append("@")
            continue
        base = rules.base(token.word)
        skeleton.extend(base)
        plain.extend(base)
        if token.possessive:
            skeleton.append("s")
    shape = " ".join(skeleton)
    rule = next((r for r in rules.rules if r.pattern.search(shape)), None)
    words = [w for w in plain if w not in rules.filler and w != "@"]
    relation, together = _relation(words, rules)
    clause = None
    if rule is not None and rule.intent != "when" and "when" in words[1:]:
        # "Who was he seeing when he split from her?": the main fact, and the one that dates it.
        k = words.index("when", 1)
        main, main_together = _relation(words[:k], rules)
        if main is not None or main_together:
            clause = _relation(words[k + 1 :], rules)[0]
            relation, together = main, main_together
    modifiers = {m for _, _, m in _phrases(plain, [(p, m) for m, ps in rules.modifiers.items() for p in ps])}
    if "ending" in modifiers and (together or relation in (None, *_STATES)):
        relation, together = Relation.SPLIT, False  # "when did their marriage end?" asks of the split
    if now:
        modifiers.add("current")
    if re.search(r"\bbefore @b\b", shape):
        modifiers.add("before_b")
    if re.search(r"\b(?:after|since) @b\b", shape):
        modifiers.add("after_b")
    tense = next((_TENSES[t.word] for t in tokens[:4] if t.word in _TENSES), "")
    return Question(
        text=text,
        intent=rule.intent if rule else None,
        rule=rule.name if rule else None,
        mentions=tuple(mentions),
        relation=relation,
        together=together,
        day=day,
        last=last,
        modifiers=frozenset(modifiers),
        tense=tense,
        skeleton=shape,
        clause=clause,
    )

"""Questions in plain English, answered from the store with the evidence, or plainly not answered.

`ask(store, "When did Ann Cole and Ben Hart get engaged?")` matches the question against the
patterns of rules/en/questions.toml, finds the people it names, reads their history as known on
`as_of`, and says what the articles say — or that they do not say it (`known` is False). It never
guesses: a question it cannot read, or one the articles cannot answer, gets "unknown".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from storyline.errors import RulesError
from storyline.history import Event, Phase, open_phases, phases
from storyline.model import Precision, Relation, Status, TimeSpan
from storyline.query import Person, PersonNotFound, TimelineEntry, find_person
from storyline.resolve import fold_name
from storyline.store import Store

__all__ = ["Answer", "Question", "ask", "parse_question"]

_FILE = "rules/en/questions.toml"
_WHAT = {
    Relation.MET: "met",
    Relation.DATING: "started dating",
    Relation.ENGAGED: "got engaged",
    Relation.MARRIED: "married",
    Relation.SPLIT: "split",
    Relation.DIVORCED: "divorced",
    Relation.MOVED_IN: "moved in together",
    Relation.RECONCILED: "got back together",
    Relation.CHILD_BORN: "had a child",
}
_COUPLE = (
    Relation.MET,
    Relation.DATING,
    Relation.ENGAGED,
    Relation.MARRIED,
    Relation.SPLIT,
    Relation.DIVORCED,
)
_HEDGE = {Status.CONFIRMED: "", Status.REPORTED: "reportedly ", Status.RUMOURED: "are rumoured to have "}


@dataclass(frozen=True, slots=True)
class Question:
    """A question read by a rule: what it asks (`intent`) and the names, event and date in it."""

    rule: str
    intent: str
    a: str | None = None
    b: str | None = None
    relation: Relation | None = None
    day: date | None = None  # the first day of the period asked about ("in 2019": 2019-01-01)
    last: date | None = None  # its last day


@dataclass(frozen=True, slots=True)
class Answer:
    """`known` is False when the articles do not answer the question; `facts` are the evidence."""

    question: str
    known: bool
    answer: str
    facts: tuple[dict[str, Any], ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "known": self.known,
            "answer": self.answer,
            "facts": list(self.facts),
        }


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    intent: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Grammar:
    rules: tuple[_Rule, ...]
    events: dict[str, Relation]
    forms: dict[str, str]


@cache
def _grammar() -> _Grammar:
    text = resources.files("storyline").joinpath(_FILE).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    rules = []
    for raw in data.get("question", []):
        name = str(raw.get("name", "?"))
        try:
            pattern = re.compile(raw["pattern"], re.IGNORECASE)
        except (KeyError, re.error) as err:
            raise RulesError(_FILE, name, f"bad pattern: {err}") from None
        if not raw.get("examples"):
            raise RulesError(_FILE, name, "every question rule needs examples")
        rules.append(_Rule(name, str(raw["intent"]), pattern, tuple(raw["examples"])))
    try:
        events = {words: Relation(relation) for words, relation in data.get("events", {}).items()}
    except ValueError as err:
        raise RulesError(_FILE, "events", str(err)) from None
    return _Grammar(tuple(rules), events, dict(data.get("forms", {})))


def _relation_of(words: str, grammar: _Grammar) -> Relation | None:
    """The relation an event phrase names: "got engaged" → engaged, "broke up" → split."""
    tokens = [grammar.forms.get(w, w) for w in re.findall(r"[a-z]+", words.lower())]
    for size in range(len(tokens), 0, -1):
        for start in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[start : start + size])
            if phrase in grammar.events:
                return grammar.events[phrase]
    return None


def _split_event(name: str, event: str, grammar: _Grammar) -> tuple[str, str]:
    """Move words the pattern gave the event back to the name: ("Ben", "Hart get engaged") →
    ("Ben Hart", "get engaged"). The event starts at the first word that begins an event phrase."""
    words = event.split()
    firsts = {phrase.split()[0] for phrase in grammar.events}
    for k, word in enumerate(words):
        if grammar.forms.get(word.lower(), word.lower()) in firsts:
            return " ".join([name, *words[:k]]), " ".join(words[k:])
    return name, event


def _period(text: str | None) -> tuple[date | None, date | None]:
    """The first and last day of a YYYY, YYYY-MM or YYYY-MM-DD: "in 2015" asks about the whole year."""
    if not text:
        return None, None
    try:
        span = TimeSpan.parse(text)
    except ValueError:
        return None, None
    return span.earliest, span.latest


def parse_question(text: str) -> Question | None:
    """The question a rule reads in `text`, or None when no rule does."""
    grammar = _grammar()
    clean = " ".join(text.strip().split())
    for rule in grammar.rules:
        match = rule.pattern.match(clean)
        if match is None:
            continue
        groups = {k: v for k, v in match.groupdict().items() if v}
        if "event" in groups and "b" in groups:
            groups["b"], groups["event"] = _split_event(groups["b"], groups["event"], grammar)
        relation = _relation_of(groups["event"], grammar) if "event" in groups else None
        if "event" in groups and relation is None:
            continue
        return Question(
            rule=rule.name,
            intent=rule.intent,
            a=groups.get("a") or groups.get("person"),
            b=groups.get("b"),
            relation=relation,
            day=_period(groups.get("date"))[0],
            last=_period(groups.get("date"))[1],
        )
    return None


def _sources(events: Iterable[Event]) -> str:
    names = list(dict.fromkeys(s for e in events for s in e.sources))
    return ", ".join(names[:3]) + (" and more" if len(names) > 3 else "")


def _facts(person: Person, events: Iterable[Event]) -> tuple[dict[str, Any], ...]:
    return tuple(TimelineEntry(e, person.name).to_json() for e in events)


def _unknown(question: str, why: str) -> Answer:
    return Answer(question, False, why)


def _same(name: str | None, other: Person) -> bool:
    return name is not None and (
        name == other.name or name in other.variants or fold_name(name) == fold_name(other.name)
    )


def _with(person: Person, other: Person, relations: Iterable[Relation]) -> list[Event]:
    wanted = set(relations)
    return [e for e in person.events() if e.relation in wanted and _same(e.other(person.name), other)]


def _when(text: str, q: Question, a: Person, b: Person) -> Answer:
    assert q.relation is not None
    found = [e for e in _with(a, b, [q.relation]) if e.status is not Status.DENIED]
    dated = [e for e in found if e.when is not None]
    if not dated:
        said = "mention it but not when" if found else "do not say so"
        return _unknown(
            text, f"The articles {said}: no date for when {a.name} and {b.name} {_WHAT[q.relation]}."
        )
    parts = []
    for event in dated:
        assert event.when is not None
        hedge = _HEDGE.get(event.status, "")
        parts.append(
            f"{hedge}{_WHAT[q.relation]} {_phrase(event.when)} ({event.status.value}; {_sources([event])})"
        )
    return Answer(text, True, f"{a.name} and {b.name} " + "; then ".join(parts) + ".", _facts(a, dated))


def _phrase(span: TimeSpan) -> str:
    label = span.label()
    if label.startswith(".."):
        return f"by {label[2:]}"
    if label.endswith(".."):
        return f"after {label[:-2]}"
    if ".." in label:
        return f"between {label.replace('..', ' and ')}"
    return f"on {label}" if span.precision >= Precision.DAY else f"in {label}"


def _on(q: Question) -> str:
    if q.day is None:
        return "now"
    if q.last is None or q.last == q.day:
        return f"on {q.day.isoformat()}"
    return f"between {q.day.isoformat()} and {q.last.isoformat()}"


def _partners(text: str, q: Question, a: Person, as_of: date | None, only: Relation | None = None) -> Answer:
    day = q.day or as_of or date.today()
    open_now = [p for p in open_phases(a.events(), a.name, day, q.last) if only is None or p.phase is only]
    if not open_now:
        return _unknown(text, f"The articles name no {'spouse' if only else 'partner'} of {a.name} {_on(q)}.")
    described = "; ".join(
        f"{p.phase.value} with {p.partner} since {_since(p)} ({p.status.value})" for p in open_now
    )
    events = [
        e for e in a.events() if e.other(a.name) in {p.partner for p in open_now} and e.relation.is_state
    ]
    return Answer(text, True, f"{a.name} {_on(q)}: {described}.", _facts(a, events))


def _since(phase: Phase) -> str:
    return phase.since.label() if phase.since is not None else f"before {phase.known_since.isoformat()}"


def _is_married(text: str, q: Question, a: Person, as_of: date | None) -> Answer:
    day = q.day or as_of or date.today()
    married = [p for p in phases(a.events(), a.name) if p.phase is Relation.MARRIED]
    if not married:
        return _unknown(text, f"The articles do not say whether {a.name} was married {_on(q)}.")
    now = [p for p in married if p.open_at(day, q.last)]
    events = [e for e in a.events() if e.relation in (Relation.MARRIED, Relation.DIVORCED, Relation.SPLIT)]
    if now:
        who = ", ".join(f"{p.partner} (since {_since(p)})" for p in now)
        verb = "was" if q.day else "is"
        return Answer(
            text, True, f"Yes: {a.name} {verb} married to {who}, as the articles say.", _facts(a, events)
        )
    ended = "; ".join(f"to {p.partner} until {p.until.label() if p.until else '?'}" for p in married)
    return Answer(text, True, f"No, not {_on(q)}: {a.name} was married {ended}.", _facts(a, events))


def _is_single(text: str, q: Question, a: Person, as_of: date | None) -> Answer:
    day = q.day or as_of or date.today()
    known = phases(a.events(), a.name)
    if not known:
        return _unknown(text, f"The articles say nothing of {a.name}'s relationships.")
    now = open_phases(a.events(), a.name, day, q.last)
    if now:
        who = ", ".join(f"{p.phase.value} with {p.partner}" for p in now)
        return Answer(text, True, f"No: {a.name} is {who}, as the articles say.", _facts(a, a.events()))
    return Answer(
        text,
        True,
        f"As far as the articles say, yes: no relationship of {a.name} is under way {_on(q)}.",
        _facts(a, a.events()),
    )


def _how_long(text: str, a: Person, b: Person, as_of: date | None) -> Answer:
    spans = [p for p in phases(a.events(), a.name) if _same(p.partner, b) and p.since is not None]
    if not spans:
        return _unknown(text, f"The articles do not say when {a.name} and {b.name} got together.")
    start = min(p.since.earliest or date.max for p in spans if p.since is not None)
    ends = [p.until for p in spans]
    if any(u is None for u in ends):
        end, still = as_of or date.today(), True
    else:
        end, still = max((u.latest or u.earliest or date.min) for u in ends if u is not None), False
    years = (end - start).days / 365.25
    length = f"about {round(years)} years" if years >= 1.5 else f"about {max(1, round(years * 12))} months"
    tail = "and still together as far as the articles say" if still else f"until {end.isoformat()}"
    events = _with(
        a, b, [Relation.DATING, Relation.ENGAGED, Relation.MARRIED, Relation.SPLIT, Relation.DIVORCED]
    )
    return Answer(text, True, f"{length}: from {start.year} {tail}.", _facts(a, events))


def _said(text: str, a: Person, b: Person) -> Answer:
    """Quotes of `a` that name `b`, or that an article about the two of them carries."""
    words = [e for e in a.events() if e.relation is Relation.SAID and e.a == a.name]
    together = {c.evidence.article_id for e in _with(a, b, _COUPLE) for c in e.claims}

    def about_b(event: Event) -> bool:
        for claim in event.claims:
            named = b.name in claim.extra.get("about", "") or b.name.split()[-1] in claim.extra.get(
                "quote", ""
            )
            if named or claim.evidence.article_id in together:
                return True
        return False

    about = [e for e in words if about_b(e)]
    if not about:
        return _unknown(text, f"The articles quote nothing {a.name} said about {b.name}.")
    quotes = []
    for event in about:
        claim = event.claims[0]
        outlet = f" to {event.b}" if event.b else ""
        when = f" ({event.when.label()})" if event.when else ""
        quotes.append(f'{outlet.strip() or "said"}{when}: "{claim.extra.get("quote", "")[:300]}"')
    return Answer(text, True, f"{a.name} " + " / ".join(quotes), _facts(a, about))


def _children(text: str, a: Person) -> Answer:
    births = [e for e in a.events() if e.relation is Relation.CHILD_BORN]
    if not births:
        return _unknown(text, f"The articles name no child of {a.name}.")
    parts = [f"{e.child or 'a child'}" + (f" (born {e.when.label()})" if e.when else "") for e in births]
    return Answer(text, True, f"{a.name}'s children: {', '.join(parts)}.", _facts(a, births))


def _did(text: str, q: Question, a: Person, b: Person) -> Answer:
    assert q.relation is not None
    found = _with(a, b, [q.relation])
    if not found:
        return _unknown(text, f"The articles do not say that {a.name} and {b.name} {_WHAT[q.relation]}.")
    event = found[-1]
    if event.status is Status.DENIED:
        return Answer(text, True, f"No: it was denied ({_sources(found)}).", _facts(a, found))
    hedge = {Status.REPORTED: "Reportedly", Status.RUMOURED: "It is only rumoured"}.get(event.status, "Yes")
    when = f" {_phrase(event.when)}" if event.when else ""
    disputed = " It is disputed: a denial was reported too." if event.disputed else ""
    return Answer(
        text,
        True,
        f"{hedge}: {a.name} and {b.name} {_WHAT[q.relation]}{when} ({_sources(found)}).{disputed}",
        _facts(a, found),
    )


def _objects(text: str, a: Person, relation: Relation, none: str, lead: str) -> Answer:
    found = [e for e in a.events() if e.relation is relation]
    if not found:
        return _unknown(text, none)
    names = ", ".join(f"{e.b}" + (f" ({e.when.label()})" if e.when else "") for e in found)
    return Answer(text, True, f"{lead} {names}.", _facts(a, found))


def ask(store: Store, question: str, as_of: date | None = None) -> Answer:
    """The answer the articles (published by `as_of`) give to `question`, with its evidence."""
    parsed = parse_question(question)
    if parsed is None or parsed.a is None:
        return _unknown(
            question, "storyline cannot read this question; see `storyline ask --help` for the forms."
        )
    try:
        a = find_person(store, parsed.a.strip(), as_of)
        b = find_person(store, parsed.b.strip(), as_of) if parsed.b else None
    except PersonNotFound as err:
        return _unknown(question, f"The articles name no one called {err.name!r}.")
    pair: dict[str, Callable[[Person], Answer]] = {
        "when": lambda other: _when(question, parsed, a, other),
        "how_long": lambda other: _how_long(question, a, other, as_of),
        "said": lambda other: _said(question, a, other),
        "did": lambda other: _did(question, parsed, a, other),
    }
    if parsed.intent in pair:
        if b is None:
            return _unknown(question, "This question needs two people.")
        return pair[parsed.intent](b)
    if parsed.intent == "partners":
        return _partners(question, parsed, a, as_of)
    if parsed.intent == "spouse":
        return _partners(question, parsed, a, as_of, only=Relation.MARRIED)
    if parsed.intent == "is_married":
        return _is_married(question, parsed, a, as_of)
    if parsed.intent == "is_single":
        return _is_single(question, parsed, a, as_of)
    if parsed.intent == "children":
        return _children(question, a)
    if parsed.intent == "lives":
        return _objects(
            question,
            a,
            Relation.LIVES_IN,
            f"The articles do not say where {a.name} lives.",
            f"{a.name} lives in",
        )
    if parsed.intent == "acted":
        return _objects(
            question,
            a,
            Relation.ACTED_IN,
            f"The articles name no work {a.name} acted in.",
            f"{a.name} acted in",
        )
    return _unknown(question, f"storyline has no answer for questions of the kind {parsed.intent!r}.")

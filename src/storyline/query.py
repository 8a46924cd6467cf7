"""Questions about people, answered from a store: people, timeline, partners, sources, conflicts
(store + resolve + history).

Every answer has a `to_json()` that is the documented JSON of the CLI and the HTTP API.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.errors import StorylineError
from storyline.history import STALE_MONTHS, Conflict, Event, Phase, events, open_phases, stale_flags
from storyline.history import conflicts as find_conflicts
from storyline.model import Claim, IdentityEdit, Relation, Status, TimeSpan
from storyline.resolve import Identities, fold_name
from storyline.store import Store

__all__ = [
    "ConflictEntry",
    "Partner",
    "Person",
    "PersonNotFound",
    "SourceEntry",
    "TimelineEntry",
    "conflicts",
    "entries",
    "find_person",
    "parents",
    "partners",
    "people",
    "recent_people",
    "sources",
    "timeline",
]


class PersonNotFound(StorylineError):
    """No person of that name in the store; carries close names to suggest."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" (did you mean {', '.join(suggestions[:5])}?)" if suggestions else ""
        super().__init__(f"no one called {name!r} in the database{hint}")
        self.name = name
        self.suggestions = suggestions


@dataclass(frozen=True, slots=True)
class Person:
    """A person found in the store: the canonical name, every spelling of it, and their claims."""

    name: str
    variants: tuple[str, ...]
    claims: tuple[Claim, ...]
    identities: Identities

    def events(self) -> list[Event]:
        """The person's events, their own and their partners' names made canonical: those they take
        part in, and the births of which they are the child."""
        found = events(self.claims, self.identities.canonical)
        return [e for e in found if self.name in (e.a, e.b, e.child)]


def _label(span: TimeSpan | None) -> str | None:
    return span.label() if span is not None else None


def _dispute_json(event: Event) -> dict[str, Any]:
    claims = event.disputed or event.claims
    return {
        "relation": event.relation.value,
        "when": _label(event.when),
        "status": (event.disputed[0].status if event.disputed else event.status).value,
        "sources": list(dict.fromkeys(c.evidence.source or c.evidence.article_id for c in claims)),
    }


def parents(event: Event) -> list[str]:
    """The parents a child_born event names: `a`, and `b` unless `b` is the child."""
    return [p for p in (event.a, event.b) if p is not None and p != event.child]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a person's timeline: an event, or a relationship state from `when` to `ended`.

    A birth is seen from the side of the person: on a parent's timeline `with` is the other parent
    (None when unnamed) and `child` the child; on the child's own timeline `child` is the person and
    `with` a parent ("child of"). `stale` marks a rumoured or reported relationship that no article
    has restated for a while (history.STALE_MONTHS): shown, but no longer taken as current.
    """

    event: Event
    person: str
    stale: bool = False

    @property
    def is_child(self) -> bool:
        """Whether this is the birth of the person themself."""
        return self.event.relation is Relation.CHILD_BORN and self.event.child == self.person

    @property
    def partner(self) -> str | None:
        event = self.event
        if event.relation is not Relation.CHILD_BORN:
            return event.other(self.person)
        others = [p for p in parents(event) if p != self.person]
        return others[0] if others else None

    def to_json(self) -> dict[str, Any]:
        event = self.event
        best = min(event.claims, key=lambda c: (c.status is not event.status, c.when is None, c.known_at))
        return {
            "when": _label(event.when),
            "ended": _label(event.ended),
            "relation": event.relation.value,
            "with": self.partner,
            "child": event.child if event.relation is Relation.CHILD_BORN else None,
            "status": event.status.value,
            "known_since": event.known_since.isoformat(),
            "evidence": best.evidence.sentence,
            "sources": list(event.sources),
            "disputed": [_dispute_json(event)] if event.disputed else [],
            "stale": self.stale,
        }


@dataclass(frozen=True, slots=True)
class Partner:
    """Who a person was with on a day: the furthest phase of that relationship under way then, and
    the claims that tell of that phase (`evidence`: each article's sentence)."""

    phase: Phase
    evidence: tuple[Claim, ...] = ()

    def to_json(self) -> dict[str, Any]:
        phase = self.phase
        return {
            "name": phase.partner,
            "phase": phase.phase.value,
            "since": _label(phase.since),
            "status": phase.status.value,
            "sources": list(phase.sources),
            "disputed": [_dispute_json(e) for e in phase.disputed],
            "evidence": [_claim_json(c) for c in self.evidence],
        }


def _candidate_names(store: Store, name: str) -> list[str]:
    # The names sharing a word with `name` are all that `Identities.lookup` can match (the same name, a
    # spelling of it, or a fuller name holding its words), and an index finds them at any store size.
    words = [w for w in fold_name(name).split() if len(w) > 1] or fold_name(name).split()
    found: dict[str, None] = {}
    for word in words:
        for candidate in store.names_with_word(word, limit=500):
            found.setdefault(candidate, None)
    return list(found)


def find_person(store: Store, name: str, as_of: date | None = None, also: Iterable[str] = ()) -> Person:
    """The person `name` means, with the claims about them known on `as_of`; PersonNotFound if none.

    `also` names more names to take for the same person in this one lookup (a question that shows
    "Osric" and "Prince Osric" to be one man); a hand unmerge of two of them still keeps them apart.
    """
    extra = [n for n in also if n != name]
    # Dated before any hand edit, so that a hand unmerge of the two names wins over these.
    edits = [*(IdentityEdit(f"question:{n}", "merge", name, n, "") for n in extra), *store.identity_edits()]
    identities = Identities([*_candidate_names(store, name), *extra], edits)
    canonical = identities.lookup(name)
    if canonical is None:
        suggestions = [n for n in _candidate_names(store, name) if fold_name(name) in fold_name(n)]
        raise PersonNotFound(name, suggestions or _candidate_names(store, name)[:5])
    variants = identities.variants(canonical)
    claims = store.claims(variants, as_of)
    # Partners' names get merged too ("Lucia Pena" and "Lucía Peña" in two articles).
    others = {n for c in claims for n in (c.subject, c.object) if n is not None}
    identities = Identities([*others, *variants], edits)
    return Person(identities.canonical(canonical), tuple(variants), tuple(claims), identities)


def timeline(
    store: Store, name: str, as_of: date | None = None, stale_months: int = STALE_MONTHS
) -> list[TimelineEntry]:
    """Everything known about `name` on `as_of` (default: everything), in time order, denials too;
    a rumour or report no article has restated for `stale_months` by `as_of` (or today) is stale."""
    person = find_person(store, name, as_of)
    return entries(person, as_of or date.today(), stale_months)


def entries(person: Person, day: date, stale_months: int = STALE_MONTHS) -> list[TimelineEntry]:
    """The timeline of a person already found, with staleness as seen on `day`."""
    found = person.events()
    flags = stale_flags(found, day, stale_months)
    return [TimelineEntry(e, person.name, flag) for e, flag in zip(found, flags, strict=True)]


def partners(
    store: Store,
    name: str,
    at: date | None = None,
    as_of: date | None = None,
    stale_months: int = STALE_MONTHS,
) -> list[Partner]:
    """Who `name` was with on `at`, as known from articles published on or before `as_of`.

    Both default to today. A rumour or report that no article had restated for `stale_months` by
    `at` is not counted.
    """
    today = date.today()
    person = find_person(store, name, as_of or today)
    mine = person.events()
    found = open_phases(mine, person.name, at or today, stale_months=stale_months)
    return [Partner(p, _phase_claims(mine, person.name, p)) for p in found]


def _phase_claims(found: list[Event], name: str, phase: Phase) -> tuple[Claim, ...]:
    """The claims of the events that make `phase`: the state itself with that partner."""
    claims = [
        c
        for e in found
        if e.relation is phase.phase and e.other(name) == phase.partner
        for c in e.claims
        if c.status is not Status.DENIED
    ]
    return tuple(sorted(claims, key=lambda c: (c.known_at, c.evidence.source)))


def people(store: Store, query: str = "", limit: int = 20) -> list[str]:
    """The people whose name contains `query` (any case or accents), most written about first; the
    spellings of one person once, by their canonical name. Names of works, places and outlets (the
    other side of acted_in, lives_in, said) are left out."""
    names = [n for n in store.names(query.strip(), limit=limit) if _is_person(store, n)]
    identities = Identities(names, store.identity_edits())
    return list(dict.fromkeys(identities.canonical(n) for n in names))


def recent_people(store: Store, limit: int = 10) -> list[str]:
    """The people the latest articles told of, the latest first, each once by their canonical name."""
    names = [n for n in store.recent_names(limit * 3) if _is_person(store, n)]
    identities = Identities(names, store.identity_edits())
    return list(dict.fromkeys(identities.canonical(n) for n in names))[:limit]


def _is_person(store: Store, name: str) -> bool:
    # A person is the subject of a claim, or the other side of a partnership or a birth.
    return any(
        c.subject == name or c.relation.is_partnership or c.relation is Relation.CHILD_BORN
        for c in store.claims([name])
    )


def _claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "article": claim.evidence.article_id,
        "source": claim.evidence.source,
        "published": claim.known_at.isoformat(),
        "status": claim.status.value,
        "when": _label(claim.when),
        "sentence": claim.evidence.sentence,
        "span": [claim.evidence.start, claim.evidence.end],
    }


@dataclass(frozen=True, slots=True)
class ConflictEntry:
    """Two sides of one fact, each with the articles that take it."""

    conflict: Conflict

    def to_json(self) -> dict[str, Any]:
        event = self.conflict.event
        return {
            "kind": self.conflict.kind,
            "relation": event.relation.value,
            "a": event.a,
            "b": event.b,
            "when": _label(event.when),
            "sides": [
                {"says": says, "claims": [_claim_json(c) for c in claims]}
                for says, claims in self.conflict.sides
            ],
        }


def conflicts(store: Store, as_of: date | None = None, name: str | None = None) -> list[ConflictEntry]:
    """Facts the articles disagree on (about `name`, or about anyone), as known on `as_of`."""
    if name is not None:
        person = find_person(store, name, as_of)
        found = person.events()
    else:
        claims = store.claims(None, as_of)
        names = {n for c in claims for n in (c.subject, c.object) if n is not None}
        identities = Identities(names, store.identity_edits())
        found = events(claims, identities.canonical)
    return [ConflictEntry(c) for c in find_conflicts(found)]


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One fact about a person and every article that supports it, with the sentence it says it in."""

    event: Event
    person: str

    def to_json(self) -> dict[str, Any]:
        event = self.event
        return {
            "relation": event.relation.value,
            "with": event.other(self.person),
            "when": _label(event.when),
            "status": event.status.value,
            "corroboration": len({c.evidence.article_id for c in event.claims}),
            "claims": [_claim_json(c) for c in event.claims],
        }


def sources(
    store: Store,
    name: str,
    other: str | None = None,
    relation: Relation | None = None,
    as_of: date | None = None,
) -> list[SourceEntry]:
    """The articles behind each fact about `name` (with `other`, of `relation`, when given)."""
    person = find_person(store, name, as_of)
    wanted = None if other is None else set(find_person(store, other, as_of).variants)
    found = [
        e
        for e in person.events()
        if (relation is None or e.relation is relation)
        and (wanted is None or e.other(person.name) in wanted or e.other(person.name) == other)
    ]
    return [SourceEntry(e, person.name) for e in found]

"""A person's record as a question sees it: their events, relationship phases and births, on a day.

`Record` wraps a `query.Person` with the day the question is asked on (the `as_of` date, or today)
and how long a rumour may go unrestated before it is stale; the answers only read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from storyline.history import Event, Phase, open_phases, phases, stale
from storyline.model import Relation, Status, fold_name
from storyline.query import Person, TimelineEntry

__all__ = ["Record"]

_STATES = (Relation.DATING, Relation.ENGAGED, Relation.MARRIED)
_ORDER = {Relation.DATING: 1, Relation.ENGAGED: 2, Relation.MARRIED: 3}


@dataclass
class Record:
    """What the articles say of one person, as seen on `day`."""

    person: Person
    day: date
    stale_months: int

    @property
    def name(self) -> str:
        return self.person.name

    @cached_property
    def events(self) -> list[Event]:
        return self.person.events()

    @cached_property
    def phases(self) -> list[Phase]:
        return phases(self.events, self.name)

    def same(self, name: str | None, other: Person | None) -> bool:
        """Whether `name` is `other` (any spelling of them)."""
        if other is None:
            return True
        if name is None:
            return False
        return name == other.name or name in other.variants or fold_name(name) == fold_name(other.name)

    def with_(self, other: Person | None, relations: Iterable[Relation], denied: bool = True) -> list[Event]:
        """The person's events of these relations with `other` (with anyone when None)."""
        wanted = set(relations)
        return [
            e
            for e in self.events
            if e.relation in wanted
            and e.relation is not Relation.CHILD_BORN
            and self.same(e.other(self.name), other)
            and (denied or e.status is not Status.DENIED)
        ]

    def phases_with(self, other: Person | None, relation: Relation | None = None) -> list[Phase]:
        """The phases with `other` (anyone when None) of `relation` (any stage when None)."""
        return [
            p
            for p in self.phases
            if self.same(p.partner, other) and (relation is None or p.phase is relation)
        ]

    def phases_with_name(self, partner: str, relation: Relation) -> list[Phase]:
        """The phases of `relation` with the partner of this (canonical) name."""
        return [p for p in self.phases if p.partner == partner and p.phase is relation]

    def current(self, day: date | None = None, last: date | None = None) -> list[Phase]:
        """The furthest phase of each relationship under way on `day` (default: the record's day),
        stale rumours left out."""
        return open_phases(self.events, self.name, day or self.day, last, stale_months=self.stale_months)

    def stale_phases(self) -> list[Phase]:
        """Relationships under way as far as rumours or reports go, but stale on the record's day."""
        all_open = open_phases(self.events, self.name, self.day, stale_months=None)
        return [p for p in all_open if p.stale_at(self.day, self.stale_months)]

    def births_as_parent(self, other: Person | None = None) -> list[Event]:
        """Births of the person's children (with `other` as the other parent, when given)."""
        found = []
        for e in self.events:
            if e.relation is not Relation.CHILD_BORN or e.child == self.name or e.status is Status.DENIED:
                continue
            parents = [p for p in (e.a, e.b) if p and p != e.child]
            if other is not None and not any(self.same(p, other) for p in parents if p != self.name):
                continue
            found.append(e)
        return found

    def births_as_child(self) -> list[Event]:
        """The person's own birth, with the parents the articles name."""
        return [e for e in self.events if e.relation is Relation.CHILD_BORN and e.child == self.name]

    def is_stale(self, event: Event) -> bool:
        return stale(event, self.events, self.day, self.stale_months)

    def entry(self, event: Event) -> TimelineEntry:
        return TimelineEntry(event, self.name, self.is_stale(event))

    def furthest(self, found: Iterable[Phase]) -> list[Phase]:
        """For each partner, the furthest of these phases (married over engaged over dating)."""
        best: dict[str, Phase] = {}
        for phase in found:
            current = best.get(phase.partner)
            # The furthest stage; of one stage, a dated phase before an undated one.
            rank = (_ORDER[phase.phase], phase.since is not None)
            if current is None or rank > (_ORDER[current.phase], current.since is not None):
                best[phase.partner] = phase
        return list(best.values())

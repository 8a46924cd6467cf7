"""Conflicts: the facts the articles disagree on, with both sides' sources."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storyline.history.events import Event
from storyline.model import Claim, Relation, Status

__all__ = ["Conflict", "conflicts"]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Articles that disagree on one fact: a report and a denial of it ("denied"), or two dates for
    something that happens once ("dates"). Both sides are kept with their sources."""

    kind: str
    event: Event
    sides: tuple[tuple[str, tuple[Claim, ...]], ...]  # (what this side says, the claims that say it)


_ONCE = frozenset({Relation.MET, Relation.DATING, Relation.MOVED_IN})


def conflicts(found: Iterable[Event]) -> list[Conflict]:
    """The facts the articles disagree on, in time order."""
    result: list[Conflict] = []
    for event in found:
        if event.disputed:
            said = tuple(c for c in event.claims if c.status is not Status.DENIED)
            result.append(Conflict("denied", event, ((event.status.value, said), ("denied", event.disputed))))
            continue
        if event.relation not in _ONCE:
            continue
        dated = [c for c in event.claims if c.when is not None and not c.extra.get("when_from")]
        by_date: dict[str, list[Claim]] = {}
        for claim in dated:
            assert claim.when is not None
            home = next((k for k, v in by_date.items() if v[0].when and v[0].when.overlaps(claim.when)), None)
            by_date.setdefault(home or claim.when.label(), []).append(claim)
        if len(by_date) > 1:
            sides = tuple((label, tuple(claims)) for label, claims in sorted(by_date.items()))
            result.append(Conflict("dates", event, sides))
    return result

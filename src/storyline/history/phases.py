"""Relationship phases from events: dating → engaged → married between two people, each from its start
to the split, divorce or wedding that ends it; what is under way on a day; what has gone stale.

A split or divorce that is confirmed or reported ends the open phase (a rumoured or denied one does
not, and is shown as disputed); a reconciliation reopens it. A phase that only rumours or reports
stand for, with no article restating it for `STALE_MONTHS`, is stale: shown, but no longer taken
for a current relationship.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta

from storyline.history.events import CERTAIN, CLOSES, PHASE_ORDER, STATES, Event
from storyline.model import Relation, Status, TimeSpan

__all__ = ["STALE_MONTHS", "Phase", "open_phases", "phases", "stale", "stale_flags", "stale_since"]

#: How long a rumour or report may go without an article restating it before it is stale.
STALE_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Phase:
    """A stretch of a relationship between two people: dating, engaged or married."""

    partner: str
    phase: Relation
    since: TimeSpan | None
    until: TimeSpan | None
    status: Status
    sources: tuple[str, ...]
    known_since: date
    disputed: tuple[Event, ...] = field(default=())
    last_support: date | None = None  # the last article that stood for the relationship (not a denial)
    until_known: date | None = None  # the day an article first told of its end

    def open_at(self, day: date, last: date | None = None) -> bool:
        """Whether the phase can be under way on `day` (or on some day up to `last`): started by
        then and not certainly over before — over by its date, or by the day an article told of
        the end ("they split in 2018", written on 2018-10-18, is over on 2018-10-27)."""
        started = self.known_since if self.since is None else (self.since.earliest or date.min)
        if started > (last or day):
            return False
        if self.until is None:
            return True
        over = min(self.until.latest or date.max, self.until_known or date.max)
        return over > day  # on the day it ended (or the day an article told of it) it is over

    def stale_at(self, day: date, months: int = STALE_MONTHS) -> bool:
        """Whether, on `day`, the phase rests on a rumour or report that no article has restated for
        `months`: shown, but not taken for a current relationship."""
        if self.status not in (Status.REPORTED, Status.RUMOURED) or self.until is not None:
            return False
        return day > stale_since(self.last_support or self.known_since, months)


def stale_since(support: date, months: int = STALE_MONTHS) -> date:
    """The last day a rumour or report last restated on `support` still counts (the calendar's last
    day when that is later)."""
    try:
        return support + relativedelta(months=months)
    except ValueError:  # past year 9999
        return date.max


def phases(found: Iterable[Event], name: str) -> list[Phase]:
    """The relationship phases of `name` with each partner, in time order."""
    by_partner: dict[str, list[Event]] = {}
    for event in found:
        partner = event.other(name)
        if partner is not None and event.relation.is_partnership:
            by_partner.setdefault(partner, []).append(event)
    result: list[Phase] = []
    for partner, evts in by_partner.items():
        disputes = tuple(e for e in evts if (e.relation in CLOSES and e.status not in CERTAIN) or e.disputed)
        support = _last_support(evts)
        for event in evts:
            if event.status is Status.DENIED:
                continue
            if event.relation is Relation.RECONCILED:
                # Back together: dating again from the reconciliation to the next certain split.
                start = event.when.earliest if event.when and event.when.earliest else date.min
                # A reunion known only as "by October" ends at a split after it, not at the split
                # it undid: one told of before the reunion was.
                later = [
                    (e.when.sort_key(), e.when, e.known_since)
                    for e in evts
                    if e.relation in CLOSES
                    and e.status in CERTAIN
                    and e.when
                    and (e.when.earliest or date.min) > start
                    and (start > date.min or e.known_since >= event.known_since)
                ]
                first = min(later, key=lambda item: item[0], default=None)
                until, told = (first[1], first[2]) if first else (None, None)
                result.append(
                    Phase(
                        partner,
                        Relation.DATING,
                        event.when,
                        until,
                        event.status,
                        event.sources,
                        event.known_since,
                        disputes,
                        support,
                        told,
                    )
                )
            elif event.relation in STATES:
                result.append(
                    Phase(
                        partner,
                        event.relation,
                        event.when,
                        event.ended,
                        event.status,
                        event.sources,
                        event.known_since,
                        disputes,
                        support,
                        event.ended_known,
                    )
                )
    return sorted(
        result,
        key=lambda p: (
            (p.since.sort_key() if p.since else (p.known_since, p.known_since)),
            PHASE_ORDER[p.phase],
        ),
    )


def _last_support(found: Iterable[Event]) -> date | None:
    """The last day an article stood for a pair's relationship: any claim of it but a denial, a split
    or a divorce."""
    days = [
        c.known_at
        for e in found
        if e.relation not in CLOSES
        for c in e.claims
        if c.status is not Status.DENIED
    ]
    return max(days, default=None)


def stale(event: Event, found: Iterable[Event], day: date, months: int = STALE_MONTHS) -> bool:
    """Whether `event` is a relationship still open on `day` that only a rumour or report stands for,
    and that no article about the pair (`found` holds their events) has restated for `months`."""
    if not _hedged_open_state(event):
        return False
    pair = frozenset({event.a, event.b})
    return _stale_among(event, [e for e in found if frozenset({e.a, e.b}) == pair], day, months)


def stale_flags(found: Sequence[Event], day: date, months: int = STALE_MONTHS) -> list[bool]:
    """`stale` for each of `found` at once: a famous person's thousand events ask it of each pair once."""
    pairs: dict[frozenset[str | None], list[Event]] = {}
    for event in found:
        pairs.setdefault(frozenset({event.a, event.b}), []).append(event)
    return [
        _hedged_open_state(e) and _stale_among(e, pairs[frozenset({e.a, e.b})], day, months) for e in found
    ]


def _hedged_open_state(event: Event) -> bool:
    return (
        event.relation in STATES
        and event.ended is None
        and event.status in (Status.REPORTED, Status.RUMOURED)
    )


def _stale_among(event: Event, theirs: list[Event], day: date, months: int) -> bool:
    if any(
        e.relation in STATES and PHASE_ORDER[e.relation] > PHASE_ORDER[event.relation] and e.status in CERTAIN
        for e in theirs
    ):
        return False  # a rumoured romance the couple's engagement (or wedding) has since confirmed
    support = _last_support(theirs)
    return day > stale_since(support or event.known_since, months)


def open_phases(
    found: Iterable[Event],
    name: str,
    day: date,
    last: date | None = None,
    stale_months: int | None = STALE_MONTHS,
) -> list[Phase]:
    """For each partner, the furthest phase of the relationship under way on `day` (or on some day
    from `day` to `last`: "in 2019"); a phase gone stale by then is left out (`stale_months` None
    keeps it)."""
    best: dict[str, Phase] = {}
    for phase in phases(found, name):
        if not phase.open_at(day, last):
            continue
        if stale_months is not None and phase.stale_at(day, stale_months):
            continue
        current = best.get(phase.partner)
        if current is None or PHASE_ORDER[phase.phase] > PHASE_ORDER[current.phase]:
            best[phase.partner] = phase
    return sorted(best.values(), key=lambda p: p.partner)

"""The fold of claims into events: the claims of one fact from many articles become one `Event`.

Claims of the same fact (same relation, same two people, compatible dates) are one event; a
confirmed claim supersedes rumours and reports of it; a denial beside a report or rumour is a
conflict, kept with both sides' sources. A claim without a date joins a dated event only when that
event had happened by the claim's article, so that no event is "known" before it happened; each quote
is an event of its own; two splits with a reconciliation between them are two splits. Then every
relationship state gets the end a certain split, divorce (or, for an engagement, wedding) sets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from storyline.model import Claim, Relation, Status, TimeSpan

__all__ = ["CERTAIN", "CLOSES", "PHASE_ORDER", "STATES", "Event", "events", "name_map", "visible"]

STATES = (Relation.DATING, Relation.ENGAGED, Relation.MARRIED)
PHASE_ORDER = {Relation.DATING: 1, Relation.ENGAGED: 2, Relation.MARRIED: 3}
CLOSES = {Relation.SPLIT: (Relation.DATING, Relation.ENGAGED, Relation.MARRIED), Relation.DIVORCED: STATES}
# What ends each state: a split or divorce ends any; a wedding ends the engagement.
_ENDED_BY = {
    Relation.DATING: (Relation.SPLIT, Relation.DIVORCED),
    Relation.ENGAGED: (Relation.SPLIT, Relation.DIVORCED, Relation.MARRIED),
    Relation.MARRIED: (Relation.SPLIT, Relation.DIVORCED),
}
CERTAIN = (Status.CONFIRMED, Status.REPORTED)
_REPEATABLE = frozenset(
    {
        Relation.ENGAGED,
        Relation.MARRIED,
        Relation.SPLIT,
        Relation.RECONCILED,
        Relation.CHILD_BORN,
        Relation.DIVORCED,
    }
)
_STORY_ORDER = [
    Relation.MET,
    Relation.DATING,
    Relation.MOVED_IN,
    Relation.ENGAGED,
    Relation.MARRIED,
    Relation.CHILD_BORN,
    Relation.SPLIT,
    Relation.DIVORCED,
    Relation.RECONCILED,
    Relation.ACTED_IN,
    Relation.LIVES_IN,
    Relation.SAID,
]
_STRENGTH = {Status.CONFIRMED: 0, Status.REPORTED: 1, Status.RUMOURED: 2, Status.DENIED: 3}


@dataclass(frozen=True, slots=True)
class Event:
    """One fact about two people (or a person and a child), merged over every article that states it."""

    relation: Relation
    a: str
    b: str | None
    when: TimeSpan | None
    ended: TimeSpan | None
    status: Status
    claims: tuple[Claim, ...]
    disputed: tuple[Claim, ...] = ()
    child: str | None = None
    ended_known: date | None = None  # the day an article first told of the end: over by then

    @property
    def sources(self) -> tuple[str, ...]:
        return _sources(self.claims)

    @property
    def known_since(self) -> date:
        return min(c.known_at for c in self.claims)

    def other(self, name: str) -> str | None:
        return self.b if self.a == name else self.a if self.b == name else None

    def sort_key(self) -> tuple[date, int, date, str]:
        """Time order; on the same start, the story order (met before dating before engaged...)."""
        first, last = self.when.sort_key() if self.when else (date.max, date.max)
        return first, _STORY_ORDER.index(self.relation), last, self.b or ""


def _sources(claims: Iterable[Claim]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for claim in sorted(claims, key=lambda c: (c.known_at, c.evidence.source)):
        seen.setdefault(claim.evidence.source or claim.evidence.article_id, None)
    return tuple(seen)


def visible(claims: Iterable[Claim], as_of: date | None) -> list[Claim]:
    """The claims known on `as_of` (all when None), in a fixed order whatever order they came in."""
    kept = [c for c in claims if as_of is None or c.known_at <= as_of]
    return sorted(kept, key=lambda c: (c.known_at, c.evidence.article_id, c.evidence.start, c.id))


def _canonical(claim: Claim, canon: Callable[[str], str]) -> tuple[str, str | None, str | None]:
    child = claim.extra.get("child")
    a = canon(claim.subject)
    b = canon(claim.object) if claim.object is not None else None
    if claim.relation is Relation.CHILD_BORN and child is None and b is not None:
        child = b  # one parent named: the object is the child ("" says: an unnamed child of a and b)
    child = canon(child) if child else None
    return a, b, child


def _best_span(spans: Iterable[TimeSpan | None]) -> TimeSpan | None:
    """The finest span, a closed one before an open one; of equals, the narrowest ("by 2020-06-11"
    before "by 2022-03-10": both are true, the first says more)."""
    found = [s for s in spans if s is not None]
    return max(found, key=lambda s: (s.precision, not s.is_open, -_width(s)), default=None)


def _width(span: TimeSpan) -> int:
    """How wide a span is in days, an open side counted from the far end of the calendar."""
    return (span.latest or date.max).toordinal() - (span.earliest or date.min).toordinal()


def _arrival_free_order(claim: Claim) -> tuple[object, ...]:
    """A total order on claims that does not depend on the order they were loaded in."""
    return (
        claim.when is None,
        claim.known_at,
        claim.evidence.article_id,
        claim.evidence.start,
        claim.relation.value,
        claim.subject,
        claim.object or "",
        claim.extra.get("child", ""),
    )


_STRENGTH_OF = {"context": 1, "tense": 0}


def _when_rank(claim: Claim) -> tuple[int, int, bool]:
    """How good a claim's date is: stated on it, then the finer, then the closed."""
    assert claim.when is not None
    return (
        _STRENGTH_OF.get(claim.extra.get("when_from", ""), 2),
        claim.when.precision,
        not claim.when.is_open,
    )


def _best_when(claims: Iterable[Claim]) -> TimeSpan | None:
    """A date stated on the claim, before one from the clauses around it, before one only implied by
    the tense ("has split": by publication); then the finest."""
    dated = [c for c in claims if c.when is not None]
    strength = {"context": 1, "tense": 0}
    best = max((strength.get(c.extra.get("when_from", ""), 2) for c in dated), default=0)
    return _best_span(c.when for c in dated if strength.get(c.extra.get("when_from", ""), 2) == best)


def _fold_event(relation: Relation, a: str, b: str | None, child: str | None, claims: list[Claim]) -> Event:
    positive = [c for c in claims if c.status is not Status.DENIED]
    denied = [c for c in claims if c.status is Status.DENIED]
    confirmed = [c for c in claims if c.status is Status.CONFIRMED]
    if confirmed:
        status, basis, disputed = Status.CONFIRMED, confirmed, denied
    elif positive:
        # A denial beside a report or rumour is a conflict: the event stands as reported, disputed.
        status = min((c.status for c in positive), key=_STRENGTH.__getitem__)
        basis, disputed = positive, denied
    else:
        status, basis, disputed = Status.DENIED, denied, []
    when = _refined(_best_when(basis), positive) or _best_when(claims)
    ended = _best_span(c.ended for c in basis)
    told = [c.known_at for c in basis if c.ended is not None]
    former = [c.known_at for c in basis if c.extra.get("former")]
    if ended is None and former:
        # "his ex-wife" in an article of that day: over by then, we do not know since when.
        ended = TimeSpan.between(None, TimeSpan.of(min(former).isoformat()))
        told = former
    ended_known = min(told) if ended is not None and told else None
    return Event(relation, a, b, when, ended, status, tuple(claims), tuple(disputed), child, ended_known)


def _refined(when: TimeSpan | None, claims: Iterable[Claim]) -> TimeSpan | None:
    """`when`, narrowed by what other claims of the event say: a date inside it (a confirmed "split
    by 2022-03-10" that a report dates "by 2020-06-11" is the split by 2020-06-11), or a bound that
    cuts it ("in 2016" and "by 2016-09-20" is 2016, by September 20)."""
    if when is None:
        return None
    best = when
    for claim in claims:
        other = claim.when
        if other is None or not other.overlaps(when):
            continue
        inside = (
            when.earliest is None or (other.earliest is not None and other.earliest >= when.earliest)
        ) and (when.latest is None or (other.latest is not None and other.latest <= when.latest))
        if inside:
            narrower = other
        elif other.earliest is None and other.latest is not None and when.latest is not None:
            narrower = _cut(when, latest=min(other.latest, when.latest))  # a "by" bound
        elif other.latest is None and other.earliest is not None and when.earliest is not None:
            narrower = _cut(when, earliest=max(other.earliest, when.earliest))  # an "after" bound
        else:
            continue
        if _width(narrower) < _width(best):
            best = narrower
    return best


def _cut(span: TimeSpan, earliest: date | None = None, latest: date | None = None) -> TimeSpan:
    """`span` with one side moved in: the interval of its days from `earliest` or up to `latest`."""
    first = earliest or span.earliest
    last = latest or span.latest
    start = TimeSpan.of(first.isoformat()) if first is not None else None
    end = TimeSpan.of(last.isoformat()) if last is not None else None
    cut = TimeSpan.between(start, end)
    return replace(cut, precision=span.precision)


_NEAR = timedelta(days=90)  # TimeSpan.near's margin: two reports of one wedding, not two weddings


@dataclass(slots=True)
class _Group:
    """The claims of one event as they gather, with the days a claim must reach to be near its date."""

    claims: list[Claim]
    best: Claim | None = None  # the best-dated claim so far
    parents: set[str] = field(default_factory=set)  # of a birth: every parent its claims name
    rank: tuple[int, int, bool] = (-1, -1, False)  # its _when_rank
    lo: date = date.min  # a claim ending before this day is not near the best date
    hi: date = date.max  # nor one starting after this
    first_known: date = date.max  # the first article that told of the event

    def takes(self, claim: Claim) -> bool:
        """Whether `claim` belongs here: what TimeSpan.near says of it and the best date, inlined
        because a famous couple's thousands of claims each ask every group of their relation."""
        when = claim.when
        if self.best is None or when is None:
            return True
        return (when.earliest is None or when.earliest <= self.hi) and (
            when.latest is None or when.latest >= self.lo
        )

    def happened_by(self, day: date) -> bool:
        """Whether this dated event had certainly happened by `day`: an article of that day had told
        of it, or its date is over by then. An undated claim of that day can only be this event then."""
        if self.first_known <= day:
            return True
        assert self.best is not None and self.best.when is not None
        latest = self.best.when.latest
        return latest is not None and latest <= day

    def add(self, claim: Claim) -> None:
        self.claims.append(claim)
        self.first_known = min(self.first_known, claim.known_at)
        when = claim.when
        if when is None:
            return
        rank = _when_rank(claim)
        if self.best is not None and rank <= self.rank:
            return
        self.best, self.rank = claim, rank
        self.lo = when.earliest - _NEAR if when.earliest and when.earliest > date.min + _NEAR else date.min
        self.hi = when.latest + _NEAR if when.latest and when.latest < date.max - _NEAR else date.max


def _home(
    groups: list[_Group],
    claim: Claim,
    repeatable: bool,
    barriers: Sequence[TimeSpan] = (),
    parents: frozenset[str] | None = None,
) -> _Group | None:
    """The group `claim` joins, or None for a new one.

    Dated claims come first (see `_arrival_free_order`). An undated claim joins the latest dated
    event that had happened by its article, else the undated one: "they split" in a 2018 article is
    not the split of 2019 that a 2019 article dates, or that split would be known before it happened.
    Two splits with a reconciliation between them (`barriers`) are two splits, however near; the
    births of a child of one name are one birth when they share a parent (`parents`).
    """
    if parents is not None:
        groups = [g for g in groups if g.parents & parents]
    if not repeatable:
        return groups[0] if groups else None
    if claim.when is not None:
        return next((g for g in groups if g.takes(claim) and not _parted(g, claim.when, barriers)), None)
    dated = [g for g in groups if g.best is not None and g.happened_by(claim.known_at)]
    if dated:
        return max(dated, key=lambda g: _group_order(g))
    return next((g for g in groups if g.best is None), None)


def _parted(group: _Group, when: TimeSpan, barriers: Sequence[TimeSpan]) -> bool:
    """Whether a barrier (a reconciliation) lies wholly between the group's date and `when`."""
    if not barriers or group.best is None or group.best.when is None:
        return False
    best = group.best.when
    ends = [s.latest for s in (best, when) if s.latest is not None]
    starts = [s.earliest for s in (best, when) if s.earliest is not None]
    if len(ends) < 2 or len(starts) < 2:
        return False
    low, high = min(ends), max(starts)
    return any(
        b.earliest is not None and b.latest is not None and b.earliest > low and b.latest < high
        for b in barriers
    )


def _group_order(group: _Group) -> tuple[date, date]:
    assert group.best is not None and group.best.when is not None
    return group.best.when.sort_key()


def events(claims: Iterable[Claim], canon: Callable[[str], str] = str) -> list[Event]:
    """Claims merged into events; `canon` maps every name to the person's canonical name."""
    buckets: dict[tuple[object, ...], list[_Group]] = {}
    ordered = sorted(claims, key=_arrival_free_order)
    reunions: dict[frozenset[str], list[TimeSpan]] = {}
    for claim in ordered:
        if claim.relation is Relation.RECONCILED and claim.when is not None and claim.status in CERTAIN:
            a, b, _ = _canonical(claim, canon)
            reunions.setdefault(frozenset({a, b or ""}), []).append(claim.when)
    for claim in ordered:
        a, b, child = _canonical(claim, canon)
        parents: frozenset[str] | None = None
        if claim.relation is Relation.CHILD_BORN and child:
            # One child, however many parents each article names: "Teo, son of Ana Ruiz and
            # Cal Ng" and "Ng's son Teo" are one birth.
            parents = frozenset(p for p in (a, b) if p and p != child)
            key: tuple[object, ...] = (claim.relation, "child", child)
        elif claim.relation is Relation.SAID:
            key = (claim.relation, frozenset({a, b or ""}), claim.extra.get("quote", ""))  # each quote
        else:
            key = (claim.relation, frozenset({a, b or ""}), child)
        groups = buckets.setdefault(key, [])
        barriers = reunions.get(frozenset({a, b or ""}), ()) if claim.relation in CLOSES else ()
        home = _home(groups, claim, claim.relation in _REPEATABLE, barriers, parents)
        if home is None:
            home = _Group([])
            groups.append(home)
        home.add(claim)
        if parents:
            home.parents |= parents
    result: list[Event] = []
    for groups in buckets.values():  # in the order their first claims came
        for group in groups:
            first = group.claims[0]
            if first.relation is Relation.CHILD_BORN:
                # The claim that names the most of the birth: both parents.
                first = max(group.claims, key=lambda c: _named(c, canon))
            a, b, child = _canonical(first, canon)
            result.append(_fold_event(first.relation, a, b, child, group.claims))
    return sorted(_close(result), key=Event.sort_key)


def _named(claim: Claim, canon: Callable[[str], str]) -> int:
    """How many people a claim names besides a child (ties keep the first claim)."""
    a, b, child = _canonical(claim, canon)
    return sum(1 for p in (a, b) if p and p != child)


def _close(found: list[Event]) -> list[Event]:
    """Give every state the end that a confirmed or reported split or divorce of the pair sets (and
    an engagement the end its wedding sets)."""
    # The dated, certain events of each pair and relation, numbered so that ties keep their order.
    certain: dict[tuple[frozenset[str | None], Relation], list[tuple[int, Event]]] = {}
    for number, e in enumerate(found):
        if e.status in CERTAIN:
            certain.setdefault((frozenset({e.a, e.b}), e.relation), []).append((number, e))
    closed: list[Event] = []
    for event in found:
        if event.relation in STATES and event.ended is None:
            start = event.when.earliest if event.when and event.when.earliest else date.min
            pair = frozenset({event.a, event.b})
            endings = [
                (when.sort_key(), number, when, e.known_since)
                for relation in _ENDED_BY[event.relation]
                for number, e in certain.get((pair, relation), ())
                if e is not event
                for when in [_ending_date(e, event)]
                if when is not None and (when.latest or date.max) >= start
            ]
            if endings:
                _, _, ended, told = min(endings)
                event = replace(event, ended=ended, ended_known=told)
        closed.append(event)
    return closed


def _ending_date(ending: Event, state: Event) -> TimeSpan | None:
    """When `ending` ends `state`: its date; or, undated, by the day it was first told of — but only
    for a state as undated as it and told of no later, since an undated split could be any of a
    couple's splits ("they split in 2012" and again in 2019)."""
    if ending.when is not None:
        return ending.when
    if state.when is not None or ending.known_since < state.known_since:
        return None
    return TimeSpan.between(None, TimeSpan.of(ending.known_since.isoformat()))


def name_map(pairs: Mapping[str, str]) -> Callable[[str], str]:
    """A `canon` function from a name → canonical name table (names not in it map to themselves)."""
    return lambda name: pairs.get(name, name)

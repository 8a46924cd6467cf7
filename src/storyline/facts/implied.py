"""What the readings of one article imply beyond themselves.

A divorce says the two were married; a split after a stated time says they were together that long;
a split or divorce ends the pair's states, a reconciliation reopens them, and a stated length gives
a state its start; "her ex" of someone the article says she married is her ex-husband; a child's two
parents named apart are one birth; children counted but not named are a couple's only when the two
are partners in the article.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from storyline.facts.reading import COUNTED, Reading, same_name
from storyline.model import Claim, Mod, Relation, Status, TimeSpan
from storyline.timex import offset

__all__ = [
    "both_parents",
    "close_states",
    "counted_of_couples",
    "implied",
    "the_couples_children",
    "upgraded",
]

# What ends a state, in order of preference: a marriage ends at its divorce when the article gives
# one, else at the separation; the rest end at the split (the divorce of a couple who split later).
_ENDS = {
    Relation.DATING: (Relation.SPLIT, Relation.DIVORCED),
    Relation.ENGAGED: (Relation.SPLIT, Relation.DIVORCED),
    Relation.MARRIED: (Relation.DIVORCED, Relation.SPLIT),
    Relation.MOVED_IN: (Relation.SPLIT, Relation.DIVORCED),
}


def _ending(claim: Claim, claims: list[Claim]) -> TimeSpan | None:
    """When the article says a state of the pair ended: its divorce (for a marriage) or split,
    confirmed or reported, after the state began; after the pair's last reconciliation, if any,
    which reopens what the split before it ended."""
    pair = {claim.subject, claim.object}
    start = claim.when.earliest if claim.when is not None and claim.when.earliest else date.min
    of_pair = [c for c in claims if {c.subject, c.object} == pair and c.when is not None]
    # a reunion known only by a date it had happened by ("back together by 2016") counts from then,
    # but not one dated by the tense alone ("they are back together": by the article's day)
    reunions = [
        c.when.earliest or (c.when.latest if c.extra.get("when_from") != "tense" else None) or date.min
        for c in of_pair
        if c.relation is Relation.RECONCILED and c.when is not None
    ]
    if reunions:
        start = max(start, max(reunions))
    for relation in _ENDS[claim.relation]:
        endings = [
            c.when
            for c in of_pair
            if c.relation is relation
            and c.when is not None
            and c.status in (Status.CONFIRMED, Status.REPORTED)
            # an open end ("split some time after 2012") is after the state only if it starts after it
            and (c.when.latest or c.when.earliest or date.max) >= start
        ]
        if endings:
            return min(endings, key=lambda w: w.sort_key())
    return None


# A length "more than" so long starts by the date it counts back to; "less than", on or after it.
_LENGTH_MODS = {
    "MORE_THAN": Mod.ON_OR_BEFORE,
    "EQUAL_OR_MORE": Mod.ON_OR_BEFORE,
    "LESS_THAN": Mod.ON_OR_AFTER,
    "EQUAL_OR_LESS": Mod.ON_OR_AFTER,
}


def _back_by(anchor: TimeSpan | date, duration: str, mod: str | None = None) -> TimeSpan | None:
    """The start of a state that lasted `duration` up to `anchor`. A vague length ("a few weeks",
    PXW) starts two to six of its units before, but "years" dates nothing; "more than 20 years" starts by
    20 years before."""
    if "X" not in duration:
        start = offset(anchor, duration, -1)
        return start.with_mod(_LENGTH_MODS[mod]) if start is not None and mod in _LENGTH_MODS else start
    unit = duration[-1]
    if unit not in ("D", "W", "M"):
        return None  # "a years-long romance" is too loose a length to date a start by
    earliest, latest = offset(anchor, f"P6{unit}", -1), offset(anchor, f"P2{unit}", -1)
    if earliest is None or latest is None:
        return None
    return TimeSpan.between(earliest, latest)


def _until(claim: Claim) -> TimeSpan | None:
    """The date a state's length counts back from, when another event of the sentence ends it."""
    try:
        return TimeSpan.of(claim.extra["duration_until"]) if "duration_until" in claim.extra else None
    except ValueError:
        return None


def close_states(claims: list[Claim], published: date) -> list[Claim]:
    """States end at the article's split or divorce of the same pair; a stated length gives the start."""
    result: list[Claim] = []
    for claim in claims:
        ended = claim.ended
        if claim.relation in _ENDS and ended is None:
            ended = _ending(claim, claims)
        when = claim.when
        duration = claim.extra.get("duration")
        if when is None and duration:
            anchor = ended if ended is not None else _until(claim) or published
            when = _back_by(anchor, duration, claim.extra.get("duration_mod"))
        if (when, ended) != (claim.when, claim.ended):
            extra = {
                k: v
                for k, v in claim.extra.items()
                if k not in ("duration", "duration_mod", "duration_until") or when is None
            }
            claim = replace(claim, when=when, ended=ended, extra=extra)
        result.append(claim)
    return result


# What an ending implies is taken for granted whatever hedges the ending: "they reportedly called off
# their engagement" reports the calling off, not that they were engaged.
_PRESUPPOSED: dict[str, Any] = {"status": Status.CONFIRMED, "explicit": False, "presupposed": True}


def _state_before(ending: Reading, state: Relation, lasted: str | None) -> Reading:
    """The state an ending closes, read off the ending's sentence: ended by its date (unless that only
    says "by now"), and begun `lasted` before it when the ending says how long it lasted."""
    dated = ending.when is not None and not ending.by_now
    return replace(
        ending,
        relation=state,
        when=None,
        ended=ending.when if dated else None,
        # the length counts back from the ending's date; without one it dates nothing
        duration=lasted if dated else None,
        by_now=False,
        rule=f"{ending.rule}>{state.value}",
        trigger=-1 - ending.trigger,
        **_PRESUPPOSED,
    )


# The rule of an engagement or wedding called off (relations.toml).
_CALLED_OFF = "split.engagement_off"


def implied(readings: list[Reading]) -> list[Reading]:
    """What a divorce says besides itself: the two were married. An engagement or wedding called off
    says they were engaged. A divorce (or a divorce filing) of
    a pair the article never calls married gives a married reading from the same sentence, ended by a
    final divorce. A split after a stated time ("broke up after three years") of a pair the article
    gives no relationship says they were together that long: a dating reading."""
    married = {r.pair for r in readings if r.relation is Relation.MARRIED}
    together = {
        r.pair for r in readings if r.relation in (Relation.DATING, Relation.ENGAGED, Relation.MARRIED)
    }
    engaged = {r.pair for r in readings if r.relation is Relation.ENGAGED}
    implied: list[Reading] = []
    for reading in readings:
        if reading.rule == _CALLED_OFF and reading.pair not in engaged:
            # "called off their engagement" (or their wedding): they had been engaged, until then
            implied.append(_state_before(reading, Relation.ENGAGED, reading.lasted))
            engaged.add(reading.pair)
            together.add(reading.pair)
            continue
        if reading.relation is Relation.SPLIT and reading.lasted and reading.pair not in together:
            implied.append(replace(_state_before(reading, Relation.DATING, reading.lasted), least=True))
            together.add(reading.pair)
        filing = reading.relation is Relation.SPLIT and "divorce" in reading.rule
        if (reading.relation is Relation.DIVORCED or filing) and reading.pair not in married:
            # a filing does not end the marriage; a final divorce does
            marriage = _state_before(reading, Relation.MARRIED, None)
            if filing:
                marriage = replace(marriage, ended=None)
            implied.append(marriage)
            married.add(reading.pair)
    return implied


def upgraded(readings: list[Reading]) -> list[Reading]:
    """ "Her ex" of someone the article says she married is her ex-husband: the reading joins the marriage."""
    strongest: dict[frozenset[str], Relation] = {}
    for reading in readings:
        for relation in (Relation.MARRIED, Relation.ENGAGED):
            if reading.relation is relation and strongest.get(reading.pair) is not Relation.MARRIED:
                strongest[reading.pair] = relation

    # A dated "relationship since 2009", or one with its own length ("ended their 12-year
    # relationship" of a couple married five years), is the dating from its start; only an undated
    # mention (or one dated by the tense alone) is taken over.
    def taken_over(r: Reading) -> bool:
        return r.least and r.pair in strongest and (r.when is None or r.by_now) and r.duration is None

    return [replace(r, relation=strongest[r.pair]) if taken_over(r) else r for r in readings]


def both_parents(readings: list[Reading]) -> list[Reading]:
    """ "His mother, Ann Cole, is a writer ... His father, Ben Hart, ...": a child whose two parents
    the article names apart is one birth with both parents, not one birth per parent."""
    parents: dict[str, list[str]] = {}
    for reading in readings:
        if reading.relation is Relation.CHILD_BORN and reading.b is None and reading.child:
            named = parents.setdefault(_child_key(reading.child, parents), [])
            if reading.a not in named:
                named.append(reading.a)
    result = []
    for reading in readings:
        if reading.relation is Relation.CHILD_BORN and reading.b is None and reading.child:
            named = parents[_child_key(reading.child, parents)]
            if len(named) == 2:
                reading = replace(reading, a=named[0], b=named[1])
        result.append(reading)
    return result


def _child_key(child: str, known: dict[str, list[str]]) -> str:
    """The name a child is already known by: "Leo" and "Leo Hart" are one child."""
    return next((name for name in known if same_name(name, child)), child)


def counted_of_couples(readings: list[Reading]) -> list[Reading]:
    """Children counted but not named ("they have two children") are a couple's: the two the
    sentence's "they" or "their" was taken for must be partners somewhere in the article, else the
    pronoun was misread ("they" for two presidents named in the sentence before)."""
    couples = {r.pair for r in readings if r.relation.is_partnership and r.b}
    return [
        r
        for r in readings
        if not (r.relation is Relation.CHILD_BORN and r.rule.endswith(COUNTED))
        or frozenset({r.a, r.b or ""}) in couples
    ]


def the_couples_children(readings: list[Reading]) -> list[Reading]:
    """ "Ann and Ben had four children. Her four children are Leo, born in 1998, ...": children listed
    with one parent are the couple's when the article counts that couple's children and the count is
    the number listed; the counted line then stands for no child of its own."""
    listed: dict[str, list[Reading]] = {}
    for reading in readings:
        if reading.relation is Relation.CHILD_BORN and reading.b is None and reading.child:
            listed.setdefault(reading.a, []).append(reading)
    counted = [
        r
        for r in readings
        if r.relation is Relation.CHILD_BORN and r.b and not r.child and r.count is not None
    ]
    joined: dict[int, str] = {}  # id of a listed reading → the other parent
    dropped: set[int] = set()
    for couple in counted:
        for parent, other in ((couple.a, couple.b or ""), (couple.b or "", couple.a)):
            children = listed.get(parent, [])
            names = {r.child for r in children}
            if other and children and len(names) == couple.count:
                joined.update((id(r), other) for r in children)
                dropped.add(id(couple))
    return [replace(r, b=joined[id(r)]) if id(r) in joined else r for r in readings if id(r) not in dropped]

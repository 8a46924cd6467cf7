"""Answers whose answer is people or a number: who someone is or was with (now, on a day, in order,
or all of them), their children, how many, and how long a couple were together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storyline.ask.answer import Answer, known, unknown
from storyline.ask.reading import Question
from storyline.ask.record import Record
from storyline.ask.relationships import (
    CERTAIN,
    ENDINGS,
    NOUN,
    ORDINALS,
    STATES,
    all_events,
    from_words,
    pair,
    phase_note,
    phase_text,
    stage_of,
)
from storyline.ask.words import fact, listing
from storyline.history import Event, Phase
from storyline.model import Relation, Status, TimeSpan
from storyline.query import Person

__all__ = ["children", "count", "how_long", "who"]

_ORDER = {Relation.DATING: 1, Relation.ENGAGED: 2, Relation.MARRIED: 3}


def who(q: Question, a: Record, b: Person | None) -> Answer:
    """Who someone is (or was) with: now, on a day, in order ("first husband"), or all of them."""
    if q.relation is Relation.CHILD_BORN:
        return children(q, a, b)
    if q.relation in (*ENDINGS, Relation.RECONCILED, Relation.MET, Relation.MOVED_IN):
        return _with_event(q, a, q.relation)
    if q.clause is not None and b is not None:
        return _at_that_time(q, a, b, q.clause)
    stage = stage_of(q)
    noun = NOUN.get(stage, "partner")
    mine = [p for p in a.phases if p.status is not Status.DENIED and (stage is None or p.phase is stage)]
    if b is not None and (q.has("before_b") or q.has("after_b")):
        theirs = [p.since.sort_key() for p in a.phases_with(b) if p.since is not None]
        if not theirs:
            return unknown(q.text, f"The articles do not say when {a.name} and {b.name} got together")
        first = min(theirs)
        later = q.has("after_b")
        mine = [
            p
            for p in mine
            if not a.same(p.partner, b) and p.since is not None and ((p.since.sort_key() > first) == later)
        ]
        when = f"{'after' if later else 'before'} {b.name}"
        return _listed(q, a, a.furthest(mine), noun, f"The articles name no dated {noun} of {a.name} {when}")
    ordinal = next((w for w in ORDINALS if q.has(w)), None)
    if q.has("ex"):
        parted = {e.other(a.name) for e in a.with_(None, ENDINGS, denied=False) if e.status in CERTAIN}
        mine = [p for p in mine if p.until is not None or p.partner in parted]
        return _listed(q, a, a.furthest(mine), f"former {noun}")
    if ordinal is not None:
        ordered = sorted(
            a.furthest(mine), key=lambda p: p.since.sort_key() if p.since else (p.known_since, p.known_since)
        )
        k = ORDINALS[ordinal]
        if not ordered or len(ordered) <= (k if k >= 0 else 0) or any(p.since is None for p in ordered):
            return unknown(q.text, f"The articles do not tell which was {a.name}'s {ordinal} {noun}", a)
        return _listed(q, a, [ordered[k]], f"{ordinal} {noun}")
    past = q.tense in ("past", "perfect") and not q.has("current")
    if q.day is None and past:
        return _listed(q, a, a.furthest(mine), noun)
    under_way = a.current(q.day, q.last)
    current = [p for p in under_way if stage is None or p.phase is stage]
    if current:
        text = "; ".join(phase_text(p, a) for p in current)
        return known(q.text, text, a, all_events(current, a))
    if stage is not None:
        # "Who is she engaged to?" of a woman since married: her husband, once her fiancé.
        moved_on = [
            p for p in under_way if _ORDER[p.phase] > _ORDER[stage] and a.phases_with_name(p.partner, stage)
        ]
        if moved_on:
            text = "; ".join(
                phase_text(s, a) for p in moved_on for s in (*a.phases_with_name(p.partner, stage), p)
            )
            return known(q.text, text, a, all_events(moved_on, a))
    if q.day is not None:
        return unknown(q.text, f"The articles name no {noun} of {a.name} then")
    over = [p for p in mine if p.until is not None and p.status in CERTAIN]
    stale = [p for p in a.stale_phases() if stage is None or p.phase is stage]
    if over or stale:
        parts = [phase_text(p, a) for p in over] + [phase_text(p, a, True) for p in stale]
        text = "No one now, as far as the articles tell: " + "; ".join(parts)
        return (known if over else unknown)(q.text, text, a, all_events([*over, *stale], a))
    return unknown(q.text, f"The articles name no {noun} of {a.name}")


def _at_that_time(q: Question, a: Record, b: Person, clause: Relation) -> Answer:
    """Who someone was with when something happened with another: at the date of that event."""
    dated = sorted(
        (e for e in a.with_(b, [clause], denied=False) if e.when is not None and e.status in CERTAIN),
        key=Event.sort_key,
    )
    if not dated or dated[0].when is None:
        return unknown(q.text, f"The articles do not date when {a.name} and {b.name} {clause.value}")
    when = dated[0].when
    day, last = when.earliest or when.latest, when.latest or when.earliest
    assert day is not None
    stage = stage_of(q)
    found = [
        p for p in a.current(day, last) if not a.same(p.partner, b) and (stage is None or p.phase is stage)
    ]
    if not found:
        return unknown(q.text, f"The articles name no one else {a.name} was with then", a, dated)
    text = "; ".join(phase_text(p, a) for p in found)
    return known(q.text, f"{text}; {fact(dated[0], a.name)}", a, [*all_events(found, a), *dated])


def _with_event(q: Question, a: Record, relation: Relation) -> Answer:
    """Who someone split from, met, moved in with...: the other side of those events."""
    found = sorted(
        (
            e
            for e in a.with_(None, [relation], denied=False)
            if q.day is None or e.when is None or e.when.overlaps(_period(q))
        ),
        key=Event.sort_key,
    )
    if not found:
        return unknown(q.text, f"The articles name no one {a.name} {relation.value} with")
    return known(q.text, "; ".join(fact(e, a.name) for e in found), a, found)


def _period(q: Question) -> TimeSpan:
    assert q.day is not None
    return TimeSpan.between(TimeSpan.of(q.day.isoformat()), TimeSpan.of((q.last or q.day).isoformat()))


def _listed(q: Question, a: Record, found: Sequence[Phase], noun: str, none: str | None = None) -> Answer:
    if not found:
        return unknown(q.text, none or f"The articles name no {noun} of {a.name}")
    ordered = sorted(found, key=lambda p: p.since.sort_key() if p.since else (p.known_since, p.known_since))
    text = "; ".join(phase_text(p, a) for p in ordered)
    return known(q.text, text, a, all_events(ordered, a))


def children(q: Question, a: Record, b: Person | None) -> Answer:
    births = a.births_as_parent(b)
    if q.day is not None:  # "her daughter born in 2008"
        births = [e for e in births if e.when is not None and e.when.overlaps(_period(q))]
    if not births:
        return unknown(q.text, f"The articles name no child of {pair(a, b)}")
    ordinal = next((w for w in ORDINALS if q.has(w)), None)
    if ordinal is not None:
        # "her eldest son": by birth date, when the articles date every child.
        if any(e.when is None for e in births):
            return unknown(q.text, f"The articles do not date every child of {pair(a, b)}", a, births)
        births = [sorted(births, key=Event.sort_key)[ORDINALS[ordinal]]]
    named = [e for e in births if e.child]
    text = "; ".join(fact(e, a.name) for e in births)
    if not named:
        return unknown(q.text, f"The articles tell of {len(births)} but name none: {text}", a, births)
    return known(
        q.text, f"{pair(a, b)}'s children: {listing([e.child for e in named if e.child])}. {text}", a, births
    )


# --- how many, how long --------------------------------------------------------------------------


def count(q: Question, a: Record, b: Person | None) -> Answer:
    """How many children, how many times something happened, how many partners."""
    relation = q.relation
    if relation is Relation.CHILD_BORN:
        births = a.births_as_parent(b)
        if not births:
            return unknown(q.text, f"The articles name no child of {pair(a, b)}")
        names = [e.child for e in births if e.child]
        named = f" ({listing(names)})" if names else ""
        plural = "children" if len(births) > 1 else "child"
        text = f"{len(births)}: the articles name {len(births)} {plural} of {pair(a, b)}{named}"
        return known(q.text, text + ". " + "; ".join(fact(e, a.name) for e in births), a, births)
    if relation is None and not q.together:
        return unknown(q.text, "storyline cannot tell what this question counts")
    if q.has("times") or relation in (*ENDINGS, Relation.RECONCILED, Relation.MET, Relation.MOVED_IN):
        found = [e for e in a.with_(b, [relation or Relation.DATING]) if e.status is not Status.DENIED]
        if not found:
            return unknown(q.text, f"The articles do not say that {pair(a, b)} did so")
        n = len(found)
        times = {1: "once", 2: "twice"}.get(n, f"{n} times")
        text = f"{n} ({times}): " + "; then ".join(fact(e, a.name) for e in sorted(found, key=Event.sort_key))
        return known(q.text, text, a, found)
    stage = stage_of(q)
    partners = a.furthest(
        p for p in a.phases if p.status is not Status.DENIED and (stage is None or p.phase is stage)
    )
    if not partners:
        return unknown(q.text, f"The articles name no {NOUN.get(stage, 'partner')} of {a.name}")
    text = f"{len(partners)}: " + "; ".join(phase_text(p, a) for p in partners)
    return known(q.text, text, a, all_events(partners, a))


def _middle(span: TimeSpan) -> date | None:
    if span.earliest is not None and span.latest is not None:
        return span.earliest + (span.latest - span.earliest) / 2
    return span.earliest or span.latest


def how_long(q: Question, a: Record, b: Person | None) -> Answer:
    """How long a couple were together (or married, or engaged): the middle of the start's span to
    the middle of the end's ("a two-year relationship" from 2015 to 2017 is 2 years, not 3)."""
    stage = q.relation if q.relation in STATES and q.relation is not Relation.DATING else None
    found = [p for p in a.phases_with(b, stage) if p.status is not Status.DENIED]
    if b is None:
        found = [p for p in a.current()] if not found else [p for p in found if p.until is None] or found
    dated = [p for p in found if p.since is not None]
    if not dated:
        return unknown(
            q.text, f"The articles do not say when {pair(a, b)} got together", a, all_events(found, a)
        )
    start_phase = min(dated, key=lambda p: p.since.sort_key() if p.since else (date.max, date.max))
    assert start_phase.since is not None
    start = _middle(start_phase.since)
    ends = [p.until for p in found]
    open_ = any(u is None for u in ends) and not any(
        e.status in CERTAIN for e in a.with_(b, ENDINGS, denied=False)
    )
    if open_:
        end, tail = a.day, "and still together as far as the articles tell"
    else:
        endings = [e for e in a.with_(b, ENDINGS, denied=False) if e.status in CERTAIN]
        closes = (
            [u for u in ends if u is not None]
            or [e.when for e in endings if e.when is not None]
            # An undated split was over by the day an article first told of it.
            or [TimeSpan.between(None, TimeSpan.of(e.known_since.isoformat())) for e in endings]
        )
        if not closes:
            return unknown(
                q.text, f"The articles do not say when {pair(a, b)} parted", a, all_events(found, a)
            )
        last = max(closes, key=TimeSpan.sort_key)
        end, tail = _middle(last) or a.day, from_words(last, "until")
    if start is None or end is None:
        return unknown(q.text, f"The articles do not date {pair(a, b)}'s relationship", a)
    years = (end - start).days / 365.25
    # A start known only as "by D" gives a least length, and none at all when D is the end's month.
    least = start_phase.since.earliest is None
    if least and years < 1 / 12:
        return unknown(
            q.text,
            f"The articles do not say when {pair(a, b)} got together, only "
            f"{from_words(start_phase.since, 'from')}",
            a,
            all_events(found, a),
        )
    months = max(1, round(years * 12))
    length = f"{round(years)} years" if years >= 1.5 else f"{months} month{'s' if months > 1 else ''}"
    length = f"at least {length}" if least else f"about {length}"
    text = f"{length}: {from_words(start_phase.since, 'from')} {tail} {phase_note(start_phase)}"
    return known(q.text, text, a, all_events(found, a))

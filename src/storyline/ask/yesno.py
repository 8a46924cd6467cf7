"""Answers to yes/no questions about relationships ("Is she still married to him?", "Did they
split?", "Is he single?"): yes or no first, then what the articles say and how sure they are; a denial
is named as one, and "unknown" stands when the articles do not tell, never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.ask.answer import Answer, known, unknown
from storyline.ask.reading import Question
from storyline.ask.record import Record
from storyline.ask.relationships import (
    CERTAIN,
    ENDINGS,
    STATES,
    TO_WORDS,
    all_events,
    in_period,
    pair,
    phase_text,
    stage_of,
)
from storyline.ask.words import denial, fact, span_words
from storyline.history import Event, Phase
from storyline.model import Relation, Status, TimeSpan
from storyline.query import Person

__all__ = ["single", "yesno"]


def yesno(q: Question, a: Record, b: Person | None) -> Answer:
    """Yes or no first, then what the articles say and how sure they are."""
    if q.has("deny"):
        return _denied(q, a, b)
    if b is None and (q.has("single") or q.has("anyone")) and q.relation in (None, Relation.DATING):
        return single(q, a, asks_single=q.has("single"))
    relation = q.relation
    if relation is Relation.CHILD_BORN:
        return _has_children(q, a, b)
    if q.has("ex") and relation in (None, *STATES) and b is not None:
        return _is_ex(q, a, b)
    if relation is None and not q.together:
        # "Did she cheat on him?": no fact storyline keeps; saying "yes, they dated" would mislead.
        return unknown(q.text, "storyline cannot tell what this question asks of them")
    state = q.together or relation in STATES or (relation is Relation.MOVED_IN and q.tense == "present")
    now = q.day is None and not q.has("ever") and (q.has("current") or q.tense == "present")
    if state and now and relation is not Relation.MOVED_IN:
        return _is_now(q, a, b)
    if state and relation is not Relation.MOVED_IN:
        return _was(q, a, b)
    assert relation is not None
    return _did(q, a, b, relation)


def _is_ex(q: Question, a: Record, b: Person) -> Answer:
    """ "Is B her ex?": a relationship of theirs that is over (an engagement a wedding ended is not)."""
    current = [p for p in a.current() if a.same(p.partner, b)]
    if current:
        return known(q.text, "No: " + "; ".join(phase_text(p, a) for p in current), a, all_events(current, a))
    over = [p for p in a.phases_with(b) if p.until is not None and p.status in CERTAIN]
    ends = [e for e in a.with_(b, ENDINGS, denied=False) if e.status in CERTAIN]
    if over or ends:
        text = "; ".join([*(phase_text(p, a) for p in over), *(fact(e, a.name) for e in ends[-1:])])
        return known(q.text, f"Yes: {text}", a, [*all_events(over, a), *ends])
    return unknown(q.text, f"The articles do not say that {pair(a, b)} were together")


def _has_children(q: Question, a: Record, b: Person | None) -> Answer:
    births = [e for e in a.births_as_parent(b) if q.day is None or in_period(e.when, q)]
    if not births:
        return unknown(q.text, f"The articles name no child of {pair(a, b)}{_then(q)}")
    text = "; ".join(fact(e, a.name) for e in births)
    return known(q.text, f"Yes: {text}", a, births)


def _then(q: Question) -> str:
    return "" if q.day is None else f" {span_words(TimeSpan.of(q.day.isoformat()))} or after"


def _is_now(q: Question, a: Record, b: Person | None) -> Answer:
    stage = stage_of(q)
    current = [p for p in a.current() if a.same(p.partner, b)]
    if current:
        fits = [p for p in current if stage is None or p.phase is stage]
        if fits:
            lead = _yes(fits)
            return known(
                q.text, f"{lead}: " + "; ".join(phase_text(p, a) for p in fits), a, all_events(fits, a)
            )
        text = "; ".join(phase_text(p, a) for p in current)
        assert stage is not None
        return known(q.text, f"No, not {TO_WORDS[stage].split()[0]}: {text}", a, all_events(current, a))
    past = [p for p in a.phases_with(b, stage) if p.status is not Status.DENIED]
    ends = sorted((e for e in a.with_(b, ENDINGS, denied=False) if e.status in CERTAIN), key=Event.sort_key)
    if past and ends:
        return known(q.text, f"No: {fact(ends[-1], a.name)}", a, [*ends, *all_events(past, a)])
    if past and any(p.until is not None for p in past):
        over = [p for p in past if p.until is not None]
        return known(q.text, "No: " + "; ".join(phase_text(p, a) for p in over), a, all_events(over, a))
    stale = [p for p in a.stale_phases() if a.same(p.partner, b)]
    if stale:
        text = "; ".join(phase_text(p, a, True) for p in stale)
        return unknown(q.text, f"Not known any more: {text}", a, all_events(stale, a))
    denied = _denials(a, b, stage)
    if denied:
        return known(q.text, f"No: {fact(denied[-1], a.name)}", a, denied)
    if b is None and stage is not None:
        others = a.current()
        if others:
            text = "; ".join(phase_text(p, a) for p in others)
            return known(q.text, f"No: {text}", a, all_events(others, a))
    return unknown(q.text, f"The articles do not say whether {pair(a, b)} {_is(stage, b)} now")


def _is(stage: Relation | None, b: Person | None) -> str:
    if stage is None:
        return "are together" if b is not None else "is in a relationship"
    return f"{'are' if b is not None else 'is'} {TO_WORDS[stage].split()[0]}"


def _yes(found: Sequence[Phase]) -> str:
    statuses = {p.status for p in found}
    if Status.CONFIRMED in statuses:
        return "Yes"
    if Status.REPORTED in statuses:
        return "Yes, reportedly"
    return "Yes, but only by rumour"


def _denials(a: Record, b: Person | None, stage: Relation | None) -> list[Event]:
    relations = [stage] if stage is not None else list(STATES)
    return sorted(
        (e for e in a.with_(b, relations) if e.status is Status.DENIED), key=lambda e: e.known_since
    )


def _was(q: Question, a: Record, b: Person | None) -> Answer:
    stage = stage_of(q)
    if b is not None and (q.has("before_b") or q.has("after_b")):
        return _before(q, a, b, stage)
    found = [
        p
        for p in a.phases_with(b, stage)
        if p.status is not Status.DENIED and (q.day is None or p.open_at(q.day, q.last))
    ]
    if found:
        lead = _yes(found)
        text = "; ".join(phase_text(p, a) for p in found)
        return known(q.text, f"{lead}: {text}", a, all_events(found, a))
    denied = _denials(a, b, stage)
    if denied:
        return known(q.text, f"No: {fact(denied[-1], a.name)}", a, denied)
    when = "" if q.day is None else f" {span_words(TimeSpan.of(q.day.isoformat()))}"
    return unknown(q.text, f"The articles do not say that {pair(a, b)} {_was_words(stage, b)}{when}")


def _before(q: Question, a: Record, b: Person, stage: Relation | None) -> Answer:
    """ "Was she married before him?": a stage with someone else that began before (or after) his."""
    theirs = [p.since.sort_key() for p in a.phases_with(b) if p.since is not None]
    if not theirs:
        return unknown(q.text, f"The articles do not say when {a.name} and {b.name} got together")
    first, later = min(theirs), q.has("after_b")
    found = [
        p
        for p in a.phases_with(None, stage)
        if not a.same(p.partner, b)
        and p.status is not Status.DENIED
        and p.since is not None
        and (p.since.sort_key() > first) == later
    ]
    if not found:
        when = "after" if later else "before"
        return unknown(q.text, f"The articles name no one {a.name} was with {when} {b.name}")
    return known(
        q.text, f"{_yes(found)}: " + "; ".join(phase_text(p, a) for p in found), a, all_events(found, a)
    )


def _was_words(stage: Relation | None, b: Person | None) -> str:
    if stage is None:
        return "were together" if b is not None else "was in a relationship"
    return f"{'were' if b is not None else 'was'} {TO_WORDS[stage].split()[0]}"


def _did(q: Question, a: Record, b: Person | None, relation: Relation) -> Answer:
    if relation is Relation.DIVORCED and not a.with_(b, [relation]):
        filed = [e for e in a.with_(b, [Relation.SPLIT], denied=False) if e.status in CERTAIN]
        if filed:
            text = "; ".join(fact(e, a.name) for e in filed)
            return known(
                q.text,
                f"Not as far as the articles tell: they tell of the split or divorce filing, not of a "
                f"divorce made final. {text}",
                a,
                filed,
            )
    return _did_it(q, a, b, relation)


def _did_it(q: Question, a: Record, b: Person | None, relation: Relation) -> Answer:
    found = [e for e in a.with_(b, [relation]) if in_period(e.when, q) or (q.day and e.when is None)]
    if q.day is not None:
        found = [e for e in found if e.when is not None and in_period(e.when, q)] or [
            e for e in found if e.status is Status.DENIED
        ]
    said = [e for e in found if e.status is not Status.DENIED]
    if said:
        lead = {Status.CONFIRMED: "Yes", Status.REPORTED: "Yes, reportedly"}.get(
            min((e.status for e in said), key=list(Status).index), "Yes, but only by rumour"
        )
        text = "; ".join(fact(e, a.name, a.is_stale(e)) for e in said)
        return known(q.text, f"{lead}: {text}", a, said)
    if found:
        return known(q.text, f"No: {fact(found[-1], a.name)}", a, found)
    return unknown(q.text, f"The articles do not say that {pair(a, b)} did so")


def _denied(q: Question, a: Record, b: Person | None) -> Answer:
    relations = [q.relation] if q.relation is not None else [*STATES, *ENDINGS]
    found = a.with_(b, relations)
    denials = [e for e in found if e.status is Status.DENIED or e.disputed]
    if denials:
        text = "; ".join(denial(e.disputed or e.claims) for e in denials)
        return known(q.text, f"Yes: {text}", a, denials)
    if found:
        text = "; ".join(fact(e, a.name) for e in found)
        return known(q.text, f"No denial is reported. {text}", a, found)
    return unknown(q.text, f"The articles say nothing of it between {pair(a, b)}")


def single(q: Question, a: Record, asks_single: bool = True) -> Answer:
    """Whether someone is single (or, turned round, seeing anyone): no relationship under way on the
    day asked about, stale rumours left out."""
    day = q.day or a.day
    current = a.current(day, q.last)
    yes, no = ("Yes", "No") if asks_single else ("No", "Yes")
    if current:
        text = "; ".join(phase_text(p, a) for p in current)
        return known(q.text, f"{no}: {text}", a, all_events(current, a))
    if not a.phases:
        return unknown(q.text, f"The articles say nothing of {a.name}'s relationships")
    ended = [p for p in a.phases if p.until is not None and p.status in CERTAIN]
    stale = a.stale_phases() if q.day is None else []
    if not ended and not stale:
        return unknown(q.text, f"The articles do not say whether {a.name} is single")
    parts = [phase_text(p, a) for p in ended[-1:]]
    parts += [phase_text(p, a, True) for p in stale]
    events = all_events([*ended[-1:], *stale], a)
    return known(
        q.text,
        f"{yes}, as far as the articles tell: no relationship of {a.name} is under way; " + "; ".join(parts),
        a,
        events,
    )

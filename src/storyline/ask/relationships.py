"""Answers about when something in a relationship happened; and how a relationship stage reads in a
sentence (used by the other answers too: yes/no questions are in `yesno.py`).

Each answer says yes or no first when asked so; hedges what the articles only report or rumour
("reportedly", "rumoured since 2024-01, no confirmation since"); names the articles; and says
"unknown" when the articles do not tell, never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storyline.ask.answer import Answer, known, unknown
from storyline.ask.reading import Question
from storyline.ask.record import Record
from storyline.ask.words import denial, fact, span_words, standing_denial
from storyline.history import Event, Phase, stale_since
from storyline.model import Relation, Status, TimeSpan
from storyline.query import Person

__all__ = [
    "CERTAIN",
    "ENDINGS",
    "NOUN",
    "ORDINALS",
    "STATES",
    "TO_WORDS",
    "all_events",
    "bare",
    "from_words",
    "in_period",
    "pair",
    "phase_note",
    "phase_text",
    "stage_of",
    "when",
]

STATES = (Relation.DATING, Relation.ENGAGED, Relation.MARRIED)
ENDINGS = (Relation.SPLIT, Relation.DIVORCED)
CERTAIN = (Status.CONFIRMED, Status.REPORTED)
ORDINALS = {"first": 0, "second": 1, "third": 2, "last": -1}
TO_WORDS = {Relation.DATING: "dating", Relation.ENGAGED: "engaged to", Relation.MARRIED: "married to"}
NOUN = {
    Relation.DATING: "partner",
    Relation.ENGAGED: "fiancé(e)",
    Relation.MARRIED: "spouse",
    None: "partner",
}


def pair(a: Record, b: Person | None) -> str:
    return f"{a.name} and {b.name}" if b is not None else a.name


def bare(span: TimeSpan) -> str:
    words = span_words(span)
    return words.split(" ", 1)[1] if words.startswith(("in ", "on ")) else words


def from_words(span: TimeSpan, word: str) -> str:
    """ "since 2017", "from no later than 2016 (..2016)": the start of a stage in words."""
    words = bare(span)
    if words.startswith("by "):
        return f"{'from' if word == 'since' else word} no later than {words[3:]}"
    if words.startswith("in or after "):
        return f"{'from' if word == 'since' else word} {words[12:].split(' (')[0]} or later ({span.label()})"
    if words.startswith("between "):
        return f"{'from' if word == 'since' else word} some time {words}"
    return f"{word} {words}"


def phase_text(phase: Phase, a: Record, stale: bool = False) -> str:
    """A relationship stage as a sentence, hedged as the articles are: "Ann Cole has been married to
    Ben Hart since 2019 (sources: ...)", "Ann Cole is rumoured to be dating Ben Hart (only rumoured: ...)";
    an open one that no article has told of for a long while says since when it is known no further."""
    name = a.name
    to = TO_WORDS[phase.phase]
    over = phase.until is not None or stale
    if phase.until is not None:
        start = f" {from_words(phase.since, 'from')}" if phase.since is not None else ""
        when = f"{start} {from_words(phase.until, 'until')}"
    else:
        when = f" {from_words(phase.since, 'since')}" if phase.since is not None else ""
    if phase.status is Status.RUMOURED:
        clause = f"{'was' if over else 'is'} rumoured to be {to} {phase.partner}{when}"
    elif over:
        adverb = "reportedly " if phase.status is Status.REPORTED else ""
        clause = f"was {adverb}{to} {phase.partner}{when}"
    else:
        adverb = "reportedly " if phase.status is Status.REPORTED else ""
        if when:
            clause = f"has {adverb}been {to} {phase.partner}{when}"
        else:
            clause = f"is {adverb}{to} {phase.partner}"
    told = None
    support = phase.last_support
    if phase.until is None and not stale and support and stale_since(support, a.stale_months) < a.day:
        told = support  # "is married" on the word of an article years old
    return f"{name} {clause} {phase_note(phase, stale, told)}"


def phase_note(phase: Phase, stale: bool = False, told: date | None = None) -> str:
    """How sure the articles are of a relationship stage, with their names (and, `told`, the day of
    the last article on it when that is long ago)."""
    names = ", ".join(phase.sources[:3]) + (" and more" if len(phase.sources) > 3 else "")
    match phase.status:
        case Status.REPORTED:
            note = f"reported by {names}, since {phase.known_since.isoformat()}"
        case Status.RUMOURED:
            since = phase.known_since.isoformat()[:7]
            note = f"only rumoured: rumoured since {since}, no confirmation since; {names}"
        case _:
            note = f"sources: {names}"
    if stale and phase.last_support is not None:
        note += f"; nothing since {phase.last_support.isoformat()}, so it is not taken as current"
    elif told is not None:
        note += f"; as last told on {told.isoformat()}"
    # Only a denial of this very stage ("we are not dating"); a denied split is told where splits are.
    own = [e for e in phase.disputed if e.relation is phase.phase and standing_denial(e)]
    if own:
        note += f"; but {denial(own[0].disputed)}"
    return f"({note})"


def _events_of(phase: Phase, a: Record) -> list[Event]:
    return [e for e in a.events if e.other(a.name) == phase.partner and e.relation.is_partnership]


def stage_of(q: Question) -> Relation | None:
    """The stage a question asks about: None for any ("together", "dating" in the present)."""
    if q.together or q.relation is Relation.DATING:
        return None
    return q.relation if q.relation in STATES else None


def in_period(span: TimeSpan | None, q: Question) -> bool:
    if q.day is None and q.last is None:
        return True
    if span is None:
        return False
    return (
        TimeSpan.between(None, None if q.last is None else TimeSpan.of(q.last.isoformat())).overlaps(span)
        if q.day is None
        else span.overlaps(
            TimeSpan.between(
                TimeSpan.of(q.day.isoformat()), TimeSpan.of(q.last.isoformat()) if q.last else None
            )
        )
    )


# --- when ----------------------------------------------------------------------------------------


def when(q: Question, a: Record, b: Person | None) -> Answer:
    """When something happened (or a relationship ran), for each time it did."""
    relation = q.relation
    if relation is Relation.CHILD_BORN:
        return _when_born(q, a, b)
    if q.together or (relation is None and b is not None):
        return _when_together(q, a, b)
    if relation is None:
        return unknown(q.text, "storyline cannot tell which event this question asks the date of")
    if q.has("deny"):
        denials = [e for e in a.with_(b, [relation]) if e.status is Status.DENIED or e.disputed]
        if not denials:
            return unknown(q.text, f"The articles report no denial of it by {pair(a, b)}")
        text = "; ".join(denial(e.disputed or e.claims) for e in denials)
        return known(q.text, f"{pair(a, b)}: {relation.value} {text}", a, denials)
    found = a.with_(b, [relation], denied=False)
    if relation is Relation.DIVORCED and not found:
        filed = a.with_(b, [Relation.SPLIT], denied=False)
        if filed:
            said = "; ".join(fact(e, a.name) for e in filed if e.when is not None)
            if said:
                return known(
                    q.text,
                    f"The articles tell of the split (or divorce filing), not of a divorce made final: "
                    f"{said}",
                    a,
                    filed,
                )
    if relation is Relation.SPLIT and not found:
        # A wedding ends an engagement too; only a dating or married stage ends by a split.
        ended = [
            p
            for p in a.phases_with(b)
            if p.until is not None and p.status in CERTAIN and p.phase is not Relation.ENGAGED
        ]
        if ended:
            last = max(ended, key=lambda p: p.until.sort_key() if p.until else (date.min, date.min))
            assert last.until is not None
            return known(
                q.text,
                f"{a.name} and {last.partner}'s relationship ended {span_words(last.until)} "
                f"{phase_note(last)}",
                a,
                _events_of(last, a),
            )
    if not found:
        denied = [e for e in a.with_(b, [relation]) if e.status is Status.DENIED]
        why = f"The articles do not say that {pair(a, b)} did so"
        if denied:
            why = f"The articles do not say so: {denial(denied[0].claims)}"
        return unknown(q.text, why, a, denied)
    certain = [e for e in found if e.status in CERTAIN]
    if certain:
        found = certain  # a rumoured date beside a confirmed one is not the answer
    if _how(q, found[0]):  # "How did they meet?": the sentence tells, dated or not
        ordered = sorted(found, key=Event.sort_key)
        return known(q.text, "; ".join(fact(e, a.name) + _how(q, e) for e in ordered), a, ordered)
    dated = sorted((e for e in found if e.when is not None), key=Event.sort_key)
    if not dated:
        return unknown(q.text, f"The articles tell of it but not when: {fact(found[0], a.name)}", a, found)
    chosen = _ordinal(q, dated)
    text = "; then ".join(fact(e, a.name) for e in chosen)
    return known(q.text, text, a, chosen)


def _how(q: Question, event: Event) -> str:
    """For "how" and "where" questions, the sentence that tells how: storyline keeps no places of
    meeting, but the article's words say them."""
    if not q.skeleton.startswith(("how ", "where ", "in what way", "under what")):
        return ""
    sentence = " ".join(min(event.claims, key=lambda c: c.known_at).evidence.sentence.split())
    return f': "{sentence}"' if sentence else ""


def _ordinal(q: Question, found: Sequence[Event]) -> list[Event]:
    for word, k in ORDINALS.items():
        if q.has(word) and len(found) > (k if k >= 0 else 0):
            return [found[k]]
    return list(found)


def _when_born(q: Question, a: Record, b: Person | None) -> Answer:
    own = a.births_as_child()
    if b is not None:
        theirs = [e for e in a.births_as_parent() if a.same(e.child, b)]
        if theirs:  # "When was Ann Cole's son Leo born?"
            return _born(q, a, theirs)
    births = a.births_as_parent(b)
    if own and not births:
        return _born(q, a, own)
    if not births:
        return unknown(q.text, f"The articles name no child of {pair(a, b)}")
    dated = sorted((e for e in births if e.when is not None), key=Event.sort_key)
    if not dated:
        return unknown(
            q.text, f"The articles name children of {a.name} but not when they were born", a, births
        )
    return known(q.text, "; ".join(fact(e, a.name) for e in _ordinal(q, dated)), a, dated)


def _born(q: Question, a: Record, births: list[Event]) -> Answer:
    dated = [e for e in births if e.when is not None]
    if not dated:
        child = births[0].child or "the child"
        return unknown(q.text, f"The articles do not say when {child} was born", a, births)
    return known(q.text, "; ".join(fact(e, a.name) for e in dated), a, dated)


def _when_together(q: Question, a: Record, b: Person | None) -> Answer:
    """When a couple were together: from the start of their first stage to the end of their last."""
    found = [p for p in a.phases_with(b) if p.status is not Status.DENIED]
    certain = [p for p in found if p.status in CERTAIN]
    found = certain or found
    if not found:
        return unknown(q.text, f"The articles do not say that {pair(a, b)} were together")
    events = [e for p in found for e in _events_of(p, a)]
    dated = [p for p in found if p.since is not None]
    if not dated:
        text = "; ".join(phase_text(p, a) for p in found)
        return unknown(q.text, f"The articles tell of it but not since when: {text}", a, events)
    first = min(dated, key=lambda p: p.since.sort_key() if p.since else (date.max, date.max))
    assert first.since is not None
    ends = [p.until for p in found]
    partner = first.partner
    if any(u is None for u in ends):
        lead = f"{a.name} and {partner} have been together {from_words(first.since, 'since')}"
    else:
        last = max((u for u in ends if u is not None), key=TimeSpan.sort_key)
        span = f"{from_words(first.since, 'from')} {from_words(last, 'until')}"
        lead = f"{a.name} and {partner} were together {span}"
    stages = "; ".join(phase_text(p, a) for p in sorted(found, key=_phase_order))
    return known(q.text, f"{lead}: {stages}", a, events)


def _phase_order(phase: Phase) -> tuple[date, date]:
    return phase.since.sort_key() if phase.since else (phase.known_since, phase.known_since)


# --- yes or no -----------------------------------------------------------------------------------


def all_events(found: Sequence[Phase], a: Record) -> list[Event]:
    return [e for p in found for e in _events_of(p, a)]

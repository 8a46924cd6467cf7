"""Answers about a person beyond one fact: what they said, the story of a couple, where things stand,
who their parents are, where they live and what they acted in.
"""

from __future__ import annotations

from storyline.ask.answer import Answer, known, unknown
from storyline.ask.reading import Question
from storyline.ask.record import Record
from storyline.ask.relationships import phase_text
from storyline.ask.words import fact, listing, span_words
from storyline.ask.yesno import single
from storyline.history import Event
from storyline.model import Relation, Status, fold_name
from storyline.query import Person

__all__ = ["acted", "lives", "parents", "said", "status", "story"]

_QUOTE = 300  # characters of a quote an answer shows


def _speaks_of(event: Event, other: Person, together: set[str]) -> bool:
    """Whether a quote is about `other`: it says so, names them, or comes from an article about the two."""
    parts = {w for n in (other.name, *other.variants) for w in fold_name(n).split() if len(w) > 2}
    for claim in event.claims:
        about = claim.extra.get("about", "")
        if about and (about == other.name or about in other.variants):
            return True
        if parts & set(fold_name(claim.extra.get("quote", "")).split()):
            return True
        if claim.evidence.article_id in together:
            return True
    return False


def said(q: Question, a: Record, b: Person | None) -> Answer:
    """What someone said (about someone), with the outlet and the day."""
    words = [e for e in a.events if e.relation is Relation.SAID and e.a == a.name]
    partners: list[str] = []
    if b is None and q.relation is not None and q.relation.is_state:
        # "What did she say about her husband?": about the partners of that stage, if any is known.
        partners = list(dict.fromkeys(p.partner for p in a.phases if p.phase is q.relation))
        if not partners:
            return unknown(q.text, f"The articles name no such partner of {a.name}")
    if b is None and q.relation is not None and not q.relation.is_state:
        # "What did he say about the split?": quotes from the articles that tell of his split.
        telling = {c.evidence.article_id for e in a.events if e.relation is q.relation for c in e.claims}
        words = [e for e in words if any(c.evidence.article_id in telling for c in e.claims)]
    if b is not None:
        # Quotes about them: that say so, name them, or come from an article where they appear too.
        together = {c.evidence.article_id for c in b.claims}
        words = [e for e in words if _speaks_of(e, b, together)]
    elif partners:
        words = [e for e in words if any(e.claims[0].extra.get("about") == p for p in partners)] or [
            e for e in words if e.claims[0].evidence.article_id in _articles(a, partners)
        ]
    if not words:
        about = f" about {b.name}" if b is not None else (f" about {listing(partners)}" if partners else "")
        return unknown(q.text, f"The articles quote nothing {a.name} said{about}")
    quotes = []
    for event in sorted(words, key=lambda e: e.known_since):
        claim = event.claims[0]
        quote = " ".join(claim.extra.get("quote", "").split())
        if len(quote) > _QUOTE:
            quote = quote[: _QUOTE - 3] + "..."
        outlet = f" to {event.b}" if event.b else ""
        when = f" {span_words(event.when)}" if event.when is not None else ""
        quotes.append(f'{a.name} said{outlet}{when}: "{quote}" ({claim.evidence.source}, {claim.known_at})')
    return known(q.text, " / ".join(quotes), a, words)


def _articles(a: Record, partners: list[str]) -> set[str]:
    return {c.evidence.article_id for e in a.events if e.other(a.name) in partners for c in e.claims}


def story(q: Question, a: Record, b: Person | None) -> Answer:
    """Everything the articles say of a couple (or of a person's relationships), in time order."""
    found = [
        e
        for e in a.events
        if (e.relation.is_partnership or e.relation is Relation.CHILD_BORN)
        and (b is None or a.same(e.other(a.name), b) or (e.relation is Relation.CHILD_BORN and _parent(e, b)))
    ]
    if not found:
        about = f" between {a.name} and {b.name}" if b is not None else f" of {a.name}'s relationships"
        return unknown(q.text, f"The articles say nothing{about}")
    return known(q.text, "; ".join(fact(e, a.name, a.is_stale(e)) for e in found), a, found)


def _parent(event: Event, other: Person) -> bool:
    return any(p in (other.name, *other.variants) for p in (event.a, event.b) if p)


def status(q: Question, a: Record, b: Person | None) -> Answer:
    """Where things stand: the stage a couple (or a person) is at now, and the latest news."""
    if b is None:
        return single(q, a)
    current = [p for p in a.current() if a.same(p.partner, b)]
    found = [e for e in a.with_(b, [r for r in Relation if r.is_partnership])]
    if not found:
        return unknown(q.text, f"The articles say nothing between {a.name} and {b.name}")
    latest = max(found, key=lambda e: (e.known_since, e.sort_key()))
    parts = [phase_text(p, a) for p in current]
    if not current:
        stale = [p for p in a.stale_phases() if a.same(p.partner, b)]
        parts += [phase_text(p, a, True) for p in stale]
        parts.append(f"no relationship between {a.name} and {b.name} is known to be under way")
    parts.append(f"the latest the articles say: {fact(latest, a.name, a.is_stale(latest))}")
    return known(q.text, "; ".join(parts), a, found)


def parents(q: Question, a: Record, b: Person | None) -> Answer:
    """The parents the articles name for a person."""
    births = [e for e in a.births_as_child() if e.status is not Status.DENIED]
    if not births:
        return unknown(q.text, f"The articles name no parent of {a.name}")
    names = list(dict.fromkeys(p for e in births for p in (e.a, e.b) if p and p != a.name))
    text = f"{a.name}'s parents, as the articles name them: {listing(names)}. "
    return known(q.text, text + "; ".join(fact(e, a.name) for e in births), a, births)


def lives(q: Question, a: Record, b: Person | None) -> Answer:
    """Where someone lives, as the articles say."""
    return _objects(q, a, Relation.LIVES_IN, "lives in", f"The articles do not say where {a.name} lives")


def acted(q: Question, a: Record, b: Person | None) -> Answer:
    """The works someone acted in, as the articles name them."""
    return _objects(q, a, Relation.ACTED_IN, "acted in", f"The articles name no work {a.name} acted in")


def _objects(q: Question, a: Record, relation: Relation, verb: str, none: str) -> Answer:
    found = [e for e in a.events if e.relation is relation and e.a == a.name and e.b]
    if not found:
        return unknown(q.text, none)
    names = listing([f"{e.b}" + (f" ({e.when.label()})" if e.when else "") for e in found])
    sources = listing(list(dict.fromkeys(s for e in found for s in e.sources))[:3])
    return known(q.text, f"{a.name} {verb} {names} (sources: {sources})", a, found)

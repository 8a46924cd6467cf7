"""How answers say things: dates in words (with their ISO value), facts as sentences, and how sure the
articles are ("reportedly", "rumoured since 2023-05, no confirmation since", "denied ... on ...")
with the articles that say so. English only, like the rules.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence

from storyline.history import Event
from storyline.model import Claim, Precision, Relation, Status, TimeSpan

__all__ = [
    "denial",
    "doing",
    "fact",
    "listing",
    "sources",
    "span_words",
    "standing_denial",
    "status_note",
    "what_happened",
]

# What each relation says in a sentence: (past, after "to have", while under way, denied as).
_VERBS: dict[Relation, tuple[str, str, str, str]] = {
    Relation.MET: ("met", "met", "met", "had met"),
    Relation.DATING: ("started dating", "been dating", "dating", "were dating"),
    Relation.ENGAGED: ("got engaged", "got engaged", "engaged", "were engaged"),
    Relation.MARRIED: ("married", "married", "married", "were married"),
    Relation.SPLIT: ("split", "split", "split", "had split"),
    Relation.DIVORCED: ("divorced (the divorce made final)", "divorced", "divorced", "had divorced"),
    Relation.MOVED_IN: ("moved in together", "moved in together", "living together", "lived together"),
    Relation.RECONCILED: ("got back together", "got back together", "back together", "were back together"),
    Relation.CHILD_BORN: ("had a child", "had a child", "parents", "had a child"),
    Relation.SAID: ("spoke", "spoken", "speaking", "had spoken"),
    Relation.ACTED_IN: ("acted in", "acted in", "acting in", "had acted in"),
    Relation.LIVES_IN: ("lived in", "lived in", "living in", "lived in"),
}
_SHOWN = 3  # sources named before "and N more"


def _part(label: str) -> str:
    """One side of a claim-format date in words: "2018-12-23" → "23 December 2018"."""
    bits = label.split("-")
    if len(bits) == 3:
        return f"{int(bits[2])} {calendar.month_name[int(bits[1])]} {bits[0]}"
    if len(bits) == 2:
        return f"{calendar.month_name[int(bits[1])]} {bits[0]}"
    return label


def span_words(span: TimeSpan | None) -> str:
    """A date for a sentence, in words with its value: "in December 2018 (2018-12)", "by 2020"."""
    if span is None:
        return "at a time the articles do not give"
    label = span.label()
    if ".." not in label:
        on = "on" if span.precision >= Precision.DAY and label.count("-") == 2 else "in"
        words = _part(label)
        return f"{on} {words}" + (f" ({label})" if words != label else "")
    left, _, right = label.partition("..")
    if not left:
        words = f"by {_part(right)}"
    elif not right:
        words = f"in or after {_part(left)}"
    else:
        words = f"between {_part(left)} and {_part(right)}"
    return f"{words} ({label})"


def sources(claims: Iterable[Claim]) -> str:
    """The articles that say it, first published first: "a.txt, b.txt and 2 more"."""
    names = list(
        dict.fromkeys(
            c.evidence.source or c.evidence.article_id
            for c in sorted(claims, key=lambda c: (c.known_at, c.evidence.source))
        )
    )
    shown = ", ".join(names[:_SHOWN])
    return shown + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")


def _month(claim_day: str) -> str:
    return claim_day[:7]


def status_note(event: Event, stale: bool = False) -> str:
    """How sure the articles are of `event`, for after its sentence: "(reported by a.txt on
    2024-02-08)", "(rumoured since 2024-01, no confirmation since; a.txt)"; the sources always."""
    said = [c for c in event.claims if c.status is not Status.DENIED]
    first = min(c.known_at for c in said or event.claims).isoformat()
    last = max(c.known_at for c in said or event.claims).isoformat()
    match event.status:
        case Status.CONFIRMED:
            note = f"sources: {sources(said)}"
        case Status.REPORTED:
            note = f"reported by {sources(said)}, since {first}"
        case Status.RUMOURED:
            note = f"only rumoured: rumoured since {_month(first)}, no confirmation since; {sources(said)}"
        case _:
            return f"({denial(event.claims)})"
    if stale:
        note += f"; no article has restated it since {last}, so it is not taken as current"
    if standing_denial(event):
        note += f"; but {denial(event.disputed)}"
    return f"({note})"


def standing_denial(event: Event) -> bool:
    """Whether a denial of a fact still stands: not one a later confirmation answered ("we have not
    split" on Monday, the split confirmed on Friday)."""
    if not event.disputed:
        return False
    if event.status is not Status.CONFIRMED:
        return True
    confirmed = max(c.known_at for c in event.claims if c.status is Status.CONFIRMED)
    return max(c.known_at for c in event.disputed) >= confirmed


def denial(claims: Sequence[Claim]) -> str:
    """Who denied it, where and when: "denied on 2017-05-18 (023.txt: "...")"."""
    denied = sorted((c for c in claims if c.status is Status.DENIED), key=lambda c: c.known_at) or list(
        claims
    )
    claim = denied[0]
    who = ""
    if claim.attribution is not None and claim.attribution.speaker:
        who = f" by {claim.attribution.speaker}"
    sentence = " ".join(claim.evidence.sentence.split())
    if len(sentence) > 200:
        sentence = sentence[:197] + "..."
    quote = f': "{sentence}"' if sentence else ""
    return f"denied{who} on {claim.known_at.isoformat()} ({sources(denied)}{quote})"


def what_happened(event: Event, person: str) -> str:
    """The fact as a sentence, hedged as the articles are: "A and B reportedly split by ..."."""
    past, perfect, _, denied = _VERBS[event.relation]
    other = event.other(person)
    if event.relation is Relation.CHILD_BORN:
        return _birth(event, person)
    subject = f"{person} and {other}" if other else person
    when = f" {span_words(event.when)}" if event.when is not None else ""
    match event.status:
        case Status.CONFIRMED:
            return f"{subject} {past}{when}"
        case Status.REPORTED:
            return f"{subject} reportedly {past}{when}"
        case Status.RUMOURED:
            verb = "is" if other is None else "are"
            return f"{subject} {verb} rumoured to have {perfect}{when}"
        case _:
            return f"that {subject} {denied}{when} was denied"


def _birth(event: Event, person: str) -> str:
    child = event.child or "a child"
    parents = [p for p in (event.a, event.b) if p and p != event.child]
    when = f", born {span_words(event.when)}" if event.when is not None else ""
    if person == event.child:
        return f"{person} is the child of {listing(parents)}{when}"
    others = [p for p in parents if p != person]
    with_ = f" with {listing(others)}" if others else ""
    hedge = {Status.REPORTED: "reportedly ", Status.RUMOURED: "is rumoured to have "}.get(event.status, "")
    return f"{person} {hedge}had {child}{with_}{when}"


def fact(event: Event, person: str, stale: bool = False) -> str:
    """The fact and how sure the articles are of it, with their names."""
    return f"{what_happened(event, person)} {status_note(event, stale)}"


def doing(relation: Relation) -> str:
    """The word for a relationship under way: "dating", "engaged", "married"."""
    return _VERBS[relation][2]


def listing(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

"""The data of a person's page: the timeline with each fact's evidence, and the dates to replay.

`person_view` is the JSON twin of `/people/{name}`. Each timeline entry is `TimelineEntry.to_json()`
(the CLI's JSON) plus what the page needs to draw and source it: `range`, the days to draw, and
`claims`, every claim behind the fact with its article, outlet, date and the character span of its
sentence in the article text. A birth whose `child` is the page's person is their own ("child of").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from storyline.history import STALE_MONTHS
from storyline.model import Article, Claim, TimeSpan
from storyline.query import TimelineEntry, find_person, partners, timeline
from storyline.store import Store

__all__ = ["claim_view", "headline", "person_view"]


def headline(article: Article) -> str:
    """The article's title, else its first line (the seed format has the headline there)."""
    first = next((line.strip() for line in article.text.splitlines() if line.strip()), "")
    return article.title or first[:160]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _range(entry: TimelineEntry) -> dict[str, str | None]:
    """The days to draw: a state from its start to its end (null: still open; a stale rumour: to its
    last article), an event over its span.

    A fact no article dates has no days: it is drawn apart, as undated, never on the day an article
    told of it (which would read as its date).
    """
    event = entry.event
    when: TimeSpan | None = event.when
    if when is None:
        return {"from": None, "to": None}
    if event.relation.is_state:
        start = when.earliest or when.latest
        end = event.ended.latest or event.ended.earliest if event.ended is not None else None
        if end is None and entry.stale:
            # A stale rumour is drawn to the last article that told of it, not on to today.
            end = max(c.known_at for c in event.claims)
        return {"from": _iso(start), "to": _iso(end)}
    return {"from": _iso(when.earliest), "to": _iso(when.latest)}


def claim_view(claim: Claim, article: Article | None) -> dict[str, Any]:
    """One claim behind a fact, as the evidence popup shows it."""
    attribution = claim.attribution
    return {
        "article": claim.evidence.article_id,
        "source": claim.evidence.source or claim.evidence.article_id,
        "headline": headline(article) if article is not None else None,
        "published": claim.known_at.isoformat(),
        "status": claim.status.value,
        "sentence": claim.evidence.sentence,
        "span": [claim.evidence.start, claim.evidence.end],
        "outlet": attribution.outlet if attribution else None,
        "speaker": attribution.speaker if attribution else None,
    }


def person_view(
    store: Store, name: str, as_of: date | None = None, stale_months: int = STALE_MONTHS
) -> dict[str, Any]:
    """Everything the person page shows for `name` as known on `as_of` (everything when None).

    Raises `PersonNotFound` like the queries it calls.
    """
    person = find_person(store, name)
    entries = timeline(store, name, as_of, stale_months)
    day = as_of or date.today()
    articles: dict[str, Article | None] = {}

    def article(key: str) -> Article | None:
        if key not in articles:
            articles[key] = store.article(key)
        return articles[key]

    return {
        "name": person.name,
        "variants": list(person.variants),
        "as_of": _iso(as_of),
        # The replay stops: every day an article about the person came out, whatever `as_of` is.
        "known_dates": sorted({c.known_at.isoformat() for c in person.claims}),
        "partners_at": day.isoformat(),
        "partners": [
            p.to_json() for p in partners(store, name, at=day, as_of=day, stale_months=stale_months)
        ],
        "entries": [
            {
                **entry.to_json(),
                "range": _range(entry),
                "undated": entry.event.when is None,
                "claims": [
                    claim_view(c, article(c.evidence.article_id))
                    for c in sorted(entry.event.claims, key=lambda c: (c.known_at, c.evidence.source))
                ],
            }
            for entry in entries
        ],
    }

"""Model objects ↔ table rows, shared by every store so that both databases hold the same bytes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from storyline.model import (
    Article,
    Attribution,
    Claim,
    Entity,
    Evidence,
    Mod,
    Precision,
    Relation,
    Status,
    TimeSpan,
)

__all__ = [
    "ARTICLE_COLUMNS",
    "CLAIM_COLUMNS",
    "ENTITY_COLUMNS",
    "article_from_row",
    "article_row",
    "claim_from_row",
    "claim_row",
    "entity_row",
    "span_from_json",
    "span_json",
]

ARTICLE_COLUMNS = ("id", "published", "title", "source", "url", "body", "ingested_at")
ENTITY_COLUMNS = ("article_id", "name", "kind", "aliases", "descriptors")
CLAIM_COLUMNS = (
    "id", "article_id", "subject", "relation", "object", "when_span", "ended_span", "status", "polarity",
    "confidence", "sentence", "span_start", "span_end", "source", "attribution", "extra", "known_at",
    "ingested_at",
)  # fmt: skip


def span_json(span: TimeSpan | None) -> str | None:
    if span is None:
        return None
    return json.dumps(
        {
            "value": span.value,
            "precision": span.precision.name,
            "earliest": span.earliest.isoformat() if span.earliest else None,
            "latest": span.latest.isoformat() if span.latest else None,
            "mod": span.mod.value if span.mod else None,
        },
        sort_keys=True,
    )


def span_from_json(text: str | None) -> TimeSpan | None:
    if not text:
        return None
    return _span(text)


# A person's claims repeat a few dozen spans ("2017", "2022-02"); a TimeSpan is frozen, so one object
# can stand for every copy, and reading a timeline of thousands of claims parses each span once.
@lru_cache(maxsize=8192)
def _span(text: str) -> TimeSpan:
    data = json.loads(text)
    return TimeSpan(
        value=data["value"],
        precision=Precision[data["precision"]],
        earliest=date.fromisoformat(data["earliest"]) if data["earliest"] else None,
        latest=date.fromisoformat(data["latest"]) if data["latest"] else None,
        mod=Mod(data["mod"]) if data["mod"] else None,
    )


def article_row(article: Article, ingested_at: str) -> tuple[Any, ...]:
    return (
        article.id,
        article.published.isoformat(),
        article.title,
        article.source,
        article.url,
        article.text,
        ingested_at,
    )


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        published=date.fromisoformat(row["published"]),
        text=row["body"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        id=row["id"],
    )


def entity_row(article_id: str, entity: Entity) -> tuple[Any, ...]:
    return (
        article_id,
        entity.name,
        entity.kind.value,
        json.dumps(entity.aliases),
        json.dumps(entity.descriptors),
    )


def _attribution_json(attribution: Attribution | None) -> str | None:
    if attribution is None:
        return None
    said_on = span_json(attribution.said_on)
    return json.dumps({"speaker": attribution.speaker, "outlet": attribution.outlet, "said_on": said_on})


def claim_row(claim: Claim, ingested_at: str) -> tuple[Any, ...]:
    return (
        claim.id,
        claim.evidence.article_id,
        claim.subject,
        claim.relation.value,
        claim.object,
        span_json(claim.when),
        span_json(claim.ended),
        claim.status.value,
        int(claim.polarity),
        claim.confidence,
        claim.evidence.sentence,
        claim.evidence.start,
        claim.evidence.end,
        claim.evidence.source,
        _attribution_json(claim.attribution),
        json.dumps(dict(claim.extra), sort_keys=True),
        claim.known_at.isoformat(),
        ingested_at,
    )


# Enum lookups by value, without Enum.__call__'s dispatch: a timeline reads thousands of rows.
_RELATIONS = {r.value: r for r in Relation}
_STATUSES = {s.value: s for s in Status}


@lru_cache(maxsize=4096)
def _attribution(text: str) -> Attribution:
    data = json.loads(text)
    return Attribution(data["speaker"], data["outlet"], span_from_json(data["said_on"]))


@lru_cache(maxsize=4096)
def _extra_items(text: str) -> tuple[tuple[str, str], ...]:
    # Most claims carry one of a few extras ({"rule": ...}); each row still gets a dict of its own.
    return tuple(json.loads(text).items())


def claim_from_row(row: Mapping[str, Any]) -> Claim:
    attribution = row["attribution"]
    # Positional, in Claim's field order: a timeline decodes thousands of rows.
    return Claim(
        row["subject"],
        _RELATIONS[row["relation"]],
        row["object"],
        span_from_json(row["when_span"]),
        _STATUSES[row["status"]],
        Evidence(row["article_id"], row["sentence"], row["span_start"], row["span_end"], row["source"]),
        date.fromisoformat(row["known_at"]),
        span_from_json(row["ended_span"]),
        bool(row["polarity"]),
        float(row["confidence"]),
        _attribution(attribution) if attribution else None,
        dict(_extra_items(row["extra"])),
    )

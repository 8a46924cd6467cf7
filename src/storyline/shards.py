"""Extraction files: what `storyline extract --out` writes and `storyline load` reads.

One JSON line per article holds everything extraction drew from it (the article, its entities and
mentions, its claims with every field), so that loading rebuilds the very `Extraction`s that were
written. A file is written whole or not at all (it appears under its name only when complete), so a
crashed extraction never leaves half a shard to load. The claim lines of `extract --json` are a
different, lossy format: the gold format of DESIGN.md.

    {"format": "storyline-extraction/1", "article": {...}, "entities": [...], "mentions": [...],
     "claims": [{"subject", "relation", "object", "when": {"value", "precision", "earliest", "latest",
     "mod"}, "ended", "status", "evidence": {...}, "known_at", "polarity", "confidence",
     "attribution", "extra"}]}
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import ArticleError, one_line
from storyline.model import (
    Article,
    Attribution,
    Claim,
    Entity,
    EntityKind,
    Evidence,
    Extraction,
    Mention,
    Mod,
    Precision,
    Relation,
    Status,
    TimeSpan,
)

__all__ = [
    "FORMAT",
    "extraction_from_json",
    "extraction_json",
    "read_extraction_lines",
    "read_extractions",
    "write_extractions",
]

FORMAT = "storyline-extraction/1"


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _span(span: TimeSpan | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {
        "value": span.value,
        "precision": span.precision.name,
        "earliest": _day(span.earliest),
        "latest": _day(span.latest),
        "mod": span.mod.value if span.mod else None,
    }


def _span_from(data: dict[str, Any] | None) -> TimeSpan | None:
    if data is None:
        return None
    return TimeSpan(
        value=data["value"],
        precision=Precision[data["precision"]],
        earliest=_date(data["earliest"]),
        latest=_date(data["latest"]),
        mod=Mod(data["mod"]) if data["mod"] else None,
    )


def _claim(claim: Claim) -> dict[str, Any]:
    evidence, attribution = claim.evidence, claim.attribution
    return {
        "subject": claim.subject,
        "relation": claim.relation.value,
        "object": claim.object,
        "when": _span(claim.when),
        "ended": _span(claim.ended),
        "status": claim.status.value,
        "evidence": {
            "article_id": evidence.article_id,
            "sentence": evidence.sentence,
            "start": evidence.start,
            "end": evidence.end,
            "source": evidence.source,
        },
        "known_at": claim.known_at.isoformat(),
        "polarity": claim.polarity,
        "confidence": claim.confidence,
        "attribution": None
        if attribution is None
        else {
            "speaker": attribution.speaker,
            "outlet": attribution.outlet,
            "said_on": _span(attribution.said_on),
        },
        "extra": dict(claim.extra),
    }


def _claim_from(data: dict[str, Any]) -> Claim:
    said = data["attribution"]
    return Claim(
        subject=data["subject"],
        relation=Relation(data["relation"]),
        object=data["object"],
        when=_span_from(data["when"]),
        ended=_span_from(data["ended"]),
        status=Status(data["status"]),
        evidence=Evidence(**data["evidence"]),
        known_at=date.fromisoformat(data["known_at"]),
        polarity=data["polarity"],
        confidence=data["confidence"],
        attribution=None
        if said is None
        else Attribution(said["speaker"], said["outlet"], _span_from(said["said_on"])),
        extra=data["extra"],
    )


def extraction_json(extraction: Extraction) -> dict[str, Any]:
    """An extraction as one JSON-ready line of an extraction file."""
    article = extraction.article
    return {
        "format": FORMAT,
        "article": {
            "id": article.id,
            "published": article.published.isoformat(),
            "title": article.title,
            "source": article.source,
            "url": article.url,
            "text": article.text,
        },
        "entities": [
            {
                "name": e.name,
                "kind": e.kind.value,
                "aliases": list(e.aliases),
                "descriptors": list(e.descriptors),
            }
            for e in extraction.entities
        ],
        "mentions": [
            {"entity": m.entity, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
            for m in extraction.mentions
        ],
        "claims": [_claim(c) for c in extraction.claims],
    }


def extraction_from_json(data: dict[str, Any]) -> Extraction:
    """The extraction a line of an extraction file holds; ValueError (or KeyError) if it holds none."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"not a {FORMAT} line (format {found!r})")
    article = data["article"]
    names = [e["name"] for e in data["entities"]]
    if len(set(names)) < len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"the entity {twice[0]!r} is listed twice")
    return Extraction(
        article=Article(
            published=date.fromisoformat(article["published"]),
            text=article["text"],
            title=article["title"],
            source=article["source"],
            url=article["url"],
            id=article["id"],
        ),
        entities=tuple(
            Entity(e["name"], EntityKind(e["kind"]), tuple(e["aliases"]), tuple(e["descriptors"]))
            for e in data["entities"]
        ),
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        claims=tuple(_claim_from(c) for c in data["claims"]),
    )


def write_extractions(extractions: Iterable[Extraction], path: str | Path) -> int:
    """Write an extraction file; the number of extractions written. The file appears when complete."""
    target = Path(path)
    count = 0
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
    ) as handle:
        try:
            for extraction in extractions:
                handle.write(json.dumps(extraction_json(extraction), ensure_ascii=False) + "\n")
                count += 1
        except BaseException:
            handle.close()
            Path(handle.name).unlink(missing_ok=True)
            raise
    os.replace(handle.name, target)
    return count


# A line longer than this is no extraction of an article storyline reads (1M characters, as JSON).
_MAX_LINE = 64 * 1024 * 1024


def read_extraction_lines(paths: Iterable[str | Path]) -> Iterator[tuple[str, Extraction | ArticleError]]:
    """(`file:line`, what it holds) for each line of extraction files, in file order; a bad line (a
    bad byte, broken JSON, a field missing or of the wrong kind) is an ArticleError naming it."""
    for raw in paths:
        path = Path(raw)
        try:
            handle = path.open("rb")
        except OSError as err:
            yield str(path), ArticleError(str(path), f"cannot read: {err.strerror or err}")
            continue
        with handle:
            number = 0
            while line := handle.readline(_MAX_LINE + 1):
                number += 1
                where = f"{path}:{number}"
                if len(line) > _MAX_LINE and not line.endswith(b"\n"):
                    while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield where, ArticleError(where, "not an extraction line: over 64 MB")
                    continue
                if line.strip():
                    yield where, _extraction(line, where)


def _extraction(line: bytes, where: str) -> Extraction | ArticleError:
    try:
        return extraction_from_json(json.loads(line.decode("utf-8")))
    except RecursionError:
        return ArticleError(where, "not an extraction line: nested too deeply")
    except Exception as err:  # a corrupted line fails wherever its damage lands: this line only
        return ArticleError(where, f"not an extraction line ({one_line(err, 200)})")


def read_extractions(paths: Iterable[str | Path]) -> Iterator[Extraction | ArticleError]:
    """The extractions in extraction files, in file order; a bad line is an ArticleError naming it."""
    for _, item in read_extraction_lines(paths):
        yield item

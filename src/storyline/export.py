"""Exports of everything known (as of a date): JSON, CSV, GraphML and JSON-LD, with Wikidata-style
qualifiers on every statement: start time, end time, point in time (with its precision), end cause,
reference URL and quote.

Wikidata precisions: 9 year, 10 month, 11 day. Properties: spouse P26, unmarried partner P451,
child P40, cast member (of a work) P161, residence P551, significant event P793; qualifiers start
time P580, end time P582, point in time P585, end cause P1534, reference URL P854, quote P1683.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from storyline.history import Event, events
from storyline.model import Precision, Relation, Status, TimeSpan
from storyline.resolve import Identities
from storyline.store import Store

__all__ = ["FORMATS", "export", "statements"]

FORMATS = ("json", "csv", "graphml", "jsonld")

# The Wikidata property each relation is a statement of.
_PROPERTY = {
    Relation.MARRIED: ("P26", "spouse"),
    Relation.DATING: ("P451", "unmarried partner"),
    Relation.ENGAGED: ("P451", "unmarried partner"),
    Relation.CHILD_BORN: ("P40", "child"),
    Relation.ACTED_IN: ("P161", "cast member"),
    Relation.LIVES_IN: ("P551", "residence"),
    Relation.SAID: ("P1683", "quote"),
}
_END_CAUSE = {Relation.SPLIT: "separation", Relation.DIVORCED: "divorce"}


def _precision(span: TimeSpan) -> int:
    return 11 if span.precision >= Precision.DAY else 10 if span.precision >= Precision.MONTH else 9


def _time(span: TimeSpan | None) -> dict[str, Any] | None:
    if span is None:
        return None
    day = span.earliest or span.latest
    return {
        "value": span.label(),
        "precision": _precision(span),
        "earliest": span.earliest.isoformat() if span.earliest else None,
        "latest": span.latest.isoformat() if span.latest else None,
        "time": f"+{day.isoformat()}T00:00:00Z" if day else None,
    }


def _end_cause(event: Event, found: list[Event]) -> str | None:
    if event.ended is None:
        return None
    for other in found:
        if (
            other.relation in _END_CAUSE
            and {other.a, other.b} == {event.a, event.b}
            and other.when == event.ended
        ):
            return _END_CAUSE[other.relation]
    return None


def statements(store: Store, as_of: date | None = None) -> list[dict[str, Any]]:
    """Every fact as a statement: subject, property, object and its qualifiers and references."""
    claims = store.claims(None, as_of)
    identities = Identities(
        {n for c in claims for n in (c.subject, c.object) if n is not None}, store.identity_edits()
    )
    found = events(claims, identities.canonical)
    result = []
    for event in found:
        if event.status is Status.DENIED:
            continue
        prop, label = _PROPERTY.get(event.relation, ("P793", "significant event"))
        first = min(event.claims, key=lambda c: c.known_at)
        state = event.relation.is_state
        qualifiers = {
            "start time": _time(event.when) if state else None,
            "end time": _time(event.ended),
            "point in time": None if state else _time(event.when),
            "end cause": _end_cause(event, found),
            "quote": first.extra.get("quote") or first.evidence.sentence,
        }
        references = [
            {
                "reference URL": c.evidence.source,
                "article": c.evidence.article_id,
                "publication date": c.known_at.isoformat(),
            }
            for c in event.claims
        ]
        result.append(
            {
                "subject": event.a,
                "relation": event.relation.value,
                "property": prop,
                "property_label": label,
                "object": event.b,
                "child": event.child,
                "status": event.status.value,
                "qualifiers": {k: v for k, v in qualifiers.items() if v is not None},
                "references": references,
            }
        )
    return result


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    fields = [
        "subject", "relation", "property", "object", "child", "status", "start_time", "end_time",
        "point_in_time", "precision", "end_cause", "quote", "references",
    ]  # fmt: skip
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        q = row["qualifiers"]
        timed = q.get("start time") or q.get("point in time") or {}
        writer.writerow(
            {
                "subject": row["subject"],
                "relation": row["relation"],
                "property": row["property"],
                "object": row["object"] or "",
                "child": row["child"] or "",
                "status": row["status"],
                "start_time": (q.get("start time") or {}).get("value", ""),
                "end_time": (q.get("end time") or {}).get("value", ""),
                "point_in_time": (q.get("point in time") or {}).get("value", ""),
                "precision": timed.get("precision", ""),
                "end_cause": q.get("end cause", ""),
                "quote": q.get("quote", ""),
                "references": " ".join(r["reference URL"] for r in row["references"]),
            }
        )
    return out.getvalue()


def _graphml(rows: list[dict[str, Any]]) -> str:
    nodes = sorted({r["subject"] for r in rows} | {r["object"] for r in rows if r["object"]})
    ids = {name: f"n{i}" for i, name in enumerate(nodes)}
    keys = (
        "relation",
        "property",
        "status",
        "start_time",
        "end_time",
        "point_in_time",
        "end_cause",
        "references",
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
        *(f'  <key id="{k}" for="edge" attr.name="{k}" attr.type="string"/>' for k in keys),
        '  <graph edgedefault="directed">',
        *(f'    <node id="{ids[n]}"><data key="name">{escape(n)}</data></node>' for n in nodes),
    ]
    for n, row in enumerate(rows):
        if not row["object"]:
            continue
        q = row["qualifiers"]
        values = {
            "relation": row["relation"],
            "property": row["property"],
            "status": row["status"],
            "start_time": (q.get("start time") or {}).get("value", ""),
            "end_time": (q.get("end time") or {}).get("value", ""),
            "point_in_time": (q.get("point in time") or {}).get("value", ""),
            "end_cause": q.get("end cause", ""),
            "references": " ".join(r["reference URL"] for r in row["references"]),
        }
        data = "".join(f'<data key="{k}">{escape(str(v))}</data>' for k, v in values.items() if v)
        source, target = quoteattr(ids[row["subject"]]), quoteattr(ids[row["object"]])
        lines.append(f'    <edge id="e{n}" source={source} target={target}>{data}</edge>')
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def _jsonld(rows: list[dict[str, Any]]) -> str:
    context = {
        "wdt": "http://www.wikidata.org/prop/direct/",
        "pq": "http://www.wikidata.org/prop/qualifier/",
        "name": "http://schema.org/name",
        "start time": "pq:P580",
        "end time": "pq:P582",
        "point in time": "pq:P585",
        "end cause": "pq:P1534",
        "quote": "pq:P1683",
        "reference URL": "http://www.wikidata.org/prop/reference/P854",
    }
    graph = [
        {
            "@type": "Statement",
            "subject": {"name": r["subject"]},
            "property": f"wdt:{r['property']}",
            "object": {"name": r["object"]} if r["object"] else None,
            "status": r["status"],
            **r["qualifiers"],
            "references": r["references"],
        }
        for r in rows
    ]
    return json.dumps({"@context": context, "@graph": graph}, ensure_ascii=False, indent=2)


def export(store: Store, fmt: str, as_of: date | None = None) -> str:
    """Everything known on `as_of` in `fmt` (one of FORMATS), as text."""
    rows = statements(store, as_of)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return _csv(rows)
    if fmt == "graphml":
        return _graphml(rows)
    if fmt == "jsonld":
        return _jsonld(rows)
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")

"""Exports of everything known (as of a date) as statements in Wikidata's statement model: JSON, CSV,
GraphML (networkx) and JSON-LD (rdflib).

A statement is a subject, a property, a value and its qualifiers, a rank and its references (the
articles). Properties: spouse P26 and unmarried partner P451 for the phases (a qualifier `phase` says
dating or engaged), child P40, cast member P161 (the work's statement), residence P551, and
significant event P793 for what happens once between people (met, split, divorced, reconciled, moved
in, said): its value is the kind of event and the other person is a `participant` (P710) qualifier,
never its value. Qualifiers: start time P580, end time P582, point in time P585 (precision 9 year,
10 month, 11 day), end cause P1534, character role P453, location P276, publisher P123, main subject
P921, quote P1683, sourcing circumstances P1480 (rumoured, reported), reason for deprecated rank P2241.
Ranks come from status: denied is deprecated, every other status normal (rumoured and reported say so
in `sourcing circumstances`). Values with no Wikidata item (the people of the articles, kinds of
event, end causes) are storyline's own terms (`urn:storyline:`), labelled with their names.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date
from typing import Any

from storyline.export.properties import PROPERTIES, QUALIFIERS
from storyline.history import Event, events
from storyline.model import Precision, Relation, Status, TimeSpan
from storyline.resolve import Identities
from storyline.store import Store

__all__ = ["FORMATS", "PROPERTIES", "QUALIFIERS", "export", "statements"]

FORMATS = ("json", "csv", "graphml", "jsonld")

_PROPERTY = {
    Relation.MARRIED: "P26",
    Relation.DATING: "P451",
    Relation.ENGAGED: "P451",
    Relation.CHILD_BORN: "P40",
    Relation.ACTED_IN: "P161",
    Relation.LIVES_IN: "P551",
}
_OBJECT_KIND = {Relation.ACTED_IN: "work", Relation.LIVES_IN: "place", Relation.SAID: "outlet"}
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
            and other.status is not Status.DENIED
        ):
            return _END_CAUSE[other.relation]
    return None


def _statement_id(event: Event) -> str:
    key = "|".join(
        [
            event.relation.value,
            event.a,
            event.b or "",
            event.child or "",
            event.when.value if event.when else "",
        ]
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _statement(event: Event, found: list[Event]) -> dict[str, Any]:
    """One event as a statement: who it is about, the property and value, qualifiers, references."""
    relation, first = event.relation, min(event.claims, key=lambda c: c.known_at)
    extra = first.extra
    subject, subject_kind, obj, value = event.a, "person", event.b, None
    obj_kind: str | None = "person"
    qualifiers: dict[str, Any] = {}
    if relation is Relation.ACTED_IN:
        # "cast member" is the work's statement: the work is its subject, the person its value.
        subject, subject_kind, obj = event.b or "an unnamed work", "work", event.a
        qualifiers["character role"] = extra.get("role")
        qualifiers["location"] = extra.get("place")
    elif relation is Relation.CHILD_BORN:
        obj = event.child if event.child and event.child != event.a else None
        qualifiers["other parent"] = event.b if event.b not in (None, event.child) else None
    elif relation in _OBJECT_KIND:
        obj_kind = _OBJECT_KIND[relation]
    if relation not in _PROPERTY:
        # An event between people: its kind is the value, the other person a participant.
        value, obj, obj_kind = relation.value, None, None
        if relation is Relation.SAID:
            qualifiers["publisher"] = event.b
            qualifiers["main subject"] = extra.get("about")
        else:
            qualifiers["participant"] = event.b
    state = relation.is_state
    qualifiers.update(
        {
            "start time": _time(event.when) if state else None,
            "end time": _time(event.ended),
            "point in time": None if state else _time(event.when),
            "end cause": _end_cause(event, found),
            "quote": extra.get("quote") or first.evidence.sentence,
            "sourcing circumstances": event.status.value
            if event.status in (Status.RUMOURED, Status.REPORTED)
            else None,
            "reason for deprecated rank": "denied" if event.status is Status.DENIED else None,
        }
    )
    if relation in (Relation.DATING, Relation.ENGAGED):
        qualifiers["phase"] = relation.value
    prop = _PROPERTY.get(relation, "P793")
    return {
        "id": _statement_id(event),
        "subject": subject,
        "subject_kind": subject_kind,
        "relation": relation.value,
        "property": prop,
        "property_label": PROPERTIES[prop],
        "value": value,
        "object": obj,
        "object_kind": obj_kind if obj is not None else None,
        "child": event.child,
        "status": event.status.value,
        "rank": "deprecated" if event.status is Status.DENIED else "normal",
        "qualifiers": {k: v for k, v in qualifiers.items() if v is not None and v != ""},
        "references": [
            {
                "reference URL": c.evidence.source,
                "article": c.evidence.article_id,
                "publication date": c.known_at.isoformat(),
                "quote": c.evidence.sentence,
            }
            for c in event.claims
        ],
    }


def statements(store: Store, as_of: date | None = None) -> list[dict[str, Any]]:
    """Every fact known on `as_of` (everything when None) as a statement, denials too (deprecated).

    Each is `{"id", "subject", "subject_kind", "relation", "property", "property_label", "value",
    "object", "object_kind", "child", "status", "rank", "qualifiers", "references"}`: see the
    module's docstring for the properties and qualifiers.
    """
    claims = store.claims(None, as_of)
    identities = Identities(
        {n for c in claims for n in (c.subject, c.object) if n is not None}, store.identity_edits()
    )
    found = events(claims, identities.canonical)
    return [_statement(event, found) for event in found]


_CSV_FIELDS = [
    "id", "subject", "subject_kind", "relation", "property", "value", "object", "object_kind", "child",
    "status", "rank", "start_time", "end_time", "point_in_time", "precision", "end_cause", "participant",
    "quote", "references",
]  # fmt: skip


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        q = row["qualifiers"]
        timed = q.get("start time") or q.get("point in time") or {}
        writer.writerow(
            {
                **{k: row[k] or "" for k in _CSV_FIELDS if k in row},
                "start_time": (q.get("start time") or {}).get("value", ""),
                "end_time": (q.get("end time") or {}).get("value", ""),
                "point_in_time": (q.get("point in time") or {}).get("value", ""),
                "precision": timed.get("precision", ""),
                "end_cause": q.get("end cause", ""),
                "participant": q.get("participant", ""),
                "quote": q.get("quote", ""),
                "references": " ".join(r["reference URL"] for r in row["references"]),
            }
        )
    return out.getvalue()


def export(store: Store, fmt: str, as_of: date | None = None) -> str:
    """Everything known on `as_of` in `fmt` (one of FORMATS), as text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    rows = statements(store, as_of)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return _csv(rows)
    # Imported here: networkx and rdflib take a while to import, and only these formats need them.
    if fmt == "graphml":
        from storyline.export.graphml import graphml

        return graphml(rows)
    from storyline.export.wikidata import jsonld

    return jsonld(rows)

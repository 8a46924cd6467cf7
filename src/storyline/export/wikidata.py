"""Statements as RDF in Wikidata's statement model, serialized as JSON-LD by rdflib.

Each statement is a node: `subject p:P26 statement`, `statement ps:P26 value`, its qualifiers as
`pq:` (times also as `pqv:` time values with their precision), its rank (`wikibase:rank`), and
`prov:wasDerivedFrom` a reference per article, with `pr:P854` (reference URL), `pr:P577` (publication
date) and `pr:P1683` (the sentence). People, works, places and outlets have `schema:name`, so a
JSON-LD processor keeps every name; storyline's own terms live under `urn:storyline:`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from storyline.export.properties import QUALIFIERS

__all__ = ["CONTEXT", "jsonld", "to_rdf"]

P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
PQV = Namespace("http://www.wikidata.org/prop/qualifier/value/")
PR = Namespace("http://www.wikidata.org/prop/reference/")
WIKIBASE = Namespace("http://wikiba.se/ontology#")
SCHEMA = Namespace("http://schema.org/")
SL = Namespace("urn:storyline:")

CONTEXT = {
    "p": str(P),
    "ps": str(PS),
    "pq": str(PQ),
    "pqv": str(PQV),
    "pr": str(PR),
    "wikibase": str(WIKIBASE),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sl": str(SL),
}
_KIND = {
    "person": SCHEMA.Person,
    "work": SCHEMA.CreativeWork,
    "place": SCHEMA.Place,
    "outlet": SCHEMA.Organization,
}
_RANK = {"normal": WIKIBASE.NormalRank, "deprecated": WIKIBASE.DeprecatedRank}
_TIMES = ("start time", "end time", "point in time")
_PEOPLE = ("participant", "other parent", "main subject")


class _Builder:
    def __init__(self) -> None:
        self.graph = Graph()
        for prefix, namespace in CONTEXT.items():
            self.graph.bind(prefix, namespace)

    def entity(self, kind: str, name: str) -> URIRef:
        node = SL[f"{kind}:{quote(name, safe='')}"]
        self.graph.add((node, RDF.type, _KIND.get(kind, SCHEMA.Thing)))
        self.graph.add((node, SCHEMA.name, Literal(name)))
        return node

    def term(self, group: str, name: str) -> URIRef:
        """storyline's own term for a value with no Wikidata item (a kind of event, an end cause)."""
        node = SL[f"{group}:{name}"]
        self.graph.add((node, RDFS.label, Literal(name.replace("_", " "), lang="en")))
        return node

    def time(self, statement: Node, name: str, time: dict[str, Any]) -> None:
        pid = QUALIFIERS[name]
        if time.get("time") is None:
            return
        moment = Literal(time["time"].lstrip("+"), datatype=XSD.dateTime)
        self.graph.add((statement, PQ[pid], moment))
        value = BNode()
        self.graph.add((statement, PQV[pid], value))
        self.graph.add((value, RDF.type, WIKIBASE.TimeValue))
        self.graph.add((value, WIKIBASE.timeValue, moment))
        self.graph.add((value, WIKIBASE.timePrecision, Literal(time["precision"])))

    def statement(self, row: dict[str, Any]) -> None:
        g, pid = self.graph, row["property"]
        subject = self.entity(row["subject_kind"], row["subject"])
        node = SL[f"statement:{row['id']}"]
        g.add((subject, P[pid], node))
        g.add((node, RDF.type, WIKIBASE.Statement))
        g.add((node, WIKIBASE.rank, _RANK[row["rank"]]))
        g.add((node, SL.status, Literal(row["status"])))
        if row["value"] is not None:
            value: Node = self.term("event", row["value"])
        elif row["object"] is not None:
            value = self.entity(row["object_kind"] or "person", row["object"])
        else:
            value = BNode()  # Wikidata's "some value": a child the article does not name
        g.add((node, PS[pid], value))
        q = row["qualifiers"]
        for name in _TIMES:
            if name in q:
                self.time(node, name, q[name])
        for name in _PEOPLE:
            if name in q:
                g.add((node, PQ[QUALIFIERS[name]], self.entity("person", q[name])))
        if "publisher" in q:
            g.add((node, PQ[QUALIFIERS["publisher"]], self.entity("outlet", q["publisher"])))
        if "location" in q:
            g.add((node, PQ[QUALIFIERS["location"]], self.entity("place", q["location"])))
        if "character role" in q:
            g.add((node, PQ[QUALIFIERS["character role"]], Literal(q["character role"])))
        if "end cause" in q:
            g.add((node, PQ[QUALIFIERS["end cause"]], self.term("end-cause", q["end cause"])))
        for name in ("sourcing circumstances", "reason for deprecated rank"):
            if name in q:
                g.add((node, PQ[QUALIFIERS[name]], self.term("status", q[name])))
        if "quote" in q:
            g.add((node, PQ[QUALIFIERS["quote"]], Literal(q["quote"], lang="en")))
        if "phase" in q:
            g.add((node, SL.phase, Literal(q["phase"])))
        for n, ref in enumerate(row["references"]):
            self.reference(node, row["id"], n, ref)

    def reference(self, statement: Node, statement_id: str, n: int, ref: dict[str, Any]) -> None:
        g = self.graph
        node = SL[f"reference:{statement_id}-{n}"]
        g.add((statement, PROV.wasDerivedFrom, node))
        g.add((node, RDF.type, WIKIBASE.Reference))
        source = ref["reference URL"]
        if source.startswith(("https://", "http://")):
            g.add((node, PR.P854, URIRef(source)))
        g.add((node, SCHEMA.name, Literal(source)))
        g.add((node, SL.article, SL[f"article:{ref['article']}"]))
        g.add((node, PR.P577, Literal(ref["publication date"], datatype=XSD.date)))
        g.add((node, PR.P1683, Literal(ref["quote"], lang="en")))


def to_rdf(rows: list[dict[str, Any]]) -> Graph:
    """The statements as an rdflib graph."""
    builder = _Builder()
    for row in rows:
        builder.statement(row)
    return builder.graph


def jsonld(rows: list[dict[str, Any]]) -> str:
    """JSON-LD text of the statements, compacted with CONTEXT (inline: no remote context to fetch)."""
    return to_rdf(rows).serialize(format="json-ld", context=CONTEXT, indent=2, auto_compact=True)

"""Statements as a GraphML graph, written by networkx: a node per person, work, place and outlet
(`kind`, `name`), an edge per statement from its subject to its value, its participant or its publisher.

Every statement is an edge: one whose value is unknown (a child the article does not name) points at a
node of kind `unknown` of its own, so no statement is lost. Edges carry the statement's id, relation,
property, status, rank, times (value and precision), end cause, quote and references as attributes.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

__all__ = ["graphml", "target"]


def _node(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def target(row: dict[str, Any]) -> tuple[str, str] | None:
    """The (kind, name) an edge of this statement points at, None when the statement names none."""
    q = row["qualifiers"]
    if row["object"] is not None:
        return row["object_kind"] or "person", row["object"]
    if q.get("participant"):
        return "person", q["participant"]
    if q.get("publisher"):
        return "outlet", q["publisher"]
    return None


def _edge_data(row: dict[str, Any]) -> dict[str, str | int]:
    q = row["qualifiers"]
    timed = q.get("start time") or q.get("point in time") or {}
    data: dict[str, str | int | None] = {
        "statement": row["id"],
        "relation": row["relation"],
        "property": row["property"],
        "property_label": row["property_label"],
        "value": row["value"],
        "status": row["status"],
        "rank": row["rank"],
        "child": row["child"],
        "start_time": (q.get("start time") or {}).get("value"),
        "end_time": (q.get("end time") or {}).get("value"),
        "point_in_time": (q.get("point in time") or {}).get("value"),
        "precision": timed.get("precision"),
        "end_cause": q.get("end cause"),
        "other_parent": q.get("other parent"),
        "role": q.get("character role"),
        "quote": q.get("quote"),
        "references": " ".join(r["reference URL"] for r in row["references"]),
    }
    # GraphML has no null: an attribute a statement lacks is left out of its edge.
    return {k: v for k, v in data.items() if v is not None and v != ""}


def to_graph(rows: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """The statements as a networkx multigraph (two people may have many statements)."""
    graph = nx.MultiDiGraph()
    for row in rows:
        source = _node(row["subject_kind"], row["subject"])
        graph.add_node(source, kind=row["subject_kind"], name=row["subject"])
        found = target(row)
        if found is None:
            kind, name = "unknown", f"unknown {row['relation']} value ({row['id']})"
        else:
            kind, name = found
        node = _node(kind, name)
        graph.add_node(node, kind=kind, name=name)
        graph.add_edge(source, node, key=row["id"], **_edge_data(row))
    return graph


def graphml(rows: list[dict[str, Any]]) -> str:
    """GraphML text of the statements."""
    out = io.BytesIO()
    nx.write_graphml(to_graph(rows), out, encoding="utf-8", prettyprint=True)
    return out.getvalue().decode("utf-8")

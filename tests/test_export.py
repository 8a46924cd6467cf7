import csv
import io
import json
from collections.abc import Callable

import networkx as nx
import pytest
from pyld import jsonld

from conftest import bundle
from storyline.export import export, statements
from storyline.model import Article, Claim
from storyline.store import Store

SCHEMA_NAME = "http://schema.org/name"
PEOPLE = {"Ann Cole", "Ben Hart", "Cal Ng", "Dee Roy", "Eli Cole"}


@pytest.fixture
def filled(store: Store, article: Callable[..., Article], claim: Callable[..., Claim]) -> Store:
    claims = [
        claim(
            "Ann Cole",
            "married",
            "Ben Hart",
            when="2015-06",
            ended="2019",
            known="2020-01-01",
            source="https://example.org/a",
        ),
        claim("Ann Cole", "divorced", "Ben Hart", when="2019", known="2020-01-01"),
        claim("Ann Cole", "split", "Ben Hart", status="denied", known="2014-01-01"),
        claim("Ann Cole", "met", "Cal Ng", when="2021-03", known="2022-01-01"),
        claim("Ann Cole", "dating", "Cal Ng", when="2021", status="rumoured", known="2022-01-01"),
        claim("Ann Cole", "child_born", "Ben Hart", when="2017", known="2020-01-01", child="Eli Cole"),
        claim("Dee Roy", "child_born", None, when="2018", known="2020-01-01", child=""),
        claim("Ann Cole", "acted_in", "Winter Harbour", when="2016", known="2020-01-01", role="Mara"),
        claim("Ann Cole", "said", "Lantern", known="2022-01-01", quote="We are happy.", about="Cal Ng"),
    ]
    store.add(bundle(article("text", "2020-01-01", source="https://example.org/a"), claims))
    return store


def test_json_statements_carry_wikidata_qualifiers_and_ranks(filled: Store) -> None:
    rows = json.loads(export(filled, "json"))
    married = next(r for r in rows if r["relation"] == "married")
    assert married["property"] == "P26" and married["rank"] == "normal"
    q = married["qualifiers"]
    assert q["start time"]["value"] == "2015-06" and q["start time"]["precision"] == 10
    assert q["end time"]["value"] == "2019" and q["end cause"] == "divorce"
    assert married["references"][0]["reference URL"] == "https://example.org/a"
    divorce = next(r for r in rows if r["relation"] == "divorced")
    assert divorce["qualifiers"]["point in time"]["precision"] == 9
    denied = next(r for r in rows if r["status"] == "denied")
    assert denied["rank"] == "deprecated" and denied["qualifiers"]["reason for deprecated rank"] == "denied"
    rumour = next(r for r in rows if r["relation"] == "dating")
    assert rumour["rank"] == "normal" and rumour["qualifiers"]["sourcing circumstances"] == "rumoured"
    assert rumour["property"] == "P451" and rumour["qualifiers"]["phase"] == "dating"


def test_events_between_people_are_significant_events_with_a_participant(filled: Store) -> None:
    rows = statements(filled)
    for row in rows:
        if row["property"] == "P793":  # never a person as the value of "significant event"
            assert row["object"] is None and row["value"] == row["relation"]
    met = next(r for r in rows if r["relation"] == "met")
    assert met["qualifiers"]["participant"] == "Cal Ng"
    said = next(r for r in rows if r["relation"] == "said")
    assert said["qualifiers"]["publisher"] == "Lantern" and said["qualifiers"]["main subject"] == "Cal Ng"
    assert said["qualifiers"]["quote"] == "We are happy."
    cast = next(r for r in rows if r["relation"] == "acted_in")
    assert (cast["subject"], cast["subject_kind"], cast["property"], cast["object"]) == (
        "Winter Harbour",
        "work",
        "P161",
        "Ann Cole",
    )
    birth = next(r for r in rows if r["relation"] == "child_born" and r["subject"] == "Ann Cole")
    assert birth["object"] == "Eli Cole" and birth["qualifiers"]["other parent"] == "Ben Hart"


def test_csv_has_a_row_per_statement(filled: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export(filled, "csv"))))
    assert len(rows) == len(statements(filled))
    assert {r["relation"] for r in rows} >= {"married", "divorced", "split", "met", "said", "acted_in"}


def test_graphml_round_trips_through_networkx(filled: Store) -> None:
    rows = statements(filled)
    graph = nx.read_graphml(io.StringIO(export(filled, "graphml")), force_multigraph=True)
    # Every statement is an edge, the unnamed child's birth too.
    assert graph.number_of_edges() == len(rows)
    kinds = nx.get_node_attributes(graph, "kind")
    names = nx.get_node_attributes(graph, "name")
    assert {names[n] for n, kind in kinds.items() if kind == "person"} == PEOPLE
    assert {kinds[n] for n in graph} == {"person", "work", "outlet", "unknown"}
    edges = {data["statement"]: data for _, _, data in graph.edges(data=True)}
    assert set(edges) == {r["id"] for r in rows}
    married = next(r for r in rows if r["relation"] == "married")
    assert edges[married["id"]]["start_time"] == "2015-06" and edges[married["id"]]["precision"] == 10
    assert graph.number_of_nodes() == len({(k, names[n]) for n, k in kinds.items()})


def test_jsonld_expands_and_normalizes_keeping_every_name(filled: Store) -> None:
    document = json.loads(export(filled, "jsonld"))
    expanded = jsonld.expand(document)
    names = {v["@value"] for node in expanded for v in node.get(SCHEMA_NAME, [])}
    assert names >= PEOPLE and "Winter Harbour" in names and "Lantern" in names
    # The statement model survives expansion: p: links, ps: values, ranks, references.
    statements_ = [n for n in expanded if "http://wikiba.se/ontology#Statement" in n.get("@type", [])]
    assert len(statements_) == len(statements(filled))
    for node in statements_:
        assert "http://wikiba.se/ontology#rank" in node
        assert "http://www.w3.org/ns/prov#wasDerivedFrom" in node
    ranks = {n["http://wikiba.se/ontology#rank"][0]["@id"] for n in statements_}
    assert ranks == {"http://wikiba.se/ontology#NormalRank", "http://wikiba.se/ontology#DeprecatedRank"}
    quads = jsonld.normalize(document, {"algorithm": "URDNA2015", "format": "application/n-quads"})
    for name in PEOPLE:
        assert f'<{SCHEMA_NAME}> "{name}"' in quads


def test_an_unknown_format_is_refused(filled: Store) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(filled, "xls")

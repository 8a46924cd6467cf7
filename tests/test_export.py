import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from conftest import bundle
from storyline.export import export
from storyline.model import Article, Claim
from storyline.store import Store


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
    ]
    store.add(bundle(article("text", "2020-01-01", source="https://example.org/a"), claims))
    return store


def test_json_statements_carry_wikidata_qualifiers(filled: Store) -> None:
    rows = json.loads(export(filled, "json"))
    married = next(r for r in rows if r["relation"] == "married")
    assert married["property"] == "P26"
    q = married["qualifiers"]
    assert q["start time"]["value"] == "2015-06" and q["start time"]["precision"] == 10
    assert q["end time"]["value"] == "2019" and q["end cause"] == "divorce"
    assert married["references"][0]["reference URL"] == "https://example.org/a"
    divorce = next(r for r in rows if r["relation"] == "divorced")
    assert divorce["qualifiers"]["point in time"]["precision"] == 9
    assert not any(r["status"] == "denied" for r in rows)


def test_csv_graphml_and_jsonld_parse(filled: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export(filled, "csv"))))
    assert {r["relation"] for r in rows} == {"married", "divorced"}
    graph = ET.fromstring(export(filled, "graphml"))
    assert len(graph.findall(".//{http://graphml.graphdrawing.org/xmlns}edge")) == 2
    document = json.loads(export(filled, "jsonld"))
    assert document["@context"]["start time"] == "pq:P580" and len(document["@graph"]) == 2
    with pytest.raises(ValueError, match="unknown export format"):
        export(filled, "xls")

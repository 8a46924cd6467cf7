"""Whole articles through the real model: fictional articles in tests/articles with the facts a reader
finds in them (expected.jsonl). Each expected fact must be extracted, with its date and status when given."""

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.articles import read_articles
from storyline.model import Article

ARTICLES = Path(__file__).parent / "articles"
EXPECTED = [
    json.loads(line) for line in (ARTICLES / "expected.jsonl").read_text().splitlines() if line.strip()
]


@pytest.fixture(scope="module")
def extracted(nlp: Any) -> dict[str, list[dict[str, Any]]]:
    from storyline.extract import extract_all

    articles = [a for a in read_articles([ARTICLES]) if isinstance(a, Article)]
    return {x.article.source: [c.to_json() for c in x.claims] for x in extract_all(articles, nlp)}


def _fact_id(fact: dict[str, Any]) -> str:
    return f"{fact['file'][:2]}-{fact['relation']}-{fact['a']}-{fact['b']}-{fact.get('child', '')}"


@pytest.mark.slow
@pytest.mark.parametrize("fact", EXPECTED, ids=_fact_id)
def test_expected_fact(extracted: dict[str, list[dict[str, Any]]], fact: dict[str, Any]) -> None:
    claims = [
        c
        for c in extracted[fact["file"]]
        if c["relation"] == fact["relation"]
        and {c["a"], c["b"]} == {fact["a"], fact["b"]}
        and c.get("child", "") == fact.get("child", c.get("child", ""))
    ]
    assert claims, (
        f"missing {fact}; got {[c for c in extracted[fact['file']] if c['relation'] == fact['relation']]}"
    )
    for key in ("when", "ended", "status"):
        if key in fact:
            assert any(c[key] == fact[key] for c in claims), (
                f"{key}: wanted {fact[key]}, got {[c[key] for c in claims]}"
            )


@pytest.mark.slow
def test_no_made_up_pairs(extracted: dict[str, list[dict[str, Any]]]) -> None:
    """Every two-person claim of the fixtures is one a reader finds there."""
    pairs = {(f["file"], frozenset({f["a"], f["b"]})) for f in EXPECTED}
    for name, claims in extracted.items():
        for claim in claims:
            if claim["relation"] in ("dating", "engaged", "married", "split", "divorced", "moved_in"):
                assert (name, frozenset({claim["a"], claim["b"]})) in pairs, claim

"""Shared fixtures. Tests are model-free and fast by default; `--slow` adds those that load the
statistical spaCy model (make test passes it, make quick does not)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Article, Claim, Entity, Evidence, Extraction, Relation, Status, TimeSpan
from storyline.store import Store, open_store

ARTICLES = Path(__file__).parent / "articles"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run tests that need the spaCy model")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="needs the spaCy model: run with --slow (make test does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The full pipeline with the statistical model (only in slow tests)."""
    from storyline.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store("sqlite://:memory:") as db:
        yield db


@pytest.fixture
def article() -> Callable[..., Article]:
    """Makes an article: article("text", "2024-03-08", source="x.txt")."""

    def make(text: str, published: str = "2024-03-08", source: str = "test.txt") -> Article:
        return Article(published=date.fromisoformat(published), text=text, source=source)

    return make


@pytest.fixture
def claim() -> Callable[..., Claim]:
    """A claim without the NLP: claim("Ann Cole", "dating", "Ben Hart", when="2017", known="2024-01-01").

    Extra keyword arguments go into `extra` (former="true", child="Leo").
    """

    def make(
        subject: str,
        relation: str,
        obj: str | None,
        *,
        when: str | None = None,
        ended: str | None = None,
        status: str = "confirmed",
        known: str = "2024-01-01",
        source: str | None = None,
        sentence: str = "",
        **extra: str,
    ) -> Claim:
        known_at = date.fromisoformat(known)
        source = source or f"{known}.txt"
        return Claim(
            subject=subject,
            relation=Relation(relation),
            object=obj,
            when=TimeSpan.parse(when) if when else None,
            ended=TimeSpan.parse(ended) if ended else None,
            status=Status(status),
            evidence=Evidence(f"id-{source}", sentence or f"{subject} {relation} {obj}.", 0, 10, source),
            known_at=known_at,
            extra=extra,
        )

    return make


def bundle(
    article: Article, claims: list[Claim] | tuple[Claim, ...], entities: tuple[Entity, ...] = ()
) -> Extraction:
    """An Extraction of `article` whose claims point at it (as extraction would make them)."""
    own = tuple(replace(c, evidence=replace(c.evidence, article_id=article.id)) for c in claims)
    return Extraction(article=article, entities=entities, claims=own)

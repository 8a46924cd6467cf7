"""Shared fixtures. Tests are model-free and fast by default; `--slow` adds those that load the
statistical spaCy model (make test passes it, make quick does not)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Article, Claim, Entity, Evidence, Extraction, Relation, Status, TimeSpan
from storyline.store import Store, open_store

ARTICLES = Path(__file__).parent / "articles"
INPUTS = Path(__file__).parent / "inputs"
"""Fictional news as people have it: pages, feeds, JSON of the usual extractors; `seed/` holds the
same stories in the seed format."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run tests that need the spaCy model")
    parser.addoption(
        "--postgres",
        metavar="URL",
        default=os.environ.get("STORYLINE_TEST_POSTGRES"),
        help="also run the store contract on this PostgreSQL server [env: STORYLINE_TEST_POSTGRES]",
    )


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
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh store: SQLite in memory, or another backend where a test is parametrized over
    `STORES` (`@pytest.mark.parametrize("store", STORES, indirect=True)`), or "file" (a SQLite file)."""
    kind = getattr(request, "param", "sqlite")
    if kind in ("sqlite", "file"):
        url = (
            "sqlite://:memory:"
            if kind == "sqlite"
            else f"sqlite:///{request.getfixturevalue('tmp_path')}/t.db"
        )
        with open_store(url) as db:
            yield db
        return
    with open_store(request.getfixturevalue("postgres_schema")) as db:
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


# ---------------------------------------------------------------------------------------------
# Every store: the contract suite runs on each backend, PostgreSQL when a server is given.

STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_url(request: pytest.FixtureRequest) -> str:
    """The PostgreSQL server of --postgres / $STORYLINE_TEST_POSTGRES; the test skips without one."""
    url = request.config.getoption("--postgres")
    if not url:
        pytest.skip(
            "no PostgreSQL server: set STORYLINE_TEST_POSTGRES=postgresql://… "
            "(.ci/run starts a throwaway one with scripts/with-postgres)"
        )
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as err:
        pytest.fail(f"STORYLINE_TEST_POSTGRES is set, but PostgreSQL cannot be reached: {err}")
    return str(url)


@pytest.fixture
def postgres_schema(postgres_url: str) -> Iterator[str]:
    """The URL of an empty PostgreSQL schema of its own, dropped after the test."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            joint = "&" if "?" in postgres_url else "?"
            yield f"{postgres_url}{joint}options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database, reopened as often as a test likes: a SQLite file, or a PostgreSQL
    schema where a test is parametrized over `STORES` (indirect)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return f"sqlite:///{tmp_path}/storyline.db"
    return str(request.getfixturevalue("postgres_schema"))


# ---------------------------------------------------------------------------------------------
# Web archives: written here from fictional pages, as a crawler writes them.


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, compress: bool = True) -> Path:
    """A WARC file of `pages` (URL, HTML, crawl date as ISO 8601), each a request and a response record
    as a crawler writes them, after the records that are not pages: the archive's warcinfo, a
    redirect, a 404 page, an image and a crawler's metadata record."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)

        def write(url: str, kind: str, body: bytes, crawled: str, http: StatusAndHeaders | None) -> None:
            # A fresh header dict and a known length each time: warcio keeps the dict it is given,
            # and buffers a payload of unknown length in a temporary file it does not close.
            record = writer.create_warc_record(
                url,
                kind,
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": crawled},
                warc_content_type="application/warc-fields" if http is None else "",
            )
            writer.write_record(record)

        def response(status: str, kind: str) -> StatusAndHeaders:
            return StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")

        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "storyline tests"}))
        crawled = "2024-06-01T12:00:00Z"
        write(
            "https://lantern.example/old",
            "response",
            b"",
            crawled,
            response("301 Moved Permanently", "text/html"),
        )
        missing = b"<html><body><p>This page is not here any more, sorry about that.</p></body></html>"
        write(
            "https://lantern.example/gone",
            "response",
            missing,
            crawled,
            response("404 Not Found", "text/html"),
        )
        jpeg = b"\xff\xd8\xff\xe0 not really a picture"
        write("https://lantern.example/ring.jpg", "response", jpeg, crawled, response("200 OK", "image/jpeg"))
        write("https://lantern.example/", "metadata", b"outlinks: 12\r\n", crawled, None)
        for url, html, crawl_date in pages:
            host = url.split("/")[2]
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", host)], protocol="HTTP/1.1", is_http_request=True
            )
            write(url, "request", b"", crawl_date, request)
            write(url, "response", html, crawl_date, response("200 OK", "text/html; charset=utf-8"))
    return path

"""The one I/O boundary of storyline: the `Store` protocol, and `open_store(url)` to get one.

Domain code (ingest, query) speaks only this protocol and never SQL. Every store is append-only:
an article and all that was drawn from it arrive in one transaction, and adding an article that is
already there changes nothing.

URLs: `sqlite:///path/to.db` (the default is `./storyline.db`), `sqlite://:memory:` for a throwaway
store, a bare file path, or `postgresql://user@host:port/db`. `$STORYLINE_DB` is used when no URL
is given.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Protocol, Self

from storyline.errors import StoreError
from storyline.model import Article, Claim, Entity, Extraction, IdentityEdit

__all__ = ["DEFAULT_URL", "ArticleEdit", "Store", "StoredArticle", "open_store", "sqlite_path", "store_url"]

DEFAULT_URL = "sqlite:///storyline.db"
SCHEMA_VERSION = "4"


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the store lists it: what it is, how many claims were drawn from it, and by which
    extractor version (None: stored before versions were recorded)."""

    id: str
    published: date
    title: str
    source: str
    url: str | None
    claims: int
    version: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "published": self.published.isoformat(),
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "claims": self.claims,
            "version": self.version,
        }


@dataclass(frozen=True, slots=True)
class ArticleEdit:
    """A hand edit of an article, as the audit log keeps it: forgotten, or re-extracted."""

    id: str
    action: str
    article_id: str
    source: str
    published: date
    claims_before: int
    claims_after: int
    version: str
    made_at: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "action": self.action,
            "article": self.article_id,
            "source": self.source,
            "published": self.published.isoformat(),
            "claims_before": self.claims_before,
            "claims_after": self.claims_after,
            "version": self.version,
            "made_at": self.made_at,
        }


class Store(Protocol):
    """What storyline needs from a database."""

    def add(self, extraction: Extraction) -> bool:
        """Store an article with its entities and claims in one transaction; False if it was there."""
        ...

    def has_article(self, article_id: str) -> bool: ...

    def article(self, key: str) -> Article | None:
        """An article by id or by source name."""
        ...

    def claims(self, names: Collection[str] | None = None, as_of: date | None = None) -> list[Claim]:
        """Claims whose subject or object is one of `names` (all when None), from articles published
        on or before `as_of` (all when None), in a stable order."""
        ...

    def entities(self, as_of: date | None = None) -> list[Entity]:
        """Every person an article named, with the aliases and descriptors that article gave."""
        ...

    def names(self, query: str = "", limit: int = 20) -> list[str]:
        """Names in claims that contain `query` (any case or accents), most claimed first."""
        ...

    def names_with_word(self, word: str, limit: int = 500) -> list[str]:
        """Names in claims one of whose words is `word` (any case or accents), most claimed first.

        An index lookup, where `names` reads every name: what finding a person asks, once a word.
        """
        ...

    def identity_edits(self) -> list[IdentityEdit]: ...

    def add_identity_edit(self, action: str, a: str, b: str) -> IdentityEdit: ...

    def article_list(self, limit: int = 50, offset: int = 0) -> list[StoredArticle]:
        """Stored articles, the latest published first."""
        ...

    def recent_names(self, limit: int = 20) -> list[str]:
        """The names claims are about (their subjects), the latest told of first."""
        ...

    def outdated_articles(self, version: str) -> list[str]:
        """The ids of the articles not read by extractor `version` (oldest published first)."""
        ...

    def replace(self, extraction: Extraction) -> ArticleEdit:
        """Replace all that was drawn from a stored article with `extraction` (the same article read
        again), in one transaction, logged as a `reextract` edit."""
        ...

    def forget(self, key: str) -> ArticleEdit | None:
        """Remove an article (by id or source) and all drawn from it, in one transaction, logged as a
        `forget` edit; None when there is no such article."""
        ...

    def article_edits(self) -> list[ArticleEdit]:
        """The audit log of forgotten and re-extracted articles, oldest first."""
        ...

    def counts(self) -> dict[str, int]:
        """How many articles, claims and entities the store holds."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def store_url(url: str | None = None) -> str:
    """The URL to use: the one given, else $STORYLINE_DB, else ./storyline.db."""
    return url or os.environ.get("STORYLINE_DB") or DEFAULT_URL


def sqlite_path(url: str | None = None) -> str | None:
    """The file of a SQLite store URL (`:memory:` for a throwaway one); None for a server's URL."""
    url = store_url(url)
    if url.startswith(("postgresql://", "postgres://")):
        return None
    if url.startswith("sqlite://"):
        # sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy reads them.
        path = url.removeprefix("sqlite://").removeprefix("/")
        return ":memory:" if path in ("", ":memory:") else path
    return None if "://" in url else url


def open_store(url: str | None = None) -> Store:
    """The store at `url` (see the module docstring), created with its schema when new."""
    url = store_url(url)
    if url.startswith(("postgresql://", "postgres://")):
        try:
            # Imported here: psycopg is the optional `postgres` extra.
            from storyline.store.postgres import PostgresStore
        except ImportError as err:
            raise StoreError(f"PostgreSQL needs pip install 'storyline[postgres]' ({err})") from None
        return PostgresStore(url)
    path = sqlite_path(url)
    if path is None:
        raise StoreError(f"unknown database URL {url!r}: use sqlite:///file.db or postgresql://…")
    from storyline.store.sqlite import SqliteStore

    return SqliteStore(path)

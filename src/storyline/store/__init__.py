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
from datetime import date
from typing import Protocol, Self

from storyline.errors import StoreError
from storyline.model import Article, Claim, Entity, Extraction, IdentityEdit

__all__ = ["DEFAULT_URL", "Store", "open_store", "store_url"]

DEFAULT_URL = "sqlite:///storyline.db"
SCHEMA_VERSION = "3"


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

    def counts(self) -> dict[str, int]:
        """How many articles, claims and entities the store holds."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def store_url(url: str | None = None) -> str:
    """The URL to use: the one given, else $STORYLINE_DB, else ./storyline.db."""
    return url or os.environ.get("STORYLINE_DB") or DEFAULT_URL


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
    if url.startswith("sqlite://"):
        # sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy reads them.
        path = url.removeprefix("sqlite://").removeprefix("/")
        path = ":memory:" if path in ("", ":memory:") else path
    elif "://" in url:
        raise StoreError(f"unknown database URL {url!r}: use sqlite:///file.db or postgresql://…")
    else:
        path = url
    from storyline.store.sqlite import SqliteStore

    return SqliteStore(path)

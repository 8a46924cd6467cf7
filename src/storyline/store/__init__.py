"""The one I/O boundary of storyline: the `Store` protocol, and `open_store(url)` to get one.

Domain code (ingest, query) speaks only this protocol and never SQL. Every store is append-only:
an article and all that was drawn from it arrive in one transaction, and adding an article that is
already there changes nothing.

URLs: `sqlite:///path/to.db` (the default is `./storyline.db`), `sqlite://:memory:` for a throwaway
store, a bare file path, or `postgresql://user@host:port/db`. `$STORYLINE_DB` is used when no URL
is given.

The protocol and its records are `contract.py`, re-exported here: the stores import the contract
from there, never this package, which imports them when it opens one.
"""

from __future__ import annotations

import os

from storyline.errors import StoreError
from storyline.store.contract import SCHEMA_VERSION as SCHEMA_VERSION  # reachable here as before, not public
from storyline.store.contract import ArticleEdit, Store, StoredArticle

__all__ = ["DEFAULT_URL", "ArticleEdit", "Store", "StoredArticle", "open_store", "sqlite_path", "store_url"]

DEFAULT_URL = "sqlite:///storyline.db"


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

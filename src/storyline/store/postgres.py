"""The shared store: a PostgreSQL database (psycopg 3), the same tables and answers as SQLite.

The tables go in the connection's current schema, so `?options=-csearch_path%3Dname` in the URL
keeps several storyline databases in one PostgreSQL database (the tests do). Reads run outside any
transaction; each article is one transaction, and two processes loading the same article at once
store it once.

Connections come from a pool (psycopg_pool), a statement or a transaction at a time, so that the
threads of a web server read side by side; a transaction keeps its connection until it ends.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import DictRow, dict_row
from psycopg_pool import ConnectionPool

from storyline.errors import StoreError
from storyline.store.contract import SCHEMA_VERSION
from storyline.store.sql import SqlStore, schema_script

__all__ = ["PostgresStore"]

# Any fixed number: it lets one process at a time create or check the tables.
_SCHEMA_LOCK = 0x5707_11E0
# Connections a store holds at most: enough for a web server's readers, few beside PostgreSQL's 100.
POOL_SIZE = 10


def _dialect(sql: str) -> str:
    """SQLite's placeholders in PostgreSQL's spelling (the shared statements have no other `?`)."""
    return sql.replace("?", "%s")


def redact(url: str) -> str:
    """The URL without its password, fit for an error message."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore(SqlStore):
    """A `Store` in a PostgreSQL database."""

    # The database's own collation may sort by locale; SQLite sorts bytes. Answers must not differ.
    binary = ' COLLATE "C"'
    errors = (psycopg.Error,)

    def __init__(self, url: str) -> None:
        self.url = redact(url)
        self._local = threading.local()
        try:
            # One connection first: it says plainly why a server cannot be reached, and sets up the tables.
            first = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as err:
            raise StoreError(f"cannot connect to PostgreSQL at {self.url}: {err}".strip()) from None
        try:
            with first:
                self._local.db = first
                self._migrate()
        except psycopg.Error as err:
            raise StoreError(f"cannot set up storyline's tables in {self.url}: {err}") from None
        finally:
            self._local.db = None
        self.pool: ConnectionPool[psycopg.Connection[DictRow]] = ConnectionPool(
            url,
            connection_class=psycopg.Connection[DictRow],
            kwargs={"autocommit": True, "row_factory": dict_row},
            min_size=1,
            max_size=POOL_SIZE,
            name="storyline",
            open=True,
        )

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[DictRow]]:
        """The connection of this thread's open transaction, else one from the pool for a while."""
        held: psycopg.Connection[DictRow] | None = getattr(self._local, "db", None)
        if held is not None:
            yield held
            return
        with self.pool.connection() as db:
            self._local.db = db
            try:
                yield db
            finally:
                self._local.db = None

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._connection() as db:
            return db.execute(_dialect(sql), params).fetchall()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._connection() as db:
            db.execute(_dialect(sql), params)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._connection() as db, db.cursor() as cursor:
            cursor.executemany(_dialect(sql), rows)

    def _run_script(self, script: str) -> None:
        with self._connection() as db:
            db.execute(script)  # no parameters: psycopg sends the script as it is

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._connection() as db, db.transaction():
            yield

    def _migrate(self) -> None:
        with self._transaction():
            self._run("SELECT pg_advisory_xact_lock(?)", (_SCHEMA_LOCK,))
            if self._query("SELECT to_regclass('meta') AS meta")[0]["meta"] is not None:
                rows = self._query("SELECT value FROM meta WHERE key = 'schema_version'")
                found = rows[0]["value"] if rows else None
                if found in ("2", "3"):
                    # Version 3 added the children of births (claim_children): built from the claims;
                    # version 4 the extractor versions and the article edits, which start empty.
                    self._run_script(schema_script())
                    if found == "2":
                        self._index_children()
                    self._run("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))
                    return
                if found != SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.url} has schema version {found}, this storyline reads version "
                        f"{SCHEMA_VERSION}; re-ingest into a new database"
                    )
                return
            tables = self._query(
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
            )
            if tables[0]["n"]:
                raise StoreError(f"{self.url} is a PostgreSQL database, but not a storyline one")
            self._run_script(schema_script())
            self._run("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def close(self) -> None:
        self.pool.close()

"""The embedded default store: one SQLite file (or `:memory:`), WAL mode, one transaction per article.

Each thread gets a connection of its own, opened on its first use: in WAL mode readers never wait
for each other nor for the one writer, so a web server's threads answer side by side while another
process ingests into the same file. An in-memory database lives in one connection (a second one
would be another, empty database), which threads then take in turn.

Several processes may open a new file at once: the first to take the write lock creates the tables,
and the others find them made.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

from storyline.errors import StoreError
from storyline.store.contract import SCHEMA_VERSION
from storyline.store.sql import SqlStore, schema_script

__all__ = ["SqliteStore"]

# How long a writer waits for another's transaction (an article, a few milliseconds) before failing.
_BUSY_SECONDS = 30.0


def _enter_wal(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode, waiting out other connections that are doing the same.

    Switching the journal mode needs the file to itself, and SQLite answers "database is locked" at
    once rather than calling the busy handler when several connections open a new file together; so
    the switch is tried again until the busy timeout has passed.
    """
    deadline = time.monotonic() + _BUSY_SECONDS
    pause = 0.001
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


class SqliteStore(SqlStore):
    """A `Store` in a SQLite database file."""

    errors = (sqlite3.Error,)

    def __init__(self, path: str) -> None:
        self.path = path
        self._memory = path == ":memory:"
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._opening = threading.Lock()
        # The one connection of an in-memory database, and the lock its users take it under (reentrant:
        # a transaction runs statements of its own).
        self._shared: sqlite3.Connection | None = None
        self._turn = threading.RLock()
        try:
            if self._memory:
                self._shared = self._connect()
            self._migrate()
        except sqlite3.DatabaseError as err:
            self.close()
            raise StoreError(f"cannot open the SQLite database {path!r}: {err}") from None
        except BaseException:
            self.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=_BUSY_SECONDS)
        with self._opening:
            self._opened.append(db)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        if not self._memory:
            _enter_wal(db)
            # Safe in WAL mode: a power cut can lose the last articles, never corrupt the file, and
            # ingesting again puts them back. FULL would sync the disk once per article.
            db.execute("PRAGMA synchronous = NORMAL")
        return db

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (the shared one of an in-memory database)."""
        if self._shared is not None:
            return self._shared
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    def _turn_taken(self) -> threading.RLock | nullcontext[None]:
        return self._turn if self._memory else nullcontext()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._turn_taken():
            return self.db.execute(sql, params).fetchall()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._turn_taken():
            self.db.execute(sql, params)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._turn_taken():
            self.db.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._turn_taken():
            db = self.db
            # IMMEDIATE takes the write lock now, so a second writer waits here rather than failing later.
            db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _version(self) -> tuple[set[str], str | None]:
        """The tables there are, and the schema version meta gives (None when there is none)."""
        tables = {r[0] for r in self._query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            return tables, None
        row = self._query("SELECT value FROM meta WHERE key = 'schema_version'")
        return tables, row[0][0] if row else None

    def _migrate(self) -> None:
        tables, found = self._version()
        if found == SCHEMA_VERSION:
            return
        # Anything to do is done under the write lock, after looking again: another process opening
        # the same new file may have done it meanwhile.
        with self._transaction():
            tables, found = self._version()
            if "meta" in tables:
                if found in ("1", "2", "3"):
                    self._upgrade(found)
                elif found != SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} has schema version {found}, this storyline reads version "
                        f"{SCHEMA_VERSION}; re-ingest into a new database"
                    )
                return
            if tables:
                raise StoreError(f"{self.path} is a SQLite database, but not a storyline one")
            self._create()
            self._run("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def _create(self) -> None:
        # executescript would commit the open transaction first; one statement at a time keeps it whole.
        for statement in _statements(schema_script()):
            self._run(statement)

    def _upgrade(self, found: str) -> None:
        """Version 2 added the `names` index, version 3 the children of births (`claim_children`):
        both are built from the claims already stored; version 4 the extractor versions and the
        audit of article edits, which start empty (inside the caller's transaction)."""
        self._create()
        if found == "1":
            counts: Counter[str] = Counter()
            for row in self._query("SELECT subject, object FROM claims"):
                counts.update(n for n in (row[0], row[1]) if n is not None)
            self._count_names(counts)
        if found in ("1", "2"):
            self._index_children()
        self._run("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))

    def close(self) -> None:
        with self._opening:
            opened, self._opened = self._opened, []
        for db in opened:
            db.close()


def _statements(script: str) -> list[str]:
    """The statements of a script with `--` comments and no semicolons inside literals (schema.sql)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]

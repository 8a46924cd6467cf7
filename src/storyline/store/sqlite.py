"""The embedded default store: one SQLite file (or `:memory:`), WAL mode, one transaction per article."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from storyline.errors import StoreError
from storyline.store import SCHEMA_VERSION
from storyline.store.sql import SqlStore, schema_script

__all__ = ["SqliteStore"]


class SqliteStore(SqlStore):
    """A `Store` in a SQLite database file."""

    errors = (sqlite3.Error,)

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
                # Safe in WAL mode: a power cut can lose the last articles, never corrupt the file, and
                # ingesting again puts them back. FULL would sync the disk once per article.
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open the SQLite database {path!r}: {err}") from None

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.db.execute(sql, params).fetchall()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.db.execute(sql, params)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock now, so a second writer waits here rather than failing later.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = row[0] if row else None
            if found in ("1", "2", "3"):
                self._upgrade(found)
            elif found != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {found}, this storyline reads version {SCHEMA_VERSION}; "
                    "re-ingest into a new database"
                )
            return
        if tables:
            raise StoreError(f"{self.path} is a SQLite database, but not a storyline one")
        with self._transaction():
            self._create()
            self._run("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def _create(self) -> None:
        # executescript would commit the open transaction first; one statement at a time keeps it whole.
        for statement in _statements(schema_script()):
            self.db.execute(statement)

    def _upgrade(self, found: str) -> None:
        """Version 2 added the `names` index, version 3 the children of births (`claim_children`):
        both are built from the claims already stored; version 4 the extractor versions and the
        audit of article edits, which start empty."""
        with self._transaction():
            self._create()
            if found == "1":
                counts: Counter[str] = Counter()
                for subject, obj in self.db.execute("SELECT subject, object FROM claims"):
                    counts.update(n for n in (subject, obj) if n is not None)
                self._count_names(counts)
            if found in ("1", "2"):
                self._index_children()
            self._run("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))

    def close(self) -> None:
        self.db.close()


def _statements(script: str) -> list[str]:
    """The statements of a script with `--` comments and no semicolons inside literals (schema.sql)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]

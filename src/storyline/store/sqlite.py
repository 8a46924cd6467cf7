"""The embedded default store: one SQLite file (or `:memory:`), WAL mode, one transaction per article."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Collection
from datetime import UTC, date, datetime
from importlib import resources
from typing import Self

from storyline.errors import StoreError
from storyline.model import Article, Claim, Entity, EntityKind, Extraction, IdentityEdit
from storyline.store import SCHEMA_VERSION
from storyline.store.rows import (
    ARTICLE_COLUMNS,
    CLAIM_COLUMNS,
    ENTITY_COLUMNS,
    article_from_row,
    article_row,
    claim_from_row,
    claim_row,
    entity_row,
)

__all__ = ["SqliteStore"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class SqliteStore:
    """A `Store` in a SQLite database file."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open the SQLite database {path!r}: {err}") from None

    def _migrate(self) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = row[0] if row else None
            if found != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {found}, this storyline reads version {SCHEMA_VERSION}; "
                    "re-ingest into a new database"
                )
            return
        if tables:
            raise StoreError(f"{self.path} is a SQLite database, but not a storyline one")
        script = resources.files("storyline.store").joinpath("schema.sql").read_text(encoding="utf-8")
        self.db.executescript(f"BEGIN;\n{script}\nCOMMIT;")
        self.db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def add(self, extraction: Extraction) -> bool:
        article = extraction.article
        now = _now()
        try:
            self.db.execute("BEGIN IMMEDIATE")
            if self.has_article(article.id):
                self.db.execute("ROLLBACK")
                return False
            self.db.execute(_insert("articles", ARTICLE_COLUMNS), article_row(article, now))
            self.db.executemany(
                _insert("entities", ENTITY_COLUMNS), [entity_row(article.id, e) for e in extraction.entities]
            )
            self.db.executemany(
                _insert("claims", CLAIM_COLUMNS) + " ON CONFLICT (id) DO NOTHING",
                [claim_row(c, now) for c in extraction.claims],
            )
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return True

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def article(self, key: str) -> Article | None:
        row = self.db.execute(
            "SELECT * FROM articles WHERE id = ? OR source = ? ORDER BY published LIMIT 1", (key, key)
        ).fetchone()
        return article_from_row(row) if row else None

    def claims(self, names: Collection[str] | None = None, as_of: date | None = None) -> list[Claim]:
        where, params = [], []
        if names is not None:
            marks = ", ".join("?" * len(names))
            where.append(f"(subject IN ({marks}) OR object IN ({marks}))")
            params += [*names, *names]
        if as_of is not None:
            where.append("known_at <= ?")
            params.append(as_of.isoformat())
        sql = "SELECT * FROM claims" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.db.execute(sql + " ORDER BY known_at, article_id, span_start, id", params).fetchall()
        return [claim_from_row(r) for r in rows]

    def entities(self, as_of: date | None = None) -> list[Entity]:
        sql = "SELECT e.* FROM entities e JOIN articles a ON a.id = e.article_id"
        params: list[str] = []
        if as_of is not None:
            sql += " WHERE a.published <= ?"
            params.append(as_of.isoformat())
        rows = self.db.execute(sql + " ORDER BY a.published, e.article_id, e.name", params).fetchall()
        return [
            Entity(
                r["name"],
                EntityKind(r["kind"]),
                tuple(json.loads(r["aliases"])),
                tuple(json.loads(r["descriptors"])),
            )
            for r in rows
        ]

    def names(self, query: str = "", limit: int = 20) -> list[str]:
        rows = self.db.execute(
            """SELECT name, COUNT(*) AS n FROM (
                   SELECT subject AS name FROM claims
                   UNION ALL SELECT object FROM claims WHERE object IS NOT NULL
               ) WHERE name LIKE ? GROUP BY name ORDER BY n DESC, name LIMIT ?""",
            (f"%{query}%", limit),
        ).fetchall()
        return [r["name"] for r in rows]

    def identity_edits(self) -> list[IdentityEdit]:
        rows = self.db.execute("SELECT * FROM identity_edits ORDER BY made_at, id").fetchall()
        return [IdentityEdit(r["id"], r["action"], r["a"], r["b"], r["made_at"]) for r in rows]

    def add_identity_edit(self, action: str, a: str, b: str) -> IdentityEdit:
        edit = IdentityEdit(uuid.uuid4().hex, action, a, b, datetime.now(UTC).isoformat())
        self.db.execute(
            "INSERT INTO identity_edits (id, action, a, b, made_at) VALUES (?, ?, ?, ?, ?)",
            (edit.id, edit.action, edit.a, edit.b, edit.made_at),
        )
        return edit

    def counts(self) -> dict[str, int]:
        return {
            table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "claims", "entities")
        }

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

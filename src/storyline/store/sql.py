"""The `Store` methods both databases share, written once in the SQL that SQLite and PostgreSQL both speak.

A subclass owns the connection and what differs between the two: how a statement runs (SQLite's `?`
placeholders become PostgreSQL's `%s`), how a transaction begins and ends, how the schema is created
and checked, and how text sorts byte by byte (a PostgreSQL database sorts by its locale unless told).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any, Self

from storyline.errors import StoreError
from storyline.extractor_version import extractor_version
from storyline.model import (
    Article,
    Claim,
    Entity,
    EntityKind,
    Extraction,
    IdentityEdit,
    Relation,
    fold_name,
)
from storyline.store.edits import ArticleEdits
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

__all__ = ["SqlStore", "schema_script"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def schema_script() -> str:
    """The CREATE statements of schema.sql."""
    return resources.files("storyline.store").joinpath("schema.sql").read_text(encoding="utf-8")


_ADD_ARTICLE = _insert("articles", ARTICLE_COLUMNS) + " ON CONFLICT (id) DO NOTHING RETURNING id"
_ADD_ENTITY = _insert("entities", ENTITY_COLUMNS)
_ADD_CLAIM = _insert("claims", CLAIM_COLUMNS) + " ON CONFLICT (id) DO NOTHING"
_ADD_NAME = (
    "INSERT INTO names (name, folded, claims) VALUES (?, ?, ?) "
    "ON CONFLICT (name) DO UPDATE SET claims = names.claims + excluded.claims"
)
_ADD_WORD = "INSERT INTO name_words (word, name) VALUES (?, ?) ON CONFLICT (word, name) DO NOTHING"
_ADD_CHILD = "INSERT INTO claim_children (claim_id, child) VALUES (?, ?) ON CONFLICT (claim_id) DO NOTHING"
_ADD_VERSION = "INSERT INTO article_versions (article_id, version, extracted_at) VALUES (?, ?, ?)"


def claim_child(claim: Claim) -> str | None:
    """The child a child_born claim names besides its subject and object, if any."""
    child = claim.extra.get("child") if claim.relation is Relation.CHILD_BORN else None
    return child if child and child not in (claim.subject, claim.object) else None


class SqlStore(ArticleEdits):
    """A `Store` over a SQL connection; a subclass supplies the connection and the methods that use it."""

    #: Appended to text in ORDER BY so that both databases sort names the same way.
    binary = ""
    #: What the driver raises when the database refuses a statement.
    errors: tuple[type[Exception], ...] = ()

    # --- what a subclass supplies (besides connecting and creating the tables)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows of a statement written with `?` placeholders, each readable as row["column"]."""
        raise NotImplementedError

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        """A block whose statements all happen or, if it raises, none do."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --- the Store protocol

    def add(self, extraction: Extraction) -> bool:
        try:
            return self._add(extraction)
        except self.errors as err:
            raise StoreError(f"cannot store {extraction.article.name}: {err}") from err

    def _add(self, extraction: Extraction) -> bool:
        article = extraction.article
        now = _now()
        unique: dict[str, Claim] = {}
        for claim in extraction.claims:
            unique.setdefault(claim.id, claim)  # the one ON CONFLICT DO NOTHING would keep
        claims = list(unique.values())
        with self._transaction():
            # Inserting first, rather than asking first, is what makes two writers of one article safe.
            if not self._query(_ADD_ARTICLE, article_row(article, now)):
                return False
            self._insert_drawn(extraction.entities, claims, article.id, now)
        return True

    def _insert_drawn(
        self, entities: Iterable[Entity], claims: list[Claim], article_id: str, now: str
    ) -> None:
        """Store what was drawn from a stored article (inside the caller's transaction), and which
        extractor drew it."""
        self._run_many(_ADD_ENTITY, [entity_row(article_id, e) for e in entities])
        self._run_many(_ADD_CLAIM, [claim_row(c, now) for c in claims])
        children = [(c.id, child) for c in claims if (child := claim_child(c)) is not None]
        self._run_many(_ADD_CHILD, children)
        names = Counter(n for c in claims for n in (c.subject, c.object) if n is not None)
        names.update(child for _, child in children)
        self._count_names(names)
        self._run(_ADD_VERSION, (article_id, extractor_version(), now))

    def _index_children(self) -> None:
        """Fill claim_children (and count the children's names) from the claims already stored: the
        upgrade of a database from before schema version 3."""
        rows = self._query("SELECT id, subject, object, extra FROM claims WHERE relation = 'child_born'")
        children = []
        for row in rows:
            child = json.loads(row["extra"]).get("child")
            if child and child not in (row["subject"], row["object"]):
                children.append((row["id"], child))
        self._run_many(_ADD_CHILD, children)
        self._count_names(Counter(child for _, child in children))

    def _count_names(self, counts: Counter[str]) -> None:
        # In sorted order, so that two PostgreSQL writers lock the rows they share in the same order.
        names = sorted(counts)
        self._run_many(_ADD_NAME, [(name, fold_name(name), counts[name]) for name in names])
        self._run_many(
            _ADD_WORD, [(word, name) for name in names for word in sorted(set(fold_name(name).split()))]
        )

    def has_article(self, article_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def article(self, key: str) -> Article | None:
        rows = self._query(
            "SELECT * FROM articles WHERE id = ? OR source = ? ORDER BY published, id LIMIT 1", (key, key)
        )
        return article_from_row(rows[0]) if rows else None

    def claims(self, names: Collection[str] | None = None, as_of: date | None = None) -> list[Claim]:
        where: list[str] = []
        params: list[Any] = []
        if names is not None:
            if not names:
                return []
            marks = ", ".join("?" * len(names))
            where.append(
                f"(subject IN ({marks}) OR object IN ({marks}) OR id IN "
                f"(SELECT claim_id FROM claim_children WHERE child IN ({marks})))"
            )
            params += [*names, *names, *names]
        if as_of is not None:
            where.append("known_at <= ?")
            params.append(as_of.isoformat())
        sql = "SELECT * FROM claims" + (" WHERE " + " AND ".join(where) if where else "")
        order = f"known_at, article_id{self.binary}, span_start, id{self.binary}"
        return [claim_from_row(r) for r in self._query(f"{sql} ORDER BY {order}", params)]

    def entities(self, as_of: date | None = None) -> list[Entity]:
        sql = "SELECT e.* FROM entities e JOIN articles a ON a.id = e.article_id"
        params: list[str] = []
        if as_of is not None:
            sql += " WHERE a.published <= ?"
            params.append(as_of.isoformat())
        b = self.binary
        rows = self._query(f"{sql} ORDER BY a.published, e.article_id{b}, e.name{b}", params)
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
        key = fold_name(query)
        if query.strip() and not key:
            return []  # all punctuation: no name holds it once folded
        # A folded key is letters, digits and single spaces: nothing in it is special to LIKE.
        rows = self._query(
            f"SELECT name FROM names WHERE folded LIKE ? ORDER BY claims DESC, name{self.binary} LIMIT ?",
            (f"%{key}%", limit),
        )
        return [r["name"] for r in rows]

    def names_with_word(self, word: str, limit: int = 500) -> list[str]:
        rows = self._query(
            "SELECT n.name FROM name_words w JOIN names n ON n.name = w.name WHERE w.word = ? "
            f"ORDER BY n.claims DESC, n.name{self.binary} LIMIT ?",
            (fold_name(word), limit),
        )
        return [r["name"] for r in rows]

    def identity_edits(self) -> list[IdentityEdit]:
        rows = self._query(f"SELECT * FROM identity_edits ORDER BY made_at, id{self.binary}")
        return [IdentityEdit(r["id"], r["action"], r["a"], r["b"], r["made_at"]) for r in rows]

    def add_identity_edit(self, action: str, a: str, b: str) -> IdentityEdit:
        edit = IdentityEdit(uuid.uuid4().hex, action, a, b, datetime.now(UTC).isoformat())
        with self._transaction():
            self._run(
                "INSERT INTO identity_edits (id, action, a, b, made_at) VALUES (?, ?, ?, ?, ?)",
                (edit.id, edit.action, edit.a, edit.b, edit.made_at),
            )
        return edit

    def counts(self) -> dict[str, int]:
        return {
            table: int(self._query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"])
            for table in ("articles", "claims", "entities")
        }

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

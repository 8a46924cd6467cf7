"""The hand edits of stored articles, shared by both databases: listing them, forgetting one, and
replacing what was drawn from one with what the current rules draw (`storyline reextract`).

The store is otherwise append-only; these two are asked for by a person, happen in one transaction
each, and are logged in `article_edits` with how many claims the article had before and after. The
history is a fold over the claims, so once they are gone or replaced every answer is re-derived.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import Any

from storyline.errors import StoreError
from storyline.extractor_version import extractor_version
from storyline.model import Article, Claim, Entity, Extraction
from storyline.store.contract import ArticleEdit, StoredArticle
from storyline.store.rows import article_from_row

__all__ = ["ArticleEdits"]

_OF_ARTICLE = "SELECT id FROM claims WHERE article_id = ?"


class ArticleEdits:
    """The article-edit methods of `SqlStore` (a mixin: `SqlStore` supplies the statements)."""

    binary = ""

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _insert_drawn(
        self, entities: Iterable[Entity], claims: list[Claim], article_id: str, now: str
    ) -> None:
        raise NotImplementedError

    def article_list(self, limit: int = 50, offset: int = 0) -> list[StoredArticle]:
        rows = self._query(
            "SELECT a.id, a.published, a.title, a.source, a.url, v.version, "
            "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claims "
            "FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id "
            f"ORDER BY a.published DESC, a.id{self.binary} LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [
            StoredArticle(
                r["id"],
                date.fromisoformat(r["published"]),
                r["title"],
                r["source"],
                r["url"],
                int(r["claims"]),
                r["version"],
            )
            for r in rows
        ]

    def recent_names(self, limit: int = 20) -> list[str]:
        """The subjects of the claims of the latest articles, the latest first."""
        rows = self._query(
            f"SELECT subject, MAX(known_at) AS last FROM claims GROUP BY subject "
            f"ORDER BY last DESC, subject{self.binary} LIMIT ?",
            (limit,),
        )
        return [r["subject"] for r in rows]

    def outdated_articles(self, version: str) -> list[str]:
        rows = self._query(
            "SELECT a.id FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id "
            f"WHERE v.version IS NULL OR v.version <> ? ORDER BY a.published, a.id{self.binary}",
            (version,),
        )
        return [r["id"] for r in rows]

    def replace(self, extraction: Extraction) -> ArticleEdit:
        article, now = extraction.article, _now()
        claims = list({c.id: c for c in extraction.claims}.values())
        with self._transaction():
            if not self._query("SELECT 1 FROM articles WHERE id = ?", (article.id,)):
                raise StoreError(f"cannot re-extract {article.name}: it is not in the database")
            before = self._remove_drawn(article.id)
            self._insert_drawn(extraction.entities, claims, article.id, now)
            return self._log("reextract", article, before, len(claims), now)

    def forget(self, key: str) -> ArticleEdit | None:
        now = _now()
        with self._transaction():
            rows = self._query(
                "SELECT * FROM articles WHERE id = ? OR source = ? "
                f"ORDER BY published, id{self.binary} LIMIT 1",
                (key, key),
            )
            if not rows:
                return None
            article = article_from_row(rows[0])
            before = self._remove_drawn(article.id)
            self._run("DELETE FROM articles WHERE id = ?", (article.id,))
            return self._log("forget", article, before, 0, now)

    def article_edits(self) -> list[ArticleEdit]:
        rows = self._query(f"SELECT * FROM article_edits ORDER BY made_at, id{self.binary}")
        return [
            ArticleEdit(
                r["id"],
                r["action"],
                r["article_id"],
                r["source"],
                date.fromisoformat(r["published"]),
                int(r["claims_before"]),
                int(r["claims_after"]),
                r["version"],
                r["made_at"],
            )
            for r in rows
        ]

    def _remove_drawn(self, article_id: str) -> int:
        """Remove the claims, children, entities and version of a stored article, and take its claims
        out of the name counts (a name no claim gives any more leaves the index); how many claims."""
        claims = self._query("SELECT subject, object FROM claims WHERE article_id = ?", (article_id,))
        children = self._query(
            f"SELECT child FROM claim_children WHERE claim_id IN ({_OF_ARTICLE})", (article_id,)
        )
        counts = Counter(n for r in claims for n in (r["subject"], r["object"]) if n is not None)
        counts.update(r["child"] for r in children)
        self._run(f"DELETE FROM claim_children WHERE claim_id IN ({_OF_ARTICLE})", (article_id,))
        for table in ("claims", "entities", "article_versions"):
            self._run(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        for name in sorted(counts):  # sorted: two writers lock shared rows in the same order
            self._run("UPDATE names SET claims = claims - ? WHERE name = ?", (counts[name], name))
        self._run("DELETE FROM name_words WHERE name IN (SELECT name FROM names WHERE claims <= 0)")
        self._run("DELETE FROM names WHERE claims <= 0")
        return len(claims)

    def _log(self, action: str, article: Article, before: int, after: int, now: str) -> ArticleEdit:
        edit = ArticleEdit(
            uuid.uuid4().hex,
            action,
            article.id,
            article.source,
            article.published,
            before,
            after,
            extractor_version(),
            now,
        )
        self._run(
            "INSERT INTO article_edits (id, action, article_id, source, published, claims_before, "
            "claims_after, version, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                edit.id,
                edit.action,
                edit.article_id,
                edit.source,
                edit.published.isoformat(),
                before,
                after,
                edit.version,
                edit.made_at,
            ),
        )
        return edit


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

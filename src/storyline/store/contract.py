"""The contract every store keeps: the `Store` protocol domain code speaks, the records it answers
with besides the model's (`StoredArticle`, `ArticleEdit`), and the `SCHEMA_VERSION` of the tables.

Its own module so that the stores (`sqlite`, `postgres`, `sql`, `edits`) import the contract without
importing the package that opens them; `storyline.store` re-exports it unchanged.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Protocol, Self

from storyline.model import Article, Claim, Entity, Extraction, IdentityEdit

__all__ = ["SCHEMA_VERSION", "ArticleEdit", "Store", "StoredArticle"]

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

"""storyline: dated news articles in, a sourced, time-aware timeline of people out.

    import storyline
    with storyline.open_store("sqlite:///news.db") as store:
        storyline.ingest(["articles/"], store)
        for entry in storyline.timeline(store, "Mira Dahl"):
            print(entry.to_json())

Importing storyline does not import spaCy; `extract` and `ingest` load the language model on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storyline.articles import parse_article, read_articles
from storyline.errors import ArticleError, RulesError, StoreError, StorylineError
from storyline.model import Article, Claim, Entity, Evidence, Extraction, Relation, Status, TimeSpan
from storyline.query import PersonNotFound, partners, timeline
from storyline.store import Store, open_store

if TYPE_CHECKING:
    from storyline.extract import extract
    from storyline.ingest import IngestReport, ingest

__all__ = [
    "Article",
    "ArticleError",
    "Claim",
    "Entity",
    "Evidence",
    "Extraction",
    "IngestReport",
    "PersonNotFound",
    "Relation",
    "RulesError",
    "Status",
    "Store",
    "StoreError",
    "StorylineError",
    "TimeSpan",
    "extract",
    "ingest",
    "open_store",
    "parse_article",
    "partners",
    "read_articles",
    "timeline",
]

# These need spaCy: imported on first use, so that `import storyline` stays light.
_LAZY = {"extract": "storyline.extract", "ingest": "storyline.ingest", "IngestReport": "storyline.ingest"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")

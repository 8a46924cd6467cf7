"""storyline: dated news articles in, a sourced, time-aware timeline of people out.

    import storyline
    with storyline.open_store("sqlite:///news.db") as store:
        storyline.ingest(["articles/"], store)
        for entry in storyline.timeline(store, "Mira Dahl"):
            print(entry.to_json())

Importing storyline does not import spaCy; `extract` and `ingest` load the language model on first use.
docs/library.md walks through the API; every name below has a docstring (`help(storyline.ask)`).

Four public functions share their name with a submodule (`ingest`, `extract`, `ask`, `export`). The
function always wins: importing the submodule never replaces it here (the submodules stay reachable
with `from storyline.ingest import ...` or `importlib.import_module("storyline.ingest")`).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.articles import parse_article, read_articles
from storyline.ask import Answer, ask
from storyline.errors import ArticleError, RulesError, StoreError, StorylineError
from storyline.export import export, statements
from storyline.model import Article, Claim, Entity, Evidence, Extraction, Relation, Status, TimeSpan
from storyline.query import (
    ConflictEntry,
    Partner,
    Person,
    PersonNotFound,
    SourceEntry,
    TimelineEntry,
    conflicts,
    find_person,
    partners,
    sources,
    timeline,
)
from storyline.store import Store, open_store

if TYPE_CHECKING:
    from spacy.language import Language

    from storyline.ingest import Engine, IngestReport

__all__ = [
    "Answer",
    "Article",
    "ArticleError",
    "Claim",
    "ConflictEntry",
    "Entity",
    "Evidence",
    "Extraction",
    "IngestReport",
    "Partner",
    "Person",
    "PersonNotFound",
    "Relation",
    "RulesError",
    "SourceEntry",
    "Status",
    "Store",
    "StoreError",
    "StorylineError",
    "TimeSpan",
    "TimelineEntry",
    "ask",
    "conflicts",
    "export",
    "extract",
    "find_person",
    "ingest",
    "open_store",
    "parse_article",
    "partners",
    "read_articles",
    "sources",
    "statements",
    "timeline",
]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    workers: int = 1,
    engine: Engine | None = None,
    progress: Callable[[int], None] | None = None,
    published: date | None = None,
) -> IngestReport:
    """Read, extract and load every article under `paths` into `store`; an `IngestReport` says what
    was read, stored, skipped (already there) and failed, and why.

    Idempotent: an article already stored is skipped. A bad article is reported, never raised, and
    the rest go in. `workers` extracts in that many processes (or give an `engine`); `published`
    dates the inputs that have no date of their own; `progress(n)` is called as articles are done.
    """
    # Imported here: the ingest module imports spaCy, which `import storyline` must not.
    from storyline.ingest import ingest as run

    return run(paths, store, workers=workers, engine=engine, progress=progress, published=published)


def extract(article: Article, nlp: Language | None = None) -> Extraction:
    """Everything one `Article` says about people (entities, mentions, claims with their sentence as
    evidence), without a database. `nlp` is a pipeline to reuse; by default the model loads once."""
    from storyline.extract import extract as run

    return run(article, nlp)


def __getattr__(name: str) -> Any:
    if name == "IngestReport":  # a class of the spaCy-importing ingest module: loaded when asked for
        from storyline.ingest import IngestReport

        return IngestReport
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")


_FUNCTIONS = frozenset({"ingest", "extract", "ask", "export"})


class _Package(types.ModuleType):
    """storyline's own module type: it keeps the public functions that share a submodule's name.

    Python sets `storyline.ingest` to the submodule when `storyline.ingest` is first imported; a
    second run of a notebook cell would then call a module (`TypeError: 'module' object is not
    callable`). Setting a module's class is the documented way to customise its attributes.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FUNCTIONS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

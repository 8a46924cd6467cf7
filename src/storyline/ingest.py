"""Ingestion: read → extract (map, in parallel) → load (reduce, idempotent), one article at a time.

One bad article never aborts a batch: it is reported and skipped. Each article is loaded in one
transaction, so a crash leaves the store as it was before that article. Loading an article that is
already stored is a no-op, so ingesting the same files twice changes nothing.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from storyline.articles import read_articles
from storyline.errors import ArticleError
from storyline.extract import extract, extract_all
from storyline.model import Article, Extraction
from storyline.pipeline import load_pipeline
from storyline.store import Store

__all__ = ["IngestReport", "count_articles", "extract_articles", "ingest"]

Progress = Callable[[int], None]
_BATCH = 16


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: articles read, newly stored, already there, and failed (with reasons)."""

    read: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        return (
            f"read {self.read}, new {self.new}, skipped {self.skipped} (already stored), "
            f"failed {self.failed}; {self.claims} claims added"
        )


def count_articles(paths: Iterable[str | Path]) -> int:
    """A quick count for progress bars: files, and non-blank lines of JSONL files."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".jsonl" and file.is_file():
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif file.suffix == ".txt" or (file == path and file.exists()):
                total += 1
    return total


def _safe_batch(batch: list[Article]) -> list[Extraction | ArticleError]:
    """Extract a batch through the model; if it fails, one by one, so one bad article fails alone."""
    try:
        return list(extract_all(batch))
    except Exception:
        results: list[Extraction | ArticleError] = []
        for article in batch:
            try:
                results.append(extract(article))
            except Exception as err:
                last = traceback.format_exception_only(err)[-1].strip()
                results.append(ArticleError(article.name, f"extraction failed: {last}"))
        return results


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def _warm(model: str | None) -> None:
    load_pipeline(model)


def extract_articles(articles: Iterable[Article], workers: int = 1) -> Iterator[Extraction | ArticleError]:
    """Extractions in input order; `workers` > 1 spreads batches over processes (a model each)."""
    if workers <= 1:
        for batch in _batches(articles, _BATCH):
            yield from _safe_batch(batch)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm, initargs=(None,)) as pool:
        for results in pool.map(_safe_batch, _batches(articles, _BATCH)):
            yield from results


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    workers: int = 1,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, extract and load every article under `paths`; see the module docstring for guarantees."""
    report = IngestReport()
    tick = progress or (lambda n: None)

    def fresh() -> Iterator[Article]:
        for item in read_articles(paths):
            report.read += 1
            if isinstance(item, ArticleError):
                report.failed += 1
                report.errors.append(str(item))
                tick(1)
            elif store.has_article(item.id):
                report.skipped += 1
                tick(1)
            else:
                yield item

    for result in extract_articles(fresh(), workers):
        if isinstance(result, ArticleError):
            report.failed += 1
            report.errors.append(str(result))
        elif store.add(result):
            report.new += 1
            report.claims += len(result.claims)
        else:
            report.skipped += 1
        tick(1)
    return report

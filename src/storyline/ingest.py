"""Ingestion: read → extract (the map: pure, in parallel) → load (the reduce: idempotent, any order).

One bad article never aborts a batch: it is reported and skipped. Each article is loaded in one
transaction, so a crash leaves the store as it was before that article. Loading an article that is
already stored is a no-op, so ingesting the same files twice changes nothing, and since every claim
carries its article's publication date as its knowledge time, the order articles arrive in changes
nothing either.

The map runs on an `Engine`: `LocalEngine` in this process or a pool of processes, `DaskEngine`
(storyline.cluster) on a Dask cluster. Engines differ only in where `extract_batch` runs; reading
and loading always happen here, in one writer. The two halves also run apart: `extract_to_file`
writes an extraction file (storyline.shards) per shard of the input, on any machine, and
`load_files` loads such files, in any order.
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Protocol

from storyline.articles import count_records, read_articles
from storyline.errors import ArticleError
from storyline.extract import extract, extract_all
from storyline.model import Article, Extraction
from storyline.pipeline import load_pipeline
from storyline.shards import read_extractions, write_extractions
from storyline.store import Store

__all__ = [
    "Engine",
    "IngestReport",
    "LocalEngine",
    "count_articles",
    "extract_articles",
    "extract_batch",
    "extract_to_file",
    "ingest",
    "load",
    "load_files",
]

Progress = Callable[[int], None]
Result = Extraction | ArticleError
BATCH = 16


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: articles read, newly stored, already there, and failed (with reasons).

    `warnings` are about articles that were read, but not as well as they might have been (a feed
    that gives only summaries, a page dated by its crawl).
    """

    read: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def fail(self, error: ArticleError) -> None:
        self.failed += 1
        self.errors.append(str(error))

    def summary(self) -> str:
        return (
            f"read {self.read}, new {self.new}, skipped {self.skipped} (already stored), "
            f"failed {self.failed}; {self.claims} claims added"
        )


def count_articles(paths: Iterable[str | Path]) -> int:
    """A count for progress bars: the records under `paths` (a line of JSONL, a feed entry, a page of
    a web archive), not the files."""
    return count_records(paths)


# ---------------------------------------------------------------------------------------------
# The map


def extract_batch(batch: list[Article]) -> list[Result]:
    """Extract a batch through the model; if it fails, one by one, so one bad article fails alone.

    What every engine runs, wherever it runs it: pure, and the model loads once per process.
    """
    nlp = load_pipeline()
    try:
        # Strings and lexemes the model meets in a batch are freed after it, or a worker's vocabulary
        # would grow with every new name it reads. No Doc outlives the zone: extraction returns
        # model objects only.
        with nlp.memory_zone():
            return list(extract_all(batch, nlp))
    except Exception:
        results: list[Result] = []
        for article in batch:
            try:
                results.append(extract(article))
            except Exception as err:
                last = traceback.format_exception_only(err)[-1].strip()
                results.append(ArticleError(article.name, f"extraction failed: {last}"))
        return results


def _batches(articles: Iterable[Article], size: int = BATCH) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


class Engine(Protocol):
    """Where the map runs: batches of articles in, each batch's results out (in any order)."""

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[Result]]: ...


def _warm() -> None:
    load_pipeline()


@dataclass(frozen=True, slots=True)
class LocalEngine:
    """This process (`workers` 1), or a pool of `workers` processes with a model each."""

    workers: int = 1

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[Result]]:
        if self.workers <= 1:
            yield from map(extract_batch, batches)
            return
        with ProcessPoolExecutor(max_workers=self.workers, initializer=_warm) as pool:
            # Not pool.map: it submits every batch at once, and so reads a whole web archive into
            # memory. A few batches per worker in flight keep them busy; results come in input order.
            pending: deque[Future[list[Result]]] = deque()
            for batch in batches:
                pending.append(pool.submit(extract_batch, batch))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()


def extract_articles(
    articles: Iterable[Article], workers: int = 1, *, engine: Engine | None = None
) -> Iterator[Result]:
    """The extraction of each article (input order on the local engine); nothing is stored."""
    for results in (engine or LocalEngine(workers)).map(_batches(articles)):
        yield from results


# ---------------------------------------------------------------------------------------------
# The reduce, and the whole


def load(
    results: Iterable[Result],
    store: Store,
    *,
    report: IngestReport | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Store each extraction (a no-op if its article is stored) and count each error; the one writer."""
    report = report or IngestReport()
    tick = progress or (lambda n: None)
    for result in results:
        if isinstance(result, ArticleError):
            report.fail(result)
        elif store.add(result):
            report.new += 1
            report.claims += len(result.claims)
        else:
            report.skipped += 1
        tick(1)
    return report


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    workers: int = 1,
    engine: Engine | None = None,
    progress: Progress | None = None,
    published: date | None = None,
) -> IngestReport:
    """Read, extract and load every article under `paths` (on `engine`, else `workers` processes).

    `published` dates the inputs that have no date of their own.
    """
    report = IngestReport()
    fresh = _readable(paths, report, progress or (lambda n: None), store, published)
    extracted = extract_articles(fresh, workers) if engine is None else extract_articles(fresh, engine=engine)
    return load(extracted, store, report=report, progress=progress)


def _readable(
    paths: Iterable[str | Path],
    report: IngestReport,
    tick: Progress,
    store: Store | None = None,
    published: date | None = None,
) -> Iterator[Article]:
    """The articles under `paths` that read well (and that `store` lacks), counting the others."""
    for item in read_articles(paths, published=published, warn=report.warnings.append):
        report.read += 1
        if isinstance(item, ArticleError):
            report.fail(item)
            tick(1)
        elif store is not None and store.has_article(item.id):
            report.skipped += 1
            tick(1)
        else:
            yield item


def extract_to_file(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    workers: int = 1,
    engine: Engine | None = None,
    progress: Progress | None = None,
    published: date | None = None,
) -> IngestReport:
    """Extract every article under `paths` into the extraction file `out`, without a database.

    `new` counts the extractions written; `load_files` stores them later, anywhere.
    """
    report = IngestReport()
    tick = progress or (lambda n: None)

    def extracted() -> Iterator[Extraction]:
        readable = _readable(paths, report, tick, published=published)
        for result in extract_articles(readable, workers, engine=engine):
            tick(1)
            if isinstance(result, ArticleError):
                report.fail(result)
            else:
                report.claims += len(result.claims)
                yield result

    report.new = write_extractions(extracted(), out)
    return report


def load_files(
    paths: Iterable[str | Path], store: Store, *, progress: Progress | None = None
) -> IngestReport:
    """Load extraction files written by `extract_to_file`: idempotent, in any order."""
    report = IngestReport()

    def counted() -> Iterator[Result]:
        for result in read_extractions(paths):
            report.read += 1
            yield result

    return load(counted(), store, report=report, progress=progress)

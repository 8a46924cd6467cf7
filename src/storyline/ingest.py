"""Ingestion: read → extract (the map: pure, in parallel) → load (the reduce: idempotent, any order).

One bad article never aborts a batch: it is reported and skipped, whatever went wrong with it (it
could not be read, extraction failed or took its process down, the database refused it), as an
`ArticleError` naming it: its file, and the line, record or page in it. Each article is loaded in
one transaction, so a crash leaves the store as it was before that article. Loading an article that is
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
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Protocol

from storyline.articles import count_records, read_articles
from storyline.errors import ArticleError, StorylineError, one_line
from storyline.extract import extract, extract_all
from storyline.model import Article, Extraction
from storyline.pipeline import load_pipeline
from storyline.shards import read_extraction_lines, write_extractions
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
        pool = _Pool(self.workers)
        try:
            # Not pool.map: it submits every batch at once, and so reads a whole web archive into
            # memory. A few batches per worker in flight keep them busy; results come in input order.
            for batch in batches:
                pool.submit(batch)
                if len(pool.pending) >= 2 * self.workers:
                    yield pool.next_result()
            while pool.pending:
                yield pool.next_result()
        finally:
            pool.close()


class _Pool:
    """Worker processes with batches in flight, and what to do when one of them dies.

    A process that dies (killed for memory, a crash in native code) takes the pool with it, and every
    batch in flight fails with it. The pool is started again and the batches resent; the batch whose
    result was awaited is tried again one article at a time, so that the article that kills its
    process is found and reported, and the others of its batch are extracted.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = self._start()
        self.pending: deque[tuple[list[Article], Future[list[Result]]]] = deque()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_warm)

    def submit(self, batch: list[Article]) -> None:
        self.pending.append((batch, self.pool.submit(extract_batch, batch)))

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()
        self.pending = deque((batch, self.pool.submit(extract_batch, batch)) for batch, _ in self.pending)

    def next_result(self) -> list[Result]:
        batch, future = self.pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart()
        if len(batch) == 1:
            return [ArticleError(batch[0].name, "extraction failed: its process died (out of memory?)")]
        results: list[Result] = []
        for article in batch:
            alone = self.pool.submit(extract_batch, [article])
            try:
                results += alone.result()
            except BrokenProcessPool:
                self._restart()
                results.append(
                    ArticleError(article.name, "extraction failed: its process died (out of memory?)")
                )
        return results

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


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
        else:
            _store_one(store, result, report)
        tick(1)
    return report


def _store_one(store: Store, extraction: Extraction, report: IngestReport, name: str | None = None) -> None:
    """Store one extraction and count it in `report`; a refusal (a NUL PostgreSQL cannot store, a lost
    connection) is an error naming the article (or `name`), and the store is as it was before it."""
    try:
        added = store.add(extraction)
    except Exception as err:
        why = str(err) if isinstance(err, StorylineError) else one_line(err)
        report.fail(ArticleError(name or extraction.article.name, f"not stored: {why}"))
        return
    if added:
        report.new += 1
        report.claims += len(extraction.claims)
    else:
        report.skipped += 1


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
        elif store is not None and _stored(store, item):
            report.skipped += 1
            tick(1)
        else:
            yield item


def _stored(store: Store, article: Article) -> bool:
    try:
        return store.has_article(article.id)
    except Exception:
        return False  # extracted then; storing it says what the database has against it


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
    tick = progress or (lambda n: None)
    for where, result in read_extraction_lines(paths):
        report.read += 1
        if isinstance(result, ArticleError):
            report.fail(result)
        else:
            _store_one(store, result, report, f"{where} ({result.article.name})")
        tick(1)
    return report

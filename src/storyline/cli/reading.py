"""The commands that read articles in, or take them back: ingest, extract, load, reextract, forget."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from storyline.articles import read_articles
from storyline.cli.options import (
    DB_HELP,
    ISO_DATE,
    PUBLISHED_HELP,
    emit,
    existing_store,
    format_options,
    print_problems,
    print_warning,
    store_or_exit,
)
from storyline.errors import ArticleError
from storyline.extractor_version import extractor_version
from storyline.ingest import (
    Engine,
    LocalEngine,
    count_articles,
    extract_articles,
    extract_to_file,
    ingest,
    load_files,
)
from storyline.model import Article

__all__ = ["extract_command", "forget_command", "ingest_command", "load_command", "reextract_command"]


def _engine(name: str, scheduler: str | None, workers: int | None) -> Engine:
    """The engine the ingest options name."""
    if name == "local":
        if scheduler:
            raise click.UsageError("--scheduler needs --engine dask")
        return LocalEngine(workers or 1)
    try:
        # Imported here: Dask is the optional `dask` extra, and it takes a second to import.
        from storyline.cluster import DaskEngine
    except ImportError as err:
        raise click.ClickException(f"--engine dask needs pip install 'storyline[dask]' ({err})") from None
    return DaskEngine(scheduler, workers=workers or os.cpu_count() or 1)


@click.command("ingest")
# readable=False: an unreadable input is one error of the batch (the reader says so), not a usage error.
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--db", help=DB_HELP)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where extraction runs: processes on this machine, or a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask scheduler to use (tcp://host:8786); without it --engine dask starts a local cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Extraction processes, one model each [default: 1; with a local Dask cluster, one per CPU].",
)
@click.option("--published", type=ISO_DATE, help=PUBLISHED_HELP)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest_command(
    paths: tuple[Path, ...],
    db: str | None,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    published: date | None,
    quiet: bool,
) -> None:
    """Read articles into the database: seed-format .txt, .jsonl/.json (storyline's, trafilatura's or
    news-please's fields), web pages (.html), RSS/Atom feeds (.xml, .rss, .atom), web archives
    (.warc, .warc.gz), or folders of them.

    Idempotent: an article already stored is skipped. A bad article is reported and skipped, the
    rest go in; the exit code is 1 when any article failed. Extraction runs on the engine chosen;
    loading always runs here, one article per transaction, and the result is the same either way.
    The progress bar counts articles (feed entries, archived pages), not files.
    """
    where = _engine(engine, scheduler, workers)
    with store_or_exit(db) as store:
        # Counting reads archives and feeds once more: not worth it when no bar is shown.
        total = 0 if quiet else count_articles(paths)
        with click.progressbar(length=total, label="ingesting", file=sys.stderr, hidden=quiet) as bar:
            report = ingest(paths, store, engine=where, progress=bar.update, published=published)
    print_problems(report.errors, report.warnings)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@click.command("extract")
# readable=False: an unreadable input is one error of the batch (the reader says so), not a usage error.
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--json", "as_json", is_flag=True, help="One claim per line as JSON (the default is a table).")
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write an extraction file for `storyline load` instead of printing claims.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Extraction processes."
)
@click.option("--published", type=ISO_DATE, help=PUBLISHED_HELP)
def extract_command(
    paths: tuple[Path, ...], as_json: bool, out: Path | None, workers: int, published: date | None
) -> None:
    """Extract claims from articles without a database: one claim per line, or an extraction file.

    The JSON lines are the claim format of the README (`storyline extract`): file, a, b, relation,
    when, ended, status, evidence, published, span, confidence. With --out, everything extracted
    from each article goes to FILE (one JSON line per article, written whole or not at all), for
    `storyline load` to store later: run one `extract --out` per shard of the input, anywhere, then
    load the files in any order.
    """
    if out is not None:
        if as_json:
            raise click.UsageError("--json prints claims; --out writes an extraction file: choose one")
        report = extract_to_file(paths, out, workers=workers, published=published)
        print_problems(report.errors, report.warnings)
        click.echo(
            f"read {report.read}, extracted {report.new}, failed {report.failed}; "
            f"{report.claims} claims written to {out}"
        )
        if not report.ok:
            sys.exit(1)
        return
    failed = False

    def readable() -> Iterator[Article]:
        nonlocal failed
        for item in read_articles(paths, published=published, warn=print_warning):
            if isinstance(item, Article):
                yield item
            else:
                click.echo(f"error: {item}", err=True)
                failed = True

    for result in extract_articles(readable(), workers):
        if isinstance(result, ArticleError):
            click.echo(f"error: {result}", err=True)
            failed = True
            continue
        for claim in result.claims:
            data = claim.to_json()
            if as_json:
                click.echo(json.dumps(data, ensure_ascii=False))
            else:
                click.echo(
                    f"{data['file']}\t{data['when'] or '-'}\t{data['a']}\t{data['relation']}"
                    f"\t{data['b'] or '-'}\t{data['status']}"
                )
    if failed:
        sys.exit(1)


@click.command("load")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, readable=False)
)
@click.option("--db", help=DB_HELP)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def load_command(files: tuple[Path, ...], db: str | None, quiet: bool) -> None:
    """Store the extraction files `storyline extract --out` wrote.

    Idempotent and in any order: an article already stored is skipped, and the answers do not depend
    on which file came first. A bad line is reported and skipped; the exit code is 1 when any failed.
    """
    with store_or_exit(db) as store:
        total = count_articles(files)
        with click.progressbar(length=total, label="loading", file=sys.stderr, hidden=quiet) as bar:
            report = load_files(files, store, progress=bar.update)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@click.command("reextract")
@click.option("--db", help=DB_HELP)
@click.option(
    "--all", "everything", is_flag=True, help="Re-read every article, not only those read by older rules."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def reextract_command(db: str | None, everything: bool, quiet: bool) -> None:
    """Re-read stored articles with the current rules, so that improved rules reach an existing database.

    The store records which extractor version (storyline's version and a digest of its rules and
    weights) read each article; this re-reads those read by another (or every article, with --all)
    and replaces what was drawn from each, one article per transaction, each logged. The answers then
    follow the new claims. Articles are read from the database: the files are not needed.
    """
    from storyline.extract import extract_all  # imported here: spaCy, for this command alone

    version = extractor_version()
    with existing_store(db) as store:
        ids = (
            [a.id for a in store.article_list(limit=10**9)]
            if everything
            else store.outdated_articles(version)
        )
        if not ids:
            click.echo(f"every article was read by the current rules ({version}): nothing to do")
            return
        articles = (a for key in ids if (a := store.article(key)) is not None)
        before = after = 0
        with click.progressbar(length=len(ids), label="re-extracting", file=sys.stderr, hidden=quiet) as bar:
            for extraction in extract_all(articles):
                edit = store.replace(extraction)
                before, after = before + edit.claims_before, after + edit.claims_after
                bar.update(1)
    click.echo(f"re-extracted {len(ids)} articles with {version}: {before} claims before, {after} now")


@click.command("forget")
@click.argument("article")
@click.option("--db", help=DB_HELP)
@format_options("{action, article, source, published, claims_before, claims_after, version, made_at}.")
def forget_command(article: str, db: str | None, fmt: str, as_json: bool) -> None:
    """Retract ARTICLE (its id or source name) and everything drawn from it.

    The history is re-derived from the claims left, so every answer follows at once. The edit is
    logged (what, when, how many claims), and ingesting the article again brings it back.
    """
    with existing_store(db) as store:
        edit = store.forget(article)
    if edit is None:
        raise click.ClickException(f"no article {article!r} in the database (see `storyline articles`)")
    data = edit.to_json()
    emit(
        data,
        fmt,
        as_json,
        lambda: click.echo(
            f"forgot {data['source']} ({data['published']}, id {data['article']}): "
            f"{data['claims_before']} claims retracted"
        ),
    )

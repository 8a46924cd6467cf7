"""The `storyline` command: thin commands over the library, each with `--help`, most with `--json`.

The database is ./storyline.db unless `--db URL` or $STORYLINE_DB says otherwise.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import click

from storyline.articles import read_articles
from storyline.errors import ArticleError, StorylineError, one_line
from storyline.history import STALE_MONTHS
from storyline.ingest import (
    Engine,
    LocalEngine,
    count_articles,
    extract_articles,
    extract_to_file,
    ingest,
    load_files,
)
from storyline.model import Article, Relation
from storyline.query import TimelineEntry, conflicts, partners, sources, timeline
from storyline.store import Store, open_store, store_url

__all__ = ["main"]

DB_HELP = "Database URL: sqlite:///file.db (default ./storyline.db) or postgresql://… [env: STORYLINE_DB]"
PUBLISHED_HELP = (
    "The publication date of every input that gives none of its own (a page, entry or record with"
    " no date, a text file with no date line)."
)


class _Date(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


DATE = _Date()


def _print_warning(warning: str) -> None:
    click.echo(f"warning: {warning}", err=True)


def _print_problems(errors: list[str], warnings: list[str]) -> None:
    for warning in warnings:
        _print_warning(warning)
    for error in errors:
        click.echo(f"error: {error}", err=True)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    try:
        with open_store(db) as store:
            yield store
    except StorylineError as err:
        raise click.ClickException(str(err)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyline")
@click.option(
    "--debug",
    is_flag=True,
    envvar="STORYLINE_DEBUG",
    help="On an unexpected error, print its traceback (for a bug report) [env: STORYLINE_DEBUG].",
)
def cli(debug: bool) -> None:
    """storyline: dated news articles in, a sourced, time-aware timeline of people out.

    Typical use: `storyline ingest articles/` then `storyline timeline "Mira Dahl"`.
    """


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


@cli.command("ingest")
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
@click.option("--published", type=DATE, help=PUBLISHED_HELP)
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
    with _store(db) as store:
        # Counting reads archives and feeds once more: not worth it when no bar is shown.
        total = 0 if quiet else count_articles(paths)
        with click.progressbar(length=total, label="ingesting", file=sys.stderr, hidden=quiet) as bar:
            report = ingest(paths, store, engine=where, progress=bar.update, published=published)
    _print_problems(report.errors, report.warnings)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@cli.command("extract")
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
@click.option("--published", type=DATE, help=PUBLISHED_HELP)
def extract_command(
    paths: tuple[Path, ...], as_json: bool, out: Path | None, workers: int, published: date | None
) -> None:
    """Extract claims from articles without a database: one claim per line, or an extraction file.

    The JSON lines are the gold format of DESIGN.md: file, a, b, relation, when, ended, status,
    evidence, published, span, confidence. With --out, everything extracted from each article goes
    to FILE (one JSON line per article, written whole or not at all), for `storyline load` to store
    later: run one `extract --out` per shard of the input, anywhere, then load the files in any order.
    """
    if out is not None:
        if as_json:
            raise click.UsageError("--json prints claims; --out writes an extraction file: choose one")
        report = extract_to_file(paths, out, workers=workers, published=published)
        _print_problems(report.errors, report.warnings)
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
        for item in read_articles(paths, published=published, warn=_print_warning):
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


@cli.command("load")
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
    with _store(db) as store:
        total = count_articles(files)
        with click.progressbar(length=total, label="loading", file=sys.stderr, hidden=quiet) as bar:
            report = load_files(files, store, progress=bar.update)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


def _timeline_line(entry: TimelineEntry) -> str:
    data = entry.to_json()
    when = data["when"] or "?"
    if data["ended"]:
        # An end known only as "by D" reads "2017..by 2023-12-24".
        ended = f"by {data['ended'][2:]}" if data["ended"].startswith("..") else data["ended"]
        when = f"{data['when'] or ''}..{ended}"
    relation, other = data["relation"], data["with"] or data["child"] or ""
    if entry.is_child:
        relation = "child of"  # the person's own birth: the parents
    elif data["child"] and data["child"] != other:
        other = f"{data['child']} (with {other})" if other else data["child"]
    status = data["status"] if data["status"] == "confirmed" else data["status"].upper()
    known = f"  (known since {data['known_since']})" if data["status"] != "confirmed" else ""
    disputed = "  DISPUTED" if data["disputed"] else ""
    stale = "  STALE" if data["stale"] else ""
    return f"  {when:22} {relation:11} {other:28} {status}{known}{disputed}{stale}"


STALE_HELP = (
    "Months a rumour or report may go without an article restating it before it is stale: shown,"
    " but no longer a current partner [default: 12; env: STORYLINE_STALE_MONTHS]."
)


def _stale_option(command: Any) -> Any:
    return click.option(
        "--stale-months",
        "stale_months",
        type=click.IntRange(min=1),
        default=STALE_MONTHS,
        envvar="STORYLINE_STALE_MONTHS",
        show_default=False,
        help=STALE_HELP,
    )(command)


@cli.command("timeline")
@click.argument("name")
@click.option("--at", type=DATE, help="Only what was under way or had happened by this day.")
@click.option("--as-of", "as_of", type=DATE, help="Only what articles published by this day said.")
@click.option("--db", help=DB_HELP)
@click.option(
    "--json", "as_json", is_flag=True, help="JSON: a list of {when, ended, relation, with, status, …}."
)
@_stale_option
def timeline_command(
    name: str, at: date | None, as_of: date | None, db: str | None, as_json: bool, stale_months: int
) -> None:
    """The relationship timeline of NAME: phases and events in time order, each with its sources."""
    with _store(db) as store:
        try:
            entries = timeline(store, name, as_of=as_of, stale_months=stale_months)
        except StorylineError as err:
            raise click.ClickException(str(err)) from None
    if at is not None:
        entries = [e for e in entries if e.event.when is None or (e.event.when.earliest or date.min) <= at]
    if as_json:
        _print_json([e.to_json() for e in entries])
        return
    click.echo(name if not entries else entries[0].person)
    for entry in entries:
        click.echo(_timeline_line(entry))
    if not entries:
        click.echo("  (nothing known)")


@cli.command("partners")
@click.argument("name")
@click.option("--at", type=DATE, help="The day to ask about [default: today].")
@click.option(
    "--as-of", "as_of", type=DATE, help="Knowledge cut-off: articles published by this day [default: today]."
)
@click.option("--db", help=DB_HELP)
@click.option(
    "--json", "as_json", is_flag=True, help="JSON: a list of {name, phase, since, status, sources, disputed}."
)
@_stale_option
def partners_command(
    name: str, at: date | None, as_of: date | None, db: str | None, as_json: bool, stale_months: int
) -> None:
    """Who NAME was with on a day (--at), as known on another (--as-of)."""
    with _store(db) as store:
        try:
            found = partners(store, name, at=at, as_of=as_of, stale_months=stale_months)
        except StorylineError as err:
            raise click.ClickException(str(err)) from None
    if as_json:
        _print_json([p.to_json() for p in found])
        return
    if not found:
        click.echo(f"{name}: no partner known on {at or date.today()}")
    for partner in found:
        data = partner.to_json()
        flag = f"  disputed: {', '.join(d['status'] for d in data['disputed'])}" if data["disputed"] else ""
        click.echo(
            f"{data['name']:28} {data['phase']:8} since {data['since'] or '?':12} {data['status']}{flag}"
        )


@cli.command("timex")
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
@click.option(
    "--dct",
    type=DATE,
    help="The document creation time relative expressions resolve against [default: today].",
)
@click.option("--json", "as_json", is_flag=True, help="JSON: [{start, end, text, type, value, mod}].")
def timex_command(source: Any, dct: date | None, as_json: bool) -> None:
    """Temporal expressions in a text (FILE, or - for standard input) with TIMEX3 type, value and mod."""
    from storyline.timex import tag

    found = tag(source.read(), dct or date.today())
    if as_json:
        _print_json([t.to_json() for t in found])
        return
    for timex in found:
        mod = f" {timex.mod.value}" if timex.mod else ""
        click.echo(f"{timex.start}-{timex.end}\t{timex.type}\t{timex.value}{mod}\t{timex.text}")


def demo_articles() -> Path:
    """The folder of the bundled fictional demo articles."""
    return Path(str(resources.files("storyline").joinpath("demo")))


@cli.command("demo")
@click.option("--db", help=DB_HELP)
@click.option("--port", default=8000, show_default=True, help="Port to serve the timeline page on.")
@click.option("--no-serve", "no_serve", is_flag=True, help="Print the timelines and stop; serve nothing.")
def demo_command(db: str | None, port: int, no_serve: bool) -> None:
    """Ingest the bundled fictional articles, print their timelines, then serve the timeline page."""
    with _store(db) as store:
        report = ingest([demo_articles()], store)
        click.echo(f"demo articles: {report.summary()} into {store_url(db)}")
        for name in ("Mira Dahl", "Nell Park"):
            click.echo("")
            click.echo(name)
            for entry in timeline(store, name):
                click.echo(_timeline_line(entry))
        click.echo("")
        click.echo("who was Mira Dahl with on 2024-12-01, as known on 2024-03-21 and on 2024-11-30:")
        for as_of in (date(2024, 3, 21), date(2024, 11, 30)):
            found = partners(store, "Mira Dahl", at=date(2024, 12, 1), as_of=as_of)
            summary = ", ".join(f"{p.phase.partner} ({p.phase.phase.value})" for p in found) or "no one"
            click.echo(f"  as of {as_of}: {summary}")
    if no_serve:
        return
    click.echo("")
    click.echo(f"serving at http://127.0.0.1:{port} (Ctrl+C to stop); Mira Dahl's timeline page:")
    click.echo(f"  http://127.0.0.1:{port}/people/Mira%20Dahl")
    _serve(db, "127.0.0.1", port, None, STALE_MONTHS)


def _serve(db: str | None, host: str, port: int, token: str | None, stale_months: int) -> None:
    try:
        # Imported here: the web extra is optional, and no other command needs it.
        from storyline.web import serve
    except ImportError as err:
        raise click.ClickException(f"serving needs pip install 'storyline[web]' ({err})") from None
    try:
        serve(db, host=host, port=port, token=token, stale_months=stale_months)
    except StorylineError as err:
        raise click.ClickException(str(err)) from None


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option("--db", help=DB_HELP)
@click.option(
    "--token",
    envvar="STORYLINE_TOKEN",
    help="Allow POST /api/articles with 'Authorization: Bearer TOKEN' [env: STORYLINE_TOKEN, better than"
    " the option, which other users see in `ps`]; without it the server is read-only.",
)
@click.option(
    "--token-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read the token from this file (its first line) instead.",
)
@_stale_option
@click.pass_context
def serve_command(
    ctx: click.Context,
    host: str,
    port: int,
    db: str | None,
    token: str | None,
    token_file: Path | None,
    stale_months: int,
) -> None:
    """Serve the JSON API and the timeline pages (http://HOST:PORT/, OpenAPI at /openapi.json).

    On 127.0.0.1 (the default) only requests to 127.0.0.1, localhost or [::1] are answered;
    $STORYLINE_ALLOWED_HOSTS (comma-separated) names more hosts to answer for.
    """
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip().splitlines()[0].strip()
        except (OSError, UnicodeDecodeError, IndexError) as err:
            raise click.ClickException(
                f"cannot read a token from {token_file}: {err or 'it is empty'}"
            ) from None
    elif token and ctx.get_parameter_source("token") is click.core.ParameterSource.COMMANDLINE:
        _print_warning("--token shows in the process list; set $STORYLINE_TOKEN or use --token-file")
    mode = "ingest allowed with the token" if token else "read-only"
    click.echo(f"serving {store_url(db)} at http://{host}:{port}/ ({mode}; Ctrl+C to stop)")
    _serve(db, host, port, token, stale_months)


@cli.command("ask")
@click.argument("question")
@click.option("--as-of", "as_of", type=DATE, help="Answer from articles published by this day.")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help='JSON: {"question", "known", "answer", "facts"}.')
@_stale_option
def ask_command(question: str, as_of: date | None, db: str | None, as_json: bool, stale_months: int) -> None:
    """Answer a question from the articles, with how sure they are and which say it, or say that they
    do not tell.

    Asks when something happened ("When did A and B tie the knot?", "When was A's divorce
    finalized?"), whether it did or is so ("Is A still married to B?", "Is A single?", "Did A deny
    dating B?"), who ("Who is A engaged to?", "Who was A's first wife?", "Who are A's kids?", "Who
    is A's father?"), how many ("How many children do A and B have?"), how long ("How long were A
    and B together?"), what happened between two people, where things stand, and what someone said;
    names in full or in part, any case, misspelt; dates in any form ("in May 2019", "between 2010
    and 2015", "last year"). The forms are rules in rules/en/questions.toml.
    """
    from storyline.ask import ask

    with _store(db) as store:
        answer = ask(store, question, as_of, stale_months)
    if as_json:
        _print_json(answer.to_json())
        return
    click.echo(answer.answer if answer.known else f"unknown: {answer.answer}")
    for fact in answer.facts:
        click.echo(
            f"  {fact['relation']} {fact['with'] or ''} {fact['when'] or '?'}  [{', '.join(fact['sources'])}]"
        )


@cli.command("sources")
@click.argument("name")
@click.option("--with", "other", help="Only facts with this person.")
@click.option(
    "--relation", type=click.Choice([r.value for r in Relation]), help="Only facts of this relation."
)
@click.option("--as-of", "as_of", type=DATE, help="Only articles published by this day.")
@click.option("--db", help=DB_HELP)
@click.option(
    "--json", "as_json", is_flag=True, help="JSON: [{relation, with, when, status, corroboration, claims}]."
)
def sources_command(
    name: str, other: str | None, relation: str | None, as_of: date | None, db: str | None, as_json: bool
) -> None:
    """Which articles support each fact about NAME, with the sentence each says it in."""
    with _store(db) as store:
        try:
            found = sources(store, name, other, Relation(relation) if relation else None, as_of)
        except StorylineError as err:
            raise click.ClickException(str(err)) from None
    if as_json:
        _print_json([s.to_json() for s in found])
        return
    for entry in found:
        data = entry.to_json()
        click.echo(
            f"{data['relation']} {data['with'] or ''} {data['when'] or '?'} ({data['status']}, "
            f"{data['corroboration']} article(s))"
        )
        for claim in data["claims"]:
            click.echo(
                f"  {claim['published']} {claim['source']} [{claim['status']}]: {claim['sentence'][:120]}"
            )


@cli.command("conflicts")
@click.argument("name", required=False)
@click.option("--as-of", "as_of", type=DATE, help="Only articles published by this day.")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="JSON: [{kind, relation, a, b, when, sides}].")
def conflicts_command(name: str | None, as_of: date | None, db: str | None, as_json: bool) -> None:
    """Facts the articles disagree on (a report and a denial, or two dates), with both sides' sources."""
    with _store(db) as store:
        try:
            found = conflicts(store, as_of, name)
        except StorylineError as err:
            raise click.ClickException(str(err)) from None
    if as_json:
        _print_json([c.to_json() for c in found])
        return
    if not found:
        click.echo("no conflicts")
    for entry in found:
        data = entry.to_json()
        click.echo(f"{data['kind']}: {data['a']} {data['relation']} {data['b'] or ''} {data['when'] or ''}")
        for side in data["sides"]:
            click.echo(f"  {side['says']}: {', '.join(c['source'] for c in side['claims'])}")


@cli.command("merge")
@click.argument("name")
@click.argument("other")
@click.option("--db", help=DB_HELP)
def merge_command(name: str, other: str, db: str | None) -> None:
    """Record that NAME and OTHER are one person (undo with `storyline unmerge`)."""
    with _store(db) as store:
        store.add_identity_edit("merge", name, other)
    click.echo(f"merged {name!r} and {other!r}")


@cli.command("unmerge")
@click.argument("name")
@click.argument("other")
@click.option("--db", help=DB_HELP)
def unmerge_command(name: str, other: str, db: str | None) -> None:
    """Take back a merge of NAME and OTHER: they are two people again."""
    with _store(db) as store:
        store.add_identity_edit("unmerge", name, other)
    click.echo(f"unmerged {name!r} and {other!r}")


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "graphml", "jsonld"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option("--as-of", "as_of", type=DATE, help="Only articles published by this day.")
@click.option(
    "--out", type=click.File("w", encoding="utf-8"), default="-", help="File to write [default: stdout]."
)
@click.option("--db", help=DB_HELP)
def export_command(fmt: str, as_of: date | None, out: Any, db: str | None) -> None:
    """Everything known, with Wikidata-style qualifiers (start/end time, point in time, precision,
    end cause, reference URL, quote)."""
    from storyline.export import export

    with _store(db) as store:
        out.write(export(store, fmt, as_of))


def main() -> None:
    try:
        cli.main(prog_name="storyline")
    except Exception as err:
        # Click has said what it knows (usage, ClickException) and exited; this is what no one foresaw.
        if "--debug" in sys.argv[1:] or os.environ.get("STORYLINE_DEBUG", "").lower() in ("1", "true", "yes"):
            raise
        click.echo(f"error: {one_line(err)}", err=True)
        click.echo("(an unexpected error: run with --debug for its traceback, and report it)", err=True)
        sys.exit(1)

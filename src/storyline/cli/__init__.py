"""The `storyline` command: thin commands over the library, each with `--help`, queries with
`--format table|json|csv|nl` (and `--json`).

The database is ./storyline.db unless `--db URL` or $STORYLINE_DB says otherwise; a query on a
database file that does not exist is an error. Modules: `options` (what commands share), `reading`
(ingest, extract, load, reextract, forget), `queries` (people, articles, timeline, partners, ask,
sources, conflicts), `serving` (serve, mcp, demo, export, timex, merge, unmerge).
"""

from __future__ import annotations

import os
import sys

import click

from storyline.cli import queries, reading, serving
from storyline.cli.serving import demo_articles
from storyline.errors import one_line

__all__ = ["cli", "demo_articles", "main"]


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

    Typical use: `storyline ingest articles/` then `storyline people` and `storyline timeline "Mira Dahl"`.
    """


for _command in (
    reading.ingest_command,
    reading.extract_command,
    reading.load_command,
    reading.reextract_command,
    reading.forget_command,
    queries.people_command,
    queries.articles_command,
    queries.timeline_command,
    queries.partners_command,
    queries.ask_command,
    queries.sources_command,
    queries.conflicts_command,
    serving.merge_command,
    serving.unmerge_command,
    serving.export_command,
    serving.timex_command,
    serving.serve_command,
    serving.mcp_command,
    serving.demo_command,
):
    cli.add_command(_command)


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

"""The commands that serve or hand over what is known, and the hand corrections of identity: serve,
mcp, demo, export, timex, merge, unmerge."""

from __future__ import annotations

import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import click

from storyline.cli.options import (
    DATE,
    DB_HELP,
    ISO_DATE,
    existing_store,
    print_json,
    print_warning,
    stale_option,
    store_or_exit,
)
from storyline.cli.queries import timeline_line
from storyline.errors import StorylineError
from storyline.history import STALE_MONTHS
from storyline.ingest import ingest
from storyline.query import PersonNotFound, find_person, partners, timeline
from storyline.store import store_url

__all__ = [
    "DEMO_DB",
    "demo_articles",
    "demo_command",
    "export_command",
    "mcp_command",
    "merge_command",
    "serve_command",
    "timex_command",
    "unmerge_command",
]

#: The demo's own database, so that it never mixes the invented couples into yours.
DEMO_DB = "sqlite:///.storyline/demo.db"


def demo_articles() -> Path:
    """The folder of the bundled fictional demo articles."""
    return Path(str(resources.files("storyline").joinpath("demo")))


def _how_to_run() -> str:
    folder = Path(sys.executable).parent
    return (
        f"storyline is installed in {folder}: run it as {folder / 'storyline'} "
        f"(e.g. {folder / 'storyline'} --help), or first `source {folder / 'activate'}` and then `storyline`"
    )


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


@click.command("demo")
@click.option("--db", help=f"Database URL [default: {DEMO_DB}, the demo's own].")
@click.option("--port", default=8000, show_default=True, help="Port to serve the timeline page on.")
@click.option("--no-serve", "no_serve", is_flag=True, help="Print the timelines and stop; serve nothing.")
def demo_command(db: str | None, port: int, no_serve: bool) -> None:
    """Ingest the bundled fictional articles into the demo's own database (.storyline/demo.db), print
    their timelines, then serve the timeline page."""
    db = db or DEMO_DB
    if db == DEMO_DB:
        Path(".storyline").mkdir(exist_ok=True)
    with store_or_exit(db) as store:
        report = ingest([demo_articles()], store)
        click.echo(f"demo articles: {report.summary()} into {store_url(db)}")
        for name in ("Mira Dahl", "Nell Park"):
            click.echo("")
            click.echo(name)
            for entry in timeline(store, name):
                click.echo(timeline_line(entry))
        click.echo("")
        click.echo("who was Mira Dahl with on 2024-12-01, as known on 2024-03-21 and on 2024-11-30:")
        for as_of in (date(2024, 3, 21), date(2024, 11, 30)):
            found = partners(store, "Mira Dahl", at=date(2024, 12, 1), as_of=as_of)
            summary = ", ".join(f"{p.phase.partner} ({p.phase.phase.value})" for p in found) or "no one"
            click.echo(f"  as of {as_of}: {summary}")
    click.echo("")
    click.echo(_how_to_run())
    click.echo(
        f'try: storyline timeline "Mira Dahl" --db {db}\n'
        f'     storyline ask "Who is Mira Dahl married to?" --db {db}'
    )
    if no_serve:
        return
    click.echo("")
    click.echo(f"serving at http://127.0.0.1:{port} (Ctrl+C to stop); Mira Dahl's timeline page:")
    click.echo(f"  http://127.0.0.1:{port}/people/Mira%20Dahl")
    _serve(db, "127.0.0.1", port, None, STALE_MONTHS)


@click.command("serve")
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
@stale_option
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
    """Serve the JSON API and the timeline pages (http://HOST:PORT/; API docs at /docs, OpenAPI at
    /openapi.json).

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
        print_warning("--token shows in the process list; set $STORYLINE_TOKEN or use --token-file")
    mode = "ingest allowed with the token" if token else "read-only"
    click.echo(f"serving {store_url(db)} at http://{host}:{port}/ ({mode}; Ctrl+C to stop)")
    _serve(db, host, port, token, stale_months)


@click.command("mcp")
@click.option("--db", help=DB_HELP)
@click.option(
    "--transport",
    type=click.Choice(["stdio", "http"]),
    default="stdio",
    show_default=True,
    help="stdio for an agent that starts this command; http for streamable HTTP at http://HOST:PORT/mcp.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface for --transport http.")
@click.option("--port", default=8001, show_default=True, help="Port for --transport http.")
@stale_option
def mcp_command(db: str | None, transport: str, host: str, port: int, stale_months: int) -> None:
    """Serve storyline to AI agents over the Model Context Protocol: six read-only tools
    (search_people, timeline, partners, ask, sources, conflicts) answering with the JSON of the CLI,
    evidence sentences and sources."""
    try:
        # Imported here: the MCP SDK is the optional `mcp` extra.
        from storyline.mcp_server import serve
    except ImportError as err:
        raise click.ClickException(f"storyline mcp needs pip install 'storyline[mcp]' ({err})") from None
    with existing_store(db):
        pass  # a missing database is an error here, before an agent sees a server that knows no one
    if transport == "http":
        click.echo(f"MCP over streamable HTTP at http://{host}:{port}/mcp ({store_url(db)})", err=True)
    serve(db, "stdio" if transport == "stdio" else "http", host=host, port=port, stale_months=stale_months)


@click.command("timex")
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
@click.option(
    "--dct",
    type=ISO_DATE,
    help="The document creation time relative expressions resolve against [default: today].",
)
@click.option("--json", "as_json", is_flag=True, help="JSON: [{start, end, text, type, value, mod}].")
def timex_command(source: Any, dct: date | None, as_json: bool) -> None:
    """Temporal expressions in a text (FILE, or - for standard input) with TIMEX3 type, value and mod."""
    from storyline.timex import tag

    found = tag(source.read(), dct or date.today())
    if as_json:
        print_json([t.to_json() for t in found])
        return
    for timex in found:
        mod = f" {timex.mod.value}" if timex.mod else ""
        click.echo(f"{timex.start}-{timex.end}\t{timex.type}\t{timex.value}{mod}\t{timex.text}")


def _known(store: Any, name: str) -> str:
    try:
        return find_person(store, name).name
    except PersonNotFound as err:
        raise click.ClickException(f"{err}; `storyline people` lists the names") from None


@click.command("merge")
@click.argument("name")
@click.argument("other")
@click.option("--db", help=DB_HELP)
def merge_command(name: str, other: str, db: str | None) -> None:
    """Record that NAME and OTHER are one person (undo with `storyline unmerge`); both must be names
    the database knows."""
    with existing_store(db) as store:
        first, second = _known(store, name), _known(store, other)
        if first == second and name != other and first not in (name, other):
            click.echo(f"note: {name!r} and {other!r} are both read as {first!r} already")
        store.add_identity_edit("merge", name, other)
    click.echo(f"merged {name!r} and {other!r}")


@click.command("unmerge")
@click.argument("name")
@click.argument("other")
@click.option("--db", help=DB_HELP)
def unmerge_command(name: str, other: str, db: str | None) -> None:
    """Take back a merge of NAME and OTHER: they are two people again."""
    with existing_store(db) as store:
        store.add_identity_edit("unmerge", name, other)
    click.echo(f"unmerged {name!r} and {other!r}")


@click.command("export")
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
    """Everything known as statements in Wikidata's model: property, value, qualifiers (start/end
    time, point in time with precision, end cause, participant, quote), rank and references."""
    from storyline.export import export

    with existing_store(db) as store:
        out.write(export(store, fmt, as_of))

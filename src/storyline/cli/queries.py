"""The commands that ask the database: people, articles, timeline, partners, ask, sources, conflicts.

Each opens an existing database only (a missing file is an error), and prints its answer as a table
for people or, with `--format json|csv|nl` (or `--json`), as the JSON of the HTTP API.
"""

from __future__ import annotations

from datetime import date

import click

from storyline.cli.options import DATE, DB_HELP, emit, existing_store, format_options, stale_option
from storyline.model import Relation
from storyline.query import TimelineEntry, conflicts, partners, people, sources, timeline

__all__ = [
    "articles_command",
    "ask_command",
    "conflicts_command",
    "partners_command",
    "people_command",
    "sources_command",
    "timeline_command",
    "timeline_line",
]


def timeline_line(entry: TimelineEntry) -> str:
    """A timeline entry as one line of text."""
    data = entry.to_json()
    when = data["when"] or "undated"
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


@click.command("people")
@click.argument("query", default="")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many.")
@click.option("--db", help=DB_HELP)
@format_options('a list of {"name"}.')
def people_command(query: str, limit: int, db: str | None, fmt: str, as_json: bool) -> None:
    """The people in the database whose name contains QUERY (any case or accents; all without it),
    most written about first, each spelling of a person once."""
    with existing_store(db) as store:
        found = people(store, query, limit)
    emit(
        [{"name": n} for n in found],
        fmt,
        as_json,
        lambda: click.echo(
            "\n".join(found) if found else f"no one{f' whose name contains {query!r}' if query else ''}"
        ),
    )


@click.command("articles")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many (the latest first).")
@click.option("--db", help=DB_HELP)
@format_options("[{id, published, title, source, url, claims, version}].")
def articles_command(limit: int, offset: int, db: str | None, fmt: str, as_json: bool) -> None:
    """The stored articles, the latest published first: date, source, claims drawn, and the extractor
    version that read them (`storyline reextract` re-reads those read by older rules)."""
    with existing_store(db) as store:
        found = store.article_list(limit, offset)
        total = store.counts()["articles"]

    def table() -> None:
        for a in found:
            click.echo(f"{a.published}  {a.source:40} {a.claims:4} claims  {a.id[:12]}  {a.version or '?'}")
        click.echo(f"({len(found)} of {total} articles)")

    emit([a.to_json() for a in found], fmt, as_json, table)


@click.command("timeline")
@click.argument("name")
@click.option("--at", type=DATE, help="Only what was under way or had happened by this day.")
@click.option("--as-of", "as_of", type=DATE, help="Only what articles published by this day said.")
@click.option("--db", help=DB_HELP)
@format_options("a list of {when, ended, relation, with, status, …}.")
@stale_option
def timeline_command(
    name: str, at: date | None, as_of: date | None, db: str | None, fmt: str, as_json: bool, stale_months: int
) -> None:
    """The relationship timeline of NAME: phases and events in time order, each with its sources.

    Dates may be 2019-05-03, 2019-05, 2019 or words ("May 2019"); a month or a year means its last day.
    """
    with existing_store(db) as store:
        entries = timeline(store, name, as_of=as_of, stale_months=stale_months)
    if at is not None:
        entries = [e for e in entries if e.event.when is None or (e.event.when.earliest or date.min) <= at]

    def table() -> None:
        click.echo(name if not entries else entries[0].person)
        for entry in entries:
            click.echo(timeline_line(entry))
        if not entries:
            click.echo("  (nothing known)")

    emit([e.to_json() for e in entries], fmt, as_json, table)


@click.command("partners")
@click.argument("name")
@click.option("--at", type=DATE, help="The day to ask about [default: today].")
@click.option(
    "--as-of", "as_of", type=DATE, help="Knowledge cut-off: articles published by this day [default: today]."
)
@click.option("--db", help=DB_HELP)
@format_options("a list of {name, phase, since, status, sources, disputed, evidence}.")
@stale_option
def partners_command(
    name: str, at: date | None, as_of: date | None, db: str | None, fmt: str, as_json: bool, stale_months: int
) -> None:
    """Who NAME was with on a day (--at), as known on another (--as-of), with the evidence."""
    with existing_store(db) as store:
        found = partners(store, name, at=at, as_of=as_of, stale_months=stale_months)
    rows = [p.to_json() for p in found]

    def table() -> None:
        if not rows:
            click.echo(f"{name}: no partner known on {at or date.today()}")
        for data in rows:
            flag = (
                f"  disputed: {', '.join(d['status'] for d in data['disputed'])}" if data["disputed"] else ""
            )
            click.echo(
                f"{data['name']:28} {data['phase']:8} since {data['since'] or '?':12} {data['status']}{flag}"
            )

    emit(rows, fmt, as_json, table)


@click.command("ask")
@click.argument("question")
@click.option("--as-of", "as_of", type=DATE, help="Answer from articles published by this day.")
@click.option("--db", help=DB_HELP)
@format_options('{"question", "known", "answer", "facts"}.')
@stale_option
def ask_command(
    question: str, as_of: date | None, db: str | None, fmt: str, as_json: bool, stale_months: int
) -> None:
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

    with existing_store(db) as store:
        answer = ask(store, question, as_of, stale_months)

    def table() -> None:
        click.echo(answer.answer if answer.known else f"unknown: {answer.answer}")
        for fact in answer.facts:
            sources = ", ".join(fact["sources"])
            click.echo(f"  {fact['relation']} {fact['with'] or ''} {fact['when'] or '?'}  [{sources}]")

    emit(answer.to_json(), fmt, as_json, table)


@click.command("sources")
@click.argument("name")
@click.option("--with", "other", help="Only facts with this person.")
@click.option(
    "--relation", type=click.Choice([r.value for r in Relation]), help="Only facts of this relation."
)
@click.option("--as-of", "as_of", type=DATE, help="Only articles published by this day.")
@click.option("--db", help=DB_HELP)
@format_options("[{relation, with, when, status, corroboration, claims}].")
def sources_command(
    name: str,
    other: str | None,
    relation: str | None,
    as_of: date | None,
    db: str | None,
    fmt: str,
    as_json: bool,
) -> None:
    """Which articles support each fact about NAME, with the sentence each says it in."""
    with existing_store(db) as store:
        found = sources(store, name, other, Relation(relation) if relation else None, as_of)
    rows = [s.to_json() for s in found]

    def table() -> None:
        for data in rows:
            click.echo(
                f"{data['relation']} {data['with'] or ''} {data['when'] or '?'} ({data['status']}, "
                f"{data['corroboration']} article(s))"
            )
            for claim in data["claims"]:
                click.echo(
                    f"  {claim['published']} {claim['source']} [{claim['status']}]: {claim['sentence'][:120]}"
                )

    emit(rows, fmt, as_json, table)


@click.command("conflicts")
@click.argument("name", required=False)
@click.option("--as-of", "as_of", type=DATE, help="Only articles published by this day.")
@click.option("--db", help=DB_HELP)
@format_options("[{kind, relation, a, b, when, sides}].")
def conflicts_command(name: str | None, as_of: date | None, db: str | None, fmt: str, as_json: bool) -> None:
    """Facts the articles disagree on (a report and a denial, or two dates), with both sides' sources."""
    with existing_store(db) as store:
        found = conflicts(store, as_of, name)
    rows = [c.to_json() for c in found]

    def table() -> None:
        if not rows:
            click.echo("no conflicts")
        for data in rows:
            click.echo(
                f"{data['kind']}: {data['a']} {data['relation']} {data['b'] or ''} {data['when'] or ''}"
            )
            for side in data["sides"]:
                click.echo(f"  {side['says']}: {', '.join(c['source'] for c in side['claims'])}")

    emit(rows, fmt, as_json, table)

"""What the commands share: the database option and how a query opens it, lenient dates, the output
formats (`--format table|json|csv|nl`, `--json`), and printing problems."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from storyline.days import DayError, parse_day
from storyline.errors import StorylineError
from storyline.history import STALE_MONTHS
from storyline.store import Store, open_store, sqlite_path, store_url

__all__ = [
    "DATE",
    "DB_HELP",
    "ISO_DATE",
    "PUBLISHED_HELP",
    "emit",
    "existing_store",
    "format_options",
    "print_json",
    "print_problems",
    "print_warning",
    "stale_option",
    "store_or_exit",
]

DB_HELP = "Database URL: sqlite:///file.db (default ./storyline.db) or postgresql://… [env: STORYLINE_DB]"
PUBLISHED_HELP = (
    "The publication date of every input that gives none of its own (a page, entry or record with"
    " no date, a text file with no date line)."
)
STALE_HELP = (
    "Months a rumour or report may go without an article restating it before it is stale: shown,"
    " but no longer a current partner [default: 12; env: STORYLINE_STALE_MONTHS]."
)


class _Day(click.ParamType):  # type: ignore[type-arg]
    """A day as people type it: 2019-05-03, 2019-05, 2019, May 2019 (a month or year: its last day)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_day(str(value))
        except DayError as err:
            self.fail(str(err), param, ctx)


DATE = _Day()


class _IsoDay(click.ParamType):  # type: ignore[type-arg]
    """A publication date: a day on the calendar, written YYYY-MM-DD (never relative to today)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


ISO_DATE = _IsoDay()


def print_warning(warning: str) -> None:
    click.echo(f"warning: {warning}", err=True)


def print_problems(errors: list[str], warnings: list[str]) -> None:
    """Warnings, then errors; many errors from one file (a file that holds no articles, like a gold
    file) are summed up after the first few."""
    for warning in warnings:
        print_warning(warning)
    per_file: dict[str, int] = {}
    for error in errors:
        where = error.split(":", 1)[0]
        per_file[where] = per_file.get(where, 0) + 1
        if per_file[where] <= 3:
            click.echo(f"error: {error}", err=True)
    for where, count in per_file.items():
        if count > 3:
            click.echo(
                f"error: {where}: {count - 3} more records could not be read (is it a file of articles?)",
                err=True,
            )


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def store_or_exit(db: str | None) -> Iterator[Store]:
    """The store at `db`, created when new (for commands that write); a store error exits with it."""
    try:
        with open_store(db) as store:
            yield store
    except StorylineError as err:
        raise click.ClickException(str(err)) from None


@contextmanager
def existing_store(db: str | None) -> Iterator[Store]:
    """The store at `db` for a query: a SQLite file that does not exist is an error, not a new empty
    database that then knows no one."""
    path = sqlite_path(db)
    if path is not None and path != ":memory:" and not Path(path).exists():
        raise click.ClickException(
            f"no database at {path}: ingest articles first (storyline ingest PATH --db {store_url(db)}), "
            "or point --db (or $STORYLINE_DB) at yours"
        )
    with store_or_exit(db) as store:
        try:
            yield store
        except StorylineError as err:  # PersonNotFound and the like: one line, exit 1
            raise click.ClickException(str(err)) from None


def stale_option(command: Any) -> Any:
    return click.option(
        "--stale-months",
        "stale_months",
        type=click.IntRange(min=1),
        default=STALE_MONTHS,
        envvar="STORYLINE_STALE_MONTHS",
        show_default=False,
        help=STALE_HELP,
    )(command)


def format_options(json_help: str) -> Callable[[Any], Any]:
    """`--format table|json|csv|nl` and `--json` (the same as `--format json`)."""

    def add(command: Any) -> Any:
        command = click.option("--json", "as_json", is_flag=True, help=f"JSON: {json_help}")(command)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "json", "csv", "nl"]),
            default="table",
            show_default=True,
            help="table for people; json as the API; csv a row per item; nl one JSON object a line.",
        )(command)

    return add


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(
    data: list[dict[str, Any]] | dict[str, Any], fmt: str, as_json: bool, table: Callable[[], None]
) -> None:
    """Print `data` (the JSON of the answer) in the format asked for; `table` prints it for people."""
    fmt = "json" if as_json else fmt
    if fmt == "table":
        table()
    elif fmt == "json":
        print_json(data)
    elif fmt == "nl":
        for item in data if isinstance(data, list) else [data]:
            click.echo(json.dumps(item, ensure_ascii=False))
    else:
        rows = data if isinstance(data, list) else [data]
        fields = list(dict.fromkeys(k for row in rows for k in row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in fields})
        click.echo(out.getvalue(), nl=False)

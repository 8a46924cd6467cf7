"""`storyline mcp`: the library as tools for AI agents, over the Model Context Protocol (the official
`mcp` SDK; the `mcp` extra).

Six read-only tools, each returning the JSON of the matching CLI command as structured content
(lists under `result`), with evidence sentences and sources: `search_people(query)`,
`timeline(name, at?, as_of?)`, `partners(name, at?, as_of?)`, `ask(question, as_of?)`,
`sources(name, with?, relation?, as_of?)`, `conflicts(name?, as_of?)`. Dates are read as the CLI
reads them (`2019`, `2019-05`, `May 2019`, ISO); `as_of` replays what articles published by then said.
An unknown name or a bad date is a tool error whose text says what to try instead.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field

from storyline import query as queries
from storyline.ask import ask as ask_question
from storyline.days import DayError, parse_day
from storyline.errors import StorylineError
from storyline.history import STALE_MONTHS
from storyline.model import Relation
from storyline.schemas import (
    AnswerJSON,
    ConflictJSON,
    PartnerJSON,
    SourceEntryJSON,
    TimelineEntryJSON,
)
from storyline.store import Store, open_store

__all__ = ["TOOLS", "create_server", "serve"]

TOOLS = ("search_people", "timeline", "partners", "ask", "sources", "conflicts")

Name = Annotated[str, Field(description="A person's name: any spelling, or a unique part of it.")]
Day = Annotated[
    str | None,
    Field(description="A day: YYYY-MM-DD, YYYY-MM or YYYY (a month or year means its last day), 'May 2019'."),
]
AsOf = Annotated[
    str | None,
    Field(description="Knowledge cut-off: only articles published by this day (same forms as `at`)."),
]
T = TypeVar("T")
_READ_ONLY = ToolAnnotations(
    read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)
INSTRUCTIONS = (
    "storyline answers from dated news articles about people's relationships: who dated, got engaged, "
    "married, split or had children with whom, and when, with how sure the articles are (confirmed, "
    "reported, rumoured, denied) and the sentence and article each fact comes from. Find a person with "
    "search_people, then ask for their timeline or partners; `ask` takes a question in English. Say "
    "how sure the articles are when a fact is not confirmed, and cite the sources given."
)


def _day(text: str | None, what: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return parse_day(text)
    except DayError as err:
        raise ToolError(f"{what}: {err}") from None


def _keyword_alias(name: str, alias: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A tool argument named by a Python keyword (`with`): the SDK passes arguments by their alias,
    so the tool gets them as keywords and hands `alias` on as `name`; its schema is the function's."""

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def tool(**given: Any) -> T:
            if alias in given:
                given[name] = given.pop(alias)
            return fn(**given)

        tool.__signature__ = inspect.signature(fn, eval_str=True)  # type: ignore[attr-defined]
        return tool

    return wrap


def create_server(store: Store, stale_months: int = STALE_MONTHS) -> MCPServer:
    """An MCP server over `store` with the six read-only tools (see the module's docstring)."""
    server: MCPServer = MCPServer(
        "storyline", instructions=INSTRUCTIONS, description="Sourced timelines of people from the news."
    )
    lock = threading.Lock()  # the SDK runs tools in worker threads; a store serves one at a time

    @contextmanager
    def using() -> Iterator[Store]:
        with lock:
            yield store

    def answer(compute: Callable[[Store], T]) -> T:
        try:
            with using() as opened:
                return compute(opened)
        except StorylineError as err:  # PersonNotFound says whom it could be
            raise ToolError(str(err)) from None

    @server.tool(annotations=_READ_ONLY)
    def search_people(
        query: Annotated[str, Field(description="Part of a name; empty lists the most written about.")] = "",
    ) -> list[str]:
        """People whose name contains the query (any case or accents), most written about first."""
        return answer(lambda s: queries.people(s, query, limit=50))

    @server.tool(annotations=_READ_ONLY)
    def timeline(name: Name, at: Day = None, as_of: AsOf = None) -> list[TimelineEntryJSON]:
        """Everything known about a person in time order: relationship phases and events, each with its
        status, the sentence that says it and its sources; `at` leaves out what began after that day."""
        day, known = _day(at, "at"), _day(as_of, "as_of")
        entries = answer(lambda s: queries.timeline(s, name, as_of=known, stale_months=stale_months))
        if day is not None:
            entries = [
                e for e in entries if e.event.when is None or (e.event.when.earliest or date.min) <= day
            ]
        return [TimelineEntryJSON.model_validate(e.to_json()) for e in entries]

    @server.tool(annotations=_READ_ONLY)
    def partners(name: Name, at: Day = None, as_of: AsOf = None) -> list[PartnerJSON]:
        """Who a person was with on a day (`at`, default today) as known from articles published by
        `as_of` (default today), each with the phase, status, evidence sentences and sources."""
        day, known = _day(at, "at"), _day(as_of, "as_of")
        found = answer(lambda s: queries.partners(s, name, at=day, as_of=known, stale_months=stale_months))
        return [PartnerJSON.model_validate(p.to_json()) for p in found]

    @server.tool(annotations=_READ_ONLY)
    def ask(
        question: Annotated[str, Field(description="A question in English: 'When did A and B get engaged?'")],
        as_of: AsOf = None,
    ) -> AnswerJSON:
        """Answer a question from the articles, with how sure they are and which say it, or say that
        they do not tell (`known` false); it never guesses."""
        known = _day(as_of, "as_of")
        found = answer(lambda s: ask_question(s, question, known, stale_months))
        return AnswerJSON.model_validate(found.to_json())

    @server.tool(annotations=_READ_ONLY)
    @_keyword_alias("with_", "with")
    def sources(
        name: Name,
        with_: Annotated[str | None, Field(alias="with", description="Only facts with this person.")] = None,
        relation: Annotated[
            Literal[tuple(r.value for r in Relation)] | None,  # type: ignore[valid-type]
            Field(description="Only facts of this relation."),
        ] = None,
        as_of: AsOf = None,
    ) -> list[SourceEntryJSON]:
        """Every fact about a person with each article that supports it and the sentence it says it in."""
        known, wanted = _day(as_of, "as_of"), Relation(relation) if relation else None
        found = answer(lambda s: queries.sources(s, name, with_, wanted, known))
        return [SourceEntryJSON.model_validate(e.to_json()) for e in found]

    @server.tool(annotations=_READ_ONLY)
    def conflicts(name: Name | None = None, as_of: AsOf = None) -> list[ConflictJSON]:
        """Facts the articles disagree on (a report and a denial, two dates for one event), about a
        person or anyone, with both sides' sources."""
        known = _day(as_of, "as_of")
        found = answer(lambda s: queries.conflicts(s, known, name))
        return [ConflictJSON.model_validate(c.to_json()) for c in found]

    return server


def serve(
    url: str | None = None,
    transport: Literal["stdio", "http"] = "stdio",
    host: str = "127.0.0.1",
    port: int = 8001,
    stale_months: int = STALE_MONTHS,
) -> None:
    """Serve the tools over the store at `url` on stdio (for an agent that starts the command) or
    streamable HTTP at http://HOST:PORT/mcp, until the client leaves or Ctrl+C."""
    with open_store(url) as store:
        server = create_server(store, stale_months)
        if transport == "stdio":
            server.run("stdio")
        else:
            server.run("streamable-http", host=host, port=port)

"""The JSON API under /api: thin routes over `storyline.query`, the same JSON as the CLI's `--json`.

Dates are `YYYY-MM-DD` (anything else is a 422); an unknown person is a 404 whose body carries
`suggestions`. Routes are plain `def`s, so FastAPI runs the synchronous library in its thread pool.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from storyline import query
from storyline.ask import ask as ask_question
from storyline.query import partners, people, timeline
from storyline.schemas import (
    AnswerJSON,
    ArticleJSON,
    ConflictJSON,
    PartnerJSON,
    PersonLinkJSON,
    PersonPageJSON,
    TimelineEntryJSON,
)
from storyline.web.person import headline, person_view
from storyline.web.state import AppState, app_state

__all__ = ["NOT_FOUND", "router"]

State = Annotated[AppState, Depends(app_state)]
Name = Annotated[str, Path(description="The person's name (URL-encoded); any spelling or a unique part.")]
AsOf = Annotated[
    date | None,
    Query(description="Knowledge cut-off: only articles published on or before this day (YYYY-MM-DD)."),
]

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "No such person (with close names to try) or article",
        "content": {
            "application/json": {
                "example": {
                    "detail": "no one called 'Mira Dal' in the database",
                    "suggestions": ["Mira Dahl"],
                }
            }
        },
    }
}

router = APIRouter(prefix="/api", tags=["api"])


def person_page(name: str) -> str:
    """The path of a person's page."""
    return f"/people/{quote(name, safe='')}"


@router.get("/people")
def search_people(
    state: State,
    q: Annotated[str, Query(description="Part of a name, any case; empty lists the most mentioned.")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[PersonLinkJSON]:
    """People whose name contains `q`, most mentioned first: `[{"name", "page"}]`.

    Spellings of one person (case, accents, a unique part of a fuller name) are listed once.
    """
    with state.using() as store:
        found = people(store, q, limit)
    return [PersonLinkJSON(name=name, page=person_page(name)) for name in found]


# `{name:path}`: a name may hold a "/" (it comes as %2F); the routes under a name come before it.
@router.get("/people/{name:path}/timeline", responses=NOT_FOUND)
def person_timeline(name: Name, state: State, as_of: AsOf = None) -> list[TimelineEntryJSON]:
    """Everything known about a person, in time order (as `storyline timeline NAME --json`).

    `[{"when", "ended", "relation", "with", "child", "status", "known_since", "evidence", "sources",
    "disputed", "stale"}]`.
    """
    with state.using() as store:
        found = timeline(store, name, as_of, state.stale_months)
    return [TimelineEntryJSON.model_validate(entry.to_json()) for entry in found]


@router.get("/people/{name:path}/partners", responses=NOT_FOUND)
def person_partners(
    name: Name,
    state: State,
    at: Annotated[
        date | None, Query(description="The day to ask about (YYYY-MM-DD) [default: today].")
    ] = None,
    as_of: AsOf = None,
) -> list[PartnerJSON]:
    """Who a person was with on `at`, as known on `as_of` (as `storyline partners NAME --json`).

    `[{"name", "phase", "since", "status", "sources", "disputed", "evidence"}]`; both dates default
    to today.
    """
    with state.using() as store:
        found = partners(store, name, at=at, as_of=as_of, stale_months=state.stale_months)
    return [PartnerJSON.model_validate(p.to_json()) for p in found]


@router.get("/people/{name:path}", responses=NOT_FOUND)
def person(name: Name, state: State, as_of: AsOf = None) -> PersonPageJSON:
    """The JSON twin of the person page, and the claim sources of every fact.

    `{"name", "variants", "as_of", "known_dates", "partners_at", "partners", "entries"}`: `entries`
    are the timeline entries, each with `range` (`{"from", "to"}`, the days to draw) and `claims`
    (`[{"article", "source", "headline", "published", "status", "sentence", "span", "outlet",
    "speaker"}]`, `span` being the sentence's character offsets in the article text);
    `known_dates` are the days articles about the person came out, the stops of the as-of control;
    `partners` are who the person was with on `partners_at` (`as_of`, else today), as then known.
    """
    with state.using() as store:
        return PersonPageJSON.model_validate(person_view(store, name, as_of, state.stale_months))


@router.get("/ask")
def ask(
    state: State,
    q: Annotated[str, Query(min_length=1, description='A question: "When did X and Y get engaged?"')],
    as_of: AsOf = None,
) -> AnswerJSON:
    """Answer a question from the articles (as `storyline ask --json`).

    `{"question", "known", "answer", "facts"}`; `known` is false when the articles cannot answer.
    """
    with state.using() as store:
        answer = ask_question(store, q, as_of, state.stale_months)
    return AnswerJSON.model_validate(answer.to_json())


@router.get("/conflicts")
def conflicts(state: State, as_of: AsOf = None) -> list[ConflictJSON]:
    """Facts the articles disagree on (a report and a denial of one event), with both sides' sources."""
    with state.using() as store:
        found = query.conflicts(store, as_of=as_of)
    return [ConflictJSON.model_validate(c.to_json()) for c in found]


@router.get("/articles/{key:path}", responses=NOT_FOUND)
def article(
    key: Annotated[str, Path(description="The article id, or its source (file name or URL).")],
    state: State,
) -> ArticleJSON:
    """One stored article: `{"id", "published", "title", "headline", "text", "source", "url"}`.

    The text is the article as ingested (after the date line); claim spans are offsets into it.
    """
    with state.using() as store:
        found = store.article(key)
    if found is None:
        raise HTTPException(404, f"no article {key!r} in the database")
    return ArticleJSON(
        id=found.id,
        published=found.published.isoformat(),
        title=found.title,
        headline=headline(found),
        text=found.text,
        source=found.source,
        url=found.url,
    )

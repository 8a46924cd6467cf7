"""The HTML pages: home with the ask box and search (`/`), API docs (`/docs`), a person's timeline
(`/people/{name}`) and an article (`/articles/{key}`).

Each page has a JSON twin under /api and links to it. Pages are Jinja templates with autoescaping
on: names and article text are untrusted and reach the page only as escaped text. The timeline
itself is drawn in the browser by static/person.js (an ES module) from the JSON twin.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from storyline.ask import ask
from storyline.query import PersonNotFound, find_person, recent_people
from storyline.web.api import person_page, search_people
from storyline.web.person import headline
from storyline.web.state import AppState, app_state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

State = Annotated[AppState, Depends(app_state)]

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("storyline.web", "templates"),
    autoescape=True,  # every template, whatever its name: nothing untrusted goes out unescaped
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("q", "")
    context.setdefault("question", "")
    return HTMLResponse(_templates.get_template(template).render(**context), status_code=status)


@router.get("/", response_class=HTMLResponse)
def home_page(
    state: State,
    q: Annotated[str, Query()] = "",
    question: Annotated[str, Query()] = "",
) -> HTMLResponse:
    """The home page: the ask box (twin: /api/ask?q=), the search (twin: /api/people?q=), and the
    people the latest articles told of."""
    people = search_people(state, q=q, limit=50)
    answer = None
    if question.strip():
        with state.using() as store:
            answer = ask(store, question.strip(), None, state.stale_months).to_json()
    with state.using() as store:
        recent = [{"name": n, "page": person_page(n)} for n in recent_people(store, 12)]
    json_url = f"/api/ask?q={quote(question)}" if question.strip() else f"/api/people?q={quote(q)}"
    return _page(
        "search.html", q=q, question=question, answer=answer, people=people, recent=recent, json_url=json_url
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    """Swagger UI over /openapi.json, every asset served from the package (no CDN)."""
    return _page("docs.html", json_url="/openapi.json")


def _not_found(err: PersonNotFound) -> HTMLResponse:
    suggestions = [{"name": n, "page": person_page(n)} for n in err.suggestions[:10]]
    json_url = f"/api/people/{quote(err.name, safe='')}"
    return _page("missing.html", 404, name=err.name, suggestions=suggestions, json_url=json_url)


@router.get("/people/{name:path}", response_class=HTMLResponse)  # a name may hold a "/"
def person_page_html(name: str, state: State) -> HTMLResponse:
    """A person's timeline (twin: /api/people/{name}); the as-of date is read from `?as_of=` by the script."""
    try:
        with state.using() as store:
            person = find_person(store, name)
    except PersonNotFound as err:
        return _not_found(err)
    api = f"/api/people/{quote(person.name, safe='')}"
    return _page("person.html", name=person.name, api=api, json_url=api)


@router.get("/articles/{key:path}", response_class=HTMLResponse)
def article_page(
    key: str,
    state: State,
    start: Annotated[int | None, Query(ge=0, description="Start of a span to highlight.")] = None,
    end: Annotated[int | None, Query(ge=0, description="End of the span to highlight.")] = None,
) -> HTMLResponse:
    """An article's text, with the span `start`..`end` (an evidence sentence) highlighted."""
    with state.using() as store:
        found = store.article(key)
    json_url = f"/api/articles/{quote(key)}"
    if found is None:
        return _page("missing.html", 404, name=key, suggestions=[], json_url=json_url, what="article")
    text = found.text
    parts = [text, "", ""]
    if start is not None and end is not None and start < end <= len(text):
        # The stored span runs to the next sentence; the highlight stops at the sentence's last letter.
        end = start + len(text[start:end].rstrip())
        parts = [text[:start], text[start:end], text[end:]]
    url = found.url if found.url and found.url.startswith(("https://", "http://")) else None
    return _page(
        "article.html",
        article=found,
        headline=headline(found),
        before=parts[0],
        marked=parts[1],
        after=parts[2],
        url=url,
        json_url=json_url,
    )

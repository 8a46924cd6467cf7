"""Ingesting over HTTP: `POST /api/articles`, one article per request, allowed only with the token.

Without a configured token the app is read-only (403); with one, the request needs
`Authorization: Bearer <token>` (401 otherwise). The article goes through `storyline.ingest` like
any file: it is written to a temporary folder under the name the client gives (`?source=`), so that
its source reads as it would had it been ingested from disk.
"""

from __future__ import annotations

import json
import re
import secrets
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from storyline.articles import MAX_ARTICLE_BYTES, parse_article
from storyline.errors import ArticleError
from storyline.model import content_id
from storyline.web.state import AppState, app_state

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["ingest"])

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _authorize(state: AppState, authorization: str | None) -> None:
    if state.token is None:
        raise HTTPException(403, "this server is read-only: start it with --token (or $STORYLINE_TOKEN)")
    scheme, _, given = (authorization or "").partition(" ")
    # compare_digest: the time taken must not tell how much of a guessed token was right.
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), state.token.encode()):
        raise HTTPException(
            401, "a valid 'Authorization: Bearer <token>' header is needed", {"WWW-Authenticate": "Bearer"}
        )


def _article_id(published: object, text: object) -> str | None:
    """The id the stored article will get (a hash of its date and text), when both are readable."""
    if not isinstance(published, str) or not isinstance(text, str):
        return None
    try:
        return content_id(date.fromisoformat(published[:10]), text)
    except ValueError:
        return None


def _upload(body: str, is_json: bool, source: str | None) -> tuple[str, str, str | None]:
    """The file to write, as (file name, content, article id if readable)."""
    if is_json:
        try:
            record = json.loads(body)
        except (ValueError, RecursionError):  # broken, nested too deep, a number too long: the reader says
            return "upload.jsonl", " ".join(body.splitlines()), None
        if not isinstance(record, dict):
            return "upload.jsonl", json.dumps(record), None
        found = _article_id(record.get("published"), record.get("text"))
        # A JSONL record's `id` is the name it is shown by; without one, the temporary path would be.
        record.setdefault("id", source or record.get("url") or f"upload-{found}")
        # ASCII: a lone surrogate ("\ud800", half a character) stays an escape the reader can read
        # (as U+FFFD), where written out as UTF-8 it would be no text at all.
        return "upload.jsonl", json.dumps(record), found
    try:
        seed_id: str | None = parse_article(body).id
    except ArticleError:
        seed_id = None  # ingest says why
    name = _UNSAFE.sub("-", Path(source or f"upload-{seed_id}").name).strip(".-") or "upload"
    return name if name.endswith(".txt") else f"{name}.txt", body, seed_id


def _ingest(state: AppState, body: str, is_json: bool, source: str | None) -> dict[str, Any]:
    # Imported here, not at the top: ingest loads spaCy, which a read-only app never needs.
    from storyline.ingest import ingest

    name, content, article_id = _upload(body, is_json, source)
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as folder:
        path = Path(folder) / name
        path.write_text(content, encoding="utf-8")
        with state.using() as store:
            report = ingest([path], store)
    return {
        "article": article_id if report.ok else None,
        "new": report.new == 1,
        "claims": report.claims,
        "summary": report.summary(),
        "errors": [error.replace(f"{folder}/", "") for error in report.errors],
    }


@router.post(
    "/articles",
    status_code=201,
    responses={
        200: {"description": "The article was already stored; nothing changed"},
        401: {"description": "Missing or wrong bearer token"},
        403: {"description": "The server is read-only (no token configured)"},
        413: {"description": "Over 5 MB"},
        422: {"description": "Not a readable dated article; `errors` says why"},
    },
)
async def post_article(
    request: Request,
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
    source: Annotated[
        str | None, Query(description="The name to show the article by, e.g. its file name or URL.")
    ] = None,
) -> JSONResponse:
    """Ingest one article: the seed format as `text/plain` (`date YYYY-MM-DD`, then the text), or a
    JSONL record as `application/json` (`{"published", "text", "title", "url", "id"}`).

    Answers `{"article", "new", "claims", "summary", "errors"}`: 201 when stored, 200 when it was
    already there, 422 when it cannot be read (`errors` names the problem).
    """
    _authorize(state, authorization)
    raw = await request.body()
    if len(raw) > MAX_ARTICLE_BYTES + 1024:
        raise HTTPException(413, "articles over 5 MB are refused")
    try:
        body = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(422, "the body is not UTF-8 text") from None
    is_json = request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json"
    # The body is read asynchronously; extraction and the store are synchronous: the thread pool's.
    result = await run_in_threadpool(_ingest, state, body, is_json, source)
    if result["errors"]:
        return JSONResponse({"detail": "the article was not ingested", **result}, status_code=422)
    return JSONResponse(result, status_code=201 if result["new"] else 200)

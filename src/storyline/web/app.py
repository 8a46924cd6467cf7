"""The ASGI app: `create_app(store, token)` wires the API, the pages and the static files together.

Security is by construction: the app is read-only unless a token is given; every response forbids
inline scripts and other origins (Content-Security-Policy), so untrusted article text could not run
even if it slipped past the escaping; and nothing is loaded from a CDN: FastAPI's own /docs pages
would load theirs from one, so /docs is our page over the Swagger UI files of the swagger-ui-bundle
package, and the OpenAPI document is at /openapi.json. Every request is held to the limits of
`limits.py` (its Host, its body's size, its time); a question over `ask.MAX_QUESTION` characters is
a 422.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from storyline.errors import LimitError
from storyline.history import STALE_MONTHS
from storyline.query import PersonNotFound
from storyline.store import Store, open_store
from storyline.web.api import router as api_router
from storyline.web.limits import LOOPBACK_HOSTS, TIME_LIMIT_SECONDS, Limits
from storyline.web.pages import router as pages_router
from storyline.web.state import AppState
from storyline.web.upload import router as upload_router

__all__ = ["create_app", "serve"]

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _static_folder() -> Path:
    return Path(str(resources.files("storyline.web").joinpath("static")))


def _swagger_folder() -> Path:
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


async def _person_not_found(request: Request, err: Exception) -> Response:
    assert isinstance(err, PersonNotFound)
    return JSONResponse({"detail": str(err), "suggestions": err.suggestions}, status_code=404)


async def _over_a_limit(request: Request, err: Exception) -> Response:
    return JSONResponse({"detail": str(err)}, status_code=422)


def create_app(
    store: str | Store | None = None,
    token: str | None = None,
    stale_months: int = STALE_MONTHS,
    *,
    allowed_hosts: Collection[str] | None = None,
    time_limit: float = TIME_LIMIT_SECONDS,
) -> FastAPI:
    """The storyline web app over `store`: a URL (see `open_store`; None is $STORYLINE_DB or
    ./storyline.db) or an open store, which the app then leaves open at shutdown.

    `token` allows `POST /api/articles` with `Authorization: Bearer <token>`; without one the app
    is read-only. `stale_months`: how long a rumour may go unrestated before it is no current partner.
    `allowed_hosts`: the only Host headers answered (None: any; `serve` sets them); `time_limit`:
    seconds after which a request gets a 503 (see `limits.py`).
    """
    if store is None or isinstance(store, str):
        state = AppState(open_store(store), token or None, owns_store=True, stale_months=stale_months)
    else:
        state = AppState(store, token or None, owns_store=False, stale_months=stale_months)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if state.owns_store:
            state.store.close()

    app = FastAPI(
        title="storyline",
        summary="Sourced, time-aware timelines of people, from dated news articles.",
        description=(
            "Read-only JSON over the storyline library (the same JSON as the CLI's `--json`), and the "
            "pages that show it. Dates are YYYY-MM-DD; `as_of` replays what articles published by that "
            "day said. Ingesting (`POST /api/articles`) needs the server's token."
        ),
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.storyline = state
    app.add_exception_handler(PersonNotFound, _person_not_found)
    app.add_exception_handler(LimitError, _over_a_limit)
    # Added before the headers' middleware, so inside it: its 400, 413 and 503 carry the headers too.
    app.add_middleware(Limits, allowed_hosts=allowed_hosts, time_limit=time_limit)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.include_router(api_router)
    app.include_router(upload_router)
    app.include_router(pages_router)
    # Swagger UI's own files, from the swagger-ui-bundle package: /docs needs no CDN.
    app.mount("/static/swagger", StaticFiles(directory=_swagger_folder()), name="swagger")
    app.mount("/static", StaticFiles(directory=_static_folder()), name="static")
    return app


def serve(
    url: str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    stale_months: int = STALE_MONTHS,
) -> None:
    """Serve the app over the store at `url` until interrupted (Ctrl+C).

    On a loopback address (127.0.0.1, localhost, ::1) only requests addressed to it by such a name
    are answered (no DNS rebinding); `$STORYLINE_ALLOWED_HOSTS` (names, comma-separated) adds names,
    and on any other address, when set, is the list of names answered.
    """
    import uvicorn

    if token and _is_public(host):
        logging.getLogger(__name__).warning(
            "serving with a token on %s: the token crosses the network in clear text over HTTP; "
            "serve on 127.0.0.1 behind a TLS proxy, or on a trusted network only",
            host,
        )
    app = create_app(url, token, stale_months, allowed_hosts=_allowed_hosts(host))
    uvicorn.run(app, host=host, port=port, log_level="info")


def _is_public(host: str) -> bool:
    """Whether a server listening on `host` is reachable from other machines."""
    return host.strip("[]").lower() not in LOOPBACK_HOSTS


def _allowed_hosts(host: str) -> list[str] | None:
    """The Host headers a server listening on `host` answers (None: any)."""
    extra = [h.strip() for h in os.environ.get("STORYLINE_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if _is_public(host):
        return extra or None
    return [*LOOPBACK_HOSTS, *extra]

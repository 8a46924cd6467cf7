"""The web skin of storyline: a JSON API over `storyline.query` and one timeline page per person.

    from storyline.web import create_app
    app = create_app("sqlite:///news.db")        # an ASGI app, e.g. for uvicorn
    # or, blocking: storyline.web.serve("sqlite:///news.db", port=8000)

Needs the `web` extra (FastAPI, uvicorn). Modules: `app` (wiring, security headers), `api` (JSON
routes), `pages` (HTML), `person` (the person page's data), `upload` (token-guarded ingest),
`state` (the shared store).
"""

from __future__ import annotations

from storyline.web.app import create_app, serve

__all__ = ["create_app", "serve"]

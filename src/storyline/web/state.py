"""What every route shares: the open store, the ingest token, the staleness setting and the limits.

The library is synchronous: the plain `def` routes run in FastAPI's thread pool, side by side. No
lock is taken around the store: it is safe to use from many threads (a SQLite connection per thread,
which WAL mode lets read while another process writes; a pool of PostgreSQL connections), so one
slow request never holds up the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import cast

from fastapi import Request

from storyline.history import STALE_MONTHS
from storyline.store import Store

__all__ = ["AppState", "app_state"]


@dataclass(slots=True)
class AppState:
    """The app's store (closed at shutdown when the app opened it), its ingest token, if any, and
    how long a rumour may go unrestated before it is stale."""

    store: Store
    token: str | None = None
    owns_store: bool = True
    stale_months: int = STALE_MONTHS

    @contextmanager
    def using(self) -> Iterator[Store]:
        """The store, for the length of the block (kept so that routes read alike; it locks nothing)."""
        yield self.store


def app_state(request: Request) -> AppState:
    """The state of the app serving `request` (a FastAPI dependency)."""
    return cast(AppState, request.app.state.storyline)

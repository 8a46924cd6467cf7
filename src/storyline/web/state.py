"""What every route shares: the one open store, the lock that serializes its use, the ingest token
and the staleness setting.

The library is synchronous and a SQLite connection is not safe to use from two threads at once, so
the plain `def` routes (run in FastAPI's thread pool) take the store under a lock. Requests are a
few milliseconds each; one at a time is plenty for a local tool.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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
    lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def using(self) -> Iterator[Store]:
        """The store, for this thread alone until the block ends."""
        with self.lock:
            yield self.store


def app_state(request: Request) -> AppState:
    """The state of the app serving `request` (a FastAPI dependency)."""
    return cast(AppState, request.app.state.storyline)

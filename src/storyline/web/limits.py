"""The limits every request is held to, before any route sees it: its Host, its body's size, its time.

A pure ASGI middleware, so that it works on the bytes as they come:

* **Host.** A server on 127.0.0.1 answers only requests addressed to it by that name (`127.0.0.1`,
  `localhost`, `[::1]`): a web page on another site that points its own domain at 127.0.0.1 (DNS
  rebinding) gets a 400, not the data. `serve` sets the names; `$STORYLINE_ALLOWED_HOSTS` adds others.
* **Body.** A request announcing more than the limit gets its 413 before a byte of it is read; one
  that does not announce its length is read up to the limit, and then gets its 413.
* **Time.** A request not answered within the time limit gets a 503 saying so. The library is
  synchronous and a thread cannot be stopped, so the work goes on in its thread and its answer is
  dropped; what keeps such work small are the limits on the inputs themselves (a question's length:
  `storyline.ask.MAX_QUESTION`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

__all__ = ["LOOPBACK_HOSTS", "MAX_BODY_BYTES", "TIME_LIMIT_SECONDS", "Limits", "host_name"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 5 * 1024 * 1024 + 64 * 1024
"""An article of 5 MB (the most storyline reads) and the JSON around it."""

TIME_LIMIT_SECONDS = 30.0
"""A query takes milliseconds and an upload's extraction seconds: this is far past either."""

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class _TooLarge(Exception):
    """The body went past the limit while the route read it."""


def host_name(header: str) -> str:
    """The host of a Host header, without its port, in lower case: `[::1]:8000` → `::1`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Limits:
    """The ASGI middleware: `allowed_hosts` None lets any Host through (an app in a test, or behind
    a proxy that checks it)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: Collection[str] | None = None,
        max_body: int = MAX_BODY_BYTES,
        time_limit: float = TIME_LIMIT_SECONDS,
    ) -> None:
        self.app = app
        self.allowed_hosts = None if allowed_hosts is None else {host_name(h) for h in allowed_hosts}
        self.max_body = max_body
        self.time_limit = time_limit
        # Requests given up on whose threads still run: kept so that their tasks are not collected.
        self._abandoned: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.allowed_hosts is not None and host_name(headers.get("host", "")) not in self.allowed_hosts:
            await _answer(send, 400, f"this server does not answer for the host {headers.get('host', '')!r}")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            await _answer(send, 413, f"the body is over {self.max_body // 1024 // 1024} MB")
            return
        await self._answered_in_time(scope, self._counted(receive), send)

    def _counted(self, receive: Receive) -> Receive:
        read = 0

        async def counted() -> Message:
            nonlocal read
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > self.max_body:
                    raise _TooLarge
            return message

        return counted

    async def _answered_in_time(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = given_up = False

        async def watched(message: Message) -> None:
            nonlocal started
            if given_up:
                return  # the 503 went out: this late answer goes nowhere
            started = True
            await send(message)

        async def run() -> None:
            try:
                await self.app(scope, receive, watched)
            except _TooLarge:
                if not started and not given_up:
                    await _answer(send, 413, f"the body is over {self.max_body // 1024 // 1024} MB")

        task = asyncio.ensure_future(run())
        done, _ = await asyncio.wait({task}, timeout=self.time_limit)
        if task in done:
            task.result()  # an error of the app's own is raised, as it would be without this middleware
            return
        given_up = True
        self._abandoned.add(task)
        task.add_done_callback(self._forget)
        if not started:
            await _answer(send, 503, f"the request took over {self.time_limit:g} s and was given up")

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._abandoned.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: its error (if any) concerned a request already answered


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})

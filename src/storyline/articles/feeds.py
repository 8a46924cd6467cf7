"""RSS and Atom feeds, read by feedparser: one article per entry.

An entry's article is its full content when the feed carries it (RSS `content:encoded`, Atom
`<content>`), else its summary, with a warning: a summary is a sentence or two of the story, and
the facts in the rest of it are missed. The date is the entry's publication date, else its last
update (Atom requires only that), else the one the caller gives.

A feed is parsed whole (feedparser reads the document at once); feeds are small, and one over
50 MB is refused rather than read into memory.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import feedparser

from storyline.articles.dates import no_date, parse_published
from storyline.articles.text import check_text, clean_text
from storyline.articles.webpage import fragment_text, story_text
from storyline.errors import ArticleError, one_line
from storyline.model import Article

__all__ = ["MAX_FEED_BYTES", "count_feed", "read_feed"]

MAX_FEED_BYTES = 50 * 1024 * 1024

Warn = Callable[[str], None]


def _parse(path: Path) -> Any:
    size = path.stat().st_size
    if size > MAX_FEED_BYTES:
        raise ArticleError(str(path), f"the feed is {size / 2**20:.0f} MB; feeds over 50 MB are refused")
    # A stream, never a string: feedparser fetches a string that looks like a URL.
    feed = feedparser.parse(io.BytesIO(path.read_bytes()), resolve_relative_uris=False)
    if not feed.get("version") and not feed.entries:
        why = str(feed.get("bozo_exception") or "").splitlines()[:1]
        raise ArticleError(str(path), "not an RSS or Atom feed" + "".join(f" ({line})" for line in why))
    return feed


def _body(entry: Any, source: str) -> tuple[str, bool]:
    """The entry's text and whether it is the full content (not the summary)."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return _plain(value, content.get("type", ""), source), True
    detail = entry.get("summary_detail") or {}
    return _plain(entry.get("summary") or "", detail.get("type", "text/html"), source), False


def _plain(value: str, kind: str, source: str) -> str:
    if kind == "text/plain":
        return value
    # feedparser gives HTML content unescaped; text with no tags is one paragraph.
    return fragment_text(value if "<" in value else f"<p>{html.escape(value)}</p>", source)


def _day(entry: Any, source: str) -> date | None:
    for field in ("published", "updated"):
        raw = entry.get(field)
        if not raw:
            continue
        try:
            return parse_published(source, raw)
        except ArticleError:
            # A form only feedparser reads ("Sept 5th, 2023"): its reading, in UTC.
            parsed = entry.get(f"{field}_parsed")
            if parsed:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            raise
    return None


def _article(entry: Any, source: str, name: str, published: date | None, warn: Warn) -> Article:
    title = " ".join(html.unescape(entry.get("title") or "").split())
    body, full = _body(entry, source)
    if not body.strip():
        raise ArticleError(source, "the entry has no text (neither content nor summary)")
    day = _day(entry, source) or published
    if day is None:
        raise no_date(source, "the entry has no 'published' or 'updated' date")
    text = check_text(source, story_text(title, body))
    if not full:
        warn(
            f"{source}: the feed gives only a summary of this article; its facts are read from that"
            " (ingest the page itself for the whole story)"
        )
    link = clean_text(entry.get("link") or "") or None
    return Article(published=day, text=text, title=clean_text(title), url=link, source=link or name)


def read_feed(path: Path, published: date | None, warn: Warn) -> Iterator[Article | ArticleError]:
    """One article per entry, named by its link (`feed.xml entry 3` when it has none)."""
    feed = _parse(path)
    if not feed.entries:
        warn(f"{path}: the feed has no entries")
    for number, entry in enumerate(feed.entries, start=1):
        source = f"{path} entry {number}"
        try:
            yield _article(entry, source, f"{path.name} entry {number}", published, warn)
        except ArticleError as err:
            yield err
        except Exception as err:  # an entry feedparser made something odd of: this entry only
            yield ArticleError(source, f"the entry cannot be read ({one_line(err)})")


def count_feed(path: Path) -> int:
    """How many entries a feed has (1 when it cannot be read: reading gives one error)."""
    try:
        return len(_parse(path).entries)
    except ArticleError:
        return 1

"""Readers that turn files, folders, web pages, feeds and web archives into `Article`s, and say plainly
what is wrong with bad input.

A file's extension says how to read it; a file with another extension is read by what it starts with.

| extension               | format                                                   | module        |
|-------------------------|----------------------------------------------------------|---------------|
| `.txt`                  | the seed format: `date YYYY-MM-DD`, then the article     | `seed.py`     |
| `.jsonl`, `.json`       | JSON records: storyline's, trafilatura's, news-please's  | `records.py`  |
| `.html`, `.htm`         | a saved news page                                        | `webpage.py`  |
| `.xml`, `.rss`, `.atom` | an RSS or Atom feed, one article per entry               | `feeds.py`    |
| `.warc`, `.warc.gz`     | a web archive, one article per HTML page                 | `warc.py`     |

A folder is every such file below it, in name order.

Reading yields `Article | ArticleError` so that one bad article is reported and skipped, never
fatal. Every reader reads one record at a time, so a large archive or JSON file is never held in
memory whole. The publication date is each input's own; `published` dates the inputs that have none,
and an input without a date is an error that says so (never today's date).

The page, feed and archive readers are imported on first use: they bring trafilatura, feedparser and
warcio, which `import storyline` does not need.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from storyline.articles.seed import parse_article, read_seed
from storyline.articles.text import MAX_ARTICLE_BYTES
from storyline.errors import ArticleError
from storyline.model import Article

__all__ = ["MAX_ARTICLE_BYTES", "count_records", "input_kind", "parse_article", "read_articles"]

Warn = Callable[[str], None]

_LOG = logging.getLogger(__name__)

_BY_SUFFIX = {
    ".txt": "seed",
    ".jsonl": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}


def _by_name(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return _BY_SUFFIX.get(path.suffix.lower())


def _by_content(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(2048)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as unpacked:
                head = unpacked.read(8)
        except (OSError, EOFError):
            return "seed"  # the seed reader calls it binary
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"{", b"[")):
        return "json"
    if start.startswith(b"<"):
        if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html"
    return "seed"


def input_kind(path: Path) -> str:
    """How `path` is read: `seed`, `jsonl`, `json`, `html`, `feed` or `warc`."""
    return _by_name(path) or _by_content(path)


def _read(kind: str, path: Path, published: date | None, warn: Warn) -> Iterator[Article | ArticleError]:
    # Imported here, on first use: see the module docstring.
    if kind == "seed":
        yield from read_seed(path, published)
    elif kind == "jsonl":
        from storyline.articles.records import read_jsonl

        yield from read_jsonl(path, published)
    elif kind == "json":
        from storyline.articles.records import read_json

        yield from read_json(path, published)
    elif kind == "html":
        from storyline.articles.webpage import read_html

        yield from read_html(path, published)
    elif kind == "feed":
        from storyline.articles.feeds import read_feed

        yield from read_feed(path, published, warn)
    else:
        from storyline.articles.warc import read_warc

        yield from read_warc(path, published, warn)


def _read_file(path: Path, published: date | None, warn: Warn) -> Iterator[Article | ArticleError]:
    try:
        yield from _read(input_kind(path), path, published, warn)
    except ArticleError as err:
        yield err
    except OSError as err:
        yield ArticleError(str(path), f"cannot be read ({err.strerror or err})")


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | ArticleError]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # In a folder only the known extensions: it may hold anything else besides.
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _by_name(p))
        elif path.exists():
            yield path
        else:
            yield ArticleError(str(path), "no such file or folder")


def read_articles(
    paths: Iterable[str | Path], *, published: date | None = None, warn: Warn | None = None
) -> Iterator[Article | ArticleError]:
    """Every article under `paths`, in order; unreadable ones come as `ArticleError`s, not exceptions.

    `published` dates every input that has no date of its own. `warn` hears what is read but worth
    a word (a feed that gives only summaries, a page dated by its crawl); by default, the log.
    """
    tell = warn or _LOG.warning
    for item in _expand(paths):
        if isinstance(item, ArticleError):
            yield item
        else:
            yield from _read_file(item, published, tell)


def _count(path: Path) -> int:
    kind = input_kind(path)
    if kind == "jsonl":
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    if kind == "json":
        from storyline.articles.records import count_json

        return count_json(path)
    if kind == "feed":
        from storyline.articles.feeds import count_feed

        return count_feed(path)
    if kind == "warc":
        from storyline.articles.warc import count_warc

        return count_warc(path)
    return 1


def count_records(paths: Iterable[str | Path]) -> int:
    """How many articles or errors `read_articles(paths)` will give: records, not files.

    For a progress bar: archives and feeds are read for it (without parsing their pages), which
    costs little beside extracting what they hold.
    """
    total = 0
    for item in _expand(paths):
        try:
            total += 1 if isinstance(item, ArticleError) else _count(item)
        except OSError:
            total += 1
    return total

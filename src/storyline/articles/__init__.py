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

A folder is every such file below it, in name order; a sub-folder that cannot be read is an error
naming it, and the rest of the folder is read.

Reading yields `Article | ArticleError` so that one bad article is reported and skipped, never
fatal: whatever goes wrong in a reader (even what no rule foresaw) is an error naming the file, or
the record in it, and the next file or record is read. Every reader reads one record at a time, so
a large archive or JSON file is never held in memory whole. The publication date is each input's
own; `published` dates the inputs that have none, and an input without a date is an error that says
so (never today's date); a date outside the years 1000 to 8999 is an error too (`dates.py`).

The page, feed and archive readers are imported on first use: they bring trafilatura, feedparser and
warcio, which `import storyline` does not need.
"""

from __future__ import annotations

import gzip
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from storyline.articles.dates import check_published
from storyline.articles.seed import parse_article, read_seed
from storyline.articles.text import MAX_ARTICLE_BYTES, sniff_encoding
from storyline.errors import ArticleError, one_line
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
    start = head.decode(sniff_encoding(head), errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if start.startswith("warc/"):
        return "warc"
    if start.startswith(("{", "[")):
        return "json"
    if start.startswith("<"):
        if any(tag in start for tag in ("<rss", "<feed", "<rdf:rdf")):
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
        for item in _read(input_kind(path), path, published, warn):
            if isinstance(item, Article):
                try:
                    check_published(item.name, item.published)
                except ArticleError as err:
                    item = err
            yield item
    except ArticleError as err:
        yield err
    except OSError as err:
        yield ArticleError(str(path), f"cannot be read ({err.strerror or err})")
    except Exception as err:
        # What no reader foresaw (a parser's own error on odd bytes): this file ends here, and the
        # next is read. The records before it were given already.
        yield ArticleError(str(path), f"cannot be read further ({one_line(err)})")


def _folder(folder: Path) -> Iterator[Path | ArticleError]:
    """The files of known extensions under `folder`, in name order, and an error for each
    sub-folder that cannot be read (its files are not)."""
    found: list[tuple[str, Path | ArticleError]] = []

    def unreadable(err: OSError) -> None:
        where = err.filename or str(folder)
        why = f"the folder cannot be read ({err.strerror or err}); its articles are skipped"
        found.append((str(where), ArticleError(str(where), why)))

    for root, folders, files in os.walk(folder, onerror=unreadable):
        folders.sort()
        for name in files:
            path = Path(root) / name
            # In a folder only the known extensions: it may hold anything else besides.
            if _by_name(path) and path.is_file():
                found.append((str(path), path))
    found.sort(key=lambda pair: Path(pair[0]))
    return (item for _, item in found)


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | ArticleError]:
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _folder(path)
            elif path.exists():
                yield path
            else:
                yield ArticleError(str(path), "no such file or folder")
        except OSError as err:  # a path that cannot even be looked at (a folder above it is closed)
            yield ArticleError(str(path), f"cannot be read ({err.strerror or err})")


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
        from storyline.articles.records import count_lines

        return count_lines(path)
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

"""WARC archives (`.warc`, `.warc.gz`), read by warcio: every HTML page in them is an article.

A page is a `response` record (an HTTP 2xx answer with an HTML body) or a `resource` record of HTML.
Requests, metadata, redirects, error pages and images are passed over. Records are read one at a
time from the file, so an archive of any size is read in the memory of one page.

The page's date comes first: the crawl date (`WARC-Date`) is when the page was fetched, which can
be years after it was published. It dates only a page that gives no date, after the date the caller
gives (`--published`), and with a warning, since it says only that the story was out by then.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.articles.dates import parse_published
from storyline.articles.webpage import MAX_PAGE_BYTES, page_article, read_page
from storyline.errors import ArticleError, one_line
from storyline.model import Article

__all__ = ["count_warc", "read_warc"]

Warn = Callable[[str], None]

_HTML = ("text/html", "application/xhtml+xml")


def _is_page(record: Any) -> bool:
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or not (headers.get_statuscode() or "").startswith("2"):
            return False
        kind = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        kind = record.rec_headers.get_header("Content-Type") or ""
    else:
        return False
    return kind.split(";")[0].strip().lower() in _HTML


def _pages(handle: BinaryIO | gzip.GzipFile) -> Iterator[Any]:
    return (record for record in ArchiveIterator(handle) if _is_page(record))


def _whole_file_gzip(err: ArchiveLoadFailed) -> bool:
    # warcio reads gzip members record by record; `gzip crawl.warc` makes one member of them all.
    return "non-chunked" in str(err)


def _records(path: Path) -> Iterator[Any]:
    """The HTML page records of the archive at `path`, in order, each read only when asked for."""
    read = 0
    with path.open("rb") as handle:
        try:
            for record in _pages(handle):
                read += 1
                yield record
            return
        except ArchiveLoadFailed as err:
            if not _whole_file_gzip(err):
                raise
    with gzip.open(path, "rb") as handle:
        for number, record in enumerate(_pages(handle), start=1):
            if number > read:
                yield record


def _article(record: Any, source: str, published: date | None, warn: Warn) -> Article:
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        body = record.content_stream().read(MAX_PAGE_BYTES + 1)
    except Exception as err:  # a body that does not decode (Content-Encoding): this page only
        why = f"{type(err).__name__}: {err}".splitlines()[0]
        raise ArticleError(source, f"the page's body cannot be read ({why})") from None
    if len(body) > MAX_PAGE_BYTES:
        raise ArticleError(source, "the page is over 20 MB; pages that large are refused")
    page = read_page(body, source, url=url)
    crawled = None
    if page.published is None and published is None and record.rec_headers.get_header("WARC-Date"):
        crawled = parse_published(source, record.rec_headers.get_header("WARC-Date"))
    article = page_article(page, source, published or crawled, name=page.url or url)
    if crawled:
        warn(
            f"{source}: no date in the page; dated by the crawl, {crawled} (the story was out by"
            " then; --published gives a better date)"
        )
    return article


def _is_warc(path: Path) -> bool:
    """Whether the file starts as a WARC archive does, gzipped or not (warcio would read any line of
    five words as an ARC record, and find no page in a JSON file named .warc)."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as unpacked:
                head = unpacked.read(512)
        except (OSError, EOFError):
            return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def read_warc(path: Path, published: date | None, warn: Warn) -> Iterator[Article | ArticleError]:
    """One article per HTML page, named by its URL; a bad page is an error and the next is read."""
    if not _is_warc(path):
        yield ArticleError(str(path), "not a web archive (a WARC file starts with 'WARC/')")
        return
    number = 0
    try:
        for number, record in enumerate(_records(path), start=1):
            url = record.rec_headers.get_header("WARC-Target-URI")
            source = f"{path} page {number}" + (f" ({url})" if url else "")
            try:
                yield _article(record, source, published, warn)
            except ArticleError as err:
                yield err
    except Exception as err:
        # Past a damaged record the archive cannot be followed: what was read before it stands.
        # warcio meets damage with whatever exception the bytes lead it to (AttributeError for a
        # record without a URI), so anything it raises here is the archive's fault, said in one line.
        after = f" after page {number}" if number else ""
        yield ArticleError(
            str(path), f"the archive is damaged{after} and is not read further ({one_line(err)})"
        )
        return
    if not number:
        warn(f"{path}: the archive holds no HTML page (nothing to read in it)")


def count_warc(path: Path) -> int:
    """How many HTML pages the archive holds (its records are read, its pages are not parsed)."""
    counted = 0
    try:
        for _ in _records(path):
            counted += 1
    except Exception:  # damaged: reading says so, in one error after the pages before the damage
        return counted + 1
    return counted

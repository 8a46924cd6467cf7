"""JSON articles in the field names of the tools that write them: storyline, trafilatura, news-please.

| field     | storyline   | trafilatura (`--json`) | news-please    |
|-----------|-------------|------------------------|----------------|
| text      | `text`      | `text`                 | `maintext`     |
| published | `published` | `date`                 | `date_publish` |
| title     | `title`     | `title`                | `title`        |
| url       | `url`       | `source`               | `url`          |

Dates are ISO 8601 or RFC 2822 (`dates.parse_published`). The dates of downloading (news-please's
`date_download`, trafilatura's `filedate`) are never taken for the publication date: they are the
day the page was fetched, often today.

A `.jsonl` file holds one record per line. A `.json` file holds one record, an array of them (read
item by item, so a long array never sits in memory whole) or, like `.jsonl`, one per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from storyline.articles.dates import no_date, parse_published
from storyline.articles.text import MAX_ARTICLE_BYTES, check_text
from storyline.errors import ArticleError
from storyline.model import Article

__all__ = ["count_json", "parse_record", "read_json", "read_jsonl"]

_TEXT = ("text", "maintext")
_PUBLISHED = ("published", "date_publish", "date")
_CHUNK = 1 << 16
# A record larger than this is not an article: one bad item must not make the reader hold a whole file.
_MAX_ITEM = 2 * MAX_ARTICLE_BYTES


def _first(record: dict[str, Any], names: tuple[str, ...]) -> tuple[str, Any]:
    """The first of `names` that `record` gives a value (not null, not empty), and that value."""
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return name, value
    return names[0], None


def parse_record(record: object, source: str, published: date | None = None) -> Article:
    """An article from one JSON record; `published` dates a record that has no date of its own."""
    if not isinstance(record, dict):
        raise ArticleError(source, "each record must be a JSON object")
    name, text = _first(record, _TEXT)
    if not isinstance(text, str):
        raise ArticleError(source, f"missing 'text' (a string){'' if text is None else f' in {name!r}'}")
    name, raw = _first(record, _PUBLISHED)
    if raw is None:
        if published is None:
            raise no_date(source, "none of 'published', 'date_publish', 'date' is set")
        day = published
    elif isinstance(raw, str):
        day = parse_published(source, raw)
    else:
        raise ArticleError(source, f"{name!r} is not a date string (YYYY-MM-DD, or RFC 2822)")
    check_text(source, text)
    title, given_id = record.get("title"), record.get("id")
    url = record.get("url")
    if not isinstance(url, str) or not url:
        # trafilatura calls the page's URL `source`; anything else there is not a URL.
        given = record.get("source")
        url = given if isinstance(given, str) and given.startswith(("http://", "https://")) else None
    return Article(
        published=day,
        text=text,
        title=title if isinstance(title, str) else "",
        url=url,
        source=str(given_id) if given_id else source,
    )


def _parse_line(line: str, source: str, published: date | None) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ArticleError(source, f"broken JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(record, dict):
        raise ArticleError(source, "each line must be a JSON object")
    return parse_record(record, source, published)


def read_jsonl(path: Path, published: date | None) -> Iterator[Article | ArticleError]:
    """One article per non-blank line, each named by its `id`, else by `path:line`."""
    with path.open(encoding="utf-8-sig", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield _parse_line(line, f"{path}:{number}", published)
            except ArticleError as err:
                yield err


def _array_items(handle: TextIO, source: str) -> Iterator[tuple[int, Any] | ArticleError]:
    """The items of the JSON array `handle` is inside (past its `[`), decoded one at a time."""
    decoder = json.JSONDecoder()
    buffer, position, ended, number = "", 0, False, 0

    def fill() -> bool:
        nonlocal buffer, position, ended
        more = handle.read(_CHUNK)
        buffer, position, ended = buffer[position:] + more, 0, not more
        return bool(more)

    def skip_space() -> str:
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position].isspace():
                position += 1
            if position < len(buffer) or not fill():
                return buffer[position] if position < len(buffer) else ""

    if skip_space() == "]":
        return
    while True:
        try:
            value, end = decoder.raw_decode(buffer, position)
        except json.JSONDecodeError as err:
            if not ended and len(buffer) - position <= _MAX_ITEM:
                fill()
                continue
            problem = f"broken JSON ({err.msg})" if ended else "an item over 10 MB"
            yield ArticleError(
                f"{source} item {number + 1}", f"{problem}; the items before it were read, the rest are not"
            )
            return
        if end == len(buffer) and not ended:
            fill()  # the value may go on in the next chunk (a number cut short): decode it again
            continue
        number += 1
        position = end
        yield number, value
        following = skip_space()
        if following == "]":
            return
        if following != ",":
            yield ArticleError(
                f"{source} item {number + 1}",
                "broken JSON (no ',' or ']' after the item before); the rest of the file is not read",
            )
            return
        position += 1
        skip_space()


def _first_character(path: Path) -> str:
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        while chunk := handle.read(4096):
            if stripped := chunk.lstrip():
                return stripped[0]
    return ""


def _open_array(path: Path) -> TextIO:
    """`path` opened just past the `[` that starts its array."""
    handle = path.open(encoding="utf-8-sig", errors="replace")
    while (character := handle.read(1)) and character != "[":
        pass
    return handle


def read_json(path: Path, published: date | None) -> Iterator[Article | ArticleError]:
    """The articles of a `.json` file: one record, an array of records, or one record per line."""
    start = _first_character(path)
    if start == "[":
        with _open_array(path) as handle:
            for item in _array_items(handle, str(path)):
                if isinstance(item, ArticleError):
                    yield item
                    continue
                number, record = item
                try:
                    yield parse_record(record, f"{path} item {number}", published)
                except ArticleError as err:
                    yield err
        return
    if start != "{":
        found = f"it starts with {start!r}" if start else "the file is empty"
        yield ArticleError(str(path), f"not JSON articles ({found}; a record is a JSON object)")
        return
    if path.stat().st_size <= _MAX_ITEM:
        try:
            record = json.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
        except json.JSONDecodeError as err:
            if err.msg != "Extra data":
                yield ArticleError(str(path), f"broken JSON ({err.msg} at line {err.lineno})")
                return
        else:
            # One article per file, as news-please and trafilatura write them: named by the file.
            try:
                yield parse_record(record, path.name, published)
            except ArticleError as err:
                yield err
            return
    yield from read_jsonl(path, published)


def count_json(path: Path) -> int:
    """How many records a `.json` file holds, without making any article of them."""
    start = _first_character(path)
    if start == "[":
        with _open_array(path) as handle:
            return sum(1 for _ in _array_items(handle, str(path)))
    if start == "{" and path.stat().st_size <= _MAX_ITEM:
        try:
            json.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
            return 1
        except json.JSONDecodeError:
            pass
    with path.open("rb") as handle:
        return max(1, sum(1 for line in handle if line.strip()))

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

A bad record is an error naming it (`file:line`, `file item N`), and the records after it are read:
broken JSON, a number of thousands of digits, brackets nested thousands deep, a line over 10 MB
(never read whole: its first 10 MB are, and the rest is passed over).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from storyline.articles.dates import no_date, parse_published
from storyline.articles.text import MAX_ARTICLE_BYTES, check_text, clean_text, sniff_encoding
from storyline.errors import ArticleError, one_line
from storyline.model import Article

__all__ = ["count_json", "count_lines", "parse_record", "read_json", "read_jsonl"]

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
    text = check_text(source, text)
    title, given_id = record.get("title"), record.get("id")
    url = record.get("url")
    if not isinstance(url, str) or not url:
        # trafilatura calls the page's URL `source`; anything else there is not a URL.
        given = record.get("source")
        url = given if isinstance(given, str) and given.startswith(("http://", "https://")) else None
    return Article(
        published=day,
        text=text,
        title=clean_text(title) if isinstance(title, str) else "",
        url=clean_text(url) if url else None,
        source=clean_text(str(given_id)) if given_id else source,
    )


def _loads(text: str, source: str) -> Any:
    """The JSON value of `text`; an `ArticleError` saying what is wrong with it."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ArticleError(source, f"broken JSON ({err.msg} at column {err.colno})") from None
    except RecursionError:
        raise ArticleError(source, "JSON nested too deeply to be an article") from None
    except ValueError as err:  # an integer of thousands of digits (Python's int_max_str_digits)
        raise ArticleError(source, f"JSON that cannot be read ({_why(err)})") from None


def _why(err: ValueError | RecursionError) -> str:
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return "a number thousands of digits long" if "digits" in str(err) else one_line(err, 120)


def _parse_safely(record: object, source: str, published: date | None) -> Article | ArticleError:
    """`parse_record`, with any failure an `ArticleError` naming the record."""
    try:
        return parse_record(record, source, published)
    except ArticleError as err:
        return err
    except Exception as err:  # a record no rule foresaw: this record only, the next is read
        return ArticleError(source, f"the record cannot be read ({one_line(err)})")


def _open_text(path: Path) -> TextIO:
    """`path` opened as text in the encoding its first bytes show; a bad byte reads as U+FFFD."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    return path.open(encoding=sniff_encoding(head), errors="replace")


def _lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """(number, line) for each line of `path`; the line None when it is over `_MAX_ITEM` characters,
    which are passed over, never held."""
    with _open_text(path) as handle:
        number = 0
        while line := handle.readline(_MAX_ITEM + 1):
            number += 1
            if len(line) <= _MAX_ITEM or line.endswith("\n"):
                yield number, line
                continue
            while (rest := handle.readline(_CHUNK)) and not rest.endswith("\n"):
                pass
            yield number, None


def read_jsonl(path: Path, published: date | None) -> Iterator[Article | ArticleError]:
    """One article per non-blank line, each named by its `id`, else by `path:line`."""
    for number, line in _lines(path):
        source = f"{path}:{number}"
        if line is None:
            yield ArticleError(source, "the line is over 10 MB; no article is that long (skipped)")
            continue
        if not line.strip():
            continue
        try:
            record = _loads(line, source)
        except ArticleError as err:
            yield err
            continue
        if not isinstance(record, dict):
            yield ArticleError(source, "each line must be a JSON object")
            continue
        yield _parse_safely(record, source, published)


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

    def skip_item() -> bool:
        """Move past the item at `position` by its brackets and quotes, without decoding it; False
        when it does not end within `_MAX_ITEM` characters."""
        nonlocal position
        depth, quoted, escaped, at = 0, False, False, position
        while True:
            while at < len(buffer):
                character = buffer[at]
                if quoted:
                    escaped, quoted = (False, True) if escaped else (character == "\\", character != '"')
                elif character == '"':
                    quoted = True
                elif character in "[{":
                    depth += 1
                elif character in "]}":
                    depth -= 1
                    if depth < 0:
                        position = at
                        return True
                elif character == "," and depth == 0:
                    position = at
                    return True
                at += 1
            start = position
            if at - start > _MAX_ITEM or not fill():
                return False
            at -= start  # fill() dropped what came before the item

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
        except (ValueError, RecursionError) as err:
            # Well-formed but beyond reading (brackets nested thousands deep, a number of thousands of
            # digits): this item is an error, and the next one is read.
            number += 1
            yield ArticleError(f"{source} item {number}", f"JSON that cannot be read ({_why(err)})")
            if not skip_item():
                yield ArticleError(
                    f"{source} item {number + 1}", "broken JSON after the item before; the rest is not read"
                )
                return
        else:
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
    with _open_text(path) as handle:
        while chunk := handle.read(4096):
            if stripped := chunk.lstrip():
                return stripped[0]
    return ""


def _open_array(path: Path) -> TextIO:
    """`path` opened just past the `[` that starts its array."""
    handle = _open_text(path)
    while (character := handle.read(1)) and character != "[":
        pass
    return handle


def _whole(path: Path) -> Any:
    """The one JSON value a small file holds; ValueError (or RecursionError) when it holds no one value."""
    with _open_text(path) as handle:
        return json.loads(handle.read())


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
                yield _parse_safely(record, f"{path} item {number}", published)
        return
    if start != "{":
        found = f"it starts with {start!r}" if start else "the file is empty"
        yield ArticleError(str(path), f"not JSON articles ({found}; a record is a JSON object)")
        return
    if path.stat().st_size <= _MAX_ITEM:
        try:
            record = _whole(path)
        except json.JSONDecodeError as err:
            if err.msg != "Extra data":
                yield ArticleError(str(path), f"broken JSON ({err.msg} at line {err.lineno})")
                return
        except (ValueError, RecursionError):
            pass  # one record per line, one of them beyond reading: each line says which
        else:
            # One article per file, as news-please and trafilatura write them: named by the file.
            yield _parse_safely(record, path.name, published)
            return
    yield from read_jsonl(path, published)


def count_lines(path: Path) -> int:
    """How many lines of `path` are not blank, read in chunks: a line of any length costs no memory."""
    count, seen = 0, False
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            *ended, last = chunk.split(b"\n")
            for line in ended:
                count += seen or bool(line.strip())
                seen = False
            seen = seen or bool(last.strip())
    return count + seen


def count_json(path: Path) -> int:
    """How many records a `.json` file holds, without making any article of them."""
    start = _first_character(path)
    if start == "[":
        with _open_array(path) as handle:
            return sum(1 for _ in _array_items(handle, str(path)))
    if start == "{" and path.stat().st_size <= _MAX_ITEM:
        try:
            _whole(path)
            return 1
        except (ValueError, RecursionError):
            pass
    return max(1, count_lines(path))

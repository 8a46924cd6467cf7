"""Readers that turn files, folders and JSONL into `Article`s, and say plainly what is wrong with bad input.

Formats:
* the seed format: the text starts with `date YYYY-MM-DD` (after optional whitespace), followed by a
  newline or a space, and the rest is the article;
* JSONL: one `{"id", "published", "title", "text", "url"}` object per line (`id`, `title`, `url` optional);
* a folder: every `.txt` and `.jsonl` file below it, in name order.

Reading yields `Article | ArticleError` so that one bad article is reported and skipped, never fatal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from storyline.errors import ArticleError
from storyline.model import Article

__all__ = ["MAX_ARTICLE_BYTES", "parse_article", "read_articles"]

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Longer articles are refused: no news article is this long, and parsing one would stall a batch."""

# Frequent English function words: an English article has many, other languages almost none.
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "as",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "he",
        "she",
        "it",
        "they",
        "his",
        "her",
        "their",
        "this",
        "that",
        "who",
        "which",
        "not",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")

_DATE_LINE = re.compile(r"\A\s*date[ \t]+(?P<date>\S+)(?:[ \t]*\r?\n|[ \t]+|\Z)", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SUFFIXES = (".txt", ".jsonl")


def _check_text(source: str, text: str) -> None:
    if not text.strip():
        raise ArticleError(source, "the article has no text after the date line")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if controls > max(8, len(text) // 100):
        raise ArticleError(source, "this looks like binary data, not article text")
    if len(text.encode()) > MAX_ARTICLE_BYTES:
        raise ArticleError(source, "the article is over 5 MB; no news article is that long (split it)")
    words = _WORD.findall(text[:20_000].lower())
    if len(words) >= 20 and sum(w in _ENGLISH for w in words) / len(words) < 0.08:
        raise ArticleError(source, "the text does not look like English (storyline reads English articles)")


def _parse_date(source: str, raw: str) -> date:
    if not _ISO_DAY.fullmatch(raw):
        raise ArticleError(source, f"the date {raw!r} is not in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ArticleError(source, f"the date {raw!r} is not a day on the calendar") from None


def parse_article(content: str, source: str = "<text>") -> Article:
    """An article from text in the seed format (`date YYYY-MM-DD`, then the article).

    >>> parse_article("date 2024-02-08 Mira Dahl got engaged.").published
    datetime.date(2024, 2, 8)
    """
    match = _DATE_LINE.match(content)
    if match is None:
        first = content.strip().splitlines()[0][:40] if content.strip() else ""
        hint = f" (it starts with {first!r})" if first else " (the file is empty)"
        raise ArticleError(source, f"no date line: the text must start with 'date YYYY-MM-DD'{hint}")
    published = _parse_date(source, match["date"])
    text = content[match.end() :]
    _check_text(source, text)
    return Article(published=published, text=text, source=source)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise ArticleError(str(path), "this looks like binary data, not article text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(str(path), f"not UTF-8 text (byte {err.start}); save the file as UTF-8") from None


def _from_json(line: str, source: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ArticleError(source, f"broken JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(record, dict):
        raise ArticleError(source, "each line must be a JSON object")
    text, published = record.get("text"), record.get("published")
    if not isinstance(text, str):
        raise ArticleError(source, "missing 'text' (a string)")
    if not isinstance(published, str):
        raise ArticleError(source, "missing 'published' (a date YYYY-MM-DD)")
    day = _parse_date(source, published[:10])
    _check_text(source, text)
    title, url, given_id = record.get("title"), record.get("url"), record.get("id")
    return Article(
        published=day,
        text=text,
        title=title if isinstance(title, str) else "",
        url=url if isinstance(url, str) else None,
        source=str(given_id) if given_id else source,
    )


def _read_jsonl(path: Path) -> Iterator[Article | ArticleError]:
    with path.open(encoding="utf-8-sig", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            source = f"{path}:{number}"
            try:
                yield _from_json(line, source)
            except ArticleError as err:
                yield err


def _read_file(path: Path) -> Iterator[Article | ArticleError]:
    try:
        if path.suffix == ".jsonl":
            yield from _read_jsonl(path)
            return
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(
                str(path),
                f"the file is {size / 2**20:.0f} MB; articles over 5 MB are refused"
                " (split it into one article per file, or a .jsonl)",
            )
        article = parse_article(_decode(path), source=str(path))
        yield replace(article, source=path.name)
    except ArticleError as err:
        yield err
    except OSError as err:
        yield ArticleError(str(path), f"cannot be read ({err.strerror or err})")


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | ArticleError]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
        elif path.exists():
            yield path
        else:
            yield ArticleError(str(path), "no such file or folder")


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | ArticleError]:
    """Every article under `paths`, in order; unreadable ones come as `ArticleError`s, not exceptions."""
    for item in _expand(paths):
        if isinstance(item, ArticleError):
            yield item
        else:
            yield from _read_file(item)

"""The seed format: a text file that starts with `date YYYY-MM-DD`, then the article.

The date line may follow whitespace and be followed by a newline or a space. A text without one is
an article only when the caller gives its date (`--published`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from storyline.articles.dates import parse_day
from storyline.articles.text import MAX_ARTICLE_BYTES, check_text, sniff_encoding
from storyline.errors import ArticleError
from storyline.model import Article

__all__ = ["decode", "parse_article", "read_seed"]

_DATE_LINE = re.compile(r"\A\s*date[ \t]+(?P<date>\S+)(?:[ \t]*\r?\n|[ \t]+|\Z)", re.IGNORECASE)


def parse_article(content: str, source: str = "<text>", *, published: date | None = None) -> Article:
    """An article from text in the seed format (`date YYYY-MM-DD`, then the article).

    `published` dates a text that has no date line; a date line, even a wrong one, comes first.

    >>> parse_article("date 2024-02-08 Mira Dahl got engaged.").published
    datetime.date(2024, 2, 8)
    """
    match = _DATE_LINE.match(content)
    if match is None:
        if published is not None and content.strip():
            return Article(published=published, text=check_text(source, content), source=source)
        first = content.strip().splitlines()[0][:40] if content.strip() else ""
        hint = f" (it starts with {first!r})" if first else " (the file is empty)"
        raise ArticleError(
            source,
            f"no date line: the text must start with 'date YYYY-MM-DD'{hint},"
            " or give its date with --published YYYY-MM-DD",
        )
    day = parse_day(source, match["date"])
    text = check_text(source, content[match.end() :], empty="the article has no text after the date line")
    return Article(published=day, text=text, source=source)


def decode(path: Path) -> str:
    """The text of a file in UTF-8, UTF-16 or UTF-32 (`text.sniff_encoding`), refused when it is
    binary data or not text in the encoding it starts in."""
    data = path.read_bytes()
    encoding = sniff_encoding(data[:1024])
    if encoding.startswith("utf-8") and b"\x00" in data[:8192]:
        raise ArticleError(str(path), "this looks like binary data, not article text")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        name = (
            "UTF-8"
            if encoding.startswith("utf-8")
            else encoding.upper().replace("-LE", "").replace("-BE", "")
        )
        raise ArticleError(str(path), f"not {name} text (byte {err.start}); save the file as UTF-8") from None


def read_seed(path: Path, published: date | None) -> Iterator[Article]:
    """The one article of a seed-format file, named by its file name."""
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            str(path),
            f"the file is {size / 2**20:.0f} MB; articles over 5 MB are refused"
            " (split it into one article per file, or a .jsonl)",
        )
    article = parse_article(decode(path), source=str(path), published=published)
    yield Article(published=article.published, text=article.text, source=path.name)

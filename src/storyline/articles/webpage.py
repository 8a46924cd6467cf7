"""News web pages (HTML): the story's text and headline by trafilatura, its publication date by htmldate.

trafilatura keeps the story and leaves out what surrounds it: menus, related links, captions,
footers, reader comments. Its metadata pass runs htmldate on the same parsed page with the settings
below, which read the date where a publisher states it: meta tags (`article:published_time`), JSON-LD
`datePublished`, `<time>` and byline elements, and the URL (`/2023/09/05/`) when the page says
nothing better. htmldate's extensive search is off: it takes any date in the text, and it turns a
footer's "© 2023" into 1 January 2023, a publication date no page gave.

Nothing is fetched: trafilatura and htmldate get the page as parsed here, never a URL.
The article's text is the headline, a blank line, then the paragraphs, each followed by a blank
line, as an article in the seed format is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from trafilatura import bare_extraction
from trafilatura.settings import Document

from storyline.articles.dates import no_date, parse_day
from storyline.articles.text import check_text, clean_text
from storyline.errors import ArticleError
from storyline.model import Article

__all__ = ["MAX_PAGE_BYTES", "Page", "fragment_text", "page_article", "read_html", "read_page", "story_text"]

MAX_PAGE_BYTES = 20 * 1024 * 1024
"""Larger pages are refused: a news page with its scripts and styles is a few megabytes at most."""

_DATES: dict[str, Any] = {
    "extensive_search": False,
    # The first publication, not the last update: the day the story became known.
    "original_date": True,
    # A full date in the page's metadata is better than the day a URL's path gives.
    "deferred_url_extractor": True,
}


# A story has a line this long at least; a page whose longest line is shorter has only links and labels.
_SENTENCE = 5


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page gives: headline, text (the headline first), canonical URL, publication day."""

    title: str
    text: str
    url: str | None
    published: date | None


def story_text(title: str, body: str) -> str:
    """The headline, then the paragraphs of `body` (one a line), each followed by a blank line."""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    # The page's <h1> is often inside the story; it is the headline, not a paragraph of its own.
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "".join(f"{paragraph}\n\n" for paragraph in paragraphs)


def read_page(html: bytes | str, source: str, url: str | None = None) -> Page:
    """The story on an HTML page; `url` is where the page was found, for a page that does not say."""
    found = _extract(
        source,
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATES,
    )
    # With no story to find, trafilatura gives what text there is: a menu's "Home", "About".
    if found is None or not any(len(line.split()) >= _SENTENCE for line in (found.text or "").splitlines()):
        raise ArticleError(source, "no article text found in the page")
    title = (found.title or "").strip()
    published = parse_day(source, found.date) if found.date else None
    return Page(
        title=title, text=story_text(title, found.text or ""), url=found.url or url, published=published
    )


def _extract(source: str, html: bytes | str, **options: Any) -> Document | None:
    try:
        found = bare_extraction(html, **options)
    except Exception as err:
        # A page the parsers choke on is one bad input: said, skipped, and the batch goes on.
        why = f"{type(err).__name__}: {err}".splitlines()[0]
        raise ArticleError(source, f"the page cannot be parsed ({why})") from None
    return found if isinstance(found, Document) else None


def fragment_text(html: str, source: str) -> str:
    """The text of a piece of HTML (a feed entry's content), one paragraph a line; boilerplate out."""
    found = _extract(source, f"<html><body><article>{html}</article></body></html>", include_tables=False)
    return (found.text or "") if found is not None else ""


def page_article(page: Page, source: str, published: date | None, *, name: str | None = None) -> Article:
    """The article a page is, dated by the page, else by `published`; `name` is what to call it."""
    text = check_text(source, page.text, empty="no article text found in the page")
    day = page.published or published
    if day is None:
        raise no_date(source, "none in the page's meta tags, JSON-LD, bylines or URL")
    return Article(
        published=day,
        text=text,
        title=clean_text(page.title),
        url=clean_text(page.url) if page.url else None,
        source=clean_text(name or source),
    )


def read_html(path: Path, published: date | None) -> Iterator[Article]:
    """The one article of a saved web page, named by its file name."""
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise ArticleError(str(path), f"the page is {size / 2**20:.0f} MB; pages over 20 MB are refused")
    page = read_page(path.read_bytes(), str(path))
    yield page_article(page, str(path), published, name=path.name)

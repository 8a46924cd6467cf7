import socket
from datetime import date
from pathlib import Path

import pytest

from conftest import INPUTS
from storyline.articles import read_articles, webpage
from storyline.articles.seed import parse_article
from storyline.articles.webpage import read_page
from storyline.errors import ArticleError
from storyline.model import Article


def read_one(path: Path, published: date | None = None) -> Article | ArticleError:
    (item,) = read_articles([path], published=published)
    return item


@pytest.mark.parametrize(
    ("page", "published", "where"),
    [
        ("cole-ng-engaged.html", date(2023, 9, 5), "JSON-LD datePublished"),
        ("vale-marsh-split.html", date(2023, 10, 12), "meta article:published_time"),
        ("brook-lusk-wedding.html", date(2022, 6, 20), "the canonical URL's path"),
    ],
)
def test_a_page_is_dated_wherever_its_publisher_put_the_date(page: str, published: date, where: str) -> None:
    article = read_one(INPUTS / page)
    assert isinstance(article, Article), article
    assert article.published == published, where


@pytest.mark.parametrize(
    ("page", "seed"),
    [
        ("cole-ng-engaged.html", "cole-ng-engaged.txt"),
        ("vale-marsh-split.html", "vale-marsh-split.txt"),
        ("brook-lusk-wedding.html", "brook-lusk-wedding.txt"),
    ],
)
def test_a_page_reads_as_the_same_story_in_the_seed_format(page: str, seed: str) -> None:
    article = read_one(INPUTS / page)
    same = parse_article((INPUTS / "seed" / seed).read_text(encoding="utf-8"))
    assert isinstance(article, Article)
    assert (article.published, article.text) == (same.published, same.text)
    assert article.id == same.id  # so a page and its text are one article in the store


def test_the_boilerplate_around_a_story_is_left_out() -> None:
    article = read_one(INPUTS / "cole-ng-engaged.html")
    assert isinstance(article, Article)
    assert article.title == "Ann Cole and Cal Ng are engaged"
    assert article.url == "https://lantern.example/people/cole-ng-engaged"
    assert article.source == "cole-ng-engaged.html"
    for boilerplate in (
        "Home",
        "Related",
        "Ten celebrity proposals",
        "Share on",
        "Photo:",
        "newsletter",
        "©",
    ):
        assert boilerplate not in article.text
    # The headline starts the text once, though the page has it as <title> and <h1>.
    assert article.text.startswith("Ann Cole and Cal Ng are engaged\n\nActress Ann Cole")


def test_a_page_with_no_date_is_one_line_saying_how_to_give_one() -> None:
    error = read_one(INPUTS / "quill-rowe-nodate.html")
    assert isinstance(error, ArticleError)
    message = str(error)
    assert "\n" not in message and "quill-rowe-nodate.html" in message
    assert "no publication date" in message and "--published YYYY-MM-DD" in message


def test_dates_in_the_story_or_the_copyright_line_are_not_its_date() -> None:
    # The page says "14 May 2023" in the story and "© 2023" in its footer: neither is when it came out.
    html = (INPUTS / "quill-rowe-nodate.html").read_text(encoding="utf-8")
    assert "14 May 2023" in html and "© 2023" in html
    assert read_page(html, "x.html").published is None


def test_published_dates_a_page_that_has_no_date_and_only_such_a_page() -> None:
    given = date(2023, 5, 20)
    undated = read_one(INPUTS / "quill-rowe-nodate.html", published=given)
    dated = read_one(INPUTS / "cole-ng-engaged.html", published=given)
    assert isinstance(undated, Article) and undated.published == given
    assert isinstance(dated, Article) and dated.published == date(2023, 9, 5)


@pytest.mark.parametrize(
    ("markup", "published"),
    [
        (
            '<p class="byline">By Jo Bell, <time datetime="2023-09-07">7 September 2023</time></p>',
            "2023-09-07",
        ),
        ('<p class="date">Published 8 September 2023</p>', "2023-09-08"),
    ],
)
def test_a_date_in_a_time_element_or_a_byline_is_found(markup: str, published: str) -> None:
    html = (
        (INPUTS / "quill-rowe-nodate.html")
        .read_text(encoding="utf-8")
        .replace("<article>", f"<article>{markup}")
    )
    assert read_page(html, "x.html").published == date.fromisoformat(published)


def test_the_first_publication_date_beats_the_last_update() -> None:
    html = (INPUTS / "quill-rowe-nodate.html").read_text(encoding="utf-8")
    meta = (
        '<meta property="article:modified_time" content="2023-11-02T10:00:00Z">'
        '<meta property="article:published_time" content="2023-06-01T10:00:00Z">'
    )
    assert read_page(html.replace("<head>", f"<head>{meta}"), "x.html").published == date(2023, 6, 1)


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a reader tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    items = list(read_articles(sorted(INPUTS.glob("*.html")), published=date(2023, 5, 20)))
    assert all(isinstance(i, Article) for i in items)


def test_pages_without_a_story_or_in_another_language_are_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    german = tmp_path / "german.html"
    paragraph = (
        "<p>Die Schauspielerin Ann Cole und der Koch Cal Ng haben sich verlobt, teilte das Paar mit."
        " Die beiden sind seit 2019 zusammen und wohnen gemeinsam in Bristol.</p>"
    )
    german.write_text(
        '<html><head><meta property="article:published_time" content="2023-09-05"></head>'
        f"<body><article><h1>Verlobt</h1>{paragraph * 3}</article></body></html>"
    )
    errors = [str(e) for e in read_articles([empty, german])]
    assert "empty.html" in errors[0] and "no article text" in errors[0]
    assert "german.html" in errors[1] and "English" in errors[1] and "'de'" in errors[1]


def test_a_page_too_large_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webpage, "MAX_PAGE_BYTES", 1000)
    error = read_one(INPUTS / "cole-ng-engaged.html")
    assert isinstance(error, ArticleError) and "refused" in str(error)

import gzip
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import INPUTS, write_warc
from storyline.articles import count_records, read_articles
from storyline.errors import ArticleError
from storyline.model import Article

ENGAGED = "https://lantern.example/people/cole-ng-engaged"
UNDATED = "https://lantern.example/people/quill-rowe-dating"


def crawl(path: Path, *, compress: bool = True) -> Path:
    """An archive of two fictional pages: one dated in its JSON-LD, one with no date at all."""
    pages = [
        (ENGAGED, (INPUTS / "cole-ng-engaged.html").read_bytes(), "2024-06-01T12:00:00Z"),
        (UNDATED, (INPUTS / "quill-rowe-nodate.html").read_bytes(), "2023-05-21T08:00:00Z"),
    ]
    return write_warc(path, pages, compress=compress)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_every_html_page_is_an_article_and_nothing_else_is(tmp_path: Path, name: str) -> None:
    path = crawl(tmp_path / name, compress=name.endswith(".gz"))
    items = list(read_articles([path], warn=lambda m: None))
    assert all(isinstance(i, Article) for i in items), items
    assert [i.url for i in items if isinstance(i, Article)] == [ENGAGED, UNDATED]
    assert [i.source for i in items if isinstance(i, Article)] == [ENGAGED, UNDATED]


def test_the_page_date_comes_before_the_crawl_date(tmp_path: Path) -> None:
    warnings: list[str] = []
    engaged, undated = read_articles([crawl(tmp_path / "crawl.warc.gz")], warn=warnings.append)
    assert isinstance(engaged, Article) and isinstance(undated, Article)
    assert engaged.published == date(2023, 9, 5)  # its JSON-LD; it was crawled on 2024-06-01
    assert undated.published == date(2023, 5, 21)  # no date in the page: the crawl's, with a warning
    (warning,) = warnings
    assert "page 2" in warning and UNDATED in warning and "crawl" in warning


def test_published_comes_before_the_crawl_date_but_not_before_the_page(tmp_path: Path) -> None:
    warnings: list[str] = []
    given = date(2023, 5, 20)
    items = list(read_articles([crawl(tmp_path / "crawl.warc.gz")], published=given, warn=warnings.append))
    assert [i.published for i in items if isinstance(i, Article)] == [date(2023, 9, 5), given]
    assert warnings == []


def test_a_page_reads_the_same_from_an_archive_as_from_its_file(tmp_path: Path) -> None:
    archived = next(iter(read_articles([crawl(tmp_path / "crawl.warc.gz")])))
    (saved,) = read_articles([INPUTS / "cole-ng-engaged.html"])
    assert isinstance(archived, Article) and isinstance(saved, Article)
    assert archived.id == saved.id


def test_an_archive_gzipped_whole_is_read_too(tmp_path: Path) -> None:
    plain = crawl(tmp_path / "plain.warc", compress=False)
    whole = tmp_path / "whole.warc.gz"
    with plain.open("rb") as source, gzip.open(whole, "wb") as target:
        shutil.copyfileobj(source, target)
    items = list(read_articles([whole], warn=lambda m: None))
    assert [i.url for i in items if isinstance(i, Article)] == [ENGAGED, UNDATED]


def test_a_bad_page_is_reported_and_the_next_is_read(tmp_path: Path) -> None:
    pages = [
        (
            "https://lantern.example/empty",
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "2024-01-01T00:00:00Z",
        ),
        (ENGAGED, (INPUTS / "cole-ng-engaged.html").read_bytes(), "2024-06-01T12:00:00Z"),
    ]
    bad, good = read_articles([write_warc(tmp_path / "c.warc.gz", pages)])
    assert isinstance(bad, ArticleError) and "page 1 (https://lantern.example/empty)" in str(bad)
    assert isinstance(good, Article) and good.url == ENGAGED


def test_a_damaged_archive_keeps_what_was_read_before_the_damage(tmp_path: Path) -> None:
    path = crawl(tmp_path / "crawl.warc", compress=False)
    data = path.read_bytes()
    cut = data.index(b"WARC-Target-URI: " + UNDATED.encode())
    path.write_bytes(data[:cut] + b"\x00garbage where a record should go\r\n\r\n" * 3)
    items = list(read_articles([path], warn=lambda m: None))
    assert isinstance(items[0], Article) and items[0].url == ENGAGED
    assert isinstance(items[-1], ArticleError) and "crawl.warc" in str(items[-1])
    assert "\n" not in str(items[-1])


def test_pages_are_read_as_they_are_reached_not_all_first(tmp_path: Path) -> None:
    path = crawl(tmp_path / "crawl.warc.gz")
    with path.open("ab") as handle:
        handle.write(b"\x1f\x8b not gzip: only a reader that read ahead would trip on this before page 1")
    first = next(iter(read_articles([path], warn=lambda m: None)))
    assert isinstance(first, Article) and first.url == ENGAGED


def test_progress_counts_pages_not_records(tmp_path: Path) -> None:
    # 2 pages among 11 records: warcinfo, a redirect, a 404, an image, metadata, 2 requests.
    assert count_records([crawl(tmp_path / "crawl.warc.gz")]) == 2

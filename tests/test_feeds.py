from datetime import date
from pathlib import Path

from conftest import INPUTS
from storyline.articles import count_records, read_articles
from storyline.articles.seed import parse_article
from storyline.errors import ArticleError
from storyline.model import Article


def test_each_entry_is_an_article_with_its_own_date_and_link() -> None:
    warnings: list[str] = []
    items = list(read_articles([INPUTS / "feed.xml"], warn=warnings.append))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "ArticleError"]
    full, summary, undated = items
    assert isinstance(full, Article) and isinstance(summary, Article)
    # "Tue, 14 Nov 2023 23:30:00 -0500": the 14th where it was published, though the 15th in UTC.
    assert full.published == date(2023, 11, 14)
    assert full.url == full.source == "https://lantern.example/people/frost-dorn-move-in"
    assert full.title == "Lena Frost and Max Dorn move in together"
    assert summary.published == date(2023, 11, 16)
    assert "feed.xml entry 3" in str(undated) and "--published YYYY-MM-DD" in str(undated)


def test_the_full_content_is_read_and_reads_as_the_same_story_in_the_seed_format() -> None:
    first = next(iter(read_articles([INPUTS / "feed.xml"])))
    same = parse_article((INPUTS / "seed" / "frost-dorn-move-in.txt").read_text(encoding="utf-8"))
    assert isinstance(first, Article)
    assert (first.published, first.text) == (same.published, same.text)
    assert "Photo:" not in first.text  # the caption of the content's figure
    assert "bought a house in Bath." not in first.text  # the summary, when there is content


def test_an_entry_with_only_a_summary_is_read_with_a_warning() -> None:
    warnings: list[str] = []
    items = list(read_articles([INPUTS / "feed.xml"], warn=warnings.append))
    assert len(warnings) == 1
    assert "feed.xml entry 2" in warnings[0] and "only a summary" in warnings[0]
    summary = items[1]
    assert isinstance(summary, Article)
    assert summary.text.startswith("Pia Lund and Tom Esker welcome a daughter\n\nSinger Pia Lund")


def test_published_dates_only_the_entries_without_a_date() -> None:
    items = list(read_articles([INPUTS / "feed.xml"], published=date(2023, 11, 1), warn=lambda m: None))
    assert [i.published for i in items if isinstance(i, Article)] == [
        date(2023, 11, 14),
        date(2023, 11, 16),
        date(2023, 11, 1),
    ]


def test_an_atom_entry_with_only_an_updated_date_is_dated_by_it() -> None:
    (entry,) = read_articles([INPUTS / "atom.xml"])
    same = parse_article((INPUTS / "seed" / "marr-kent.txt").read_text(encoding="utf-8"))
    assert isinstance(entry, Article)
    assert (entry.published, entry.text) == (same.published, same.text) == (date(2024, 1, 9), same.text)


def test_an_xml_file_that_is_not_a_feed_is_one_error(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://lantern.example/</loc></url></urlset>"
    )
    broken = tmp_path / "broken.rss"
    broken.write_text("this is not XML at all")
    errors = list(read_articles([sitemap, broken]))
    assert all(isinstance(e, ArticleError) for e in errors) and len(errors) == 2
    assert "sitemap.xml" in str(errors[0]) and "not an RSS or Atom feed" in str(errors[0])


def test_progress_counts_entries_not_files() -> None:
    assert count_records([INPUTS / "feed.xml", INPUTS / "atom.xml"]) == 4

import json
from datetime import date
from pathlib import Path

import pytest

from storyline.articles import parse_article, read_articles
from storyline.errors import ArticleError
from storyline.model import Article

TEXT = "Ann Cole and Ben Hart got engaged in June, the couple said on Monday."


@pytest.mark.parametrize(
    "content",
    [
        f"date 2024-02-08\n{TEXT}",
        f" date 2024-02-08 {TEXT}",
        f"\n\n  date 2024-02-08\r\n{TEXT}",
        f"date\t2024-02-08\n\n{TEXT}",
    ],
)
def test_seed_format_date_line_variants(content: str) -> None:
    article = parse_article(content)
    assert article.published == date(2024, 2, 8)
    assert article.text.strip() == TEXT


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "no date line"),
        (TEXT, "no date line"),
        (f"date 2024-02-30\n{TEXT}", "not a day on the calendar"),
        (f"date 08/02/2024\n{TEXT}", "not in the form YYYY-MM-DD"),
        ("date 2024-02-08\n   \n", "no text after the date line"),
        ("date 2024-02-08\n" + "\x01\x02\x03\x04" * 200, "binary"),
        (
            "date 2024-02-08\n" + "Le couple s'est séparé en juin après dix ans de vie commune à Paris. " * 3,
            "English",
        ),
    ],
)
def test_bad_articles_say_what_is_wrong(content: str, problem: str) -> None:
    with pytest.raises(ArticleError, match=problem):
        parse_article(content, source="x.txt")


def test_a_folder_is_read_in_name_order_and_bad_files_come_back_as_errors(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(f"date 2024-01-02\n{TEXT}")
    (tmp_path / "a.txt").write_text(f"date 2024-01-01\n{TEXT}")
    (tmp_path / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "notes.md").write_text("ignored")
    items = list(read_articles([tmp_path]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [str(i) for i in items if isinstance(i, ArticleError)]
    assert [a.source for a in articles] == ["a.txt", "b.txt"]
    assert any("c.txt" in e and "binary" in e for e in errors)
    assert any("empty.txt" in e and "empty" in e for e in errors)


def test_jsonl_lines_are_articles_and_broken_lines_are_reported(tmp_path: Path) -> None:
    good = {"id": "n1", "published": "2024-03-01", "title": "T", "text": TEXT, "url": "https://example.org/1"}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"published": "2024-03-01"}),
        "",
        json.dumps(good | {"id": "n2"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines))
    items = list(read_articles([path]))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "ArticleError", "Article"]
    assert "feed.jsonl:2" in str(items[1]) and "broken JSON" in str(items[1])
    assert "missing 'text'" in str(items[2])
    first = items[0]
    assert isinstance(first, Article) and first.url == "https://example.org/1" and first.source == "n1"


def test_missing_paths_and_huge_files_are_errors_not_crashes(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("w") as handle:
        handle.write("date 2024-01-01\n")
        handle.write(("Ann Cole met Ben Hart. " * 1000 + "\n") * 260)
    items = list(read_articles([tmp_path / "nope.txt", huge]))
    assert all(isinstance(i, ArticleError) for i in items)
    assert "no such file" in str(items[0])
    assert "MB" in str(items[1])

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import INPUTS
from storyline.articles import count_records, read_articles, records
from storyline.articles.seed import parse_article
from storyline.errors import ArticleError
from storyline.model import Article

TEXT = "Ann Cole and Cal Ng got engaged in June, the couple said on Monday. They met in 2018 in Leeds."


def read(path: Path, published: date | None = None) -> list[Article | ArticleError]:
    return list(read_articles([path], published=published))


def test_news_please_output_is_read_by_its_own_field_names() -> None:
    (article,) = read(INPUTS / "news-please.json")
    same = parse_article((INPUTS / "seed" / "fenn-ashe-divorce.txt").read_text(encoding="utf-8"))
    assert isinstance(article, Article)
    assert (article.published, article.text) == (same.published, same.text)  # date_publish, maintext
    assert article.title == "Mae Fenn and Jude Ashe finalise their divorce"
    assert article.url == "https://lantern.example/people/fenn-ashe-divorce"
    assert article.source == "news-please.json"


def test_trafilatura_output_is_read_by_its_own_field_names() -> None:
    (article,) = read(INPUTS / "trafilatura.json")
    same = parse_article((INPUTS / "seed" / "moss-gale-wedding.txt").read_text(encoding="utf-8"))
    assert isinstance(article, Article)
    assert (article.published, article.text) == (same.published, same.text)
    assert article.url == "https://harbourpost.example/celebrity/moss-gale-wedding"  # its `source`


@pytest.mark.parametrize(
    ("tool", "download_date"),
    [
        ({"maintext": TEXT, "date_publish": None}, {"date_download": "2024-03-02 11:04:51"}),
        ({"text": TEXT, "date": None}, {"filedate": "2024-05-30"}),
    ],
)
def test_the_day_a_page_was_downloaded_is_never_its_publication_date(
    tmp_path: Path, tool: dict[str, Any], download_date: dict[str, str]
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(tool | download_date))
    (error,) = read(path)
    assert isinstance(error, ArticleError)
    assert "no publication date" in str(error) and "--published YYYY-MM-DD" in str(error)
    (article,) = read(path, published=date(2024, 2, 1))
    assert isinstance(article, Article) and article.published == date(2024, 2, 1)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2023-09-05", "2023-09-05"),
        ("2023-09-05T14:00:00Z", "2023-09-05"),
        ("2023-09-05 14:00:00", "2023-09-05"),
        ("2023-09-05T23:30:00-05:00", "2023-09-05"),  # the publisher's day, not UTC's
        ("20230905T140000Z", "2023-09-05"),
        ("Tue, 05 Sep 2023 14:00:00 GMT", "2023-09-05"),
        ("Tue, 5 Sep 2023 23:30:00 -0500", "2023-09-05"),
        ("05 Sep 2023 14:00 +0100", "2023-09-05"),
    ],
)
def test_dates_in_iso_8601_and_rfc_2822(tmp_path: Path, written: str, day: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"published": written, "text": TEXT}))
    (article,) = read(path)
    assert isinstance(article, Article) and article.published == date.fromisoformat(day)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("2023-09", "not a day"),
        ("2023", "not a day"),
        ("2023-02-30T10:00:00Z", "not a day on the calendar"),
        ("Fri, 30 Feb 2024 10:00:00 GMT", "not a day on the calendar"),
        ("05/09/2023", "neither ISO 8601"),
        ("last Tuesday", "neither ISO 8601"),
    ],
)
def test_dates_that_cannot_be_read_are_errors_not_guesses(tmp_path: Path, written: str, problem: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"published": written, "text": TEXT}))
    (error,) = read(path)
    assert isinstance(error, ArticleError) and problem in str(error)


def test_a_json_array_is_read_item_by_item_and_a_bad_item_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunks of 7 characters: items and numbers are cut at every place a chunk boundary can fall.
    monkeypatch.setattr(records, "_CHUNK", 7)
    items: list[object] = [
        {"date_publish": f"2023-09-{day:02d} 10:00:00", "maintext": TEXT, "title": f"Story {day}"}
        for day in (1, 2)
    ]
    items[1:1] = [{"maintext": TEXT, "date_publish": "someday"}, 12345]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(items, indent=1))
    got = read(path)
    assert [type(i).__name__ for i in got] == ["Article", "ArticleError", "ArticleError", "Article"]
    assert "many.json item 2" in str(got[1]) and "many.json item 3" in str(got[2])
    assert [i.title for i in got if isinstance(i, Article)] == ["Story 1", "Story 2"]
    assert count_records([path]) == 4


def test_a_json_array_broken_midway_keeps_the_items_before(tmp_path: Path) -> None:
    good = json.dumps({"published": "2023-09-01", "text": TEXT})
    path = tmp_path / "broken.json"
    path.write_text(f"[{good}, {good[:30]}")
    got = read(path)
    assert isinstance(got[0], Article)
    assert (
        isinstance(got[1], ArticleError)
        and "broken.json item 2" in str(got[1])
        and "broken JSON" in str(got[1])
    )


def test_a_json_file_may_hold_one_record_per_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    lines = [json.dumps({"published": f"2023-09-0{day}", "text": TEXT}) for day in (1, 2)]
    path.write_text("\n".join(lines) + "\n")
    assert [a.published.day for a in read(path) if isinstance(a, Article)] == [1, 2]
    assert count_records([path]) == 2


@pytest.mark.parametrize(
    ("content", "problem"), [("", "empty"), ("hello", "not JSON"), ("[1, 2]", "JSON object")]
)
def test_json_that_holds_no_articles_says_so(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content)
    errors = read(path)
    assert errors and all(isinstance(e, ArticleError) for e in errors)
    assert problem in str(errors[0])


# ---------------------------------------------------------------------------------------------
# Hostile records: one bad line or item never costs the ones after it


def _good(month: str) -> str:
    return json.dumps({"published": "2024-01-02", "text": TEXT.replace("June", month)})


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ('{"published": "2024-01-02", "n": ' + "9" * 5000 + ', "text": "x"}', "digits"),
        ("[" * 10_000 + "]" * 10_000, "nested too deeply"),
        ('{"published": "2024-01-02", "text": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
        ('{"published": "0001-01-01", "text": "' + TEXT + '"}', "1000 to 8999"),
        ('{"published": "9999-12-31", "text": "' + TEXT + '"}', "1000 to 8999"),
        ('{"published": "2024-01-02", "text": "' + "Ann Cole met Ben. " * 60_000 + '"}', "1,000,000"),
    ],
)
def test_a_record_beyond_reading_is_an_error_and_the_next_lines_are_read(
    tmp_path: Path, bad: str, problem: str
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([_good("May"), bad, _good("July")]) + "\n", encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "Article"]
    assert f"{path}:2" in str(items[1]) and problem in str(items[1])
    # the same records as items of an array: the item is skipped, the next read
    array = tmp_path / "a.json"
    array.write_text("[" + ",\n".join([_good("May"), bad, _good("July")]) + "]", encoding="utf-8")
    items = read(array)
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "Article"]
    assert "item 2" in str(items[1]) and problem in str(items[1])
    assert count_records([path]) == 3


def test_a_lone_surrogate_or_a_nul_is_stored_as_a_replacement_character(tmp_path: Path) -> None:
    # "\ud800" is half a character: no database stores it; PostgreSQL stores no NUL either.
    path = tmp_path / "a.jsonl"
    record = {
        "published": "2024-01-02",
        "text": f"{TEXT} \ud800 and \x00.",
        "title": "T\ud800",
        "id": "x\x00",
    }
    path.write_text(json.dumps(record) + "\n" + _good("July") + "\n", encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (
        first.text.endswith("\ufffd and \ufffd.") and first.title == "T\ufffd" and first.source == "x\ufffd"
    )
    first.text.encode("utf-8")  # storable


def test_a_line_of_150_mb_is_never_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(_good("May") + "\n")
        handle.write('{"published": "2024-01-02", "text": "')
        for _ in range(30):  # 30 MB here; the reader holds at most 10 MB of it
            handle.write("x" * 1_000_000)
        handle.write('"}\n' + _good("July") + "\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "Article"]
    assert "over 10 MB" in str(items[1])
    assert count_records([path]) == 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf16_and_utf32_text_is_read_not_called_binary(tmp_path: Path, encoding: str) -> None:
    seed = tmp_path / "a.txt"
    seed.write_bytes(f"date 2024-01-02\n{TEXT}".encode(encoding))
    lines = tmp_path / "a.jsonl"
    lines.write_bytes((_good("May") + "\n" + _good("July") + "\n").encode(encoding))
    unnamed = tmp_path / "records"
    unnamed.write_bytes(("[" + _good("May") + "]").encode(encoding))
    items = read(seed) + read(lines) + read(unnamed)
    assert all(isinstance(i, Article) for i in items), items
    assert items[0].text == TEXT and "July" in items[2].text and len(items) == 4


# Property: whatever the lines hold, each non-blank line gives one article or one error naming it.
_LINE = st.one_of(
    st.text(max_size=80),
    st.just(_good("May")),
    st.builds(
        lambda text, day: json.dumps({"published": day, "text": text}, ensure_ascii=False),
        st.text(max_size=200),
        st.sampled_from(["2024-01-02", "0001-01-01", "9999-12-31", "2024-02-30", "", "Tue, 05 Sep 2023"]),
    ),
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(4000, 6000).map(lambda n: '{"n": ' + "7" * n + "}"),
    st.sampled_from(['{"text": "\\ud800"}', '{"published": "2024-01-02", "text": "\\u0000"}', "{", "null"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_LINE, max_size=6))
def test_any_lines_give_one_article_or_error_each(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_text(
        "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines), "utf-8", "replace"
    )
    items = read(path)
    kept = [n for n, line in enumerate(path.read_text("utf-8").split("\n"), 1) if line.strip()]
    assert len(items) == len(kept)
    for number, item in zip(kept, items, strict=True):
        assert isinstance(item, Article | ArticleError)
        if isinstance(item, ArticleError):
            assert str(item).startswith(f"{path}:{number}: ")
        else:
            item.text.encode("utf-8")  # storable, whatever the line held

import gzip
import importlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import INPUTS, write_warc
from storyline.articles import count_records, input_kind, parse_article, read_articles
from storyline.articles.text import check_text, language
from storyline.errors import ArticleError
from storyline.model import Article
from storyline.store import open_store

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


def _closed(monkeypatch: pytest.MonkeyPatch, *closed: Path) -> None:
    """Make `closed` unreadable, as chmod 000 would for anyone but root (the tests may run as root)."""
    refused = {str(p) for p in closed}

    def refuse(path: object) -> None:
        if str(path) in refused:
            raise PermissionError(13, "Permission denied", str(path))

    scandir, read_bytes, opened = os.scandir, Path.read_bytes, Path.open
    monkeypatch.setattr(os, "scandir", lambda path=".": refuse(path) or scandir(path))
    monkeypatch.setattr(Path, "read_bytes", lambda self: refuse(self) or read_bytes(self))
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: refuse(self) or opened(self, *a, **k))
    access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode, **k: str(path) not in refused and access(path, mode, **k)
    )


def test_an_unreadable_sub_folder_or_file_is_an_error_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(f"date 2024-01-01\n{TEXT}")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "b.txt").write_text(f"date 2024-01-02\n{TEXT}")
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "c.txt").write_text(f"date 2024-01-03\n{TEXT}")
    (tmp_path / "d.txt").write_text(f"date 2024-01-04\n{TEXT}")
    _closed(monkeypatch, tmp_path / "closed", tmp_path / "d.txt")
    items = list(read_articles([tmp_path, tmp_path / "d.txt", tmp_path / "open" / "c.txt"]))
    names = [i.source if isinstance(i, Article) else str(i) for i in items]
    assert names[0] == "a.txt" and "closed: the folder cannot be read (Permission denied)" in names[1]
    assert names[2] == "d.txt: cannot be read (Permission denied)".replace("d.txt", str(tmp_path / "d.txt"))
    assert names[3:] == ["c.txt", names[2], "c.txt"]


def test_the_cli_ingests_the_rest_when_a_file_it_names_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from storyline.cli import cli

    (tmp_path / "a.txt").write_text(f"date 2024-01-01\n{TEXT}")
    (tmp_path / "b.txt").write_text(f"date 2024-01-02\n{TEXT}")
    _closed(monkeypatch, tmp_path / "b.txt")
    # No model: the articles read are passed over (this is about reading, not extracting).
    # storyline.ingest is the function; the module is had by import_module.
    ingest_module = importlib.import_module("storyline.ingest")
    monkeypatch.setattr(ingest_module, "extract_articles", lambda read, *a, **k: (x for x in read if False))
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", "sqlite://:memory:", "-q"]
    )
    assert result.exit_code == 1, result.output  # not 2: the batch ran
    assert "b.txt: cannot be read (Permission denied)" in result.output and "read 2," in result.output


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "0999-12-31", "9000-01-01"])
def test_a_publication_date_at_the_calendars_ends_is_refused(day: str) -> None:
    with pytest.raises(ArticleError, match="1000 to 8999"):
        parse_article(f"date {day}\n{TEXT}")


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


# ---------------------------------------------------------------------------------------------
# Which reader, dates given by the caller, language, and what `import storyline` costs


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("page", b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("saved", b"\n  <html lang='en'><head></head></html>", "html"),
        ("news", b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
        ("atom", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ("records", b'{"published": "2024-01-01", "text": "x"}', "json"),
        ("crawl", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("notes", b"date 2024-01-01\nAnn Cole met Cal Ng.", "seed"),
        ("a.TXT", b"<html>whatever it holds, a .txt is the seed format</html>", "seed"),
        ("b.HTM", b"date 2024-01-01 and an .htm is a page", "html"),
        ("c.warc.gz", b"", "warc"),
    ],
)
def test_the_reader_is_chosen_by_extension_else_by_content(
    tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert input_kind(path) == kind


def test_a_gzipped_warc_without_its_extension_is_known_by_content(tmp_path: Path) -> None:
    path = tmp_path / "download"
    with gzip.open(path, "wb") as handle:
        handle.write(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n")
    assert input_kind(path) == "warc"


def test_a_folder_gives_every_input_it_holds_and_progress_counts_records(tmp_path: Path) -> None:
    for name in ("cole-ng-engaged.html", "feed.xml", "news-please.json"):
        shutil.copy(INPUTS / name, tmp_path / name)
    (tmp_path / "a.txt").write_text(f"date 2024-01-01\n{TEXT}")
    (tmp_path / "b.jsonl").write_text(json.dumps({"published": "2024-01-02", "text": TEXT}) + "\n")
    (tmp_path / "notes.md").write_text("not an input")
    (tmp_path / "picture.jpg").write_bytes(b"\xff\xd8\xff")
    items = list(read_articles([tmp_path], warn=lambda m: None))
    assert len(items) == count_records([tmp_path]) == 7  # 1 + 1 + 3 entries + 1 + 1
    assert sum(isinstance(i, ArticleError) for i in items) == 1  # the feed's undated entry


def test_published_dates_a_text_without_a_date_line_but_not_over_one(tmp_path: Path) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(TEXT)
    dated = tmp_path / "dated.txt"
    dated.write_text(f"date 2024-02-08\n{TEXT}")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(f"date 08/02/2024\n{TEXT}")
    items = list(read_articles([undated, dated, wrong], published=date(2023, 1, 1)))
    assert [i.published for i in items if isinstance(i, Article)] == [date(2023, 1, 1), date(2024, 2, 8)]
    assert isinstance(items[2], ArticleError) and "YYYY-MM-DD" in str(items[2])
    (error,) = read_articles([undated])
    assert "no date line" in str(error) and "--published" in str(error)


def test_the_language_check_names_the_language_and_leaves_short_or_odd_english_alone() -> None:
    german = "Die Schauspielerin Ann Cole und der Koch Cal Ng haben sich am Montag in Bristol verlobt. " * 3
    with pytest.raises(ArticleError, match=r"English but like 'de'"):
        check_text("x.txt", german)
    check_text("x.txt", "Ann Cole married Cal Ng.")  # too short to judge
    check_text("x.txt", "Ann Cole met Ben Hart. " * 1000)  # repetitive English is no other language
    assert language(TEXT)[0] == "en"


def test_importing_storyline_imports_no_reader_of_pages_feeds_or_archives() -> None:
    heavy = ["trafilatura", "htmldate", "feedparser", "warcio", "py3langid", "lxml"]
    code = f"import sys, storyline; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_options_of_the_commands_that_read_inputs_are_in_the_readme() -> None:
    from storyline.cli import cli

    readme = (INPUTS.parent.parent / "README.md").read_text(encoding="utf-8")
    for name in ("ingest", "extract"):
        for option in cli.commands[name].params:
            for flag in (f for f in option.opts if f.startswith("--")):
                assert flag in readme, f"README.md does not document `storyline {name} {flag}`"


def test_the_cli_says_in_one_line_how_to_date_an_undated_page(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyline.cli import cli

    runner = CliRunner()
    page = str(INPUTS / "quill-rowe-nodate.html")
    result = runner.invoke(cli, ["ingest", page, "--db", f"sqlite:///{tmp_path}/t.db", "-q"])
    assert result.exit_code == 1
    (error,) = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert "quill-rowe-nodate.html: no publication date" in error and "--published YYYY-MM-DD" in error
    result = runner.invoke(cli, ["extract", page, "--published", "last week"])
    assert result.exit_code == 2 and "not a date in the form YYYY-MM-DD" in result.output


# ---------------------------------------------------------------------------------------------
# The acceptance: every input kind at once, as a user would ingest them


def _facts(db: str, people: list[str]) -> set[tuple[str | None, ...]]:
    from storyline.query import timeline

    keys = ("relation", "with", "child", "when", "ended", "status", "known_since")
    with open_store(db) as store:
        return {
            (name, *(entry.to_json()[k] for k in keys)) for name in people for entry in timeline(store, name)
        }


@pytest.mark.slow
def test_ingesting_every_input_kind_stores_what_the_seed_format_stores(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyline.cli import cli

    pages = [  # dated in its JSON-LD, and by its URL; both crawled long after
        ("https://lantern.example/people/cole-ng-engaged", (INPUTS / "cole-ng-engaged.html").read_bytes()),
        (
            "https://lantern.example/2022/06/20/brook-lusk-wedding.html",
            (INPUTS / "brook-lusk-wedding.html").read_bytes(),
        ),
    ]
    warc = write_warc(
        tmp_path / "crawl.warc.gz", [(url, html, "2024-06-01T09:00:00Z") for url, html in pages]
    )
    shutil.copy(INPUTS / "vale-marsh-split.html", tmp_path / "page.html")  # dated in a meta tag
    shutil.copy(INPUTS / "quill-rowe-nodate.html", tmp_path / "nodate.html")
    inputs = [tmp_path / "page.html", INPUTS / "feed.xml", warc, INPUTS / "news-please.json"]
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/inputs.db"

    result = runner.invoke(cli, ["ingest", *map(str, inputs), str(tmp_path / "nodate.html"), "--db", db])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2  # the page and the feed entry that give no date, one line each
    assert any("nodate.html: no publication date" in e and "--published YYYY-MM-DD" in e for e in errors)
    assert "read 8, new 6," in result.output and "failed 2" in result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "feed.xml entry 2" in warnings[0] and "only a summary" in warnings[0]

    result = runner.invoke(
        cli, ["ingest", str(tmp_path / "nodate.html"), "--published", "2023-05-20", "--db", db]
    )
    assert result.exit_code == 0 and "new 1," in result.output

    stories = ["vale-marsh-split", "frost-dorn-move-in", "lund-esker-baby", "cole-ng-engaged"]
    stories += ["brook-lusk-wedding", "fenn-ashe-divorce", "quill-rowe-dating"]
    seed_db = f"sqlite:///{tmp_path}/seed.db"
    seeds = [str(INPUTS / "seed" / f"{story}.txt") for story in stories]
    assert runner.invoke(cli, ["ingest", *seeds, "--db", seed_db]).exit_code == 0

    people = ["Dora Vale", "Lena Frost", "Pia Lund", "Ann Cole", "Nia Brook", "Mae Fenn", "Ivy Quill"]
    stored = _facts(db, people)
    assert stored == _facts(seed_db, people)
    assert ("Ann Cole", "engaged", "Cal Ng", None, "2023-08", None, "confirmed", "2023-09-05") in stored
    assert {(fact[0], fact[1], fact[-1]) for fact in stored} >= {
        ("Dora Vale", "split", "2023-10-12"),
        ("Lena Frost", "moved_in", "2023-11-14"),
        ("Nia Brook", "married", "2022-06-20"),
        ("Mae Fenn", "divorced", "2024-03-01"),
        ("Ivy Quill", "dating", "2023-05-20"),
    }


# Property: whatever a file holds, under whatever name, reading it gives articles or errors naming it.
_SEEDS = [
    f"date 2024-01-02\n{TEXT}".encode(),
    b'{"published": "2024-01-02", "text": "' + TEXT.encode() + b'"}',
    b"<html><head><meta property='article:published_time' content='2024-01-02'></head><body><article><p>"
    + TEXT.encode()
    + b"</p></article></body></html>",
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title><pubDate>Tue, 05 Sep 2023'
    b" 14:00:00 GMT</pubDate><description>" + TEXT.encode() + b"</description></item></channel></rss>",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/",
]


def _mutated(data: st.DataObject) -> bytes:
    content = bytearray(data.draw(st.sampled_from(_SEEDS)))
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(content)))
        match data.draw(st.sampled_from(["cut", "insert", "flip", "repeat"])):
            case "cut":
                del content[at : at + data.draw(st.integers(1, 40))]
            case "insert":
                content[at:at] = data.draw(st.binary(max_size=20) | st.text(max_size=20).map(str.encode))
            case "flip" if at < len(content):
                content[at] ^= data.draw(st.integers(1, 255))
            case "repeat":
                content[at:at] = content[at : at + 10] * data.draw(st.integers(1, 50))
    return bytes(content)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.data(), st.sampled_from(["a.txt", "a.jsonl", "a.json", "a.html", "a.xml", "a.warc", "a.warc.gz", "a"])
)
def test_any_file_under_any_name_gives_articles_or_errors_naming_it(
    tmp_path: Path, data: st.DataObject, name: str
) -> None:
    path = tmp_path / name
    content = _mutated(data)
    path.write_bytes(gzip.compress(content) if name.endswith(".gz") and data.draw(st.booleans()) else content)
    warned: list[str] = []
    items = list(read_articles([path], warn=warned.append))
    assert items or warned or not content.strip()  # an archive may hold no page, a feed no entry: said
    assert count_records([path]) >= 0
    for item in items:
        assert isinstance(item, Article | ArticleError)
        if isinstance(item, ArticleError):
            assert str(item).startswith((str(path), path.name))  # a one-record file goes by its name
        else:
            item.text.encode("utf-8")

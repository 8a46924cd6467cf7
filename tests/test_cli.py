import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import bundle
from storyline.cli import cli
from storyline.extractor_version import extractor_version
from storyline.model import Article, Claim
from storyline.store import open_store

ARTICLE = "date 2021-07-01\nAnn Cole and Ben Hart got engaged in June 2021, the couple announced on Monday.\n"


@pytest.fixture
def db(tmp_path: Path, article: Callable[..., Article], claim: Callable[..., Claim]) -> str:
    url = f"sqlite:///{tmp_path}/t.db"
    with open_store(url) as store:
        claims = (
            claim("Ann Cole", "dating", "Ben Hart", when="2017", known="2018-01-01"),
            claim("Ann Cole", "split", "Ben Hart", when="2023-12", status="reported", known="2024-02-08"),
        )
        store.add(bundle(article("text", "2024-02-08"), claims))
    return url


def test_every_command_has_help() -> None:
    runner = CliRunner()
    assert "timeline" in runner.invoke(cli, ["--help"]).output
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.output


def test_timeline_and_partners_json(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["timeline", "Ann Cole", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    assert [(e["when"], e["ended"], e["relation"], e["with"], e["status"]) for e in entries] == [
        ("2017", "2023-12", "dating", "Ben Hart", "confirmed"),
        ("2023-12", None, "split", "Ben Hart", "reported"),
    ]
    result = runner.invoke(
        cli, ["partners", "Ben Hart", "--db", db, "--at", "2020-01-01", "--as-of", "2024-12-31", "--json"]
    )
    assert json.loads(result.output)[0]["name"] == "Ann Cole"
    text = runner.invoke(cli, ["timeline", "Ann Cole", "--db", db]).output
    assert "REPORTED" in text and "known since 2024-02-08" in text


def test_errors_are_one_line_and_exit_non_zero(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["timeline", "Zed Quill", "--db", db])
    assert result.exit_code == 1 and "no one called 'Zed Quill'" in result.output
    result = runner.invoke(cli, ["partners", "Ann Cole", "--db", db, "--at", "2024-02-31"])
    assert result.exit_code == 2 and "not a date" in result.output


def test_an_unexpected_error_is_one_line_without_debug_and_a_traceback_with_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import sys

    import storyline.timex
    from storyline.cli import main

    (tmp_path / "a.txt").write_text("It happened this year.", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something no one foresaw\nsecond line")

    monkeypatch.setattr(storyline.timex, "tag", broken)
    monkeypatch.delenv("STORYLINE_DEBUG", raising=False)
    monkeypatch.setattr(sys, "argv", ["storyline", "timex", str(tmp_path / "a.txt")])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "error: RuntimeError: something no one foresaw"
    assert "--debug" in err and "Traceback" not in err
    monkeypatch.setattr(sys, "argv", ["storyline", "--debug", "timex", str(tmp_path / "a.txt")])
    with pytest.raises(RuntimeError, match="no one foresaw"):
        main()


@pytest.mark.parametrize("dct", ["9999-12-31", "0001-01-01"])
def test_timex_at_the_calendars_ends_prints_no_traceback(tmp_path: Path, dct: str) -> None:
    (tmp_path / "a.txt").write_text("They married this year and split this winter, 10 years ago.", "utf-8")
    result = CliRunner().invoke(cli, ["timex", "--dct", dct, str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output


def test_a_question_over_the_limit_is_refused_in_one_line(db: str) -> None:
    result = CliRunner().invoke(
        cli, ["ask", "When did " + "Ann Cole and " * 100 + "Ben Hart marry?", "--db", db]
    )
    assert result.exit_code == 1 and "storyline reads questions of up to 300" in result.output


def test_ingest_reports_each_bad_file_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "nodate.txt").write_text("Ann Cole married Ben Hart.")
    (tmp_path / "bad.jsonl").write_text('{"published": "2024-01-01", "text": "x"\n')
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path}/t.db", "-q"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 4
    assert "read 4, new 0, skipped 0 (already stored), failed 4" in result.output


@pytest.mark.slow
def test_extract_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = CliRunner().invoke(cli, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.output.splitlines()]
    engaged = next(c for c in claims if c["relation"] == "engaged")
    assert {engaged["a"], engaged["b"]} == {"Ann Cole", "Ben Hart"}
    assert (engaged["file"], engaged["when"], engaged["published"]) == ("a.txt", "2021-06", "2021-07-01")


@pytest.mark.slow
def test_ingest_a_mixed_batch_keeps_the_good_articles(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    url = f"sqlite:///{tmp_path}/t.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(tmp_path), "--db", url])
    assert first.exit_code == 1 and "new 1" in first.output and "failed 1" in first.output
    again = runner.invoke(cli, ["ingest", str(tmp_path / "good.txt"), "--db", url, "-q"])
    assert again.exit_code == 0 and "new 0, skipped 1" in again.output
    timeline = runner.invoke(cli, ["timeline", "Ben Hart", "--db", url, "--json"])
    assert any(e["relation"] == "engaged" for e in json.loads(timeline.output))


@pytest.mark.slow
def test_demo_prints_the_timelines(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--db", f"sqlite:///{tmp_path}/demo.db", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "Mira Dahl" in result.output and "married" in result.output and "RUMOURED" in result.output
    assert "bin/storyline" in result.output and "activate" in result.output  # how to run it after make demo


def test_a_query_on_a_missing_database_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/nothing.db"
    for args in (["timeline", "Ann Cole"], ["people"], ["articles"], ["ask", "Who is Ann Cole dating?"]):
        result = CliRunner().invoke(cli, [*args, "--db", url])
        assert (
            result.exit_code == 1
            and "no database at" in result.output
            and "storyline ingest" in result.output
        )
    assert not (tmp_path / "nothing.db").exists()  # and none was made


def test_people_and_articles(db: str) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["people", "--db", db]).output.split("\n")[:2] == ["Ann Cole", "Ben Hart"]
    assert json.loads(runner.invoke(cli, ["people", "hart", "--db", db, "--json"]).output) == [
        {"name": "Ben Hart"}
    ]
    listed = json.loads(runner.invoke(cli, ["articles", "--db", db, "--format", "json"]).output)
    assert [(a["published"], a["claims"]) for a in listed] == [("2024-02-08", 2)]
    assert "1 of 1 articles" in runner.invoke(cli, ["articles", "--db", db]).output


@pytest.mark.parametrize(("given", "known"), [("2019", True), ("2017-06", False), ("June 2018", True)])
def test_dates_are_lenient(db: str, given: str, known: bool) -> None:
    # The dating was first told on 2018-01-01: a month or a year cuts knowledge at its last day.
    result = CliRunner().invoke(cli, ["timeline", "Ann Cole", "--db", db, "--as-of", given, "--json"])
    assert result.exit_code == 0, result.output
    assert bool(json.loads(result.output)) is known


def test_formats_csv_and_nl(db: str) -> None:
    runner = CliRunner()
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(cli, ["timeline", "Ann Cole", "--db", db, "--format", "csv"]).output)
        )
    )
    assert [(r["relation"], r["with"], r["sources"]) for r in rows] == [
        ("dating", "Ben Hart", "2018-01-01.txt"),
        ("split", "Ben Hart", "2024-02-08.txt"),
    ]
    lines = runner.invoke(cli, ["timeline", "Ann Cole", "--db", db, "--format", "nl"]).output.splitlines()
    assert [json.loads(line)["relation"] for line in lines] == ["dating", "split"]


def test_forget_retracts_an_article_and_says_so(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["forget", "text-nowhere.txt", "--db", db])
    assert result.exit_code == 1 and "storyline articles" in result.output
    source = json.loads(runner.invoke(cli, ["articles", "--db", db, "--json"]).output)[0]["source"]
    result = runner.invoke(cli, ["forget", source, "--db", db])
    assert result.exit_code == 0 and "2 claims retracted" in result.output
    assert runner.invoke(cli, ["timeline", "Ann Cole", "--db", db]).exit_code == 1  # no one left


def test_merge_checks_both_names(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["merge", "Ann Cole", "Zed Quill", "--db", db])
    assert result.exit_code == 1 and "no one called 'Zed Quill'" in result.output
    assert runner.invoke(cli, ["merge", "Ann Cole", "Ben Hart", "--db", db]).exit_code == 0


def test_reextract_with_nothing_outdated_says_so(db: str) -> None:
    result = CliRunner().invoke(cli, ["reextract", "--db", db])
    assert result.exit_code == 0 and "nothing to do" in result.output


@pytest.mark.slow
def test_reextract_rereads_what_older_rules_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    url = f"sqlite:///{tmp_path}/t.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db", url, "-q"]).exit_code == 0
    with open_store(url) as store:
        store._run("UPDATE article_versions SET version = '0.0.1+older'")  # type: ignore[attr-defined]
    assert (
        json.loads(runner.invoke(cli, ["articles", "--db", url, "--json"]).output)[0]["version"]
        == "0.0.1+older"
    )
    result = runner.invoke(cli, ["reextract", "--db", url, "-q"])
    assert result.exit_code == 0 and "re-extracted 1 articles" in result.output
    with open_store(url) as store:
        assert store.outdated_articles(extractor_version()) == []
        assert [e.action for e in store.article_edits()] == ["reextract"]
    timeline = json.loads(runner.invoke(cli, ["timeline", "Ben Hart", "--db", url, "--json"]).output)
    assert any(e["relation"] == "engaged" for e in timeline)

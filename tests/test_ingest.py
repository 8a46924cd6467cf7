"""Ingestion: extraction files round-trip exactly, loading is idempotent in any order, and every engine
stores the same thing (the model-needing tests are slow)."""

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ARTICLES, STORES, bundle
from storyline.cli import cli
from storyline.errors import ArticleError
from storyline.extract import extract
from storyline.ingest import LocalEngine, ingest, load, load_files
from storyline.model import (
    Article,
    Attribution,
    Claim,
    Entity,
    EntityKind,
    Extraction,
    Mention,
    Mod,
    TimeSpan,
)
from storyline.shards import extraction_from_json, extraction_json, read_extractions, write_extractions
from storyline.store import Store, open_store

every_store = pytest.mark.parametrize("store", STORES, indirect=True)


def _rich(article: Callable[..., Article], claim: Callable[..., Claim]) -> Extraction:
    """An extraction using every field a file must keep."""
    said = Attribution("Ann Cole", "Daily Post", TimeSpan.of("2024-03", Mod.START))
    dating = claim("Ann Cole", "dating", "Ben Hart", when="2017", ended="..2023-12-24", former="true")
    split = claim(
        "Ann Cole", "split", "Ben Hart", status="rumoured", known="2024-03-08", sentence="They split."
    )
    rich = bundle(
        article("Ann Cole and Ben Hart split, she told the Daily Post.", source="rich.txt"),
        [dating, split],
        (
            Entity("Ann Cole", aliases=("Ann",), descriptors=("the singer",)),
            Entity("Daily Post", EntityKind.ORGANIZATION),
        ),
    )
    negated = Claim(
        subject="Ben Hart",
        relation=split.relation,
        object="Ann Cole",
        when=TimeSpan.of("2023-12-25", Mod.BEFORE),
        status=split.status,
        evidence=rich.claims[1].evidence,
        known_at=date(2024, 3, 8),
        polarity=False,
        confidence=0.73,
        attribution=said,
        extra={"child": "Leo"},
    )
    mentions = (Mention("Ann Cole", 0, 8, "Ann Cole"), Mention("Ann Cole", 40, 43, "she", "pronoun"))
    return Extraction(rich.article, rich.entities, mentions, (*rich.claims, negated))


def test_an_extraction_file_line_rebuilds_the_extraction_exactly(
    article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    rich = _rich(article, claim)
    line = json.dumps(extraction_json(rich), ensure_ascii=False)
    assert extraction_from_json(json.loads(line)) == rich


def test_an_extraction_file_appears_whole_or_not_at_all(
    tmp_path: Path, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    def crashing() -> Iterator[Extraction]:
        yield _rich(article, claim)
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        write_extractions(crashing(), tmp_path / "shard.jsonl")
    assert list(tmp_path.iterdir()) == []


def test_bad_lines_and_missing_files_are_reported_not_raised(
    tmp_path: Path, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    path = tmp_path / "shard.jsonl"
    write_extractions([_rich(article, claim)], path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"format": "something else"}\n\n{not json\n')
    found = list(read_extractions([path, tmp_path / "missing.jsonl"]))
    assert isinstance(found[0], Extraction)
    assert [str(e).split(": ")[0] for e in found[1:] if isinstance(e, ArticleError)] == [
        f"{path}:2",
        f"{path}:4",
        f"{tmp_path}/missing.jsonl",
    ]


def _shards(
    tmp_path: Path, article: Callable[..., Article], claim: Callable[..., Claim]
) -> tuple[Path, Path]:
    first = [
        bundle(article("one", "2020-01-01", source="a.txt"), [claim("Ann Cole", "dating", "Ben Hart")]),
        bundle(article("two", "2022-05-01", source="b.txt"), [claim("Ann Cole", "engaged", "Ben Hart")]),
    ]
    second = [
        bundle(article("three", "2023-01-01", source="c.txt"), [claim("Ann Cole", "split", "Ben Hart")]),
        first[0],  # an article in two shards is stored once
    ]
    write_extractions(first, tmp_path / "1.jsonl")
    write_extractions(second, tmp_path / "2.jsonl")
    return tmp_path / "1.jsonl", tmp_path / "2.jsonl"


@every_store
def test_loading_is_idempotent_and_order_free(
    store: Store, tmp_path: Path, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    one, two = _shards(tmp_path, article, claim)
    report = load_files([two, one], store)
    assert (report.read, report.new, report.skipped, report.claims) == (4, 3, 1, 3)
    again = load_files([one, two], store)
    assert (again.new, again.skipped) == (0, 4)
    with open_store("sqlite://:memory:") as other:
        load_files([one, two], other)
        assert [c.to_json() for c in other.claims()] == [c.to_json() for c in store.claims()]
    assert store.counts() == {"articles": 3, "claims": 3, "entities": 0}


def test_load_counts_errors_and_goes_on(store: Store, article: Callable[..., Article]) -> None:
    report = load([ArticleError("bad.txt", "no date"), bundle(article("x"), [])], store)
    assert (report.new, report.failed, report.errors) == (1, 1, ["bad.txt: no date"])


def test_the_load_command(
    tmp_path: Path, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    one, two = _shards(tmp_path, article, claim)
    db = ["--db", f"sqlite:///{tmp_path}/t.db", "-q"]
    first = CliRunner().invoke(cli, ["load", str(one), str(two), *db])
    assert first.exit_code == 0, first.output
    assert first.output.strip() == "read 4, new 3, skipped 1 (already stored), failed 0; 3 claims added"
    (tmp_path / "bad.jsonl").write_text("{}\n", encoding="utf-8")
    second = CliRunner().invoke(cli, ["load", str(tmp_path / "bad.jsonl"), str(one), *db])
    assert second.exit_code == 1 and "bad.jsonl:1: not an extraction line" in second.output


@every_store
def test_one_article_the_database_refuses_fails_alone(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    # PostgreSQL stores no NUL, and neither database a lone surrogate: were a reader to let one
    # through, that article fails, the others are stored, and the refused one leaves nothing behind.
    good = bundle(article("Ann Cole met Ben Hart.", source="a.txt"), [claim("Ann Cole", "met", "Ben Hart")])
    bad = bundle(
        article("Ann Cole married Ben Hart.\x00", source="b.txt"),
        [claim("Ann Cole", "married", "Ben Hart\x00\ud800")],
    )
    later = bundle(
        article("Ann Cole left Ben Hart.", source="c.txt"), [claim("Ann Cole", "split", "Ben Hart")]
    )
    report = load([good, bad, later], store)
    assert (report.new, report.failed) == (2, 1)
    assert report.errors[0].startswith("b.txt: not stored")
    assert store.counts() == {"articles": 2, "claims": 2, "entities": 0}
    assert not store.has_article(bad.article.id)


@pytest.mark.parametrize(
    "damage",
    [
        lambda line: line[:40] + b"\xff\xfe" + line[40:],  # a bad byte
        lambda line: line.replace(
            b'"entities": [',
            b'"entities": [{"name": "Ann Cole", "kind": "person", '
            b'"aliases": [], "descriptors": []}, {"name": "Ann Cole", "kind": "person", "aliases": [], '
            b'"descriptors": []}, ',
            1,
        ),  # an entity twice
        lambda line: line.replace(b'"claims": [', b'"claims": [7, ', 1),  # a claim of the wrong kind
        lambda line: line.replace(b'"published": "', b'"published": "x', 1),  # a date that is none
        lambda line: b"[" * 5000 + b"]" * 5000 + b"\n",  # nested too deep
        lambda line: line[: len(line) // 2] + b"\n",  # cut short
    ],
)
def test_load_skips_a_corrupted_extraction_line_and_stores_the_rest(
    tmp_path: Path,
    article: Callable[..., Article],
    claim: Callable[..., Claim],
    damage: Callable[[bytes], bytes],
) -> None:
    one, _ = _shards(tmp_path, article, claim)
    first, second = one.read_bytes().splitlines(keepends=True)
    one.write_bytes(damage(first) + second)
    with open_store("sqlite://:memory:") as store:
        report = load_files([one], store)
        assert (report.read, report.new, report.failed) == (2, 1, 1), report.errors
        assert report.errors[0].startswith(f"{one}:1")
        assert store.counts()["articles"] == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["ingest", "x.txt", "--scheduler", "tcp://h:8786"], "--scheduler needs --engine dask"),
        (["ingest", "x.txt", "--engine", "spark"], "'spark' is not one of"),
        (["extract", "x.txt", "--json", "--out", "x.jsonl"], "choose one"),
    ],
)
def test_engine_options_are_checked(arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 2 and message in result.output


# ---------------------------------------------------------------------------------------------
# With the model


def _everything(store: Store) -> tuple[list[dict[str, object]], list[Entity], dict[str, int], list[str]]:
    return [c.to_json() for c in store.claims()], store.entities(), store.counts(), store.names(limit=1000)


@pytest.mark.slow
def test_extract_then_load_in_any_order_stores_what_ingest_stores(tmp_path: Path) -> None:
    files = sorted(ARTICLES.glob("*.txt"))
    runner = CliRunner()
    for shard, part in (("a", files[:2]), ("b", files[2:])):
        result = runner.invoke(cli, ["extract", *map(str, part), "--out", str(tmp_path / f"{shard}.jsonl")])
        assert result.exit_code == 0, result.output
    with open_store("sqlite://:memory:") as direct, open_store("sqlite://:memory:") as loaded:
        ingest(files, direct)
        report = load_files([tmp_path / "b.jsonl", tmp_path / "a.jsonl"], loaded)
        assert report.new == len(files) and report.ok
        assert _everything(loaded) == _everything(direct) and direct.counts()["claims"] > 5
    # The file holds exactly what extraction made, mentions and all.
    from_file = {
        x.article.id: x for x in read_extractions([tmp_path / "a.jsonl"]) if isinstance(x, Extraction)
    }
    for extraction in from_file.values():
        assert extraction == extract(extraction.article)


@pytest.mark.slow
def test_the_dask_engine_stores_what_the_local_engine_stores() -> None:
    import socket
    from contextlib import ExitStack

    from storyline.cluster import DaskEngine

    files = sorted(ARTICLES.glob("*.txt"))
    with ExitStack() as stack:
        # Dask's usual HTTP port taken (another ingest, a notebook's cluster) is no reason to warn or fail.
        held = stack.enter_context(socket.socket())
        try:
            held.bind(("127.0.0.1", 8787))
            held.listen()
        except OSError:
            pass  # already taken by something else, which tests the same
        local = stack.enter_context(open_store("sqlite://:memory:"))
        dask = stack.enter_context(open_store("sqlite://:memory:"))
        ingest(files, local, engine=LocalEngine(2))
        report = ingest(files, dask, engine=DaskEngine(workers=2))
        assert report.ok and report.new == len(files)
        assert _everything(dask) == _everything(local) and local.counts()["claims"] > 5


def _dies_on_poison(batch: list[Article]) -> list[Extraction | ArticleError]:
    """A stand-in for extract_batch whose process dies (as one killed for memory would) on a poison."""
    import os

    if any("POISON" in a.text for a in batch):
        os._exit(9)
    return [Extraction(a, (), (), ()) for a in batch]


def test_a_dead_extraction_process_is_restarted_and_the_article_that_killed_it_found(
    monkeypatch: pytest.MonkeyPatch, article: Callable[..., Article]
) -> None:
    import importlib

    ingest_module = importlib.import_module("storyline.ingest")  # storyline.ingest is the function
    monkeypatch.setattr(ingest_module, "extract_batch", _dies_on_poison)
    monkeypatch.setattr(ingest_module, "_warm", lambda: None)  # no model: this is about processes
    batches = [
        [article(f"Ann Cole met Ben Hart, {n}.", source=f"{n}.txt") for n in range(3)],
        [article("Ann Cole met Ben Hart. POISON", source="poison.txt"), article("Later.", source="3.txt")],
        [article("Ann Cole left Ben Hart.", source="4.txt")],
        [article("POISON alone", source="alone.txt")],
        [article("The end.", source="5.txt")],
    ]
    results = [r for batch in LocalEngine(workers=2).map(iter(batches)) for r in batch]
    extracted = [r.article.source for r in results if isinstance(r, Extraction)]
    failed = [str(r) for r in results if isinstance(r, ArticleError)]
    assert extracted == ["0.txt", "1.txt", "2.txt", "3.txt", "4.txt", "5.txt"]
    assert failed == [
        "poison.txt: extraction failed: its process died (out of memory?)",
        "alone.txt: extraction failed: its process died (out of memory?)",
    ]

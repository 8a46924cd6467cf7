"""The Store contract, run on SQLite here (and on PostgreSQL with the same suite when configured)."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import bundle
from storyline.errors import StoreError
from storyline.model import Article, Claim, Entity, Extraction
from storyline.store import Store, open_store, store_url


def _extraction(article: Article, claims: list[Claim]) -> Extraction:
    return bundle(article, claims, (Entity("Ann Cole", aliases=("Ann",)),))


def test_adding_an_article_twice_is_a_no_op(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    first = article("Ann Cole married Ben Hart.")
    extraction = _extraction(first, [claim("Ann Cole", "married", "Ben Hart", when="2020")])
    assert store.add(extraction) is True
    assert store.add(extraction) is False
    assert store.counts() == {"articles": 1, "claims": 1, "entities": 1}


def test_claims_round_trip_with_their_times(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    stored = claim(
        "Ann Cole", "dating", "Ben Hart", when="2017", ended="..2023-12-24", status="reported", former="true"
    )
    store.add(_extraction(article("x"), [stored]))
    (back,) = store.claims(["Ann Cole"])
    assert back.to_json() == stored.to_json() and back.when == stored.when and back.ended == stored.ended


def test_as_of_hides_what_was_published_later(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    early = article("one", "2020-01-01", source="early.txt")
    late = article("two", "2022-01-01", source="late.txt")
    store.add(_extraction(early, [claim("Ann Cole", "dating", "Ben Hart", known="2020-01-01")]))
    store.add(_extraction(late, [claim("Ann Cole", "split", "Ben Hart", known="2022-01-01")]))
    assert [c.relation.value for c in store.claims(["Ben Hart"], as_of=date(2021, 1, 1))] == ["dating"]
    assert len(store.claims(["Ben Hart"])) == 2
    assert store.article("late.txt") == late
    assert store.article(early.id) == early


def test_a_failure_mid_article_leaves_the_store_as_it_was(
    store: Store,
    article: Callable[..., Article],
    claim: Callable[..., Claim],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storyline.store.sqlite as sqlite_store

    calls = {"n": 0}
    real = sqlite_store.claim_row

    def flaky(c: Claim, now: str) -> tuple[Any, ...]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real(c, now)

    monkeypatch.setattr(sqlite_store, "claim_row", flaky)
    claims = [claim("Ann Cole", "dating", "Ben Hart"), claim("Ann Cole", "split", "Ben Hart")]
    with pytest.raises(RuntimeError):
        store.add(_extraction(article("crash"), claims))
    assert store.counts() == {"articles": 0, "claims": 0, "entities": 0}


def test_names_are_searchable(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    store.add(
        _extraction(
            article("x"), [claim("Ann Cole", "dating", "Ben Hart"), claim("Ann Cole", "met", "Cy Hill")]
        )
    )
    assert store.names("cole") == ["Ann Cole"]
    assert set(store.names("")) == {"Ann Cole", "Ben Hart", "Cy Hill"}


def test_identity_edits_are_kept_in_order(store: Store) -> None:
    store.add_identity_edit("merge", "Jessie Ray", "Jesse Ray")
    store.add_identity_edit("unmerge", "Jessie Ray", "Jesse Ray")
    assert [e.action for e in store.identity_edits()] == ["merge", "unmerge"]


def test_a_file_database_persists_and_checks_its_schema(
    tmp_path: Path, article: Callable[..., Article]
) -> None:
    url = f"sqlite:///{tmp_path}/news.db"
    with open_store(url) as db:
        db.add(_extraction(article("kept"), []))
    with open_store(url) as db:
        assert db.counts()["articles"] == 1
        db.db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(url)


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a storyline one"):
        open_store(str(path))


def test_store_url_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    assert store_url() == "sqlite:///storyline.db"
    monkeypatch.setenv("STORYLINE_DB", "sqlite:///elsewhere.db")
    assert store_url() == "sqlite:///elsewhere.db"
    assert store_url("sqlite://:memory:") == "sqlite://:memory:"
    with pytest.raises(StoreError, match="unknown database URL"):
        open_store("mysql://nope")

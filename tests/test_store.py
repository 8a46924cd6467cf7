"""The Store contract: one suite, run on SQLite and on PostgreSQL (when a server is given: see conftest)."""

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import STORES, bundle
from storyline.errors import StoreError
from storyline.model import Article, Claim, Entity, Extraction
from storyline.store import Store, open_store, store_url

every_store = pytest.mark.parametrize("store", STORES, indirect=True)
every_database = pytest.mark.parametrize("database", STORES, indirect=True)


def _extraction(article: Article, claims: list[Claim]) -> Extraction:
    return bundle(article, claims, (Entity("Ann Cole", aliases=("Ann",)),))


@every_store
def test_adding_an_article_twice_is_a_no_op(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    first = article("Ann Cole married Ben Hart.")
    extraction = _extraction(first, [claim("Ann Cole", "married", "Ben Hart", when="2020")])
    assert store.add(extraction) is True
    assert store.add(extraction) is False
    assert store.counts() == {"articles": 1, "claims": 1, "entities": 1}
    assert store.names() == ["Ann Cole", "Ben Hart"]  # counted once


@every_store
def test_claims_round_trip_with_their_times(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    stored = claim(
        "Ann Cole", "dating", "Ben Hart", when="2017", ended="..2023-12-24", status="reported", former="true"
    )
    extraction = _extraction(article("x"), [stored])
    store.add(extraction)
    (back,) = store.claims(["Ann Cole"])
    assert back == extraction.claims[0] and back.to_json() == stored.to_json()


@every_store
def test_a_child_finds_the_birth_that_names_them_beside_two_parents(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    birth = claim("Ann Cole", "child_born", "Ben Hart", when="2019", child="Ivy Hart")
    store.add(_extraction(article("x"), [birth, claim("Ann Cole", "married", "Ben Hart")]))
    assert [c.relation.value for c in store.claims(["Ivy Hart"])] == ["child_born"]
    assert store.names_with_word("ivy") == ["Ivy Hart"]
    assert len(store.claims(["Ann Cole"])) == 2


@every_store
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
    assert store.article("missing.txt") is None
    assert [e.name for e in store.entities(as_of=date(2021, 1, 1))] == ["Ann Cole"]


@every_store
def test_a_failure_mid_article_leaves_the_store_as_it_was(
    store: Store,
    article: Callable[..., Article],
    claim: Callable[..., Claim],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storyline.store.sql as sql_store

    calls = {"n": 0}
    real = sql_store.claim_row

    def flaky(c: Claim, now: str) -> tuple[Any, ...]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real(c, now)

    monkeypatch.setattr(sql_store, "claim_row", flaky)
    claims = [claim("Ann Cole", "dating", "Ben Hart"), claim("Ann Cole", "split", "Ben Hart")]
    with pytest.raises(RuntimeError):
        store.add(_extraction(article("crash"), claims))
    assert store.counts() == {"articles": 0, "claims": 0, "entities": 0}
    assert store.names() == []


@every_store
def test_an_article_the_database_refuses_is_a_store_error_and_leaves_nothing(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    twice = (Entity("Ann Cole"), Entity("Ann Cole"))  # one row per article and name
    refused = bundle(article("x"), [claim("Ann Cole", "met", "Ben Hart")], twice)
    with pytest.raises(StoreError, match=r"cannot store test\.txt"):
        store.add(refused)
    assert store.counts() == {"articles": 0, "claims": 0, "entities": 0}
    assert store.add(_extraction(article("x"), [])) is True  # and the store still works


@every_store
def test_names_are_searchable(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    store.add(
        _extraction(
            article("x"), [claim("Ann Cole", "dating", "Ben Hart"), claim("Ann Cole", "met", "Cy Hill")]
        )
    )
    assert store.names("cole") == ["Ann Cole"]
    assert store.names("N CO") == ["Ann Cole"]
    assert set(store.names("")) == {"Ann Cole", "Ben Hart", "Cy Hill"}
    assert store.names("%") == store.names("zz") == []


@every_store
def test_names_come_most_claimed_first_then_byte_order(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    claims = [claim("ann Bo", "met", "Zed Ames"), claim("Zed Ames", "met", "Éva Roth", sentence="2")]
    store.add(bundle(article("one"), claims))
    store.add(bundle(article("two"), [claim("ann Bo", "met", "Cy Hill")]))
    # A PostgreSQL database sorts by its locale unless told otherwise; both stores sort bytes.
    assert store.names() == ["Zed Ames", "ann Bo", "Cy Hill", "Éva Roth"]
    assert store.names(limit=1) == ["Zed Ames"]


@every_store
def test_names_with_a_word_ignore_case_and_accents(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    store.add(
        bundle(
            article("x"),
            [
                claim("Gerard Piqué", "dating", "Shakira"),
                claim("Gerard Pique", "met", "Shakira", sentence="2"),
                claim("Pia Piquet", "met", "Jean-Luc Roy", sentence="3"),
            ],
        )
    )
    assert set(store.names_with_word("PIQUE")) == {"Gerard Piqué", "Gerard Pique"}
    assert store.names_with_word("luc") == ["Jean-Luc Roy"]
    assert store.names_with_word("piq") == []  # whole words only: `names` is the substring search
    assert store.names_with_word("shakira") == ["Shakira"]  # the most claimed first
    assert store.names("piqué") == store.names("pique")


@every_store
def test_identity_edits_are_kept_in_order(store: Store) -> None:
    store.add_identity_edit("merge", "Jessie Ray", "Jesse Ray")
    store.add_identity_edit("unmerge", "Jessie Ray", "Jesse Ray")
    assert [e.action for e in store.identity_edits()] == ["merge", "unmerge"]


@every_database
def test_a_database_persists_and_checks_its_schema(database: str, article: Callable[..., Article]) -> None:
    with open_store(database) as db:
        db.add(_extraction(article("kept"), []))
    with open_store(database) as db:
        assert db.counts()["articles"] == 1
        db._run("UPDATE meta SET value = '99' WHERE key = 'schema_version'")  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(database)


@every_database
def test_two_writers_of_one_article_store_it_once(
    database: str, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    extraction = _extraction(article("x"), [claim("Ann Cole", "met", "Ben Hart")])
    with open_store(database) as one, open_store(database) as two:
        assert [one.add(extraction), two.add(extraction)] == [True, False]
        assert two.counts() == {"articles": 1, "claims": 1, "entities": 1}


@every_database
def test_a_foreign_database_is_refused(database: str) -> None:
    if database.startswith("sqlite:"):
        sqlite3.connect(database.removeprefix("sqlite:///")).execute("CREATE TABLE t (x)")
    else:
        import psycopg

        with psycopg.connect(database, autocommit=True) as other:
            other.execute("CREATE TABLE t (x integer)")
    with pytest.raises(StoreError, match="but not a storyline one"):
        open_store(database)


def test_a_version_1_sqlite_database_is_upgraded_in_place(
    tmp_path: Path, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    path = tmp_path / "old.db"
    with open_store(str(path)) as db:
        db.add(bundle(article("x"), [claim("Gerard Piqué", "met", "Ann Cole")]))
    old = sqlite3.connect(path)
    old.executescript(
        "DROP TABLE name_words; DROP TABLE names; UPDATE meta SET value = '1' WHERE key = 'schema_version';"
    )
    old.close()
    with open_store(str(path)) as db:
        assert db.names_with_word("pique") == ["Gerard Piqué"]
        assert db.names() == ["Ann Cole", "Gerard Piqué"]
    with open_store(str(path)) as db:
        assert db.names("cole") == ["Ann Cole"]


def test_postgresql_errors_name_the_server_but_not_the_password() -> None:
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as raised:
        open_store("postgresql://ann:hunter2@127.0.0.1:1/news?connect_timeout=5")
    assert "hunter2" not in str(raised.value) and "ann:***@127.0.0.1:1" in str(raised.value)


def test_store_url_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    assert store_url() == "sqlite:///storyline.db"
    monkeypatch.setenv("STORYLINE_DB", "sqlite:///elsewhere.db")
    assert store_url() == "sqlite:///elsewhere.db"
    assert store_url("sqlite://:memory:") == "sqlite://:memory:"
    with pytest.raises(StoreError, match="unknown database URL"):
        open_store("mysql://nope")


@every_database
def test_a_version_2_database_gets_its_children_indexed(
    database: str, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    with open_store(database) as db:
        db.add(bundle(article("x"), [claim("Ann Cole", "child_born", "Ben Hart", child="Ivy Hart")]))
        for statement in (
            "DELETE FROM name_words WHERE name = 'Ivy Hart'",
            "DELETE FROM names WHERE name = 'Ivy Hart'",
            "DROP TABLE claim_children",
            "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
        ):
            db._run(statement)  # type: ignore[attr-defined]
    with open_store(database) as db:
        assert [c.extra["child"] for c in db.claims(["Ivy Hart"])] == ["Ivy Hart"]
        assert db.names_with_word("ivy") == ["Ivy Hart"]


# ---------------------------------------------------------------------------------------------
# Many threads, many openers: no global lock, no race on a new file


@every_database
def test_many_openers_of_a_new_database_at_once_all_get_it(database: str) -> None:
    # Several processes opening a new SQLite file at once failed with "UNIQUE constraint failed:
    # meta.key"; threads opening their own stores race the same way.
    import threading

    start = threading.Barrier(8)
    opened: list[Store] = []
    failed: list[Exception] = []

    def open_one() -> None:
        start.wait()
        try:
            opened.append(open_store(database))
        except Exception as err:
            failed.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failed
    for store in opened:
        assert store.counts()["articles"] == 0
        store.close()


@pytest.mark.parametrize("store", [*STORES, "file"], indirect=True)
def test_threads_read_and_write_one_store_side_by_side(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    first = _extraction(article("first", source="a.txt"), [claim("Ann Cole", "met", "Ben Hart")])
    store.add(first)

    def write(n: int) -> bool:
        text = f"Ann Cole met Ben Hart again, {n}."
        return store.add(
            _extraction(article(text, source=f"{n}.txt"), [claim("Ann Cole", "met", "Ben Hart")])
        )

    def read(_: int) -> int:
        return len(store.claims(["Ann Cole"])) + len(store.names("ann"))

    with ThreadPoolExecutor(8) as pool:
        writes = pool.map(write, range(20))
        reads = list(pool.map(read, range(200)))
        assert all(writes)
    assert all(n >= 2 for n in reads)
    assert store.counts()["articles"] == 21

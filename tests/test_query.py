from collections.abc import Callable
from datetime import date

import pytest

from conftest import bundle
from storyline.model import Article, Claim
from storyline.query import PersonNotFound, partners, timeline
from storyline.store import Store


@pytest.fixture
def couple(store: Store, article: Callable[..., Article], claim: Callable[..., Claim]) -> Store:
    """Ann Cole and Ben Hart over three articles: dating, engaged, then a reported split."""
    for published, claims in [
        (
            "2018-03-01",
            [claim("Ann Cole", "dating", "Ben Hart", when="2017", known="2018-03-01", source="a.txt")],
        ),
        (
            "2022-03-01",
            [claim("Ben Hart", "engaged", "Ann Cole", when="2022-02", known="2022-03-01", source="b.txt")],
        ),
        (
            "2024-02-08",
            [
                claim(
                    "Ann Cole",
                    "split",
                    "Ben Hart",
                    when="..2023-12-24",
                    status="reported",
                    known="2024-02-08",
                    source="c.txt",
                ),
                claim(
                    "Ben", "dating", "Cy Hill", when="2015", ended="2017", known="2024-02-08", source="c.txt"
                ),
            ],
        ),
    ]:
        store.add(bundle(article(published, published, source=claims[0].evidence.source), claims))
    return store


def test_timeline_is_in_time_order_with_sources(couple: Store) -> None:
    entries = [e.to_json() for e in timeline(couple, "Ben Hart")]
    assert [(e["relation"], e["with"]) for e in entries] == [
        ("dating", "Cy Hill"), ("dating", "Ann Cole"), ("engaged", "Ann Cole"), ("split", "Ann Cole"),
    ]  # fmt: skip
    split = entries[-1]
    assert (split["status"], split["known_since"], split["sources"]) == ("reported", "2024-02-08", ["c.txt"])
    assert entries[1]["ended"] == "..2023-12-24"


def test_as_of_replays_what_was_known(couple: Store) -> None:
    assert [e.event.relation.value for e in timeline(couple, "Ann Cole", as_of=date(2022, 12, 31))] == [
        "dating",
        "engaged",
    ]


def test_partners_at_and_as_of(couple: Store) -> None:
    now = [p.to_json() for p in partners(couple, "Ann Cole", at=date(2024, 3, 1), as_of=date(2024, 3, 1))]
    assert now == []
    before = [p.to_json() for p in partners(couple, "Ann Cole", at=date(2024, 3, 1), as_of=date(2023, 1, 1))]
    assert [(p["name"], p["phase"], p["since"]) for p in before] == [("Ben Hart", "engaged", "2022-02")]


def test_an_unknown_person_is_a_clear_error(couple: Store) -> None:
    with pytest.raises(PersonNotFound, match="no one called 'Zed Quill'"):
        timeline(couple, "Zed Quill")


@pytest.mark.slow
def test_any_load_order_gives_the_same_answers(nlp: object) -> None:
    """The demo archive loaded in three shuffled orders: every timeline and partners answer is the same."""
    import random

    from storyline.articles import read_articles
    from storyline.cli import demo_articles
    from storyline.extract import extract_all
    from storyline.store import open_store

    articles = [a for a in read_articles([demo_articles()]) if isinstance(a, Article)]
    extractions = list(extract_all(articles, nlp))  # type: ignore[arg-type]
    answers = []
    for seed in (1, 2, 3):
        order = extractions[:]
        random.Random(seed).shuffle(order)
        with open_store("sqlite://:memory:") as db:
            for extraction in order:
                db.add(extraction)
            answers.append(
                {
                    name: (
                        [e.to_json() for e in timeline(db, name)],
                        [
                            p.to_json()
                            for p in partners(db, name, at=date(2024, 4, 1), as_of=date(2024, 3, 22))
                        ],
                    )
                    for name in ("Mira Dahl", "Oskar Lind", "Nell Park", "Tom Reyes")
                }
            )
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["Mira Dahl"][1][0]["disputed"], "the rumoured split shows as disputed"


def _store_all(store: Store, article: Callable[..., Article], claims: list[Claim]) -> Store:
    for n, c in enumerate(claims):
        source = c.evidence.source
        store.add(bundle(article(f"{n} {source}", c.known_at.isoformat(), source=source), [c]))
    return store


def test_a_denial_that_is_the_whole_article_is_listed(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    _store_all(store, article, [claim("Ann Cole", "dating", "Ben Hart", status="denied", known="2017-05-18")])
    (entry,) = [e.to_json() for e in timeline(store, "Ann Cole")]
    assert (entry["relation"], entry["with"], entry["status"]) == ("dating", "Ben Hart", "denied")
    assert partners(store, "Ann Cole", at=date(2018, 1, 1)) == []


def test_a_stale_rumour_is_shown_but_is_no_partner(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    _store_all(
        store, article, [claim("Ann Cole", "dating", "Ben Hart", status="rumoured", known="2022-05-01")]
    )
    assert [e.to_json()["stale"] for e in timeline(store, "Ann Cole", as_of=date(2022, 6, 1))] == [False]
    assert [e.to_json()["stale"] for e in timeline(store, "Ann Cole")] == [True]
    assert [p.phase.partner for p in partners(store, "Ann Cole", at=date(2022, 6, 1))] == ["Ben Hart"]
    assert partners(store, "Ann Cole", at=date(2024, 6, 1)) == []
    kept = partners(store, "Ann Cole", at=date(2024, 6, 1), stale_months=36)
    assert [p.phase.partner for p in kept] == ["Ben Hart"]


def test_a_birth_is_seen_from_each_side(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    _store_all(
        store,
        article,
        [
            claim("Ann Cole", "child_born", "Ben Hart", when="2019", known="2020-01-01", child="Ivy Hart"),
            claim("Carl Cole", "child_born", "Ann Cole", known="2021-01-01", source="father.txt"),
        ],
    )
    ann = [(e["relation"], e["with"], e["child"]) for e in (x.to_json() for x in timeline(store, "Ann Cole"))]
    assert ann == [("child_born", "Ben Hart", "Ivy Hart"), ("child_born", "Carl Cole", "Ann Cole")]
    (ivy,) = timeline(store, "Ivy Hart")
    assert ivy.is_child and (ivy.partner, ivy.event.child) == ("Ann Cole", "Ivy Hart")
    (carl,) = [e.to_json() for e in timeline(store, "Carl Cole")]
    assert (carl["with"], carl["child"]) == (None, "Ann Cole")

"""Hand edits of stored articles: the article list, forget, and re-extraction, on every store."""

from collections.abc import Callable

import pytest

from conftest import STORES, bundle
from storyline.extractor_version import extractor_version
from storyline.model import Article, Claim
from storyline.query import PersonNotFound, partners, people, timeline
from storyline.store import Store


@pytest.fixture
def two(store: Store, article: Callable[..., Article], claim: Callable[..., Claim]) -> Store:
    first = article("Ann Cole is dating Ben Hart.", "2020-01-01", source="a.txt")
    second = article("Ann Cole and Ben Hart split. Ann Cole met Cal Ng.", "2021-01-01", source="b.txt")
    store.add(bundle(first, [claim("Ann Cole", "dating", "Ben Hart", when="2019", known="2020-01-01")]))
    store.add(
        bundle(
            second,
            [
                claim("Ann Cole", "split", "Ben Hart", when="2020-12", known="2021-01-01"),
                claim("Ann Cole", "met", "Cal Ng", when="2020", known="2021-01-01"),
            ],
        )
    )
    return store


@pytest.mark.parametrize("store", STORES, indirect=True)
def test_articles_are_listed_latest_first_with_their_extractor(two: Store) -> None:
    listed = two.article_list()
    assert [(a.source, a.claims) for a in listed] == [("b.txt", 2), ("a.txt", 1)]
    assert {a.version for a in listed} == {extractor_version()}
    assert two.outdated_articles(extractor_version()) == []
    assert len(two.outdated_articles("0.0.0+older")) == 2


@pytest.mark.parametrize("store", STORES, indirect=True)
def test_forget_retracts_an_article_and_the_history_follows(two: Store) -> None:
    assert partners(two, "Ann Cole", at=two.article_list()[0].published) == []  # split, as b.txt says
    edit = two.forget("b.txt")
    assert edit is not None and (edit.action, edit.source, edit.claims_before, edit.claims_after) == (
        "forget",
        "b.txt",
        2,
        0,
    )
    assert [p.phase.partner for p in partners(two, "Ann Cole")] == ["Ben Hart"]  # no split any more
    assert [e.event.relation.value for e in timeline(two, "Ann Cole")] == ["dating"]
    assert "Cal Ng" not in people(two)  # the name index forgets whom only that article named
    with pytest.raises(PersonNotFound):
        timeline(two, "Cal Ng")
    assert two.article("b.txt") is None and two.forget("b.txt") is None
    assert [e.to_json()["action"] for e in two.article_edits()] == ["forget"]
    assert two.counts() == {"articles": 1, "claims": 1, "entities": 0}


@pytest.mark.parametrize("store", STORES, indirect=True)
def test_replace_swaps_what_was_drawn_in_one_logged_step(
    two: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    stored = two.article("a.txt")
    assert stored is not None
    better = claim("Ann Cole", "engaged", "Ben Hart", when="2019-06", known="2020-01-01")
    edit = two.replace(bundle(stored, [better]))
    assert (edit.action, edit.claims_before, edit.claims_after) == ("reextract", 1, 1)
    assert [e.event.relation.value for e in timeline(two, "Ben Hart")][:1] == ["engaged"]
    assert two.article_list()[-1].version == extractor_version()
    missing = article("Another text.", "2020-01-01", source="a.txt")
    with pytest.raises(Exception, match="not in the database"):
        two.replace(bundle(missing, []))

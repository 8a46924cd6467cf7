from collections.abc import Callable
from datetime import date

import pytest

from conftest import bundle
from storyline.ask import _grammar, ask, parse_question
from storyline.model import Article, Claim, Relation
from storyline.store import Store


@pytest.mark.parametrize(
    "example",
    [pytest.param(e, id=f"{r.name}-{n}") for r in _grammar().rules for n, e in enumerate(r.examples)],
)
def test_every_question_rule_reads_its_examples(example: str) -> None:
    question = parse_question(example)
    assert question is not None, example
    assert question.a == "Ann Cole"


def test_questions_name_the_event_and_the_date() -> None:
    q = parse_question("When did Ann Cole and Ben Hart get engaged?")
    assert q is not None and (q.intent, q.a, q.b, q.relation) == (
        "when",
        "Ann Cole",
        "Ben Hart",
        Relation.ENGAGED,
    )
    q = parse_question("Have Ann Cole and Ben Hart broken up?")
    assert q is not None and q.relation is Relation.SPLIT
    q = parse_question("Who was Ann Cole with in 2019-06?")
    assert q is not None and (q.day, q.last) == (date(2019, 6, 1), date(2019, 6, 30))
    assert parse_question("What is the capital of France?") is None


@pytest.fixture
def couple(store: Store, article: Callable[..., Article], claim: Callable[..., Claim]) -> Store:
    claims = [
        claim("Ann Cole", "dating", "Ben Hart", when="2017", known="2018-01-01"),
        claim("Ann Cole", "engaged", "Ben Hart", when="2021-02", known="2021-03-01"),
        claim("Ann Cole", "married", "Ben Hart", when="2022-09-03", known="2022-09-05"),
        claim("Ann Cole", "split", "Ben Hart", when="2024-10", known="2024-11-02"),
        claim("Ann Cole", "child_born", "Ben Hart", when="2023-05", known="2023-06-01", child="Ivy"),
        claim(
            "Ann Cole",
            "said",
            "Daily Lamp",
            known="2023-06-01",
            quote="Ben is the best father",
            about="Ben Hart",
        ),
        claim("Ann Cole", "lives_in", "Leeds", known="2023-06-01"),
    ]
    for c in claims:
        store.add(
            bundle(
                article(f"text {c.relation} {c.when}", c.known_at.isoformat(), source=f"{c.relation}.txt"),
                [c],
            )
        )
    return store


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("When did Ann Cole and Ben Hart get engaged?", "2021-02"),
        ("When did Ann Cole marry Ben Hart?", "2022-09-03"),
        ("Who was Ann Cole with in 2023?", "married with Ben Hart"),
        ("Is Ann Cole married?", "No"),
        ("Was Ann Cole married in 2023?", "Yes"),
        ("How long were Ann Cole and Ben Hart together?", "about 8 years"),
        ("What did Ann Cole say about Ben Hart?", "best father"),
        ("Who are Ann Cole's children?", "Ivy"),
        ("Did Ann Cole and Ben Hart split?", "Yes"),
        ("Where does Ann Cole live?", "Leeds"),
    ],
)
def test_answers_come_with_their_evidence(couple: Store, question: str, words: str) -> None:
    answer = ask(couple, question)
    assert answer.known, answer.answer
    assert words in answer.answer
    assert answer.facts


@pytest.mark.parametrize(
    "question",
    [
        "When did Ann Cole and Ben Hart move in together?",
        "Who is Zed Quill dating?",
        "What is the capital of France?",
        "What has Ann Cole acted in?",
    ],
)
def test_what_the_articles_do_not_say_is_unknown(couple: Store, question: str) -> None:
    answer = ask(couple, question)
    assert answer.known is False
    assert answer.to_json()["known"] is False


def test_as_of_answers_from_what_was_known(couple: Store) -> None:
    assert ask(couple, "Did Ann Cole and Ben Hart split?", as_of=date(2024, 1, 1)).known is False
    assert "married" in ask(couple, "Who was Ann Cole with in 2024-11?", as_of=date(2024, 1, 1)).answer

from collections.abc import Callable
from datetime import date

import pytest

from conftest import bundle
from storyline.ask import ask, parse_question
from storyline.ask.grammar import grammar
from storyline.ask.names import ListDirectory
from storyline.ask.reading import read
from storyline.model import Article, Claim, Relation
from storyline.store import Store

TODAY = date(2026, 1, 15)
PEOPLE = ListDirectory(["Ann Cole", "Ben Hart"], [("Ann Cole", "Ben Hart")])


@pytest.mark.parametrize(
    ("rule", "example"),
    [pytest.param(r.name, e, id=f"{r.name}-{n}") for r in grammar().rules for n, e in enumerate(r.examples)],
)
def test_every_intent_rule_reads_its_examples(rule: str, example: object) -> None:
    from storyline.ask.grammar import Example

    assert isinstance(example, Example)
    q = read(example.question, PEOPLE, TODAY)
    assert q.rule == rule, (example.question, q.skeleton)
    read_as = {
        "a": q.a,
        "b": q.b,
        "relation": "together" if q.together else (q.relation.value if q.relation else None),
        "at": q.day.isoformat() if q.day else None,
    }
    for key, value in example.expect.items():
        assert read_as[key] == value, (example.question, key, read_as)


@pytest.mark.parametrize(
    ("question", "intent", "relation"),
    [
        ("When did Ann Cole and Ben Hart tie the knot?", "when", Relation.MARRIED),
        ("When did Ann Cole and Ben Hart get hitched", "when", Relation.MARRIED),
        ("when did ben hart pop the question to ann cole", "when", Relation.ENGAGED),
        ("When did Ann Cole and Ben Hart call it quits?", "when", Relation.SPLIT),
        ("When did Ann Cole wed Ben Hart?", "when", Relation.MARRIED),
        ("When did Ann Cole and Ben Hart part ways?", "when", Relation.SPLIT),
        ("When was Ann Cole's divorce from Ben Hart finalised?", "when", Relation.DIVORCED),
        ("When did Ann Cole file for divorce from Ben Hart?", "when", Relation.SPLIT),
        ("Are Ann Cole and Ben Hart still together?", "yesno", None),
        ("Is Ben Hart Ann Cole's husband?", "yesno", Relation.MARRIED),
        ("Who is Ann Cole's fiance?", "who", Relation.ENGAGED),
        ("How many kids does Ann Cole have", "count", Relation.CHILD_BORN),
        ("What happened between Ann Cole and Ben Hart?", "story", None),
        ("What did Ann Cole say about Ben Hart?", "said", None),
        ("Did Ann Cole and Ben Hart get back together?", "yesno", Relation.RECONCILED),
        ("Do Ann Cole and Ben Hart live together?", "yesno", Relation.MOVED_IN),
    ],
)
def test_idioms_name_the_event(question: str, intent: str, relation: Relation | None) -> None:
    q = read(question, PEOPLE, TODAY)
    assert (q.intent, q.relation) == (intent, relation), q.skeleton


def test_dates_in_any_form_the_tagger_reads() -> None:
    q = read("Who was Ann Cole with in May 2019?", PEOPLE, TODAY)
    assert (q.day, q.last) == (date(2019, 5, 1), date(2019, 5, 31))
    q = read("Who was Ann Cole with between 2010 and 2015?", PEOPLE, TODAY)
    assert (q.day, q.last) == (date(2010, 1, 1), date(2015, 12, 31))
    q = read("Who was Ann Cole dating last year?", PEOPLE, TODAY)
    assert (q.day, q.last) == (date(2025, 1, 1), date(2025, 12, 31))
    q = read("Is Ann Cole still married?", PEOPLE, TODAY)
    assert q.has("current") and q.day is None


def test_a_name_that_holds_a_date_word_is_a_name() -> None:
    names = ListDirectory(["June Ada Moss", "Rory Moss", "Nell May"], [("June Ada Moss", "Rory Moss")])
    q = read("When did Rory Moss marry June Ada Moss?", names, TODAY)
    assert (q.a, q.b, q.day) == ("Rory Moss", "June Ada Moss", None)
    q = read("Who was Rory Moss married to in May 1970?", names, TODAY)
    assert (q.a, q.b, q.day) == ("Rory Moss", None, date(1970, 5, 1))
    q = read("Who was Rory Moss married to before 1970?", names, TODAY)
    assert q.day is not None and q.last == date(1969, 12, 31)


def test_names_by_part_in_lower_case_and_misspelt() -> None:
    names = ListDirectory(["Ann Cole", "Ben Hart", "Ben Ames"], [("Ann Cole", "Ben Hart")])
    assert read("when did cole and hart split", names, TODAY).people[1].name == "Ben Hart"
    # "Ben" is two people; the question's other person tells which.
    assert read("When did Ann and Ben split?", names, TODAY).b == "Ben Hart"
    misspelt = read("When did Ann Coel marry Ben Hart?", names, TODAY).people[0]
    assert (misspelt.name, misspelt.guessed) == ("Ann Cole", True)


def test_parse_question_without_a_store_takes_capitalized_names() -> None:
    q = parse_question("When did Ann Cole and Ben Hart get engaged?", today=TODAY)
    assert q is not None and (q.intent, q.a, q.b, q.relation) == (
        "when",
        "Ann Cole",
        "Ben Hart",
        Relation.ENGAGED,
    )
    assert parse_question("What is the capital of France?") is None


@pytest.fixture
def couple(store: Store, article: Callable[..., Article], claim: Callable[..., Claim]) -> Store:
    claims = [
        claim("Ann Cole", "dating", "Ben Hart", when="2017", known="2018-01-01"),
        claim("Ann Cole", "engaged", "Ben Hart", when="2021-02", known="2021-03-01"),
        claim("Ann Cole", "married", "Ben Hart", when="2022-09-03", known="2022-09-05"),
        claim("Ann Cole", "split", "Ben Hart", when="2024-10", known="2024-11-02"),
        claim("Ann Cole", "child_born", "Ben Hart", when="2023-05", known="2023-06-01", child="Ivy"),
        claim("Carl Cole", "child_born", "Ann Cole", when="1990", known="2023-06-01"),
        claim(
            "Ann Cole",
            "said",
            "Daily Lamp",
            known="2023-06-01",
            quote="Ben is the best father",
            about="Ben Hart",
        ),
        claim("Ann Cole", "lives_in", "Leeds", known="2023-06-01"),
        claim("Ann Cole", "dating", "Dan Fox", status="rumoured", known="2025-01-10"),
        claim("Eve Marsh", "dating", "Ben Hart", status="reported", when="2025-03", known="2025-04-01"),
        claim("Gus Lamb", "dating", "Hal Reed", status="denied", known="2024-05-18"),
    ]
    for c in claims:
        source = f"{c.relation}-{c.subject.split()[0].lower()}.txt"
        store.add(
            bundle(
                article(f"text {c.relation} {c.when} {c.subject}", c.known_at.isoformat(), source=source), [c]
            )
        )
    return store


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("When did Ann Cole and Ben Hart get engaged?", "2021-02"),
        ("When did Ann Cole marry Ben Hart?", "2022-09-03"),
        ("When did Ann Cole and Ben Hart tie the knot", "2022-09-03"),
        ("Who was Ann Cole with in 2023?", "Ben Hart"),
        ("Who was Ann Cole married to in May 2023?", "Ben Hart"),
        ("Is Ann Cole married?", "No"),
        ("Was Ann Cole married in 2023?", "Yes"),
        ("How long were Ann Cole and Ben Hart together?", "about 7 years"),
        ("What did Ann Cole say about Ben Hart?", "best father"),
        ("Who are Ann Cole's children?", "Ivy"),
        ("How many children do Ann Cole and Ben Hart have?", "1"),
        ("Did Ann Cole and Ben Hart split?", "Yes"),
        ("Where does Ann Cole live?", "Leeds"),
        ("Who is Ann Cole's father?", "Carl Cole"),
        ("Who is Ann Cole married to?", "No one now"),
        ("what happened between ann cole and ben hart", "2024-10"),
        ("When was Ivy born?", "2023-05"),
    ],
)
def test_answers_come_with_their_evidence(couple: Store, question: str, words: str) -> None:
    answer = ask(couple, question, as_of=date(2025, 2, 1))
    assert answer.known, answer.answer
    assert words in answer.answer
    assert answer.facts
    assert ".txt" in answer.answer  # the articles it rests on


def test_a_child_is_not_their_own_child(couple: Store) -> None:
    answer = ask(couple, "Who are Carl Cole's children?")
    assert "Ann Cole" in answer.answer
    assert "Carl Cole" not in ask(couple, "Who are Ann Cole's children?").answer.split(":")[0]


def test_yes_or_no_first_and_the_status_in_words(couple: Store) -> None:
    rumour = ask(couple, "Is Ann Cole dating Dan Fox?", as_of=date(2025, 2, 1))
    assert rumour.answer.startswith("Yes, but only by rumour")
    assert "rumoured since 2025-01, no confirmation since" in rumour.answer
    report = ask(couple, "Is Ben Hart dating Eve Marsh?", as_of=date(2025, 5, 1))
    assert report.answer.startswith("Yes, reportedly")
    denied = ask(couple, "Is Gus Lamb dating Hal Reed?")
    assert denied.answer.startswith("No") and "denied on 2024-05-18" in denied.answer
    assert ask(couple, "Did Gus Lamb deny dating Hal Reed?").answer.startswith("Yes")


def test_a_rumour_with_no_news_for_a_year_is_no_current_partner(couple: Store) -> None:
    early = ask(couple, "Who is Ann Cole dating?", as_of=date(2025, 2, 1))
    assert "Dan Fox" in early.answer and "rumour" in early.answer
    late = ask(couple, "Who is Ann Cole dating?", as_of=date(2026, 6, 1))
    assert "Dan Fox" not in late.answer.split("No one now")[0]
    assert ask(couple, "Is Ann Cole single?", as_of=date(2026, 6, 1)).answer.startswith("Yes")
    assert ask(couple, "Is Ann Cole single?", as_of=date(2025, 2, 1)).answer.startswith("No")


def test_names_are_read_loosely(couple: Store) -> None:
    assert "2021-02" in ask(couple, "when did cole and hart get engaged").answer
    misspelt = ask(couple, "When did Ann Coel and Ben Hart get engaged?")
    assert "2021-02" in misspelt.answer and "read as Ann Cole" in misspelt.answer
    unknown = ask(couple, "Who is Zed Quill dating?")
    assert not unknown.known and "Zed Quill" in unknown.answer


@pytest.mark.parametrize(
    "question",
    [
        "When did Ann Cole and Ben Hart move in together?",
        "Who is Zed Quill dating?",
        "What is the capital of France?",
        "What has Ann Cole acted in?",
        "When did Ann Cole and Ben Hart get back together?",
        "Who is Eve Marsh engaged to?",
        "Who are Ben Hart's parents?",
    ],
)
def test_what_the_articles_do_not_say_is_unknown(couple: Store, question: str) -> None:
    answer = ask(couple, question)
    assert answer.known is False
    assert answer.to_json()["known"] is False


def test_as_of_answers_from_what_was_known(couple: Store) -> None:
    assert ask(couple, "Did Ann Cole and Ben Hart split?", as_of=date(2024, 1, 1)).known is False
    assert "married" in ask(couple, "Who was Ann Cole with in 2024-11?", as_of=date(2024, 1, 1)).answer


@pytest.fixture
def story(store: Store, article: Callable[..., Article], claim: Callable[..., Claim]) -> Store:
    """Kai Moss: met Lea Dunn at a play, dated, a reported split told in 2018, a wedding to Ora Vale;
    Ora Vale's split from Pim Rask the year before."""
    claims = [
        claim("Kai Moss", "met", "Lea Dunn", when="2012", known="2013-01-05", sentence="They met in a play."),
        claim("Kai Moss", "dating", "Lea Dunn", when="2012", known="2013-01-05"),
        claim("Kai Moss", "split", "Lea Dunn", when="2018", known="2018-10-18"),
        claim("Kai Moss", "dating", "Ora Vale", when="2019-03", known="2019-04-01"),
        claim("Kai Moss", "engaged", "Ora Vale", when="2020-12", known="2021-01-02"),
        claim("Kai Moss", "married", "Ora Vale", when="2021-06", known="2021-06-20"),
        claim("Ora Vale", "split", "Pim Rask", when="2018-11", known="2018-12-01"),
        claim("Ora Vale", "child_born", "Kai Moss", when="2022", known="2022-05-01", child="Nia Moss"),
        claim("Tam Reed", "married", "Lou Reed", when="2010-05", known="2010-06-01"),
    ]
    for n, c in enumerate(claims):
        store.add(bundle(article(f"{n} story", c.known_at.isoformat(), source=f"s{n}.txt"), [c]))
    return store


@pytest.mark.parametrize(
    ("question", "as_of", "words"),
    [
        ("How did Kai Moss and Lea Dunn meet?", None, "They met in a play."),
        ("When did Kai Moss's relationship with Lea Dunn end?", None, "2018"),
        # A split told on 2018-10-18 "in 2018" is over on 2018-10-27, though 2018 is not.
        ("Is Kai Moss still with Lea Dunn?", "2018-10-27", "No"),
        ("Who did Ora Vale split from?", None, "Pim Rask"),
        ("Who is the father of Ora Vale's child?", None, "Kai Moss"),
        ("Who is Ora Vale engaged to?", None, "married to Kai Moss"),
        ("Who was Kai Moss's first girlfriend?", None, "Lea Dunn"),
        ("Who did Kai Moss date before Ora Vale?", None, "Lea Dunn"),
        ("kai moss wife", None, "Ora Vale"),
        ("What is the name of Ora Vale's eldest child?", None, "Nia Moss"),
        ("Who is Ora Vale's child born in 2022?", None, "Nia Moss"),
        ("When did the Reed wedding take place?", None, "2010-05"),
        ("Is Lea Dunn Kai Moss's ex?", None, "Yes"),
        ("Is Ora Vale Kai Moss's ex?", None, "No"),
        ("Did Kai Moss date anyone before Ora Vale?", None, "Lea Dunn"),
    ],
)
def test_the_less_common_forms(story: Store, question: str, as_of: str | None, words: str) -> None:
    answer = ask(story, question, as_of=date.fromisoformat(as_of) if as_of else None)
    assert answer.known and words in answer.answer, answer.answer


def test_a_when_clause_dates_the_question(story: Store) -> None:
    q = read(
        "Who was Kai Moss seeing when he split from Lea Dunn?",
        ListDirectory(["Kai Moss", "Lea Dunn"]),
        TODAY,
    )
    assert (q.intent, q.relation, q.clause) == ("who", Relation.DATING, Relation.SPLIT)
    assert not ask(story, "Who was Kai Moss seeing when he split from Lea Dunn?").known  # no one else


def test_a_name_said_twenty_times_is_looked_up_once(couple: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # "When did Ann Cole and Ann Cole and ... marry?" asked the store for each pair of mentions: 20
    # mentions, 400 lookups (30 of them half a minute under load). Now each name's links once.
    from storyline.ask.names import StoreDirectory

    asked: list[str] = []
    looked_up = StoreDirectory.linked

    def counting(self: StoreDirectory, name: str) -> set[str]:
        asked.append(name)
        return looked_up(self, name)

    monkeypatch.setattr(StoreDirectory, "linked", counting)
    question = "When did " + "Ann Cole and " * 20 + "Ben Hart marry?"
    answer = ask(couple, question)
    assert "2022" in answer.answer
    assert sorted(asked) == sorted(set(asked)) and len(asked) <= 2


def test_a_start_known_only_by_a_date_gives_a_least_length_and_an_end_told_that_day_is_over(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    claims = [
        claim("Rae Holm", "dating", "Sol Ives", when="..2020-05-01", known="2020-05-01"),
        claim("Ida Berg", "dating", "Jon Aas", when="..2019-01-10", known="2019-01-10"),
        claim("Ida Berg", "dating", "Tor Lie", when="2015", ended="..2020-03-02", known="2020-03-02"),
    ]
    for n, c in enumerate(claims):
        store.add(bundle(article(f"{n} text", c.known_at.isoformat(), source=f"h{n}.txt"), [c]))
    just = ask(store, "How long have Rae Holm and Sol Ives been together?", as_of=date(2020, 5, 1))
    assert not just.known and "only" in just.answer, just.answer
    least = ask(store, "How long have Ida Berg and Jon Aas been together?", as_of=date(2020, 3, 2))
    assert least.known and least.answer.startswith("at least 14 months"), least.answer
    over = ask(store, "Is Ida Berg still with Tor Lie?", as_of=date(2020, 3, 2))
    assert over.known and over.answer.startswith("No"), over.answer

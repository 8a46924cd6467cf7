"""Questions in plain English, answered from the store with their evidence, or plainly not answered.

`ask(store, "When did Ann Cole and Ben Hart get engaged?")` reads the question (`reading`: dates by
the timex tagger, people by the names the store knows, what is asked by the rules of
rules/en/questions.toml), reads the history of the people as known on `as_of`, and says what the
articles say, how sure they are and which articles say it — or that they do not say it (`known` is
False). It never guesses: a question it cannot read, a name it cannot place, or a fact the articles
do not give gets "unknown", with what the articles do say nearby.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from storyline.ask import partners, profile, relationships, yesno
from storyline.ask.answer import Answer, unknown
from storyline.ask.grammar import grammar
from storyline.ask.names import Directory, ListDirectory, Mention, StoreDirectory
from storyline.ask.reading import Question, read, tokens_of
from storyline.ask.record import Record
from storyline.errors import LimitError
from storyline.history import STALE_MONTHS
from storyline.query import Person, PersonNotFound, find_person
from storyline.store import Store

__all__ = ["MAX_QUESTION", "Answer", "Question", "ask", "parse_question"]

MAX_QUESTION = 300
"""Longer questions are refused (LimitError): the longest natural one is well under 100 characters,
and the work of reading one grows faster than its length (every run of words may be a name)."""

Handler = Callable[[Question, Record, Person | None], Answer]
_HANDLERS: dict[str, Handler] = {
    "when": relationships.when,
    "yesno": yesno.yesno,
    "who": partners.who,
    "count": partners.count,
    "how_long": partners.how_long,
    "said": profile.said,
    "story": profile.story,
    "status": profile.status,
    "parents": profile.parents,
    "lives": profile.lives,
    "acted": profile.acted,
}
_CANNOT_READ = (
    "storyline cannot read this question; it answers when something happened, whether it did, who "
    "someone is or was with, how many, how long, what someone said, and the story of a couple"
)


def _capitalized(text: str) -> list[str]:
    """Runs of capitalized words that are not question words: the names in a question when no store
    says which names there are."""
    rules = grammar()
    runs: list[list[str]] = []
    previous = -2
    for k, token in enumerate(tokens_of(text)):
        word = text[token.start : token.end]
        if not token.capital or token.word in rules.function or token.word in rules.vocabulary:
            continue
        if runs and previous == k - 1 and not runs[-1][-1].endswith("'s"):
            runs[-1].append(word)
        else:
            runs.append([word])
        previous = k
    return [" ".join(run) for run in runs]


def parse_question(
    text: str, names: Iterable[str] | None = None, today: date | None = None
) -> Question | None:
    """The question a rule reads in `text`, or None when no rule does. People are matched against
    `names` (default: the capitalized runs of words in the text)."""
    directory: Directory = ListDirectory(_capitalized(text) if names is None else names)
    question = read(text, directory, today or date.today())
    return question if question.intent is not None else None


def _problem(mention: Mention) -> str | None:
    """Why a name cannot be placed, or None when it can."""
    if mention.name is not None:
        return None
    if len(mention.options) > 1 and not mention.guessed:
        return f"Which {mention.typed} do you mean: {', '.join(mention.options[:5])}?"
    hint = f" (did you mean {' or '.join(mention.options[:3])}?)" if mention.options else ""
    return f"The articles name no one called {mention.typed!r}{hint}"


def _couple(people: tuple[Mention, ...], directory: StoreDirectory) -> tuple[Mention, ...]:
    """A surname alone that a couple share ("the Gates divorce") names the couple."""
    if len(people) != 1 or people[0].name is not None or len(people[0].options) != 2:
        return people
    if people[0].guessed:
        return people
    one, two = people[0].options
    if not any(
        c.relation.is_partnership and two in (c.subject, c.object) for c in directory.store.claims([one])
    ):
        return people
    return (replace(people[0], name=one, options=(one,)), replace(people[0], name=two, options=(two,)))


def ask(store: Store, question: str, as_of: date | None = None, stale_months: int = STALE_MONTHS) -> Answer:
    """The answer the articles (published by `as_of`) give to `question`, with its evidence.

    "Now" is `as_of` (default today); a rumour or report no article has restated for `stale_months`
    by then is not taken as current.
    """
    if len(question) > MAX_QUESTION:
        raise LimitError(
            f"the question is {len(question):,} characters long; storyline reads questions of up to"
            f" {MAX_QUESTION} (ask one thing at a time)"
        )
    today = as_of or date.today()
    directory = StoreDirectory(store)
    parsed = read(question, directory, today)
    if parsed.intent is None:
        return unknown(question, _CANNOT_READ)
    if parsed.intent == "unsupported":
        return unknown(question, "storyline keeps no facts of this kind (ages, reasons, money)")
    people = _couple(parsed.people, directory)
    for mention in people:
        problem = _problem(mention)
        if problem is not None:
            return unknown(question, problem)
    if not people:
        return unknown(question, "The question names no one the articles know")
    try:
        found = [find_person(store, m.name or m.typed, as_of, m.also) for m in people[:2]]
    except PersonNotFound as err:
        return unknown(question, f"The articles name no one called {err.name!r}")
    record = Record(found[0], today, stale_months)
    other = found[1] if len(found) > 1 else None
    answer = _HANDLERS[parsed.intent](parsed, record, other)
    guessed = [m for m in people if m.guessed and m.name]
    if guessed:
        read_as = "; ".join(f"{m.typed!r} read as {m.name}" for m in guessed)
        answer = replace(answer, answer=f"{answer.answer} ({read_as}.)")
    return answer

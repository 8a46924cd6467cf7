"""Dates at the calendar's ends (year 1, year 9999) and ages that reach past them, all the way from
a span's arithmetic through extraction to every query: a value or no value, never an exception.

The readers refuse publication dates outside 1000-8999, but the library takes any `Article`, and an
article's text may name any year it likes ("married on December 31, 9999")."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ask import ask
from storyline.errors import StorylineError
from storyline.export import export
from storyline.history.phases import stale_since
from storyline.model import (
    Article,
    Claim,
    Entity,
    Evidence,
    Extraction,
    Mod,
    Relation,
    Status,
    TimeSpan,
    value_interval,
)
from storyline.query import conflicts, partners, timeline
from storyline.store import Store, open_store

_ENDS = [date.min, date(1, 6, 30), date(1000, 1, 1), date(8999, 12, 31), date(9999, 6, 1), date.max]
_VALUES = [
    "0001", "0001-01", "0001-01-01", "0001-Q1", "0001-SP", "0001-W01", "000", "00",
    "9999", "9999-12", "9999-12-31", "9999-Q4", "9999-H2", "9999-WI", "9999-W51", "999", "99", "2020",
]  # fmt: skip


@pytest.mark.parametrize("value", ["9999-W52", "9999-W52-WE", "0000", "10000"])
def test_a_value_past_the_calendar_has_no_interval(value: str) -> None:
    assert value_interval(value) is None
    with pytest.raises(ValueError, match="not a calendar value"):
        TimeSpan.of(value)


@pytest.mark.parametrize(
    ("value", "mod"), [("0001-01-01", Mod.BEFORE), ("0001", Mod.BEFORE), ("9999", Mod.AFTER)]
)
def test_before_the_first_day_or_after_the_last_is_a_value_error(value: str, mod: Mod) -> None:
    with pytest.raises(ValueError, match="nothing on the calendar"):
        TimeSpan.of(value, mod)
    assert TimeSpan.of(value, Mod.ON_OR_BEFORE if mod is Mod.BEFORE else Mod.ON_OR_AFTER).value == value


def test_spans_at_the_ends_can_be_near() -> None:
    last, first = TimeSpan.of("9999-12-31"), TimeSpan.of("0001-01-01")
    assert last.near(TimeSpan.of("9999-11")) and not last.near(first) and not first.near(last)
    assert first.near(TimeSpan.of("0001-02"), days=60)


def test_a_rumour_of_the_last_months_stays_fresh_to_the_last_day() -> None:
    assert stale_since(date(9999, 12, 1), 18) == date.max
    assert stale_since(date(2020, 1, 31), 1) == date(2020, 2, 29)


def _stored(claims: list[tuple[Relation, TimeSpan, Status, date]]) -> Store:
    store = open_store("sqlite://:memory:")
    for k, (relation, when, status, published) in enumerate(claims):
        sentence = f"Ann Cole and Cal Ng: {relation.value}, fact {k}."
        article = Article(published=published, text=sentence, source=f"{k}.txt")
        claim = Claim(
            subject="Ann Cole",
            relation=relation,
            object="Cal Ng",
            when=when,
            status=status,
            evidence=Evidence(article.id, sentence, 0, len(sentence), article.source),
            known_at=published,
            extra={"child": "Ivy"} if relation is Relation.CHILD_BORN else {},
        )
        store.add(Extraction(article, (Entity("Ann Cole"), Entity("Cal Ng")), (), (claim,)))
    return store


def _span(value: str, mod: Mod | None) -> TimeSpan | None:
    try:
        return TimeSpan.of(value, mod)
    except ValueError:
        return None


_CLAIMS = st.lists(
    st.tuples(
        st.sampled_from(list(Relation)),
        st.builds(_span, st.sampled_from(_VALUES), st.sampled_from([None, *Mod])).filter(
            lambda span: span is not None
        ),
        st.sampled_from(list(Status)),
        st.sampled_from(_ENDS),
    ),
    min_size=1,
    max_size=5,
)
_QUESTIONS = [
    "When did Ann Cole and Cal Ng marry?",
    "Is Ann Cole still married to Cal Ng?",
    "How long were Ann Cole and Cal Ng together?",
    "How many children does Ann Cole have?",
    "Who was Ann Cole dating in December 9999?",
    "Was Ann Cole married in 0001?",
]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_CLAIMS, st.sampled_from([None, *_ENDS]), st.sampled_from([None, *_ENDS]))
def test_every_query_answers_about_facts_at_the_calendars_ends(
    claims: list[tuple[Relation, TimeSpan, Status, date]], at: date | None, as_of: date | None
) -> None:
    store = _stored(claims)
    timeline(store, "Ann Cole", as_of)
    partners(store, "Ann Cole", at=at, as_of=as_of)
    conflicts(store)
    for question in _QUESTIONS:
        with contextlib.suppress(StorylineError):  # a clean refusal is an answer too
            ask(store, question, as_of)
    export(store, "json", as_of=as_of)


@pytest.mark.slow
@pytest.mark.parametrize("published", [date.min, date(1000, 1, 1), date(8999, 12, 31), date.max])
def test_extraction_at_the_calendars_ends_never_raises(published: date) -> None:
    from storyline.extract import extract

    text = (
        "Dora Vale and her husband Eli Marsh welcomed a son, Leo. Their 999-year-old son Leo and their "
        "daughter Ivy, 999, live in Bath. Dora Vale, 40, married Eli Marsh 99999999999 years ago, before "
        "1 January 0001, and they split after December 31, 9999, this week and the week of December 30, "
        "9999. They got engaged in 0001."
    )
    extraction = extract(Article(published=published, text=text, source="ends.txt"))
    store = open_store("sqlite://:memory:")
    store.add(extraction)
    for name in ("Dora Vale", "Eli Marsh"):
        timeline(store, name, published)
        partners(store, name, at=published, as_of=published)


@pytest.mark.slow
def test_an_age_reaching_before_year_one_gives_no_birth_date() -> None:
    from storyline.pipeline.children import born_from_age

    assert born_from_age(999, date(1000, 1, 1)) is None
    born = born_from_age(9, date(2024, 3, 8))
    assert born is not None and born.earliest == date(2014, 3, 9) and born.latest == date(2015, 3, 8)

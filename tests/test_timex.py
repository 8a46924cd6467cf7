"""storyline.timex: every rule's examples, the resolver, the rules loader, and fuzzed input."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import RulesError
from storyline.model import Mod, Precision, TimeSpan, value_interval
from storyline.timex import Timex, offset, tag
from storyline.timex.anchor import Context, resolve
from storyline.timex.calendar import Point
from storyline.timex.duration import duration_value
from storyline.timex.grammar import Example, Rule, load, parse
from storyline.timex.partial import Anchor, Direction, Partial, Unit
from storyline.timex.tagger import tag_with_rules

GRAMMAR = load()
PUBLISHED = date(2024, 2, 8)  # the canonical article: "reportedly split before Christmas"

# What a TIMEX3 value may look like: a calendar value (with X for what is unknown), a reference, a
# duration or a frequency.
_CALENDAR = (
    r"(?:\d{1,4}|XXXX|\d{2}XX|\d{3}X)"
    r"(?:-(?:\d{2}|XX|W\d{2}|WXX|Q[1-4]|H[12]|SP|SU|FA|WI)(?:-(?:\d{2}|XX|\d|WE))?)?"
    r"(?:T(?:\d{2}:\d{2}|MO|MI|AF|EV|NI|DT))?"
)
_DURATION = r"P(?:(?:\d+|X)(?:Y|M|W|D|Q|DE|CE|ML))*(?:T(?:(?:\d+|X)[HMS])+)?"
VALID_VALUE = re.compile(rf"(?:{_CALENDAR}|PRESENT_REF|PAST_REF|FUTURE_REF|{_DURATION}|PXX)")


def _examples() -> list[tuple[Rule, Example]]:
    return [(rule, example) for rule in GRAMMAR.rules for example in rule.examples]


@pytest.mark.parametrize(("rule", "example"), _examples(), ids=[f"{r.name}:{e.text}" for r, e in _examples()])
def test_rule_example(rule: Rule, example: Example) -> None:
    found = [(t, r) for t, r in tag_with_rules(example.text, example.dct) if r.name == rule.name]
    if example.value is None:
        assert not found, f"{rule.name} should not fire on {example.text!r}"
        return
    expected_text = example.span or example.text
    spans = [t for t, _ in found if t.text == expected_text]
    assert spans, f"{rule.name} found {[t.text for t, _ in found]} in {example.text!r}, not {expected_text!r}"
    timex = spans[0]
    assert timex.value == example.value
    if example.type is not None:
        assert timex.type == example.type
    if example.mod is not None:
        assert timex.mod == Mod(example.mod)
    if example.signal is not None:
        assert timex.signal == example.signal


def test_every_rule_has_examples_and_a_valid_type() -> None:
    assert GRAMMAR.rules
    for rule in GRAMMAR.rules:
        assert rule.examples, rule.name
        assert rule.type in {"DATE", "TIME", "DURATION", "SET"}


# --- the article conventions others code against ----------------------------------------------


def test_before_christmas_is_the_christmas_before_with_a_before_signal() -> None:
    [timex] = tag("The couple reportedly split before Christmas.", PUBLISHED)
    assert (timex.text, timex.value, timex.signal, timex.mod) == (
        "Christmas",
        "2023-12-25",
        "before",
        Mod.BEFORE,
    )
    assert timex.span is not None
    assert timex.span.latest == date(2023, 12, 24)
    assert timex.span.earliest is None


def test_since_is_a_signal_without_a_mod() -> None:
    [timex] = tag("They have been dating since 2017.", PUBLISHED)
    assert (timex.text, timex.value, timex.signal, timex.mod) == ("2017", "2017", "since", None)


def test_two_years_after_an_event_is_a_duration() -> None:
    [timex] = tag("He proposed two years after they got engaged.", PUBLISHED)
    assert (timex.text, timex.type, timex.value, timex.signal) == ("two years", "DURATION", "P2Y", None)


def test_ago_is_counted_from_the_publication_date() -> None:
    [timex] = tag("They met seven years ago.", PUBLISHED)
    assert (timex.type, timex.value) == ("DATE", "2017")
    assert timex.span is not None
    assert timex.span.precision is Precision.YEAR


def test_ages_are_tagged_only_on_request() -> None:
    text = "a nine-year-old girl ended a two-year relationship"
    assert [(t.text, t.value) for t in tag(text)] == [("two-year", "P2Y")]  # TimeML does not tag ages
    values = [(t.text, t.value) for t in tag(text, ages=True)]
    assert values == [("nine-year-old", "P9Y"), ("two-year", "P2Y")]


def test_the_reference_time_moves_with_the_narrative() -> None:
    text = (
        "They met in a play in 2017. Earlier that year, he had ended his two-year relationship. "
        "They got engaged in May 2019 and the following month moved in together."
    )
    values = {t.text: t.value for t in tag(text, PUBLISHED)}
    assert values["Earlier that year"] == "2017"
    assert values["the following month"] == "2019-06"


def test_vague_references() -> None:
    values = {
        t.text: t.value for t in tag("Recently he said that now, unlike in the past, the future is open.")
    }
    assert values == {
        "Recently": "PAST_REF",
        "now": "PRESENT_REF",
        "the past": "PAST_REF",
        "the future": "FUTURE_REF",
    }


def test_sets() -> None:
    values = [(t.text, t.type, t.value) for t in tag("They meet every week and travel annually.")]
    assert values == [("every week", "SET", "P1W"), ("annually", "SET", "P1Y")]


def test_weekday_tense_decides_past_or_future() -> None:
    thursday = date(1998, 3, 5)
    [said] = tag("The minister said Monday that talks had failed.", thursday)
    [will] = tag("The minister will meet them Monday.", thursday)
    assert (said.value, will.value) == ("1998-03-02", "1998-03-09")


def test_without_a_publication_date_relative_values_stay_unresolved() -> None:
    values = [t.value for t in tag("He left yesterday, before Christmas, in March 2020.")]
    assert values == ["XXXX-XX-XX", "XXXX-12-25", "2020-03"]


def test_timex_json_is_the_cli_record() -> None:
    [timex] = tag("We talked for a month.", PUBLISHED)
    assert timex.to_json() == {
        "start": 14,
        "end": 21,
        "text": "a month",
        "type": "DURATION",
        "value": "P1M",
        "mod": None,
        "signal": "for",
    }


def test_output_is_ordered_and_does_not_overlap() -> None:
    text = "On Friday, Oct. 13, 1989, the index fell; a year earlier, in the third quarter, it rose."
    found = tag(text, date(1989, 10, 16))
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[t.start : t.end] == t.text for t in found)


# --- the resolver: pure and language-independent -------------------------------------------------


def _context(dct: date, ref: Point | None = None) -> Context:
    return Context(dct, ref or Point(dct, Unit.DAY))


def test_resolve_shifts_from_the_publication_date() -> None:
    last_year = Partial("DATE", anchor=Anchor.DCT, unit=Unit.YEAR, shift=-1)
    resolved = resolve(last_year, _context(PUBLISHED))
    assert resolved is not None
    assert resolved.value == "2023"


def test_resolve_picks_the_occurrence_the_tense_points_to() -> None:
    march = Partial("DATE", anchor=Anchor.DCT, month=3, direction=Direction.TENSE, fallback=Direction.THIS)
    context = _context(date(2024, 2, 8))
    assert [resolve(march, context, tense) for tense in (Direction.PAST, Direction.FUTURE, None)] == [
        resolve(march, context, Direction.PAST),
        resolve(march, context, Direction.FUTURE),
        resolve(march, context, None),
    ]
    values = [
        getattr(resolve(march, context, tense), "value", None) for tense in (Direction.PAST, Direction.FUTURE)
    ]
    assert values == ["2023-03", "2024-03"]


def test_resolve_likely_lets_distance_overrule_a_weak_tense() -> None:
    nov_20 = Partial("DATE", anchor=Anchor.DCT, month=11, day=20, direction=Direction.LIKELY)
    resolved = resolve(nov_20, _context(date(1989, 11, 2)), Direction.PAST)
    assert resolved is not None
    assert resolved.value == "1989-11-20"  # "extended the offer to Nov. 20", not a year back


def test_resolve_keeps_the_reference_granularity_when_asked() -> None:
    year_earlier = Partial("DATE", anchor=Anchor.REF, unit=Unit.YEAR, shift=-1, keep_ref_granularity=True)
    quarter = Point(date(1989, 7, 1), Unit.QUARTER)
    resolved = resolve(year_earlier, _context(date(1989, 11, 2), quarter))
    assert resolved is not None
    assert resolved.value == "1988-Q3"


def test_a_coarser_value_starts_where_its_period_starts() -> None:
    quarter_of_a_day = Partial(
        "DATE", anchor=Anchor.DCT, month=9, day=30, direction=Direction.LIKELY, granularity=Unit.QUARTER
    )
    resolved = resolve(quarter_of_a_day, _context(date(1989, 10, 26)))
    assert resolved is not None and resolved.point is not None
    assert (resolved.value, resolved.point.day) == ("1989-Q3", date(1989, 7, 1))


def test_a_quarter_worked_out_from_a_day_does_not_replace_the_named_one() -> None:
    text = (
        "Profit rose in the fiscal first quarter. For the quarter ended Sept. 30, sales rose 5%. "
        "During the quarter, the company sold a plant."
    )
    values = [(t.text, t.value) for t in tag(text, date(1989, 10, 26))]
    assert values == [
        ("the fiscal first quarter", "1989-Q1"),
        ("the quarter", "1989-Q3"),
        ("Sept. 30", "1989-09-30"),
        ("the quarter", "1989-Q1"),
    ]


def test_titles_and_generic_uses_are_not_dates() -> None:
    text = "She told USA Today and ABC's \"This Week\" that today's youth are not worried."
    assert tag(text, PUBLISHED) == []


def test_resolve_rejects_days_not_on_the_calendar() -> None:
    assert resolve(Partial("DATE", year=2021, month=2, day=31), Context()) is None
    assert resolve(Partial("DATE", year=2021, month=13), Context()) is None


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [
        (2, Unit.YEAR, "P2Y"),
        (2.5, Unit.YEAR, "P2Y6M"),
        (4, Unit.HOUR, "PT4H"),
        (1.5, Unit.MINUTE, "PT1M30S"),
        (None, Unit.YEAR, "PXY"),
        (2, Unit.DECADE, "P20Y"),
        (1, Unit.WEEKEND, "P2D"),
    ],
)
def test_duration_values(amount: float | None, unit: Unit, value: str) -> None:
    assert duration_value(amount, unit) == value


@pytest.mark.parametrize(
    ("anchor", "duration", "direction", "expected"),
    [
        (date(2017, 11, 27), "P18M", -1, "2016-05"),
        (date(2022, 6, 4), "P12Y", -1, "2010"),
        (date(2024, 2, 8), "P3W", 1, "2024-02-29"),
        (date(2024, 2, 8), "P10D", -1, "2024-01-29"),
        (TimeSpan.of("2017"), "P2Y", -1, "2015"),
        (TimeSpan.of("2022-02"), "P10D", 1, "2022-02"),
    ],
)
def test_offset(anchor: TimeSpan | date, duration: str, direction: int, expected: str) -> None:
    moved = offset(anchor, duration, direction)
    assert moved is not None
    assert moved.value == expected


def test_offset_refuses_what_it_cannot_read() -> None:
    assert offset(PUBLISHED, "PXY", -1) is None
    assert offset(PUBLISHED, "P2Y", 0) is None
    assert offset(PUBLISHED, "P99999999Y", 1) is None


# --- the rules file -----------------------------------------------------------------------------

_MINIMAL = """
version = 1
[signals]
before = "BEFORE"
[tense]
past = ['said']
future = ['will']
[fragment.month]
values = { march = 3 }
"""


def _body(**fields: str) -> str:
    spec = {
        "name": '"m"',
        "type": '"DATE"',
        "match": "'x'",
        "value": '{ year = "1" }',
        "examples": '[["x", "0001"]]',
    } | fields
    return "\n".join(f"{key} = {value}" for key, value in spec.items() if value)


def _rule(body: str) -> str:
    return _MINIMAL + "\n[[rule]]\n" + body


def test_parse_accepts_a_minimal_file() -> None:
    body = _body(match="'{month}'", value='{ month = "{month}" }', examples='[["March", "XXXX-03"]]')
    grammar = parse(_rule(body), "test.toml")
    assert [r.name for r in grammar.rules] == ["m"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (_body(examples=""), "examples"),
        (_body(type='"DAY"'), "type"),
        (_body(match="'{moon}'"), "fragment"),
        (_body(match="'(x'"), "regex"),
        (_body(value='{ yaer = "1" }'), "value fields"),
        (_body(value='{ year = "{y}" }'), "group"),
        (_body(mod='"SOON"'), "mod"),
    ],
)
def test_parse_names_the_rule_and_the_reason(body: str, reason: str) -> None:
    with pytest.raises(RulesError) as error:
        parse(_rule(body), "test.toml")
    assert error.value.file == "test.toml"
    assert error.value.rule == "m"
    assert reason in error.value.reason


def test_parse_rejects_bad_toml_and_duplicates() -> None:
    with pytest.raises(RulesError, match="not valid TOML"):
        parse("version = ", "bad.toml")
    twice = _body() + "\n"
    with pytest.raises(RulesError, match="duplicate"):
        parse(_rule(twice) + "\n[[rule]]\n" + twice, "dup.toml")


# --- fuzzing: any text is either tagged with a valid value or left alone --------------------------


def _check(text: str, dct: date | None) -> None:
    found = tag(text, dct)
    previous_end = 0
    for timex in found:
        assert isinstance(timex, Timex)
        assert previous_end <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert VALID_VALUE.fullmatch(timex.value), timex.value
        if timex.span is not None:
            assert value_interval(timex.value) is not None
        previous_end = timex.end


_WORDS = st.sampled_from(
    [
        "March",
        "May",
        "31",
        "February",
        "29",
        "30,",
        "2021",
        "1999",
        "Friday",
        "last",
        "next",
        "year",
        "years",
        "ago",
        "week",
        "the",
        "of",
        "early",
        "mid-",
        "Christmas",
        "Q3",
        "third",
        "quarter",
        "a",
        "two",
        "9999",
        "0000",
        "00",
        "'99",
        "1990s",
        "p.m.",
        "10",
        "noon",
        "since",
        "before",
        "today",
        "-",
        "/",
        ":",
        " ",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_random_unicode_never_raises(text: str, dct: date | None) -> None:
    _check(text, dct)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join), st.one_of(st.none(), st.dates()))
def test_random_date_words_get_valid_values(text: str, dct: date | None) -> None:
    _check(text, dct)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 5000,
        "9" * 400 + " years ago",
        "February 31, 2021 and 2021-02-31 and 31 February 2021",
        "9999 years ago, 99999 days later, in the year 9999 and 0000",
        "December 31, 9999, the next day",
        "the 10000th century",
    ],
)
def test_edge_cases_never_raise(text: str) -> None:
    for dct in (None, date(1, 1, 1), date(9999, 12, 31), PUBLISHED):
        _check(text, dct)


def test_thirty_first_of_february_is_left_out() -> None:
    assert tag("It happened on February 31, 2021.", PUBLISHED) == []


# --- hostile input: the calendar's ends, absurd numbers, long repetitions --------------------------

_RELATIVE = st.sampled_from(
    [
        "this year",
        "this winter",
        "next year",
        "last year",
        "10 years ago",
        "in 10 years",
        "a year later",
        "the following spring",
        "99999999999 years ago",
        "1e400 years ago",
        "next Christmas",
        "last Easter",
        "the next decade",
        "the 40-year-old singer",
        "nine-year-old",
        "tomorrow",
        "yesterday",
        "this week",
        "next weekend",
        "the fourth quarter",
        "the year-ago quarter",
        "December 31",
        "January 1",
        "2020-2020-2020",
    ]
)
_CALENDAR_ENDS = st.one_of(
    st.dates(max_value=date(1, 12, 31)), st.dates(min_value=date(9998, 1, 1)), st.just(date.max)
)


@pytest.mark.parametrize("dct", [date(1, 1, 1), date(9999, 12, 31)])
@pytest.mark.parametrize(
    "text",
    [
        "They married this year.",
        "They split this winter and will divorce next year.",
        "Ann, 40, married Ben 10 years ago; their nine-year-old son was born in 10 years.",
        "They met 99999999999 years ago.",
        "the next millennium, the last century, next Easter, last Christmas",
    ],
)
def test_the_calendars_ends_give_no_value_rather_than_an_error(text: str, dct: date) -> None:
    for ages in (False, True):
        for timex in tag(text, dct, ages=ages):
            assert VALID_VALUE.fullmatch(timex.value), timex.value


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_RELATIVE, _WORDS), max_size=12).map(" and ".join), _CALENDAR_ENDS)
def test_relative_dates_near_the_calendars_ends_never_raise(text: str, dct: date) -> None:
    _check(text, dct)
    tag(text, dct, ages=True)


def test_a_long_run_of_one_expression_is_tagged_whole() -> None:
    # "2020-2020-..." was quadratic (a minute at 128 KB); benchmarks/fuzz.py measures it, this checks
    # that the quicker overlap test still keeps every expression and no overlap.
    text = "2020-" * 2000
    found = tag(text, PUBLISHED)
    assert len(found) == 2000 and {t.value for t in found} == {"2020"}
    _check(text, PUBLISHED)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=40))
def test_overlap_settling_keeps_the_spans_a_linear_scan_would(spans: list[tuple[int, int]]) -> None:
    from storyline.timex.recognize import _Spans

    fast, kept = _Spans(), []
    for start, length in spans:
        end = start + length
        free = all(end <= s or e <= start for s, e in kept)
        assert fast.free(start, end) == free
        if free:
            fast.add(start, end)
            kept.append((start, end))


def test_a_letter_that_lowercases_to_two_keeps_the_offsets() -> None:
    # "İ" lowercases to "i̇" (two characters): the trigger words are still found, at the right place.
    text = "İstanbul, İzmir: they married on March 3, 2020, in İzmir."
    (found,) = tag(text, PUBLISHED)
    assert (found.text, found.value) == ("March 3, 2020", "2020-03-03")
    assert text[found.start : found.end] == found.text

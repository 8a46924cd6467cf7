from datetime import date

import pytest

from storyline.model import Article, Mod, Precision, TimeSpan, value_interval


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        ("2017", date(2017, 1, 1), date(2017, 12, 31), Precision.YEAR),
        ("2022-02", date(2022, 2, 1), date(2022, 2, 28), Precision.MONTH),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2023-12-25", date(2023, 12, 25), date(2023, 12, 25), Precision.DAY),
        ("2013-W11", date(2013, 3, 11), date(2013, 3, 17), Precision.WEEK),
        ("2020-Q3", date(2020, 7, 1), date(2020, 9, 30), Precision.QUARTER),
        ("2021-SU", date(2021, 6, 1), date(2021, 8, 31), Precision.SEASON),
        ("2021-WI", date(2021, 12, 1), date(2022, 2, 28), Precision.SEASON),
        ("199", date(1990, 1, 1), date(1999, 12, 31), Precision.DECADE),
    ],
)
def test_a_value_stands_for_an_interval_not_a_day(
    value: str, first: date, last: date, precision: Precision
) -> None:
    assert value_interval(value) == (first, last, precision)


@pytest.mark.parametrize("value", ["2021-02-30", "2021-13", "PRESENT_REF", "P2Y", "2013-W54", "", "0000"])
def test_values_that_are_not_calendar_days_have_no_interval(value: str) -> None:
    assert value_interval(value) is None


def test_before_christmas_is_open_before_christmas_eve() -> None:
    span = TimeSpan.of("2023-12-25", Mod.BEFORE)
    assert (span.earliest, span.latest) == (None, date(2023, 12, 24))
    assert span.label() == "..2023-12-24"


@pytest.mark.parametrize(
    "text", ["2017", "2022-02", "2023-12-25", "..2020", "2012..2013", "2012..", "2015..2017-03"]
)
def test_claim_time_labels_round_trip(text: str) -> None:
    assert TimeSpan.parse(text).label() == text


def test_an_interval_takes_the_precision_of_its_coarsest_side() -> None:
    assert TimeSpan.parse("2015..2017-03").precision is Precision.YEAR
    assert TimeSpan.parse("..2023-12-24").precision is Precision.DAY


def test_mods_narrow_a_span() -> None:
    early = TimeSpan.of("2020", Mod.START)
    assert early.earliest == date(2020, 1, 1)
    assert early.latest is not None and early.latest < date(2020, 6, 1)
    assert TimeSpan.of("2020-03", Mod.END).label().startswith("2020-03")


def test_overlap_treats_open_sides_as_forever() -> None:
    assert TimeSpan.parse("..2020").overlaps(TimeSpan.of("1990"))
    assert not TimeSpan.parse("..2020").overlaps(TimeSpan.of("2021"))
    assert TimeSpan.parse("2012..").overlaps(TimeSpan.of("2030-05"))


def test_open_spans_sort_by_the_side_they_have() -> None:
    spans = [TimeSpan.of("2021"), TimeSpan.parse("..2020-06-01"), TimeSpan.of("2019")]
    assert [s.label() for s in sorted(spans, key=TimeSpan.sort_key)] == ["2019", "..2020-06-01", "2021"]


def test_article_id_is_a_hash_of_date_and_text() -> None:
    one = Article(published=date(2024, 1, 1), text="Ann Cole married Ben Hart.")
    same = Article(published=date(2024, 1, 1), text="Ann Cole married Ben Hart.\n", source="other.txt")
    later = Article(published=date(2024, 1, 2), text="Ann Cole married Ben Hart.")
    assert one.id == same.id != later.id
    assert len(one.id) == 16


def test_claim_json_is_the_gold_format(claim) -> None:  # type: ignore[no-untyped-def]
    data = claim("Ann Cole", "engaged", "Ben Hart", when="2022-02", ended="2023-12", source="a.txt").to_json()
    fields = ["file", "a", "b", "relation", "when", "ended", "status", "evidence", "published", "span"]
    fields.append("confidence")
    assert list(data)[:11] == fields
    assert (data["file"], data["when"], data["ended"], data["status"]) == (
        "a.txt",
        "2022-02",
        "2023-12",
        "confirmed",
    )

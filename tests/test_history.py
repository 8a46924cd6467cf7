from collections.abc import Callable
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.history import events, open_phases, phases, stale, visible
from storyline.model import Claim, Relation, Status

Make = Callable[..., Claim]


def test_claims_of_one_fact_from_several_articles_are_one_event(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "engaged", "Ben Hart", when="2022", known="2022-03-01", source="a.txt"),
            claim("Ben Hart", "engaged", "Ann Cole", when="2022-02", known="2023-01-01", source="b.txt"),
        ]
    )
    (event,) = found
    assert event.when is not None and event.when.label() == "2022-02"  # the most precise date wins
    assert event.sources == ("a.txt", "b.txt")


def test_a_confirmation_supersedes_a_rumour(claim: Make) -> None:
    (event,) = events(
        [
            claim(
                "Ann Cole", "split", "Ben Hart", status="rumoured", known="2024-01-01", source="gossip.txt"
            ),
            claim(
                "Ann Cole", "split", "Ben Hart", when="2023-12", known="2024-02-01", source="statement.txt"
            ),
        ]
    )
    assert event.status is Status.CONFIRMED
    assert event.sources == ("gossip.txt", "statement.txt")


def test_a_denial_and_a_report_are_a_conflict_kept_with_both_sources(claim: Make) -> None:
    (event,) = events(
        [
            claim(
                "Ann Cole", "split", "Ben Hart", status="reported", known="2024-01-01", source="tabloid.txt"
            ),
            claim("Ann Cole", "split", "Ben Hart", status="denied", known="2024-01-03", source="rep.txt"),
        ]
    )
    assert event.status is Status.REPORTED
    assert [c.evidence.source for c in event.disputed] == ["rep.txt"]
    assert event.sources == ("tabloid.txt", "rep.txt")


def test_phases_follow_the_events_and_a_certain_split_ends_them(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "dating", "Ben Hart", when="2017"),
            claim("Ann Cole", "engaged", "Ben Hart", when="2022-02"),
            claim(
                "Ann Cole", "split", "Ben Hart", when="..2023-12-24", status="reported", known="2024-02-08"
            ),
        ]
    )
    by_phase = {p.phase: p for p in phases(found, "Ann Cole")}
    assert by_phase[Relation.DATING].until is not None
    assert by_phase[Relation.ENGAGED].until == by_phase[Relation.DATING].until
    assert [p.phase for p in open_phases(found, "Ann Cole", date(2023, 6, 1))] == [Relation.ENGAGED]
    assert open_phases(found, "Ann Cole", date(2024, 1, 10)) == []


def test_a_rumoured_split_does_not_end_a_phase_but_is_shown_as_disputed(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "married", "Ben Hart", when="2020-06"),
            claim("Ann Cole", "split", "Ben Hart", when="2024-01", status="rumoured", known="2024-02-01"),
        ]
    )
    (phase,) = open_phases(found, "Ben Hart", date(2024, 6, 1))
    assert phase.phase is Relation.MARRIED and phase.partner == "Ann Cole"
    assert [e.status for e in phase.disputed] == [Status.RUMOURED]


def test_a_wedding_ends_the_engagement_and_a_reconciliation_reopens(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "engaged", "Ben Hart", when="2012"),
            claim("Ann Cole", "split", "Ben Hart", when="2013"),
            claim("Ann Cole", "reconciled", "Ben Hart", when="2015"),
            claim("Ann Cole", "married", "Ben Hart", when="2018-12-23"),
        ]
    )
    assert open_phases(found, "Ann Cole", date(2014, 6, 1)) == []
    assert [p.phase for p in open_phases(found, "Ann Cole", date(2016, 6, 1))] == [Relation.DATING]
    assert [p.phase for p in open_phases(found, "Ann Cole", date(2019, 1, 1))] == [Relation.MARRIED]


def test_an_ex_is_over_by_the_article_that_calls_them_so(claim: Make) -> None:
    found = events([claim("Ann Cole", "married", "Ben Hart", known="2020-05-01", former="true")])
    assert open_phases(found, "Ann Cole", date(2021, 1, 1)) == []


def test_an_undated_state_is_only_known_from_its_article_on(claim: Make) -> None:
    found = events([claim("Ann Cole", "married", "Ben Hart", known="2020-05-01")])
    assert open_phases(found, "Ann Cole", date(2019, 1, 1)) == []
    assert len(open_phases(found, "Ann Cole", date(2021, 1, 1))) == 1


def test_as_of_sees_only_what_was_published_by_then(claim: Make) -> None:
    claims = [
        claim("Ann Cole", "dating", "Ben Hart", known="2020-01-01"),
        claim("Ann Cole", "split", "Ben Hart", known="2022-01-01"),
    ]
    assert [c.relation for c in visible(claims, date(2021, 1, 1))] == [Relation.DATING]


_CLAIM_SPECS = [
    ("Ann Cole", "met", "Ben Hart", "2016", None, "confirmed", "2018-01-01"),
    ("Ann Cole", "dating", "Ben Hart", "2017", None, "confirmed", "2018-01-01"),
    ("Ben Hart", "dating", "Ann Cole", None, None, "confirmed", "2019-05-01"),
    ("Ann Cole", "engaged", "Ben Hart", "2020-02", None, "confirmed", "2020-03-01"),
    ("Ann Cole", "split", "Ben Hart", None, None, "rumoured", "2021-01-01"),
    ("Ann Cole", "split", "Ben Hart", None, None, "denied", "2021-01-05"),
    ("Ann Cole", "married", "Ben Hart", "2021-06-12", None, "confirmed", "2021-06-14"),
    ("Ann Cole", "dating", "Cy Hill", "2014", "2016", "confirmed", "2017-01-01"),
    ("Cy Hill", "split", "Ann Cole", "2016", None, "reported", "2016-05-01"),
    ("Ann Cole", "child_born", "Ben Hart", "2022-08", None, "confirmed", "2022-09-01"),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(_CLAIM_SPECS))), as_of=st.dates(date(2015, 1, 1), date(2023, 1, 1)))
def test_any_arrival_order_gives_the_same_history(claim: Make, order: list[int], as_of: date) -> None:
    def build(indexes: list[int]) -> list[Claim]:
        result = []
        for i in indexes:
            a, rel, b, when, ended, status, known = _CLAIM_SPECS[i]
            result.append(
                claim(a, rel, b, when=when, ended=ended, status=status, known=known, source=f"{i}.txt")
            )
        return result

    baseline = events(visible(build(list(range(len(_CLAIM_SPECS)))), as_of))
    shuffled = events(visible(build(order), as_of))
    assert shuffled == baseline
    day = date(2021, 12, 1)
    assert open_phases(shuffled, "Ann Cole", day) == open_phases(baseline, "Ann Cole", day)


def test_conflicts_keep_both_sides(claim: Make) -> None:
    from storyline.history import conflicts

    found = events(
        [
            claim(
                "Ann Cole", "split", "Ben Hart", status="reported", known="2024-01-01", source="tabloid.txt"
            ),
            claim("Ann Cole", "split", "Ben Hart", status="denied", known="2024-01-03", source="rep.txt"),
            claim("Ann Cole", "met", "Ben Hart", when="2015", known="2020-01-01", source="one.txt"),
            claim("Ann Cole", "met", "Ben Hart", when="2017", known="2021-01-01", source="two.txt"),
        ]
    )
    kinds = {c.kind: c for c in conflicts(found)}
    assert [s[0] for s in kinds["denied"].sides] == ["reported", "denied"]
    assert [s[0] for s in kinds["dates"].sides] == ["2015", "2017"]


def test_an_undated_split_never_merges_into_a_later_dated_one(claim: Make) -> None:
    """An article of 2018 says the couple once split; a 2019 article dates their (second) split: two
    splits, and the 2019 one is known from the 2019 article, not before it happened."""
    found = events(
        [
            claim("Ann Cole", "split", "Ben Hart", known="2018-12-26", source="old.txt"),
            claim("Ann Cole", "split", "Ben Hart", when="2019-08", known="2019-08-13", source="news.txt"),
            claim("Ben Hart", "split", "Ann Cole", known="2020-01-28", source="later.txt"),
        ]
    )
    undated, dated = sorted(found, key=lambda e: e.when is not None)
    assert (undated.when, undated.known_since, undated.sources) == (None, date(2018, 12, 26), ("old.txt",))
    # An undated mention after the dated split had happened is that split.
    assert dated.known_since == date(2019, 8, 13) and dated.sources == ("news.txt", "later.txt")


def test_each_quote_is_known_from_the_day_it_was_said(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "said", None, known="2024-02-08", quote="We are fine."),
            claim("Ann Cole", "said", None, known="2025-09-25", quote="It was abrupt."),
            claim("Ann Cole", "said", None, known="2025-10-01", quote="We are fine.", source="again.txt"),
        ]
    )
    assert sorted((e.claims[0].extra["quote"], e.known_since.isoformat()) for e in found) == [
        ("It was abrupt.", "2025-09-25"),
        ("We are fine.", "2024-02-08"),
    ]


def test_a_rumour_no_article_restates_for_a_year_is_stale(claim: Make) -> None:
    rumour = [claim("Ann Cole", "dating", "Ben Hart", status="rumoured", known="2022-05-01")]
    found = events(rumour)
    assert len(open_phases(found, "Ann Cole", date(2023, 4, 1))) == 1
    assert open_phases(found, "Ann Cole", date(2023, 6, 1)) == []
    assert len(open_phases(found, "Ann Cole", date(2023, 6, 1), stale_months=None)) == 1
    assert len(open_phases(found, "Ann Cole", date(2023, 6, 1), stale_months=24)) == 1
    assert stale(found[0], found, date(2023, 6, 1)) and not stale(found[0], found, date(2023, 4, 1))
    # A later article about the pair restates it; a confirmed relationship never goes stale.
    again = events([*rumour, claim("Ben Hart", "engaged", "Ann Cole", status="rumoured", known="2023-05-01")])
    assert len(open_phases(again, "Ann Cole", date(2024, 1, 1))) == 1
    sure = events([claim("Ann Cole", "dating", "Ben Hart", known="2022-05-01")])
    assert len(open_phases(sure, "Ann Cole", date(2030, 1, 1))) == 1


def test_a_reconciliation_between_two_splits_makes_them_two(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "married", "Ben Hart", when="2011"),
            claim("Ann Cole", "split", "Ben Hart", when="2023-05", known="2023-05-08"),
            claim("Ann Cole", "reconciled", "Ben Hart", when="2023-07-07", known="2023-07-11"),
            claim("Ann Cole", "split", "Ben Hart", when="2023-08", known="2023-12-19"),
        ]
    )
    splits = [e for e in found if e.relation is Relation.SPLIT]
    assert [e.when.label() for e in splits if e.when] == ["2023-05", "2023-08"]
    assert [p.phase for p in open_phases(found, "Ann Cole", date(2023, 7, 20))] == [Relation.DATING]
    assert open_phases(found, "Ann Cole", date(2023, 12, 31)) == []


def test_an_undated_split_ends_an_undated_engagement_by_its_article(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "engaged", "Ben Hart", known="2018-10-17"),
            claim("Ann Cole", "split", "Ben Hart", known="2018-10-17"),
        ]
    )
    (phase,) = phases(found, "Ann Cole")
    assert phase.until is not None and phase.until.label() == "..2018-10-17"
    assert open_phases(found, "Ann Cole", date(2019, 1, 1)) == []


def test_a_report_narrows_the_date_of_a_confirmed_event(claim: Make) -> None:
    (event,) = events(
        [
            claim(
                "Ann Cole", "split", "Ben Hart", when="..2020-06-11", status="reported", known="2020-06-11"
            ),
            claim("Ann Cole", "split", "Ben Hart", when="..2022-03-10", known="2022-03-10"),
        ]
    )
    assert event.status is Status.CONFIRMED
    assert event.when is not None and event.when.label() == "..2020-06-11"


def test_a_relationship_is_over_by_the_day_an_article_told_of_its_end(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "dating", "Ben Hart", when="2015"),
            claim("Ann Cole", "split", "Ben Hart", when="2018", known="2018-10-18"),
        ]
    )
    assert len(open_phases(found, "Ann Cole", date(2018, 6, 1))) == 1
    assert open_phases(found, "Ann Cole", date(2018, 10, 27)) == []


def test_a_reunion_known_only_by_a_date_outlives_the_split_it_undid(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "dating", "Ben Hart", when="2009"),
            claim("Ann Cole", "split", "Ben Hart", when="2012-07..", known="2012-07-26"),
            claim(
                "Ann Cole",
                "reconciled",
                "Ben Hart",
                when="..2012-10-09",
                status="reported",
                known="2012-10-09",
            ),
        ]
    )
    (phase,) = open_phases(found, "Ann Cole", date(2012, 10, 9))
    assert (phase.phase, phase.status) == (Relation.DATING, Status.REPORTED)


def test_a_bound_another_article_gives_narrows_a_date(claim: Make) -> None:
    (event,) = events(
        [
            claim("Ann Cole", "split", "Ben Hart", when="2016", known="2025-05-28"),
            claim(
                "Ann Cole", "split", "Ben Hart", when="..2016-09-20", known="2016-09-20", when_from="context"
            ),
        ]
    )
    assert event.when is not None and (event.when.earliest, event.when.latest) == (
        date(2016, 1, 1),
        date(2016, 9, 20),
    )


def test_a_child_named_beside_one_parent_or_two_is_one_birth(claim: Make) -> None:
    found = events(
        [
            claim("Ann Cole", "child_born", "Ben Hart", when="2012-06..2013-06", child="Ivo", source="a.txt"),
            claim(
                "Ben Hart", "child_born", "Ivo", when="2012-11..2013-11", known="2024-06-01", source="b.txt"
            ),
            claim("Cy Hill", "child_born", "Ivo", when="1990", source="c.txt"),  # another Ivo
        ]
    )
    births = sorted(found, key=lambda e: e.sources)
    assert [(e.a, e.b, e.child, e.sources) for e in births] == [
        ("Ann Cole", "Ben Hart", "Ivo", ("a.txt", "b.txt")),
        ("Cy Hill", "Ivo", "Ivo", ("c.txt",)),
    ]

"""The article-level merge of readings into claims (pure: no model needed), and extraction itself (slow)."""

from dataclasses import replace
from datetime import date

import pytest

from storyline.facts import Reading, merge
from storyline.model import Article, Extraction, Mod, Relation, Status, TimeSpan

ARTICLE = Article(published=date(2024, 2, 8), text="(text)", source="t.txt")


def _extract(nlp: object, text: str, published: date = date(2021, 7, 1)) -> Extraction:
    from storyline.extract import extract

    return extract(Article(published=published, text=text, source="t.txt"), nlp)  # type: ignore[arg-type]


def _reading(
    relation: str, a: str = "Ann Cole", b: str | None = "Ben Hart", start: int = 0, **kw: object
) -> Reading:
    return Reading(Relation(relation), a, b, f"sentence at {start}", start, start + 10, trigger=start, **kw)  # type: ignore[arg-type]


def test_readings_of_one_fact_become_one_claim_with_the_most_precise_date() -> None:
    (claim,) = merge(
        [
            _reading("engaged", start=0),
            _reading("engaged", start=50, when=TimeSpan.of("2022-02")),
            _reading("engaged", a="Ben Hart", b="Ann Cole", start=90, when=TimeSpan.of("2022")),
        ],
        ARTICLE,
    )
    assert claim.when == TimeSpan.of("2022-02")
    assert claim.evidence.start == 50


def test_a_hedge_is_not_undone_by_a_plain_mention_but_a_confirmation_wins() -> None:
    hedged = [
        _reading("dating", start=0),
        _reading("dating", start=40, status=Status.RUMOURED, explicit=True),
    ]
    assert merge(hedged, ARTICLE)[0].status is Status.RUMOURED
    confirmed = [*hedged, _reading("dating", start=80, status=Status.CONFIRMED, explicit=True)]
    assert merge(confirmed, ARTICLE)[0].status is Status.CONFIRMED


def test_a_second_engagement_years_later_is_another_fact() -> None:
    claims = merge(
        [
            _reading("engaged", start=0, when=TimeSpan.of("2012")),
            _reading("engaged", start=60, when=TimeSpan.of("2016")),
        ],
        ARTICLE,
    )
    assert [c.when.label() for c in claims if c.when] == ["2012", "2016"]


def test_states_end_at_the_articles_split_and_a_length_gives_the_start() -> None:
    claims = merge(
        [
            _reading("dating", start=0, duration="P2Y"),
            _reading("split", start=5, when=TimeSpan.of("2017")),
            _reading("married", b="Cy Hill", start=90, when=TimeSpan.of("2010")),
            _reading("divorced", b="Cy Hill", start=95, when=TimeSpan.of("2013")),
        ],
        ARTICLE,
    )
    by = {(c.relation, c.object): c for c in claims}
    dating = by[(Relation.DATING, "Ben Hart")]
    assert dating.ended == TimeSpan.of("2017")
    assert dating.when is not None and dating.when.label() == "2015"
    assert by[(Relation.MARRIED, "Cy Hill")].ended == TimeSpan.of("2013")


def test_an_unconfirmed_split_does_not_end_a_state() -> None:
    claims = merge(
        [
            _reading("dating", start=0, when=TimeSpan.of("2017")),
            _reading("split", start=9, status=Status.RUMOURED, when=TimeSpan.of("2023"), explicit=True),
        ],
        ARTICLE,
    )
    assert claims[0].ended is None


def test_births_of_one_child_merge_and_children_of_one_word_stay_apart() -> None:
    claims = merge(
        [
            _reading("child_born", start=0, when=TimeSpan.of("2022-01-09"), child=""),
            _reading("child_born", start=30, child="Ivy"),
            _reading("child_born", b=None, start=60, child=""),
        ],
        ARTICLE,
    )
    (birth,) = claims
    assert (birth.subject, birth.object, birth.extra.get("child")) == ("Ann Cole", "Ben Hart", "Ivy")
    twins = merge(
        [_reading("child_born", start=0, child=""), _reading("child_born", start=0, child="")], ARTICLE
    )
    assert len(twins) == 2


@pytest.mark.slow
def test_extract_gives_sourced_claims(nlp: object, article: object) -> None:
    text = "Ann Cole and Ben Hart got engaged in June 2021, the couple announced on Monday."
    result = _extract(nlp, text)
    (claim,) = [c for c in result.claims if c.relation is Relation.ENGAGED]
    assert {claim.subject, claim.object} == {"Ann Cole", "Ben Hart"}
    assert claim.when == TimeSpan.of("2021-06")
    assert text[claim.evidence.start : claim.evidence.end].strip() == claim.evidence.sentence


@pytest.mark.slow
def test_a_family_plural_is_not_taken_for_the_couple(nlp: object) -> None:
    text = (
        "Ann Cole married Ben Hart in 2015. Her brother Carl Cole split from his wife Dora Cole in 2020. "
        "The Coles have stayed close since."
    )
    result = _extract(nlp, text)
    married = {frozenset((c.subject, c.object)) for c in result.claims if c.relation is Relation.MARRIED}
    assert frozenset(("Ann Cole", "Ben Hart")) in married
    assert frozenset(("Ann Cole", "Carl Cole")) not in married


@pytest.mark.slow
def test_a_gapped_clause_is_a_second_couple_with_its_own_dates(nlp: object) -> None:
    text = (
        "Ann Cole was married to the painter Ben Hart from 2002 to 2016, "
        "and Carl Ross to Dora Lane from 2011- 2015."  # a dash the tokenizer glues to the year
    )
    result = _extract(nlp, text)
    married = {(c.subject, c.object): c for c in result.claims if c.relation is Relation.MARRIED}
    assert set(married) == {("Ann Cole", "Ben Hart"), ("Carl Ross", "Dora Lane")}
    first, second = married["Ann Cole", "Ben Hart"], married["Carl Ross", "Dora Lane"]
    assert (first.when, first.ended) == (TimeSpan.of("2002"), TimeSpan.of("2016"))
    assert (second.when, second.ended) == (TimeSpan.of("2011"), TimeSpan.of("2015"))


@pytest.mark.slow
def test_first_person_in_a_quotation_is_the_speaker(nlp: object) -> None:
    text = (
        '"I married Ben Hart in 2015," Ann Cole said. '
        'Carl Ross and Dora Lane said in a statement: "We are delighted to announce our engagement."'
    )
    result = _extract(nlp, text)
    pairs = {(c.relation, frozenset((c.subject, c.object))) for c in result.claims}
    assert (Relation.MARRIED, frozenset(("Ann Cole", "Ben Hart"))) in pairs
    assert (Relation.ENGAGED, frozenset(("Carl Ross", "Dora Lane"))) in pairs


@pytest.mark.slow
def test_a_sources_own_words_do_not_confirm(nlp: object) -> None:
    text = "A source told The Daily Post: 'Ann Cole and Ben Hart have officially moved in together.'"
    result = _extract(nlp, text)
    (claim,) = [c for c in result.claims if c.relation is Relation.MOVED_IN]
    assert claim.status is Status.REPORTED


@pytest.mark.slow
def test_a_name_the_tagger_missed_is_a_person_when_an_age_follows_it(nlp: object) -> None:
    text = (
        "Vera Hale hosted a show in Paris. Her sons flew in, but Brooklyn, 26, and actress wife "
        "Nina Pell, 30, remained in LA. Her grandsons Milan, 10, and Sasha, 8, stayed home."
    )
    result = _extract(nlp, text)
    married = {frozenset((c.subject, c.object)) for c in result.claims if c.relation is Relation.MARRIED}
    assert married == {frozenset(("Brooklyn", "Nina Pell"))}


@pytest.mark.slow
def test_a_name_inside_a_holiday_is_no_person(nlp: object) -> None:
    text = "Ann Cole and Ben Hart were spotted holding hands at a Valentine's Day dinner."
    result = _extract(nlp, text)
    assert [p.name for p in result.entities] == ["Ann Cole", "Ben Hart"]


@pytest.mark.slow
def test_someone_unnamed_is_not_the_partner_in_focus(nlp: object) -> None:
    text = (
        "Ann Cole and Ben Hart began dating in 2007. Hart has been linked to a model in recent weeks, "
        "but his agent denied he was seeing anyone."
    )
    result = _extract(nlp, text)
    (dating,) = [c for c in result.claims if c.relation is Relation.DATING]
    assert (dating.when, dating.status) == (TimeSpan.of("2007"), Status.CONFIRMED)


@pytest.mark.slow
def test_a_month_inside_a_name_is_no_date(nlp: object) -> None:
    text = "Country star Ben Hart and actress June Winters were married on Saturday at a farm."
    result = _extract(nlp, text, date(2017, 9, 11))
    (married,) = [c for c in result.claims if c.relation is Relation.MARRIED]
    assert married.object == "June Winters" and married.when == TimeSpan.of("2017-09-09")


@pytest.mark.slow
def test_she_is_the_subject_of_her_sentence_though_an_earlier_woman_is_surer(nlp: object) -> None:
    text = (
        "Model Ines Carvalho posed with designer Felix Yuen. Comedian Zuri Vance, who hosted the "
        "evening, joked that she was single. She split from her partner, the writer Hal Osgood, in 2020."
    )
    result = _extract(nlp, text)
    split = {frozenset((c.subject, c.object)) for c in result.claims if c.relation is Relation.SPLIT}
    assert split == {frozenset(("Zuri Vance", "Hal Osgood"))}


@pytest.mark.slow
def test_a_counted_divorce_is_a_count_unless_it_names_the_partner(nlp: object) -> None:
    text = "Ann Cole filed to end her marriage to Ben Hart. This marks the third divorce of Cole."
    result = _extract(nlp, text)
    assert not [c for c in result.claims if c.relation is Relation.DIVORCED]
    named = _extract(nlp, "Tom Reyes died. His first marriage, to Nora Whitt in 1956, ended in 1970.")
    married = [c for c in named.claims if c.relation is Relation.MARRIED]
    assert [(c.subject, c.object, c.when) for c in married] == [
        ("Tom Reyes", "Nora Whitt", TimeSpan.of("1956"))
    ]


@pytest.mark.slow
def test_his_on_a_noun_coordinated_with_a_name_is_that_persons(nlp: object) -> None:
    text = (
        "Cal Brenner, 30, is engaged to Mia Holt. Mr. Brenner is the son of the banker Karl Brenner "
        "and his late wife, Marguerite."
    )
    result = _extract(nlp, text)
    married = {frozenset((c.subject, c.object)) for c in result.claims if c.relation is Relation.MARRIED}
    assert married == {frozenset(("Karl Brenner", "Marguerite"))}
    (born,) = [c for c in result.claims if c.relation is Relation.CHILD_BORN]
    assert (born.subject, born.object, born.extra.get("child")) == (
        "Karl Brenner",
        "Marguerite",
        "Cal Brenner",
    )


@pytest.mark.slow
def test_a_band_back_together_or_parting_from_a_member_is_no_couple(nlp: object) -> None:
    text = (
        "Cal Ng married Mia Holt. Cal Ng and Tom Reyes founded a band in 2001. "
        "After getting the band back together in 2012, the band and Ng parted ways in 2015."
    )
    result = _extract(nlp, text)
    assert {c.relation for c in result.claims} == {Relation.MARRIED}


@pytest.mark.slow
def test_first_person_answers_of_a_printed_interview_are_the_interviewee(nlp: object) -> None:
    text = (
        "Singer Nell Park spoke to us about her new album, which is about her divorce.\n\n"
        "Was it hard to make?\n\n"
        "I wrote it fast. Tom Reyes and I separated in 2019, and I needed to work.\n\n"
        "Are you seeing someone?\n\n"
        "I am. I met Cal Ng at a gallery in 2020."
    )
    result = _extract(nlp, text, date(2021, 5, 1))
    pairs = {(c.relation, frozenset((c.subject, c.object))) for c in result.claims}
    assert (Relation.SPLIT, frozenset(("Nell Park", "Tom Reyes"))) in pairs
    assert (Relation.MET, frozenset(("Nell Park", "Cal Ng"))) in pairs


def test_a_vague_length_starts_a_state_two_to_six_units_before() -> None:
    (claim,) = merge([_reading("dating", duration="PXW")], ARTICLE)
    assert claim.when is not None
    assert claim.when.label() == "2023-12-28..2024-01-25"  # "dating for a few weeks" on 2024-02-08


def test_a_marriage_ends_at_its_divorce_else_at_the_split_and_a_reconciliation_reopens_it() -> None:
    def claims(*extra: Reading) -> dict[str, object]:
        found = merge([_reading("married", start=0, when=TimeSpan.of("2011")), *extra], ARTICLE)
        return {c.relation.value: c.ended.label() if c.ended else None for c in found}

    split = _reading("split", start=20, when=TimeSpan.of("2020-05"))
    divorce = _reading("divorced", start=40, when=TimeSpan.of("2021-02"))
    assert claims(split)["married"] == "2020-05"
    assert claims(split, divorce)["married"] == "2021-02"
    back = _reading("reconciled", start=60, when=TimeSpan.of("2020-07"))
    again = _reading("split", start=80, when=TimeSpan.of("2020-08"))
    assert claims(split, back)["married"] is None
    assert claims(split, back, again)["married"] == "2020-08"


def test_children_listed_with_one_parent_are_the_couples_when_the_count_agrees() -> None:
    def births(count: int) -> set[tuple[str, str | None]]:
        couple = _reading("child_born", start=0, child="", count=count)
        listed = [
            replace(
                _reading("child_born", b=None, start=40, child="Leo", when=TimeSpan.of("1998")), trigger=40
            ),
            replace(
                _reading("child_born", b=None, start=40, child="Mae", when=TimeSpan.of("2001")), trigger=41
            ),
        ]
        return {(c.subject, c.object) for c in merge([couple, *listed], ARTICLE)}

    assert births(2) == {("Ann Cole", "Ben Hart")}
    assert births(3) == {("Ann Cole", "Ben Hart"), ("Ann Cole", "Leo"), ("Ann Cole", "Mae")}


def test_what_a_hedged_ending_implies_is_taken_for_granted() -> None:
    """'They reportedly called off their engagement': the calling off is reported, the engagement is not."""
    called_off = _reading("split", rule="split.engagement_off", status=Status.REPORTED, explicit=True)
    divorce = _reading("divorced", a="Cal Ng", b="Jo Wren", start=40, status=Status.RUMOURED, explicit=True)
    found = {c.relation.value: c.status for c in merge([called_off, divorce], ARTICLE)}
    assert found == {
        "split": Status.REPORTED,
        "engaged": Status.CONFIRMED,
        "divorced": Status.RUMOURED,
        "married": Status.CONFIRMED,
    }


def test_a_split_known_only_to_come_after_a_date_ends_no_state_begun_later() -> None:
    """'Engaged in 2012 but split soon after', then 'married in 2018': the open-ended split ends the
    engagement, not the marriage."""
    split = _reading("split", start=20, when=TimeSpan.of("2012", Mod.ON_OR_AFTER))
    found = merge(
        [
            _reading("engaged", start=0, when=TimeSpan.of("2012")),
            split,
            _reading("married", start=40, when=TimeSpan.of("2018")),
        ],
        ARTICLE,
    )
    ended = {c.relation.value: c.ended.label() if c.ended else None for c in found}
    assert ended["engaged"] == "2012.."
    assert ended["married"] is None


@pytest.mark.slow
def test_a_new_state_after_a_divorce_is_not_with_the_ex_unless_they_reunited(nlp: object) -> None:
    text = (
        "Jo Wren's divorce from Cal Ng was finalised in 2021. Now she is dating again.\n\n"
        "Mira Dahl and Ben Hart split in 2019 but reunited a year later. Now they are engaged."
    )
    result = _extract(nlp, text, date(2024, 5, 1))
    pairs = {(c.relation, frozenset((c.subject, c.object))) for c in result.claims}
    assert (Relation.DATING, frozenset(("Jo Wren", "Cal Ng"))) not in pairs
    assert (Relation.RECONCILED, frozenset(("Mira Dahl", "Ben Hart"))) in pairs
    assert (Relation.ENGAGED, frozenset(("Mira Dahl", "Ben Hart"))) in pairs


@pytest.mark.slow
def test_a_date_in_a_nested_triggers_own_phrase_dates_that_trigger(nlp: object) -> None:
    result = _extract(nlp, "Ann Cole and Ben Hart were married until their divorce in 2011.")
    by_relation = {c.relation: c for c in result.claims}
    divorce, marriage = by_relation[Relation.DIVORCED], by_relation[Relation.MARRIED]
    assert divorce.when is not None and divorce.when.value == "2011"
    assert marriage.ended is not None and marriage.ended.value == "2011"


@pytest.mark.slow
def test_a_year_on_the_occasion_of_an_event_dates_it_but_not_a_films_year(nlp: object) -> None:
    def when(text: str, relation: Relation) -> str | None:
        claim = next(c for c in _extract(nlp, text, date(2023, 5, 22)).claims if c.relation is relation)
        return claim.when.value if claim.when is not None else None

    assert when("Ann Cole and Ben Hart got engaged at the 2012 Olympics.", Relation.ENGAGED) == "2012"
    assert when("Ann Cole met Ben Hart on the set of her 2019 film.", Relation.MET) is None
    text = "Ann Cole and Ben Hart won the 2019 series of the show, but split shortly afterwards."
    assert when(text, Relation.SPLIT) == "2019"


@pytest.mark.slow
def test_a_hedge_on_the_main_clause_does_not_reach_a_relative_clause_or_another_conjunct(nlp: object) -> None:
    def status(text: str, relation: Relation) -> Status:
        claims = _extract(nlp, text, date(2020, 3, 1)).claims
        return next(c.status for c in claims if c.relation is relation)

    relative = (
        "Cal Ng, who has been dating the singer Jo Wren since last year, is said to be planning to propose."
    )
    assert status(relative, Relation.DATING) is Status.CONFIRMED
    # the hedge on the relative clause itself, or on a verb governing the trigger, still reaches it
    hedged = "Cal Ng, who reportedly split from Jo Wren in May, was seen in Rome."
    assert status(hedged, Relation.SPLIT) is Status.REPORTED
    governed = "Sources say Jo Wren and Cal Ng married in May and moved in together."
    assert status(governed, Relation.MOVED_IN) is Status.REPORTED


@pytest.mark.slow
def test_a_length_on_an_after_clause_dates_the_earlier_event_and_a_trailing_newline_changes_nothing(
    nlp: object,
) -> None:
    text = "Ann Cole and Ben Hart saw their divorce finalised in October, a year after they split."
    for tail in ("", "\n", "\n\n"):
        result = _extract(nlp, text + tail, date(2025, 12, 1))
        split = next(c for c in result.claims if c.relation is Relation.SPLIT)
        assert split.when is not None and split.when.value == "2024", tail


@pytest.mark.slow
def test_each_section_of_a_list_article_is_about_the_partner_its_header_names(nlp: object) -> None:
    text = (
        "Every Man Lia Moss Has Dated\n\n"
        "Lia Moss has never hidden her love life from her fans, and Lia Moss sings about it too.\n\n"
        "1. Ben Hart (2009-2011)\n\n"
        "The two met at drama school. The pair split in 2011 when she moved to London.\n\n"
        "2. Cal Ng (2014-2019)\n\n"
        "She met the British actor at a party. The couple moved in together in 2016.\n\n"
        "3. Dorian Vale (2020)\n\n"
        "Lia Moss met the painter at a gallery. He proposed in May 2020.\n"
    )
    result = _extract(nlp, text)
    pairs = {(c.relation, frozenset((c.subject, c.object))) for c in result.claims}
    assert (Relation.SPLIT, frozenset(("Lia Moss", "Ben Hart"))) in pairs
    assert (Relation.MOVED_IN, frozenset(("Lia Moss", "Cal Ng"))) in pairs
    assert (Relation.MOVED_IN, frozenset(("Lia Moss", "Ben Hart"))) not in pairs
    # "he" in a section is the one its header names, though an earlier section's man is surer a man
    assert (Relation.ENGAGED, frozenset(("Lia Moss", "Dorian Vale"))) in pairs


@pytest.mark.slow
def test_a_correction_of_an_earlier_version_states_only_the_right_fact(nlp: object) -> None:
    text = (
        "Ann Cole and Ben Hart welcomed a son on Friday.\n\n"
        "Correction: An earlier version of this story misstated the year Ann Cole and Ben Hart married. "
        "They married in 2020, not 2021."
    )
    result = _extract(nlp, text)
    married = [c for c in result.claims if c.relation is Relation.MARRIED]
    assert [c.when.value if c.when else None for c in married] == ["2020"]


@pytest.mark.slow
def test_he_after_a_sentence_naming_one_man_is_that_man_not_an_earlier_subject(nlp: object) -> None:
    text = (
        "Ann Cole divorced Ben Hart in 1984. Ben Hart moved to Spain. "
        "Years later Ann Cole met the sculptor Carl Lind at a gallery. He proposed to her in 1991."
    )
    result = _extract(nlp, text)
    engaged = {frozenset((c.subject, c.object)) for c in result.claims if c.relation is Relation.ENGAGED}
    assert engaged == {frozenset(("Ann Cole", "Carl Lind"))}


@pytest.mark.slow
def test_a_birth_name_opening_a_sentence_is_the_main_persons(nlp: object) -> None:
    text = (
        "Vera Hale, Film Star, Dies at 88\n\n"
        "Vera Hale, the film star, died on Sunday. Born Vera Pask in 1937 in Akron, she married the "
        "bandleader Lou Cass at 19; they divorced in 1959."
    )
    result = _extract(nlp, text)
    assert {(c.relation, c.subject, c.object) for c in result.claims if c.relation is Relation.DIVORCED} == {
        (Relation.DIVORCED, "Vera Hale", "Lou Cass")
    }


@pytest.mark.slow
def test_a_date_heading_the_line_above_dates_the_paragraph_below_it(nlp: object) -> None:
    text = (
        "Ann Cole and Ben Hart: A Timeline\n\n"
        "Valentine's Day 2018: The question\n\n"
        "Ben Hart proposes to Ann Cole over dinner at the restaurant where they had their first date.\n\n"
        "August 12, 2019: Hello, baby\n\n"
        "Ann Cole and Ben Hart welcome a daughter, Ruby Jane. The baby weighs 7 lbs.\n"
    )
    result = _extract(nlp, text)
    when = {c.relation: c.when.value if c.when else None for c in result.claims}
    assert when[Relation.ENGAGED] == "2018-02-14"
    assert when[Relation.CHILD_BORN] == "2019-08-12"

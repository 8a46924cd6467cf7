"""child_born through the real model: short fictional articles, one class of wording each.

One line per child (twins are one birth); `b` is the other parent when the article names both parents
of that child, else the child (GUIDELINES-style, as `storyline extract` writes it).
"""

from datetime import date

import pytest

from storyline.model import Article, Claim, Relation

PUBLISHED = date(2024, 3, 8)


def _births(nlp: object, text: str, published: date = PUBLISHED) -> list[Claim]:
    from storyline.extract import extract

    article = Article(published=published, text=text, source="t.txt")
    claims = extract(article, nlp).claims  # type: ignore[arg-type]
    return [c for c in claims if c.relation is Relation.CHILD_BORN]


def _lines(claims: list[Claim]) -> set[tuple[frozenset[str], str]]:
    return {(frozenset({c.subject, c.object or ""}), c.when.label() if c.when else "") for c in claims}


@pytest.mark.slow
def test_a_mother_and_a_father_named_apart_are_one_line_with_both_parents(nlp: object) -> None:
    text = (
        "Theo Marsh, 30, is starring in a new play. His mother, Ruth Marsh, is a painter. "
        "As for his father, Karl Marsh, he runs a bakery in Leeds."
    )
    (birth,) = _births(nlp, text)
    assert {birth.subject, birth.object} == {"Ruth Marsh", "Karl Marsh"}


@pytest.mark.slow
def test_a_named_possessor_is_one_parent_and_the_partner_is_not_taken_for_the_other(nlp: object) -> None:
    text = (
        "Oskar Lind married Vera Moss in 2020. "
        '"He is happy," Oskar Lind\'s daughter, Freya Lind, said in an interview.'
    )
    (birth,) = _births(nlp, text)
    assert {birth.subject, birth.object} == {"Oskar Lind", "Freya Lind"}


@pytest.mark.slow
def test_the_one_a_child_was_had_with_is_the_other_parent(nlp: object) -> None:
    text = (
        "The director is married to the painter Ann Cole, with whom he has two children, Leo, 7, and Max 5."
    )
    text = "Cal Ng has a new film out. " + text
    assert _lines(_births(nlp, text)) == {
        (frozenset({"Cal Ng", "Ann Cole"}), "2016-03-09..2017-03-08"),
        (frozenset({"Cal Ng", "Ann Cole"}), "2018-03-09..2019-03-08"),
    }
    text = "Nils Holt spoke of the birth of his son, Tom, with his wife, the Swedish actress Lia Berg."
    (birth,) = _births(nlp, text)
    assert {birth.subject, birth.object} == {"Nils Holt", "Lia Berg"}


@pytest.mark.slow
def test_a_list_with_a_nickname_twins_and_a_dash_is_one_line_per_birth(nlp: object) -> None:
    text = (
        "Mira Dahl and Oskar Lind share four children \u2014 Leo (Junior), 11, Max, 10, and twins Ana "
        "and Bo, 9 \u2014 and in 2013, Oskar adopted Mira's two daughters, Ivy, 26, and Una, 21."
    )
    assert _lines(_births(nlp, text)) == {
        (frozenset({"Mira Dahl", "Oskar Lind"}), "2012-03-09..2013-03-08"),
        (frozenset({"Mira Dahl", "Oskar Lind"}), "2013-03-09..2014-03-08"),
        (frozenset({"Mira Dahl", "Oskar Lind"}), "2014-03-09..2015-03-08"),
        (frozenset({"Mira Dahl", "Ivy"}), "1997-03-09..1998-03-08"),
        (frozenset({"Mira Dahl", "Una"}), "2002-03-09..2003-03-08"),
    }


@pytest.mark.slow
def test_birth_years_and_ages_after_a_copula_or_a_month_like_name(nlp: object) -> None:
    text = (
        "Ann Cole and Ben Hart married in 1990. Their three children are Ida, who was born in 1992, "
        "Otto, born in 1995, and Lena, who was born in 1999."
    )
    assert {w for _, w in _lines(_births(nlp, text))} == {"1992", "1995", "1999"}
    text = "Ann Cole and Ben Hart have three children - Ida, 14, Rosa May, six, and one-year-old Kit."
    assert {w for _, w in _lines(_births(nlp, text))} == {
        "2009-03-09..2010-03-08",
        "2017-03-09..2018-03-08",
        "2022-03-09..2023-03-08",
    }


@pytest.mark.slow
def test_a_date_of_having_a_child_and_of_born_dates_the_birth(nlp: object) -> None:
    text = "Ann Cole and Ben Hart met in 2012. They later had their first daughter together, Mae, in 2018."
    assert _lines(_births(nlp, text)) == {(frozenset({"Ann Cole", "Ben Hart"}), "2018")}
    text = "Ann Cole and Ben Hart are still together. They share a son, Kit, born last year."
    assert _lines(_births(nlp, text)) == {(frozenset({"Ann Cole", "Ben Hart"}), "2023")}


@pytest.mark.slow
def test_no_birth_from_a_wedding_date_or_a_family_statement(nlp: object) -> None:
    text = "Cal Ng, who wed Ben Hart's daughter Ivy in 2001, said he was sad."
    (birth,) = _births(nlp, text)
    assert ({birth.subject, birth.object}, birth.when) == ({"Ben Hart", "Ivy"}, None)
    text = '"Cal Ng, his sons, and the whole family are shocked by the loss of their beloved Ann."'
    assert _births(nlp, text) == []
    text = "The money goes to funds run by Ann Cole and Ben Hart, his children and one named for his wife."
    assert _births(nlp, text) == []


@pytest.mark.slow
def test_children_a_couple_has_but_the_text_does_not_name_are_one_line(nlp: object) -> None:
    text = "Ann Cole and Ben Hart, who married in 2016 and have two children, said they were sad."
    assert _lines(_births(nlp, text)) == {(frozenset({"Ann Cole", "Ben Hart"}), "")}
    text = (
        "Ann Cole and Ben Hart met in 2010. They want to have children. Ann Cole got custody of the children."
    )
    assert _births(nlp, text) == []
    text = "Una Berg has two children."
    assert _births(nlp, text) == []


def test_counted_children_need_a_couple_and_named_parents_merge() -> None:
    from storyline.facts import Reading, merge

    def reading(a: str, b: str | None, child: str, rule: str, start: int) -> Reading:
        relation = Relation.CHILD_BORN if rule.startswith("child_born") else Relation.MARRIED
        return Reading(relation, a, b, "s", start, start + 5, child=child, rule=rule, trigger=start)

    article = Article(published=PUBLISHED, text="(text)", source="t.txt")
    counted = "child_born.children>counted"
    lone = merge([reading("Cal Ng", "Ben Hart", "", counted, 0)], article)
    assert lone == []  # "they" taken for two people the article never pairs
    paired = merge(
        [reading("Cal Ng", "Ann Cole", "", "married.word", 0), reading("Cal Ng", "Ann Cole", "", counted, 9)],
        article,
    )
    assert [c.relation for c in paired] == [Relation.MARRIED, Relation.CHILD_BORN]
    parents = merge(
        [
            reading("Ruth Marsh", None, "Theo Marsh", "child_born.parents", 0),
            reading("Karl Marsh", None, "Theo", "child_born.parents", 20),
        ],
        article,
    )
    assert [(c.subject, c.object) for c in parents] == [("Ruth Marsh", "Karl Marsh")]


@pytest.mark.slow
def test_a_birth_is_dated_before_its_announcement_and_a_newborn_by_the_article(nlp: object) -> None:
    text = (
        "Cal Ng on Tuesday announced that he and his wife Ann Cole have become parents to a baby girl. "
        '"Last week, Ann gave birth to our beautiful daughter - Ivy Rose Cole Ng," he wrote.'
    )
    assert _lines(_births(nlp, text, date(2020, 9, 1))) == {
        (frozenset({"Cal Ng", "Ann Cole"}), "2020-08-24..2020-08-30")
    }
    text = "Tom Reyes dedicated the win to his new-born baby daughter Ivy."
    assert _lines(_births(nlp, text)) == {(frozenset({"Tom Reyes", "Ivy"}), "..2024-03-08")}


@pytest.mark.slow
def test_characters_named_with_their_actors_are_no_family(nlp: object) -> None:
    text = (
        "Cal Ng joined the soap in 2019. He saw off his father Ned Vane (Ben Hart) and his daughter "
        "Ivy Vane (Mae Lind) in a flashback episode last year."
    )
    assert _births(nlp, text) == []


@pytest.mark.slow
def test_the_child_born_is_the_subject_of_born_not_of_the_clause_around_it(nlp: object) -> None:
    text = "Ann Cole and Ben Hart have the great joy of announcing that their son was born on Sunday."
    (birth,) = _births(nlp, text)
    assert {birth.subject, birth.object} == {"Ann Cole", "Ben Hart"}
    assert birth.extra.get("child") == ""


@pytest.mark.slow
def test_more_ways_of_listing_a_couples_children(nlp: object) -> None:
    pair = frozenset({"Ann Cole", "Ben Hart"})
    text = "Ann Cole and Ben Hart are parents to Leo, 5, and Mae, 2."
    assert _lines(_births(nlp, text)) == {(pair, "2018-03-09..2019-03-08"), (pair, "2021-03-09..2022-03-08")}
    text = "Ann Cole and Ben Hart were seen with their kids Leo (12) and Mae (9)."
    assert _lines(_births(nlp, text)) == {(pair, "2011-03-09..2012-03-08"), (pair, "2014-03-09..2015-03-08")}
    text = (
        "Ann Cole and Ben Hart married in 2010. "
        "The couple's 12-year-old son Leo and nine-year-old daughter Mae were there."
    )
    assert _lines(_births(nlp, text)) == {(pair, "2011-03-09..2012-03-08"), (pair, "2014-03-09..2015-03-08")}
    text = (
        "Ann Cole and Ben Hart married in 2010. "
        "They have one child together, a girl named Mae who was born in July."
    )
    assert _lines(_births(nlp, text)) == {(pair, "2023-07")}
    text = "Ann Cole and Ben Hart have a daughter together."
    assert _lines(_births(nlp, text)) == {(pair, "")}


@pytest.mark.slow
def test_one_parent_with_an_unnamed_child_or_a_pregnancy_is_no_line(nlp: object) -> None:
    assert _births(nlp, "Ann Cole gave birth to a baby girl last month.") == []
    assert _births(nlp, "Ann Cole is pregnant with her second child with Ben Hart.") == []
    assert _births(nlp, "Ann Cole, 40, is a mother of two.") == []
    text = "Ann Cole welcomed her first child, a son named Leo, with partner Ben Hart in 2020."
    assert _lines(_births(nlp, text)) == {(frozenset({"Ann Cole", "Ben Hart"}), "2020")}


@pytest.mark.slow
def test_a_birth_verb_dates_its_child_and_the_possessors_are_both_parents(nlp: object) -> None:
    pair = frozenset({"Ann Cole", "Ben Hart"})
    text = "Ann Cole married Ben Hart in 2019. She gave birth to a baby boy on Thursday morning."
    assert _lines(_births(nlp, text)) == {(pair, "2024-03-07")}
    text = "Ann Cole and Ben Hart met in 2015. The couple's son Leo arrived in May 2019."
    assert _lines(_births(nlp, text)) == {(pair, "2019-05")}
    text = "Ann Cole and Ben Hart's son Leo was born in 2019."
    assert _lines(_births(nlp, text)) == {(pair, "2019")}
    text = "Ann Cole and Ben Hart are fighting over custody of their two children."
    assert _births(nlp, text) == []


def test_one_parents_named_child_is_not_taken_for_the_couples_unnamed_one() -> None:
    from storyline.facts import Reading, merge

    article = Article(published=PUBLISHED, text="(text)", source="t.txt")
    readings = [
        Reading(Relation.CHILD_BORN, "Ann Cole", None, "s", 0, 5, child="Ivy", trigger=0),
        Reading(Relation.CHILD_BORN, "Ann Cole", "Ben Hart", "s", 9, 15, child="", trigger=9),
    ]
    claims = merge(readings, article)
    assert sorted((c.subject, c.object) for c in claims) == [("Ann Cole", "Ben Hart"), ("Ann Cole", "Ivy")]


@pytest.mark.slow
def test_the_mother_of_his_daughter_is_the_other_parent(nlp: object) -> None:
    text = "Cal Ng split from Mae Lind, the mother of his daughter Ivy, in 2007."
    (birth,) = _births(nlp, text)
    assert {birth.subject, birth.object} == {"Cal Ng", "Mae Lind"}


@pytest.mark.slow
def test_an_age_said_of_listed_children_dates_each_birth_and_a_birthday_to_come_is_no_plan(
    nlp: object,
) -> None:
    published = date(2017, 5, 3)
    married = "Ann Cole and Ben Hart married in 2005. "
    soon = _births(nlp, married + "Their daughter Lia turns nine next month.", published)
    assert [c.when.value if c.when else None for c in soon] == ["2008-06"]
    each = _births(nlp, married + "Their children, Lia and Mae, are nine and seven.", published)
    assert sorted(c.when.label() for c in each if c.when) == [
        "2007-05-04..2008-05-03",
        "2009-05-04..2010-05-03",
    ]
    who = _births(nlp, married + "They share a son, Teo Jr., who turns three in October.", published)
    assert [c.when.value if c.when else None for c in who] == ["2014-10"]
    friday = _births(nlp, married + "Their son Teo turned 10 on Friday.", published)
    assert [c.when.value if c.when else None for c in friday] == ["2007-04-28"]
    # the children are not their own parents; a baby still due is no birth
    assert _births(nlp, married + "The twins, Lia and Mae, are nine.", published) == []
    assert _births(nlp, married + "Their first baby is due next month.", published) == []


@pytest.mark.slow
def test_children_listed_after_the_other_parent_and_a_colon_or_with_now_before_the_age(nlp: object) -> None:
    published = date(2020, 5, 1)
    colon = _births(
        nlp, "The actor Ben Hart has two children with Ann Cole: Teo, seven, and Mia, four.", published
    )
    assert _lines(colon) == {
        (frozenset({"Ben Hart", "Ann Cole"}), "2012-05-02..2013-05-01"),
        (frozenset({"Ben Hart", "Ann Cole"}), "2015-05-02..2016-05-01"),
    }
    text = "Ann Cole runs a bistro. She married Ben Hart in 1998. With Hart she has a son, Teo, now 19."
    assert _lines(_births(nlp, text, published)) == {
        (frozenset({"Ann Cole", "Ben Hart"}), "2000-05-02..2001-05-01")
    }


@pytest.mark.slow
def test_parents_set_off_by_a_comma_after_her_parents_are_the_parents(nlp: object) -> None:
    text = (
        "Mia Hale married Sam Ode in April. Her parents, Graham and Lorraine Hale, watched on a video call."
    )
    assert {c.subject for c in _births(nlp, text, date(2020, 5, 1))} | {
        c.object for c in _births(nlp, text, date(2020, 5, 1))
    } >= {"Graham Hale", "Lorraine Hale"}


@pytest.mark.slow
def test_the_son_of_two_described_parents_born_in_a_year_is_one_dated_line(nlp: object) -> None:
    text = "Ben Hart, the son of a miner, Tom Hart, and a teacher, Ida Hart, was born in 1950."
    assert _lines(_births(nlp, text, date(2020, 5, 1))) == {(frozenset({"Tom Hart", "Ida Hart"}), "1950")}


@pytest.mark.slow
def test_a_child_that_followed_is_the_same_couples_and_a_count_before_a_colon_is_no_age(nlp: object) -> None:
    published = date(2022, 5, 1)
    text = (
        "Ann Cole married Ben Hart in 2001. His mother, Lia, lives nearby. The couple's son, Teo, was born "
        "in March 2017, and a daughter, Kay, followed in 2019."
    )
    lines = _lines(_births(nlp, text, published))
    assert (frozenset({"Ann Cole", "Ben Hart"}), "2017-03") in lines
    assert (frozenset({"Ann Cole", "Ben Hart"}), "2019") in lines
    assert (frozenset({"Lia", "Ben Hart"}), "") in lines  # his mother: Ben's, not Ann's
    two = _births(nlp, "Ben Hart is the father of two: Tia Hart, 7, and Kip Hart, 5.", published)
    assert {c.object for c in two} == {"Tia Hart", "Kip Hart"}
    aged = _births(nlp, "Ann Cole left a note for her daughter, 13-year-old Mia Cole.", published)
    assert [c.object for c in aged] == ["Mia Cole"]


@pytest.mark.slow
def test_children_a_marriage_produced_are_that_couples(nlp: object) -> None:
    published = date(2020, 5, 1)
    text = "Ben Hart died on Monday. His first marriage, to Jo Wren, produced two sons, Tom and Ned."
    assert {c.object for c in _births(nlp, text, published)} == {"Jo Wren"}
    assert len(_births(nlp, text, published)) == 2
    dated = _births(
        nlp, "Ben Hart died. His marriage to Jo Wren produced a daughter, Kay, in 1980.", published
    )
    assert _lines(dated) == {(frozenset({"Ben Hart", "Jo Wren"}), "1980")}

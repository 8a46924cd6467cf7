"""Where the names of people are: things the tagger takes for people, and people it misses
(with the statistical model, on short fictional articles)."""

from datetime import date
from typing import Any

import pytest

from storyline.extract import extract
from storyline.model import Article
from storyline.pipeline import make_doc

pytestmark = pytest.mark.slow


def _people(nlp: Any, text: str) -> list[str]:
    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    return [person.name for person in doc._.people]


def test_the_examples_of_the_things_section_are_no_people(nlp: Any) -> None:
    from storyline.pipeline.rulefile import load_rules

    for text, thing in load_rules("people")["things"]["examples"]:
        assert thing not in _people(nlp, text), text


def test_a_show_named_before_a_year_or_a_show_noun_is_no_person_anywhere(nlp: Any) -> None:
    text = (
        "Ann Cole and Ben Hart met on Harbour Lights in 2019. The Harbour Lights villa was their home "
        "for a summer, and Harbour Lights 2019 made them famous."
    )
    assert _people(nlp, text) == ["Ann Cole", "Ben Hart"]


def test_a_firm_in_apposition_to_a_plural_noun_is_no_person(nlp: Any) -> None:
    text = "Cal Ng's lawyers, Brisk Harlow, said he would contest the divorce from Jo Wren."
    assert "Brisk Harlow" not in _people(nlp, text)


def test_a_headline_verb_glued_to_a_name_is_cut_off(nlp: Any) -> None:
    text = "Mira Dahl Engaged But Who Is Oskar Lind?\nMira Dahl, 31, is engaged to Oskar Lind."
    assert sorted(_people(nlp, text)) == ["Mira Dahl", "Oskar Lind"]


def test_two_names_joined_by_an_ampersand_are_two_people(nlp: Any) -> None:
    text = "Nell Park & Tom Reyes Serenade The Crowd\nNell Park and Tom Reyes sang together."
    assert sorted(_people(nlp, text)) == ["Nell Park", "Tom Reyes"]


def test_a_short_first_name_with_the_surname_is_the_same_person(nlp: Any) -> None:
    text = "Jen Cole is back. Jennifer Cole, 40, married Ben Hart in May."
    assert sorted(_people(nlp, text)) == ["Ben Hart", "Jennifer Cole"]


def test_a_one_word_name_after_a_partner_noun_is_a_person(nlp: Any) -> None:
    text = "Ann Cole founded the bakery in 2001 with her ex-husband Kaz. Kaz now lives in Leeds."
    assert sorted(_people(nlp, text)) == ["Ann Cole", "Kaz"]


def test_a_one_word_name_coordinated_with_a_name_is_a_person(nlp: Any) -> None:
    text = "Ann Cole and Kaz started dating in 2017. In October, the couple got engaged."
    assert sorted(_people(nlp, text)) == ["Ann Cole", "Kaz"]


def test_a_name_does_not_swallow_the_conjunction_after_it(nlp: Any) -> None:
    text = "Never forget couples like Lia and Teo and Rhea and Ivo, who lasted for years."
    names = _people(nlp, text)
    assert all(not name.endswith(" and") for name in names)


def test_a_legal_name_beside_a_stage_name_is_the_same_person_named_as_the_article_does(nlp: Any) -> None:
    from storyline.pipeline.rulefile import load_rules

    for text, name in load_rules("people")["aliases"]["examples"]:
        assert sorted(_people(nlp, text)) == sorted(["Ann Cole", name]), text


def test_a_misspelt_surname_is_the_person_spelt_right_elsewhere(nlp: Any) -> None:
    text = "Marta Kowalczyk married Ben Hart in 2010. The host officiated at Kowalcyzk's wedding."
    assert sorted(_people(nlp, text)) == ["Ben Hart", "Marta Kowalczyk"]


def test_a_maiden_name_is_the_person_with_the_double_barrelled_married_name(nlp: Any) -> None:
    text = "Ann Cole-Hart filed for divorce from Ben Hart. Ann Cole, 45, wed him in 2011."
    assert sorted(_people(nlp, text)) == ["Ann Cole-Hart", "Ben Hart"]


def test_a_name_broken_at_the_end_of_a_line_is_one_person(nlp: Any) -> None:
    text = "Mira Dahl and Ben Goldsmith are engaged. Her romance with Ben Gold-smith, 42, began in 2019."
    assert sorted(_people(nlp, text)) == ["Ben Goldsmith", "Mira Dahl"]


def test_a_surname_in_the_plural_is_a_family_not_a_person(nlp: Any) -> None:
    text = "Ben Cole married Ann Cole in 1990. By 2001 the Coles' marriage had begun to crack."
    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    assert sorted(p.name for p in doc._.people) == ["Ann Cole", "Ben Cole"]
    family = [ref for ref in doc._.refs if ref.kind == "family"]
    assert len(family) == 1 and len(family[0].people) == 2


def test_a_character_with_its_actor_in_parentheses_leaves_the_story_with_its_pronouns(nlp: Any) -> None:
    from storyline.extract import extract
    from storyline.model import Article

    text = (
        "The film begins with Nell (Ann Cole) and Kit (Ben Hart) reading letters. By the time we meet "
        "them, they are already in counseling and poised to file for divorce."
    )
    assert sorted(_people(nlp, text)) == ["Ann Cole", "Ben Hart"]
    claims = extract(Article(published=date(2024, 3, 8), text=text), nlp).claims
    assert not [c for c in claims if c.relation.value in ("split", "divorced", "married")]


def test_the_roles_someone_plays_and_a_role_to_be_played_are_characters(nlp: Any) -> None:
    text = (
        "Ann Cole and Ben Hart, who play Nell Ash and Kit Vane, were seen together. "
        "Mira Dahl, Kit's wife, will be played by Jo Wren."
    )
    assert sorted(_people(nlp, text)) == ["Ann Cole", "Ben Hart", "Jo Wren"]


def test_an_actors_one_word_role_in_copy_about_a_film_is_a_character(nlp: Any) -> None:
    text = (
        "The sequel featured Cole's Nell and Hart's Kit as a married couple. Their daughter Lia "
        "(Jo Wren) weds at the end."
    )
    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    names = [p.name for p in doc._.people]
    assert "Nell" not in names and "Kit" not in names


def test_a_name_beside_a_plural_for_relatives_is_a_person(nlp: Any) -> None:
    text = "His parents, Nils Varga, a retired pilot, and Berit Varga, a nurse, live in Hallby."
    assert {"Nils Varga", "Berit Varga"} <= set(_people(nlp, text))


def test_a_show_before_co_star_is_no_person(nlp: Any) -> None:
    text = "Ann Cole's Velvet Hour co-star Ben Hart said he was thrilled for her."
    assert "Velvet Hour" not in _people(nlp, text)


def test_a_team_in_a_result_or_taking_a_plural_verb_is_no_person(nlp: Any) -> None:
    text = (
        "Sporting Verena 3 Athletic Colmar 1\n\n"
        "Sporting Verena came from behind to win. Verena were without their goalkeeper, Tomas Kral, who "
        "missed the game after his wife Petra gave birth."
    )
    people = _people(nlp, text)
    assert "Sporting Verena" not in people and "Verena" not in people
    claims = extract(Article(published=date(2024, 3, 8), text=text), nlp).claims
    assert {frozenset((c.subject, c.object)) for c in claims} == {frozenset(("Tomas Kral", "Petra"))}


def test_a_word_of_a_firms_name_standing_alone_is_the_firm(nlp: Any) -> None:
    text = (
        "Graham Oster, the founder and chief executive of the logistics group Varnick Holdings, will "
        "step down. A Varnick spokeswoman said the couple had separated. Varnick reported revenue of "
        "412 million. Shares in Varnick fell 4 percent."
    )
    assert _people(nlp, text) == ["Graham Oster"]


def test_a_legal_name_given_as_a_label_is_the_name_in_full(nlp: Any) -> None:
    text = (
        "Ann Cole and Ben Hart are engaged. "
        "The engagement was celebrated by the producer Lady Vex (real name Vera Exley), who is married "
        "to Ben Hart's manager, Cal Ng."
    )
    claims = extract(Article(published=date(2024, 3, 8), text=text), nlp).claims
    assert ("married", frozenset(("Vera Exley", "Cal Ng"))) in {
        (c.relation.value, frozenset((c.subject, c.object))) for c in claims
    }
    text = "Kaz, whose real name is Kazimir Nowak, married Ann Cole in May."
    assert "Kaz" in _people(nlp, text)


def test_a_nickname_in_quotes_between_first_name_and_surname_is_one_person(nlp: Any) -> None:
    text = (
        "Big Kai confirms engagement to Ann Cole. The rapper, whose real name is Kai Lund, proposed on "
        'Friday. Kai "Big Kai" Lund grew up in Harrowgate, and Big Kai has a son with Mia Dahl.'
    )
    people = _people(nlp, text)
    assert 'Kai "Big Kai" Lund' in people
    assert "Big Kai" not in people and "Kai Lund" not in people

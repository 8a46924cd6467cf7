"""Which people the words of a story point at: "the pair", "they", "their", he and she (with the
statistical model, on short fictional articles)."""

from datetime import date
from typing import Any

import pytest

from storyline.extract import extract
from storyline.model import Article

pytestmark = pytest.mark.slow


def _claims(nlp: Any, text: str) -> set[tuple[str, str, str]]:
    claims = extract(Article(published=date(2024, 3, 8), text=text), nlp).claims
    return {(c.relation.value, *sorted((c.subject, c.object or ""))) for c in claims}


def test_an_ending_after_a_sentence_about_an_ex_is_the_ex_couples(nlp: Any) -> None:
    text = (
        "Ann Cole is dating Ben Hart weeks after her split from Cal Ng was announced. She has moved on "
        "with Hart after her split from her longtime partner Cal Ng. In 2020, the pair called off "
        "their seven-year engagement. They share two children."
    )
    claims = _claims(nlp, text)
    assert ("split", "Ann Cole", "Cal Ng") in claims
    assert ("split", "Ann Cole", "Ben Hart") not in claims


def test_children_named_in_a_list_are_never_the_couple(nlp: Any) -> None:
    text = (
        "Jo Wren and Cal Ng share four children: Mia, 12, Leo, 10, and twins Ava and Max, 7. "
        "Their wedding was filmed for television."
    )
    claims = _claims(nlp, text)
    assert ("married", "Cal Ng", "Jo Wren") in claims
    assert not any({"Ava", "Max"} <= set(claim) for claim in claims)


def test_couples_joined_by_and_alone_pair_up_two_by_two(nlp: Any) -> None:
    text = "Never forget couples like Lia and Teo and Rhea and Ivo, who split after years together."
    from storyline.pipeline import make_doc

    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    from storyline.pipeline.discourse import couple_partner
    from storyline.pipeline.persons import people_rules

    names = {t.text: t for t in doc if t.text in ("Lia", "Teo", "Rhea", "Ivo")}
    partner = couple_partner(names["Lia"], people_rules())
    assert partner is not None and partner.text == "Teo"
    partner = couple_partner(names["Rhea"], people_rules())
    assert partner is not None and partner.text == "Ivo"


def test_a_son_named_after_his_father_is_another_person(nlp: Any) -> None:
    from storyline.pipeline import make_doc

    text = "Kai Moss shares three children with Ann Cole, including Kai Moss Jr., 12."
    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    assert sorted(p.name for p in doc._.people) == ["Ann Cole", "Kai Moss", "Kai Moss Jr."]


def _pronouns(nlp: Any, text: str) -> list[tuple[str, str]]:
    from storyline.pipeline import make_doc

    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    people = doc._.people
    return [(doc[r.start : r.end].text, people[r.people[0]].name) for r in doc._.refs if r.kind == "pronoun"]


def test_he_after_a_possessor_of_the_subject_is_the_possessor(nlp: Any) -> None:
    text = (
        "Host Cal Ng has seen many weddings. Ben Hart Jr. and Ann Cole married in May. "
        "Ben's season of the show was a scandal after he broke up with Rhea Lind after proposing to her."
    )
    found = _pronouns(nlp, text)
    assert ("he", "Ben Hart Jr.") in found
    assert ("her", "Rhea Lind") in found


def test_a_short_first_name_has_the_gender_of_its_full_form(nlp: Any) -> None:
    from storyline.pipeline import make_doc

    doc = nlp(make_doc(nlp, "Becca Stroud and Teddy Marsh met in 2019.", date(2024, 3, 8)))
    assert {p.name: p.gender for p in doc._.people} == {"Becca Stroud": "f", "Teddy Marsh": "m"}


def test_an_authors_first_person_is_nobody_of_the_story_without_questions_on_their_own_lines(
    nlp: Any,
) -> None:
    text = (
        "Author: Lia Moss\n\n"
        "Ann Cole and Ben Hart have split. I am devastated. I loved them together.\n\n"
        "Honestly I thought they would last forever, and I cried when I heard."
    )
    assert not [ref for ref in _pronouns(nlp, text) if ref[0] == "I"]
    from storyline.pipeline import make_doc

    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    assert "Lia Moss" not in [p.name for p in doc._.people]


def test_a_description_may_be_the_owner_named_in_another_clause(nlp: Any) -> None:
    from storyline.pipeline import make_doc

    text = (
        "Ann Cole and Ben Hart sparked romance rumours at a wedding. The wedding was for Hart's "
        "manager, Cal Ng. While the pair may simply be friends after working together on Cole's new "
        "film, many think the director has moved on with Hart."
    )
    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    described = [r for r in doc._.refs if r.kind == "descriptor" and doc[r.end - 1].lower_ == "director"]
    assert [doc._.people[r.people[0]].name for r in described] == ["Ann Cole"]


def test_the_examples_of_the_functionaries_section_are_in_no_claim(nlp: Any) -> None:
    from storyline.pipeline.rulefile import load_rules

    for text, name in load_rules("people")["functionaries"]["examples"]:
        assert not any(name in claim for claim in _claims(nlp, text)), text


def test_their_beside_a_host_and_one_partner_is_that_partners_couple(nlp: Any) -> None:
    text = (
        "Ann Cole and Ben Hart are engaged. Host Cal Ng asked Ann how she was feeling given the "
        "controversy surrounding their relationship."
    )
    claims = _claims(nlp, text)
    assert not any("Cal Ng" in claim for claim in claims)
    assert ("engaged", "Ann Cole", "Ben Hart") in claims


def test_the_divorce_after_a_sentence_about_a_divorce_and_an_affair_is_the_divorcing_pairs(nlp: Any) -> None:
    text = (
        "In 2019, Ann Cole and Ben Hart announced they were divorcing after it was revealed he had "
        "been having a relationship with Mira Dahl. The divorce made Cole the richest woman in Leeds."
    )
    claims = _claims(nlp, text)
    assert not [claim for claim in claims if claim[0] == "divorced" and "Mira Dahl" in claim]


def test_getting_back_together_goes_to_the_couple_that_split_not_the_one_still_together(nlp: Any) -> None:
    text = (
        "Fans love couples like Lia and Teo, who are still going strong.\n\n"
        "Ann Cole and Ben Hart split up in 2022 after a year together.\n\n"
        "Hart said: “It is over. I wish her the best. I will always support her.”\n\n"
        "The couple then got back together, but dramatically split once again."
    )
    claims = _claims(nlp, text)
    assert ("reconciled", "Ann Cole", "Ben Hart") in claims
    assert not [claim for claim in claims if claim[0] == "reconciled" and "Lia" in claim]


def test_a_child_named_in_a_list_is_not_the_he_of_the_parents_story(nlp: Any) -> None:
    text = (
        "In 1990 Ben Hart married the writer Nora Vale. They had two sons, Leo, now 27, and Max, 24, "
        "before the marriage fell apart in 1998, he says. In 2002 he wed the chef Ida Moss in Rome."
    )
    claims = _claims(nlp, text)
    assert ("married", "Ben Hart", "Ida Moss") in claims
    assert not any("Leo" in claim for claim in claims if claim[0] == "married")


def test_a_group_word_after_one_named_partner_is_a_couple_of_theirs(nlp: Any) -> None:
    text = (
        "Ann Cole's divorce from Ben Hart was finalized in 2019, and she began dating Cal Ng that "
        "spring. Cal Ng proposed in May 2021, but the couple called off their engagement in October."
    )
    claims = _claims(nlp, text)
    assert ("split", "Ann Cole", "Cal Ng") in claims
    assert ("split", "Ann Cole", "Ben Hart") not in claims


def test_his_on_a_second_relative_is_the_owner_of_the_first_not_the_relative_named(nlp: Any) -> None:
    text = (
        "Omar Vance does not do drama. Vance, 34, grew up above a bakery in Carrow. His father, Theo "
        "Vance, a retired pilot, and his mother, Lydia, a teacher, still live there. He met his wife, "
        "the chef Mira Dahl, at college, and they married in 2014."
    )
    found = _pronouns(nlp, text)
    assert [name for word, name in found if word.lower() in ("his", "he")] == ["Omar Vance"] * 4
    assert ("married", "Mira Dahl", "Omar Vance") in _claims(nlp, text)


def test_you_in_a_qa_is_the_interviewee_and_the_journalist_is_no_partner(nlp: Any) -> None:
    text = (
        "Nell Park: 'I sing about my kitchen'\n\n"
        "The singer Nell Park, 44, releases her fifth album next month. She talks to Cal Ng about "
        "fame, family and marriage.\n\n"
        "Your new record is very quiet. Was that deliberate?\n\n"
        "Not at first. I wrote about the sea and ended up writing about the washing-up.\n\n"
        "You've been married to the painter Tom Reyes for a long time now.\n\n"
        "Twenty years in May. I still make him listen to every song.\n\n"
        "How did you meet?\n\n"
        "We met at art school in 1996 and he made me wait a year before he asked me out."
    )
    claims = _claims(nlp, text)
    assert ("married", "Nell Park", "Tom Reyes") in claims
    assert ("met", "Nell Park", "Tom Reyes") in claims
    assert not any("Cal Ng" in claim for claim in claims)


def test_a_couple_coordinated_in_a_heading_is_the_pair_of_its_section_even_when_it_split(nlp: Any) -> None:
    text = (
        "The couples of the year.\n\n1. Ann Cole and Ben Hart: the wedding\n\n"
        "The actress and the pilot, together since 2019, married on May 3 at Lake Orla.\n\n"
        "2. Mia Dahl and Cal Ng: the split\n\n"
        "After six years together, the pair announced their separation in March."
    )
    claims = _claims(nlp, text)
    assert ("split", "Cal Ng", "Mia Dahl") in claims
    assert ("split", "Ann Cole", "Ben Hart") not in claims


def test_a_pair_owning_something_together_is_the_next_sentences_pair(nlp: Any) -> None:
    text = (
        "Ann Cole arrived with her husband of 30 years, the novelist Ben Hart. "
        "Rising star Mia Dahl walked the carpet with the tennis player Cal Ng in their first public "
        "outing. According to Glint, the pair have been dating since the spring."
    )
    claims = _claims(nlp, text)
    assert ("dating", "Cal Ng", "Mia Dahl") in claims
    assert ("dating", "Ann Cole", "Ben Hart") not in claims


def test_a_parent_brought_as_a_date_is_not_the_couple_in_focus(nlp: Any) -> None:
    from storyline.pipeline import make_doc

    text = "Comedian Bo Ray brought his mother, Ida, as his date for the evening, and she stole the show."
    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    assert all(pair is None for pair in doc._.focus.values())


def test_a_person_noun_before_couple_describes_the_pair_not_one_of_them(nlp: Any) -> None:
    from storyline.pipeline import make_doc

    text = "Zane Ortiz and Celia Amara: the baby\n\nThe musician couple welcomed a daughter, Luna, on May 2."
    doc = nlp(make_doc(nlp, text, date(2024, 3, 8)))
    assert not [ref for ref in doc._.refs if ref.kind == "descriptor"]
    assert ("child_born", "Celia Amara", "Zane Ortiz") in _claims(nlp, text)


def test_the_king_and_queen_are_the_people_who_hold_those_titles(nlp: Any) -> None:
    text = (
        "Princess Ilse, the eldest daughter of King Aurel and Queen Maren, is engaged to Tomas Brell. "
        "The King and Queen, who married in 1979, are delighted with the match."
    )
    assert ("married", "Aurel", "Maren") in _claims(nlp, text)


def test_people_described_together_as_the_subject_are_the_pair_in_focus(nlp: Any) -> None:
    text = (
        "Newly engaged couple Ann Cole and Ben Hart could not stop grinning on the carpet. "
        "The actors got engaged in Port Isola in August."
    )
    from storyline.pipeline import make_doc

    doc = nlp(make_doc(nlp, text, date(2024, 9, 8)))
    groups = [doc[r.start : r.end].text for r in doc._.refs if r.kind == "group"]
    assert "The actors" in groups


@pytest.mark.slow
def test_a_description_right_before_a_name_is_that_name_and_a_mystery_one_is_no_one_yet(nlp: Any) -> None:
    text = (
        "The band Glasshouse is back. Drummer Aisling Burke said it felt right. Bassist Eoin Tracey, "
        "whose engagement to the model Lara Quinn was called off in 2013, wrote most songs.\n\n"
        "Mia Holt and Cal Ng have split. The blonde bombshell, who has a four-year-old son, Alfie, with her "
        "ex-boyfriend, Reece Mallory, is said to be devastated.\n\n"
        "A tabloid said that the mystery blonde was Cal's former girlfriend Jo Wren."
    )
    claims = _claims(nlp, text)
    assert ("engaged", "Eoin Tracey", "Lara Quinn") in claims
    assert not any("Aisling Burke" in (a, b) for relation, a, b in claims if relation != "said")
    assert ("dating", "Mia Holt", "Reece Mallory") in claims
    assert not any({a, b} == {"Cal Ng", "Reece Mallory"} for _, a, b in claims)
    assert not any("Mia Holt" in (a, b) and "Jo Wren" in (a, b) for _, a, b in claims)


def test_she_is_a_woman_named_a_little_before_rather_than_a_newcomer_of_no_known_gender(nlp: Any) -> None:
    text = (
        "Nell Park married Lou Marr in 1975 and divorced him in 1989. Then came Anders. She met her third "
        "husband, the marine biologist Anders Holm, on a research vessel in 1993, and they married the "
        "following spring."
    )
    marriages = {
        (c.object, c.when.value if c.when else None)
        for c in extract(Article(published=date(2024, 3, 8), text=text), nlp).claims
        if c.relation.value == "married"
    }
    assert marriages == {("Lou Marr", "1975"), ("Anders Holm", "1994-SP")}

"""Who is in a story: people found from the tagger's entities, repaired where the tagger slips
(model-free: hand-made Docs on spacy.blank)."""

import spacy
from spacy.tokens import Doc, Span

from storyline.pipeline.people import find_people, people_rules


def _doc(
    words: list[str],
    pos: list[str],
    ents: list[tuple[int, int, str]],
    spaces: list[bool] | None = None,
    starts: tuple[int, ...] | None = None,
) -> Doc:
    """A Doc with sentences starting after each "." (or at `starts`), and a space after every word
    (or as `spaces` says, for "Orr-Lane" written as one word)."""
    sent_starts = [
        i in starts if starts is not None else i == 0 or words[i - 1] == "." for i in range(len(words))
    ]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, pos=pos, sent_starts=sent_starts)
    doc.ents = [Span(doc, start, end, label) for start, end, label in ents]
    return doc


def test_a_full_name_typed_as_a_place_is_completed_from_a_first_name_tagged_elsewhere() -> None:
    words = ["Kiki", "Marsh", "sang", ".", "Kiki", "smiled", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    people, refs = find_people(_doc(words, pos, [(0, 2, "FAC"), (4, 5, "PERSON")]), people_rules())
    assert [p.name for p in people] == ["Kiki Marsh"]
    assert [(r.start, r.end) for r in refs] == [(0, 2), (4, 5)]


def test_an_untagged_surname_after_a_tagged_first_name_completes_it() -> None:
    words = ["Kiki", "Marsh", "sang", ".", "Kiki", "smiled", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    people, _ = find_people(_doc(words, pos, [(4, 5, "PERSON")]), people_rules())
    assert [p.name for p in people] == ["Kiki Marsh"]


def test_a_place_is_not_a_person_for_sharing_a_first_word_with_nobody() -> None:
    words = ["Paris", "Hilton", "opened", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT"]
    people, _ = find_people(_doc(words, pos, [(0, 2, "FAC")]), people_rules())
    assert people == []


def test_a_first_name_the_census_gives_one_sex_says_the_gender_of_a_full_name() -> None:
    words = ["Patti", "Gruen", "and", "Wendell", "Vale", "and", "Zuri", "Quill", "came", "."]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"]
    ents = [(0, 2, "PERSON"), (3, 5, "PERSON"), (6, 8, "PERSON")]
    people, _ = find_people(_doc(words, pos, ents), people_rules())
    assert {p.name: p.sex() for p in people} == {"Patti Gruen": "f", "Wendell Vale": "m", "Zuri Quill": None}
    assert all(p.gender is None for p in people)  # likely, until the text says


def test_the_census_says_nothing_of_a_name_both_sexes_share_or_a_surname_alone() -> None:
    from storyline.pipeline.first_names import census_gender

    assert census_gender("Lucinda") == "f" and census_gender("vernon") == "m"
    assert census_gender("Jamie") is None and census_gender("Zuri") is None
    words = ["Grant", "smiled", "."]
    people, _ = find_people(_doc(words, ["PROPN", "VERB", "PUNCT"], [(0, 1, "PERSON")]), people_rules())
    assert people[0].sex() is None


def test_capitalized_words_coordinated_with_a_tagged_name_are_a_name() -> None:
    words = ["Tobi", "Okafor", "and", "Saga", "Lindqvist", "wed", "."]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"]
    people, _ = find_people(_doc(words, pos, [(0, 2, "PERSON")]), people_rules())
    assert [p.name for p in people] == ["Tobi Okafor", "Saga Lindqvist"]


def test_a_name_typed_as_a_place_is_a_person_when_the_census_knows_its_first_name() -> None:
    words = ["Jules", "Arden", "and", "Nadia", "Petrov", "divorced", "."]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"]
    people, _ = find_people(_doc(words, pos, [(0, 2, "GPE"), (3, 5, "PERSON")]), people_rules())
    assert {p.name for p in people} == {"Jules Arden", "Nadia Petrov"}


def test_names_with_capitals_inside_are_names() -> None:
    words = ["Veteran", "DeShawn", "Ellis", "won", ".", "McAdams", "lost", "to", "Rachel", "McAdams", "."]
    pos = ["ADJ", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "ADP", "PROPN", "PROPN", "PUNCT"]
    people, refs = find_people(_doc(words, pos, [(0, 3, "PERSON"), (8, 10, "PERSON")]), people_rules())
    assert [p.name for p in people] == ["DeShawn Ellis", "Rachel McAdams"]
    assert (5, 6) in [(r.start, r.end) for r in refs]


def test_capitalized_words_after_a_person_noun_are_a_name() -> None:
    words = ["Drummer", "Kev", "Doherty", "left", "."]
    pos = ["NOUN", "PROPN", "PROPN", "VERB", "PUNCT"]
    people, _ = find_people(_doc(words, pos, []), people_rules())
    assert [p.name for p in people] == ["Kev Doherty"]


def test_a_first_name_coordinated_with_a_full_name_shares_its_surname() -> None:
    words = ["Emeka", "and", "Ngozi", "Nwosu", "came", ".", "Caroline", "and", "Richard", "Holt", "too", "."]
    pos = [
        "PROPN",
        "CCONJ",
        "PROPN",
        "PROPN",
        "VERB",
        "PUNCT",
        "PROPN",
        "CCONJ",
        "PROPN",
        "PROPN",
        "ADV",
        "PUNCT",
    ]
    ents = [(0, 1, "PERSON"), (2, 4, "PERSON"), (6, 7, "ORG"), (8, 10, "PERSON")]
    people, _ = find_people(_doc(words, pos, ents), people_rules())
    assert sorted(p.name for p in people) == ["Caroline Holt", "Emeka Nwosu", "Ngozi Nwosu", "Richard Holt"]


def test_a_title_case_headline_gives_two_words_to_a_name_at_most() -> None:
    words = ["Ann", "Cole", "and", "Ex", "Ben", "Hart", "Reveal", "Custody", "Deal"]
    pos = ["PROPN"] * 3 + ["PROPN"] * 6
    pos[2] = "CCONJ"
    people, _ = find_people(_doc(words, pos, [(0, 2, "PERSON")]), people_rules())
    assert [p.name for p in people] == ["Ann Cole", "Ben Hart"]


def test_two_untagged_proper_nouns_starting_with_a_known_first_name_are_a_name() -> None:
    words = ["Nora", "Quist", "confirmed", "her", "engagement", "."]
    pos = ["PROPN", "PROPN", "VERB", "PRON", "NOUN", "PUNCT"]
    people, _ = find_people(_doc(words, pos, []), people_rules())
    assert [p.name for p in people] == ["Nora Quist"]


def test_a_plural_surname_after_the_is_a_family_not_a_person() -> None:
    words = ["Ann", "Cole", "met", "Ben", "Cole", ".", "The", "Coles", "wed", "."]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "DET", "PROPN", "VERB", "PUNCT"]
    people, _ = find_people(
        _doc(words, pos, [(0, 2, "PERSON"), (3, 5, "PERSON"), (7, 8, "PERSON")]), people_rules()
    )
    assert sorted(p.name for p in people) == ["Ann Cole", "Ben Cole"]


def test_a_capitalized_plural_noun_for_a_crowd_is_no_person() -> None:
    words = ["Glitzaholics", "were", "shocked", "by", "Ann", "Cole", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=["NOUN", "AUX", "VERB", "ADP", "PROPN", "PROPN", "PUNCT"],
        tags=["NNS", "VBD", "VBN", "IN", "NNP", "NNP", "."],
        sent_starts=[True] + [False] * 6,
    )
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 4, 6, "PERSON")]
    people, _ = find_people(doc, people_rules())
    assert [p.name for p in people] == ["Ann Cole"]


def test_a_surname_the_tagger_reads_as_a_plural_noun_is_still_a_name() -> None:
    words = ["Omar", "Vance", "won", ".", "Vanceha", ",", "34", ",", "smiled", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=["PROPN", "PROPN", "VERB", "PUNCT", "NOUN", "PUNCT", "NUM", "PUNCT", "VERB", "PUNCT"],
        tags=["NNP", "NNP", "VBD", ".", "NNS", ",", "CD", ",", "VBD", "."],
        sent_starts=[True, False, False, False, True, False, False, False, False, False],
    )
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 4, 5, "PERSON")]
    people, refs = find_people(doc, people_rules())
    assert [p.name for p in people] == ["Omar Vance", "Vanceha"]
    assert (4, 5) in [(r.start, r.end) for r in refs]


def test_a_name_the_parse_hangs_far_from_a_plural_noun_is_no_firm() -> None:
    from storyline.pipeline.things import used_as_thing

    words = [
        "Cal",
        "Ng",
        "denied",
        "reports",
        "that",
        "he",
        "wed",
        "his",
        "girlfriend",
        ",",
        "Lia",
        "Moss",
        ".",
    ]
    heads = [1, 2, 2, 2, 6, 6, 3, 8, 6, 8, 11, 3, 2]
    deps = ["compound", "nsubj", "ROOT", "dobj", "mark", "nsubj", "acl", "poss", "dobj", "punct"]
    deps += ["compound", "appos", "punct"]
    tags = ["NNP", "NNP", "VBD", "NNS", "IN", "PRP", "VBD", "PRP$", "NN", ",", "NNP", "NNP", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert not used_as_thing(doc[10:12], people_rules())


def test_a_byline_with_a_hyphenated_surname_leaves_no_part_of_it_a_person() -> None:
    # "By Kim Orr-Lane | Daily Post. Ann Cole sang." The byline is one name of two words, not a
    # credit glued to a second name "Lane".
    words = ["By", "Kim", "Orr", "-", "Lane", "|", "Daily", "Post", ".", "Ann", "Cole", "sang", "."]
    spaces = [True, True, False, False, True, True, True, False, True, True, True, False, False]
    pos = ["ADP", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT"]
    pos += ["PROPN", "PROPN", "VERB", "PUNCT"]
    doc = _doc(words, pos, [(1, 5, "PERSON"), (9, 11, "PERSON")], spaces)
    people, _ = find_people(doc, people_rules())
    assert [p.name for p in people] == ["Ann Cole"]


def test_a_name_typed_as_an_organization_is_a_person_when_a_part_of_its_hyphenated_first_name_is_known() -> (
    None
):
    # "Ann Cole and Lou-Mae Pryce split.": "Lou" is known to no list, "Mae" is.
    words = ["Ann", "Cole", "and", "Lou", "-", "Mae", "Pryce", "split", "."]
    spaces = [True, True, True, False, False, True, True, False, False]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = _doc(words, pos, [(0, 2, "PERSON"), (3, 7, "ORG")], spaces, starts=(0,))
    people, _ = find_people(doc, people_rules())
    assert sorted(p.name for p in people) == ["Ann Cole", "Lou-Mae Pryce"]


def test_a_nicknamed_name_keeps_all_of_a_double_barrelled_surname() -> None:
    # 'Ade "Dee" Ojo-Bello sang.'
    words = ["Ade", '"', "Dee", '"', "Ojo", "-", "Bello", "sang", "."]
    spaces = [True, False, False, True, False, False, True, False, False]
    pos = ["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"]
    doc = _doc(words, pos, [], spaces, starts=(0,))
    people, _ = find_people(doc, people_rules())
    assert [p.name for p in people] == ['Ade "Dee" Ojo-Bello']


def test_a_name_only_ever_after_in_or_a_peers_of_is_a_place() -> None:
    # "Ann Cole wed in Isla Verde. The Earl of Holbeck came. Ben Hart sang in Rome with Ann Cole."
    words = ["Ann", "Cole", "wed", "in", "Isla", "Verde", ".", "The", "Earl", "of", "Holbeck", "came", "."]
    words += ["Ben", "Hart", "sang", "in", "Rome", "with", "Ann", "Cole", "."]
    pos = ["PROPN", "PROPN", "VERB", "ADP", "PROPN", "PROPN", "PUNCT", "DET", "PROPN", "ADP", "PROPN"]
    pos += ["VERB", "PUNCT", "PROPN", "PROPN", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PROPN", "PUNCT"]
    ents = [(0, 2, "PERSON"), (4, 6, "PERSON"), (10, 11, "PERSON"), (13, 15, "PERSON"), (19, 21, "PERSON")]
    people, _ = find_people(_doc(words, pos, ents), people_rules())
    assert sorted(p.name for p in people) == ["Ann Cole", "Ben Hart"]


def test_a_name_running_on_into_a_title_case_headline_is_cut_to_the_form_the_story_writes() -> None:
    # "Ann Cole, Ben Hart Seal Union In Lavish Wedding / Ann Cole and Ben Hart married."
    words = ["Ann", "Cole", ",", "Ben", "Hart", "Seal", "Union", "In", "Lavish", "Wedding", "\n\n"]
    words += ["Ann", "Cole", "and", "Ben", "Hart", "married", "."]
    pos = ["PROPN", "PROPN", "PUNCT"] + ["PROPN"] * 7 + ["SPACE"]
    pos += ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"]
    spaces = [True, False, True, True, True, True, True, True, True, False, False]
    spaces += [True, True, True, True, True, False, False]
    ents = [(0, 2, "PERSON"), (3, 7, "PERSON"), (11, 13, "PERSON"), (14, 16, "PERSON")]
    doc = _doc(words, pos, ents, spaces, starts=(0, 11))
    people, _ = find_people(doc, people_rules())
    assert sorted(p.name for p in people) == ["Ann Cole", "Ben Hart"]


def test_a_surname_alone_goes_to_the_parent_not_to_a_child_just_named_with_it() -> None:
    # "Ben Hart and Ann Cole welcomed a daughter, Mia Rose Hart. Hart smiled."
    words = [
        "Ben",
        "Hart",
        "and",
        "Ann",
        "Cole",
        "welcomed",
        "a",
        "daughter",
        ",",
        "Mia",
        "Rose",
        "Hart",
        ".",
    ]
    words += ["Hart", "smiled", "."]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "PROPN"]
    pos += ["PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"]
    ents = [(0, 2, "PERSON"), (3, 5, "PERSON"), (9, 12, "PERSON"), (13, 14, "PERSON")]
    people, refs = find_people(_doc(words, pos, ents), people_rules())
    (hart,) = [r for r in refs if r.start == 13]
    assert people[hart.people[0]].name == "Ben Hart"


def test_half_of_a_double_barrelled_surname_typed_as_an_organization_is_the_person() -> None:
    # "Ann Cole-Hart sang. Hart smiled." with "Hart" typed as an organization.
    words = ["Ann", "Cole", "-", "Hart", "sang", ".", "Hart", "smiled", "."]
    spaces = [True, False, False, True, False, True, True, False, False]
    pos = ["PROPN", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    doc = _doc(words, pos, [(0, 4, "PERSON"), (6, 7, "ORG")], spaces)
    people, refs = find_people(doc, people_rules())
    assert [p.name for p in people] == ["Ann Cole-Hart"]
    assert [(r.start, r.people) for r in refs] == [(0, (0,)), (6, (0,))]


def test_a_known_first_name_before_a_one_word_thing_is_a_full_name() -> None:
    # "Tadhg Cole sang." with "Cole" read as a product and "Tadhg" untagged
    people, _ = find_people(
        _doc(["Tadhg", "Cole", "sang", "."], ["PROPN", "PROPN", "VERB", "PUNCT"], [(1, 2, "PRODUCT")]),
        people_rules(),
    )
    assert [p.name for p in people] == ["Tadhg Cole"]


def test_a_long_name_after_by_is_one_byline_not_a_credit_glued_to_a_name() -> None:
    words = ["By", "Pol", "Mac", "Giolla", "Rua", ".", "Ann", "Cole", "sang", "."]
    pos = ["ADP", "PROPN", "PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
    people, _ = find_people(_doc(words, pos, [(1, 5, "PERSON"), (6, 8, "PERSON")]), people_rules())
    assert [p.name for p in people] == ["Ann Cole"]


def test_a_surname_alone_never_goes_to_a_baby_named_more_often_than_the_parent() -> None:
    # "Ben Hart welcomed a son, Leo Hart. Leo Hart weighed 8lb. Hart smiled."
    words = [
        "Ben",
        "Hart",
        "welcomed",
        "a",
        "son",
        ",",
        "Leo",
        "Hart",
        ".",
        "Leo",
        "Hart",
        "weighed",
        "8lb",
        ".",
    ]
    words += ["Hart", "smiled", "."]
    pos = [
        "PROPN",
        "PROPN",
        "VERB",
        "DET",
        "NOUN",
        "PUNCT",
        "PROPN",
        "PROPN",
        "PUNCT",
        "PROPN",
        "PROPN",
        "VERB",
    ]
    pos += ["NUM", "PUNCT", "PROPN", "VERB", "PUNCT"]
    ents = [(0, 2, "PERSON"), (6, 8, "PERSON"), (9, 11, "PERSON"), (14, 15, "PERSON")]
    people, refs = find_people(_doc(words, pos, ents), people_rules())
    (hart,) = [r for r in refs if r.start == 14]
    assert people[hart.people[0]].name == "Ben Hart"


def test_a_surname_whose_possessive_precedes_a_shows_title_stays_a_person() -> None:
    # "Ben Hart sang. Hart's Ridgeline co-star Mia Lane smiled."
    words = [
        "Ben",
        "Hart",
        "sang",
        ".",
        "Hart",
        "'s",
        "Ridgeline",
        "co",
        "-",
        "star",
        "Mia",
        "Lane",
        "smiled",
        ".",
    ]
    spaces = [True, True, False, True, False, True, True, False, False, True, True, True, False, False]
    pos = [
        "PROPN",
        "PROPN",
        "VERB",
        "PUNCT",
        "PROPN",
        "PART",
        "PROPN",
        "NOUN",
        "PUNCT",
        "NOUN",
        "PROPN",
        "PROPN",
    ]
    pos += ["VERB", "PUNCT"]
    doc = _doc(words, pos, [(0, 2, "PERSON"), (4, 5, "PERSON"), (10, 12, "PERSON")], spaces)
    doc[5].tag_ = "POS"
    people, refs = find_people(doc, people_rules())
    (hart,) = [r for r in refs if r.start == 4]
    assert people[hart.people[0]].name == "Ben Hart"


def test_a_one_word_name_is_not_completed_by_a_title_case_headlines_next_word() -> None:
    # "Ann Cole and Ben Hart Separate After Six Years / Hart smiled."
    words = [
        "Ann",
        "Cole",
        "and",
        "Ben",
        "Hart",
        "Separate",
        "After",
        "Six",
        "Years",
        "\n\n",
        "Hart",
        "smiled",
        ".",
    ]
    pos = [
        "PROPN",
        "PROPN",
        "CCONJ",
        "PROPN",
        "PROPN",
        "PROPN",
        "ADP",
        "NUM",
        "NOUN",
        "SPACE",
        "PROPN",
        "VERB",
    ]
    pos += ["PUNCT"]
    spaces = [True] * 8 + [False, False, True, False, False]
    doc = _doc(words, pos, [(0, 2, "PERSON"), (10, 11, "PERSON")], spaces, starts=(0, 10))
    people, _ = find_people(doc, people_rules())
    assert "Hart Separate" not in [p.name for p in people]

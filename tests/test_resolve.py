from storyline.model import IdentityEdit
from storyline.resolve import Identities, fold_name


def test_spellings_that_differ_by_accent_or_case_are_one_person() -> None:
    ids = Identities(["Gerard Pique", "Gerard Piqué", "gerard pique"])
    assert {ids.canonical(n) for n in ("Gerard Pique", "gerard pique")} == {"Gerard Piqué"}


def test_a_part_of_exactly_one_fuller_name_is_that_person() -> None:
    ids = Identities(["Meghan", "Meghan Markle", "Harry", "Prince Harry", "Harry Stone"])
    assert ids.canonical("Meghan") == "Meghan Markle"
    assert ids.canonical("Harry") == "Harry"  # two Harrys: left alone


def test_people_who_share_a_surname_are_not_merged() -> None:
    ids = Identities(["Victoria Marsh", "David Marsh", "Marsh"])
    assert ids.canonical("Victoria Marsh") != ids.canonical("David Marsh")
    assert ids.canonical("Marsh") == "Marsh"


def test_hand_merges_hold_until_unmerged() -> None:
    merge = IdentityEdit("1", "merge", "Jessie Ray", "Jesse Ray", "2024-01-01T00:00:00")
    unmerge = IdentityEdit("2", "unmerge", "Jessie Ray", "Jesse Ray", "2024-02-01T00:00:00")
    assert Identities(["Jessie Ray", "Jesse Ray"], [merge]).canonical("Jesse Ray") == Identities(
        ["Jessie Ray", "Jesse Ray"], [merge]
    ).canonical("Jessie Ray")
    undone = Identities(["Jessie Ray", "Jesse Ray"], [merge, unmerge])
    assert undone.canonical("Jesse Ray") != undone.canonical("Jessie Ray")


def test_lookup_finds_what_a_user_types() -> None:
    ids = Identities(["Ann Cole", "Ben Hart"])
    assert ids.lookup("ann cole") == "Ann Cole"
    assert ids.lookup("Hart") == "Ben Hart"
    assert ids.lookup("Zed") is None
    assert fold_name("Piqué, Gerard!") == "pique gerard"


def test_one_letter_in_a_long_name_is_a_spelling_but_short_names_stay_apart() -> None:
    ids = Identities(
        ["Jesse Harwood", "Jessie Harwood", "Dan Hart", "Don Hart", "Victor Marsh", "Victoria Marsh"]
    )
    assert ids.canonical("Jesse Harwood") == ids.canonical("Jessie Harwood")
    assert ids.canonical("Dan Hart") != ids.canonical("Don Hart")
    assert ids.canonical("Victor Marsh") != ids.canonical("Victoria Marsh")

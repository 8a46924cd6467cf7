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
    ids = Identities(["Victoria Beckham", "David Beckham", "Beckham"])
    assert ids.canonical("Victoria Beckham") != ids.canonical("David Beckham")
    assert ids.canonical("Beckham") == "Beckham"


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
        ["Jesse Buckley", "Jessie Buckley", "Dan Hart", "Don Hart", "Victor Beckham", "Victoria Beckham"]
    )
    assert ids.canonical("Jesse Buckley") == ids.canonical("Jessie Buckley")
    assert ids.canonical("Dan Hart") != ids.canonical("Don Hart")
    assert ids.canonical("Victor Beckham") != ids.canonical("Victoria Beckham")

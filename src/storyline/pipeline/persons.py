"""Who the people of a story are, as data: the word lists of rules/en/people.toml, a `Person`, and a
`PersonRef` (the words that point at one). Shared by names, people, coref, speakers and couples,
so none of them has to import another to speak of a person."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

from storyline.pipeline.rulefile import load_rules, string_list

__all__ = ["CHILD_ROLES", "GENERATIONS", "PeopleRules", "Person", "PersonRef", "fold", "people_rules"]

# Words after a surname that tell a son named after his father: "Ned Vane Jr.", "Carl Lind III".
GENERATIONS = frozenset({"jr", "jr.", "junior", "sr", "sr.", "senior", "ii", "iii", "iv"})
# Descriptions that bring a person in as someone's child ("a daughter, Mia Rose Hart"); "girl" and
# "boy" are left out, as news calls grown people so ("It's a girl! Ann Cole ...").
CHILD_ROLES = frozenset({"daughter", "son", "baby", "child", "stepson", "stepdaughter"})

_FILE = "rules/en/people.toml"
_QUOTES = "\"'\u201c\u201d\u2018\u2019"


@dataclass(frozen=True, slots=True)
class PeopleRules:
    """The word lists of rules/en/people.toml, lowercased."""

    female_pronouns: frozenset[str]
    male_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    first_person: frozenset[str]  # "I", "me", "my": the speaker, inside a quotation
    first_plural: frozenset[str]  # "we", "our": the speaker and partner, inside a quotation
    second_person: frozenset[str]  # "you", "your": in a Q&A's questions, the person interviewed
    keep_titles: frozenset[str]
    drop_titles: frozenset[str]
    female_descriptors: frozenset[str]
    male_descriptors: frozenset[str]
    neutral_descriptors: frozenset[str]
    group_nouns: frozenset[str]
    kin_nouns: frozenset[str]  # "twins Lia and Teo": names under one are no couple
    credit_markers: frozenset[str]
    credit_window: int
    not_names: frozenset[str]
    place_words: frozenset[str]  # "Elm Valley", "Harbour Street": a name with one is a place
    female_words: frozenset[str]
    male_words: frozenset[str]
    female_names: frozenset[str]
    male_names: frozenset[str]
    focus_cues: frozenset[str]
    ending_cues: frozenset[str]
    role_verbs: frozenset[str]
    functionaries: frozenset[str]  # "host", "lawyer": who serves a couple, not a member of one
    nicknames: Mapping[str, frozenset[str]]  # a first name → every form of it (itself included)
    thing_after: frozenset[str]  # "Bellmoor Inc.", "Harbour Lights villa": the name is a thing
    thing_before: frozenset[str]  # "the magazine Tidewater"
    thing_last: frozenset[str]  # "Roussel Public Affairs", "Tidewater Holdings": the name's own last word
    informants: frozenset[str]  # "a source tells Glitzwire": Glitzwire is an outlet
    relatives: frozenset[str]  # "wife", "son": after a name, a person's relative, not a title's role
    real_name_cues: frozenset[str]  # "Kaz, whose real name is Kazimir Nowak": the second is legal
    real_name_labels: frozenset[str]  # "Vex (real name Vera Exley)": the legal name, in full, is the name
    stage_name_cues: frozenset[str]  # "Kazimir Nowak, better known as Kaz": the first is legal

    def descriptor_gender(self, noun: str) -> str | None:
        """'f', 'm' or '' (a person of either gender) for a descriptor noun; None when it is not one."""
        if noun in self.female_descriptors:
            return "f"
        if noun in self.male_descriptors:
            return "m"
        return "" if noun in self.neutral_descriptors else None

    def first_name(self, word: str) -> bool:
        """A first name of our own lists (not the census's, which holds "Love" and "Sun")."""
        return word in self.female_names or word in self.male_names


@cache
def people_rules() -> PeopleRules:
    data = load_rules("people")

    def words(section: str, key: str) -> frozenset[str]:
        table = data.get(section, {})
        return frozenset(string_list(table, key, _FILE, section))

    window = data.get("credits", {}).get("window", 2)
    return PeopleRules(
        female_pronouns=words("pronouns", "female"),
        male_pronouns=words("pronouns", "male"),
        plural_pronouns=words("pronouns", "plural"),
        first_person=words("pronouns", "first"),
        first_plural=words("pronouns", "first_plural"),
        second_person=words("pronouns", "second"),
        keep_titles=words("titles", "keep"),
        drop_titles=words("titles", "drop"),
        female_descriptors=words("descriptors", "female"),
        male_descriptors=words("descriptors", "male"),
        neutral_descriptors=words("descriptors", "neutral"),
        group_nouns=words("groups", "nouns"),
        kin_nouns=words("groups", "kin"),
        credit_markers=words("credits", "markers"),
        credit_window=int(window),
        not_names=words("not_names", "words") | words("not_names", "headline_verbs"),
        place_words=words("not_names", "places"),
        female_words=words("gender_words", "female"),
        male_words=words("gender_words", "male"),
        female_names=words("first_names", "female"),
        male_names=words("first_names", "male"),
        focus_cues=words("focus", "cues"),
        ending_cues=words("focus", "endings"),
        role_verbs=words("roles", "verbs"),
        functionaries=words("functionaries", "nouns"),
        nicknames=_nickname_table(data.get("nicknames", {}).get("forms", [])),
        thing_after=words("things", "after"),
        thing_before=words("things", "before"),
        thing_last=words("things", "last"),
        informants=words("things", "informants"),
        relatives=words("things", "relatives"),
        real_name_cues=words("aliases", "real"),
        real_name_labels=words("aliases", "labels"),
        stage_name_cues=words("aliases", "stage"),
    )


def _nickname_table(lines: list[list[str]]) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in lines:
        forms = {str(f).lower() for f in line}
        for form in forms:
            table.setdefault(form, set()).update(forms)
    return {form: frozenset(forms) for form, forms in table.items()}


@dataclass(slots=True)
class Person:
    """One individual in the article. `name` is the fullest name given; `gender` 'f', 'm' or None."""

    index: int
    name: str
    gender: str | None = None
    forms: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # descriptor nouns the text gives them: "singer"
    age: int | None = None  # as the article gives it: "Ann Doe, 36,"
    likely_gender: str | None = None  # what the first name usually is (census), until the text says
    fictional: bool = False  # a character ("Nell (Ann Cole)"): takes its pronouns, then leaves the story

    def sex(self) -> str | None:
        """The gender the text gives, else the one the first name makes likely."""
        return self.gender or self.likely_gender

    @property
    def tokens(self) -> list[str]:
        """The words of the name, without the quotes of a nickname ('Neville "Big Nev" Okereke')."""
        return [word.strip(_QUOTES) for word in fold(self.name).split() if word.strip(_QUOTES)]


@dataclass(frozen=True, slots=True)
class PersonRef:
    """Tokens [start, end) that refer to `people` (one person, or two for "the couple")."""

    start: int
    end: int
    people: tuple[int, ...]
    kind: str  # "name", "pronoun", "descriptor", "group" (a couple) or "family" ("the Marshes")

    @property
    def plural(self) -> bool:
        """A reference to several people at once ("the couple", "the Marshes")."""
        return self.kind in ("group", "family")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lowercase without accents, so "Peña" and "Pena" are one name."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()

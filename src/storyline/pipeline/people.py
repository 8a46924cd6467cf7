"""The `storyline_people` component: who is in the story, and which words point at them.

Reads `doc.ents` (PERSON and the names the tagger mistypes), tokens and sentences; writes
`doc._.people` (one `Person` per individual, with the fullest name the article gives) and
`doc._.refs` (every `PersonRef`: names, pronouns, descriptors such as "the singer", and groups such
as "the couple"). Photo credits and bylines are never people in the story.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.pipeline import extensions
from storyline.pipeline.career import WORK_NOUNS
from storyline.pipeline.coref import resolve_references
from storyline.pipeline.first_names import census_gender
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.pipeline.speakers import interview_first_person, quoted_first_person

__all__ = ["PeopleRules", "Person", "PersonRef", "make_people", "people_rules"]

_FILE = "rules/en/people.toml"
_NAME_LABELS = frozenset({"PERSON"})
# Labels the tagger gives to names it is unsure of; kept only when they match a known person.
_MISTYPED = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"})


@dataclass(frozen=True, slots=True)
class PeopleRules:
    """The word lists of rules/en/people.toml, lowercased."""

    female_pronouns: frozenset[str]
    male_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    first_person: frozenset[str]  # "I", "me", "my": the speaker, inside a quotation
    first_plural: frozenset[str]  # "we", "our": the speaker and partner, inside a quotation
    keep_titles: frozenset[str]
    drop_titles: frozenset[str]
    female_descriptors: frozenset[str]
    male_descriptors: frozenset[str]
    neutral_descriptors: frozenset[str]
    group_nouns: frozenset[str]
    credit_markers: frozenset[str]
    credit_window: int
    not_names: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    female_names: frozenset[str]
    male_names: frozenset[str]
    focus_cues: frozenset[str]
    ending_cues: frozenset[str]
    role_verbs: frozenset[str]
    nicknames: Mapping[str, frozenset[str]]  # a first name → every form of it (itself included)

    def descriptor_gender(self, noun: str) -> str | None:
        """'f', 'm' or '' (a person of either gender) for a descriptor noun; None when it is not one."""
        if noun in self.female_descriptors:
            return "f"
        if noun in self.male_descriptors:
            return "m"
        return "" if noun in self.neutral_descriptors else None


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
        keep_titles=words("titles", "keep"),
        drop_titles=words("titles", "drop"),
        female_descriptors=words("descriptors", "female"),
        male_descriptors=words("descriptors", "male"),
        neutral_descriptors=words("descriptors", "neutral"),
        group_nouns=words("groups", "nouns"),
        credit_markers=words("credits", "markers"),
        credit_window=int(window),
        not_names=words("not_names", "words"),
        female_words=words("gender_words", "female"),
        male_words=words("gender_words", "male"),
        female_names=words("first_names", "female"),
        male_names=words("first_names", "male"),
        focus_cues=words("focus", "cues"),
        ending_cues=words("focus", "endings"),
        role_verbs=words("roles", "verbs"),
        nicknames=_nickname_table(data.get("nicknames", {}).get("forms", [])),
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

    def sex(self) -> str | None:
        """The gender the text gives, else the one the first name makes likely."""
        return self.gender or self.likely_gender

    @property
    def tokens(self) -> list[str]:
        return fold(self.name).split()


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


_GLUED_CAPTION = re.compile(r"(?<=[a-z])(?:Credit|Credits|Photo|Photos|Image|Images|Getty)$")


def _capitalized(token: Token) -> bool:
    """A word written as a name is: "Hart", and "McAdams" or "DeShawn", which are not title case."""
    return token.is_title or (token.text[:1].isupper() and any(c.islower() for c in token.text))


def _text(name: Span) -> str:
    """A name's text without what scraping glued to it: "Ann Doe/" and "Ann DoeCredit" → "Ann Doe"."""
    return _GLUED_CAPTION.sub("", name.text.strip("/\\|-,;:()[]{}*_ ")).strip()


def fold(text: str) -> str:
    """Lowercase without accents, so "Piqué" and "Pique" are one name."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _clean_name(span: Span, rules: PeopleRules) -> Span | None:
    """The name inside an entity span: no leading "Ms."/"actress", no trailing "'s"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in rules.drop_titles
        or doc[start].lower_ in rules.not_names
        or not (_capitalized(doc[start]) or doc[start].is_upper)
        or (end - start > 1 and rules.descriptor_gender(doc[start].lower_) is not None)  # "Singer Ann Doe"
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or not any(c.isalpha() for c in doc[end - 1].text)
        or doc[end - 1].lower_ in rules.not_names
    ):
        end -= 1
    if start >= end:
        return None
    name = doc[start:end]
    if any(t.lower_ in rules.not_names for t in name) or any(t.like_num for t in name):
        return None
    if all(t.lower_ in rules.keep_titles for t in name):
        return None
    last, first = name[-1].lower_, name[0].lower_
    if (
        len(name) > 1
        and rules.descriptor_gender(last) is not None
        and first not in rules.female_names | rules.male_names
    ):
        return None  # "Spice Girl", "Bond Girl": a role, not a name
    if name.text.isupper() and len(name) > 1 and len(name.text) > 12:
        return None  # a shouted headline fragment, not a name
    return name


def _is_credit(doc: Doc, start: int, rules: PeopleRules) -> bool:
    """True when the name at `start` follows a credit marker (©, "Photo:", "By") or precedes "/Getty"."""
    for i in range(max(0, start - rules.credit_window), start):
        if doc[i].lower_ in rules.credit_markers or doc[i].lower_.rstrip(":") in rules.credit_markers:
            if doc[i].lower_ == "by" and i > 0 and not doc[i].is_sent_start and doc[i - 1].is_alpha:
                continue  # "was joined by Ann Doe" is not a byline
            if doc[i].lower_ in ("instagram", "getty", "reuters", "ap", "afp", "pa") and i < start - 1:
                continue
            return True
    return False


def _credit_tail(doc: Doc, span: Span) -> bool:
    """True for "Ann Doe/Getty Images"-style names glued to an agency."""
    after = span.end
    return after < len(doc) and doc[after].text.startswith("/")


def _is_role(name: Span, rules: PeopleRules) -> bool:
    """ "rose to fame as Hannah Vane", "plays Kit Vane": a character's name, not a person in the story."""
    before = name.doc[name.start - 1] if name.start > 0 else None
    if before is None:
        return False
    if before.lower_ == "as":
        return any(t.lemma_.lower() in rules.role_verbs for t in name.sent if t.i < name.start)
    # "the play Glass Orchard": a title, whatever the tagger thought.
    if before.lower_ in WORK_NOUNS:
        return True
    # "plays detective Kit Vane": the verb, then only lowercase words, then the name.
    doc = name.doc
    for i in range(name.start - 1, max(name.sent.start, name.start - 4) - 1, -1):
        if doc[i].lemma_.lower() in ("play", "portray") and doc[i].pos_ == "VERB":
            return True
        if not doc[i].is_lower:
            return False
    return False


def _is_title_modifier(name: Span, rules: PeopleRules) -> bool:
    """ "the Emma actor", "the One Kiss singer": a film or song title describing someone, not a person."""
    doc = name.doc
    after = name.end
    # Over the rest of the title: "Assassin's Creed actor", "Emma" actor".
    while (
        after < len(doc)
        and after - name.end < 4
        and (doc[after].is_quote or doc[after].tag_ == "POS" or doc[after].is_title or doc[after].text == ":")
    ):
        after += 1
    if after >= len(doc) or doc[after].is_title or rules.descriptor_gender(doc[after].lower_) is None:
        return False
    # Left of the name, over the rest of the title ("the Fantastic Beasts: The Crimes of"), to "the".
    for i in range(name.start - 1, max(-1, name.start - 9), -1):
        token = doc[i]
        if token.lower_ in ("the", "a", "an") or token.tag_ in ("POS", "PRP$"):
            return True
        ageing = token.lower_ in ("year", "years", "old", "-")  # "the 40-year-old ... actor"
        if not (
            token.is_title
            or token.is_punct
            or token.is_quote
            or token.like_num
            or ageing
            or token.lower_ in ("of", "and")
        ):
            return False
    return False


def _looks_like_person(ent: Span, rules: PeopleRules) -> bool:
    """A mistyped entity that is a person's name: two or three capitalized words after a person noun
    ("DJ Ravi Holt", "actor Teo Vance") or starting with a known first name."""
    words = [
        t for t in ent if t.lower_ not in rules.drop_titles and rules.descriptor_gender(t.lower_) is None
    ]
    if not 2 <= len(words) <= 3 or not all(_capitalized(t) for t in words):
        return False
    described = rules.descriptor_gender(ent[0].lower_) is not None or (
        ent.start > 0 and rules.descriptor_gender(ent.doc[ent.start - 1].lower_) is not None
    )
    first = words[0].lower_
    return described or first in rules.female_names or first in rules.male_names or bool(census_gender(first))


def _completes(ent: Span, singles: set[str]) -> bool:
    """ "Kiki Marsh" typed as a place where "Kiki" alone was tagged a person elsewhere."""
    return 2 <= len(ent) <= 3 and ent[0].text in singles and all(_capitalized(t) for t in ent)


def _completed_names(doc: Doc, singles: set[str]) -> Iterator[Span]:
    """ "Kiki Marsh" where the tagger found only "Kiki" somewhere: a one-word name it tagged, followed
    elsewhere by a capitalized word it left untagged, is that person's full name."""
    for token in doc[:-1]:
        after = doc[token.i + 1]
        if (
            token.text in singles
            and not token.ent_type_
            and _capitalized(after)
            and after.pos_ == "PROPN"
            and not after.ent_type_
        ):
            yield doc[token.i : token.i + 2]


def _headline(sentence: Span) -> bool:
    """A line in title case ("Shakira and Gerard Pique Reveal Custody Deal"), where capitals mark
    every word and say nothing of names."""
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    if last is None or last.text in (".", "!", "?", '"', "'", "\u201d", "\u2019"):
        return False  # a sentence of prose, however many names it holds
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) > 0.7 * len(words)


def _coordinated_names(doc: Doc) -> Iterator[Span]:
    """ "Tobi Okafor and Saga Lindqvist": two or three capitalized words the tagger left untagged,
    coordinated with a name it tagged, are a name too (two at most in a title-case headline, where
    the next word is capitalized too: "Tobi Okafor and Saga Lindqvist Are Engaged")."""
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if ent.end < len(doc) and doc[ent.end].lower_ == "and":
            yield from _untagged_name_at(doc, ent.end + 1, 2 if _headline(ent.sent) else 3)
        # "Caroline and Richard Holt": an untagged first name before "and" and a tagged full name
        first = doc[ent.start - 2] if ent.start >= 2 and doc[ent.start - 1].lower_ == "and" else None
        if (
            first is not None
            and (first.ent_type_ or "") in ("", *_MISTYPED)
            and _capitalized(first)
            and census_gender(first.text)
        ):
            yield doc[first.i : first.i + 1]


def _described_names(doc: Doc, rules: PeopleRules) -> Iterator[Span]:
    """ "Drummer Kev Doherty", "actor Teo Vance": two or three capitalized words the tagger left
    untagged, right after a noun for a person, are that person's name (two at most in a headline)."""
    for token in doc[:-2]:
        if rules.descriptor_gender(token.lower_) is None or token.pos_ not in ("NOUN", "PROPN"):
            continue
        yield from _untagged_name_at(doc, token.i + 1, 2 if _headline(token.sent) else 3)


def _untagged_name_at(doc: Doc, start: int, longest: int) -> Iterator[Span]:
    """Two to `longest` capitalized proper nouns from `start` that the tagger left untagged."""
    end = start
    while end < len(doc) and end - start < longest and _capitalized(doc[end]) and doc[end].pos_ == "PROPN":
        end += 1
    if end - start >= 2 and not any(t.ent_type_ for t in doc[start:end]):
        yield doc[start:end]


def _holiday(name: Span) -> bool:
    """ "Valentine's Day", "St Patrick's Day", "New Year's Eve": a name in a holiday is no person."""
    doc, end = name.doc, name.end
    return end + 1 < len(doc) and doc[end].tag_ == "POS" and doc[end + 1].lower_ in ("day", "eve")


def _aged_names(doc: Doc) -> Iterator[Span]:
    """ "Brooklyn, 26, and ...": capitalized words the tagger missed or typed as a place, followed by
    an age in apposition. In news an age between commas follows a person and nothing else."""
    for token in doc:
        if not (token.is_title and token.pos_ == "PROPN") or token.ent_type_ in ("PERSON", "DATE"):
            continue
        if _age_beside(doc[token.i : token.i + 1]) is None:
            continue
        start = token.i
        while start > max(0, token.i - 2) and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if any(t.ent_type_ == "PERSON" for t in doc[start : token.i]):
            continue
        # One word alone must be the subject: "sons Leo, 10, and Max, 8" lists children, not people
        # of the story, and "Brooklyn, 26, remained in LA" is someone.
        if start == token.i and token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        yield doc[start : token.i + 1]


def _name_spans(doc: Doc, rules: PeopleRules) -> Iterator[Span]:
    singles = {ent.text for ent in doc.ents if len(ent) == 1 and ent.label_ in _NAME_LABELS}
    tagged = [
        ent
        for ent in doc.ents
        if ent.label_ in _NAME_LABELS
        or (ent.label_ in _MISTYPED and (_looks_like_person(ent, rules) or _completes(ent, singles)))
    ]
    found = [
        *_aged_names(doc),
        *_completed_names(doc, singles),
        *_coordinated_names(doc),
        *_described_names(doc, rules),
    ]
    for ent in [*tagged, *found]:
        name = _clean_name(ent, rules)
        before = doc[name.start - 1] if name is not None and name.start > 0 else None
        titled = before is not None and before.lower_ in rules.keep_titles and before.is_title
        first_name = (
            before is not None
            and before.is_title
            and (before.lower_ in rules.female_names or before.lower_ in rules.male_names)
            and name is not None
            and len(name) == 1
        )
        if name is not None and (titled or first_name) and name.start == ent.start:
            name = doc[name.start - 1 : name.end]  # "Prince Harry" or "Dua Lipa" tagged as "Harry", "Lipa"
        if (
            name is None
            or _holiday(name)
            or _credit_tail(doc, name)
            or _is_role(name, rules)
            or _is_title_modifier(name, rules)
        ):
            continue
        if _is_credit(doc, name.start, rules):
            # "© Ann Doe Mira Dahl": the tagger glued the credit to the name that follows it.
            if len(name) >= 4:
                yield doc[name.start + 2 : name.end]
            continue
        yield name


def _link(people: list[Person], name: Span, rules: PeopleRules, recent: list[int]) -> tuple[int, bool] | None:
    """The person a name belongs to (and whether it is new); partial names join the latest full name."""
    folded = fold(_text(name))
    tokens = folded.split()
    for person in people:
        if folded == fold(person.name):
            return person.index, False
    candidates = [p for p in people if set(tokens) < set(p.tokens) or set(p.tokens) < set(tokens)]
    # "Mrs. Hart" is not Ben Hart: a gendered title or word next to the name must agree.
    cue = _gender_from(name, rules)
    candidates = [p for p in candidates if cue is None or p.gender in (None, cue)]
    if not candidates and len(tokens) == 1:
        # "Peter" for "Pete Davidson": a short or full form of a first name the article gave.
        forms = rules.nicknames.get(tokens[0], frozenset())
        candidates = [p for p in people if len(p.tokens) > 1 and p.tokens[0] in forms]
    if not candidates:
        return None
    if len(candidates) > 1:
        # "Markle" beside Meghan Markle and her father Thomas: the one the article names most, then
        # the one named last.
        order = {index: rank for rank, index in enumerate(reversed(recent))}
        candidates.sort(key=lambda p: (-recent.count(p.index), order.get(p.index, len(order))))
    return candidates[0].index, False


def _gender_from(name: Span, rules: PeopleRules) -> str | None:
    doc = name.doc
    before = doc[name.start - 1].lower_ if name.start > 0 else ""
    first = fold(name[0].text)
    if first in rules.keep_titles and len(name) > 1:
        if first in rules.female_words:
            return "f"
        if first in rules.male_words:
            return "m"
        first = fold(name[1].text)
    # Titles ("Mrs.") say it surely; then the first name; the word before ("fiancé Ann") last,
    # as writers slip between fiancé and fiancée.
    if before in ("mrs", "mrs.", "ms", "ms.", "miss"):
        return "f"
    if before in ("mr", "mr."):
        return "m"
    if first in rules.female_names:
        return "f"
    if first in rules.male_names:
        return "m"
    if before in rules.female_words:
        return "f"
    if before in rules.male_words:
        return "m"
    return None


def _likely_gender(name: Span) -> str | None:
    """The census's gender for the first word of a full name (a surname alone says nothing)."""
    return census_gender(name[0].text) if len(name) > 1 else None


def find_people(doc: Doc, rules: PeopleRules) -> tuple[list[Person], list[PersonRef]]:
    """Named people and their name mentions, before pronouns and descriptors are resolved."""
    people: list[Person] = []
    refs: list[PersonRef] = []
    recent: list[int] = []
    spans = sorted(_name_spans(doc, rules), key=lambda s: (-len(s), s.start))
    # Full names first, so that "James" can join "James Norton" even when it comes first.
    full_forms: dict[int, Counter[str]] = {}
    for name in spans:
        if len(name) < 2:
            continue
        linked = _link(people, name, rules, recent)
        if linked is None:
            people.append(Person(len(people), _text(name), _gender_from(name, rules), {_text(name)}))
            index = len(people) - 1
        else:
            index = linked[0]
            people[index].forms.add(_text(name))
        people[index].likely_gender = people[index].likely_gender or _likely_gender(name)
        full_forms.setdefault(index, Counter())[_text(name)] += 1
    # The person's name: the full form the article uses most, the longer on a tie. A headline's
    # "Ann Doe Single Again" once does not rename the Ann Doe of the story.
    for index, forms in full_forms.items():
        people[index].name = max(forms, key=lambda form: (forms[form], len(form.split())))
    ordered = sorted(_all_name_spans(doc, spans, people, rules), key=lambda pair: pair[0].start)
    taken: set[int] = set()
    for name, tagged in ordered:
        if any(i in taken for i in range(name.start, name.end)):
            continue
        linked = _link(people, name, rules, recent)
        if linked is None:
            if not tagged or (len(name) == 1 and any(fold(name.text) in p.tokens for p in people)):
                continue  # "Mrs. Hart" beside Ben Hart: his wife, whom the name alone does not say
            people.append(Person(len(people), _text(name), _gender_from(name, rules), {_text(name)}))
            index = len(people) - 1
        else:
            index = linked[0]
        person = people[index]
        if person.gender is None:
            person.gender = _gender_from(name, rules)
        person.likely_gender = person.likely_gender or _likely_gender(name)
        person.roles.update(_roles_beside(name, rules))
        if person.age is None:
            person.age = _age_beside(name)
        refs.append(PersonRef(name.start, name.end, (index,), "name"))
        taken.update(range(name.start, name.end))
        recent.append(index)
    _share_surnames(doc, people, refs)
    return people, refs


def _share_surnames(doc: Doc, people: list[Person], refs: list[PersonRef]) -> None:
    """ "Emeka and Ngozi Nwosu", "his parents, Simon and Alison Blackwood": a first name alone,
    coordinated with a full name right after it, shares that name's surname."""
    by_start = {ref.start: ref for ref in refs}
    for ref in refs:
        person = people[ref.people[0]]
        after = by_start.get(ref.end + 1)
        if (
            ref.end - ref.start != 1
            or len(person.tokens) != 1
            or after is None
            or ref.end >= len(doc)
            or doc[ref.end].lower_ != "and"
            or after.end - after.start != 2
        ):
            continue
        full = people[after.people[0]]
        if full.index != person.index and len(full.tokens) == 2 and person.tokens[0] != full.tokens[0]:
            person.name = f"{person.name} {full.name.split()[-1]}"
            person.forms.add(person.name)


def _age_beside(name: Span) -> int | None:
    """The age in apposition: "Ann Doe, 36," (a number under 120 between commas, or before a period)."""
    doc = name.doc
    if name.end + 2 > len(doc) or doc[name.end].text != ",":
        return None
    number = doc[name.end + 1]
    after = doc[name.end + 2].text if name.end + 2 < len(doc) else "."
    if number.text.isdigit() and int(number.text) < 120 and after in (",", ".", ")", ";"):
        return int(number.text)
    return None


def _roles_beside(name: Span, rules: PeopleRules) -> set[str]:
    """Descriptor nouns right before a name or in apposition: "singer Ann Doe", "Ann Doe, the singer"."""
    doc = name.doc
    roles: set[str] = set()
    for i in range(max(0, name.start - 2), name.start):
        if rules.descriptor_gender(doc[i].lower_) is not None:
            roles.add(doc[i].lower_)
    head = name.root
    for child in head.children:
        if child.dep_ == "appos" and rules.descriptor_gender(child.lower_) is not None:
            roles.add(child.lower_)
    if head.dep_ == "appos" and rules.descriptor_gender(head.head.lower_) is not None:
        roles.add(head.head.lower_)
    return roles


def _all_name_spans(
    doc: Doc, spans: list[Span], people: list[Person], rules: PeopleRules
) -> Iterator[tuple[Span, bool]]:
    """Tagged names (True), plus known name parts the tagger typed as ORG/GPE or missed (False)."""
    for span in spans:
        yield span, True
    known = {t for p in people for t in p.tokens if t not in rules.keep_titles}
    known |= {fold(s.text) for s in spans if len(s) == 1}  # "Lipa" tagged once, typed GPE elsewhere
    full = {fold(p.name) for p in people}
    for ent in doc.ents:
        if ent.label_ in _MISTYPED:
            cleaned = _clean_name(ent, rules)
            if cleaned is not None and (fold(cleaned.text) in full or fold(cleaned.text) in known):
                yield cleaned, False
    for token in doc:
        if not _capitalized(token) or fold(token.text) not in known or token.ent_type_ == "PERSON":
            continue
        if token.ent_type_ in _MISTYPED:
            around = next((e for e in doc.ents if e.start <= token.i < e.end), None)
            if around is not None and len(around) > 1:
                continue  # part of a longer title or place: "Happy Valley", "Turner Prize"
        yield doc[token.i : token.i + 1], False


@Language.factory(
    "storyline_people",
    assigns=["doc._.people", "doc._.refs", "doc._.focus", "token._.ref"],
    requires=["doc.ents", "token.dep", "token.tag", "doc.sents"],
)
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent(people_rules())


class PeopleComponent:
    """Finds the people of a document and resolves pronouns, descriptors and groups to them."""

    def __init__(self, rules: PeopleRules) -> None:
        extensions.register()
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        people, names = find_people(doc, self.rules)
        refs, focus = resolve_references(doc, people, names, self.rules)
        refs = refs + quoted_first_person(doc, refs, focus, self.rules)
        refs = refs + interview_first_person(doc, refs, focus, self.rules)
        refs.sort(key=lambda ref: ref.start)
        doc._.people = people
        doc._.refs = refs
        doc._.focus = focus
        for ref in refs:
            for i in range(ref.start, ref.end):
                doc[i]._.ref = ref
        return doc

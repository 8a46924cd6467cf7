"""The `storyline_people` component: who is in the story, and which words point at them.

Reads `doc.ents` (PERSON and the names the tagger mistypes), tokens and sentences; writes
`doc._.people` (one `Person` per individual, with the fullest name the article gives) and
`doc._.refs` (every `PersonRef`: names, pronouns, descriptors such as "the singer", and groups such
as "the couple"). Where names are found is `names.py`; who he, she and "the couple" are is `coref.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.pipeline import extensions
from storyline.pipeline.coref import resolve_references
from storyline.pipeline.first_names import census_gender
from storyline.pipeline.name_words import MISTYPED, capitalized, clean_name, entity_at, name_text
from storyline.pipeline.names import age_beside, labelled_legal_names, legal_names, name_spans
from storyline.pipeline.persons import (
    CHILD_ROLES,
    GENERATIONS,
    PeopleRules,
    Person,
    PersonRef,
    fold,
    people_rules,
)
from storyline.pipeline.speakers import (
    interview_first_person,
    interview_first_plural,
    interviewers,
    quoted_first_person,
    quoted_first_plural,
)
from storyline.pipeline.things import characters

_BROKEN = re.compile(r"[a-z]-[a-z]")
_NICKNAMED = re.compile(r"\w [\"'\u201c\u2018]\w.*[\"'\u201d\u2019] \w")

__all__ = ["PeopleRules", "Person", "PersonRef", "find_people", "make_people", "people_rules"]


def _link(people: list[Person], name: Span, rules: PeopleRules, recent: list[int]) -> tuple[int, bool] | None:
    """The person a name belongs to (and whether it is new); partial names join the latest full name."""
    folded = fold(name_text(name))
    tokens = folded.split()
    for person in people:
        if folded == fold(person.name):
            return person.index, False
    candidates = [p for p in people if set(tokens) < set(p.tokens) or set(p.tokens) < set(tokens)]
    candidates = [p for p in candidates if not _generations_apart(tokens, p)]
    # "Mrs. Hart" is not Ben Hart: a gendered title or word next to the name must agree.
    cue = _gender_from(name, rules)
    candidates = [p for p in candidates if cue is None or p.sex() in (None, cue)]
    if not candidates and tokens:
        # "Peter" for "Pete Marsh", "Jen Cole" for "Jennifer Cole": a short or full form of a
        # first name the article gave (with the same surname, if one is given).
        forms = rules.nicknames.get(tokens[0], frozenset())
        candidates = [
            p
            for p in people
            if len(p.tokens) > 1 and p.tokens[0] in forms and (len(tokens) == 1 or p.tokens[1:] == tokens[1:])
        ]
    if not candidates and tokens:
        # "Ann Cole" and "Cole" for "Ann Cole-Hart" (a maiden and a married name), "Ben Gold-smith"
        # for "Ben Goldsmith" (a word broken at the end of a line).
        parts = _hyphen_parts(tokens)
        candidates = [
            p
            for p in people
            if len(p.tokens) > 1
            and parts != _hyphen_parts(p.tokens)
            and (parts <= _hyphen_parts(p.tokens) or (len(tokens) > 1 and _hyphen_parts(p.tokens) <= parts))
        ]
    if not candidates and tokens:
        # "Jhon" for "John", "Lindqvsit" for "Lindqvist": a misspelling of a name the article gave.
        candidates = [p for p in people if all(any(_misspelt(t, u) for u in p.tokens) for t in tokens)]
    candidates = [
        p for p in candidates if (cue is None or p.sex() in (None, cue)) and not _generations_apart(tokens, p)
    ]
    if not candidates:
        return None
    if len(candidates) > 1:
        # "Dahl" beside Mira Dahl and her father Otto: never a baby of the story while a grown
        # person holds the name ("welcomed a daughter, Mia Rose Hart. Hart, 34, said" is the father),
        # then the one the article names most, then the one named last.
        order = {index: rank for rank, index in enumerate(reversed(recent))}
        candidates.sort(
            key=lambda p: (_young_child(p), -recent.count(p.index), order.get(p.index, len(order)))
        )
    return candidates[0].index, False


_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"


def _young_child(person: Person) -> bool:
    """Brought in as someone's child and not given a grown age: a baby of the story ("welcomed a son,
    Leo James Hart"), whom a surname alone never means while a parent holds it."""
    return bool(person.roles & CHILD_ROLES) and (person.age is None or person.age < 18)


def _generations_apart(tokens: list[str], person: Person) -> bool:
    """ "Kai Moss Jr." beside "Kai Moss": a son named after his father, two people (a surname alone
    still goes to either)."""
    differ = set(tokens) ^ set(person.tokens)
    return len(tokens) > 1 and len(person.tokens) > 1 and bool(differ) and differ <= GENERATIONS


def _hyphen_parts(tokens: list[str]) -> set[str]:
    """The words of a name with each hyphenated word also split and joined: "cole-hart" gives
    "cole-hart", "cole", "hart" and "colehart"."""
    parts = set(tokens)
    for token in tokens:
        if "-" in token:
            parts.update(piece for piece in token.split("-") if piece)
            parts.add(token.replace("-", ""))
    return parts


def _misspelt(word: str, other: str) -> bool:
    """The same long word with one letter added, dropped, changed, or two swapped."""
    if word == other:
        return True
    if min(len(word), len(other)) < 5 or abs(len(word) - len(other)) > 1 or word[0] != other[0]:
        return False
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == other[diff[1]]
        return len(diff) == 1 or (swapped and word[diff[1]] == other[diff[0]])
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


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
    # Titles ("Mrs.") say it surely, and so does "Jr." (a son named after his father); then the
    # first name; the word before ("fiancé Ann") last, as writers slip between fiancé and fiancée.
    if len(name) > 1 and fold(name[-1].text) in GENERATIONS:
        return "m"
    if before in ("mrs", "mrs.", "ms", "ms.", "miss"):
        return "f"
    if before in ("mr", "mr."):
        return "m"
    if first in rules.female_names:
        return "f"
    if first in rules.male_names:
        return "m"
    # "Becca" is short for Rebecca, "Teddy" for Edward: the full forms say it when they agree.
    forms = rules.nicknames.get(first, frozenset())
    female, male = bool(forms & rules.female_names), bool(forms & rules.male_names)
    if female != male:
        return "f" if female else "m"
    if before in rules.female_words:
        return "f"
    if before in rules.male_words:
        return "m"
    # "his mother, Lydia", "Ivo, her husband": a gendered noun in apposition.
    root = name.root
    beside = [root.head.lower_] if root.dep_ == "appos" else []
    beside += [child.lower_ for child in root.children if child.dep_ == "appos"]
    female = any(word in rules.female_words for word in beside)
    male = any(word in rules.male_words for word in beside)
    if female != male:
        return "f" if female else "m"
    return None


def _likely_gender(name: Span) -> str | None:
    """The census's gender for the first word of a full name (a surname alone says nothing)."""
    return census_gender(name[0].text) if len(name) > 1 else None


def find_people(doc: Doc, rules: PeopleRules) -> tuple[list[Person], list[PersonRef]]:
    """Named people and their name mentions, before pronouns and descriptors are resolved."""
    people: list[Person] = []
    refs: list[PersonRef] = []
    recent: list[int] = []
    spans = sorted(name_spans(doc, rules), key=lambda s: (-len(s), s.start))
    legal = legal_names(spans, rules)
    fictional = characters(spans)
    # Full names first, so that "James" can join "James Arden" even when it comes first.
    full_forms: dict[int, Counter[str]] = {}
    for name in spans:
        if len(name) < 2 or name.start in legal:
            continue
        linked = _link(people, name, rules, recent)
        if linked is None:
            people.append(Person(len(people), name_text(name), _gender_from(name, rules), {name_text(name)}))
            index = len(people) - 1
        else:
            index = linked[0]
            people[index].forms.add(name_text(name))
        people[index].fictional = people[index].fictional or fold(name_text(name)) in fictional
        people[index].likely_gender = people[index].likely_gender or _likely_gender(name)
        full_forms.setdefault(index, Counter())[name_text(name)] += 1
    # The person's name: the full form the article uses most, the longer on a tie, and one not
    # broken at the end of a line ("Gold-smith"). A headline's "Ann Doe Single Again" once does not
    # rename the Ann Doe of the story.
    # A name with a nickname in quotes ('Neville "Big Nev" Okereke') holds every other: it is the name.
    for index, forms in full_forms.items():
        people[index].name = max(
            forms,
            key=lambda form: (
                _NICKNAMED.search(form) is not None,
                forms[form],
                len(form.split()),
                not _BROKEN.search(form),
                len(form),
            ),
        )
    ordered = sorted(_all_name_spans(doc, spans, people, rules), key=lambda pair: pair[0].start)
    # A one-word name the tagger saw somewhere is a person wherever it stands, even before that place.
    tagged_words = {fold(name_text(name)) for name, tagged in ordered if tagged and len(name) == 1}
    taken: set[int] = set()
    for name, tagged in ordered:
        if any(i in taken for i in range(name.start, name.end)):
            continue
        linked = _link(people, name, rules, recent)
        if name.start in legal:
            # A legal name is another name of the person the article calls by the name beside it.
            linked = _link(people, legal[name.start], rules, recent)
            if linked is None:
                continue
            people[linked[0]].forms.add(name_text(name))
        if linked is None:
            tagged = tagged or fold(name_text(name)) in tagged_words
            if not tagged or (len(name) == 1 and any(fold(name.text) in p.tokens for p in people)):
                continue  # "Mrs. Hart" beside Ben Hart: his wife, whom the name alone does not say
            people.append(Person(len(people), name_text(name), _gender_from(name, rules), {name_text(name)}))
            index = len(people) - 1
        else:
            index = linked[0]
        person = people[index]
        person.fictional = person.fictional or fold(name_text(name)) in fictional
        if person.gender is None:
            person.gender = _gender_from(name, rules)
        person.likely_gender = person.likely_gender or _likely_gender(name)
        person.roles.update(_roles_beside(name, rules))
        if person.age is None:
            person.age = age_beside(name)
        refs.append(PersonRef(name.start, name.end, (index,), "name"))
        taken.update(range(name.start, name.end))
        recent.append(index)
    _share_surnames(doc, people, refs)
    _name_in_full(people, refs, spans, legal, labelled_legal_names(spans, rules), rules)
    return people, refs


def _name_in_full(
    people: list[Person],
    refs: list[PersonRef],
    spans: list[Span],
    legal: dict[int, Span],
    labelled: set[int],
    rules: PeopleRules,
) -> None:
    """ "the producer Lady Vex (real name Vera Exley)": a legal name given as a label, with more words
    than the name the article goes by, is the person's name."""
    by_start = {ref.start: ref for ref in refs}
    for span in spans:
        ref = by_start.get(span.start)
        if span.start not in labelled or span.start not in legal or ref is None:
            continue
        stage = [w for w in name_text(legal[span.start]).split() if w.lower() not in rules.keep_titles]
        if len(name_text(span).split()) > len(stage):
            people[ref.people[0]].name = name_text(span)


def _share_surnames(doc: Doc, people: list[Person], refs: list[PersonRef]) -> None:
    """ "Ade and Funmi Ojo", "his parents, Tom and Ann Holt": a first name alone,
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
            person.likely_gender = person.likely_gender or census_gender(person.tokens[0])


def _roles_beside(name: Span, rules: PeopleRules) -> set[str]:
    """Descriptor and functionary nouns right before a name or in apposition: "singer Ann Doe",
    "Ann Doe, the singer", "her lawyer, Ann Doe"."""
    doc = name.doc

    def role(word: str) -> bool:
        return rules.descriptor_gender(word) is not None or word in rules.functionaries

    roles: set[str] = set()
    for i in range(max(0, name.start - 2), name.start):
        if role(doc[i].lower_):
            roles.add(doc[i].lower_)
    head = name.root
    for child in head.children:
        if child.dep_ == "appos" and role(child.lower_):
            roles.add(child.lower_)
    if head.dep_ == "appos" and role(head.head.lower_):
        roles.add(head.head.lower_)
    return roles


def _all_name_spans(
    doc: Doc, spans: list[Span], people: list[Person], rules: PeopleRules
) -> Iterator[tuple[Span, bool]]:
    """Tagged names (True), plus known name parts the tagger typed as ORG/GPE or missed (False)."""
    for span in spans:
        yield span, True
    # The words of every form of every name, a double-barrelled surname's halves too: "Reyes" for
    # "Lia Moss", born "Lia Varga-Moss", whatever type the tagger gives it.
    words = {t for p in people for form in (p.name, *p.forms) for t in fold(form).split()}
    known = {t.strip(_QUOTE_MARKS) for t in _hyphen_parts(sorted(words)) if t not in rules.keep_titles}
    known.discard("")
    known |= {fold(s.text) for s in spans if len(s) == 1}  # "Quist" tagged once, typed GPE elsewhere
    full = {fold(p.name) for p in people}
    for ent in doc.ents:
        if ent.label_ in MISTYPED:
            cleaned = clean_name(ent, rules)
            if cleaned is not None and (fold(cleaned.text) in full or fold(cleaned.text) in known):
                yield cleaned, False
    for token in doc:
        if not capitalized(token) or fold(token.text) not in known or token.ent_type_ == "PERSON":
            continue
        if token.ent_type_ in MISTYPED:
            around = entity_at(token)
            if around is not None and len(around) > 1:
                continue  # part of a longer title or place: "Harbour Lights", "Bellmoor Prize"
        yield doc[token.i : token.i + 1], False


def _without_characters(
    people: list[Person], refs: list[PersonRef], focus: dict[int, tuple[int, int] | None]
) -> tuple[list[Person], list[PersonRef], dict[int, tuple[int, int] | None]]:
    """The story without its characters: they took the pronouns and "the couple" that were theirs
    while references were resolved ("Nell (Ann Cole) leaves Kit. She ..."); now they and every word
    that points at them leave, as relations between characters are no facts."""
    if not any(person.fictional for person in people):
        return people, refs, focus
    kept = [person for person in people if not person.fictional]
    new_index = {person.index: i for i, person in enumerate(kept)}
    for i, person in enumerate(kept):
        person.index = i
    kept_refs = [
        PersonRef(ref.start, ref.end, tuple(new_index[p] for p in ref.people), ref.kind)
        for ref in refs
        if all(p in new_index for p in ref.people)
    ]
    kept_focus = {
        start: (new_index[pair[0]], new_index[pair[1]]) if pair and set(pair) <= new_index.keys() else None
        for start, pair in focus.items()
    }
    return kept, kept_refs, kept_focus


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
        for index in interviewers(doc, names):
            people[index].roles.add("interviewer")
        speaker, interviewee = interview_first_person(doc, names, self.rules)
        names = sorted(names + interviewee, key=lambda ref: ref.start)
        refs, focus = resolve_references(doc, people, names, self.rules)
        # "Rob and I met in Leeds", said Ann: once the speakers are known, "I" is a mention of Ann
        # like her name, and coreference runs again with it ("Rob and I" make the pair in focus).
        quoted = quoted_first_person(doc, refs, self.rules)
        if quoted:
            names = sorted(names + quoted, key=lambda ref: ref.start)
            refs, focus = resolve_references(doc, people, names, self.rules)
        refs = refs + quoted_first_plural(doc, people, refs, focus, self.rules)
        refs = refs + interview_first_plural(doc, speaker, refs, focus, self.rules)
        people, refs, focus = _without_characters(people, refs, focus)
        refs.sort(key=lambda ref: ref.start)
        doc._.people = people
        doc._.refs = refs
        doc._.focus = focus
        for ref in refs:
            for i in range(ref.start, ref.end):
                doc[i]._.ref = ref
        return doc

"""The `storyline_career` component: the films, shows and plays people acted in, and where they live.

Reads `doc._.refs`, `doc._.timexes`, the entities and the parse; writes `doc._.career`, a list of
`CareerFact`. Works are found by the words around their titles (rules/en/career.toml), not by the
tagger, which rarely knows a title: "starring in Harbour Lights", "the Bellmoor Road star", "filming the
new One Love movie", "travelled to New Mexico for Outer Range". A fact takes the place and year its
clause gives ("at the Donmar Warehouse in 2017") and the role after "plays".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.model import TimeSpan
from storyline.pipeline import extensions
from storyline.pipeline.arguments import governing_subject, people_at, subject_people
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.pipeline.timexes import TimexSpan

__all__ = ["CareerFact", "CareerRules", "career_rules", "make_career"]

_FILE = "rules/en/career.toml"
_PLACES = frozenset({"GPE", "FAC", "LOC"})
_NOT_TITLES = frozenset({"GPE", "FAC", "LOC", "DATE", "TIME", "CARDINAL", "PERSON", "ORG", "NORP"})
# Nouns that say what the title after them is: "the play Glass Orchard".
WORK_NOUNS = frozenset(
    {
        "play",
        "film",
        "movie",
        "series",
        "show",
        "drama",
        "musical",
        "sitcom",
        "biopic",
        "miniseries",
        "album",
        "song",
        "single",
        "novel",
        "book",
        "thriller",
        "comedy",
    }
)
_SKIP_BEFORE_TITLE = frozenset(
    {"the", "a", "an", "new", "latest", "upcoming", "hit", "acclaimed", "his", "her"}
)


@dataclass(frozen=True, slots=True)
class CareerRules:
    before: tuple[tuple[str, ...], ...]
    after: frozenset[str]
    inner: frozenset[str]
    role_verbs: frozenset[str]
    homes: tuple[tuple[str, ...], ...]
    travel_verbs: frozenset[str]


@cache
def career_rules() -> CareerRules:
    data = load_rules("career")
    titles, roles, homes = data.get("titles", {}), data.get("roles", {}), data.get("homes", {})
    return CareerRules(
        before=tuple(tuple(p.split()) for p in string_list(titles, "before", _FILE, "titles")),
        after=frozenset(string_list(titles, "after", _FILE, "titles")),
        inner=frozenset(string_list(titles, "inner", _FILE, "titles")),
        role_verbs=frozenset(string_list(roles, "verbs", _FILE, "roles")),
        homes=tuple(tuple(p.split()) for p in string_list(homes, "phrases", _FILE, "homes")),
        travel_verbs=frozenset(string_list(titles, "travel_verbs", _FILE, "titles")),
    )


@dataclass(frozen=True, slots=True)
class CareerFact:
    """`people` acted in the work `obj` (kind "acted_in"), or live in the place `obj` ("lives_in")."""

    kind: str
    people: tuple[int, ...]
    obj: str
    sentence: Span
    when: TimeSpan | None = None
    place: str | None = None
    role: str | None = None


def _is_title_word(token: Token) -> bool:
    return (token.is_title or token.is_upper or token.like_num) and not token.is_punct


def read_title(doc: Doc, start: int, rules: CareerRules, named_work: bool = False) -> Span | None:
    """A title starting at `start`: capitalized words, numbers, and the small words between them.
    `named_work`: the words before said what it is ("the play ..."), so even a name-like title counts."""
    i = start
    while i < len(doc) and doc[i].lower_ in _SKIP_BEFORE_TITLE and not _is_title_word(doc[i]):
        i += 1
    if i >= len(doc) or not _is_title_word(doc[i]) or doc[i].ent_type_ in ("DATE", "TIME"):
        return None
    if doc[i].ent_type_ == "PERSON" and not named_work:
        return None
    first = i
    end = i
    while i < len(doc) and i < first + 9 and doc[i].sent == doc[first].sent:
        token = doc[i]
        # Another name starts here ("Harbour Lights at the Quay Theatre", "Outer Range in 2022").
        if i > first and token.ent_iob_ == "B" and token.ent_type_ in _NOT_TITLES:
            break
        if _is_title_word(token) and not (i > first and token.like_num):
            end = i + 1
        elif token.lower_ not in rules.inner:
            break
        i += 1
    return doc[first:end] if end > first else None


def _title_before(noun: Token, rules: CareerRules) -> Span | None:
    """The title right before a noun: "the Bellmoor Road star" → Bellmoor Road."""
    doc = noun.doc
    i = noun.i - 1
    while i >= 0 and doc[i].is_quote:
        i -= 1
    end = i + 1
    while i >= 0 and (
        _is_title_word(doc[i]) or (doc[i].lower_ in rules.inner and i - 1 >= 0 and _is_title_word(doc[i - 1]))
    ):
        i -= 1
    start = i + 1
    while start < end and (doc[start].lower_ in rules.inner or doc[start].is_quote):
        start += 1
    if start >= end or doc[start].ent_type_ == "PERSON" or not any(_is_title_word(t) for t in doc[start:end]):
        return None
    # A one-word title needs "the" or a quote before it: "Theatre star Ann" is a kind of star.
    marked = start > 0 and (doc[start - 1].lower_ in ("the", "a", "an") or doc[start - 1].is_quote)
    if end - start == 1 and not marked and doc[start - 1 if start else 0].tag_ != "POS":
        return None
    return doc[start:end]


def _clause_place_and_time(
    anchor: Token, timexes: list[TimexSpan], title: Span | None = None
) -> tuple[str | None, TimeSpan | None]:
    """Places and a year in the clause of the nearest verb above `anchor`: "at the Donmar Warehouse in
    2017", "in London and Jamaica"; the title's own words are not a place."""
    head = anchor
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    # The verb's own clause: not the clauses hanging on it ("While Ann travelled to Rome, Ben was ...").
    tokens = {t.i for t in head.subtree}
    for child in head.children:
        if child.dep_ in ("advcl", "ccomp", "relcl", "conj", "parataxis") and anchor not in child.subtree:
            tokens -= {t.i for t in child.subtree}
    if title is not None:
        tokens -= set(range(title.start, title.end))
    places = [e.text for e in anchor.doc.ents if e.label_ in _PLACES and e.start in tokens]
    when = next((t.timex.span for t in timexes if t.span.root.i in tokens and t.timex.span is not None), None)
    return (" and ".join(places) if places else None), when


def _role(cue: Token, rules: CareerRules) -> str | None:
    """ "He plays Island Records founder Kit Vane": the character named as the verb's object."""
    head = cue
    while head.head != head and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    if head.lemma_.lower() not in rules.role_verbs:
        return None
    for child in head.children:
        if child.dep_ == "dobj" and child.pos_ == "PROPN":
            left = child.i
            while left > 0 and cue.doc[left - 1].pos_ == "PROPN" and cue.doc[left - 1].dep_ == "compound":
                left -= 1
            return cue.doc[left : child.i + 1].text
    return None


def _phrase_at(words: list[tuple[str, str]], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's words start at token `i`, each as written or as its lemma."""
    if i + len(phrase) > len(words):
        return False
    return all(word in words[i + k] for k, word in enumerate(phrase))


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[int, ...]]:
    """The positions of the phrases in their list, under each phrase's first word."""
    index: dict[str, list[int]] = {}
    for n, phrase in enumerate(phrases):
        index.setdefault(phrase[0], []).append(n)
    return {word: tuple(ns) for word, ns in index.items()}


class _Phrases:
    """A list of phrases looked up by the word a token starts them with, in the list's order (the
    first phrase found wins), so a token is checked against its few phrases, not all of them."""

    def __init__(self, phrases: tuple[tuple[str, ...], ...]) -> None:
        self.phrases = phrases
        self.index = _by_first_word(phrases)

    def at(self, words: list[tuple[str, str]], i: int) -> tuple[str, ...] | None:
        lower, lemma = words[i]
        found = self.index.get(lower, ())
        if lemma != lower and lemma in self.index:
            found = tuple(sorted({*found, *self.index[lemma]}))
        return next((self.phrases[n] for n in found if _phrase_at(words, i, self.phrases[n])), None)


@Language.factory("storyline_career", assigns=["doc._.career"], requires=["doc._.refs", "doc._.timexes"])
def make_career(nlp: Language, name: str) -> CareerComponent:
    return CareerComponent(career_rules())


class CareerComponent:
    def __init__(self, rules: CareerRules) -> None:
        extensions.register()
        self.rules = rules
        self.before = _Phrases(rules.before)
        self.homes = _Phrases(rules.homes)

    def __call__(self, doc: Doc) -> Doc:
        timexes: list[TimexSpan] = list(doc._.timexes or [])
        # Each token's words, as written and as lemma, read once: the phrases are matched on them.
        words = [(t.lower_, t.lemma_.lower()) for t in doc]
        facts: list[CareerFact] = []
        # Each reading starts at a word of its own list; a token with none of them is passed over
        # without building it (the readings below check the same words first).
        after, before, homes = self.rules.after, self.before.index, self.homes.index
        for i, (lower, lemma) in enumerate(words):
            if lower in after:
                facts.extend(self._after_title(doc[i], timexes))
            if lower in before or lemma in before or lower == "for":
                facts.extend(self._before_title(doc[i], words, timexes))
            if lower in homes or lemma in homes:
                facts.extend(self._home(doc[i], words, timexes))
        doc._.career = _unique(facts)
        return doc

    def _after_title(self, noun: Token, timexes: list[TimexSpan]) -> list[CareerFact]:
        if noun.lower_ not in self.rules.after or noun.pos_ != "NOUN":
            return []
        title = _title_before(noun, self.rules)
        if title is None:
            return []
        ref = noun._.ref
        people = list(ref.people) if ref is not None else []
        if not people and noun.dep_ == "compound" and noun.head._.ref is not None:
            people = people_at(noun.head)  # "Rings actor Ben Hart"
        if not people:
            return []
        # A description ("the Bellmoor Road star") says nothing of when or where they acted.
        return [CareerFact("acted_in", tuple(people), title.text, noun.sent)]

    def _before_title(
        self, token: Token, words: list[tuple[str, str]], timexes: list[TimexSpan]
    ) -> list[CareerFact]:
        doc = token.doc
        phrase = self.before.at(words, token.i)
        if phrase is not None:
            named = phrase[-1] in WORK_NOUNS
            title = read_title(doc, token.i + len(phrase), self.rules, named)
            if title is None:
                return []
            people = subject_people(token) or governing_subject(token)
            if not people:
                return []
            place, when = _clause_place_and_time(token, timexes, title)
            role = _role(token, self.rules)
            return [CareerFact("acted_in", tuple(people), title.text, token.sent, when, place, role)]
        if token.lower_ != "for":
            return []
        travel = next(
            (h for h in list(token.ancestors)[:3] if h.lemma_.lower() in self.rules.travel_verbs), None
        )
        if travel is not None:
            title = read_title(doc, token.i + 1, self.rules)
            if title is None or any(t.ent_type_ in _PLACES for t in title):
                return []
            people = subject_people(travel)
            place, when = _clause_place_and_time(token, timexes, title)
            return (
                [CareerFact("acted_in", tuple(people), title.text, token.sent, when, place)] if people else []
            )
        return []

    def _home(self, token: Token, words: list[tuple[str, str]], timexes: list[TimexSpan]) -> list[CareerFact]:
        doc = token.doc
        phrase = self.homes.at(words, token.i)
        if phrase is not None:
            after = token.i + len(phrase)
            ent = next((e for e in doc.ents if e.start == after and e.label_ in _PLACES), None)
            if ent is None:
                return []
            people = subject_people(token) or governing_subject(token)
            if not people:
                return []
            _, when = _clause_place_and_time(token, timexes)
            return [CareerFact("lives_in", tuple(people), ent.text, token.sent, when)]
        return []


def _unique(facts: list[CareerFact]) -> list[CareerFact]:
    seen: dict[tuple[str, tuple[int, ...], str], CareerFact] = {}
    for fact in facts:
        key = (fact.kind, fact.people, fact.obj)
        richer = (
            bool(fact.when or fact.place) and not (seen[key].when or seen[key].place) if key in seen else True
        )
        if richer:
            seen[key] = fact
    return list(seen.values())

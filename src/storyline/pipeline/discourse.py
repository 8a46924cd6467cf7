"""The discourse state of a story as coreference reads it, sentence by sentence: who was mentioned
how recently (and as a subject or not), and which pair the article speaks of as a couple, the pair in
focus that "the couple", "they" and a descriptor prefer. `coref.py` resolves each pronoun and
descriptor against this state; this module keeps it up to date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from spacy.tokens import Span, Token

from storyline.pipeline.persons import CHILD_ROLES, PeopleRules, Person, PersonRef

__all__ = ["INTERVIEWER", "Discourse", "couple_partner", "section_header", "split_subjects", "update_focus"]

INTERVIEWER = "interviewer"  # the role speakers.interviewers gives the journalist of an interview


class Discourse:
    """Who was mentioned how recently, and which pairs the article speaks of as couples."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self.recent: list[int] = []  # person indexes, most recent last
        self.sentence = 0
        self.salience: dict[tuple[int, int], tuple[int, int]] = {}  # pair → (times spoken of, last sentence)
        self.focus: tuple[int, int] | None = None
        self.subject_at: dict[int, int] = {}  # person → the last sentence they were a subject in
        self.mentioned_at: dict[int, int] = {}  # person → the last sentence they were mentioned in
        self.children: set[int] = set()  # people named only as someone's children ("two sons, Tom and Ned")
        self.ended: set[tuple[int, int]] = set()  # pairs spoken of as over (divorce, ex, previously)
        self.mentions: Counter[int] = Counter()  # person → how often the story has named or meant them
        # The pair of the section a header opened ("Ben Hart (2012-2014)" in a list of someone's exes).
        self.section: tuple[int, int] | None = None
        self.section_person: int | None = None  # the one its header names

    def speak_of(self, pair: tuple[int, int], ended: bool = False) -> None:
        key = (min(pair), max(pair))
        count, _ = self.salience.get(key, (0, 0))
        self.salience[key] = (count + 1, self.sentence)
        if ended:
            self.ended.add(key)

    def next_sentence(self) -> None:
        """Move on a sentence and work out the pair in focus for it."""
        self.sentence += 1
        if not self.salience:
            return
        latest = max(self.salience, key=lambda k: self.salience[k][1])
        salient = self.section or max(self.salience, key=lambda k: (k not in self.ended, self.salience[k]))
        # The pair the sentence before spoke of, unless that was an ended couple and the article's
        # main couple is another: "Ann's divorce from Cy. The pair have moved in together" is Ann's new pair.
        if self.salience[latest][1] == self.sentence - 1 and (
            latest not in self.ended or salient in self.ended
        ):
            self.focus = latest
        else:
            self.focus = salient

    def mention(self, people: Iterable[int], as_subject: bool = False) -> None:
        for index in people:
            if index in self.recent:
                self.recent.remove(index)
            self.recent.append(index)
            self.mentioned_at[index] = self.sentence
            self.mentions[index] += 1
            if as_subject:
                self.subject_at[index] = self.sentence

    def open_section(self, person: int) -> None:
        """A header naming one person opens a section about them and the story's main person:
        "Ben Hart (2012-2014)" in a list of everyone Ann Cole has dated. Until the next header, that
        pair is the one "the pair", "they" and "the actor" fall back on."""
        others = [(count, -index) for index, count in self.mentions.items() if index != person]
        if not others:
            return
        main = -max(others)[1]
        self.section = (min(main, person), max(main, person))
        self.section_person = person
        self.speak_of(self.section)

    def pronoun(self, gender: str) -> int | None:
        """he/she: the subject of this sentence or the last that may have that gender, as writers
        continue with the person the sentence is about ("Lea Moss, who hosted, joked that she..." is
        Lea's even when an earlier woman's gender is surer); then a recent subject of that gender
        (within two sentences) before a more recent non-subject, so "Ann wore a gown by Eve Roe. Her
        shoes..." is Ann's. A first name's likely gender counts until the text says otherwise:
        "Tobi" is mostly a woman's name, but "he" after Tobi Okafor as the subject is his."""
        subjects = [i for i in reversed(self.recent) if self.subject_at.get(i, -9) >= self.sentence - 1]

        def fits(index: int) -> bool:
            person = self.people[index]
            unknown = person.gender is None and person.likely_gender in (gender, None)
            return person.gender == gender or unknown

        for index in (i for i in subjects if self.subject_at[i] == self.sentence):
            if fits(index):
                return index
        # In a section of a list article, the one its header names, when they may have that gender:
        # "Cal Ng (2012-2014) / Ann met the actor at a party. He proposed in May" is Cal.
        person = self.section_person
        if person is not None and fits(person) and self.sentence - self.mentioned_at.get(person, -9) <= 3:
            return person
        # Someone of that gender named earlier in this sentence, before the subjects of the last one:
        # "Ben's season was a scandal after he left Ann after proposing to her" is Ann's.
        for index in reversed(self.recent):
            if index in self.children:
                continue  # "They had two sons, Tom and Ned, before it fell apart, he says" is the father
            if self.mentioned_at.get(index) == self.sentence and self.people[index].sex() == gender:
                return index
        for index in subjects:
            if self.people[index].sex() == gender:
                return index
        # A subject of that gender a little further back comes before one whose gender the text has
        # not given: "Nell divorced Lou. Then came Anders. She met him ..." is Nell's.
        # Unless the sentence just before named someone of that gender: "How did you meet Tom? He
        # spilled wine on me" is Tom's, whoever was the subject before the question.
        just_named = [
            i
            for i in reversed(self.recent)
            if self.mentioned_at.get(i) == self.sentence - 1
            and self.people[i].sex() == gender
            and i not in self.children
            and not self.people[i].roles & CHILD_ROLES  # "... and daughter Mia. She ..." is the mother
        ]
        if len(just_named) == 1:
            return just_named[0]
        for index in reversed(self.recent):
            if self.people[index].sex() == gender and self.subject_at.get(index, -9) >= self.sentence - 3:
                return index
        for index in subjects:
            if fits(index):
                return index
        # "Ann Cole married Ben Hart. His mother ...": someone of that gender named before comes
        # before a subject whose first name makes the other gender likely
        latest = self.latest(gender, set())
        if latest is not None and self.people[latest].sex() == gender:
            return latest
        for index in subjects:
            if self.people[index].gender is None:
                return index
        return latest

    def latest(self, gender: str, exclude: set[int]) -> int | None:
        """The most recent person compatible with `gender` ('f', 'm' or '' for either): of that
        gender, else likely so, else of unknown gender."""
        fallback: list[int] = []
        for index in reversed(self.recent):
            if index in exclude:
                continue
            person = self.people[index]
            if not gender or person.gender == gender:
                return index
            if person.gender is None:
                fallback.append(index)
        likely = [i for i in fallback if self.people[i].likely_gender == gender]
        unknown = [i for i in fallback if self.people[i].likely_gender is None]
        ranked = likely or unknown or fallback
        return ranked[0] if ranked else None


def couple_partner(token: Token, rules: PeopleRules) -> Token | None:
    """The name a coordinated name may be a couple with: the other of two ("Ann Cole and Ben Hart"),
    or its neighbour in pairs joined by "and" alone ("Lia and Teo and Max and Ivy"); none in a list
    with commas, nor among children or siblings ("twins Lia and Teo", "their kids, Max and Ivy")."""
    first = token
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    chain = sorted([first, *first.conjuncts], key=lambda t: t.i)
    doc = token.doc
    before = [doc[i] for i in range(max(first.sent.start, first.left_edge.i - 2), first.left_edge.i)]
    governors = [first.head] if first.dep_ in ("appos", "compound") else []
    if len(chain) < 2 or any(t.lower_ in rules.kin_nouns for t in [*before, *governors, *first.children]):
        return None
    if len(chain) > 2:
        between = [t for a, b in pairwise(chain) for t in doc[a.i + 1 : b.left_edge.i]]
        if len(chain) % 2 or any(t.text in (",", ";") for t in between):
            return None
    position = chain.index(token)
    return chain[position ^ 1]


def _someones_helper(token: Token, rules: PeopleRules) -> bool:
    """ "Ben Hart's manager, Cal Ng", "her lawyer, Mira Dahl", "his mother, Lia": a name set beside
    someone's non-partner (a manager, a lawyer, a friend, a parent) is no member of the couple a
    sentence speaks of."""
    noun = token.head if token.dep_ == "appos" else None
    if noun is None or noun.pos_ != "NOUN":
        return False
    if noun.lower_ in rules.relatives and noun.lower_ not in _KIN_WORDS:
        return False
    return any(child.dep_ == "poss" for child in noun.children)


# Relatives by blood: "his mother, Lia" is no one's partner in the sentence.
_KIN_WORDS = frozenset(
    {"mother", "mom", "mum", "father", "dad", "son", "daughter", "sister", "brother", "parent", "child"}
)


def update_focus(context: Discourse, sentence: Span, refs_here: list[PersonRef], rules: PeopleRules) -> None:
    """Which pair the sentence speaks of as a couple: two people coordinated ("Ann Doe and Ben Roe:
    the split"), else the first two people of a sentence about a relationship, else the pair a group
    word of the sentence stands for ("walked in hand in hand with Ben in their first outing")."""
    doc = sentence.doc
    header = section_header(sentence, refs_here)
    if header is not None:
        context.open_section(header)
        return
    # "Ann Doe and Ben Roe moved in together": two people coordinated are spoken of as a pair.
    for ref in refs_here:
        if ref.plural:
            continue
        head = doc[ref.end - 1]
        for other in refs_here:
            end = doc[other.end - 1]
            if other is ref or other.kind not in ("name", "pronoun") or ref.people[0] == other.people[0]:
                continue
            if (end in head.conjuncts and couple_partner(head, rules) == end) or split_subjects(head, end):
                context.speak_of((ref.people[0], other.people[0]))
                return
    # "his mother, Lia, ... and she stole the show": a helper or relative is none of the pair, however
    # the sentence goes on to refer to them.
    helpers = {i for ref in refs_here if _someones_helper(doc[ref.end - 1], rules) for i in ref.people}
    order: list[int] = []
    for ref in refs_here:
        if ref.kind == "group":
            continue
        if any(INTERVIEWER in context.people[i].roles for i in ref.people):
            continue  # "He talks to Cal Ng about marriage": the journalist is no one's partner
        for index in ref.people:
            if index not in order and index not in context.children and index not in helpers:
                order.append(index)
    if len(order) >= 2 and any(
        t.lemma_.lower() in rules.focus_cues or t.lower_ in rules.focus_cues for t in sentence
    ):
        ended = any(t.lemma_.lower() in rules.ending_cues or t.lower_ in rules.ending_cues for t in sentence)
        context.speak_of((order[0], order[1]), ended)
        return
    groups = [ref.people for ref in refs_here if ref.kind == "group" and len(ref.people) == 2]
    if groups:
        context.speak_of((groups[-1][0], groups[-1][1]))


# What may stand before a header on its line: nothing, a number, a bullet.
_LIST_MARK = re.compile(r"(?:\d{1,2}[.)]?|[•*\-\u2013\u2014#.)]+)?")


def section_header(sentence: Span, refs_here: list[PersonRef]) -> int | None:
    """The person a line holding nothing but their name names, with at most a remark in brackets
    ("Ben Hart (2012-2014)", "Cal Ng (rumoured, 2015)"): a section header, as list articles put
    one over each of someone's partners."""
    words = [t for t in sentence if not t.is_space]
    while words and _LIST_MARK.fullmatch(words[0].text):
        words = words[1:]  # "3. Ben Hart (2012-2014)", "• Ben Hart"
    names = [ref for ref in refs_here if ref.kind == "name"]
    if len(names) != 1 or len(names[0].people) != 1 or not words or words[0].i != names[0].start:
        return None
    rest = [t for t in words if t.i >= names[0].end]
    if rest and (rest[0].text != "(" or rest[-1].text != ")" or len(rest) > 10):
        return None
    doc = sentence.doc
    text = doc.text
    line_start = text.rfind("\n", 0, words[0].idx) + 1
    starts_line = _LIST_MARK.fullmatch(text[line_start : words[0].idx].strip()) is not None
    end = words[-1].idx + len(words[-1].text)
    ends_line = end == len(text) or text[end:].lstrip(" \t").startswith("\n")
    return names[0].people[0] if starts_line and ends_line else None


def split_subjects(first: Token, second: Token) -> bool:
    """ "Rob Hale and I met in Leeds", parsed as two subjects of one verb rather than one coordinated
    subject: the two are joined by "and" all the same."""
    between = first.doc[first.i + 1 : second.left_edge.i]
    return (
        first.i < second.i
        and first.dep_ == second.dep_ == "nsubj"
        and first.head == second.head
        and [t.lower_ for t in between] == ["and"]
    )

"""First person inside a quotation: "I", "me", "my" are the person quoted; and in an interview
written as questions and answers, first person outside quotations is the person interviewed.

In "'Ben and I got engaged in May,' Ann said" and "Ann told Vogue: 'I married Ben last year'", "I"
is Ann. The speaker is the one-person subject of a verb of saying outside the quotation, in the
sentence where the quotation starts or ends (the nearest such verb). "We" and "our" are the speaker
and the partner in focus when that pair includes the speaker, or the two people who said it
("Ann and Ben said: 'We are expecting'").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from storyline.pipeline.persons import PeopleRules, Person, PersonRef
from storyline.pipeline.quotes import quoted_ranges
from storyline.pipeline.timing import speech_verbs

__all__ = [
    "interview_first_person",
    "interview_first_plural",
    "interviewers",
    "quote_speakers",
    "quoted_first_person",
    "quoted_first_plural",
]


def _speakers(verb: Token, ref_at: dict[int, PersonRef]) -> tuple[int, ...]:
    """The people of a verb's subject, coordination included ("Ann and Ben said")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            found = (p for t in (child, *child.conjuncts) if t.i in ref_at for p in ref_at[t.i].people)
            return tuple(dict.fromkeys(found))
    return ()


def _speaker_of(quote: Span, ref_at: dict[int, PersonRef]) -> tuple[int, ...] | None:
    """Who says the quotation: the subject of the nearest verb of saying outside it, in a sentence
    the quotation starts or ends in; () when such a verb's subject is no one of the story ("a
    source said"), None when there is no verb of saying at all."""
    verbs = speech_verbs()
    sentences = {quote[0].sent.start: quote[0].sent, quote[-1].sent.start: quote[-1].sent}
    best: tuple[int, tuple[int, ...]] | None = None
    said = False
    for sentence in sentences.values():
        for token in sentence:
            if quote.start <= token.i < quote.end or token.lemma_.lower() not in verbs:
                continue
            if token.pos_ not in ("VERB", "AUX"):
                continue
            said = said or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
            people = _speakers(token, ref_at)
            distance = quote.start - token.i if token.i < quote.start else token.i - quote.end
            if people and (best is None or distance < best[0]):
                best = (distance, people)
    if best is not None:
        return best[1]
    return () if said else None


def _introduced_by(quote: Span, ref_at: dict[int, PersonRef]) -> tuple[int, ...]:
    """ "Here, in her own words, she talks about her marriage. / 'I got married at 24...'": a
    quotation opening a paragraph, after a paragraph that ends on someone's verb of saying, is theirs."""
    doc = quote.doc
    first = quote[0].sent
    if first.start == 0 or "\n" not in doc[max(0, quote.start - 2) : quote.start + 1].text_with_ws:
        return ()
    before = doc[first.start - 1].sent
    verbs = speech_verbs()
    for token in before:
        if token.lemma_.lower() in verbs and token.pos_ in ("VERB", "AUX"):
            people = _speakers(token, ref_at)
            if len(people) == 1:
                return people
    return ()


def quote_speakers(doc: Doc, refs: list[PersonRef]) -> list[tuple[Span, tuple[int, ...]]]:
    """Each quotation with who says it. A quotation with no verb of saying of its own goes on the
    one before it when that ran to the end of its paragraph (news continues a quote over paragraphs,
    reopening it on each), else belongs to whoever the paragraph before says is speaking."""
    ref_at = {i: ref for ref in refs for i in range(ref.start, ref.end)}
    found: list[tuple[Span, tuple[int, ...]]] = []
    last: tuple[int, tuple[int, ...]] | None = None  # where the previous quotation ended, its speakers
    for start, end in quoted_ranges(doc.text):
        quote = doc.char_span(start, end, alignment_mode="expand")
        if quote is None or len(quote) < 2:
            continue
        speakers = _speaker_of(quote, ref_at)
        if speakers is None:
            continued = last is not None and last[1] and not doc.text[last[0] : start].strip()
            speakers = last[1] if continued and last is not None else _introduced_by(quote, ref_at)
        last = (end, speakers)
        if speakers:
            found.append((quote, speakers))
    return found


def quoted_first_person(doc: Doc, refs: list[PersonRef], rules: PeopleRules) -> list[PersonRef]:
    """ "I", "me", "my" inside quotations whose one speaker is known."""
    taken = {i for ref in refs for i in range(ref.start, ref.end)}
    return [
        PersonRef(token.i, token.i + 1, speakers, "pronoun")
        for quote, speakers in quote_speakers(doc, refs)
        if len(speakers) == 1
        for token in quote
        if token.i not in taken and token.pos_ == "PRON" and token.lower_ in rules.first_person
    ]


def quoted_first_plural(
    doc: Doc,
    people: list[Person],
    refs: list[PersonRef],
    focus: dict[int, tuple[int, int] | None],
    rules: PeopleRules,
) -> list[PersonRef]:
    """ "We", "our" inside quotations: the two people who said it ("Ann and Ben said: 'We are
    expecting'"), or the speaker and the partner in focus."""
    taken = {i for ref in refs for i in range(ref.start, ref.end)}
    ref_at = {ref.start: ref for ref in refs}
    found: list[PersonRef] = []
    for quote, speakers in quote_speakers(doc, refs):
        named: list[int] = []  # people the quotation has named so far, besides its speaker
        for token in quote:
            ref = ref_at.get(token.i)
            if ref is not None and len(ref.people) == 1 and ref.people[0] not in speakers:
                named.append(ref.people[0])
            if token.i in taken or token.pos_ != "PRON" or token.lower_ not in rules.first_plural:
                continue
            pair = speakers if len(speakers) == 2 else focus.get(token.sent.start)
            # "Helen saved me. We met in 2002": the person the speaker just spoke of, before the pair
            # the article was on.
            partner = next((p for p in reversed(named) if not people[p].roles & _CHILD_ROLES), None)
            if len(speakers) == 1 and partner is not None:
                pair = (speakers[0], partner)
            if pair is not None and len(pair) == 2 and set(speakers) <= set(pair):
                found.append(PersonRef(token.i, token.i + 1, tuple(pair), "group"))
    return found


# Roles of someone's child: "my daughter, Mia, and I" make no couple.
_CHILD_ROLES = frozenset({"son", "daughter", "child", "baby", "boy", "girl", "stepson", "stepdaughter"})


# First-person pronouns outside quotations, in this many sentences at least, make a Q&A: fewer are
# an author's aside ("I asked her about it").
_INTERVIEW_SENTENCES = 3


def _questions_on_own_lines(text: str) -> bool:
    """Whether the text prints questions as paragraphs of their own, as a Q&A does; an author's aside
    ("Do I have a twin? Am I dreaming?") asks inside a paragraph."""
    lines = [line.strip() for line in text.splitlines()]
    return sum(1 for line in lines if line.endswith("?") and not line.startswith(('"', "\u201c"))) >= 2


def _question_lines(text: str, rules: PeopleRules) -> list[range]:
    """Character ranges of the interviewer's paragraphs in a Q&A: those that ask ("How did you
    meet?") or put a statement to the person interviewed ("You have two children."), with no "I" of
    their own."""
    found: list[range] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        words = {word.lower() for word in _WORD.findall(line)}
        stripped = line.strip()
        if stripped.endswith("?") or (words & rules.second_person and not words & rules.first_person):
            found.append(range(offset, offset + len(line)))
        offset += len(line)
    return found


_WORD = re.compile(r"[A-Za-z]+")


def interview_first_person(
    doc: Doc, names: list[PersonRef], rules: PeopleRules
) -> tuple[int, list[PersonRef]]:
    """ "How long were you married? / We got married in 2008. Jonah and I separated last year.":
    in an interview printed as questions and answers, "I" outside quotations is the person the
    article names first, and so is "you" in the interviewer's paragraphs. The person interviewed
    (-1 when the text is no Q&A) and those references, before coreference, so that "You married
    Ann Cole" makes the pair in focus."""

    quoted = [range(start, end) for start, end in quoted_ranges(doc.text)]
    taken = {i for ref in names for i in range(ref.start, ref.end)}
    singular = [
        t
        for t in doc
        if t.pos_ == "PRON"
        and t.lower_ in rules.first_person
        and t.i not in taken
        and not any(t.idx in r for r in quoted)
    ]
    if len({t.sent.start for t in singular}) < _INTERVIEW_SENTENCES or not _questions_on_own_lines(doc.text):
        return -1, []
    # The interview's introduction names the person interviewed first ("Maren Ostby's fifth album
    # ... spoke to us"); the people the answers talk about come after.
    first = next((ref for ref in sorted(names, key=lambda r: r.start) if ref.kind == "name"), None)
    if first is None or len(first.people) != 1:
        return -1, []
    speaker = first.people[0]
    questions = _question_lines(doc.text, rules)
    addressed = [
        t
        for t in doc
        if t.pos_ == "PRON"
        and t.lower_ in rules.second_person
        and t.i not in taken
        and any(t.idx in r for r in questions)
        and not any(t.idx in r for r in quoted)
    ]
    found = [PersonRef(t.i, t.i + 1, (speaker,), "pronoun") for t in sorted(singular + addressed)]
    return speaker, found


def interview_first_plural(
    doc: Doc,
    speaker: int,
    refs: list[PersonRef],
    focus: dict[int, tuple[int, int] | None],
    rules: PeopleRules,
) -> list[PersonRef]:
    """ "We met at college", "our son": in a Q&A's answers, the person interviewed with the partner in
    focus."""
    if speaker < 0:
        return []
    quoted = [range(start, end) for start, end in quoted_ranges(doc.text)]
    taken = {i for ref in refs for i in range(ref.start, ref.end)}
    # The answers come after the first question; "spoke to us" before it is the publication's "us".
    answers = min((r.start for r in _question_lines(doc.text, rules)), default=len(doc.text))
    found: list[PersonRef] = []
    for token in doc:
        if token.pos_ != "PRON" or token.lower_ not in rules.first_plural or token.i in taken:
            continue
        if token.idx < answers:
            continue
        if any(token.idx in r for r in quoted):
            continue
        pair = focus.get(token.sent.start)
        if pair is not None and speaker in pair:
            found.append(PersonRef(token.i, token.i + 1, tuple(pair), "group"))
    return found


def interviewers(doc: Doc, names: list[PersonRef]) -> set[int]:
    """ "He talks to Cal Ng about fame and marriage", "Ann Cole speaks to Cal Ng", "interviewed by Cal
    Ng": the journalist an interview's standfirst names (in the present tense of talking), who is
    nobody's partner in it."""
    ref_at = {i: ref for ref in names for i in range(ref.start, ref.end)}
    found: set[int] = set()
    for token in doc:
        lemma = token.lemma_.lower()
        talking = lemma in _TALKING and token.tag_ in ("VBZ", "VBP")
        interviewed = lemma == "interview" and token.tag_ == "VBN"
        if not (talking or interviewed):
            continue
        for prep in token.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in (
                ("to", "with") if talking else ("by",)
            ):
                continue
            for person in (t for t in prep.children if t.dep_ == "pobj" and t.i in ref_at):
                if ref_at[person.i].kind == "name":
                    found.update(ref_at[person.i].people)
    return found


_TALKING = frozenset({"talk", "speak", "chat"})

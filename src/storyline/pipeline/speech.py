"""The `storyline_speech` component: what people said, to which outlet, and when.

Reads `doc._.refs`, `doc._.timexes` and the parse; writes `doc._.speech`, a list of `Speech`. A verb
of saying (rules/en/relations.toml [timing] speech_verbs) with a person as its subject gives the
speaker; the outlet is whom they told ("told The Times"), where they said it ("in an interview with
ES Magazine", "to TMZ"); the words are the quotation next to the verb, or the reported clause ("told
Tatler that ..."). "She added" and "he continued" go on with the speaker's last outlet and date.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.model import TimeSpan
from storyline.pipeline import extensions
from storyline.pipeline.arguments import people_at
from storyline.pipeline.name_words import entity_at
from storyline.pipeline.persons import PersonRef
from storyline.pipeline.quotes import quoted_ranges
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.timing import speech_verbs

__all__ = ["Speech", "make_speech"]

_OUTLETS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "GPE", "NORP", "FAC"})
_GOING_ON = frozenset({"add", "continue", "go", "explain", "insist"})
_MEDIUM = frozenset({"interview", "statement", "podcast", "appearance", "post", "video", "show", "episode"})


@dataclass(frozen=True, slots=True)
class Speech:
    """One thing a person said: the words, the outlet, the date, and whom the words name."""

    speaker: int
    quote: str
    sentence: Span
    outlet: str | None = None
    when: TimeSpan | None = None
    about: tuple[int, ...] = ()


def _entity_text(token: Token) -> str:
    ent = entity_at(token)
    if ent is not None:
        return (
            ent.text.removeprefix("the ").removeprefix("The ")
            if ent.text.lower().startswith("the ")
            else ent.text
        )
    left = token.left_edge.i
    while left < token.i and not (token.doc[left].is_title or token.doc[left].is_upper):
        left += 1
    return token.doc[left : token.i + 1].text


def _outlet_of(verb: Token) -> str | None:
    """Whom or where it was said: "told The Times", "to TMZ", "in an interview with ES Magazine"."""
    for child in verb.children:
        told = child.dep_ in ("dobj", "dative") and verb.lemma_.lower() == "tell" and child._.ref is None
        if told and (child.pos_ == "PROPN" or child.ent_type_ in _OUTLETS):
            return _entity_text(child)
        if child.dep_ == "prep" and child.lower_ in ("to", "with"):
            for pobj in child.children:
                if (
                    pobj.dep_ == "pobj"
                    and pobj._.ref is None
                    and (pobj.pos_ == "PROPN" or pobj.ent_type_ in _OUTLETS)
                ):
                    return _entity_text(pobj)
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "during"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _MEDIUM:
                    for grandchild in pobj.children:
                        if grandchild.dep_ == "prep" and grandchild.lower_ in ("with", "for", "to", "on"):
                            for name in grandchild.children:
                                if name.dep_ == "pobj" and name._.ref is None and name.pos_ == "PROPN":
                                    return _entity_text(name)
                        if grandchild.dep_ in ("compound", "poss") and grandchild.pos_ == "PROPN":
                            return _entity_text(grandchild)
    return None


def _when_of(verb: Token, timexes: dict[int, list[tuple[int, TimeSpan]]]) -> TimeSpan | None:
    """The first date hanging on the verb, or on a word hanging on it (`timexes`: see _by_head)."""
    return min(timexes.get(verb.i, []), default=(0, None), key=lambda pair: pair[0])[1]


def _by_head(timexes: list[TimexSpan]) -> dict[int, list[tuple[int, TimeSpan]]]:
    """Each dated timex (its place in the list, its date) under the token its root hangs on and the
    token above that, so a verb finds its own dates without going through all of them."""
    found: dict[int, list[tuple[int, TimeSpan]]] = {}
    for n, timex in enumerate(timexes):
        if timex.timex.span is None:
            continue
        root = timex.span.root
        for head in {root.head.i, root.head.head.i}:
            found.setdefault(head, []).append((n, timex.timex.span))
    return found


def _words(verb: Token, ranges: list[tuple[int, int]], text: str) -> str | None:
    """The quotation beside the verb: after it ("told X: '...'") or before it ("'...,' she said").
    `text`: the document's."""
    sentence = verb.sent
    # A quotation opens in the verb's sentence after it ("told X: '...'"), or closes just before the
    # verb ("'...,' she said"): only a comma and the speaker's name may stand between.
    after = [r for r in ranges if verb.idx < r[0] <= sentence.end_char + 3]
    before = [r for r in ranges if r[1] <= verb.idx and len(text[r[1] : verb.idx].split()) <= 3]
    if after:
        start, end = after[0]
    elif before:
        start, end = before[-1]
    else:
        return None
    return text[start:end].strip().strip("\"\u201c\u201d'\u2018\u2019").strip()


def _reported(verb: Token) -> str | None:
    """Reported speech: "told Tatler that the paparazzi ..." gives the clause after "that"."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            words = [t for t in child.subtree if t.dep_ != "mark" or t.head != child]
            if len(words) >= 3:
                return verb.doc[words[0].i : words[-1].i + 1].text
    return None


@Language.factory("storyline_speech", assigns=["doc._.speech"], requires=["doc._.refs", "doc._.timexes"])
def make_speech(nlp: Language, name: str) -> SpeechComponent:
    return SpeechComponent()


class SpeechComponent:
    def __init__(self) -> None:
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        verbs = speech_verbs()
        text = doc.text  # joined once: `doc.text` joins every token's text each time it is read
        ranges = quoted_ranges(text)
        mentions = _named_mentions(doc)
        timexes = _by_head(list(doc._.timexes or []))
        found: list[Speech] = []
        used: set[tuple[int, int]] = set()
        for token in doc:
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in verbs:
                continue
            if any(start <= token.idx < end for start, end in ranges):
                continue  # a verb of saying inside a quotation is part of the quoted words
            speakers = [p for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for p in people_at(c)]
            if len(speakers) != 1:
                continue
            words = _words(token, [r for r in ranges if r not in used], text)
            if words is None:
                words = _reported(token)
            else:
                used.update(r for r in ranges if words in text[r[0] : r[1]])
            if not words:
                continue
            outlet, when = _outlet_of(token), _when_of(token, timexes)
            if outlet is None:
                # "She added", or the same speaker a few sentences on: the same interview.
                earlier = next((s for s in reversed(found) if s.speaker == speakers[0]), None)
                near = earlier is not None and token.sent.start - earlier.sentence.end < 120
                if earlier is not None and (token.lemma_.lower() in _GOING_ON or near):
                    outlet, when = earlier.outlet, when or earlier.when
            about = _named_in(text, mentions, words, token.sent, speakers[0])
            found.append(Speech(speakers[0], words, token.sent, outlet, when, about))
        doc._.speech = found
        return doc


def _named_mentions(doc: Doc) -> tuple[list[int], list[tuple[int, int, PersonRef]]]:
    """The document's references other than pronouns, as (first character, order in `doc._.refs`,
    reference) sorted by character, and the first characters alone: a quote looks up its own."""
    mentions = sorted(
        (doc[ref.start].idx if ref.end > ref.start else doc[ref.start : ref.end].start_char, n, ref)
        for n, ref in enumerate(doc._.refs or [])
        if ref.kind != "pronoun"
    )
    return [m[0] for m in mentions], mentions


def _named_in(
    text: str,
    mentions: tuple[list[int], list[tuple[int, int, PersonRef]]],
    words: str,
    sentence: Span,
    speaker: int,
) -> tuple[int, ...]:
    """People the quoted words name (by name, pronoun or description), other than the speaker."""
    start = text.find(words, max(0, sentence.start_char - 400))
    if start < 0:
        return ()
    end = start + len(words)
    starts, refs = mentions
    inside = sorted(refs[bisect_left(starts, start) : bisect_left(starts, end)], key=lambda m: m[1])
    named: list[int] = []
    for _, _, ref in inside:
        named.extend(p for p in ref.people if p != speaker and p not in named)
    return tuple(named)

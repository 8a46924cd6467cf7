"""First person inside a quotation: "I", "me", "my" are the person quoted.

In "'Ben and I got engaged in May,' Ann said" and "Ann told Vogue: 'I married Ben last year'", "I"
is Ann. The speaker is the one-person subject of a verb of saying outside the quotation, in the
sentence where the quotation starts or ends (the nearest such verb). "We" and "our" are the speaker
and the partner in focus when that pair includes the speaker, or the two people who said it
("Ann and Ben said: 'We are expecting'").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from storyline.pipeline.quotes import quoted_ranges
from storyline.pipeline.timing import speech_verbs

if TYPE_CHECKING:
    from storyline.pipeline.people import PeopleRules, PersonRef

__all__ = ["quoted_first_person"]


def _speakers(verb: Token, ref_at: dict[int, PersonRef]) -> tuple[int, ...]:
    """The people of a verb's subject, coordination included ("Ann and Ben said")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            found = (p for t in (child, *child.conjuncts) if t.i in ref_at for p in ref_at[t.i].people)
            return tuple(dict.fromkeys(found))
    return ()


def _speaker_of(quote: Span, ref_at: dict[int, PersonRef]) -> tuple[int, ...]:
    """Who says the quotation: the subject of the nearest verb of saying outside it, in a sentence
    the quotation starts or ends in."""
    verbs = speech_verbs()
    sentences = {quote[0].sent.start: quote[0].sent, quote[-1].sent.start: quote[-1].sent}
    best: tuple[int, tuple[int, ...]] | None = None
    for sentence in sentences.values():
        for token in sentence:
            if quote.start <= token.i < quote.end or token.lemma_.lower() not in verbs:
                continue
            if token.pos_ not in ("VERB", "AUX"):
                continue
            people = _speakers(token, ref_at)
            distance = quote.start - token.i if token.i < quote.start else token.i - quote.end
            if people and (best is None or distance < best[0]):
                best = (distance, people)
    return best[1] if best is not None else ()


def quoted_first_person(
    doc: Doc, refs: list[PersonRef], focus: dict[int, tuple[int, int] | None], rules: PeopleRules
) -> list[PersonRef]:
    """References for first-person pronouns inside quotations whose speaker is known."""
    from storyline.pipeline.people import PersonRef

    ref_at = {i: ref for ref in refs for i in range(ref.start, ref.end)}
    found: list[PersonRef] = []
    for start, end in quoted_ranges(doc.text):
        quote = doc.char_span(start, end, alignment_mode="expand")
        if quote is None or len(quote) < 2:
            continue
        speakers = _speaker_of(quote, ref_at)
        if not speakers:
            continue
        for token in quote:
            if token.i in ref_at or token.pos_ != "PRON":
                continue
            lower = token.lower_
            if lower in rules.first_person and len(speakers) == 1:
                found.append(PersonRef(token.i, token.i + 1, speakers, "pronoun"))
            elif lower in rules.first_plural:
                pair = speakers if len(speakers) == 2 else focus.get(token.sent.start)
                if pair is not None and len(pair) == 2 and set(speakers) <= set(pair):
                    found.append(PersonRef(token.i, token.i + 1, tuple(pair), "group"))
    return found

"""The `storyline_paragraphs` component: a line break always ends a sentence, and so does a photo credit.

News text puts headings, captions and photo credits on lines of their own; without this, the
parser glues a heading to the sentence after it and the evidence of a claim starts with "Secret
engagement". A credit glued to its caption ("© Ann Vik The couple met in 2019") is cut off after
the credited name, and a credit label glued to the end of a caption ("... ended their romance Credit:
Getty") starts a sentence of its own, or the parser makes the romance a compound of "Credit". Runs
before the parser, which keeps the boundaries it is given.
"""

from __future__ import annotations

from typing import cast

from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

__all__ = ["paragraphs"]

# Labels that open a photo credit or caption when a colon follows: "Credit: Getty", "Picture: PA".
_CREDIT_LABELS = frozenset({"Credit", "Credits", "Photo", "Photograph", "Picture", "Image", "Pictured"})


def _credit_end(doc: Doc, marker: int) -> int | None:
    """The token after a credited name: "© Ann Vik The couple" → the index of "The"."""
    i = marker + 1
    taken = 0
    while i < len(doc) and taken < 2 and doc[i].is_title:
        taken += 1
        i += 1
        if i < len(doc) and len(doc[i].text) <= 2 and doc[i].text.endswith("."):
            i += 1  # a middle initial: "Ann B. Vik"
    return i if taken == 2 and i < len(doc) and doc[i].is_title else None


@Language.component("storyline_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    starts: list[int] = []
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            starts.append(token.i)
    for token in doc:
        if token.text == "©":
            end = _credit_end(doc, token.i)
            if end is not None:
                starts.append(end)
        elif token.text in _CREDIT_LABELS and token.i + 1 < len(doc) and doc[token.i + 1].text == ":":
            starts.append(token.i)
    if starts:
        # Set all at once: each `token.is_sent_start = True` checks the whole Doc for a parse first,
        # which makes a long article with many lines quadratic.
        values = cast(Ints2d, doc.to_array(["SENT_START"]).reshape(-1, 1))
        for i in starts:
            values[i, 0] = 1
        doc.from_array(["SENT_START"], values)
    return doc

"""storyline_paragraphs: line breaks, photo credits and credit labels end sentences (model-free)."""

from __future__ import annotations

import spacy

from storyline.pipeline.paragraphs import paragraphs


def _starts(text: str) -> list[str]:
    doc = paragraphs(spacy.blank("en")(text))
    return [t.text for t in doc[1:] if t.is_sent_start]


def test_a_line_break_ends_a_sentence() -> None:
    assert _starts("Secret engagement\nAnn Cole and Ben Hart are engaged.") == ["Ann"]


def test_a_credit_before_a_caption_is_cut_after_the_credited_name() -> None:
    assert _starts("© Ann Vik The couple met in 2019.") == ["The"]


def test_a_credit_label_glued_to_a_caption_starts_a_sentence() -> None:
    assert _starts("Ann Cole and Ben Hart ended their romance Credit: Getty") == ["Credit"]
    assert _starts("The couple at the premiere Picture: PA Images") == ["Picture"]


def test_a_label_word_without_a_colon_is_text() -> None:
    assert _starts("Ann Cole took the photo credit for the image of Ben.") == []

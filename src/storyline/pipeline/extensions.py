"""The custom attributes storyline's components read and write, declared in one place.

* `doc._.published`  date: the article's publication date (set by `make_doc`)
* `doc._.timexes`    list[TimexSpan]: temporal expressions (storyline_timexes)
* `doc._.people`     list[Person]: the individuals of the story (storyline_people)
* `doc._.refs`       list[PersonRef]: every word or phrase that refers to them (storyline_people)
* `doc._.focus`      dict[int, pair | None]: the pair in focus after each sentence (storyline_people)
* `token._.ref`      PersonRef | None: the reference a token belongs to (storyline_people)
* `doc._.relations`  list[Candidate]: relationship claims (storyline_relations, storyline_status)
* `doc._.career`     list[CareerFact]: acted_in and lives_in (storyline_career)
* `doc._.speech`     list[Speech]: what people said, to which outlet, when (storyline_speech)
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["register"]

_DOC = ("published", "timexes", "people", "refs", "focus", "relations", "career", "speech")


def register() -> None:
    """Declare the attributes; safe to call any number of times."""
    for name in _DOC:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Token.has_extension("ref"):
        Token.set_extension("ref", default=None)

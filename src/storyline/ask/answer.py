"""An answer: whether the articles tell, what they say in one or two sentences, and the facts it rests
on (as in `timeline --json`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.ask.record import Record
from storyline.history import Event

__all__ = ["Answer", "known", "unknown"]


@dataclass(frozen=True, slots=True)
class Answer:
    """`known` is False when the articles do not answer the question; `facts` are the evidence."""

    question: str
    known: bool
    answer: str
    facts: tuple[dict[str, Any], ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "known": self.known,
            "answer": self.answer,
            "facts": list(self.facts),
        }


def _facts(record: Record | None, events: Iterable[Event]) -> tuple[dict[str, Any], ...]:
    if record is None:
        return ()
    unique = list({id(e): e for e in events}.values())  # events hold dicts: not hashable
    return tuple(record.entry(e).to_json() for e in unique)


def known(question: str, text: str, record: Record | None = None, events: Iterable[Event] = ()) -> Answer:
    """An answer the articles give, with the facts behind it."""
    return Answer(question, True, _sentence(text), _facts(record, events))


def unknown(question: str, why: str, record: Record | None = None, events: Iterable[Event] = ()) -> Answer:
    """The articles do not tell: why not, and what they do say nearby."""
    return Answer(question, False, _sentence(why), _facts(record, events))


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!", '"')) else text + "."

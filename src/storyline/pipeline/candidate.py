"""A relationship claim as one sentence states it, before an article's readings are merged."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from storyline.model import Relation, Status, TimeSpan
from storyline.pipeline.timing import Timing
from storyline.pipeline.triggers import TriggerRule

__all__ = ["Candidate"]


@dataclass(slots=True)
class Candidate:
    """A relationship claim as read from one sentence, before the article's claims are merged."""

    rule: TriggerRule
    trigger: Span
    a: int
    b: int | None
    timing: Timing = field(default_factory=Timing)
    child: str | None = None  # child_born: the child's name, "" when the text does not name it
    former: bool = False
    negated: bool = False
    single_parent: bool = False  # child_born: "his son" names one parent only
    nested: bool = False  # the object of another trigger: "calling time on their romance"
    alone: bool = False  # "since she last married": one side only, the partner is no one in focus
    lasted: str | None = None  # a split's "after three years": how long the relationship had lasted
    until: TimeSpan | None = None  # "engaged in 2014 after two years together": the length runs to here
    filled: bool = False  # `b` came from the pair the article is about, not from the sentence
    count: int | None = None  # child_born: "had four children", children counted but not named
    status: Status = Status.CONFIRMED
    cues: tuple[str, ...] = ()  # the status cues that decided `status`

    @property
    def relation(self) -> Relation:
        return self.rule.relation

    @property
    def sentence(self) -> Span:
        return self.trigger.sent

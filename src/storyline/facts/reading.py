"""One relationship fact as one sentence of an article states it, before the article's readings merge."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import Relation, Status, TimeSpan

__all__ = ["COUNTED", "Reading", "same_name"]

# The rule-name suffix of children a couple has but the text does not name ("they have two
# children"): the merge keeps them only when the two are partners in the article.
COUNTED = ">counted"

# In one article, an explicit confirmation beats a denial, which beats a plain statement with a
# date ("dated Ann between 2016 and 2020") or a relationship taken for granted ("his wife Ann"),
# which beats hearsay, which beats a plain mention:
# "rumours" in one sentence are not undone by "their relationship" in another.
_RANK = {
    "confirmed!": 0,
    Status.DENIED: 1,
    "dated": 2,
    Status.REPORTED: 3,
    Status.RUMOURED: 4,
    Status.CONFIRMED: 5,
}


@dataclass(frozen=True, slots=True)
class Reading:
    """One relationship fact as one sentence states it, with names instead of spaCy objects."""

    relation: Relation
    a: str
    b: str | None
    sentence: str
    start: int  # character span of the sentence in the article text
    end: int
    when: TimeSpan | None = None
    ended: TimeSpan | None = None
    duration: str | None = None
    duration_mod: str | None = None  # "more than 20 years": the state began by then, not then
    status: Status = Status.CONFIRMED
    explicit: bool = False  # the status comes from a cue word, not by default
    child: str | None = None
    former: bool = False
    confidence: float = 0.8
    rule: str = ""
    by_now: bool = False  # `when` is only "on or before the publication date", from the tense
    announced: bool = False  # `when` is only "by the day it was announced"
    derived: bool = False  # `when` comes from a clause around the trigger, not a date on it
    presupposed: bool = False  # "his wife Ann": taken for granted, not the point the sentence hedges
    least: bool = False  # "her ex": at least a couple; a marriage of the pair takes it over
    lasted: str | None = None  # a split's "after three years": how long what it ended had lasted
    until: TimeSpan | None = None  # the date a length counts back from, when not the end or today
    named: bool = False  # both sides are named in the sentence, not only pointed at
    filled: bool = False  # the other side came from the pair the article is about
    quoted: bool = False  # the sentence is inside a quotation
    headline: bool = False  # the sentence is the article's first line
    count: int | None = None  # child_born: how many children a couple's unnamed children are
    trigger: int = 0  # character offset of the trigger word: readings of one word are one fact each
    extra: tuple[tuple[str, str], ...] = ()  # role, place, quote, about: what other relations carry

    @property
    def strength(self) -> float:
        """How directly the text dates this reading: 2 on the trigger, 1 from around it, 0.5 by the
        day it was announced, 0 by tense."""
        return 0 if self.by_now else 0.5 if self.announced else 1 if self.derived else 2

    @property
    def pair(self) -> frozenset[str]:
        return frozenset({self.a, self.b or self.child or ""})

    @property
    def rank(self) -> int:
        if self.explicit and self.status is Status.CONFIRMED:
            return _RANK["confirmed!"]
        if self.status is Status.CONFIRMED and (
            self.presupposed or (self.when is not None and not self.by_now)
        ):
            return _RANK["dated"]
        return _RANK[self.status]


def same_name(a: str, b: str) -> bool:
    """ "Wren" and "Wren Marsh" name one child; "Wren" and "Otto" do not."""
    x, y = set(a.lower().split()), set(b.lower().split())
    return x <= y or y <= x

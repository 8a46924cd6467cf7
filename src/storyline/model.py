"""The shared vocabulary: frozen data classes every layer speaks.

Nothing here knows about spaCy, SQL or HTTP. A `TimeSpan` is a TIMEX3-style value together
with the interval of days it stands for, so that "2017" is all of 2017, never January 1st: it and
its arithmetic live in `storyline.timespan`, and are imported from here like the rest.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from storyline.timespan import Mod, Precision, TimeSpan, value_interval

__all__ = [
    "Article",
    "Attribution",
    "Claim",
    "Entity",
    "EntityKind",
    "Evidence",
    "Extraction",
    "IdentityEdit",
    "Mention",
    "Mod",
    "Precision",
    "Relation",
    "Status",
    "TimeSpan",
    "fold_name",
    "value_interval",
]


class Status(StrEnum):
    """How sure the article is of a claim, from most to least certain."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    RUMOURED = "rumoured"
    DENIED = "denied"


class Relation(StrEnum):
    """What a claim says happened: the relationship relations, then career, home and speech."""

    MET = "met"
    DATING = "dating"
    ENGAGED = "engaged"
    MARRIED = "married"
    SPLIT = "split"
    DIVORCED = "divorced"
    RECONCILED = "reconciled"
    MOVED_IN = "moved_in"
    CHILD_BORN = "child_born"
    ACTED_IN = "acted_in"
    LIVES_IN = "lives_in"
    SAID = "said"

    @property
    def is_partnership(self) -> bool:
        """True for the relations between two partners (the relationship phases and their events)."""
        return self in _PARTNERSHIP

    @property
    def is_state(self) -> bool:
        """True for relations that hold over a span (dating, engaged, married) rather than happen once."""
        return self in _STATES


_PARTNERSHIP = frozenset(
    {
        Relation.MET,
        Relation.DATING,
        Relation.ENGAGED,
        Relation.MARRIED,
        Relation.SPLIT,
        Relation.DIVORCED,
        Relation.RECONCILED,
        Relation.MOVED_IN,
    }
)
_STATES = frozenset({Relation.DATING, Relation.ENGAGED, Relation.MARRIED})


class EntityKind(StrEnum):
    PERSON = "person"
    WORK = "work"
    PLACE = "place"
    ORGANIZATION = "organization"


# ---------------------------------------------------------------------------------------------
# Articles and what is extracted from them


def content_id(published: date, text: str) -> str:
    """A stable article id: the same dated text always gets the same id."""
    digest = hashlib.sha256(f"{published.isoformat()}\n{text.strip()}".encode()).hexdigest()
    return digest[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """A dated article. `published` is the knowledge time of every claim drawn from it."""

    published: date
    text: str
    title: str = ""
    source: str = ""
    url: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.published, self.text))

    @property
    def name(self) -> str:
        """What to call the article in output: its file name, else its URL, else its id."""
        return self.source or self.url or self.id


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, work, place or organization as one article names it."""

    name: str
    kind: EntityKind = EntityKind.PERSON
    aliases: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of article text that refers to an entity: a name, a pronoun, a descriptor."""

    entity: str
    start: int
    end: int
    text: str
    kind: str = "name"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim comes from: the sentence and its character span in the article text.

    `source` is the article's name for people (its file name or URL).
    """

    article_id: str
    sentence: str
    start: int
    end: int
    source: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it, to which outlet, and when it was said, for quoted or attributed claims."""

    speaker: str | None = None
    outlet: str | None = None
    said_on: TimeSpan | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One unit of knowledge from one article; never updated in place.

    `subject`/`object` are the fullest names the article gives. For child_born the subject is a
    parent and the object the other parent if named, else the child.
    """

    subject: str
    relation: Relation
    object: str | None
    when: TimeSpan | None
    status: Status
    evidence: Evidence
    known_at: date
    ended: TimeSpan | None = None
    polarity: bool = True
    confidence: float = 0.5
    attribution: Attribution | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Stable across runs: the same article yields the same claim ids."""
        key = "|".join(
            [
                self.evidence.article_id,
                self.relation,
                self.subject,
                self.object or "",
                self.when.label() if self.when else "",
                str(self.evidence.start),
                self.extra.get("child", ""),
            ]
        )
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """The claim JSON line of `storyline extract --json` (and of the gold files)."""
        data: dict[str, Any] = {
            "file": self.evidence.source or self.evidence.article_id,
            "a": self.subject,
            "b": self.object,
            "relation": self.relation.value,
            "when": self.when.label() if self.when else None,
            "ended": self.ended.label() if self.ended else None,
            "status": self.status.value,
            "evidence": self.evidence.sentence,
            "published": self.known_at.isoformat(),
            "span": [self.evidence.start, self.evidence.end],
            "confidence": round(self.confidence, 2),
        }
        if not self.polarity:
            data["polarity"] = False
        if self.attribution is not None:
            data["speaker"] = self.attribution.speaker
            data["outlet"] = self.attribution.outlet
            data["said_on"] = self.attribution.said_on.label() if self.attribution.said_on else None
        data.update({k: v for k, v in sorted(self.extra.items()) if k not in data})
        return data

    def involves(self, name: str) -> bool:
        return name in (self.subject, self.object)

    def other(self, name: str) -> str | None:
        """The other party of a two-party claim, seen from `name`."""
        if self.subject == name:
            return self.object
        return self.subject if self.object == name else None


@dataclass(frozen=True, slots=True)
class Extraction:
    """All that one article yields: the people and things it names, and its claims."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True, slots=True)
class IdentityEdit:
    """A hand correction of identity: `merge` says names a and b are one person, `unmerge` undoes it."""

    id: str
    action: str
    a: str
    b: str
    made_at: str


@lru_cache(maxsize=65536)  # a timeline folds the same few hundred names again and again
def fold_name(name: str) -> str:
    """A name without case, accents or punctuation: the key two spellings of one name share, and the
    key the store indexes names by."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())

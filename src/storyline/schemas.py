"""The JSON every surface gives, as Pydantic models: the fields of `--json`, of the HTTP API (so the
OpenAPI document names them) and of the MCP tools' structured content (their output schemas).

The library's answers make this JSON with their `to_json()`; these models describe it and check it,
they do not compute it. A field named `with` (a Python keyword) is `with_` in Python and `with` in JSON.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AnswerJSON",
    "ArticleJSON",
    "ClaimJSON",
    "ClaimViewJSON",
    "ConflictJSON",
    "ConflictSideJSON",
    "DisputeJSON",
    "PageEntryJSON",
    "PartnerJSON",
    "PersonLinkJSON",
    "PersonPageJSON",
    "RangeJSON",
    "SourceEntryJSON",
    "TimelineEntryJSON",
]


class _Model(BaseModel):
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)


class ClaimJSON(_Model):
    """One article's claim behind a fact: where it is said, how sure, and the sentence."""

    article: str = Field(description="The article id (a hash of its date and text).")
    source: str = Field(description="The article's name: its file name or URL.")
    published: str = Field(description="The publication date (YYYY-MM-DD): when the fact became known.")
    status: str = Field(description="confirmed, reported, rumoured or denied.")
    when: str | None = Field(description="The date the claim gives (YYYY, YYYY-MM, YYYY-MM-DD or A..B).")
    sentence: str = Field(description="The sentence the claim was read from.")
    span: list[int] = Field(description="[start, end]: the sentence's character offsets in the article.")


class DisputeJSON(_Model):
    """The other side of a disputed fact: a denial, or an ending only rumoured."""

    relation: str
    when: str | None
    status: str
    sources: list[str]


class TimelineEntryJSON(_Model):
    """One line of a timeline (`storyline timeline NAME --json`)."""

    when: str | None = Field(description="When it happened or began (YYYY, YYYY-MM, YYYY-MM-DD, A..B).")
    ended: str | None = Field(description="When a state ended, else null.")
    relation: str = Field(description="met, dating, engaged, married, split, divorced, child_born, …")
    with_: str | None = Field(alias="with", description="The other person (a birth: the other parent).")
    child: str | None = Field(description="For child_born: the child.")
    status: str = Field(description="confirmed, reported, rumoured or denied.")
    known_since: str = Field(description="The first article's publication date.")
    evidence: str = Field(description="The sentence that says it best.")
    sources: list[str] = Field(description="The articles that say it.")
    disputed: list[DisputeJSON] = Field(description="Denials and unconfirmed endings of it.")
    stale: bool = Field(description="A rumour or report no article has restated for a while.")


class PartnerJSON(_Model):
    """Who a person was with on a day (`storyline partners NAME --json`)."""

    name: str
    phase: str = Field(description="dating, engaged or married.")
    since: str | None
    status: str
    sources: list[str]
    disputed: list[DisputeJSON]
    evidence: list[ClaimJSON] = Field(description="Each article's sentence telling of this phase.")


class AnswerJSON(_Model):
    """An answer to a question (`storyline ask --json`); `known` is false when the articles do not tell."""

    question: str
    known: bool
    answer: str = Field(description="One sentence, with how sure the articles are and which say it.")
    facts: list[dict[str, Any]] = Field(description="The facts it rests on, as timeline entries.")


class SourceEntryJSON(_Model):
    """A fact and every article behind it (`storyline sources NAME --json`)."""

    relation: str
    with_: str | None = Field(alias="with")
    when: str | None
    status: str
    corroboration: int = Field(description="How many articles say it.")
    claims: list[ClaimJSON]


class ConflictSideJSON(_Model):
    says: str = Field(description="What this side says (e.g. 'reported', 'denied', a date).")
    claims: list[ClaimJSON]


class ConflictJSON(_Model):
    """A fact the articles disagree on (`storyline conflicts --json`)."""

    kind: str
    relation: str
    a: str
    b: str | None
    when: str | None
    sides: list[ConflictSideJSON]


class PersonLinkJSON(_Model):
    """A person found by a search, and the path of their page."""

    name: str
    page: str


class ArticleJSON(_Model):
    """A stored article; claim spans are offsets into `text`."""

    id: str
    published: str
    title: str
    headline: str
    text: str
    source: str
    url: str | None


class RangeJSON(_Model):
    """The days to draw a fact over; both null for a fact with no date (drawn apart, as undated)."""

    from_: str | None = Field(alias="from")
    to: str | None


class ClaimViewJSON(_Model):
    """A claim as the evidence popup shows it."""

    article: str
    source: str
    headline: str | None
    published: str
    status: str
    sentence: str
    span: list[int]
    outlet: str | None
    speaker: str | None


class PageEntryJSON(TimelineEntryJSON):
    """A timeline entry of the person page: what to draw and every claim behind it."""

    range: RangeJSON
    undated: bool = Field(description="No article dates it: drawn in the undated row, not on a day.")
    claims: list[ClaimViewJSON]


class PersonPageJSON(_Model):
    """The JSON twin of a person's page."""

    name: str
    variants: list[str]
    as_of: str | None
    known_dates: list[str] = Field(description="The days articles about the person came out.")
    partners_at: str
    partners: list[PartnerJSON]
    entries: list[PageEntryJSON]

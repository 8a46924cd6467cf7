"""The readings of one article merged into one claim per fact.

The pipeline gives one reading per trigger sentence; an article often says the same thing several
times ("the couple split" in the headline, "they parted ways before Christmas" later). The readings
of one fact fold into one claim: the most precise date wins, a reported or rumoured reading is not
made certain by a plain mention, and what the article's readings imply of each other (implied.py)
closes states and adds what a divorce or a split says besides itself. Each claim comes with the
signals the claim scorer reads (scoring.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from storyline.facts.implied import (
    both_parents,
    close_states,
    counted_of_couples,
    implied,
    the_couples_children,
    upgraded,
)
from storyline.facts.reading import Reading, same_name
from storyline.model import Article, Attribution, Claim, Evidence, Precision, Relation, Status, TimeSpan
from storyline.scoring import RELATIONS, Scorer, Signals

__all__ = ["ArticleContext", "claim_signals", "merge", "merge_with_signals"]

# Facts that can happen more than once between the same two people in one article.
_REPEATABLE = frozenset({Relation.ENGAGED, Relation.MARRIED, Relation.SPLIT, Relation.RECONCILED})


@dataclass(slots=True)
class _Fact:
    readings: list[Reading] = field(default_factory=list)

    @property
    def when(self) -> TimeSpan | None:
        """The most informative date: one stated on the trigger, then one from the clauses around it,
        then one known only from the tense; among those the finest."""
        dated = [(r.strength, r.when.precision, not r.when.is_open, r.when) for r in self.readings if r.when]
        if not dated:
            return None
        best = max(dated, key=lambda d: d[:3])
        if self.readings[0].relation is Relation.CHILD_BORN:
            return _birth_date([d[3] for d in dated if d[0] == best[0]], best[3])
        return best[3]

    @property
    def parents(self) -> frozenset[str]:
        return frozenset(p for r in self.readings for p in (r.a, r.b) if p)

    @property
    def child(self) -> str | None:
        """The fullest name any reading gives the child."""
        names = [r.child for r in self.readings if r.child]
        return max(names, key=lambda n: len(n.split()), default=None)

    def accepts(self, reading: Reading, reunions: tuple[TimeSpan, ...] = ()) -> bool:
        """Whether a reading is this fact's. Two dated splits with a reconciliation between them are
        two splits, however close ("filed in May, withdrew in July, filed again in August")."""
        when = self.when
        if reading.relation is Relation.CHILD_BORN:
            if not self._same_child(reading):
                return False
            # One child's births agree closely; "welcomed a baby" by now is not the 2-year-old son.
            if when is not None and reading.when is not None:
                return _about_then(when).near(_about_then(reading.when))
            return True
        if reading.relation not in _REPEATABLE or when is None or reading.when is None:
            return True
        first, second = sorted((when, reading.when), key=lambda w: w.sort_key())
        between = any(
            (first.latest or date.min) < (r.earliest or date.min)
            and (r.latest or date.max) < (second.earliest or date.max)
            for r in reunions
        )
        return when.near(reading.when) and not between

    def _same_child(self, reading: Reading) -> bool:
        """A birth reading is this child's when the parents agree, the names do not differ, and it
        is not another child of the same word ("two children": two facts)."""
        parents = frozenset(p for p in (reading.a, reading.b) if p)
        if not (parents <= self.parents or self.parents <= parents):
            return False
        if reading.child and self.child and not same_name(reading.child, self.child):
            return False
        undated = reading.when is None or self.when is None
        if undated and _lone_named(parents, reading.child, self.parents, self.child):
            return False
        return not any(r.trigger == reading.trigger for r in self.readings)


def _birth_date(spans: list[TimeSpan], finest: TimeSpan) -> TimeSpan:
    """Of two dates of one birth that do not agree ("became parents", dated by the announcement on
    Tuesday, and "gave birth last week"), the earlier: a birth comes before any telling of it."""
    earlier = [s for s in spans if not s.overlaps(finest) and s.sort_key() < finest.sort_key()]
    return min(earlier, key=lambda s: s.sort_key()) if earlier else finest


def _lone_named(
    parents: frozenset[str], child: str | None, others: frozenset[str], other_child: str | None
) -> bool:
    """ "Ann's daughter Ivy" beside "Ann and Ben have two sons": the side with one parent names its
    child and the side with two names none, so nothing but a date can say they are one child."""
    if len(parents) == len(others):
        return False
    fewer, more = (child, other_child) if len(parents) < len(others) else (other_child, child)
    return bool(fewer) and not more


def _about_then(span: TimeSpan) -> TimeSpan:
    """A birth known only as "by D" happened shortly before D, for telling children apart: "welcomed
    a baby" in an article of 2022 is not the son born in 2019."""
    if span.earliest is None and span.latest is not None:
        back = min(timedelta(days=180), span.latest - date.min)  # not before the calendar's first day
        return TimeSpan("", Precision.DAY, span.latest - back, span.latest)
    return span


def _group(readings: Iterable[Reading]) -> list[_Fact]:
    facts: dict[tuple[object, ...], list[_Fact]] = {}
    order: list[_Fact] = []
    dated_first = sorted(readings, key=lambda r: r.when is None)  # a dated reading founds each fact
    reunions: dict[frozenset[str], tuple[TimeSpan, ...]] = {}
    for reading in dated_first:
        if reading.relation is Relation.RECONCILED and reading.when is not None:
            reunions[reading.pair] = (*reunions.get(reading.pair, ()), reading.when)
    for reading in dated_first:
        births = reading.relation is Relation.CHILD_BORN
        key: tuple[object, ...] = (reading.relation,) if births else (reading.relation, reading.pair)
        bucket = facts.setdefault(key, [])
        target = next((f for f in bucket if f.accepts(reading, reunions.get(reading.pair, ()))), None)
        if target is None:
            target = _Fact()
            bucket.append(target)
            order.append(target)
        target.readings.append(reading)
    return sorted(order, key=lambda f: min(r.start for r in f.readings))


def _claim(fact: _Fact, article: Article) -> Claim:
    readings = fact.readings
    when = fact.when
    best = min(readings, key=lambda r: (r.when is None or r.when != when, r.rank, r.start))
    status_reading = min(readings, key=lambda r: (r.rank, r.start))
    ended = max((r.ended for r in readings if r.ended), key=lambda e: e.precision, default=None)
    extra: dict[str, str] = {"rule": best.rule}
    if any(r.former for r in readings):
        extra["former"] = "true"
    lasting = next((r for r in readings if r.duration), None)
    if lasting is not None and when is None:
        extra["duration"] = lasting.duration or ""
        if lasting.duration_mod:
            extra["duration_mod"] = lasting.duration_mod
        if lasting.until is not None:
            extra["duration_until"] = lasting.until.value
    dating = [r for r in readings if r.when == when]
    if when is not None and all(r.by_now for r in dating):
        extra["when_from"] = "tense"  # only the publication date the tense points to
    elif when is not None and all(r.strength < 2 for r in dating):
        extra["when_from"] = "context"  # from a clause around the claim, not a date on it
    subject, other = best.a, best.b
    if best.relation is Relation.CHILD_BORN:
        # A parent, and the other parent if any reading names one, else the child.
        parents = list(
            dict.fromkeys(p for r in sorted(readings, key=lambda r: r.start) for p in (r.a, r.b) if p)
        )
        subject = parents[0]
        other = parents[1] if len(parents) > 1 else fact.child
        if len(parents) > 1:
            extra["child"] = fact.child or ""  # "" when the text names no child: b is the other parent
    for reading in sorted(readings, key=lambda r: r.start):
        for key, value in reading.extra:
            if key == "quote" and "quote" in extra and value not in extra["quote"]:
                extra["quote"] = f"{extra['quote']} … {value}"
            else:
                extra.setdefault(key, value)
    attribution = None
    if best.relation is Relation.SAID:
        attribution = Attribution(speaker=best.a, outlet=best.b, said_on=when)
    status = status_reading.status
    if status is Status.DENIED and extra.get("when_from") == "tense":
        when = None  # "denies he is dating": no date to the thing denied
        extra.pop("when_from")
    return Claim(
        subject=subject,
        relation=best.relation,
        object=other,
        when=when,
        ended=ended,
        status=status,
        evidence=Evidence(article.id, best.sentence, best.start, best.end, article.name),
        known_at=article.published,
        confidence=max(r.confidence for r in readings),
        attribution=attribution,
        extra=extra,
    )


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the scorer needs to know of the whole article: how often it refers to each person, and
    how much of it speaks of films, shows and roles."""

    mentions: dict[str, int] = field(default_factory=dict)
    fiction: float = 0.0
    tagged: frozenset[str] = frozenset()  # people the tagger named PERSON at least once


def merge_with_signals(
    readings: Iterable[Reading], article: Article, context: ArticleContext | None = None
) -> list[tuple[Claim, Signals | None]]:
    """One claim per fact of the article, in the order the article first states them, each with the
    signals the scorer reads (None for relations it does not score)."""
    stated = the_couples_children(counted_of_couples(both_parents(list(readings))))
    stated = upgraded([*stated, *implied(stated)])
    facts = _group(stated)
    claims = close_states([_claim(fact, article) for fact in facts], article.published)
    return list(zip(claims, claim_signals(claims, facts, context or ArticleContext()), strict=True))


def merge(
    readings: Iterable[Reading],
    article: Article,
    context: ArticleContext | None = None,
    scorer: Scorer | None = None,
) -> list[Claim]:
    """One claim per fact of the article; with a scorer, each scored claim gets the model's
    confidence, and those below its threshold are left out."""
    kept: list[Claim] = []
    for claim, signals in merge_with_signals(readings, article, context):
        if scorer is not None and signals is not None:
            if not scorer.keeps(signals):
                continue
            claim = replace(claim, confidence=scorer.confidence(signals))
        kept.append(claim)
    return kept


def claim_signals(claims: list[Claim], facts: list[_Fact], context: ArticleContext) -> list[Signals | None]:
    """What the rules saw of each claim (see scoring.Signals)."""
    pairs = Counter(frozenset((c.subject, c.object)) for c in claims if c.relation.value in RELATIONS)
    main = max(pairs, key=lambda p: pairs[p], default=None)
    result: list[Signals | None] = []
    for claim, fact in zip(claims, facts, strict=True):
        if claim.relation.value not in RELATIONS or claim.object is None:
            result.append(None)
            continue
        readings = fact.readings
        pair = frozenset((claim.subject, claim.object))
        result.append(
            Signals(
                relation=claim.relation.value,
                rule=claim.extra.get("rule", ""),
                status=claim.status.value,
                readings=len(readings),
                named=any(r.named for r in readings),
                filled=all(r.filled for r in readings),
                dated=claim.when is not None and claim.extra.get("when_from") != "tense",
                former="former" in claim.extra,
                a_mentions=context.mentions.get(claim.subject, 1),
                b_mentions=context.mentions.get(claim.object, 1),
                a_words=len(claim.subject.split()),
                b_words=len(claim.object.split()),
                same_surname=len(claim.subject.split()) > 1
                and claim.subject.split()[-1] == claim.object.split()[-1],
                headline=all(r.headline for r in readings),
                quoted=all(r.quoted for r in readings),
                fiction=context.fiction,
                tagged=(claim.subject in context.tagged) + (claim.object in context.tagged),
                pair_claims=pairs[pair],
                main_pair=pair == main,
            )
        )
    return result

"""Article → Extraction: the one place spaCy objects become model objects (pure, no I/O).

The pipeline gives one reading per trigger sentence; an article often says the same thing several
times ("the couple split" in the headline, "they parted ways before Christmas" later). `merge`
folds the readings of one article into one claim per fact: the most precise date wins, a reported
or rumoured reading is not made certain by a plain mention, and states get their end from the
split or divorce the same article reports, and their start from a stated length ("a two-year
relationship" that ended in 2017 began in 2015).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.model import (
    Article,
    Attribution,
    Claim,
    Entity,
    EntityKind,
    Evidence,
    Extraction,
    Mention,
    Mod,
    Precision,
    Relation,
    Status,
    TimeSpan,
)
from storyline.pipeline import load_pipeline, make_doc
from storyline.pipeline.births import COUNTED
from storyline.pipeline.quotes import quoted_ranges
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.scoring import RELATIONS, Scorer, Signals, default_scorer
from storyline.timex import offset

__all__ = [
    "ArticleContext",
    "Reading",
    "article_context",
    "extract",
    "extract_all",
    "merge",
    "merge_with_signals",
]

# Facts that can happen more than once between the same two people in one article.
_REPEATABLE = frozenset({Relation.ENGAGED, Relation.MARRIED, Relation.SPLIT, Relation.RECONCILED})
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
# What ends a state, in order of preference: a marriage ends at its divorce when the article gives
# one, else at the separation; the rest end at the split (the divorce of a couple who split later).
_ENDS = {
    Relation.DATING: (Relation.SPLIT, Relation.DIVORCED),
    Relation.ENGAGED: (Relation.SPLIT, Relation.DIVORCED),
    Relation.MARRIED: (Relation.DIVORCED, Relation.SPLIT),
    Relation.MOVED_IN: (Relation.SPLIT, Relation.DIVORCED),
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
    named: bool = False  # both sides are named in the sentence, not only pointed at
    filled: bool = False  # the other side came from the pair the article is about
    quoted: bool = False  # the sentence is inside a quotation
    headline: bool = False  # the sentence is the article's first line
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
        if reading.child and self.child and not _same_name(reading.child, self.child):
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
        return TimeSpan("", Precision.DAY, span.latest - timedelta(days=180), span.latest)
    return span


def _same_name(a: str, b: str) -> bool:
    """ "Wren" and "Wren Marsh" name one child; "Wren" and "Otto" do not."""
    x, y = set(a.lower().split()), set(b.lower().split())
    return x <= y or y <= x


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


def _ending(claim: Claim, claims: list[Claim]) -> TimeSpan | None:
    """When the article says a state of the pair ended: its divorce (for a marriage) or split,
    confirmed or reported, after the state began; after the pair's last reconciliation, if any,
    which reopens what the split before it ended."""
    pair = {claim.subject, claim.object}
    start = claim.when.earliest if claim.when is not None and claim.when.earliest else date.min
    of_pair = [c for c in claims if {c.subject, c.object} == pair and c.when is not None]
    reunions = [c.when for c in of_pair if c.relation is Relation.RECONCILED and c.when is not None]
    if reunions:
        start = max(start, max(r.earliest or date.min for r in reunions))
    for relation in _ENDS[claim.relation]:
        endings = [
            c.when
            for c in of_pair
            if c.relation is relation
            and c.when is not None
            and c.status in (Status.CONFIRMED, Status.REPORTED)
            and (c.when.latest or date.max) >= start
        ]
        if endings:
            return min(endings, key=lambda w: w.sort_key())
    return None


# A length "more than" so long starts by the date it counts back to; "less than", on or after it.
_LENGTH_MODS = {
    "MORE_THAN": Mod.ON_OR_BEFORE,
    "EQUAL_OR_MORE": Mod.ON_OR_BEFORE,
    "LESS_THAN": Mod.ON_OR_AFTER,
    "EQUAL_OR_LESS": Mod.ON_OR_AFTER,
}


def _back_by(anchor: TimeSpan | date, duration: str, mod: str | None = None) -> TimeSpan | None:
    """The start of a state that lasted `duration` up to `anchor`. A vague length ("a few weeks",
    PXW) starts two to six of its units before; "more than 20 years", by 20 years before."""
    if "X" not in duration:
        start = offset(anchor, duration, -1)
        return start.with_mod(_LENGTH_MODS[mod]) if start is not None and mod in _LENGTH_MODS else start
    unit = duration[-1]
    earliest, latest = offset(anchor, f"P6{unit}", -1), offset(anchor, f"P2{unit}", -1)
    if earliest is None or latest is None:
        return None
    return TimeSpan.between(earliest, latest)


def _close_states(claims: list[Claim], published: date) -> list[Claim]:
    """States end at the article's split or divorce of the same pair; a stated length gives the start."""
    result: list[Claim] = []
    for claim in claims:
        ended = claim.ended
        if claim.relation in _ENDS and ended is None:
            ended = _ending(claim, claims)
        when = claim.when
        duration = claim.extra.get("duration")
        if when is None and duration:
            anchor = ended if ended is not None else published
            when = _back_by(anchor, duration, claim.extra.get("duration_mod"))
        if (when, ended) != (claim.when, claim.ended):
            extra = {
                k: v for k, v in claim.extra.items() if k not in ("duration", "duration_mod") or when is None
            }
            claim = replace(claim, when=when, ended=ended, extra=extra)
        result.append(claim)
    return result


def _implied(readings: list[Reading]) -> list[Reading]:
    """What a divorce says besides itself: the two were married. A divorce (or a divorce filing) of
    a pair the article never calls married gives a married reading from the same sentence, ended by a
    final divorce. A split after a stated time ("broke up after three years") of a pair the article
    gives no relationship says they were together that long: a dating reading."""
    married = {r.pair for r in readings if r.relation is Relation.MARRIED}
    together = {
        r.pair for r in readings if r.relation in (Relation.DATING, Relation.ENGAGED, Relation.MARRIED)
    }
    implied: list[Reading] = []
    for reading in readings:
        if reading.relation is Relation.SPLIT and reading.lasted and reading.pair not in together:
            implied.append(
                replace(
                    reading,
                    relation=Relation.DATING,
                    when=None,
                    ended=reading.when if not reading.by_now else None,
                    # the length counts back from the split's date; without one it dates nothing
                    duration=reading.lasted if reading.when is not None and not reading.by_now else None,
                    by_now=False,
                    rule=f"{reading.rule}>dating",
                    trigger=-1 - reading.trigger,
                    least=True,
                )
            )
            together.add(reading.pair)
        filing = reading.relation is Relation.SPLIT and "divorce" in reading.rule
        if (reading.relation is Relation.DIVORCED or filing) and reading.pair not in married:
            ended = reading.when if reading.relation is Relation.DIVORCED and not reading.by_now else None
            implied.append(
                replace(
                    reading,
                    relation=Relation.MARRIED,
                    when=None,
                    ended=ended,
                    duration=None,
                    by_now=False,
                    rule=f"{reading.rule}>married",
                    trigger=-1 - reading.trigger,
                )
            )
            married.add(reading.pair)
    return implied


def _upgraded(readings: list[Reading]) -> list[Reading]:
    """ "Her ex" of someone the article says she married is her ex-husband: the reading joins the marriage."""
    strongest: dict[frozenset[str], Relation] = {}
    for reading in readings:
        for relation in (Relation.MARRIED, Relation.ENGAGED):
            if reading.relation is relation and strongest.get(reading.pair) is not Relation.MARRIED:
                strongest[reading.pair] = relation

    # A dated "relationship since 2009", or one with its own length ("ended their 12-year
    # relationship" of a couple married five years), is the dating from its start; only an undated
    # mention (or one dated by the tense alone) is taken over.
    def taken_over(r: Reading) -> bool:
        return r.least and r.pair in strongest and (r.when is None or r.by_now) and r.duration is None

    return [replace(r, relation=strongest[r.pair]) if taken_over(r) else r for r in readings]


def _both_parents(readings: list[Reading]) -> list[Reading]:
    """ "His mother, Ann Cole, is a writer ... His father, Ben Hart, ...": a child whose two parents
    the article names apart is one birth with both parents, not one birth per parent."""
    parents: dict[str, list[str]] = {}
    for reading in readings:
        if reading.relation is Relation.CHILD_BORN and reading.b is None and reading.child:
            named = parents.setdefault(_child_key(reading.child, parents), [])
            if reading.a not in named:
                named.append(reading.a)
    result = []
    for reading in readings:
        if reading.relation is Relation.CHILD_BORN and reading.b is None and reading.child:
            named = parents[_child_key(reading.child, parents)]
            if len(named) == 2:
                reading = replace(reading, a=named[0], b=named[1])
        result.append(reading)
    return result


def _child_key(child: str, known: dict[str, list[str]]) -> str:
    """The name a child is already known by: "Leo" and "Leo Hart" are one child."""
    return next((name for name in known if _same_name(name, child)), child)


def _counted_of_couples(readings: list[Reading]) -> list[Reading]:
    """Children counted but not named ("they have two children") are a couple's: the two the
    sentence's "they" or "their" was taken for must be partners somewhere in the article, else the
    pronoun was misread ("they" for two presidents named in the sentence before)."""
    couples = {r.pair for r in readings if r.relation.is_partnership and r.b}
    return [
        r
        for r in readings
        if not (r.relation is Relation.CHILD_BORN and r.rule.endswith(COUNTED))
        or frozenset({r.a, r.b or ""}) in couples
    ]


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the scorer needs to know of the whole article: how often it refers to each person, and
    how much of it speaks of films, shows and roles."""

    mentions: dict[str, int] = field(default_factory=dict)
    fiction: float = 0.0


def merge_with_signals(
    readings: Iterable[Reading], article: Article, context: ArticleContext | None = None
) -> list[tuple[Claim, Signals | None]]:
    """One claim per fact of the article, in the order the article first states them, each with the
    signals the scorer reads (None for relations it does not score)."""
    stated = _counted_of_couples(_both_parents(list(readings)))
    stated = _upgraded([*stated, *_implied(stated)])
    facts = _group(stated)
    claims = _close_states([_claim(fact, article) for fact in facts], article.published)
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
                pair_claims=pairs[pair],
                main_pair=pair == main,
            )
        )
    return result


_LEADING = " \t\r\n:;,-\u2013\u2014|"


def _trimmed(sentence: Span) -> tuple[str, int, int]:
    """A sentence as evidence: its text without the spaces and stray punctuation around it, and the
    character span of exactly that text."""
    text = sentence.text
    left = len(text) - len(text.lstrip(_LEADING))
    right = len(text.rstrip())
    return text[left:right], sentence.start_char + left, sentence.start_char + right


def _named_in(sentence: Span, people: set[int]) -> bool:
    """Whether every one of `people` is named (not only pointed at) in the sentence."""
    named = {p for t in sentence if t._.ref is not None and t._.ref.kind == "name" for p in t._.ref.people}
    return people <= named


def _readings(doc: Doc) -> Iterator[Reading]:
    people = doc._.people or []
    quotes = quoted_ranges(doc.text)
    first_line = doc.text.lstrip().find("\n") + (len(doc.text) - len(doc.text.lstrip()))
    for candidate in doc._.relations or []:
        sentence = candidate.sentence
        b = people[candidate.b].name if candidate.b is not None else None
        sides = {candidate.a} if candidate.b is None else {candidate.a, candidate.b}
        yield Reading(
            relation=candidate.relation,
            a=people[candidate.a].name,
            b=b,
            sentence=_trimmed(sentence)[0],
            start=_trimmed(sentence)[1],
            end=_trimmed(sentence)[2],
            when=candidate.timing.when,
            ended=candidate.timing.ended,
            duration=candidate.timing.duration,
            duration_mod=candidate.timing.duration_mod,
            status=candidate.status,
            explicit=bool(candidate.cues),
            child=candidate.child,
            former=candidate.former,
            confidence=0.9 if candidate.b is not None else 0.7,
            rule=candidate.rule.name,
            trigger=candidate.trigger.start_char,
            by_now=candidate.timing.by_now,
            announced=candidate.timing.announced,
            derived=candidate.timing.derived,
            presupposed=candidate.nested or candidate.rule.role == "partner",
            least=candidate.rule.least,
            lasted=candidate.lasted,
            named=_named_in(sentence, sides),
            filled=candidate.filled,
            quoted=any(start <= candidate.trigger.start_char < end for start, end in quotes),
            headline=sentence.start_char <= max(first_line, 0),
        )


def _career_readings(doc: Doc) -> Iterator[Reading]:
    people = doc._.people or []
    for fact in doc._.career or []:
        extra = tuple((k, v) for k, v in (("role", fact.role), ("place", fact.place)) if v)
        for person in fact.people:
            yield Reading(
                relation=Relation(fact.kind),
                a=people[person].name,
                b=fact.obj,
                sentence=_trimmed(fact.sentence)[0],
                start=_trimmed(fact.sentence)[1],
                end=_trimmed(fact.sentence)[2],
                when=fact.when,
                confidence=0.7,
                rule=f"career.{fact.kind}",
                trigger=fact.sentence.start_char,
                extra=extra,
            )


def _speech_readings(doc: Doc) -> Iterator[Reading]:
    people = doc._.people or []
    for said in doc._.speech or []:
        about = "; ".join(people[p].name for p in said.about)
        extra = (("quote", said.quote), *((("about", about),) if about else ()))
        yield Reading(
            relation=Relation.SAID,
            a=people[said.speaker].name,
            b=said.outlet,
            sentence=_trimmed(said.sentence)[0],
            start=_trimmed(said.sentence)[1],
            end=_trimmed(said.sentence)[2],
            when=said.when,
            confidence=0.8,
            rule="speech",
            trigger=said.sentence.start_char,
            extra=extra,
        )


def _entities(doc: Doc) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    people = doc._.people or []
    descriptors: dict[int, list[str]] = {p.index: [] for p in people}
    mentions: list[Mention] = []
    for ref in doc._.refs or []:
        span = doc[ref.start : ref.end]
        for index in ref.people:
            mentions.append(Mention(people[index].name, span.start_char, span.end_char, span.text, ref.kind))
            if ref.kind == "descriptor" and span.text not in descriptors[index]:
                descriptors[index].append(span.text)
    entities = tuple(
        Entity(p.name, EntityKind.PERSON, tuple(sorted(p.forms - {p.name})), tuple(descriptors[p.index]))
        for p in people
    )
    return entities, tuple(mentions)


@cache
def _fiction_words() -> frozenset[str]:
    table = load_rules("relations").get("genre", {})
    return frozenset(string_list(table, "fiction", "rules/en/relations.toml", "genre"))


def article_context(doc: Doc) -> ArticleContext:
    """How often the article refers to each person, and the share of its sentences that speak of
    films, shows, roles or scenes (relations.toml [genre])."""
    people = doc._.people or []
    counts = Counter(p for ref in doc._.refs or [] for p in ref.people)
    sentences = list(doc.sents)
    words = _fiction_words()
    fiction = sum(any(t.lemma_.lower() in words for t in s) for s in sentences) / max(len(sentences), 1)
    return ArticleContext({people[i].name: n for i, n in counts.items()}, round(fiction, 3))


def readings_of(doc: Doc) -> list[Reading]:
    """Every reading of a processed Doc: relationships, careers and speech."""
    return [*_readings(doc), *_career_readings(doc), *_speech_readings(doc)]


def _from_doc(doc: Doc, article: Article, scorer: Scorer | None) -> Extraction:
    entities, mentions = _entities(doc)
    claims = merge(readings_of(doc), article, article_context(doc), scorer)
    return Extraction(article=article, entities=entities, mentions=mentions, claims=tuple(claims))


def extract(article: Article, nlp: Language | None = None) -> Extraction:
    """Everything one article says about people, each claim with its sentence as evidence."""
    nlp = nlp or load_pipeline()
    doc = nlp(make_doc(nlp, article.text, article.published))
    return _from_doc(doc, article, default_scorer())


def extract_all(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Extraction]:
    """`extract` over many articles, batching them through the model (faster than one by one)."""
    nlp = nlp or load_pipeline()
    pending = ((make_doc(nlp, a.text, a.published), a) for a in articles)
    scorer = default_scorer()
    for doc, article in nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
        yield _from_doc(doc, article, scorer)

"""When a relationship event happened: the temporal expressions of a sentence shared out among its triggers.

Each timex goes to the trigger nearest to it in the parse tree. A trigger then reads its timexes
with their signals: "since 2017" starts a state, "from 2002 to 2016" bounds one, "for two years" or
"a two-year relationship" gives its length, and a plain date is when the event happened.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from spacy.tokens import Token

from storyline.model import Mod, TimeSpan
from storyline.pipeline.arguments import clause_head
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.triggers import which_clauses

__all__ = [
    "Timing",
    "announced_on",
    "is_nested",
    "lasted",
    "names_a_thing",
    "own_length",
    "share_out",
    "timing_of",
]

_START_SIGNALS = frozenset({"since", "from", "starting"})
_END_SIGNALS = frozenset({"until", "till", "to", "through"})
_YEAR = re.compile(r"\d{4}")
_OFFSET_WORDS = frozenset({"after", "before", "later", "earlier", "ago", "since"})
_AHEAD_WORDS = frozenset({"next", "coming", "upcoming", "following"})
_RANGE_JOINERS = frozenset({"-", "\u2013", "\u2014", "to", "and", "through", "until", "till"})


@dataclass(frozen=True, slots=True)
class Timing:
    """What the text says about the time of one trigger."""

    when: TimeSpan | None = None
    ended: TimeSpan | None = None
    duration: str | None = None  # a TIMEX3 duration such as "P2Y": how long a state lasted
    duration_mod: str | None = None  # "more than 20 years": MORE_THAN (the start is by then)
    by_now: bool = False  # `when` only says "by the publication date" (from the tense, not a timex)
    starts: bool = False  # `when` came with "since" or "from": the start of a state
    derived: bool = False  # `when` comes from a clause around the trigger, not a date on it
    announced: bool = False  # `when` is the day the event was announced: weaker than its own date


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    return chain


# Verbs that make news of an event: a date on them is when it became known, not when it happened.
_ANNOUNCING = frozenset(
    {"announce", "reveal", "confirm", "disclose", "post", "share", "report", "unveil", "break", "declare"}
)


def announced_on(timex: TimexSpan, trigger: Token) -> bool:
    """True when the date hangs on a verb of announcing above the trigger: "announced on Thursday that
    they had separated" dates the announcement; a date of the separation itself comes first."""
    for step in _ancestors(timex.span.root)[1:]:
        if step.i == trigger.i:
            return False
        if step.pos_ in ("VERB", "AUX"):
            return step.lemma_.lower() in _ANNOUNCING and trigger.i in {t.i for t in step.subtree}
    return False


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up_a = _ancestors(a)
    depth = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate(_ancestors(b)):
        if t.i in depth:
            return depth[t.i] + n
    return len(up_a) + 50  # different sentences: as far as it gets


def is_nested(token: Token, tokens: Collection[Token]) -> bool:
    """True for a noun trigger that is the object of another trigger ("calling time on their romance")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("dobj", "pobj", "attr"):
        return False
    head = token.head
    for _ in range(2):
        if head in tokens and head != token:
            return True
        if head.dep_ not in ("prep", "dobj", "pobj", "prt") or head.head == head:
            return False
        head = head.head
    return head in tokens and head != token


@cache
def speech_verbs() -> frozenset[str]:
    """Verbs of saying (relations.toml [timing]): a date on them dates the saying."""
    table = load_rules("relations").get("timing", {})
    return frozenset(string_list(table, "speech_verbs", "rules/en/relations.toml", "timing"))


@cache
def about_nouns() -> frozenset[str]:
    """Nouns a relationship word may modify and still take their date (relations.toml [timing])."""
    table = load_rules("relations").get("timing", {})
    return frozenset(string_list(table, "about_nouns", "rules/en/relations.toml", "timing"))


def dates_the_saying(root: Token, trigger: Token) -> bool:
    """True when the timex at `root` hangs on a verb of saying between it and the trigger."""
    trigger_line = {t.i for t in _ancestors(trigger)}
    verbs = speech_verbs()
    for step in _ancestors(root):
        if step.i == trigger.i:
            return False
        if step.lemma_.lower() in verbs and step.pos_ in ("VERB", "AUX"):
            return True
        if step.i in trigger_line:
            return False
    return False


def governing_verb(trigger: Token) -> Token | None:
    """The verb a noun trigger is an argument of: "announced their engagement", "filed for divorce",
    "sparked relationship speculation" — but not "posted pictures of their wedding", where the noun
    belongs to another noun."""
    step = trigger
    if step.dep_ == "compound" and step.head.pos_ in ("NOUN", "PROPN"):
        step = step.head  # "relationship speculation"
    while step.dep_ == "pobj" and step.head.dep_ == "prep" and step.head.head.pos_ in ("VERB", "AUX"):
        return step.head.head  # "filed for divorce"
    if step.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and step.head.pos_ in ("VERB", "AUX"):
        return step.head
    return None


def dates_another_verb(root: Token, trigger: Token, phrase: range = range(0)) -> bool:
    """True when the timex hangs on a verb other than the trigger or the verb the trigger belongs to:
    in "she posted pictures of their wedding yesterday", yesterday dates the posting. The verbs of a
    trigger phrase are its own ("said 'I do' in June": June dates the "do")."""
    line = {t.i for t in _ancestors(trigger)}
    allowed = {trigger.i, clause_head(trigger).i, trigger.head.i, *phrase}
    governor = governing_verb(trigger)
    if governor is not None:
        allowed.add(governor.i)
    # "the split, which sources say happened before Easter": a relative clause on the trigger is about it.
    for clause in which_clauses(trigger):  # "his divorce from Leah, which was finalized in 2017"
        allowed.update(t.i for t in clause.subtree if t.pos_ in ("VERB", "AUX"))
    owners = [trigger, trigger.head] if trigger.dep_ == "compound" else [trigger]  # "wedding ceremony"
    for child in (c for owner in owners for c in owner.children):
        if child.dep_ == "relcl":
            allowed.update(t.i for t in child.subtree if t.pos_ in ("VERB", "AUX"))
    for step in _ancestors(root):
        if step.i in line:
            return step.pos_ in ("VERB", "AUX") and step.i not in allowed
        if step.i != root.i and step.pos_ in ("VERB", "AUX"):
            return step.i not in phrase and step.i not in allowed
    return False


def share_out(
    tokens: Sequence[Token], timexes: Sequence[TimexSpan], phrases: Sequence[range] = ()
) -> list[list[TimexSpan]]:
    """For each trigger token, the timexes of its sentence that are nearer to it than to any other.

    A date goes to the governing trigger before a noun trigger nested in its object: in "calling
    time on their romance before Christmas", Christmas dates the split, not the romance.
    """
    shares: list[list[TimexSpan]] = [[] for _ in tokens]
    members = frozenset(tokens)
    nested = [is_nested(token, members) for token in tokens]
    # The triggers of each sentence and at each token, so a timex meets only those of its sentence.
    in_sentence: dict[tuple[int, int], list[int]] = {}
    at_token: dict[int, list[int]] = {}
    for n, token in enumerate(tokens):
        sentence = token.sent
        in_sentence.setdefault((sentence.start, sentence.end), []).append(n)
        at_token.setdefault(token.i, []).append(n)
    for timex in timexes:
        root = timex.span.root
        # "their 12-year relationship", "a seven-year engagement": a length that modifies a trigger
        # noun is that noun's, whatever else is near
        owner = next(
            (
                n
                for n in at_token.get(root.head.i, [])
                if tokens[n].pos_ == "NOUN"
                and timex.span.end <= tokens[n].i
                and tokens[n].left_edge.i <= timex.span.start
            ),
            None,
        )
        if owner is not None and timex.timex.type == "DURATION":
            shares[owner].append(timex)
            continue
        best, best_key = None, None
        timex_sentence = timex.span.sent
        for n in in_sentence.get((timex_sentence.start, timex_sentence.end), []):
            token = tokens[n]
            if dates_the_saying(root, token) or dates_another_verb(
                root, token, phrases[n] if phrases else range(0)
            ):
                continue
            governor = governing_verb(token)
            distance = min(
                tree_distance(root, token),
                tree_distance(root, clause_head(token)),
                tree_distance(root, governor) if governor is not None else 99,
            )
            if nested[n] and timex.timex.type in ("DATE", "TIME") and not _in_own_phrase(root, token):
                distance += 3  # but "married until their divorce in 2011": the date in its own phrase
            key = (distance, abs(root.i - token.i))
            if best_key is None or key < best_key:
                best, best_key = n, key
        if best is not None:
            shares[best].append(timex)
    return shares


def _text_between(first: TimexSpan, end: int) -> str:
    """The document's characters from the end of `first` to `end`, read off the tokens from there on
    (`doc.text` would join the whole document's tokens on every call)."""
    doc = first.span.doc
    k = first.span.end - 1  # the token that holds the timex's last character
    base = position = doc[k].idx
    pieces: list[str] = []
    while k < len(doc) and position < end:
        pieces.append(doc[k].text_with_ws)
        position += len(pieces[-1])
        k += 1
    return "".join(pieces)[first.timex.end - base : end - base]


def _in_own_phrase(root: Token, noun: Token) -> bool:
    """Whether a date hangs from a trigger noun through a preposition of its own ("their divorce in
    2011", "the wedding on May 2"), so that it dates that noun; a bare date the parse hung on an
    object noun ("dissolved the marriage April 2") still belongs to the verb."""
    node = root
    through_preposition = False
    while node.head != node and node != noun:
        through_preposition = through_preposition or node.dep_ == "prep"
        node = node.head
    return node == noun and through_preposition


def _joined(first: TimexSpan, second: TimexSpan) -> bool:
    """ "2002 to 2016", "2002-2016", "2002- 2016": read off the characters, as the tokenizer may glue
    a dash to a year."""
    between = _text_between(first, second.timex.start).lower().split()
    words = [w for part in between for w in re.split(r"([-\u2013\u2014])", part) if w]
    return 0 < len(words) <= 2 and all(w in _RANGE_JOINERS for w in words)


def _not_ahead(item: TimexSpan, published: date | None) -> TimeSpan | None:
    """The span of a date, moved back a year when it names no year and lies after the publication date:
    a relationship told as fact has happened, so "split in March" in November is last March."""
    span = item.timex.span
    if span is None or published is None or span.earliest is None or span.earliest <= published:
        return span
    if _YEAR.search(item.timex.text) or not _YEAR.match(item.timex.value):
        return span
    if _AHEAD_WORDS & set(item.timex.text.lower().split()):
        return span  # "next September" says it is ahead: a plan, which the caller leaves out
    earlier = f"{int(item.timex.value[:4]) - 1:04d}{item.timex.value[4:]}"
    try:
        return TimeSpan.of(earlier, span.mod)
    except ValueError:
        return span


_LAST_MONTH = re.compile(
    r"^last\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)$",
    re.IGNORECASE,
)


def _last_month_a_year_back(item: TimexSpan, span: TimeSpan, published: date | None) -> TimeSpan:
    """ "Last April" in news of July 2022 is April 2021: the April of the year before, as the
    annotation guidelines read it (a timex tagger takes the most recent April, 2022)."""
    value = item.timex.value
    if (
        published is None
        or not _LAST_MONTH.match(item.timex.text.strip())
        or not value.startswith(f"{published.year:04d}-")
    ):
        return span
    try:
        return TimeSpan.of(f"{published.year - 1:04d}{value[4:]}", span.mod)
    except ValueError:
        return span


_CLOSE_BY = frozenset({"just", "right", "shortly", "days", "hours", "soon", "moments", "weeks"})


def _just_before_or_after(item: TimexSpan, span: TimeSpan) -> TimeSpan:
    """ "Right before New Year", "shortly after the wedding": within a month of it, not any time
    before or after."""
    doc, start = item.span.doc, item.span.start
    if span.mod not in (Mod.BEFORE, Mod.AFTER) or start < 2 or doc[start - 2].lower_ not in _CLOSE_BY:
        return span
    month = timedelta(days=30)
    if span.mod is Mod.BEFORE and span.latest is not None:
        return replace(span, earliest=span.latest - month + timedelta(days=1))
    if span.mod is Mod.AFTER and span.earliest is not None:
        return replace(span, latest=span.earliest + month - timedelta(days=1))
    return span


def timing_of(timexes: Sequence[TimexSpan], is_state: bool, published: date | None = None) -> Timing:
    """The time of one trigger from the timexes it was given."""
    dates = [t for t in timexes if t.timex.span is not None and t.timex.type in ("DATE", "TIME")]
    # "two years after they got engaged" measures from another event, not the length of a state.
    durations = [
        t
        for t in timexes
        if t.timex.type == "DURATION"
        and t.timex.value.startswith("P")
        and (
            t.timex.signal == "for"  # "married for 12 years before the divorce": a length all the same
            or not (t.span.end < len(t.span.doc) and t.span.doc[t.span.end].lower_ in _OFFSET_WORDS)
        )
        and "old" not in t.span.text.lower()  # an age ("the 27-year-old star") is no length of a state
    ]
    when: TimeSpan | None = None
    ended: TimeSpan | None = None
    for n, item in enumerate(dates):
        span, signal = _not_ahead(item, published), item.timex.signal
        assert span is not None
        span = _last_month_a_year_back(item, span, published)
        span = _just_before_or_after(item, span)
        previous = dates[n - 1] if n else None
        if previous is not None and when is not None and _joined(previous, item):
            ended = span  # "from 2002 to 2016", "between 2016 and 2020", "2011-2015"
        elif signal in _END_SIGNALS and (when is not None or (is_state and signal != "to")):
            ended = span
        elif when is None:
            when = span
        elif ended is None and span.precision > when.precision and span.overlaps(when):
            when = span  # "last month (Sep 16)": the finer of two dates of one time
    duration = durations[0].timex.value if durations and is_state else None
    duration_mod = durations[0].timex.mod if durations and is_state else None
    starts = any(t.timex.signal in _START_SIGNALS for t in dates)
    return Timing(
        when,
        ended if is_state else None,
        duration,
        str(duration_mod) if duration_mod else None,
        starts=starts,
    )


def names_a_thing(timex: TimexSpan, triggers: frozenset[int] = frozenset()) -> bool:
    """ "A Sunday tabloid", "the Saturday edition", "their 2018 co-star Ann", "the 2021 series",
    "Love Island 2015's Ben": a day or a year that describes a thing or a person dates no event;
    "2021 couples" still dates the couples (a trigger), and so does a year on the occasion a trigger
    happened at ("met at the 2012 Olympics", "wed during the 2019 festival")."""
    root = timex.span.root
    return (
        len(timex.span) == 1
        and not _dated_occasion(root, triggers)
        and root.dep_ in ("compound", "amod", "nmod", "nummod", "poss")
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i > root.i
        and root.head.i not in triggers
        and root.head.lemma_.lower() not in _TIME_NOUNS
        and (timex.timex.type == "DATE")
    )


def _dated_occasion(root: Token, triggers: frozenset[int]) -> bool:
    """ "met on the 2019 series", "got engaged at the 2012 Games", "during the 2016 campaign": the
    noun a year describes is where a trigger verb took place (not "the set of her 2019 film")."""
    occasion = root.head
    preposition = occasion.head
    return (
        occasion.dep_ == "pobj"
        and preposition.dep_ == "prep"
        and preposition.lower_ in ("at", "on", "during")
        and preposition.head.i in triggers
        and preposition.head.pos_ in ("VERB", "AUX")
    )


# Nouns after a day's name that still make it a time: "Sunday night", "Friday afternoon".
_TIME_NOUNS = frozenset({"night", "morning", "afternoon", "evening", "lunchtime", "noon", "midnight", "dawn"})


def own_length(trigger: Token, share: list[TimexSpan]) -> str | None:
    """ "Called off their seven-year engagement": the length a trigger noun itself carries."""
    for timex in share:
        if (
            timex.timex.type == "DURATION"
            and timex.timex.value.startswith("P")
            and timex.span.root.head == trigger
            and timex.span.end <= trigger.i
            and "old" not in timex.span.text.lower()
        ):
            return timex.timex.value
    return None


def lasted(share: list[TimexSpan]) -> str | None:
    """ "Broke up after three years": the length of the relationship a split ended (a TIMEX3
    duration), from a duration right after "after"; "split 11 months after winning" measures from
    another event."""
    for timex in share:
        doc, start, end = timex.span.doc, timex.span.start, timex.span.end
        after_it = doc[end].lower_ if end < len(doc) else ""
        if (
            timex.timex.type == "DURATION"
            and timex.timex.value.startswith("P")
            and start > 0
            and doc[start - 1].lower_ == "after"
            and after_it not in ("after", "since", "of", "later")
            and "old" not in timex.span.text.lower()
        ):
            return timex.timex.value
    return None

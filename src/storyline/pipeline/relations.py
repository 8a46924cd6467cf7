"""The `storyline_relations` component: relationship events and states between the people of a Doc.

Reads `doc._.refs`, `doc._.people`, `doc._.timexes` and the parse; writes `doc._.relations`, a list
of `Candidate`s in text order. Triggers come from rules/en/relations.toml; who they are about comes
from `trigger_people` (reading `arguments`), when from `timing`. A second pass fills in the other
partner or parent where the sentence names only one, from the pair the article is about.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.model import Mod, Relation, TimeSpan
from storyline.pipeline import extensions
from storyline.pipeline.candidate import Candidate
from storyline.pipeline.children import birthday_to_come
from storyline.pipeline.clause_time import (
    adjunct_time,
    after_the_first,
    decision_time,
    elapsed_since,
    line_date,
    pointed_time,
    saying_time,
    told_after,
)
from storyline.pipeline.couple_lists import listed_couples
from storyline.pipeline.couples import Couples, ended_claim
from storyline.pipeline.gapping import Gap, gaps_of, outside_gaps
from storyline.pipeline.modality import (
    ahead,
    guest,
    hypothetical,
    misstated,
    not_asserted,
    not_until,
    on_screen,
    past_perfect,
    so_by_now,
)
from storyline.pipeline.quotes import quoted_ranges
from storyline.pipeline.sides import fill_partners, without_unfounded_reunions
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.timing import (
    Timing,
    about_nouns,
    announced_on,
    is_nested,
    lasted,
    names_a_thing,
    own_length,
    share_out,
    timing_of,
)
from storyline.pipeline.trigger_people import trigger_candidates
from storyline.pipeline.triggers import Trigger, find_triggers, needs_met

__all__ = ["Candidate", "make_relations"]


@Language.factory(
    "storyline_relations",
    assigns=["doc._.relations"],
    requires=["doc._.refs", "doc._.timexes", "token.dep"],
)
def make_relations(nlp: Language, name: str) -> RelationComponent:
    return RelationComponent()


def _inside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span.start_char < end for start, end in ranges)


class RelationComponent:
    def __init__(self) -> None:
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        triggers = find_triggers(doc)
        timexes: list[TimexSpan] = list(doc._.timexes or [])
        published: date | None = doc._.published
        quoted = quoted_ranges(doc.text)  # a quote's tense is the speaker's, not the article's
        trigger_tokens = frozenset(t.token.i for t in triggers)
        timexes = [t for t in timexes if not names_a_thing(t, trigger_tokens)]
        # A partner noun ("his ex-boyfriend") takes no date; the event beside it does.
        dated = [t for t in triggers if t.rule.role != "partner"]
        tokens = [t.token for t in dated]
        phrases = [range(t.span.start, t.span.end) for t in dated]
        shares = dict(zip((t.token.i for t in dated), share_out(tokens, timexes, phrases), strict=True))
        trigger_set = frozenset(t.token for t in triggers)
        # Triggers and timexes under the start of their sentence, found once, not per sentence.
        triggers_in: dict[int, list[Trigger]] = {}
        for trigger in triggers:
            triggers_in.setdefault(trigger.token.sent.start, []).append(trigger)
        timexes_in = _by_sentence(timexes)
        # Those that describe a thing ("the 2019 series") too: the occasion a clause tells of.
        all_timexes_in = _by_sentence(doc._.timexes or [])
        found: list[Candidate] = []
        # Which tokens refer to someone (this component re-points references, never adds or drops one);
        # read off the references, as each token's `_.ref` is what storyline_people set from them.
        referring = [False] * len(doc)
        for ref in doc._.refs or []:
            referring[ref.start : ref.end] = [True] * (ref.end - ref.start)
        couples = Couples(referring)
        for sentence in doc.sents:
            if not triggers_in.get(sentence.start) and not any(referring[sentence.start : sentence.end]):
                # No trigger and no one named or pointed at: nothing to read, no couple to note.
                couples.next_sentence()
                continue
            couples.resolve_groups(sentence)
            here: list[Candidate] = []
            for trigger in triggers_in.get(sentence.start, []):
                if (
                    hypothetical(trigger.token)
                    or not_asserted(trigger.token)
                    or misstated(trigger.token)
                    or guest(trigger.token)
                    or on_screen(trigger.token)
                ):
                    continue
                gaps = gaps_of(trigger.token)
                share = sorted(
                    outside_gaps(shares.get(trigger.token.i, []), gaps), key=lambda t: t.span.start
                )
                span_sentence = trigger.span.sent  # a phrase's: the sentence where the phrase starts
                here_key = (span_sentence.start, span_sentence.end)
                timing = self._timing(
                    trigger,
                    share,
                    timexes,
                    (timexes_in.get(here_key, []), all_timexes_in.get(here_key, [])),
                    quoted,
                    published,
                )
                if trigger.rule.timed and not (timing.duration or timing.starts):
                    continue
                if ahead(timing, published) and not birthday_to_come(trigger.token, share):
                    continue  # "their wedding next September": a plan, not yet a fact
                if (
                    trigger.rule.or_dated
                    and not (timing.when and not timing.by_now)
                    and not needs_met(trigger.rule, trigger.token)
                ):
                    continue  # "their divorce" neither dated nor made final: still under way
                listed = listed_couples(trigger) if trigger.rule.relation.is_partnership else []
                read = (
                    [Candidate(trigger.rule, trigger.span, a, b, timing) for a, b in listed]
                    if listed and trigger.rule.role is None
                    else trigger_candidates(trigger, timing, timexes, doc, couples.current())
                )
                for candidate in read:
                    candidate.nested = is_nested(trigger.token, trigger_set)
                    if candidate.relation is Relation.SPLIT:
                        candidate.lasted = lasted(share) or own_length(trigger.token, share)
                    here.append(candidate)
                    here.extend(self._gapped(candidate, gaps, timexes, published))
            _lengths_up_to_events(here)
            explicit = (
                {
                    p
                    for t in sentence
                    if referring[t.i] and t._.ref is not None and not t._.ref.plural
                    for p in t._.ref.people
                }
                if here
                else set()
            )
            couples.note_claims(
                (c.a, c.b, ended_claim(c.relation, c.former))
                for c in here
                if c.b is not None and c.relation.is_partnership and {c.a, c.b} <= explicit
            )
            couples.note_coordinated(sentence)
            couples.next_sentence()
            found.extend(here)
        doc._.relations = without_unfounded_reunions(fill_partners(found, doc))
        return doc

    def _gapped(
        self, first: Candidate, gaps: list[Gap], timexes: list[TimexSpan], published: date | None
    ) -> list[Candidate]:
        """ "..., and Carl to Dora from 2011": the relation again for each gapped clause, own dates."""
        if first.b is None or first.rule.role is not None:
            return []
        found = []
        for gap in gaps:
            own = sorted((t for t in timexes if gap.holds(t)), key=lambda t: t.span.start)
            timing = timing_of(own, first.relation.is_state, published) if own else Timing()
            if not own and first.timing.by_now:
                timing = first.timing  # "is married to Ben, and Carl to Dora": both so as it is written
            found.append(replace(first, a=gap.subject[0], b=gap.partner[0], timing=timing))
        return found

    def _timing(
        self,
        trigger: Trigger,
        share: list[TimexSpan],
        timexes: list[TimexSpan],
        sentence_timexes: tuple[list[TimexSpan], list[TimexSpan]],
        quoted: list[tuple[int, int]],
        published: date | None,
    ) -> Timing:
        """The trigger's own dates; else a date from the clauses around it (`sentence_timexes`: the
        timexes of its sentence, without and with those that name a thing); else, for what the text
        tells in the present or present perfect, the day it was told or the publication date."""
        here, everything_here = sentence_timexes
        token = trigger.token
        # "dismissed their divorce petitions in July": the verb the rule needs is the event itself
        carried = bool(trigger.rule.needs) and token.head.head.lemma_.lower() in trigger.rule.needs
        if (
            token.dep_ == "compound"
            and token.head.pos_ == "NOUN"
            and token.head.lemma_.lower() not in about_nouns()
            and not carried
        ):
            # "her wedding ring last week": a date of the ring, not of the wedding; but "their 12-year
            # relationship Credit: ..." (a caption the parse ran on) keeps the length it carries
            length = own_length(token, share) if trigger.rule.relation.is_state else None
            return Timing(duration=length)
        timing = timing_of(share, trigger.rule.relation.is_state, published)
        if not_until(token) and timing.ended is not None:
            timing = replace(timing, when=timing.ended, ended=None)  # "did not marry until 2012"
        own = [t for t in share if t.timex.type in ("DATE", "TIME") and t.timex.span is not None]
        if timing.when is not None and trigger.rule.revealed:
            timing = replace(timing, announced=True)  # "went public in May": weaker than "since 2019"
        elif timing.when is not None and own and announced_on(own[0], trigger.token):
            # "announced on Thursday that they had split": the day the news came, which stands for the
            # event only when the article gives no date of the event itself
            timing = replace(timing, announced=True)
        if timing.when is not None or timing.duration is not None:
            return timing
        when, starts = adjunct_time(trigger.token, here)
        if when is None:
            when = (
                pointed_time(trigger.token, timexes)
                or told_after(trigger.token, timexes)
                or elapsed_since(trigger.token, here, published)
                or decision_time(trigger.token, here)
                # "won the 2019 series, but split soon after": the first clause's occasion counts
                or after_the_first(trigger.token, everything_here)
                or line_date(trigger.span.sent, timexes)
            )
        if when is not None:
            return replace(timing, when=when, starts=starts, derived=True)
        by_now = so_by_now(trigger.token)
        if not (by_now or past_perfect(trigger.token) or _news_of(trigger.token)):
            return timing
        said = saying_time(trigger.token, here)
        if said is not None:
            return replace(timing, when=said, derived=True)
        if not by_now:
            return timing
        if published is None or _inside(trigger.span, quoted):
            return timing
        return replace(timing, when=TimeSpan.of(published.isoformat(), Mod.ON_OR_BEFORE), by_now=True)


# Verbs that make news of what hangs on them: what they tell had happened by the day they are dated
# with, whatever its tense ("news broke on Monday that they were calling off their engagement").
_NEWS_VERBS = frozenset({"announce", "reveal", "break", "emerge", "surface"})


def _news_of(trigger: Token) -> bool:
    step = trigger
    for _ in range(4):
        if step.head == step:
            return False
        step = step.head
        if step.pos_ in ("VERB", "AUX") and step.lemma_.lower() in _NEWS_VERBS:
            return True
    return False


def _lengths_up_to_events(here: list[Candidate]) -> None:
    """ "They got engaged in August 2014 after two years together", "married in 2010, having dated for
    three years": the length of the state runs up to the dated event the phrase hangs on, not to the
    day of the article."""
    events = {c.trigger.root.i: c for c in here if c.timing.when is not None and not c.timing.by_now}
    for state in here:
        if not state.timing.duration or state.timing.when is not None:
            continue
        step, after = state.trigger.root, False
        for _ in range(5):
            if step.head == step:
                break
            after = (
                after
                or step.lower_ == "after"
                or any(c.dep_ == "aux" and c.lower_ == "having" for c in step.children)
            )
            step = step.head
            event = events.get(step.i)
            if event is not None and after and {event.a, event.b} == {state.a, state.b}:
                state.until = event.timing.when
                break


def _by_sentence(timexes: list[TimexSpan]) -> dict[tuple[int, int], list[TimexSpan]]:
    """The timexes under their sentence's (start, end), in text order, found once per Doc."""
    found: dict[tuple[int, int], list[TimexSpan]] = {}
    for timex in timexes:
        sentence = timex.span.sent
        found.setdefault((sentence.start, sentence.end), []).append(timex)
    return found

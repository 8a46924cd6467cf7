"""The `storyline_relations` component: relationship events and states between the people of a Doc.

Reads `doc._.refs`, `doc._.people`, `doc._.timexes` and the parse; writes `doc._.relations`, a list
of `Candidate`s in text order. Triggers come from rules/en/relations.toml; who they are about comes
from `arguments`, when from `timing`. A second pass fills in the other partner or parent where the
sentence names only one, from the pair the article is about.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.model import Mod, Relation, TimeSpan
from storyline.pipeline import extensions
from storyline.pipeline.arguments import (
    clause_head,
    governing_subject,
    named_after_preposition,
    object_people,
    people_at,
    possessor_people,
    subject_people,
)
from storyline.pipeline.births import RELATIONSHIP_NOUNS, birth, born_to, children, parents
from storyline.pipeline.candidate import Candidate
from storyline.pipeline.clause_time import (
    adjunct_time,
    decision_time,
    elapsed_since,
    pointed_time,
    saying_time,
    told_after,
)
from storyline.pipeline.couple_lists import listed_couples
from storyline.pipeline.couples import Couples, ended_claim
from storyline.pipeline.gapping import Gap, gaps_of, outside_gaps
from storyline.pipeline.modality import hypothetical, negated, not_asserted, past_perfect, so_by_now
from storyline.pipeline.partners import (
    bare_article,
    coordinated_with,
    length_after,
    name_after,
    only_name_within,
    possessive_before,
)
from storyline.pipeline.quotes import quoted_ranges
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.timing import (
    Timing,
    about_nouns,
    announced_on,
    governing_verb,
    is_nested,
    share_out,
    timing_of,
)
from storyline.pipeline.triggers import Trigger, TriggerRule, find_triggers, needs_met

__all__ = ["Candidate", "make_relations"]

_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "latest", "last"})
_FORMER = frozenset({"ex", "former", "estranged", "late", "then", "previous", "first"})
_AGE = re.compile(r"^(?P<n>\d{1,3})(?:-year-old)?$")
_YEAR_DURATION = re.compile(r"^P(?P<n>\d{1,3})Y$")


@Language.factory(
    "storyline_relations",
    assigns=["doc._.relations"],
    requires=["doc._.refs", "doc._.timexes", "token.dep"],
)
def make_relations(nlp: Language, name: str) -> RelationComponent:
    return RelationComponent()


def _inside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span.start_char < end for start, end in ranges)


def _former(token: Token, rule: TriggerRule) -> bool:
    if rule.former:
        return True
    left = [t.lower_ for t in token.doc[max(token.left_edge.i, token.i - 3) : token.i]]
    return any(word in _FORMER for word in left)


def _names_a_thing(timex: TimexSpan) -> bool:
    """ "A Sunday tabloid", "the Saturday edition": a day's name that describes a thing dates no event."""
    root = timex.span.root
    return (
        len(timex.span) == 1
        and root.dep_ in ("compound", "amod", "nmod")
        and root.head.pos_ == "NOUN"
        and root.head.i > root.i
        and root.head.lemma_.lower() not in _TIME_NOUNS
    )


# Nouns after a day's name that still make it a time: "Sunday night", "Friday afternoon".
_TIME_NOUNS = frozenset({"night", "morning", "afternoon", "evening", "lunchtime", "noon", "midnight", "dawn"})


def _generic_plural(token: Token) -> bool:
    """ "The officiant at the weddings", "divorces are costly": relationship nouns in the plural with no
    owner are about no one couple; "one of the most publicized divorces" is still theirs."""
    if token.tag_ != "NNS" or possessor_people(token):
        return False
    one_of = token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ == "one"
    return not one_of


def _lasted(share: list[TimexSpan]) -> str | None:
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


def _ahead(timing: Timing, published: date | None) -> bool:
    """True when the text dates the event after the article was written: a plan, not a fact."""
    when = timing.when
    return (
        published is not None and when is not None and when.earliest is not None and when.earliest > published
    )


# Verbs whose object is someone else's wedding: "attending a wedding", "officiated the wedding".
_GUEST_VERBS = frozenset({"attend", "officiate", "crash", "photograph", "cater", "host", "perform", "sing"})


def _guest(token: Token) -> bool:
    """A wedding the subject goes to, not one they have: "attending a wedding", "in town for a
    wedding", "officiated the wedding". Their own wedding has an owner ("their wedding", "Ann and
    Ben's wedding") or is had or held ("they had a small wedding")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ("wedding", "nuptials", "ceremony"):
        return False
    if possessor_people(token) or any(
        c.dep_ == "prep" and c.lower_ in ("of", "between") for c in token.children
    ):
        return False
    verb = governing_verb(token)
    if verb is not None and verb.lemma_.lower() in _GUEST_VERBS:
        return True
    if (
        verb is not None
        and verb.lemma_ == "be"
        and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    ):
        return True  # "the wedding was for her manager": someone else's
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in token.children)
    return indefinite and (verb is None or verb.lemma_.lower() not in ("have", "hold", "throw", "plan"))


class RelationComponent:
    def __init__(self) -> None:
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        triggers = find_triggers(doc)
        timexes: list[TimexSpan] = list(doc._.timexes or [])
        published: date | None = doc._.published
        quoted = quoted_ranges(doc.text)  # a quote's tense is the speaker's, not the article's
        timexes = [t for t in timexes if not _names_a_thing(t)]
        # A partner noun ("his ex-boyfriend") takes no date; the event beside it does.
        dated = [t for t in triggers if t.rule.role != "partner"]
        tokens = [t.token for t in dated]
        phrases = [range(t.span.start, t.span.end) for t in dated]
        shares = dict(zip((t.token.i for t in dated), share_out(tokens, timexes, phrases), strict=True))
        tokens = [t.token for t in triggers]
        couples = Couples()
        found: list[Candidate] = []
        for sentence in doc.sents:
            couples.resolve_groups(sentence)
            here: list[Candidate] = []
            for trigger in (t for t in triggers if t.token.sent == sentence):
                if hypothetical(trigger.token) or not_asserted(trigger.token) or _guest(trigger.token):
                    continue
                gaps = gaps_of(trigger.token)
                share = sorted(
                    outside_gaps(shares.get(trigger.token.i, []), gaps), key=lambda t: t.span.start
                )
                timing = self._timing(trigger, share, timexes, quoted, published)
                if trigger.rule.timed and not (timing.duration or timing.starts):
                    continue
                if _ahead(timing, published):
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
                    else self._read(trigger, timing, timexes, doc, couples.current())
                )
                for candidate in read:
                    candidate.nested = is_nested(trigger.token, tokens)
                    if candidate.relation is Relation.SPLIT:
                        candidate.lasted = _lasted(share)
                    here.append(candidate)
                    here.extend(self._gapped(candidate, gaps, timexes, published))
            explicit = {
                p for t in sentence if t._.ref is not None and not t._.ref.plural for p in t._.ref.people
            }
            couples.note_claims(
                (c.a, c.b, ended_claim(c.relation, c.former))
                for c in here
                if c.b is not None and c.relation.is_partnership and {c.a, c.b} <= explicit
            )
            couples.note_coordinated(sentence)
            couples.next_sentence()
            found.extend(here)
        doc._.relations = _fill_partners(found, doc)
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
        quoted: list[tuple[int, int]],
        published: date | None,
    ) -> Timing:
        """The trigger's own dates; else a date from the clauses around it; else, for what the text
        tells in the present or present perfect, the day it was told or the publication date."""
        token = trigger.token
        # "dismissed their divorce petitions in July": the verb the rule needs is the event itself
        carried = bool(trigger.rule.needs) and token.head.head.lemma_.lower() in trigger.rule.needs
        if (
            token.dep_ == "compound"
            and token.head.pos_ == "NOUN"
            and token.head.lemma_.lower() not in about_nouns()
            and not carried
        ):
            return Timing()  # "her wedding ring last week": a date of the ring, not of the wedding
        timing = timing_of(share, trigger.rule.relation.is_state, published)
        own = [t for t in share if t.timex.type in ("DATE", "TIME") and t.timex.span is not None]
        if timing.when is not None and own and announced_on(own[0], trigger.token):
            # "announced on Thursday that they had split": the day the news came, which stands for the
            # event only when the article gives no date of the event itself
            timing = replace(timing, announced=True)
        if timing.when is not None or timing.duration is not None:
            return timing
        here = [t for t in timexes if t.span.sent == trigger.span.sent]
        when, starts = adjunct_time(trigger.token, here)
        if when is None:
            when = (
                pointed_time(trigger.token, timexes)
                or told_after(trigger.token, timexes)
                or elapsed_since(trigger.token, here, published)
                or decision_time(trigger.token, here)
                or _line_date(trigger.span.sent, timexes)
            )
        if when is not None:
            return replace(timing, when=when, starts=starts, derived=True)
        by_now = so_by_now(trigger.token)
        if not (by_now or past_perfect(trigger.token)):
            return timing
        said = saying_time(trigger.token, here)
        if said is not None:
            return replace(timing, when=said, derived=True)
        if not by_now:
            return timing
        if published is None or _inside(trigger.span, quoted):
            return timing
        return replace(timing, when=TimeSpan.of(published.isoformat(), Mod.ON_OR_BEFORE), by_now=True)

    def _read(
        self,
        trigger: Trigger,
        timing: Timing,
        timexes: list[TimexSpan],
        doc: Doc,
        couple: tuple[int, int] | None = None,
    ) -> list[Candidate]:
        rule, token = trigger.rule, trigger.token
        counted = any(c.dep_ == "amod" and c.lower_ in _ORDINALS for c in token.children)
        if (
            counted
            and rule.relation is not Relation.CHILD_BORN
            and not _partner_named(token)
            and not (rule.role == "partner" and name_after(trigger))
        ):
            # "her third divorce": a count of her divorces ("their third child" is born); but "his
            # first marriage, to Nora Whitt" and "her third husband, Cal Ng" name one
            return []
        if not rule.allows_object and any(c.dep_ == "dobj" and not people_at(c) for c in token.children):
            return []  # "split her time", "separate the kids": not a relationship
        if _generic_plural(token) and rule.role is None:
            return []  # "the officiant at the weddings", "celebrity divorces": no one couple's
        denied, former = negated(token, trigger.span), _former(token, rule)
        if rule.role == "child":
            return children(trigger, timing, timexes, doc)
        if rule.role == "parent":
            return parents(trigger, doc)
        if rule.child_subject:
            return born_to(trigger, timing, doc)
        if rule.relation is Relation.CHILD_BORN:
            return birth(trigger, timing, doc)
        if rule.role == "partner":
            # "joined by husband Ben last night": a partner noun tells the state holds, not when it began;
            # "her husband of five years" tells how long it has.
            timing = Timing(duration=length_after(trigger, timexes))
            owner = (
                possessor_people(token)
                or subject_people(token)
                or possessive_before(trigger)
                or coordinated_with(token)
                or [p for p in governing_subject(token) if p not in people_at(token.head)]
            )
            named = [p for c in token.children if c.dep_ in ("appos", "compound") for p in people_at(c)]
            head_ref = token.head._.ref
            if not named and token.dep_ in ("compound", "appos", "nmod", "amod") and head_ref:
                # "Ben Hart, her husband"; not "the pop star, the young wife" (two descriptions)
                named = people_at(token.head) if head_ref.kind == "name" else []
            if not named and token.dep_ == "attr":
                named = subject_people(token)
            named = named or name_after(trigger) or only_name_within(token, owner)
            if not named and not possessor_people(token) and bare_article(token):
                return []  # "the young wife", "a devoted husband": a description, no one's partner
            sides = [owner, named]
        else:
            if (
                token.pos_ == "NOUN"
                and token.head.pos_ == "NOUN"
                and token.i < token.head.i
                and token.dep_ in ("compound", "nsubj", "amod")
            ):
                token = token.head  # "romance rumours with Ben": the phrase's head carries the arguments
            first = possessor_people(token) if token.pos_ in ("NOUN", "PROPN") else []
            if not first and token.pos_ == "NOUN" and _partner_named(token):
                first = _of_people(token)  # "the engagement of their daughter Mia to Cal Ng"
            first = first or subject_people(token)
            second = [p for p in object_people(token) if p not in first]
            if not second and token.pos_ in ("NOUN", "PROPN") and token.head != token:
                second = [p for p in object_people(token.head) if p not in first]
            if first and not second:
                second = [p for p in _named_under_preposition(trigger) if p not in first]
            if len(first) > 1 and second:
                # "Before Cole, Hart was engaged to Ann Lee", parsed as a coordinated subject:
                # only the one nearest the trigger is engaged to the object.
                first = first[-1:]
            sides = [first, second]
        people: list[int] = []
        for side in sides:
            people.extend(p for p in side if p not in people)
        # A root noun is a parse gone wrong ("The couple first sparked romance rumours", with
        # "sparked" read as an adjective): it has a verb's arguments around it, not a noun's.
        if not people and (token.pos_ in ("VERB", "ADJ", "AUX") or token.dep_ == "ROOT"):
            people = _either_side(trigger) or _group_before(trigger) or _coordinated_before(trigger)
        if not people and token.pos_ in ("VERB", "AUX"):
            people = _subject_relationship(token, couple)
        if not people and token.pos_ in ("ADV", "ADP", "ADJ") and token.dep_ in ("advmod", "acomp", "prep"):
            people = _subject_relationship(token.head, None)  # "their romance is over"
        if not people and couple is not None and (_definite(token) or _bare_they(token)):
            people = list(couple)  # "a judge finalized the divorce": the divorce of the couple in focus
        if not people:
            return []
        b = people[1] if len(people) > 1 else None
        if b is None and (_names_someone_else(token) or _indefinite_object(token) or _with_a_thing(token)):
            # "engaged to DJ Ravi Holt", a name storyline did not know, or "denied he was seeing
            # anyone": not the partner in focus
            return []
        distributes = rule.role != "partner" and len(sides[0]) == 1  # a partner noun names one partner
        others = [p for p in sides[1] if p != people[0]] if distributes else []
        if len(others) > 1 and sides[0][0] == people[0]:
            # "was linked to Cal Ng and Ravi Holt": one relationship with each, not a pair of them.
            return [
                Candidate(rule, trigger.span, people[0], other, timing, former=former, negated=denied)
                for other in others
            ]
        candidate = Candidate(rule, trigger.span, people[0], b, timing, former=former, negated=denied)
        # "Not since she last got married": a marriage of hers before, to no one the story names
        candidate.alone = b is None and any(
            c.dep_ == "advmod" and c.lower_ in _EARLIER
            for c in (*token.children, *clause_head(token).children)
        )
        return [candidate]


# Adverbs that put a one-sided event before the story: "since she last married", "had previously wed".
_EARLIER = frozenset({"last", "previously", "before", "once", "formerly", "already"})


def _named_under_preposition(trigger: Trigger) -> list[int]:
    """ "married to actress Hannah Voss", "marriage to songwriter Carla Dunn": the person named a few
    words after the trigger's partner preposition, read off the words because the parse often takes
    "to actress" for an infinitive."""
    return named_after_preposition(trigger.span.end, trigger.span.sent)


_INDEFINITE = frozenset({"anyone", "anybody", "someone", "somebody", "nobody", "one", "others"})


def _indefinite_object(token: Token) -> bool:
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "from")):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
    # "anyone", or "a Miami-based model": someone, but not the partner in focus
    return any(
        o.lower_ in _INDEFINITE or (o._.ref is None and any(c.lower_ in ("a", "an") for c in o.children))
        for o in objects
    )


def _names_someone_else(token: Token) -> bool:
    """True when the trigger's object is a capitalized name that is no known person ("to DJ Ravi Holt")."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "from")):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
    return any(
        o.pos_ == "PROPN" and o._.ref is None and o.ent_type_ not in ("GPE", "LOC", "FAC") for o in objects
    )


def _line_date(sentence: Span, timexes: list[TimexSpan]) -> TimeSpan | None:
    """ "2019: Ben proposes in Greece": a date heading the line, as relationship timelines are written."""
    doc = sentence.doc
    start = sentence.start
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    first = next((t for t in timexes if t.span.start == start), None)
    if first is None or first.timex.span is None or first.span.end >= len(doc):
        return None
    return first.timex.span if doc[first.span.end].text in (":", "-", "\u2013", "\u2014") else None


def _definite(token: Token) -> bool:
    """A relationship noun that points back to the couple's, told as done: "a judge finalized the
    divorce" (the verb it belongs to is in the past), not talked about ("the divorce is for the best")."""
    if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    verb = governing_verb(token)
    return verb is not None and verb.tag_ == "VBD"


def _subject_relationship(token: Token, couple: tuple[int, int] | None) -> list[int]:
    """ "Their marriage was dissolved in 1996", "The marriage fell apart": a verb whose subject is a
    relationship is about that relationship's pair (its possessor, else the couple in focus; pass no
    couple where "the marriage" is too loose a pointer)."""
    for child in clause_head(token).children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in RELATIONSHIP_NOUNS:
            # "His first marriage, to Lia Ward, ended": the partner the noun names is the other side.
            owners = possessor_people(child)
            own = [*owners, *(p for p in object_people(child) if p not in owners)]
            if own:
                return own
            if couple is not None and any(c.lower_ in ("the", "that", "this") for c in child.children):
                return list(couple)
    return []


def _with_a_thing(token: Token) -> bool:
    """ "The band and Cal Ng parted ways": a person coordinated with something that is no person
    parted from that thing, not from the partner in focus."""
    for child in clause_head(token).children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        members = [child, *child.conjuncts]
        people = [m for m in members if m._.ref is not None]
        things = [m for m in members if m._.ref is None and m.pos_ in ("NOUN", "PROPN")]
        return bool(people) and bool(things)
    return False


def _of_people(token: Token) -> list[int]:
    """The people named after a noun's "of": "the engagement of their daughter, Mia Hale, to ..."."""
    return [
        p
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for p in people_at(pobj)
    ]


def _partner_named(token: Token) -> bool:
    """ "marriage to Nora Whitt", "romance with Cal": a relationship noun naming the partner (not
    "the third divorce of Ann", whose "of" names the one who counts them)."""
    # "announced the engagement of Mia to Cal" hangs "to Cal" on the verb
    holders = [token, token.head] if token.dep_ == "dobj" else [token]
    return any(
        child.dep_ == "prep" and child.lower_ in ("to", "with") and any(people_at(c) for c in child.children)
        for holder in holders
        for child in holder.children
    )


def _bare_they(token: Token) -> bool:
    """ "Ann met Ben in May. That's when they fell in love": a "they" coreference left unresolved (no
    couple cue yet) is the pair the claims so far are about."""
    head = clause_head(token)
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("they", "we") and c._.ref is None
        for c in head.children
    )


def _group_before(trigger: Trigger) -> list[int]:
    """ "I'm told the couple, who shared a home, parted ways": a verb the parse left without a subject
    takes the couple named before it in its sentence."""
    doc = trigger.span.doc
    for i in range(trigger.span.start - 1, trigger.span.sent.start - 1, -1):
        ref = doc[i]._.ref
        if ref is not None and ref.kind == "group" and len(ref.people) == 2:
            return list(ref.people)
    return []


def _coordinated_before(trigger: Trigger) -> list[int]:
    """ "Ann Cole and Ben Hart are engaged" with the subject hung on "are": two names coordinated with
    each other before the trigger, and no other person in the sentence."""
    sentence = trigger.span.sent
    named = {p for t in sentence if t._.ref is not None for p in t._.ref.people}
    for token in sentence[: trigger.span.start - sentence.start]:
        ref = token._.ref
        if ref is None or ref.kind != "name" or token.i != ref.end - 1:
            continue
        for other in token.conjuncts:
            pair = {ref.people[0], *(other._.ref.people if other._.ref is not None else ())}
            if other.i < trigger.span.start and len(pair) == 2 and named == pair:
                return [ref.people[0], next(p for p in pair if p != ref.people[0])]
    return []


def _either_side(trigger: Trigger) -> list[int]:
    """When the parse gives no one: the two people of a sentence that names exactly two, one on each
    side of the trigger ("Ann Cole married actor Ben Hart" parsed badly)."""
    refs = list(
        dict.fromkeys(t._.ref for t in trigger.token.sent if t._.ref is not None and t._.ref.kind == "name")
    )
    people = list(dict.fromkeys(p for ref in refs for p in ref.people))
    before = [r for r in refs if r.end <= trigger.span.start]
    after = [r for r in refs if r.start >= trigger.span.end]
    if not before or not after or before[-1].people == after[0].people:
        return []
    # With more people in the sentence, only names that close in on the trigger: "Pippa's sister
    # Jodie Hale married footballer Craig Ashby", at most a describing word between.
    tight = before[-1].end == trigger.span.start and after[0].start - trigger.span.end <= 2
    if len(people) != 2 and not tight:
        return []
    return [before[-1].people[0], after[0].people[0]]


def _partner_of(person: int, found: list[Candidate], sentence: int, doc: Doc) -> int | None:
    """The person `person` is paired with: by the article's claims (the latest up to this sentence,
    else a later one), else by the pair in focus before the sentence starting at token `sentence`."""
    pairs = [c for c in found if c.b is not None and c.relation.is_partnership and person in (c.a, c.b)]
    if not pairs:
        focus = doc._.focus or {}
        for start in sorted(focus, reverse=True):
            pair = focus[start]
            if start < sentence and pair is not None and person in pair:
                return int(pair[0] if pair[1] == person else pair[1])
        return None
    before = doc[sentence].sent.end
    earlier = [c for c in pairs if c.trigger.start <= before] or pairs
    chosen = earlier[-1]
    return chosen.b if chosen.a == person else chosen.a


def _fill_partners(found: list[Candidate], doc: Doc) -> list[Candidate]:
    """Give one-sided candidates the partner the article pairs that person with; drop the rest."""
    result: list[Candidate] = []
    for candidate in found:
        if candidate.b is None and not candidate.single_parent and not candidate.alone:
            candidate.b = _partner_of(candidate.a, found, candidate.sentence.start, doc)
            candidate.filled = candidate.b is not None
        if candidate.relation is Relation.CHILD_BORN:
            if candidate.b is None and not candidate.child:
                continue
            wanted = candidate.rule.subject_gender
            if wanted and candidate.b is not None:
                # "The judge gave birth": the mother, whichever partner the description was taken for.
                genders = (doc._.people[candidate.a].sex(), doc._.people[candidate.b].sex())
                if genders[0] != wanted and genders[1] == wanted:
                    candidate.a, candidate.b = candidate.b, candidate.a
            result.append(candidate)
            continue
        if candidate.b is None or candidate.b == candidate.a:
            continue
        result.append(candidate)
    return result

"""Who a relationship word is about when the parse says too little, and the partner the article pairs
one side with when the sentence names only one.

The parse gives the sides of most triggers (arguments.py); here are the readings for the rest: the
two names closing in on a badly parsed trigger, the couple named before it, a relationship noun as
its subject ("their marriage was dissolved"), a partner named after its preposition, "the engagement
of Mia to Cal", and, for a one-sided reading, the person the article pairs that side with.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.model import Relation
from storyline.pipeline.arguments import (
    clause_head,
    named_after_preposition,
    object_people,
    pairs_in_focus,
    people_at,
    possessor_people,
)
from storyline.pipeline.candidate import Candidate
from storyline.pipeline.parentage import RELATIONSHIP_NOUNS
from storyline.pipeline.timing import governing_verb
from storyline.pipeline.triggers import Trigger

__all__ = [
    "bare_they",
    "coordinated_before",
    "definite",
    "either_side",
    "fill_partners",
    "group_before",
    "indefinite_object",
    "named_under_preposition",
    "names_someone_else",
    "of_people",
    "partner_named",
    "subject_relationship",
    "with_a_thing",
]


def named_under_preposition(trigger: Trigger) -> list[int]:
    """ "married to actress Hannah Voss", "marriage to songwriter Carla Dunn": the person named a few
    words after the trigger's partner preposition, read off the words because the parse often takes
    "to actress" for an infinitive."""
    end = trigger.span.end
    if trigger.span[-1].lower_ in ("to", "with", "from"):
        end -= 1  # a phrase that ends on its preposition: "linked by a tabloid to (the chef Rosa Faye)"
    return named_after_preposition(end, trigger.span.sent)


_INDEFINITE = frozenset({"anyone", "anybody", "someone", "somebody", "nobody", "one", "others"})


def indefinite_object(token: Token) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in _INDEFINITE:
        return True  # "you're seeing someone new", however the parse hangs "someone"
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "from")):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
    # "anyone", or "a Miami-based model": someone, but not the partner in focus
    return any(
        o.lower_ in _INDEFINITE or (o._.ref is None and any(c.lower_ in ("a", "an") for c in o.children))
        for o in objects
    )


def names_someone_else(token: Token) -> bool:
    """True when the trigger's object is a capitalized name that is no known person ("to DJ Ravi Holt")."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "from")):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
    return any(
        o.pos_ == "PROPN" and o._.ref is None and o.ent_type_ not in ("GPE", "LOC", "FAC") for o in objects
    )


def definite(token: Token) -> bool:
    """A relationship noun that points back to the couple's, told as done: "a judge finalized the
    divorce" (the verb it belongs to is in the past), not talked about ("the divorce is for the best")."""
    if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    verb = governing_verb(token)
    return verb is not None and verb.tag_ == "VBD"


def subject_relationship(token: Token, couple: tuple[int, int] | None) -> list[int]:
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


def with_a_thing(token: Token) -> bool:
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


def of_people(token: Token) -> list[int]:
    """The people named after a noun's "of": "the engagement of their daughter, Mia Hale, to ..."."""
    return [
        p
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for p in people_at(pobj)
    ]


def partner_named(token: Token) -> bool:
    """ "marriage to Nora Whitt", "romance with Cal": a relationship noun naming the partner (not
    "the third divorce of Ann", whose "of" names the one who counts them)."""
    # "announced the engagement of Mia to Cal" hangs "to Cal" on the verb
    holders = [token, token.head] if token.dep_ == "dobj" else [token]
    return any(
        child.dep_ == "prep" and child.lower_ in ("to", "with") and any(people_at(c) for c in child.children)
        for holder in holders
        for child in holder.children
    )


def bare_they(token: Token) -> bool:
    """ "Ann met Ben in May. That's when they fell in love": a "they" coreference left unresolved (no
    couple cue yet) is the pair the claims so far are about."""
    head = clause_head(token)
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("they", "we") and c._.ref is None
        for c in head.children
    )


def group_before(trigger: Trigger) -> list[int]:
    """ "I'm told the couple, who shared a home, parted ways": a verb the parse left without a subject
    takes the couple named before it in its sentence."""
    doc = trigger.span.doc
    for i in range(trigger.span.start - 1, trigger.span.sent.start - 1, -1):
        ref = doc[i]._.ref
        if ref is not None and ref.kind == "group" and len(ref.people) == 2:
            return list(ref.people)
    return []


def coordinated_before(trigger: Trigger) -> list[int]:
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


def either_side(trigger: Trigger) -> list[int]:
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


def _partner_of(
    person: int, found: list[Candidate], sentence: int, doc: Doc, state: bool = False
) -> int | None:
    """The person `person` is paired with: by the article's claims that name both sides (the latest
    up to this sentence, else the nearest after it), else by the pair in focus before the sentence
    starting at token `sentence`. A partner filled in is never the ground for another."""
    pairs = [
        c
        for c in found
        if c.b is not None and not c.filled and c.relation.is_partnership and person in (c.a, c.b)
    ]
    if not pairs:
        for first, second in pairs_in_focus(doc, sentence):
            if person in (first, second):
                return first if second == person else second
        return None
    before = doc[sentence].sent.end
    earlier = [c for c in pairs if c.trigger.start <= before]
    chosen = earlier[-1] if earlier else min(pairs, key=lambda c: c.trigger.start)
    if (
        state
        and earlier
        and chosen.relation in (Relation.SPLIT, Relation.DIVORCED)
        and chosen.trigger.start < sentence
    ):
        # "Her divorce from Jo was final in May. She is dating again": someone new; but "split from
        # Jo after two years together" is that pair's own history
        return None
    return chosen.b if chosen.a == person else chosen.a


def fill_partners(found: list[Candidate], doc: Doc) -> list[Candidate]:
    """Give one-sided candidates the partner the article pairs that person with; drop the rest."""
    result: list[Candidate] = []
    for candidate in found:
        if candidate.b is None and not candidate.single_parent and not candidate.alone:
            # a length ("after five years of being together") tells the known couple's history
            state = (
                candidate.relation in (Relation.DATING, Relation.ENGAGED, Relation.MARRIED)
                and candidate.timing.duration is None
            )
            candidate.b = _the_one_who_said_yes(candidate)
            if candidate.b is None:
                candidate.b = _partner_of(candidate.a, found, candidate.sentence.start, doc, state)
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


def _the_one_who_said_yes(candidate: Candidate) -> int | None:
    """ "Ann said yes when Ben proposed": the one who said yes to a proposal is the partner."""
    token = candidate.trigger.root
    if candidate.relation is not Relation.ENGAGED or token.dep_ != "advcl":
        return None
    answer = token.head
    if not any(c.lower_ == "yes" for c in answer.children):
        return None
    people = [p for c in answer.children if c.dep_ == "nsubj" for p in people_at(c) if p != candidate.a]
    return people[0] if len(people) == 1 else None


def without_unfounded_reunions(found: list[Candidate]) -> list[Candidate]:
    """Drop a reunion (a `history` rule) of a pair the article gives no earlier parting of: "they met
    in 2006 and reunited in 2012 when both were single" is no reconciliation (nor is it when the
    pair's only parting is a later divorce), while "split in 2019 but reunited a year later" and
    "reunited with her ex-husband" are."""
    return [c for c in found if not c.rule.history or c.b is None or _parted_before(c, found)]


def _parted_before(reunion: Candidate, found: list[Candidate]) -> bool:
    pair = {reunion.a, reunion.b}
    for other in found:
        if other.b is None or {other.a, other.b} != pair:
            continue
        if other.former and other.relation.is_state and other.trigger.start <= reunion.sentence.end:
            return True
        if other.relation in (Relation.SPLIT, Relation.DIVORCED):
            parted, back = other.timing.when, reunion.timing.when
            if parted is None or back is None or parted.earliest is None or back.latest is None:
                # undated: only a parting told just before ("They split. Months later they
                # reunited"); a headline's divorce is news, not the past of a later paragraph
                if other.trigger.start < reunion.trigger.start <= other.sentence.end + len(reunion.sentence):
                    return True
            elif parted.earliest <= back.latest:
                return True
    return False

"""Who one relationship trigger is about: the candidates a trigger gives once it is dated, each between
the people the parse, the words around it or the pair in focus name. Births and parents go to
`births.py`; a partner noun ("her husband, Ben") names an owner and a partner; an event ("Ann married
Ben", "their divorce") its two sides. A trigger that counts ("her third divorce"), names a role in a
work ("played her fiance") or describes no one ("a devoted husband") gives none. `relations.py`
finds and dates the triggers and calls this for each.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.model import Relation
from storyline.pipeline.arguments import (
    clause_head,
    governing_subject,
    object_people,
    people_at,
    possessor_people,
    subject_people,
)
from storyline.pipeline.births import birth, born_to, children, parents
from storyline.pipeline.candidate import Candidate
from storyline.pipeline.modality import generic_plural, negated
from storyline.pipeline.partners import (
    bare_article,
    coordinated_with,
    length_after,
    name_after,
    only_name_within,
    possessive_before,
)
from storyline.pipeline.sides import (
    bare_they,
    coordinated_before,
    definite,
    either_side,
    group_before,
    indefinite_object,
    named_under_preposition,
    names_someone_else,
    of_people,
    partner_named,
    subject_relationship,
    with_a_thing,
)
from storyline.pipeline.timexes import TimexSpan
from storyline.pipeline.timing import Timing, governing_verb
from storyline.pipeline.triggers import Trigger, TriggerRule

__all__ = ["trigger_candidates"]

_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "latest", "last"})


_FORMER = frozenset(
    {"ex", "former", "estranged", "late", "then", "previous", "earlier", "prior", "past", "first"}
)


def _former(token: Token, rule: TriggerRule) -> bool:
    if rule.former:
        return True
    left = [t.lower_ for t in token.doc[max(token.left_edge.i, token.i - 3) : token.i]]
    return any(word in _FORMER for word in left)


# Verbs whose object is a part someone plays, not a person in their life.
_ROLE_VERBS = frozenset({"play", "portray", "depict", "voice", "cast"})


def _a_role(token: Token) -> bool:
    """ "He played her fiance", "cast as his wife": a partner noun that is a role in a work."""
    verb = governing_verb(token)
    if verb is not None and verb.lemma_.lower() in _ROLE_VERBS:
        return True
    return (
        token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.lemma_.lower() in _ROLE_VERBS
    )


def trigger_candidates(
    trigger: Trigger,
    timing: Timing,
    timexes: list[TimexSpan],
    doc: Doc,
    couple: tuple[int, int] | None = None,
) -> list[Candidate]:
    """The readings one trigger gives, with who each is between: a child's or a parent's (births.py),
    a partner noun's owner and partner ("her husband, Ben"), an event's two sides ("Ann married
    Ben"), else the pair a sentence or the article is about (`couple`, the pair in focus); none
    when the trigger counts ("her third divorce"), is a role ("played her fiance") or no one's."""
    rule, token = trigger.rule, trigger.token
    counted = any(c.dep_ == "amod" and c.lower_ in _ORDINALS for c in token.children)
    if (
        counted
        and rule.relation is not Relation.CHILD_BORN
        and not partner_named(token)
        and not (rule.role == "partner" and (name_after(trigger) or of_people(token)))
    ):
        # "her third divorce": a count of her divorces ("their third child" is born); but "his
        # first marriage, to Nora Whitt" and "her third husband, Cal Ng" name one
        return []
    if not rule.allows_object and any(c.dep_ == "dobj" and not people_at(c) for c in token.children):
        return []  # "split her time", "separate the kids": not a relationship
    if generic_plural(token) and rule.role is None:
        return []  # "the officiant at the weddings", "celebrity divorces": no one couple's
    denied, former = negated(token, trigger.span), _former(token, rule)
    if former and timing.by_now:
        timing = Timing()  # "his earlier relationship": the tense dates nothing of what is over
    if rule.role == "child":
        return children(trigger, timing, timexes, doc)
    if rule.role == "parent":
        return parents(trigger, doc)
    if rule.child_subject:
        return born_to(trigger, timing, doc)
    if rule.relation is Relation.CHILD_BORN:
        return birth(trigger, timing, doc)
    if rule.role == "partner":
        if _a_role(token):
            return []  # "played Ann's fiance", "plays her husband in the film": a part, not a partner
        # "joined by husband Ben last night": a partner noun tells the state holds, not when it began;
        # "her husband of five years" tells how long it has.
        timing = Timing(duration=length_after(trigger, timexes))
        owner = (
            possessor_people(token)
            or of_people(token)  # "she became the third wife of Otto Rein"
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
        if not first and token.pos_ == "NOUN" and partner_named(token):
            first = of_people(token)  # "the engagement of their daughter Mia to Cal Ng"
        first = first or subject_people(token)
        second = [p for p in object_people(token) if p not in first]
        if not second and token.pos_ in ("NOUN", "PROPN") and token.head != token:
            second = [p for p in object_people(token.head) if p not in first]
        if first and not second:
            second = [p for p in named_under_preposition(trigger) if p not in first]
        if first and not second and token.pos_ == "VERB":
            # "is now dating female footballer Jo Wren", the parse making "dating" an adjective:
            # the person named right after the verb, past a description, is its object
            second = [p for p in name_after(trigger) if p not in first]
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
    verbal = token.pos_ in ("VERB", "AUX")
    adverbial = token.pos_ in ("ADV", "ADP", "ADJ") and token.dep_ in ("advmod", "acomp", "prep")
    if not people and (verbal or adverbial):
        # "her relationship with Ben was in the past", "their romance is over": an owned
        # relationship as the subject says whose it is, before any guess from the sentence
        people = subject_relationship(token if verbal else token.head, None)
    if not people and (token.pos_ in ("VERB", "ADJ", "AUX", "ADV") or token.dep_ == "ROOT"):
        people = either_side(trigger) or group_before(trigger) or coordinated_before(trigger)
    if not people and verbal:
        people = subject_relationship(token, couple)
    if not people and couple is not None and (definite(token) or bare_they(token)):
        people = list(couple)  # "a judge finalized the divorce": the divorce of the couple in focus
    if not people:
        return []
    b = people[1] if len(people) > 1 else None
    if b is None and (names_someone_else(token) or indefinite_object(token) or with_a_thing(token)):
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
    candidate.alone = b is None and (
        any(
            c.dep_ == "advmod" and c.lower_ in _EARLIER
            for c in (*token.children, *clause_head(token).children)
        )
        or any(c.dep_ == "amod" and c.lower_ in _EARLIER_ADJECTIVES for c in token.children)
    )
    return [candidate]


# Adverbs that put a one-sided event before the story: "since she last married", "had previously wed".
_EARLIER = frozenset({"last", "previously", "before", "once", "formerly", "already"})
# ... and the adjectives that do so on a relationship noun: "a son from a previous relationship".
_EARLIER_ADJECTIVES = frozenset({"previous", "earlier", "former", "past", "prior"})

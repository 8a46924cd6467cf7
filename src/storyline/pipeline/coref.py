"""In-document coreference by rules: pronouns, definite descriptors and "the couple" find their people.

* he/she (and his/her...) go to the most recent person of that gender (a person of unknown gender
  takes the gender of the first pronoun resolved to them);
* "the singer", "the Bellmoor Road star", "the 40-year-old" go to a person of the story, preferring
  the pair in focus; coordinated descriptions ("the star and the actress") are different people;
* "the Marshes", "the Hollands" go to everyone of the story with that surname;
* "the couple", "the pair", "they", "their" go to the two people in focus: two people named earlier
  in the same sentence; else the pair the sentence just before spoke of as a couple; else the pair
  the article has spoken of as a couple most often (an aside about an ex does not steal the focus).

Who is recent and which pair is in focus, sentence by sentence, is the discourse state of
`discourse.py`; this module resolves each reference against it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from storyline.pipeline.descriptions import AGE_NOUN, descriptor_noun, family_members, is_group
from storyline.pipeline.discourse import INTERVIEWER, Discourse, couple_partner, update_focus
from storyline.pipeline.persons import PeopleRules, Person, PersonRef

__all__ = ["resolve_references"]

_AGE_WORD = re.compile(r"\b(?P<n>\d{1,3})-year-old\b")


def _age_in(span: Span) -> int | None:
    """The age a description gives: "the 28-year-old singer" → 28."""
    match = _AGE_WORD.search(span.text)
    return int(match["n"]) if match else None


def _is_subject(token: Token) -> bool:
    """Whether a mention ending at `token` is (part of) a clause's subject: "Ann and Ben met", or
    owns it: "Ben's season was a scandal after he left Ann" is about Ben."""
    if token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    for _ in range(3):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ not in ("conj", "appos", "compound") or token.head == token:
            return False
        token = token.head
    return False


def _named_elsewhere(token: Token, span: Span, named_at: dict[int, tuple[int, ...]]) -> set[int]:
    """People named in the sentence outside a description: "the actor, who was engaged to Norton"
    is not Norton. A name in apposition to the description is the same person and is not counted."""
    taken: set[int] = set()
    clause = _clause_of(token)
    reported = clause.dep_ in ("acl", "ccomp") and clause.head.pos_ == "NOUN"
    for other in token.sent:
        if other.i not in named_at or span.start <= other.i < span.end:
            continue
        if (other.dep_ == "appos" and other.head == token) or (token.dep_ == "appos" and token.head == other):
            continue
        # An owner in another clause may be the one described: "after working on Ann's film, the
        # director moved on with Ben" is Ann.
        if other.dep_ == "poss" and _clause_of(other) != clause and other not in token.subtree:
            continue
        # "Ann and Ben's romance was rocked by reports that the actress cheated": a description in
        # what a report or claim says may be someone the sentence named outside it.
        if reported and other not in clause.subtree:
            continue
        taken.update(named_at[other.i])
    return taken


def _clause_of(token: Token) -> Token:
    """The verb of the clause a word stands in (the sentence's root when none is nearer)."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def _listed_child(token: Token, rules: PeopleRules) -> bool:
    """A name given as one of someone's children: "two sons, Tom, 27, and Ned", "daughter Mae"."""
    first = token
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    head = first.head
    kin = rules.kin_nouns | _CHILD_WORDS
    if first.dep_ in ("appos", "compound", "nmod") and (head.lower_ in kin or head.lemma_.lower() in kin):
        return True
    before = token.doc[max(token.sent.start, first.left_edge.i - 2) : first.left_edge.i]
    return any(t.lower_ in kin for t in before)


# A child's noun in the singular, beside the plurals of [groups] kin: "his son Leo", "daughter Mae".
_CHILD_WORDS = frozenset({"son", "daughter", "child", "baby", "stepson", "stepdaughter"})


def _pair_before(
    token: Token, refs_here: list[PersonRef], context: Discourse, rules: PeopleRules
) -> tuple[int, int] | None:
    """Two people named in this sentence before `token`: the two coordinated as a couple last, when
    no one is named after them ("Cole's Nell and Hart's Kit, a married couple, with their
    daughter"), else the last two named."""
    doc, people, focus = token.doc, context.people, context.focus
    at = {i: ref for ref in refs_here for i in range(ref.start, ref.end)}
    seen: list[int] = []
    coordinated: tuple[int, int] | None = None
    for ref in refs_here:
        if ref.start >= token.i or len(ref.people) != 1 or INTERVIEWER in people[ref.people[0]].roles:
            continue
        if ref.people[0] in seen:
            seen.remove(ref.people[0])
        seen.append(ref.people[0])
        partner = couple_partner(doc[ref.end - 1], rules) if ref.kind == "name" else None
        partner_ref = at.get(partner.i) if partner is not None and partner.i < ref.start else None
        if partner_ref is not None and len(partner_ref.people) == 1 and partner_ref.people != ref.people:
            coordinated = (partner_ref.people[0], ref.people[0])
    if coordinated is not None and coordinated[1] == seen[-1]:
        return coordinated
    if len(seen) < 2:
        return None
    last = (seen[-2], seen[-1])
    # "Host Cal Ng asked Ann how she felt about their relationship": the host is no partner, and
    # "their" is Ann's couple in focus.
    serving = [i for i in last if people[i].roles & rules.functionaries]
    if len(serving) == 1 and focus is not None and set(last) - set(serving) <= set(focus):
        return focus
    return last


def _conjuncts_taken(token: Token, assigned: dict[int, tuple[int, ...]]) -> set[int]:
    """People already given to the other members of a coordination ("the star and the actress")."""
    taken: set[int] = set()
    for other in token.conjuncts:
        taken.update(assigned.get(other.i, ()))
    return taken


def _descriptor_person(
    context: Discourse, gender: str, exclude: set[int], noun: str = "", age: int | None = None
) -> int | None:
    """A person for a description: the one the text already called that ("the singer" after "singer
    Ann Doe"), else a member of the pair in focus when one fits, else the latest fit. An age in the
    description ("the 28-year-old") rules out people of another known age and picks one of that age."""
    if age is not None:
        aged = [i for i in reversed(context.recent) if context.people[i].age == age and i not in exclude]
        if aged:
            return aged[0]
        exclude = exclude | {i for i, p in enumerate(context.people) if p.age is not None and p.age != age}
    called = [
        i
        for i in reversed(context.recent)
        if i not in exclude
        and (noun in context.people[i].roles or context.people[i].tokens[:1] == [noun])  # "the Queen"
    ]
    if called:
        return called[0]
    if context.focus is not None:
        members = [i for i in context.focus if i not in exclude]
        fitting = [i for i in members if context.people[i].sex() == gender] if gender else members
        if gender and not fitting:
            fitting = [i for i in members if context.people[i].sex() is None]
        if fitting:
            outside = {i for i in range(len(context.people)) if i not in fitting}
            latest = context.latest("", exclude | outside)
            return fitting[0] if latest is None else latest
    return context.latest(gender, exclude)


def resolve_references(
    doc: Doc, people: list[Person], names: list[PersonRef], rules: PeopleRules
) -> tuple[list[PersonRef], dict[int, tuple[int, int] | None]]:
    """`names` plus every pronoun, descriptor and group reference resolved to people, in text order,
    and the pair in focus after each sentence (by the sentence's first token)."""
    context = Discourse(people)
    by_start = {ref.start: ref for ref in names}
    covered = {i for ref in names for i in range(ref.start, ref.end)}
    named_at = {i: ref.people for ref in names for i in range(ref.start, ref.end)}
    result: list[PersonRef] = []
    focus: dict[int, tuple[int, int] | None] = {}
    for sentence in doc.sents:
        here: list[PersonRef] = []
        assigned: dict[int, tuple[int, ...]] = {}
        i = sentence.start
        while i < sentence.end:
            if i in by_start:
                ref = by_start[i]
                here.append(ref)
                subject = _is_subject(doc[ref.end - 1])
                context.mention(ref.people, subject)
                if _listed_child(doc[ref.end - 1], rules) and not subject:
                    context.children.update(ref.people)
                elif subject:
                    context.children.difference_update(ref.people)
                i = ref.end
                continue
            token = doc[i]
            if not _may_refer(token, rules):
                i += 1
                continue
            resolved = _resolve_token(token, context, here, assigned, rules, covered, named_at)
            if resolved is not None:
                here.append(resolved)
                assigned[token.i] = resolved.people
                if resolved.kind != "group":
                    context.mention(resolved.people, _is_subject(doc[resolved.end - 1]))
                i = max(resolved.end, i + 1)
                continue
            i += 1
        result.extend(here)
        update_focus(context, sentence, here, rules)
        context.next_sentence()
        focus[sentence.start] = context.focus
    return result, focus


def _coordinated_owner(
    token: Token, named_at: dict[int, tuple[int, ...]], context: Discourse, gender: str
) -> int | None:
    """ "Karl Brenner and his late wife": a possessive on a noun coordinated with a name is that
    person's, whoever the sentence is about."""
    if token.dep_ != "poss" or token.head.dep_ != "conj":
        return None
    people = named_at.get(token.head.head.i, ())
    if len(people) != 1 or context.people[people[0]].sex() not in (gender, None):
        return None
    return people[0]


def _relative_clause_subject(
    token: Token, named_at: dict[int, tuple[int, ...]], context: Discourse, gender: str
) -> int | None:
    """ "Ivo Strnad, who was excused after his wife gave birth": he or she inside a relative clause
    about a person is that person, when the gender fits and no one else of it is named inside."""
    clause = token.head
    while clause.dep_ != "relcl" and clause.head != clause:
        clause = clause.head
    if clause.dep_ != "relcl" or not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that") for c in clause.children
    ):
        return None
    antecedent = clause.head
    people = named_at.get(antecedent.i, ())
    if not people:
        people = next(
            (named_at[c.i] for c in antecedent.children if c.dep_ == "appos" and c.i in named_at), ()
        )
    if len(people) != 1:
        return None
    person = context.people[people[0]]
    inside = {p for t in clause.subtree if t.i in named_at for p in named_at[t.i]}
    others = [i for i in inside if i != person.index and context.people[i].sex() == gender]
    if person.sex() == gender or (person.sex() is None and not others):
        return person.index
    return None


def _coordination_top(noun: Token) -> Token:
    """The first noun of the coordination and apposition a noun stands in."""
    while noun.dep_ in ("conj", "appos") and noun.head != noun:
        noun = noun.head
    return noun


def _parallel_owner(token: Token, assigned: dict[int, tuple[int, ...]], same: frozenset[str]) -> int | None:
    """ "His father, Ned Vane, and his mother, Lia": a possessive on a noun coordinated with another
    that a possessive of the same gender owns has that owner, not the person named in between."""
    if token.dep_ != "poss":
        return None
    top = _coordination_top(token.head)
    for earlier in token.sent:
        if earlier.i >= token.i:
            break
        if (
            earlier.dep_ == "poss"
            and earlier.lower_ in same
            and earlier.head != token.head
            and len(assigned.get(earlier.i, ())) == 1
            and _coordination_top(earlier.head) == top
        ):
            return assigned[earlier.i][0]
    return None


def _may_refer(token: Token, rules: PeopleRules) -> bool:
    """Whether `_resolve_token` could find a reference at this token: a pronoun, a group or
    descriptor word, or a capitalized plural ("the Coles"). Most tokens are none, and the full test
    reads much more of the parse; this one reads the word and tag only, and never rejects a token
    `_resolve_token` would accept."""
    lower = token.lower_
    if (
        lower in rules.female_pronouns
        or lower in rules.male_pronouns
        or lower in rules.plural_pronouns
        or lower in rules.group_nouns
        or rules.descriptor_gender(lower) is not None
        or AGE_NOUN.match(lower)
    ):
        return True
    tag = token.tag_
    if token.text[:1].isupper() and (tag == "NNPS" or lower.endswith("s")):
        return True  # a family: `family`
    return tag == "NNS" and rules.descriptor_gender(token.lemma_.lower()) is not None  # `is_group`


def _resolve_token(
    token: Token,
    context: Discourse,
    here: list[PersonRef],
    assigned: dict[int, tuple[int, ...]],
    rules: PeopleRules,
    covered: set[int],
    named_at: dict[int, tuple[int, ...]],
) -> PersonRef | None:

    lower = token.lower_
    if token.pos_ == "PRON" and (lower in rules.female_pronouns or lower in rules.male_pronouns):
        gender = "f" if lower in rules.female_pronouns else "m"
        index = _parallel_owner(
            token, assigned, rules.female_pronouns if gender == "f" else rules.male_pronouns
        )
        if index is None:
            index = _coordinated_owner(token, named_at, context, gender)
        if index is None:
            index = _relative_clause_subject(token, named_at, context, gender)
        if index is None:
            index = context.pronoun(gender)
        if index is None:
            return None
        if context.people[index].gender is None:
            context.people[index].gender = gender
        return PersonRef(token.i, token.i + 1, (index,), "pronoun")
    family = family_members(token, context.people)
    if family:
        if len(family) > 2:
            # "the Coles' marriage": the couple of that name in focus, else the two named last
            recent = [i for i in reversed(context.recent) if i in family][:2]
            if context.focus is not None and set(context.focus) <= set(family):
                family = context.focus
            elif len(recent) == 2:
                family = (recent[1], recent[0])
        return PersonRef(token.i, token.i + 1, family, "family")
    if is_group(token, rules):
        pair = _pair_before(token, here, context, rules) or context.focus
        if pair is None:
            return None
        start = token.i if token.pos_ == "PRON" else token.left_edge.i
        return PersonRef(start, token.i + 1, pair, "group")
    described = descriptor_noun(token, rules)
    if described is None:
        return None
    gender, span = described
    if any(i in covered for i in range(span.start, span.end)):
        return None
    exclude = _conjuncts_taken(token, assigned) | _named_elsewhere(token, span, named_at)
    if not gender:
        # A gendered conjunct later in the coordination takes its person first.
        for other in token.conjuncts:
            if other.i > token.i:
                other_desc = descriptor_noun(other, rules)
                if other_desc and other_desc[0]:
                    found = _descriptor_person(context, other_desc[0], exclude)
                    if found is not None:
                        exclude = exclude | {found}
    index = _descriptor_person(context, gender, exclude, token.lower_, _age_in(span))
    if index is None:
        return None
    if gender and context.people[index].gender is None:
        context.people[index].gender = gender
    return PersonRef(span.start, span.end, (index,), "descriptor")

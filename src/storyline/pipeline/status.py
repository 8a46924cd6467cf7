"""The `storyline_status` component: how sure the article is of each relationship candidate.

Reads `doc._.relations` and the parse; sets each candidate's `status` and `cues`. Cues come from
rules/en/status.toml ("reportedly" → reported, "rumoured" → rumoured, "denied" → denied, "confirmed"
→ confirmed); the cue nearest to the trigger in the parse tree wins, so "confirmed her engagement
after months of speculation" is confirmed. A negated trigger ("are not dating") is denied.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.errors import RulesError
from storyline.model import Status
from storyline.pipeline.arguments import clause_head
from storyline.pipeline.quotes import quoted_ranges
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.pipeline.timing import tree_distance
from storyline.pipeline.triggers import lemma_forms

__all__ = ["Cue", "cue_rules", "make_status"]

_FILE = "rules/en/status.toml"
# At equal distance from the trigger, the more guarded reading wins.
_PRIORITY = {Status.DENIED: 0, Status.REPORTED: 1, Status.RUMOURED: 2, Status.CONFIRMED: 3}


@dataclass(frozen=True, slots=True)
class Cue:
    name: str
    status: Status
    phrases: tuple[tuple[str, ...], ...]
    examples: tuple[tuple[str, str], ...]


def _cue(raw: dict[str, Any]) -> Cue:
    name = str(raw.get("name", "?"))
    try:
        status = Status(raw["status"])
    except (KeyError, ValueError):
        raise RulesError(_FILE, name, f"unknown status {raw.get('status')!r}") from None
    phrases = tuple(tuple(p.split()) for p in string_list(raw, "phrases", _FILE, name))
    examples = raw.get("examples")
    if not phrases or not isinstance(examples, list) or not examples:
        raise RulesError(_FILE, name, "every cue needs phrases and examples")
    return Cue(name, status, phrases, tuple((str(e[0]), str(e[1])) for e in examples))


@cache
def cue_rules() -> tuple[Cue, ...]:
    return tuple(_cue(raw) for raw in load_rules("status").get("cue", []))


@dataclass(frozen=True, slots=True)
class _CueIndex:
    """Every cue phrase under its first word: as written (lower case), and under each lemma form of
    it, so a token tries the few phrases it can begin, not all of them. A phrase matches as written
    ("according to") or by lemmas ("it has been claimed": "it have be claim"), a capital at the start
    of a sentence included ("News broke": the lemma of "News" is "News"); not half one, half the other."""

    written: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]
    lemmas: dict[str, tuple[tuple[int, tuple[frozenset[str], ...]], ...]]


@cache
def _cue_index() -> _CueIndex:
    written: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    lemmas: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
    for index, cue in enumerate(cue_rules()):
        for phrase in cue.phrases:
            written.setdefault(phrase[0], []).append((index, phrase))
            forms = tuple(lemma_forms(word) for word in phrase)
            for form in forms[0]:
                lemmas.setdefault(form, []).append((index, forms))
    return _CueIndex({k: tuple(v) for k, v in written.items()}, {k: tuple(v) for k, v in lemmas.items()})


def _cue_matches(doc: Doc) -> set[tuple[int, int, int]]:
    """(cue position, start, end) of every cue phrase in the document."""
    index = _cue_index()
    lowers = [t.lower_ for t in doc]
    lemmas = [t.lemma_ for t in doc]
    found: set[tuple[int, int, int]] = set()
    for start in range(len(doc)):
        for cue, phrase in index.written.get(lowers[start], ()):
            end = start + len(phrase)
            if end <= len(doc) and all(lowers[start + k] == word for k, word in enumerate(phrase)):
                found.add((cue, start, end))
        for cue, forms in index.lemmas.get(lemmas[start], ()):
            end = start + len(forms)
            if end <= len(doc) and all(lemmas[start + k] in form for k, form in enumerate(forms)):
                found.add((cue, start, end))
    return found


def find_cues(doc: Doc) -> list[tuple[Cue, Span]]:
    """Every cue match in the document, longest first where they overlap (then the earlier, then the
    cue first in the file)."""
    cues = cue_rules()
    found: list[tuple[Cue, Span]] = []
    taken: set[int] = set()
    for index, start, end in sorted(_cue_matches(doc), key=lambda m: (m[1] - m[2], m[1], m[0])):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        found.append((cues[index], doc[start:end]))
    return found


def _in_another_clause(cue: Token, trigger: Token) -> bool:
    """True when the cue sits in a clause of its own beside the trigger's: in "she initiated the divorce
    shortly after they allegedly had a fight", "allegedly" hedges the fight, not the divorce. A cue on
    a verb that governs the trigger ("sources say they split") does reach it."""
    above = {t.i for t in own_line(trigger)}
    for step in _line(cue):
        if step.i in above:
            return False
        if step.dep_ == "conj" and step.pos_ in ("VERB", "AUX") and step.head.i in above:
            # "Jo married Cal last year, and the newlyweds are said to have ...": a clause of its own
            return True
        # A participle used as a preposition ("according to a source") heads no clause.
        if step.i != cue.i and step.pos_ in ("VERB", "AUX") and step.dep_ != "prep":
            return True
    return True  # the trigger is in a relative clause the cue is outside of


def _content_elsewhere(cue: Token, trigger: Token) -> bool:
    """A report or rumour noun with a clause of its own says what is reported: in "their marriage was
    rocked by reports that he cheated", "reports" hedges the cheating, not the marriage, while
    "reports that they split" reaches "split" inside its clause."""
    if cue.pos_ not in ("NOUN", "PROPN"):
        return False
    following = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
    if following is not None and following.lower_ == "that" and trigger.i < cue.i:
        return True  # the parse may hang "that ..." elsewhere; what follows it is still the report's
    clauses = [c for c in cue.children if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX")]
    return (
        bool(clauses)
        and not any(c.left_edge.i <= trigger.i <= c.right_edge.i for c in clauses)
        and not (cue.left_edge.i <= trigger.i <= cue.right_edge.i and trigger.head == cue)
    )


def _line(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    return chain


def own_line(trigger: Token) -> list[Token]:
    """The trigger's chain of heads up to its relative clause, if it is in one: "Cal, who has been
    dating Jo since May, is said to be planning to propose" hedges the plan, not the dating, which
    the relative clause tells as known."""
    chain = [trigger]
    while chain[-1].head != chain[-1] and chain[-1].dep_ != "relcl":
        chain.append(chain[-1].head)
    return chain


def _said_by_a_source(cue: Cue, span: Span, cues: list[tuple[Cue, Span]]) -> Status:
    """ "Sources revealed that...": a confirming verb whose subject is a source reports, not confirms."""
    if cue.status is not Status.CONFIRMED:
        return cue.status
    subjects = [c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    for other, other_span in cues:
        if other.status is Status.REPORTED and any(
            s.i in range(other_span.start, other_span.end) for s in subjects
        ):
            return Status.REPORTED
    return cue.status


@Language.factory("storyline_status", assigns=["doc._.relations"], requires=["doc._.relations"])
def make_status(nlp: Language, name: str) -> StatusComponent:
    return StatusComponent()


def _quote_of(span: Span, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    char = span.start_char
    return next(((start, end) for start, end in quotes if start <= char < end), None)


def _sourced_quote(trigger: Span, cues: list[tuple[Cue, Span]], quotes: list[tuple[int, int]]) -> bool:
    """ "A source told The Sun: 'They have officially moved in'": a quote in a sentence that names a
    source outside it, so the source's words ("officially") report, they do not confirm. `cues`: those
    of the trigger's sentence."""
    quote = _quote_of(trigger, quotes)
    return quote is not None and any(
        cue.status is Status.REPORTED and _quote_of(span, quotes) != quote for cue, span in cues
    )


def _by_sentence(cues: list[tuple[Cue, Span]]) -> dict[tuple[int, int], list[tuple[Cue, Span]]]:
    """The cues under their sentence's (start, end), in text order: a candidate reads only its own."""
    found: dict[tuple[int, int], list[tuple[Cue, Span]]] = {}
    for cue, span in cues:
        sentence = span.sent
        found.setdefault((sentence.start, sentence.end), []).append((cue, span))
    return found


def _chain_level(cue: Token, chain: list[Token]) -> int | None:
    """How far up the trigger's chain of heads a cue sits: the cue word itself on the chain ("denied
    reports that they split": denied governs reports governs split), or a modifier of a word on it
    ("reportedly split", "according to a source, they split"). None when it is off the chain."""
    positions = {t.i: n for n, t in enumerate(chain)}
    if cue.i in positions:
        return positions[cue.i]
    if cue.dep_ in ("advmod", "prep", "npadvmod", "nsubj", "nsubjpass") and cue.head.i in positions:
        return positions[cue.head.i]
    return None


# Verbs and adjectives whose negation denies the clause under them: "it doesn't mean they have split",
# "it is not true that they are engaged".
_DENYING_WHEN_NEGATED = frozenset({"mean", "true", "case", "accurate", "correct", "right"})


def _negated_above(trigger: Token) -> bool:
    """A negated "mean" or "true" above the trigger: "just because they're apart doesn't mean
    they've split up"."""
    step = trigger
    for _ in range(4):
        if step.head == step:
            return False
        step = step.head
        if step.lemma_.lower() in _DENYING_WHEN_NEGATED and any(c.dep_ == "neg" for c in step.children):
            return True
    return False


def _told(trigger: Token) -> bool:
    """A verb of saying or insisting above the trigger, or "I"/"we" as its subject: someone's own word
    ("she insisted they had never dated", "we never split up"), which a denial needs."""
    subjects = [c for c in clause_head(trigger).children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(t.lower_ in ("i", "we") for s in subjects for t in s.subtree):
        return True  # "Hazel and I never split up"
    return any(
        step.pos_ in ("VERB", "AUX") and step.lemma_.lower() in _TELLING for step in _line(trigger)[1:]
    )


# Verbs by which people give their own word: a "no" under them is theirs, a denial.
_TELLING = frozenset(
    {
        "say",
        "tell",
        "insist",
        "deny",
        "claim",
        "state",
        "add",
        "explain",
        "write",
        "post",
        "tweet",
        "reply",
        "admit",
        "confirm",
        "stress",
        "maintain",
        "reveal",
        "joke",
        "declare",
        "answer",
        "respond",
        "clarify",
    }
)


class StatusComponent:
    def __call__(self, doc: Doc) -> Doc:
        cues = find_cues(doc)
        cues_in = _by_sentence(cues)
        quotes = quoted_ranges(doc.text)
        kept = []
        for candidate in doc._.relations or []:
            trigger = candidate.trigger.root
            sentence = candidate.sentence
            here = cues_in.get((sentence.start, sentence.end), [])
            sourced = _sourced_quote(candidate.trigger, here, quotes)
            best: tuple[int, int, Status, str] | None = None
            # A relationship named inside another claim ("calling time on their romance") or by a
            # partner noun ("reportedly split from his fiancée") takes no cue of its own: the hedge
            # is about the event around it, the relationship is taken for granted.
            presupposed = candidate.nested or candidate.rule.role == "partner"
            chain = own_line(trigger)
            outermost: tuple[int, int, Status, str] | None = None
            denial: tuple[int, int, Status, str] | None = None
            reported_noun = False
            for cue, span in [] if presupposed else here:
                if span.start <= trigger.i < span.end:
                    continue
                if span.root.lemma_.lower() in candidate.rule.needs:
                    continue  # part of the trigger's meaning: "dismissed their divorce" is no denial
                status = _said_by_a_source(cue, span, cues)
                if sourced and status is Status.CONFIRMED:
                    status = Status.REPORTED
                # On the trigger's chain of heads the outermost cue frames the rest: "denied reports
                # that they split" is a denial, "seemed to announce that he married" a rumour.
                level = _chain_level(span.root, chain)
                if level is not None:
                    key = (-level, _PRIORITY[status], status, cue.name)
                    if status is Status.DENIED:
                        denial = key
                    elif span.root.pos_ == "NOUN":
                        reported_noun = True
                    if outermost is None or key[:2] < outermost[:2]:
                        outermost = key
                    continue
                if _in_another_clause(span.root, trigger) or _content_elsewhere(span.root, trigger):
                    continue
                key = (tree_distance(span.root, trigger), _PRIORITY[status], status, cue.name)
                if best is None or key[:2] < best[:2]:
                    best = key
            if (
                denial is not None
                and reported_noun
                and outermost is not None
                and outermost[2] is not Status.DENIED
            ):
                # "described reports that they split as without foundation", the denial parsed
                # under the split: reports called groundless are denied all the same
                outermost = denial
            best = outermost or best
            status = candidate.rule.status or Status.CONFIRMED
            if best is not None:
                status = best[2]
                candidate.cues = (*candidate.cues, best[3])
            if sourced and status is Status.CONFIRMED:
                status = Status.REPORTED
            if candidate.negated or _negated_above(trigger):
                # a rumour is no one's word: "despite the speculation, they never got engaged"
                said = best is not None and best[2] is not Status.RUMOURED
                if not (said or sourced or _quote_of(candidate.trigger, quotes) or _told(trigger)):
                    continue  # "the couple never got engaged": the article's own no, denied by no one
                status = Status.DENIED
            candidate.status = status
            kept.append(candidate)
        doc._.relations = kept
        return doc

"""Relationship trigger rules (rules/en/relations.toml) and finding their matches in a Doc."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.errors import RulesError
from storyline.model import Relation, Status
from storyline.pipeline.rulefile import load_rules, string_list

__all__ = [
    "Trigger",
    "TriggerRule",
    "find_triggers",
    "near_lemmas",
    "needs_met",
    "trigger_rules",
    "which_clauses",
]

_FILE = "rules/en/relations.toml"
_ROLES = (None, "partner", "child", "parent")


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One [[trigger]] of relations.toml; see the comment at the top of that file for each field."""

    name: str
    relation: Relation
    lemmas: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    pos: frozenset[str]
    role: str | None
    needs: frozenset[str]
    unless: frozenset[str]
    unless_pobj: frozenset[str]
    needs_before: frozenset[str]
    needs_in_sentence: frozenset[str]
    unless_active_prep: frozenset[str]
    or_dated: bool
    tags: frozenset[str]
    reach: int
    timed: bool
    least: bool
    allows_object: bool
    former: bool
    history: bool
    revealed: bool
    child_subject: bool
    subject_gender: str | None
    status: Status | None
    examples: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A match of a rule: `token` is the word the relation hangs on, `span` all the matched words."""

    rule: TriggerRule
    token: Token
    span: Span


def _rule(raw: dict[str, Any]) -> TriggerRule:
    name = str(raw.get("name", "?"))
    try:
        relation = Relation(raw["relation"])
    except (KeyError, ValueError):
        raise RulesError(_FILE, name, f"unknown relation {raw.get('relation')!r}") from None
    lemmas = frozenset(string_list(raw, "lemmas", _FILE, name))
    phrases = tuple(tuple(p.split()) for p in string_list(raw, "phrases", _FILE, name))
    if not lemmas and not phrases:
        raise RulesError(_FILE, name, "needs 'lemmas' or 'phrases'")
    role = raw.get("role")
    if role not in _ROLES:
        raise RulesError(_FILE, name, f"role must be one of {_ROLES[1:]}, not {role!r}")
    status = raw.get("status")
    examples = raw.get("examples")
    if not isinstance(examples, list) or not examples:
        raise RulesError(_FILE, name, "every rule needs examples")
    for example in examples:
        if not isinstance(example, list) or len(example) not in (4, 5):
            raise RulesError(_FILE, name, f"an example is [text, a, b, when, {{options}}], not {example!r}")
    return TriggerRule(
        name=name,
        relation=relation,
        lemmas=lemmas,
        phrases=phrases,
        pos=frozenset(p.upper() for p in string_list(raw, "pos", _FILE, name)),
        role=role,
        needs=frozenset(string_list(raw, "needs", _FILE, name)),
        unless=frozenset(string_list(raw, "unless", _FILE, name)),
        unless_pobj=frozenset(string_list(raw, "unless_pobj", _FILE, name)),
        needs_before=frozenset(string_list(raw, "needs_before", _FILE, name)),
        needs_in_sentence=frozenset(string_list(raw, "needs_in_sentence", _FILE, name)),
        unless_active_prep=frozenset(string_list(raw, "unless_active_prep", _FILE, name)),
        or_dated=bool(raw.get("or_dated", False)),
        tags=frozenset(string_list(raw, "tags", _FILE, name)),
        reach=int(raw.get("reach", 3)),
        timed=bool(raw.get("timed", False)),
        least=bool(raw.get("least", False)),
        allows_object=bool(raw.get("object", True)),
        former=bool(raw.get("former", False)),
        history=bool(raw.get("history", False)),
        revealed=bool(raw.get("revealed", False)),
        child_subject=raw.get("subject") == "child",
        subject_gender=raw.get("subject_gender"),
        status=Status(status) if status else None,
        examples=tuple(tuple(e) for e in examples),
    )


@cache
def trigger_rules() -> tuple[TriggerRule, ...]:
    """Every trigger rule, in file order (the first rule that matches a word wins)."""
    rules = tuple(_rule(raw) for raw in load_rules("relations").get("trigger", []))
    names = [r.name for r in rules]
    for name in names:
        if names.count(name) > 1:
            raise RulesError(_FILE, name, "rule names must be unique")
    return rules


def which_clauses(token: Token) -> list[Token]:
    """Relative clauses on "which" inside a noun's phrase, wherever the parse hung them: in "his
    divorce from Leah Kominsky, which had been finalized in 2017", what was finalized is the divorce."""
    if token.pos_ != "NOUN":
        return []
    return [
        t
        for t in token.subtree
        if t.dep_ == "relcl" and t.i > token.i and any(c.lower_ == "which" for c in t.children)
    ]


def near_lemmas(token: Token, reach: int = 3) -> set[str]:
    """Lemmas and words around a token in the parse: `reach` heads up, its children and its siblings,
    and the verbs of "which" clauses on its phrase."""
    near: set[str] = set()
    for clause in which_clauses(token):
        near.update((clause.lemma_.lower(), clause.lower_))
    for child in token.children:
        near.update((child.lemma_.lower(), child.lower_))
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            near.add("'s")  # a named possessor, "Ann Cole's partner", as rules can ask for it
    head = token
    for _ in range(reach):
        if head.head == head:
            break
        head = head.head
        near.update((head.lemma_.lower(), head.lower_))
        for sibling in head.children:
            if sibling != token:
                near.update((sibling.lemma_.lower(), sibling.lower_))
    return near


def _prepositional_objects(tokens: Span | list[Token]) -> set[str]:
    """Lemmas of the nouns (or -ing words) after the words' prepositions: "engaged in a lewd act" →
    {"act"}, "taking a break from touring" → {"touring"}."""
    return {
        pobj.lemma_.lower()
        for token in tokens
        for prep in token.children
        if prep.dep_ == "prep"
        for pobj in prep.children
        if pobj.dep_ in ("pobj", "pcomp")
    }


def _active_with(token: Token, prepositions: frozenset[str]) -> bool:
    """A verb with a subject of its own and one of these prepositions: "they engaged in a row" (taking
    part), not "they got engaged in Paris", where the word is a state the subject is in."""
    active = any(c.dep_ == "nsubj" for c in token.children) and not any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in ("get", "be", "become") for c in token.children
    )
    return active and any(c.dep_ == "prep" and c.lower_ in prepositions for c in token.children)


def needs_met(rule: TriggerRule, token: Token) -> bool:
    """Whether a word the rule needs stands near the trigger (for `or_dated` rules, checked after the
    trigger's date is known)."""
    return not rule.needs or bool(rule.needs & near_lemmas(token, rule.reach))


def _fits(rule: TriggerRule, token: Token, span: Span | None = None) -> bool:
    if rule.pos and token.pos_ not in rule.pos:
        return False
    if rule.tags and token.tag_.lower() not in rule.tags:
        return False
    if rule.unless_pobj:
        objects = _prepositional_objects(span if span is not None else [token]) | {
            c.lemma_.lower() for c in token.children if c.dep_ == "pobj"
        }
        if rule.unless_pobj & objects or ("*" in rule.unless_pobj and objects):
            return False
    if rule.needs_before:
        # read off the words, as the parse of "the home he shared with Ann" often goes astray
        before = token.doc[max(token.sent.start, token.i - 6) : token.i]
        if not any(t.lemma_.lower() in rule.needs_before for t in before):
            return False
    if rule.needs_in_sentence and not any(t.lemma_.lower() in rule.needs_in_sentence for t in token.sent):
        return False
    if rule.unless_active_prep and _active_with(token, rule.unless_active_prep):
        return False
    if rule.needs or rule.unless:
        near = near_lemmas(token, rule.reach)
        if rule.needs and not rule.or_dated and not rule.needs & near:
            return False
        if rule.unless & near:
            return False
    return True


# A step of a phrase pattern: a word in one of its lemma forms (required), an optional quote mark
# ('was "in the past"', 'a "split"') between words, or "*" (any one token, or none).
_WORD, _QUOTE, _ANY = 0, 1, 2
_Pattern = tuple[tuple[int, frozenset[str]], ...]


def lemma_forms(word: str) -> frozenset[str]:
    """The lemmas a rule's word matches: as written, capitalized (a sentence's first word), upper case."""
    return frozenset((word, word.capitalize(), word.upper()))


def _pattern(phrase: tuple[str, ...]) -> _Pattern:
    steps: list[tuple[int, frozenset[str]]] = []
    for n, word in enumerate(phrase):
        if n:
            steps.append((_QUOTE, frozenset()))
        steps.append((_ANY, frozenset()) if word == "*" else (_WORD, lemma_forms(word)))
    return tuple(steps)


@dataclass(frozen=True, slots=True)
class _PhraseIndex:
    """Every rule's phrases as patterns, under each lemma form of their first word (those that begin
    with "*" under ""): a token tries the few patterns its lemma can begin, not all of them."""

    by_first: dict[str, tuple[tuple[int, _Pattern], ...]]
    anywhere: tuple[tuple[int, _Pattern], ...]


@cache
def _phrase_index() -> _PhraseIndex:
    by_first: dict[str, list[tuple[int, _Pattern]]] = {}
    anywhere: list[tuple[int, _Pattern]] = []
    for index, rule in enumerate(trigger_rules()):
        for phrase in rule.phrases:
            pattern = _pattern(phrase)
            kind, forms = pattern[0]
            if kind == _ANY:
                anywhere.append((index, pattern))
            for form in forms:
                by_first.setdefault(form, []).append((index, pattern))
    return _PhraseIndex({k: tuple(v) for k, v in by_first.items()}, tuple(anywhere))


@cache
def _word_index() -> dict[str, tuple[int, ...]]:
    """The rules (by position, in file order) that each single word or lemma triggers."""
    index: dict[str, list[int]] = {}
    for n, rule in enumerate(trigger_rules()):
        for word in rule.lemmas:
            index.setdefault(word, []).append(n)
    return {word: tuple(ns) for word, ns in index.items()}


def _ends(doc: Doc, lemmas: list[str], pattern: _Pattern, start: int) -> set[int]:
    """Every token a pattern can end before when it starts at `start` (each optional step taken or
    not, as spaCy's Matcher does)."""
    ends: set[int] = set()
    pending = [(start, 0)]
    while pending:
        position, step = pending.pop()
        if step == len(pattern):
            ends.add(position)
            continue
        kind, forms = pattern[step]
        if kind != _WORD:
            pending.append((position, step + 1))
        if position < len(lemmas) and (
            lemmas[position] in forms if kind == _WORD else kind == _ANY or doc[position].is_quote
        ):
            pending.append((position + 1, step + 1))
    return ends


def _phrase_matches(doc: Doc, lemmas: list[str]) -> list[tuple[int, int, int]]:
    """(rule position, start, end) of every phrase match, each span once per rule."""
    index = _phrase_index()
    found: set[tuple[int, int, int]] = set()
    for start, lemma in enumerate(lemmas):
        for rule, pattern in (*index.by_first.get(lemma, ()), *index.anywhere):
            found.update((rule, start, end) for end in _ends(doc, lemmas, pattern, start) if end > start)
    return list(found)


def find_triggers(doc: Doc) -> list[Trigger]:
    """Trigger matches in text order; phrases first, then single words not inside a phrase."""
    rules = trigger_rules()
    found: list[Trigger] = []
    taken: set[int] = set()
    lemmas = [t.lemma_ for t in doc]
    # Longest match first, then file order, then text order, so "go their separate ways" beats a
    # shorter reading.
    for index, start, end in sorted(_phrase_matches(doc, lemmas), key=lambda m: (m[1] - m[2], m[0], m[1])):
        if any(i in taken for i in range(start, end)):
            continue
        rule = rules[index]
        span = doc[start:end]
        if not _fits(rule, span.root, span):
            continue
        found.append(Trigger(rule, span.root, span))
        taken.update(range(start, end))
    words = _word_index()
    for token in doc:
        if token.i in taken:
            continue
        lemma, lower = lemmas[token.i].lower(), token.lower_
        candidates = words.get(lemma, ())
        if lower != lemma and lower in words:
            candidates = tuple(sorted({*candidates, *words[lower]}))
        for n in candidates:
            if _fits(rules[n], token):
                found.append(Trigger(rules[n], token, doc[token.i : token.i + 1]))
                break
    return sorted(found, key=lambda t: t.span.start)

"""Relationship trigger rules (rules/en/relations.toml) and finding their matches in a Doc."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

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


@cache
def _phrase_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for index, rule in enumerate(trigger_rules()):
        patterns = []
        for phrase in rule.phrases:
            pattern: list[dict[str, Any]] = []
            for n, word in enumerate(phrase):
                if n:
                    pattern.append({"IS_QUOTE": True, "OP": "?"})  # 'was "in the past"', 'a "split"'
                if word == "*":
                    pattern.append({"OP": "?"})
                else:
                    pattern.append({"LEMMA": {"IN": [word, word.capitalize(), word.upper()]}})
            patterns.append(pattern)
        if patterns:
            matcher.add(str(index), patterns)
    return matcher


def find_triggers(doc: Doc) -> list[Trigger]:
    """Trigger matches in text order; phrases first, then single words not inside a phrase."""
    rules = trigger_rules()
    found: list[Trigger] = []
    taken: set[int] = set()
    matches = _phrase_matcher(doc.vocab)(doc)
    # Longest match first, then file order, so "go their separate ways" beats a shorter reading.
    for match_id, start, end in sorted(matches, key=lambda m: (-(m[2] - m[1]), int(doc.vocab.strings[m[0]]))):
        if any(i in taken for i in range(start, end)):
            continue
        rule = rules[int(doc.vocab.strings[match_id])]
        span = doc[start:end]
        if not _fits(rule, span.root, span):
            continue
        found.append(Trigger(rule, span.root, span))
        taken.update(range(start, end))
    for token in doc:
        if token.i in taken:
            continue
        lemma, lower = token.lemma_.lower(), token.lower_
        for rule in rules:
            if (lemma in rule.lemmas or lower in rule.lemmas) and _fits(rule, token):
                found.append(Trigger(rule, token, doc[token.i : token.i + 1]))
                break
    return sorted(found, key=lambda t: t.span.start)

"""The question grammar: rules/en/questions.toml loaded into typed, compiled rules.

`grammar()` reads the file once. Everything a question may say is data there: the intent rules
(regexes over the question's skeleton), the words for each relation, the modifiers ("still", "ever",
"first", "ex"), the words that are never names, and the inflected forms read as one base form. A
broken file raises `RulesError` naming the rule.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from storyline.errors import RulesError
from storyline.model import Relation

__all__ = ["TOGETHER", "Example", "Grammar", "IntentRule", "grammar"]

_FILE = "rules/en/questions.toml"
#: The relation word for "any stage of a relationship" ("Are they still together?").
TOGETHER = "together"
_INTENTS = frozenset(
    {
        "when",
        "yesno",
        "who",
        "count",
        "how_long",
        "said",
        "story",
        "status",
        "parents",
        "lives",
        "acted",
        "unsupported",  # a question of a kind storyline keeps no facts for ("how old", "why")
    }
)
_EXPECTED = frozenset({"q", "a", "b", "relation", "at"})


@dataclass(frozen=True, slots=True)
class Example:
    """A question a rule must read, and what must be read from it (`a`, `b`, `relation`, `at`)."""

    question: str
    expect: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class IntentRule:
    """One [[intent]] rule: what a question matching `pattern` asks."""

    name: str
    intent: str
    pattern: re.Pattern[str]
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Grammar:
    rules: tuple[IntentRule, ...]
    function: frozenset[str]  # never a name, nor the first or last word of one
    filler: frozenset[str]  # dropped before relation phrases are matched
    titles: frozenset[str]  # words before a name that the articles may leave out
    weak: frozenset[str]  # relation phrases that yield to any other ("what date did they marry")
    forms: Mapping[str, str]  # inflected word → base form (may be two words: "breakup" → "break up")
    relations: tuple[tuple[tuple[str, ...], str], ...]  # phrase (base forms) → relation or TOGETHER
    modifiers: Mapping[str, tuple[tuple[str, ...], ...]]  # modifier → its phrases (base forms)
    vocabulary: frozenset[str]  # every word of a relation or modifier phrase, in any form: not a name

    def base(self, word: str) -> tuple[str, ...]:
        """The base form(s) of a folded word."""
        return tuple(self.forms.get(word, word).split())


def _strings(raw: Any, where: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str) for w in raw):
        raise RulesError(_FILE, where, "expected a list of strings")
    return [w.lower() for w in raw]


def _examples(raw: Any, name: str) -> tuple[Example, ...]:
    if not raw:
        raise RulesError(_FILE, name, "every intent rule needs examples")
    found = []
    for item in raw:
        if isinstance(item, str):
            found.append(Example(item, {}))
            continue
        if not isinstance(item, dict) or "q" not in item or set(item) - _EXPECTED:
            raise RulesError(_FILE, name, f"an example is a question or {{q, a, b, relation, at}}: {item!r}")
        found.append(Example(str(item["q"]), {k: str(v) for k, v in item.items() if k != "q"}))
    return tuple(found)


@cache
def grammar() -> Grammar:
    """The grammar of rules/en/questions.toml (read once)."""
    text = resources.files("storyline").joinpath(_FILE).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RulesError(_FILE, "-", str(err)) from None
    words = data.get("words", {})
    forms = {str(k).lower(): str(v).lower() for k, v in data.get("forms", {}).items()}

    def phrase(text: str) -> tuple[str, ...]:
        return tuple(b for w in text.lower().split() for b in forms.get(w, w).split())

    filler = frozenset(_strings(words.get("filler", []), "words.filler"))
    relations: list[tuple[tuple[str, ...], str]] = []
    vocabulary: set[str] = set()
    for relation, phrases in data.get("relations", {}).items():
        if relation != TOGETHER and relation not in {r.value for r in Relation}:
            raise RulesError(_FILE, f"relations.{relation}", "not a relation")
        for text_ in _strings(phrases, f"relations.{relation}"):
            words_ = tuple(w for w in phrase(text_) if w not in filler)
            relations.append((words_, relation))
            vocabulary.update(text_.split())
            vocabulary.update(words_)
    modifiers: dict[str, tuple[tuple[str, ...], ...]] = {}
    for modifier, phrases in data.get("modifiers", {}).items():
        listed = _strings(phrases, f"modifiers.{modifier}")
        modifiers[modifier] = tuple(phrase(p) for p in listed)
        vocabulary.update(w for p in listed for w in p.split())
    vocabulary.update(w for k, v in forms.items() for w in (k, *v.split()))
    rules = []
    for raw in data.get("intent", []):
        name = str(raw.get("name", "?"))
        intent = str(raw.get("intent", ""))
        if intent not in _INTENTS:
            raise RulesError(_FILE, name, f"unknown intent {intent!r}")
        try:
            pattern = re.compile(raw["pattern"])
        except (KeyError, re.error) as err:
            raise RulesError(_FILE, name, f"bad pattern: {err}") from None
        rules.append(IntentRule(name, intent, pattern, _examples(raw.get("examples"), name)))
    # Longest phrases first: "get back together" (reconciled) before "together".
    relations.sort(key=lambda item: -len(item[0]))
    return Grammar(
        rules=tuple(rules),
        function=frozenset(_strings(words.get("function", []), "words.function")),
        filler=filler,
        titles=frozenset(_strings(words.get("titles", []), "words.titles")),
        weak=frozenset(_strings(words.get("weak", []), "words.weak")),
        forms=forms,
        relations=tuple(relations),
        modifiers=modifiers,
        vocabulary=frozenset(vocabulary),
    )

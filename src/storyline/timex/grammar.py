"""The timex rules file: `rules/<lang>/timex.toml` loaded and checked into typed, compiled rules.

Every problem in the file is a `RulesError` naming the file, the rule and the reason, raised at load
time, so that a typo in a pattern never surfaces as a wrong value three layers later.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from storyline.errors import RulesError
from storyline.model import Mod
from storyline.timex.partial import TYPES, Holiday
from storyline.timex.prefilter import triggers

__all__ = [
    "VALUE_FIELDS",
    "Example",
    "Fragment",
    "Grammar",
    "Rule",
    "TenseCues",
    "load",
    "normalize_word",
]

# The fields a rule's `value` table may set; see `recognize.py` for how each is read.
VALUE_FIELDS = frozenset(
    {
        "literal",
        "millennium",
        "century",
        "decade",
        "year",
        "half",
        "quarter",
        "season",
        "month",
        "week",
        "day",
        "weekday",
        "weekend",
        "part",
        "hour",
        "minute",
        "holiday",
        "anchor",
        "unit",
        "shift",
        "amount",
        "granularity",
        "fallback_granularity",
        "direction",
        "fallback",
    }
)
_RULE_KEYS = frozenset(
    {
        "age",
        "name",
        "type",
        "match",
        "value",
        "mod",
        "priority",
        "case_sensitive",
        "require_before",
        "reject_before",
        "reject_after",
        "reject_text",
        "examples",
        "comment",
    }
)
_EXAMPLE_OPTIONS = frozenset({"dct", "type", "mod", "text", "signal", "none"})
# `{name}` or `{name:group}`; regex quantifiers such as `{2}` or `{1,4}` never start with a letter.
_PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_][a-z0-9_]*)(?::(?P<group>[a-z_][a-z0-9_]*))?\}")
_TEMPLATE_REF = re.compile(r"\{(?P<group>[a-z_][a-z0-9_]*)(?:\|[^{}|]*)?\}")
_SPACES = re.compile(r"[\s\-]+")


def normalize_word(text: str) -> str:
    """The key a matched word is looked up under: lowercased, one space between words, no final dot."""
    return _SPACES.sub(" ", text.lower().replace("\u2019", "'")).strip(" .")


@dataclass(frozen=True, slots=True)
class Fragment:
    """A named piece of pattern ({month}, {number}) and the table that turns its words into values."""

    name: str
    regex: str
    table: Mapping[str, str | int | float]
    numeric: bool  # words not in the table are read as numbers ("twenty four", "2.5")


@dataclass(frozen=True, slots=True)
class Example:
    """An executable example: the text, the value it must get, and how."""

    text: str
    value: str | None  # None: the rule must not produce a timex here
    dct: date | None
    type: str | None = None
    mod: str | None = None
    span: str | None = None  # the expected timex text when `text` carries context around it
    signal: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern with the partial value it gives."""

    name: str
    type: str
    pattern: re.Pattern[str]
    value: Mapping[str, str | int | float | bool]
    mod: str | None
    priority: int
    groups: Mapping[str, Fragment]  # named group → the fragment whose table converts it
    require_before: re.Pattern[str] | None
    reject_before: re.Pattern[str] | None
    reject_after: re.Pattern[str] | None
    reject_text: re.Pattern[str] | None  # case-sensitive: the matched text must not contain it
    examples: tuple[Example, ...]
    # Sets of strings: of each, one occurs in the lowercased text of every match (prefilter.py).
    triggers: tuple[tuple[str, ...], ...] = ()
    age: bool = False  # a person's age ("nine-year-old"): not a TIMEX3, tagged only on request


@dataclass(frozen=True, slots=True)
class TenseCues:
    """Words that put the events around an expression in the past or the future."""

    past: re.Pattern[str]
    future: re.Pattern[str]
    window: int
    past_signals: frozenset[str] = frozenset()
    future_signals: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Grammar:
    file: str
    rules: tuple[Rule, ...]
    signals: Mapping[str, Mod | None]
    signal_pattern: re.Pattern[str]
    tense: TenseCues
    holidays: Mapping[str, Holiday]


@cache
def load(lang: str = "en") -> Grammar:
    """The compiled timex grammar of one language, read once per process."""
    name = f"rules/{lang}/timex.toml"
    try:
        raw = resources.files("storyline").joinpath("rules", lang, "timex.toml").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise RulesError(name, "*", "file not found") from exc
    return parse(raw, name)


def parse(raw: str, file: str) -> Grammar:
    """Check and compile the text of a timex rules file."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(file, "*", f"not valid TOML: {exc}") from exc
    if data.get("version") != 1:
        raise RulesError(file, "*", "expected version = 1")
    example_dct = _date(file, "*", data.get("example_dct"))
    fragments = _fragments(file, data.get("fragment", {}))
    holidays = _holidays(file, data.get("holiday", {}))
    signals = _signals(file, data.get("signals", {}))
    words = sorted(signals, key=len, reverse=True)
    signal_pattern = re.compile(r"(?<!\w)(?P<signal>" + "|".join(map(re.escape, words)) + r")\s+$", re.I)
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, spec in enumerate(data.get("rule", [])):
        rule = _rule(file, index, spec, fragments, holidays, example_dct)
        if rule.name in seen:
            raise RulesError(file, rule.name, "duplicate rule name")
        seen.add(rule.name)
        rules.append(rule)
    if not rules:
        raise RulesError(file, "*", "no [[rule]] entries")
    return Grammar(file, tuple(rules), signals, signal_pattern, _tense(file, data.get("tense", {})), holidays)


def _date(file: str, rule: str, value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise RulesError(file, rule, f"not a date: {value!r}") from exc


def _compile(file: str, rule: str, pattern: str, flags: int = re.I) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RulesError(file, rule, f"bad regex {pattern!r}: {exc}") from exc


def _word_regex(word: str) -> str:
    parts = [re.escape(part).replace("'", "['\u2019]") for part in word.split(" ")]
    return r"[\s\-]+".join(parts)


def _fragments(file: str, specs: Mapping[str, Any]) -> dict[str, Fragment]:
    fragments: dict[str, Fragment] = {}
    # Fragments may use the fragments defined before them, so the order in the file matters.
    for name, spec in specs.items():
        where = f"fragment.{name}"
        if not isinstance(spec, dict) or not set(spec) <= {
            "values",
            "pattern",
            "numeric",
            "capitalized",
            "comment",
        }:
            raise RulesError(file, where, "expects values = {…}, pattern = '…', numeric and/or capitalized")
        table: dict[str, str | int | float] = {}
        for word, value in spec.get("values", {}).items():
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise RulesError(file, where, f"value of {word!r} must be a string or a number")
            table[normalize_word(word)] = value
        words = sorted(table, key=len, reverse=True)
        if spec.get("capitalized", False):
            # Words that are only dates when capitalized ("May", "March"): Title or UPPER case only.
            cased = [variant for word in words for variant in (word.title(), word.upper())]
            alternatives = ["(?-i:" + "|".join(_word_regex(word) for word in cased) + ")"] if cased else []
        else:
            alternatives = [_word_regex(word) for word in words if word]
        if "pattern" in spec:
            pattern = str(spec["pattern"])
            alternatives.append(_expand(file, where, pattern, fragments, None))
            # Words of the fragments a pattern uses keep their values: {number} reads "twenty four".
            for used in _PLACEHOLDER.finditer(pattern):
                for word, value in fragments[used["name"]].table.items():
                    table.setdefault(word, value)
        if not alternatives:
            raise RulesError(file, where, "has neither values nor a pattern")
        regex = "(?:" + "|".join(alternatives) + ")"
        _compile(file, where, regex)
        fragments[name] = Fragment(name, regex, table, bool(spec.get("numeric", False)))
    return fragments


def _expand(
    file: str,
    rule: str,
    pattern: str,
    fragments: Mapping[str, Fragment],
    groups: dict[str, Fragment] | None,
) -> str:
    """Replace `{fragment}` by its regex: a named group in rules, a plain group inside fragments."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        fragment = fragments.get(name)
        if fragment is None:
            raise RulesError(file, rule, f"unknown fragment {{{name}}}")
        if groups is None:
            return fragment.regex
        group = match["group"] or name
        if group in groups:
            raise RulesError(file, rule, f"group {group!r} used twice; write {{{name}:other_name}}")
        groups[group] = fragment
        return f"(?P<{group}>{fragment.regex})"

    return _PLACEHOLDER.sub(replace, pattern)


def _holidays(file: str, specs: Mapping[str, Any]) -> dict[str, Holiday]:
    holidays: dict[str, Holiday] = {}
    keys = {"month", "day", "weekday", "nth", "easter"}
    for name, spec in specs.items():
        where = f"holiday.{name}"
        if not isinstance(spec, dict) or not set(spec) <= keys | {"comment"}:
            raise RulesError(file, where, f"expects some of {sorted(keys)}")
        fields = {key: spec.get(key) for key in keys}
        if any(v is not None and not isinstance(v, int) for v in fields.values()):
            raise RulesError(file, where, "fields must be integers")
        holiday = Holiday(name, **fields)
        fixed = holiday.month is not None and (holiday.day is not None or holiday.weekday is not None)
        if not fixed and holiday.easter is None:
            raise RulesError(file, where, "needs month and day, month with weekday and nth, or easter")
        holidays[name] = holiday
    return holidays


def _signals(file: str, specs: Mapping[str, Any]) -> dict[str, Mod | None]:
    signals: dict[str, Mod | None] = {}
    for word, mod in specs.items():
        if mod not in {"", *Mod.__members__}:
            raise RulesError(file, f"signals.{word}", f"unknown mod {mod!r}")
        signals[word.lower()] = Mod(mod) if mod else None
    if not signals:
        raise RulesError(file, "signals", "no signal words")
    return signals


def _tense(file: str, spec: Mapping[str, Any]) -> TenseCues:
    def cues(kind: str) -> re.Pattern[str]:
        words = spec.get(kind)
        if not isinstance(words, list) or not words:
            raise RulesError(file, f"tense.{kind}", "expects a list of regexes")
        # Case matters: "will" is a cue, "Will" may be a name, "United" is not a past tense.
        return _compile(file, f"tense.{kind}", r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", 0)

    window = spec.get("window", 80)
    if not isinstance(window, int) or window < 1:
        raise RulesError(file, "tense.window", "expects a positive integer")

    def signals(kind: str) -> frozenset[str]:
        words = spec.get(kind, [])
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise RulesError(file, f"tense.{kind}", "expects a list of signal words")
        return frozenset(w.lower() for w in words)

    return TenseCues(cues("past"), cues("future"), window, signals("past_signals"), signals("future_signals"))


def _rule(
    file: str,
    index: int,
    spec: Mapping[str, Any],
    fragments: Mapping[str, Fragment],
    holidays: Mapping[str, Holiday],
    example_dct: date | None,
) -> Rule:
    name = str(spec.get("name") or f"#{index + 1}")
    unknown = set(spec) - _RULE_KEYS
    if unknown:
        raise RulesError(file, name, f"unknown keys {sorted(unknown)}")
    type_ = spec.get("type")
    if type_ not in TYPES:
        raise RulesError(file, name, f"type must be one of {TYPES}")
    if not isinstance(spec.get("match"), str):
        raise RulesError(file, name, "needs match = '<regex>'")
    groups: dict[str, Fragment] = {}
    body = _expand(file, name, spec["match"], fragments, groups)
    flags = 0 if spec.get("case_sensitive", False) else re.I
    # Expressions are whole words: "may" in "mayor" and "2013" in "12013" are not dates.
    pattern = _compile(file, name, rf"(?<!\w)(?:{body})(?!\w)", flags)
    for group in pattern.groupindex:
        groups.setdefault(group, Fragment(group, "", {}, False))
    value = spec.get("value")
    if not isinstance(value, dict) or not value:
        raise RulesError(file, name, "needs value = { … }")
    bad = set(value) - VALUE_FIELDS
    if bad:
        raise RulesError(file, name, f"unknown value fields {sorted(bad)}")
    for field, template in value.items():
        if not isinstance(template, str | int | float):
            raise RulesError(file, name, f"value field {field!r} must be a string, number or boolean")
        for ref in _TEMPLATE_REF.findall(str(template)):
            if ref not in pattern.groupindex:
                raise RulesError(file, name, f"value field {field!r} uses {{{ref}}}, not a group of match")
    if (
        isinstance(value.get("holiday"), str)
        and "{" not in value["holiday"]
        and value["holiday"] not in holidays
    ):
        raise RulesError(file, name, f"unknown holiday {value['holiday']!r}")
    mod = spec.get("mod")
    if mod is not None and not (
        isinstance(mod, str) and (mod in Mod.__members__ or _TEMPLATE_REF.search(mod))
    ):
        raise RulesError(file, name, f"mod must be a TIMEX3 mod or a {{group}}, not {mod!r}")
    priority = spec.get("priority", 0)
    if not isinstance(priority, int):
        raise RulesError(file, name, "priority must be an integer")

    def context(key: str, suffix: str, flags: int = re.I) -> re.Pattern[str] | None:
        regex = spec.get(key)
        if regex is None:
            return None
        if not isinstance(regex, str):
            raise RulesError(file, name, f"{key} must be a regex string")
        return _compile(file, name, f"(?:{_expand(file, name, regex, fragments, None)}){suffix}", flags)

    examples = tuple(_example(file, name, item, example_dct) for item in spec.get("examples", []))
    if not examples:
        raise RulesError(file, name, "every rule needs examples = [[text, value], …]")
    return Rule(
        name=name,
        type=type_,
        pattern=pattern,
        value=value,
        mod=mod,
        priority=priority,
        groups=groups,
        require_before=context("require_before", r"\s*$"),
        reject_before=context("reject_before", r"\s*$"),
        reject_after=context("reject_after", ""),
        reject_text=context("reject_text", "", 0),
        examples=examples,
        triggers=triggers(pattern.pattern, flags),
        age=bool(spec.get("age", False)),
    )


def _example(file: str, rule: str, item: object, example_dct: date | None) -> Example:
    if not isinstance(item, list) or len(item) not in (2, 3) or not isinstance(item[0], str):
        raise RulesError(
            file, rule, f"an example is [text, value] or [text, value, {{options}}], not {item!r}"
        )
    options = item[2] if len(item) == 3 else {}
    if not isinstance(options, dict) or not set(options) <= _EXAMPLE_OPTIONS:
        raise RulesError(file, rule, f"example options must be among {sorted(_EXAMPLE_OPTIONS)}")
    value = item[1]
    if not isinstance(value, str):
        raise RulesError(file, rule, f"example value must be a string: {item!r}")
    dct = _date(file, rule, options["dct"]) if "dct" in options else example_dct
    return Example(
        text=item[0],
        value=None if options.get("none") else value,
        dct=dct,
        type=options.get("type"),
        mod=options.get("mod"),
        span=options.get("text"),
        signal=options.get("signal"),
    )

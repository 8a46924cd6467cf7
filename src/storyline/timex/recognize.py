"""Phase one: find temporal expressions in text and read the partial value each rule's words give.

Every rule is run over the text; overlapping matches are settled in favour of the longest, then the
rule with the higher priority, then the earliest. Nothing here knows the article date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from storyline.model import Mod
from storyline.timex.grammar import Fragment, Grammar, Rule, normalize_word
from storyline.timex.partial import Anchor, Direction, Partial, Unit

__all__ = ["Candidate", "build_partial", "read_number", "recognize"]

_TEMPLATE_REF = re.compile(r"\{(?P<group>[a-z_][a-z0-9_]*)(?:\|(?P<default>[^{}|]*))?\}")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_DIGITS = re.compile(r"(?P<whole>\d{1,9}(?:,\d{3})*(?:\.\d{1,6})?)(?: (?P<num>\d{1,3})/(?P<den>\d{1,3}))?")
_FRACTION = re.compile(r"(?P<num>\d{1,3})/(?P<den>\d{1,3})")
_INT_FIELDS = frozenset(
    {"millennium", "century", "decade", "year", "half", "quarter", "month", "week", "day", "weekday", "hour"}
    | {"minute"}
)
_SEASONS = frozenset({"SP", "SU", "FA", "WI"})
_PARTS = frozenset({"MO", "MI", "AF", "EV", "NI", "DT"})
# No expression reaches farther than this from the trigger word it contains (the longest in TBAQ,
# "the winter of nineteen ninety-four", has 34 characters); windows this wide cannot cut one short.
_REACH = 80
# How far back a rule's require_before/reject_before context and a signal word are looked for.
_CONTEXT = 40


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognized expression: where it is, which rule found it and what its words say."""

    start: int
    end: int
    rule: Rule
    partial: Partial
    signal: str | None = None


def recognize(text: str, grammar: Grammar) -> list[Candidate]:
    """The non-overlapping expressions in `text`, in order, each with its partial value."""
    found: list[Candidate] = []
    lowered = _lower(text)
    whole = [(0, len(text))]
    windows_of: dict[tuple[str, ...], list[tuple[int, int]]] = {}  # rules share trigger sets (months)
    # A partial value depends only on the rule and the text of its groups: a text that repeats an
    # expression builds it once.
    partials: dict[tuple[int, tuple[str | None, ...]], Partial | None] = {}
    for rule in grammar.rules:
        windows = whole
        if rule.triggers:
            windows = _near_all(lowered, rule.triggers, windows_of)
        for window_start, window_end in windows:
            # The regex may read past the window, so that a match near its end is not cut short
            # ("1990" of "1990s"); only matches that start inside it belong to it.
            for match in rule.pattern.finditer(text, window_start, window_end + _REACH):
                start, end = match.span()
                if start >= window_end:
                    break
                if start == end or not _context_allows(rule, text, start, end):
                    continue
                key = (id(rule), match.groups())
                if key in partials:
                    partial = partials[key]
                else:
                    partial = partials[key] = build_partial(rule, match, grammar)
                if partial is not None:
                    found.append(Candidate(start, end, rule, partial))
    found.sort(key=lambda c: (c.start - c.end, -c.rule.priority, c.start))
    chosen: list[Candidate] = []
    taken = _Spans()
    for candidate in found:
        if taken.free(candidate.start, candidate.end):
            chosen.append(candidate)
            taken.add(candidate.start, candidate.end)
    chosen.sort(key=lambda c: c.start)
    return [_with_signal(c, text, grammar) for c in chosen]


class _Spans:
    """Non-overlapping spans, sorted, so that whether a new one overlaps any is a binary search: a
    text of a thousand expressions ("2020-2020-2020-...") must not cost a million comparisons."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """Whether start..end overlaps none of the spans."""
        at = bisect_right(self._starts, start)
        # The span starting at or before `start` must end by it; the next one must start at `end` or after.
        if at and self._ends[at - 1] > start:
            return False
        return at == len(self._starts) or self._starts[at] >= end

    def add(self, start: int, end: int) -> None:
        at = bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)


def _lower(text: str) -> str:
    """`text` in lower case, character for character: where lowercasing makes two characters of one
    ("İ" → "i̇"), only the first is kept, so that offsets into it are offsets into `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(character.lower()[:1] for character in text)


def _near_all(
    lowered: str,
    requirements: tuple[tuple[str, ...], ...],
    windows_of: dict[tuple[str, ...], list[tuple[int, int]]],
) -> list[tuple[int, int]]:
    """Where a match may start: near an occurrence of one word of every requirement."""
    windows: list[tuple[int, int]] | None = None
    for words in requirements:
        near = windows_of.get(words)
        if near is None:
            near = windows_of[words] = _windows(lowered, words)
        windows = near if windows is None else _intersection(windows, near)
        if not windows:
            return []
    return windows or []


def _windows(lowered: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Stretches of text around each occurrence of a trigger word, merged; every match lies in one."""
    spans: list[tuple[int, int]] = []
    letters = "".join(w for w in words if len(w) == 1)
    if letters:  # digits: a run of them is one occurrence ("2019"), found by one scan
        for found in _run_of(letters).finditer(lowered):
            spans.append((max(0, found.start() - _REACH), min(len(lowered), found.end() + _REACH)))
    for word in words:
        if len(word) == 1:
            continue
        at = lowered.find(word)
        while at >= 0:
            spans.append((max(0, at - _REACH), min(len(lowered), at + len(word) + _REACH)))
            at = lowered.find(word, at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@cache
def _run_of(characters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(characters)}]+")


def _intersection(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches both lists of sorted, disjoint stretches cover."""
    both: list[tuple[int, int]] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            both.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return both


def _context_allows(rule: Rule, text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _CONTEXT) : start]
    if rule.require_before is not None and not rule.require_before.search(before):
        return False
    if rule.reject_before is not None and rule.reject_before.search(before):
        return False
    if rule.reject_text is not None and rule.reject_text.search(text, start, end):
        return False
    return not (rule.reject_after is not None and rule.reject_after.match(text, end, end + _CONTEXT))


def _with_signal(candidate: Candidate, text: str, grammar: Grammar) -> Candidate:
    match = grammar.signal_pattern.search(text, max(0, candidate.start - _CONTEXT // 2), candidate.start)
    if match is None:
        return candidate
    return Candidate(
        candidate.start, candidate.end, candidate.rule, candidate.partial, match["signal"].lower()
    )


def read_number(text: str, table: Mapping[str, str | int | float]) -> float | None:
    """A number written in digits ("2", "1,000", "2 1/2") or in words the table knows ("twenty four")."""
    key = normalize_word(text)
    value = table.get(key)
    if isinstance(value, int | float):
        return float(value)
    if match := _DIGITS.fullmatch(key):
        number = float(match["whole"].replace(",", ""))
        if match["num"]:
            if int(match["den"]) == 0:
                return None
            number += int(match["num"]) / int(match["den"])
        return number
    if match := _FRACTION.fullmatch(key):
        return int(match["num"]) / int(match["den"]) if int(match["den"]) else None
    return _number_words(key.split(" "), table)


def _number_words(words: list[str], table: Mapping[str, str | int | float]) -> float | None:
    # Longest known phrase first, so that "and a half" is one word and "a" alone is one.
    values: list[float] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            value = table.get(" ".join(words[i:j]))
            if isinstance(value, int | float):
                values.append(float(value))
                i = j
                break
        else:
            return None
    if not values:
        return None
    total, current = 0.0, 0.0
    for value in values:
        if value >= 1000:
            total += (current or 1.0) * value
            current = 0.0
        elif value >= 100:
            current = (current or 1.0) * value
        else:
            current += value
    return total + current


def _convert(text: str, fragment: Fragment) -> str | int | float | None:
    key = normalize_word(text)
    if key in fragment.table:
        return fragment.table[key]
    if fragment.numeric:
        number = read_number(text, fragment.table)
        if number is None:
            return None
        return int(number) if number.is_integer() else number
    return text


def _fill(template: str | int | float | bool, match: re.Match[str], rule: Rule) -> str | None:
    """A value template with its `{group}`s replaced; None when none of the groups it names matched.

    A group that did not match counts as its default (`{number|1}`) or as nothing, so that one
    template serves alternatives ("{number}{one}"); "+" between numbers adds them ("{hour}+{meridiem}").
    """
    if not isinstance(template, str):
        return str(template)
    refs = found = 0

    def replace(ref: re.Match[str]) -> str:
        nonlocal refs, found
        refs += 1
        text = match.group(ref["group"])
        value = _convert(text, rule.groups[ref["group"]]) if text is not None else None
        if value is None:
            if ref["default"] is not None:
                found += 1
                return str(ref["default"])
            return ""
        found += 1
        return str(value)

    filled = _TEMPLATE_REF.sub(replace, template)
    if refs and not found:
        return None
    if "+" in filled:
        parts = [part for part in filled.split("+") if part]
        if parts and all(_NUMBER.fullmatch(part) for part in parts):
            total = sum(float(part) for part in parts)
            return str(int(total) if total.is_integer() else total)
    return filled


def build_partial(rule: Rule, match: re.Match[str], grammar: Grammar) -> Partial | None:
    """The partial value of one match, or None when its words do not make a valid value."""
    fields: dict[str, object] = {"type": rule.type}
    try:
        for name, template in rule.value.items():
            filled = _fill(template, match, rule)
            if filled is None:
                continue
            if name == "granularity" and filled == "ref":
                fields["keep_ref_granularity"] = True
                continue
            fields[name] = _typed(name, filled, grammar)
        if rule.mod is not None:
            mod = _fill(rule.mod, match, rule)
            if mod:
                fields["mod"] = Mod(mod)
    except (ValueError, KeyError, OverflowError):
        return None
    return Partial(**fields)  # type: ignore[arg-type]


def _typed(name: str, text: str, grammar: Grammar) -> object:
    if name in _INT_FIELDS:
        number = float(text)
        if not number.is_integer() or abs(number) > 99999:
            raise ValueError(text)
        return int(number)
    match name:
        case "shift":
            return float(text)
        case "amount":
            return None if text.upper() == "X" else float(text)
        case "season" | "part":
            code = text.upper()
            if code not in (_SEASONS if name == "season" else _PARTS):
                raise ValueError(text)
            return code
        case "weekend":
            return text.lower() in {"true", "1"}
        case "holiday":
            return grammar.holidays[text]
        case "anchor":
            return Anchor(text)
        case "direction" | "fallback":
            return Direction(text)
        case "unit" | "granularity" | "fallback_granularity":
            return Unit.named(text)
        case _:
            return text

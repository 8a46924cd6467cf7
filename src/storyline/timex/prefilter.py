"""Trigger words: literal strings a rule's regex cannot match without, so a text lacking them can
skip the rule.

Running ~100 regexes over every position of every article is what makes rule-based taggers slow; most
rules need a month name, a unit, a digit or some other word that most sentences do not contain. The
triggers are read off the compiled pattern's syntax tree (the standard library's own regex parser), so
rule authors never write them by hand. Whenever the tree holds something this module does not
understand, that part gives no trigger: a missed optimisation, never a missed match.

A rule gets every requirement found, not only one: each is a set of strings one of which occurs in
the lowercased text of every match, so a match lies near an occurrence of each of them ("the" and a
month name: the month name is what narrows). Consecutive pieces of fixed text are read together,
branches included, so `M(?:arch|ay)` requires "march" or "may", not "arch" or "ay".
"""

from __future__ import annotations

import importlib
from itertools import product
from typing import Any

__all__ = ["triggers"]

# The regex parser is an implementation module of `re` (no public API exposes the tree); it is
# imported by name so that a Python without it degrades to "always run" instead of failing.
try:
    _parser: Any = importlib.import_module("re._parser")
    _constants: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - every CPython 3.11+ has them
    _parser = _constants = None

# Triggers shorter than this are not worth a substring search of the text, except digits, which
# plain prose lacks ("1990", "3 p.m.").
_MIN_LENGTH = 2
_DIGITS = frozenset("0123456789")
# Past this many alternatives, a run of fixed text is cut rather than spelled out in full.
_MAX_ALTERNATIVES = 64
_MAX_CLASS = 10  # a character class with more members than this is no fixed text


def triggers(pattern: str, flags: int) -> tuple[tuple[str, ...], ...]:
    """Sets of lowercase strings: for each set, one of its strings occurs in every match of `pattern`.
    () when nothing is known."""
    if _parser is None:
        return ()
    try:
        tree = _parser.parse(pattern, flags)
        found = _required(list(tree))
    except Exception:  # an unknown node or a parser change: run the rule everywhere
        return ()
    return tuple(sorted({tuple(sorted(option)) for option in found if _worth_searching(option)}))


def _worth_searching(option: frozenset[str]) -> bool:
    return bool(option) and all(len(s) >= _MIN_LENGTH or s in _DIGITS for s in option)


def _minimal(strings: set[str]) -> frozenset[str]:
    """The strings without those that contain another one (finding the shorter finds them too)."""
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for s in ordered:
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _exact(op: Any, av: Any) -> set[str] | None:
    """The lowercased strings one node can match, when they are few; None otherwise."""
    c = _constants
    if op is c.LITERAL:
        return {chr(av).lower()[:1]}  # as recognize.py lowers the text
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}  # takes no text
    if op is c.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is c.LITERAL:
                chars.add(chr(item_av).lower()[:1])
            elif item_op is c.RANGE and item_av[1] - item_av[0] < _MAX_CLASS:
                chars.update(chr(code).lower()[:1] for code in range(item_av[0], item_av[1] + 1))
            else:
                return None
        return chars if len(chars) <= _MAX_CLASS else None
    if op is c.SUBPATTERN:
        return _exact_sequence(list(av[-1]))
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _exact_sequence(list(branch))
            if found is None:
                return None
            union |= found
        return union if len(union) <= _MAX_ALTERNATIVES else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] == 0 and av[1] == 1:
        found = _exact_sequence(list(av[2]))
        return None if found is None else found | {""}
    return None


def _exact_sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    strings = {""}
    for op, av in items:
        found = _exact(op, av)
        if found is None:
            return None
        strings = {a + b for a, b in product(strings, found)}
        if len(strings) > _MAX_ALTERNATIVES:
            return None
    return strings


def _required(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Requirements of a sequence: sets of strings one of which every match of it contains."""
    c = _constants
    options: list[frozenset[str]] = []
    run: set[str] = {""}  # the fixed text read so far, all its spellings

    def flush() -> None:
        nonlocal run
        if "" not in run:
            options.append(_minimal(run))
        run = {""}

    for op, av in items:
        found = _exact(op, av)
        if found is not None:
            longer = {a + b for a, b in product(run, found)}
            if len(longer) <= _MAX_ALTERNATIVES:
                run = longer
                continue
            flush()
            if len(found) <= _MAX_ALTERNATIVES:
                run = found
                continue
        flush()
        if op is c.SUBPATTERN:
            options.extend(_required(list(av[-1])))
        elif op is c.BRANCH:
            options.extend(_branch(av[1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            options.extend(_required(list(av[2])))
    flush()
    return options


def _branch(branches: list[Any]) -> list[frozenset[str]]:
    """A requirement of a choice: one requirement of each branch, their union (the most selective
    of each, so that the union stays small)."""
    union: set[str] = set()
    for branch in branches:
        found = [option for option in _required(list(branch)) if _worth_searching(option)]
        if not found:
            return []
        union |= max(found, key=lambda o: (min(len(s) for s in o), -len(o)))
    return [_minimal(union)]

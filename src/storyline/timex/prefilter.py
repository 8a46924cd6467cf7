"""Trigger words: literal strings a rule's regex cannot match without, so a text lacking all of them
can skip the rule.

Running ~80 regexes over every position of every article is what makes rule-based taggers slow; most
rules need a month name, a unit or some other word that most sentences do not contain. The triggers
are read off the compiled pattern's syntax tree (the standard library's own regex parser), so rule
authors never write them by hand. Whenever the tree holds something this module does not understand,
the rule simply gets no triggers and always runs: a missed optimisation, never a missed match.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["triggers"]

# The regex parser is an implementation module of `re` (no public API exposes the tree); it is
# imported by name so that a Python without it degrades to "always run" instead of failing.
try:
    _parser: Any = importlib.import_module("re._parser")
    _constants: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - every CPython 3.11+ has them
    _parser = _constants = None

# Triggers shorter than this are not worth a substring search of the text.
_MIN_LENGTH = 2


def triggers(pattern: str, flags: int) -> tuple[str, ...]:
    """Lowercase strings one of which occurs in every match of `pattern`; () when there are none."""
    if _parser is None:
        return ()
    try:
        tree = _parser.parse(pattern, flags)
        found = _required(list(tree))
    except Exception:  # an unknown node or a parser change: run the rule everywhere
        return ()
    if not found or min(map(len, found)) < _MIN_LENGTH:
        return ()
    return tuple(sorted(found))


def _required(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Alternatives one of which every match of this sequence contains; None when unknown."""
    c = _constants
    options: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append({"".join(run).lower()})
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            found = _required(list(av[-1]))
        elif op is c.BRANCH:
            found = _branch(av[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required(list(av[2]))
        else:
            found = None
        if found:
            options.append(found)
    flush()
    if not options:
        return None
    # The most selective requirement: the one whose shortest alternative is longest.
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _branch(branches: list[Any]) -> set[str] | None:
    union: set[str] = set()
    for branch in branches:
        found = _required(list(branch))
        if not found:
            return None
        union |= found
    return union

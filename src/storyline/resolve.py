"""Entity resolution across articles: which names are one person.

Names are one person when they are the same but for case and accents ("Lucia Pena", "Lucía
Peña"), when they are spelt one letter apart in a long word ("Jesse" and "Jessie Marlow", but not
"Dan" and "Don Hart"), when one is a part of exactly one fuller name ("Mira" of "Mira Dahl",
but "Osric" is left alone when there are both "Prince Osric" and "Osric Vane"), or when a person
has merged them by hand (`storyline merge`), unless they unmerged them again (which also keeps the
rules from joining them). The canonical name is a full name, the spelling most claims use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from storyline.model import IdentityEdit, fold_name

__all__ = ["Identities", "fold_name"]


class Identities:
    """A name → canonical name table built from the names the store knows and the hand edits."""

    def __init__(self, names: Iterable[str], edits: Sequence[IdentityEdit] = ()) -> None:
        counts = Counter(names)
        self._parent: dict[str, str] = {n: n for n in counts}
        # A hand unmerge overrides the rules too: those two names are never joined directly.
        self._apart = _unmerged(edits)
        spellings: dict[str, list[str]] = {}
        for name in counts:
            spellings.setdefault(fold_name(name), []).append(name)
        for variants in spellings.values():
            for other in variants[1:]:
                self._union(variants[0], other)
        # A name that is part of exactly one fuller name is that person ("Mira" of "Mira Dahl").
        postings: dict[str, set[str]] = {}
        for key in spellings:
            for word in key.split():
                postings.setdefault(word, set()).add(key)
        for key in spellings:
            words = key.split()
            if not words:
                continue
            holders = set.intersection(*(postings[w] for w in words)) - {key}
            fuller = [k for k in holders if set(words) < set(k.split())]
            if len(fuller) == 1:
                self._union(spellings[key][0], spellings[fuller[0]][0])
        # One letter more or less in a long word, the other words the same: "Jessie"/"Jesse Harwood".
        # A word meets the words it is one letter longer than through an index of its deletions, so
        # only such near names are compared (not every pair of names one letter from a third).
        whole: dict[tuple[object, ...], list[str]] = {}
        shortened: dict[tuple[object, ...], set[str]] = {}
        for key in spellings:
            words = key.split()
            if len(words) < 2:
                continue
            for i, word in enumerate(words):
                rest = (*words[:i], "_", *words[i + 1 :])
                whole.setdefault((rest, word), []).append(key)
                if len(word) > 5:  # the shorter word must keep five letters
                    for j in range(len(word)):
                        shortened.setdefault((rest, word[:j] + word[j + 1 :]), set()).add(key)
        for slot, longer in shortened.items():
            for short in whole.get(slot, ()):
                for other in sorted(longer):
                    if _misspelt(short, other):
                        self._union(spellings[short][0], spellings[other][0])
        for edit in _effective(edits):
            self._parent.setdefault(edit.a, edit.a)
            self._parent.setdefault(edit.b, edit.b)
            self._union(edit.a, edit.b)
        groups: dict[str, list[str]] = {}
        for name in self._parent:
            groups.setdefault(self._find(name), []).append(name)
        self._canon: dict[str, str] = {}
        for members in groups.values():
            # A full name over a part of one; then the spelling most claims use; then the longer.
            best = max(
                members,
                key=lambda n: (len(fold_name(n).split()) >= 2, counts[n], len(n.split()), _accented(n), n),
            )
            for member in members:
                self._canon[member] = best

    def _members(self, name: str) -> list[str]:
        """The names already joined with `name` (only looked at when an unmerge is on record)."""
        if not self._apart:
            return [name]
        root = self._find(name)
        return [n for n in self._parent if self._find(n) == root]

    def _find(self, name: str) -> str:
        while self._parent[name] != name:
            self._parent[name] = self._parent[self._parent[name]]
            name = self._parent[name]
        return name

    def _union(self, a: str, b: str) -> None:
        if frozenset({a, b}) in self._apart or any(
            frozenset({x, y}) in self._apart for x in self._members(a) for y in self._members(b)
        ):
            return
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[rb] = ra

    def canonical(self, name: str) -> str:
        """The person's canonical name (a name never seen is its own)."""
        return self._canon.get(name, name)

    def variants(self, name: str) -> list[str]:
        """Every name that is the same person as `name`, including itself."""
        canon = self.canonical(name)
        found = sorted(n for n, c in self._canon.items() if c == canon)
        return found or [name]

    def lookup(self, query: str) -> str | None:
        """The canonical name a user's query means: exact, then same spelling, then a unique part."""
        if query in self._canon:
            return self._canon[query]
        key = fold_name(query)
        same = {c for n, c in self._canon.items() if fold_name(n) == key}
        if len(same) == 1:
            return same.pop()
        words = frozenset(key.split())
        partial = {c for n, c in self._canon.items() if words and words <= frozenset(fold_name(n).split())}
        return partial.pop() if len(partial) == 1 else None


def _one_letter_apart(a: str, b: str) -> bool:
    """True when b is a with one letter added or taken away (not changed: "Dan"/"Don" are two names)."""
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _misspelt(a: str, b: str) -> bool:
    """Two folded names that are one name spelt two ways: same number of words, at least one the same,
    the others one letter apart and at least five letters long."""
    x, y = a.split(), b.split()
    if len(x) != len(y) or x == y:
        return False
    differing = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
    if len(differing) == len(x):
        return False
    return all(min(len(p), len(q)) >= 5 and _one_letter_apart(p, q) for p, q in differing)


def _accented(name: str) -> bool:
    return any(not ch.isascii() for ch in name)


def _unmerged(edits: Sequence[IdentityEdit]) -> set[frozenset[str]]:
    """Pairs whose latest hand edit is an unmerge."""
    latest: dict[frozenset[str], str] = {}
    for edit in sorted(edits, key=lambda e: (e.made_at, e.id)):
        latest[frozenset({edit.a, edit.b})] = edit.action
    return {pair for pair, action in latest.items() if action == "unmerge"}


def _effective(edits: Sequence[IdentityEdit]) -> list[IdentityEdit]:
    """Merges still in force: a later unmerge of the same two names takes a merge back."""
    active: dict[frozenset[str], IdentityEdit] = {}
    for edit in sorted(edits, key=lambda e: (e.made_at, e.id)):
        key = frozenset({edit.a, edit.b})
        if edit.action == "merge":
            active[key] = edit
        else:
            active.pop(key, None)
    return list(active.values())

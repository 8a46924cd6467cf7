"""Who a question names: its words matched against the people the store knows.

A person may be named in full ("Lucía Peña", any case, with or without accents), by a part that
only one person's name holds ("Peña", "Gwen"), or misspelt ("Lcuía"); a part that several people
share ("Liam") is settled by the other person the question names when only one of them is linked to
that person, and otherwise the answer asks which one was meant. Names come from a `Directory`: the
store's names index (`StoreDirectory`) or a plain list (`ListDirectory`, for tests and examples).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from storyline.model import IdentityEdit, Relation, fold_name
from storyline.resolve import Identities
from storyline.store import Store

__all__ = ["Directory", "ListDirectory", "Mention", "StoreDirectory", "Token", "find_people"]

_LONGEST = 6  # words in the longest name matched ("Meghan, Duchess of Sussex")
_CLOSE = 0.8  # how alike a misspelt name and a known one must be to read one as the other
_SUGGEST = 0.72  # how alike to suggest it ("did you mean ...?")


class Directory(Protocol):
    """Where the names a question may mean come from."""

    def names_with_word(self, word: str) -> list[str]:
        """Names holding this folded word, most used first."""
        ...

    def names_like(self, fragment: str) -> list[str]:
        """Names whose folded form holds this fragment (for misspellings), most used first."""
        ...

    def is_person(self, name: str) -> bool:
        """Whether a name is a person's (not a work, an outlet or a place)."""
        ...

    def identity_edits(self) -> Sequence[IdentityEdit]: ...

    def linked(self, name: str) -> set[str]:
        """The names that share a claim with `name`."""
        ...


class StoreDirectory:
    """The store's names index as a `Directory`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def names_with_word(self, word: str) -> list[str]:
        return self.store.names_with_word(word, limit=200)

    def names_like(self, fragment: str) -> list[str]:
        return self.store.names(fragment, limit=200)

    def is_person(self, name: str) -> bool:
        return any(
            c.subject == name or c.relation.is_partnership or c.relation is Relation.CHILD_BORN
            for c in self.store.claims([name])
        )

    def identity_edits(self) -> Sequence[IdentityEdit]:
        return self.store.identity_edits()

    def linked(self, name: str) -> set[str]:
        return {
            n
            for c in self.store.claims([name])
            for n in (c.subject, c.object, c.extra.get("child"))
            if n and n != name
        }


class ListDirectory:
    """A fixed list of people as a `Directory` (`links` pairs the names that share a claim)."""

    def __init__(self, names: Iterable[str], links: Iterable[tuple[str, str]] = ()) -> None:
        self.names = list(dict.fromkeys(names))
        self.links = [tuple(pair) for pair in links]

    def names_with_word(self, word: str) -> list[str]:
        return [n for n in self.names if word in fold_name(n).split()]

    def names_like(self, fragment: str) -> list[str]:
        return [n for n in self.names if fragment in fold_name(n)]

    def is_person(self, name: str) -> bool:
        return True

    def identity_edits(self) -> Sequence[IdentityEdit]:
        return ()

    def linked(self, name: str) -> set[str]:
        return {b for a, b in self.links if a == name} | {a for a, b in self.links if b == name}


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the question: folded, where it is, and how it was written."""

    word: str
    start: int
    end: int
    capital: bool = False  # written with a capital letter
    possessive: bool = False  # followed by 's ("Pitt's")
    date: bool = False  # inside a date the timex tagger found


@dataclass(frozen=True, slots=True)
class Mention:
    """A person the question names, over tokens `first`..`last` (exclusive).

    `name` is the canonical name when one person is meant; `options` the names it may mean when it
    is unsure (several share the part, or the spelling is only close); `guessed` when a misspelling
    was read as `name`.
    """

    first: int
    last: int
    typed: str
    name: str | None = None
    options: tuple[str, ...] = field(default=())
    guessed: bool = False
    fallback: str | None = None  # the name spelt exactly so, when fuller names also hold it
    also: tuple[str, ...] = ()  # other names the question shows to be the same person ("Osric")


def _usable(token: Token, stop: frozenset[str]) -> bool:
    return not token.date and token.word not in stop


def find_people(
    tokens: Sequence[Token],
    text: str,
    directory: Directory,
    function: frozenset[str],
    vocabulary: frozenset[str],
    titles: frozenset[str] = frozenset(),
) -> list[Mention]:
    """The people `tokens` name, in order, each resolved as far as the names allow."""
    stop = function | vocabulary
    pool: dict[str, None] = {}
    for token in tokens:
        if _usable(token, function):
            pool.update(dict.fromkeys(directory.names_with_word(token.word)))
    identities = Identities(pool, directory.identity_edits())
    spelt: dict[str, list[str]] = {}  # folded name → the names spelt so
    for name in pool:
        spelt.setdefault(fold_name(name), []).append(name)
    holders: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for key in spelt:
        for word in set(key.split()):
            holders.setdefault(word, []).append((key, frozenset(key.split())))

    def matches(words: list[str]) -> tuple[list[str], list[str]]:
        """Canonical names a run of words names: (spelt exactly so, holding them all)."""
        joined, wanted = " ".join(words), frozenset(words)
        exact: dict[str, None] = {}
        part: dict[str, None] = {}
        for key, keywords in holders.get(words[0], ()):
            if key == joined:
                # As spelt, not as resolved: "Noah" may be the child of that name as well as a part
                # of "Cal Noah", and the question may tell which.
                exact[spelt[key][0]] = None
            elif wanted <= keywords:
                part.update(dict.fromkeys(identities.canonical(n) for n in spelt[key]))
        return list(exact), [n for n in part if n not in exact]

    def mention_of(span: Sequence[Token], first: int) -> Mention | None:
        words = [t.word for t in span]
        exact, part = matches(words)
        if not exact and not part:
            bare = [w for w in words if w not in titles]
            if not bare or len(bare) == len(words):
                return None
            exact, part = matches(bare)  # "Prince Edvard" written "Edvard"
        exact = [n for n in exact if directory.is_person(n)]
        part = [n for n in part if directory.is_person(n)]
        typed = text[span[0].start : span[-1].end]
        last = first + len(span)
        if all(w in titles for w in words) and len(exact) + len(part) != 1:
            return None  # "Prince" alone names no one in particular
        if len(exact) == 1 and part and len(words) == 1:
            # "Osric" is a name of its own in some article, and part of "Prince Osric" too.
            return Mention(first, last, typed, None, (exact[0], *part), fallback=exact[0])
        found = exact or part
        if not found:
            return None
        return Mention(first, last, typed, found[0] if len(found) == 1 else None, tuple(found))

    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        mention = None
        for size in range(min(_LONGEST, len(tokens) - i), 0, -1):
            span = tokens[i : i + size]
            if _valid(span, function, stop):
                mention = mention_of(span, i)
                if mention is not None:
                    break
        if mention is None:
            i += 1
            continue
        found.append(mention)
        i = mention.last
    found = _extend(found, tokens, text, stop, directory)
    found = _guess(found, tokens, text, stop, directory)
    return _settle(found, directory, identities)


def _valid(span: Sequence[Token], function: frozenset[str], stop: frozenset[str]) -> bool:
    """A run of words that can be a name: not all of it a date, no possessive but on its last word,
    not starting or ending with a function word, and one word at least that is not a question word."""
    # A date word may be part of a longer name ("June Ada Moss"), never a name alone ("May").
    if all(t.date for t in span) or any(t.possessive for t in span[:-1]):
        return False
    if span[0].word in function or span[-1].word in function:
        return False
    return any(t.word not in stop for t in span)


def _similarity(typed: str, name: str) -> float:
    """How alike a typed run of words and a name are: the whole name, or as many of its words as
    were typed ("shakria" against "shakira", "jessie buckley" against "jesse buckley")."""
    words, size = name.split(), len(typed.split())
    parts = {" ".join(words[k : k + size]) for k in range(max(1, len(words) - size + 1))} | {name}
    return max(difflib.SequenceMatcher(None, typed, p).ratio() for p in parts)


def _extend(
    found: list[Mention], tokens: Sequence[Token], text: str, stop: frozenset[str], directory: Directory
) -> list[Mention]:
    """A name matched in part, beside a misspelt word of it ("Jessie Marlow" → "Jesse Marlow"):
    the mention takes the word in when the two read as that name."""
    taken = {k for m in found for k in range(m.first, m.last)}
    result = []
    for mention in found:
        if mention.name is None:
            result.append(mention)
            continue
        first, last = mention.first, mention.last
        for k in (first - 1, last):
            if not 0 <= k < len(tokens) or k in taken or tokens[k].word in stop or tokens[k].date:
                continue
            if (k < first and tokens[k].possessive) or (k >= last and tokens[last - 1].possessive):
                continue  # "Pitt's Jolie" is two people
            lo, hi = min(first, k), max(last, k + 1)
            typed = " ".join(t.word for t in tokens[lo:hi])
            if _similarity(typed, fold_name(mention.name)) >= _CLOSE:
                first, last = lo, hi
                taken.add(k)
        typed = text[tokens[first].start : tokens[last - 1].end]
        grown = (first, last) != (mention.first, mention.last)
        result.append(replace(mention, first=first, last=last, typed=typed, guessed=mention.guessed or grown))
    return result


def _guess(
    found: list[Mention], tokens: Sequence[Token], text: str, stop: frozenset[str], directory: Directory
) -> list[Mention]:
    """Words left over that look like a name (a capital, or a question all in lower case): the close
    names they may be misspellings of, or an unknown name to say so of."""
    taken = {k for m in found for k in range(m.first, m.last)}
    lower = not any(t.capital for t in tokens[1:])
    runs: list[list[int]] = []
    for k, token in enumerate(tokens):
        if k in taken or token.date or token.word in stop or len(token.word) < 3:
            continue
        if not ((token.capital and k > 0) or lower):
            continue  # a capital at the start of a question is no sign of a name
        if runs and runs[-1][-1] == k - 1 and not tokens[k - 1].possessive:
            runs[-1].append(k)
        else:
            runs.append([k])
    guessed = []
    for run in runs:
        typed_words = " ".join(tokens[k].word for k in run)
        pool: dict[str, None] = {}
        for k in run:
            word = tokens[k].word
            # A misspelling keeps the start or the end of the word, mostly.
            for fragment in {word[:3], word[-3:]}:
                pool.update(dict.fromkeys(directory.names_like(fragment)))
        scored = sorted(
            ((_similarity(typed_words, fold_name(n)), n) for n in pool),
            key=lambda item: -item[0],
        )
        scored = [(score, n) for score, n in scored if score >= _SUGGEST and directory.is_person(n)]
        typed = text[tokens[run[0]].start : tokens[run[-1]].end]
        # Two spellings of one person ("Pena", "Peña") are one choice.
        same = Identities([n for _, n in scored], directory.identity_edits())
        close = list(dict.fromkeys(same.canonical(n) for score, n in scored if score >= _CLOSE))
        near = list(dict.fromkeys(same.canonical(n) for _, n in scored))
        rival = next((score for score, n in scored if same.canonical(n) != near[0]), 0.0) if near else 0.0
        if close and (len(close) == 1 or scored[0][0] - rival >= 0.05):
            guessed.append(Mention(run[0], run[-1] + 1, typed, close[0], (close[0],), guessed=True))
        elif any(tokens[k].capital for k in run) or near:
            guessed.append(Mention(run[0], run[-1] + 1, typed, None, tuple(near[:5]), guessed=True))
    return sorted([*found, *guessed], key=lambda m: m.first)


def _settle(found: list[Mention], directory: Directory, identities: Identities) -> list[Mention]:
    """A part several people share ("Liam") is the one linked to another person the question names;
    when several are, and their names nest ("Osric", "Prince Osric"), the question takes them for
    one person. Otherwise a name spelt exactly so stands; else the answer asks which was meant."""
    result = []
    # Each name's links are asked of the directory once: a question naming one person thirty times
    # ("Ann and Ann and ...") would otherwise ask thirty times thirty.
    links: dict[str, set[str]] = {}
    for k, mention in enumerate(found):
        others = list(
            dict.fromkeys(
                n for j, m in enumerate(found) if j != k for n in ((m.name,) if m.name else m.options)
            )
        )
        if not others or (mention.name is None and len(mention.options) < 2):
            result.append(mention)
            continue
        around: set[str] = set()
        for other in others:
            for variant in {other, *identities.variants(other)}:
                if variant not in links:
                    links[variant] = directory.linked(variant)
                around.update(links[variant])
        if mention.name is not None:
            # "Prince Osric and Mira": an article that calls him "Osric" beside her is about him.
            words = frozenset(fold_name(mention.name).split())
            parts = tuple(
                n for n in sorted(around) if n != mention.name and frozenset(fold_name(n).split()) < words
            )
            result.append(replace(mention, also=(*mention.also, *parts)) if parts else mention)
            continue
        # Spellings only ("Pena", "Peña"): a part of a name is not that name here ("Noah" the child
        # is not "Cal Noah"), which is the very question.
        linked = {fold_name(n) for n in around}
        near = [o for o in mention.options if fold_name(o) in linked]
        if len(near) == 1:
            mention = replace(mention, name=near[0], options=(near[0],))
        elif len(near) > 1 and _nested(near):
            fullest = max(near, key=lambda n: len(fold_name(n).split()))
            others_ = tuple(n for n in near if n != fullest)
            mention = replace(mention, name=fullest, options=(fullest,), also=others_)
        elif mention.fallback is not None:
            mention = replace(mention, name=mention.fallback, options=(mention.fallback,))
        result.append(mention)
    return result


def _nested(names: Sequence[str]) -> bool:
    """Whether every name is a part of the fullest ("Osric" of "Prince Osric")."""
    words = [frozenset(fold_name(n).split()) for n in names]
    fullest = max(words, key=len)
    return all(w <= fullest for w in words)

"""Where the names of people are in a Doc: the tagger's PERSON entities, the names it mistyped or
missed ("Drummer Kev Dunne", "Roxy, 26,", "Tobi Ade and Saga Lind"), cleaned of titles,
credits and what scraping glued to them, and without roles, titles of works and holidays. How a
single name is written and cleaned (capitals, the entity a word is in, titles) is `name_words.py`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from storyline.pipeline.first_names import census_gender
from storyline.pipeline.name_words import MISTYPED, capitalized, clean_name, entity_at, name_text
from storyline.pipeline.persons import GENERATIONS, PeopleRules, fold
from storyline.pipeline.things import is_role, is_title_modifier, places, used_as_thing

__all__ = ["age_beside", "labelled_legal_names", "legal_names", "name_spans"]

_NAME_LABELS = frozenset({"PERSON"})


def _is_credit(doc: Doc, start: int, rules: PeopleRules) -> bool:
    """True when the name at `start` follows a credit marker (©, "Photo:", "By") or precedes "/Getty"."""
    window = rules.credit_window + sum(1 for t in doc[max(0, start - 3) : start] if t.is_space)
    for i in range(max(0, start - window), start):
        if doc[i].lower_ in rules.credit_markers or doc[i].lower_.rstrip(":") in rules.credit_markers:
            if doc[i].lower_ == "by" and i > 0 and not doc[i].is_sent_start and doc[i - 1].is_alpha:
                continue  # "was joined by Ann Doe" is not a byline
            if doc[i].lower_ in ("instagram", "getty", "reuters", "ap", "afp", "pa") and i < start - 1:
                continue
            return True
    return False


def _credit_tail(doc: Doc, span: Span) -> bool:
    """True for "Ann Doe/Getty Images"-style names glued to an agency."""
    after = span.end
    return after < len(doc) and doc[after].text.startswith("/")


def _things(names: list[Span], rules: PeopleRules) -> set[str]:
    """The names the article uses as a thing somewhere (a show, a band, a company, an outlet): not
    people anywhere in it, unless they start with a first name ("the Ann Cole show"); and a word of
    such a name standing alone ("Tidewater" for "Tidewater Holdings"), unless it is part of a
    person's name too."""
    things = {fold(name_text(name)) for name in names if used_as_thing(name, rules)} | places(names, rules)
    words = {word for thing in things for word in thing.split() if len(thing.split()) > 1}
    people = {fold(name_text(name)) for name in names if len(name) > 1} - things
    personal = {word for person in people for word in person.split()}
    return things | {
        fold(name_text(n)) for n in names if len(n) == 1 and fold(name_text(n)) in words - personal
    }


def _headline_trimmed(ent: Span) -> Span:
    """A name in a title-case headline that runs on into the headline's words ("Ann Cole-Hart Seal
    Union In Lagos"): cut to the longest start of it, two words or more, that the story writes
    elsewhere ("Ann Cole-Hart"). Left whole when the story never writes a shorter form, and never cut
    before a "Jr." or "III", which belongs to the name."""
    if not _headline(ent.sent):
        return ent
    doc = ent.doc
    starts = [t.i for t in ent if t.i == ent.start or doc[t.i - 1].whitespace_]
    elsewhere = doc.text[: ent.sent.start_char] + " " + doc.text[ent.sent.end_char :]
    for cut in reversed(starts[2:]):
        if fold(doc[cut].text) in GENERATIONS:
            continue
        shorter = doc[ent.start : cut]
        if re.search(rf"(?<!\w){re.escape(shorter.text)}(?![\w-])", elsewhere):
            return shorter
    return ent


def _looks_like_person(ent: Span, rules: PeopleRules) -> bool:
    """A mistyped entity that is a person's name: two or three capitalized words after a person noun
    ("DJ Ravi Holt", "actor Teo Vance") or starting with a known first name."""
    words = [
        t
        for t in ent
        if t.lower_ not in rules.drop_titles
        and rules.descriptor_gender(t.lower_) is None
        and t.tag_ != "POS"  # "Ann Cole's" typed as an organization
        and not (t.text == "-" and not t.whitespace_ and t.i > ent.start and not t.nbor(-1).whitespace_)
    ]
    # "Lou-Ann Marsh": the words joined by a hyphen are one word.
    joined = sum(
        1 for t in words if t.i > ent.start and ent.doc[t.i - 1].text == "-" and t.i - 2 >= ent.start
    )
    if not 2 <= len(words) - joined <= 3 or not all(capitalized(t) for t in words):
        return False
    described = rules.descriptor_gender(ent[0].lower_) is not None or (
        ent.start > 0 and rules.descriptor_gender(ent.doc[ent.start - 1].lower_) is not None
    )
    # A hyphenated first name is known by any of its parts: "Tilly-Mae", "Jean-Luc", "Ann-Marie".
    firsts = [words[0].lower_]
    i = words[0].i
    while i + 2 < ent.end and ent.doc[i + 1].text == "-" and not ent.doc[i].whitespace_:
        i += 2
        firsts.append(ent.doc[i].lower_)
    return described or any(rules.first_name(first) or census_gender(first) for first in firsts)


def _completes(ent: Span, singles: set[str]) -> bool:
    """ "Kiki Marsh" typed as a place where "Kiki" alone was tagged a person elsewhere."""
    return 2 <= len(ent) <= 3 and ent[0].text in singles and all(capitalized(t) for t in ent)


def _completed_names(doc: Doc, singles: set[str]) -> Iterator[Span]:
    """ "Kiki Marsh" where the tagger found only "Kiki" somewhere: a one-word name it tagged, followed
    elsewhere by a capitalized word it left untagged, is that person's full name."""
    for token in doc[:-1]:
        after = doc[token.i + 1]
        if (
            token.text in singles
            and not token.ent_type_
            and capitalized(after)
            and after.pos_ == "PROPN"
            and not after.ent_type_
            and not _headline(token.sent)  # "Ann Cole and Ben Hart Separate": every word has a capital
        ):
            yield doc[token.i : token.i + 2]


def _first_named(doc: Doc, rules: PeopleRules) -> Iterator[Span]:
    """ "Nora Quist finally confirmed": two capitalized proper nouns the tagger left untagged, the first
    a first name of our lists, are a name (the next word no part of it)."""
    for token in doc[:-2]:
        after, third = doc[token.i + 1], doc[token.i + 2]
        if (
            rules.first_name(token.lower_)
            and token.is_title
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and capitalized(after)
            and after.pos_ == "PROPN"
            and _untagged_or_one_word_thing(after)
            and not (capitalized(third) and third.pos_ == "PROPN")
        ):
            yield doc[token.i : token.i + 2]


def _untagged_or_one_word_thing(token: Token) -> bool:
    """Untagged, or tagged alone as a thing: "Cole" of "Tadhg Cole" read as a product."""
    if not token.ent_type_:
        return True
    ent = entity_at(token)
    return ent is not None and len(ent) == 1 and ent.label_ in MISTYPED


def _headline(sentence: Span) -> bool:
    """A line in title case ("Ann Cole and Ben Hart Reveal Custody Deal"), where capitals mark
    every word and say nothing of names."""
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    if last is None or last.text in (".", "!", "?", '"', "'", "\u201d", "\u2019"):
        return False  # a sentence of prose, however many names it holds
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) > 0.7 * len(words)


def _coordinated_names(doc: Doc, rules: PeopleRules) -> Iterator[Span]:
    """ "Tobi Ade and Saga Lind": two or three capitalized words the tagger left untagged,
    coordinated with a name it tagged, are a name too (two at most in a title-case headline, where
    the next word is capitalized too: "Tobi Ade and Saga Lind Are Engaged")."""
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("and", "&"):
            yield from _untagged_name_at(doc, ent.end + 1, 2 if _headline(ent.sent) else 3)
            # "Ann Cole and Kaz": one word, a stage name or a first name the tagger missed
            if _single_name(doc[ent.end + 1], rules):
                yield doc[ent.end + 1 : ent.end + 2]
        # "Caroline and Richard Holt": an untagged first name before "and" and a tagged full name
        first = doc[ent.start - 2] if ent.start >= 2 and doc[ent.start - 1].lower_ in ("and", "&") else None
        if (
            first is not None
            and (first.ent_type_ or "") in ("", *MISTYPED)
            and capitalized(first)
            and (census_gender(first.text) or _single_name(first, rules))
        ):
            yield doc[first.i : first.i + 1]


def _described_names(doc: Doc, rules: PeopleRules) -> Iterator[Span]:
    """ "Drummer Kev Dunne", "actor Teo Vance": two or three capitalized words the tagger left
    untagged, right after a noun for a person, are that person's name (two at most in a headline);
    so is one such word after a lowercase person noun ("her husband Kaz", "his ex-wife Odile"),
    whatever type the tagger gave it."""
    for token in doc[:-2]:
        if rules.descriptor_gender(token.lower_) is None or token.pos_ not in ("NOUN", "PROPN"):
            continue
        yield from _untagged_name_at(doc, token.i + 1, 2 if _headline(token.sent) else 3)
        if token.is_lower and _single_name(doc[token.i + 1], rules):
            yield doc[token.i + 1 : token.i + 2]


def _single_name(token: Token, rules: PeopleRules) -> bool:
    """A capitalized proper noun standing alone (the next word is no part of a name), untagged or
    tagged as one word of another type: "Kaz" in "her husband Kaz proposed"."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and capitalized(after) and after.pos_ == "PROPN":
        return False
    ent = entity_at(token)
    return (
        token.pos_ == "PROPN"
        and capitalized(token)
        and not token.is_upper
        and (ent is None or (len(ent) == 1 and ent.label_ in MISTYPED))
        and token.lower_ not in rules.not_names
        and rules.descriptor_gender(token.lower_) is None
    )


def _untagged_name_at(doc: Doc, start: int, longest: int) -> Iterator[Span]:
    """Two to `longest` capitalized proper nouns from `start` that the tagger left untagged."""
    end = start
    while end < len(doc) and end - start < longest and capitalized(doc[end]) and doc[end].pos_ == "PROPN":
        end += 1
    if end - start >= 2 and not any(t.ent_type_ for t in doc[start:end]):
        yield doc[start:end]


def _holiday(name: Span) -> bool:
    """ "Valentine's Day", "St Patrick's Day", "New Year's Eve": a name in a holiday is no person."""
    doc, end = name.doc, name.end
    return end + 1 < len(doc) and doc[end].tag_ == "POS" and doc[end + 1].lower_ in ("day", "eve")


def _aged_names(doc: Doc) -> Iterator[Span]:
    """ "Roxy, 26, and ...": capitalized words the tagger missed or typed as a place, followed by
    an age in apposition. In news an age between commas follows a person and nothing else."""
    for token in doc:
        if not (token.is_title and token.pos_ == "PROPN") or token.ent_type_ in ("PERSON", "DATE"):
            continue
        if age_beside(doc[token.i : token.i + 1]) is None:
            continue
        start = token.i
        while start > max(0, token.i - 2) and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if any(t.ent_type_ == "PERSON" for t in doc[start : token.i]):
            continue
        # One word alone must be the subject: "sons Leo, 10, and Max, 8" lists children, not people
        # of the story, and "Roxy, 26, remained in LA" is someone.
        if start == token.i and token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        yield doc[start : token.i + 1]


def _cue_end(doc: Doc, start: int, cues: frozenset[str]) -> int | None:
    """Where an alias cue ("whose real name is", "better known as") starting at `start`, after a
    comma or a parenthesis, ends."""
    if start >= len(doc) or doc[start].text not in (",", "("):
        return None
    words: list[str] = []
    for i in range(start + 1, min(start + 7, len(doc))):
        words.append(doc[i].lower_)
        if " ".join(words) in cues:
            return i + 1
    return None


def _capitalized_run(doc: Doc, start: int, step: int) -> Span | None:
    """One to three capitalized proper nouns from `start`, read forward (step 1) or back (-1)."""
    end = start
    while 0 <= end < len(doc) and abs(end - start) < 3 and capitalized(doc[end]) and doc[end].pos_ == "PROPN":
        end += step
    if end == start:
        return None
    return doc[start:end] if step > 0 else doc[end + 1 : start + 1]


def _aliased_names(doc: Doc, rules: PeopleRules) -> Iterator[Span]:
    """ "Kaz, whose real name is Kazimir Nowak", "Kazimir Nowak, better known as Kaz": the name
    beside a tagged name and an alias cue is a name too, tagged or not."""
    cues = rules.real_name_cues | rules.stage_name_cues
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        after = _cue_end(doc, ent.end, cues)
        if after is not None and (name := _capitalized_run(doc, after, 1)) is not None:
            yield name
        for start in range(max(0, ent.start - 7), ent.start - 1):
            if _cue_end(doc, start, cues) == ent.start:
                if (name := _capitalized_run(doc, start - 1, -1)) is not None:
                    yield name
                break


_QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"})


def _nicknamed_names(doc: Doc) -> Iterator[Span]:
    """'Neville "Big Nev" Okereke', "Kai 'The Hammer' Lund": a first name, a nickname in quotes and
    a surname are one name, the person's fullest."""
    for token in doc[:-4]:
        if not (capitalized(token) and token.pos_ == "PROPN") or token.nbor().text not in _QUOTES:
            continue
        end = token.i + 2
        while end < len(doc) and end - token.i <= 4 and capitalized(doc[end]):
            end += 1
        if end == token.i + 2 or end + 1 >= len(doc) or doc[end].text not in _QUOTES:
            continue
        surname = doc[end + 1]
        if capitalized(surname) and surname.pos_ == "PROPN" and doc[end].whitespace_:
            last = end + 1  # a double-barrelled surname is all of it: 'Ade "Dee" Ojo-Bello'
            while last + 2 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_:
                if not (capitalized(doc[last + 2]) and not doc[last + 1].whitespace_):
                    break
                last += 2
            yield doc[token.i : last + 1]


def _cast_names(doc: Doc) -> Iterator[Span]:
    """ "Nell (Ann Cole)", "Nell Ash (Ann Cole, back from the first film)": in copy about a film or a
    show, a name with a full name in parentheses after it. Both are names, tagged or not: the actor
    a person of the story, the role a character (`things.characters`)."""
    for token in doc[1:-3]:
        if token.text != "(" or not _cast_word(doc[token.i - 1]):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and _cast_word(doc[end]):
            end += 1
        closing = doc[end] if end < len(doc) else None
        if end - token.i < 3 or closing is None or closing.text not in (")", ","):
            continue
        start = token.i - 1
        while start > token.sent.start and token.i - start < 3 and _cast_word(doc[start - 1]):
            start -= 1
        yield doc[start : token.i]
        yield doc[token.i + 1 : end]


def _cast_word(token: Token) -> bool:
    """A word of a name in a cast list: capitalized, a proper noun, tagged a person's or nothing."""
    return capitalized(token) and token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON", *MISTYPED)


def _family_name(name: Span, surnames: set[str]) -> bool:
    """ "the Coles", "the Coles' marriage": a surname of the story in the plural names a family
    (coreference reads it), not a person."""
    word = fold(name.text)
    if len(name) != 1 or name.start == 0 or name.doc[name.start - 1].lower_ != "the":
        return False
    stems = {word[:-2], word[:-1]} if word.endswith("es") else {word[:-1]}
    return word.endswith("s") and bool(stems & surnames)


def _coordinated_parts(ent: Span) -> Iterator[Span]:
    """ "Ann Cole & Ben Hart" tagged as one name: the names on either side of "&" or "and"."""
    start = ent.start
    for token in ent:
        if token.lower_ in ("&", "and") and token.i > start:
            yield ent.doc[start : token.i]
            start = token.i + 1
    if start < ent.end:
        yield ent.doc[start : ent.end]


def name_spans(doc: Doc, rules: PeopleRules) -> Iterator[Span]:
    singles = {ent.text for ent in doc.ents if len(ent) == 1 and ent.label_ in _NAME_LABELS}
    tagged = [
        ent
        for ent in doc.ents
        if ent.label_ in _NAME_LABELS
        or (ent.label_ in MISTYPED and (_looks_like_person(ent, rules) or _completes(ent, singles)))
    ]
    found = [
        *_aged_names(doc),
        *_completed_names(doc, singles),
        *_first_named(doc, rules),
        *_coordinated_names(doc, rules),
        *_described_names(doc, rules),
        *_aliased_names(doc, rules),
        *_cast_names(doc),
        *_nicknamed_names(doc),
    ]
    tagged = [_headline_trimmed(part) for ent in tagged for part in _coordinated_parts(ent)]
    cleaned = [name for name in (clean_name(ent, rules) for ent in [*tagged, *found]) if name is not None]
    things = _things(cleaned, rules)
    surnames = {fold(name[-1].text) for name in cleaned if len(name) > 1}
    for ent in [*tagged, *found]:
        name = clean_name(ent, rules)
        if name is not None and (fold(name_text(name)) in things or _family_name(name, surnames)):
            continue
        before = doc[name.start - 1] if name is not None and name.start > 0 else None
        titled = before is not None and before.lower_ in rules.keep_titles and before.is_title
        first_name = (
            before is not None
            and before.is_title
            and (before.lower_ in rules.female_names or before.lower_ in rules.male_names)
            and name is not None
            and len(name) == 1
        )
        if name is not None and (titled or first_name) and name.start == ent.start:
            name = doc[name.start - 1 : name.end]  # "Prince Osric" or "Nora Quist" tagged as "Osric", "Quist"
        if (
            name is None
            or _holiday(name)
            or _credit_tail(doc, name)
            or is_role(name, rules)
            or is_title_modifier(name, rules)
        ):
            continue
        if _is_credit(doc, name.start, rules):
            # "© Ann Doe Mira Dahl": the tagger glued the credit to the name that follows it. Words, not
            # tokens, are counted: "By Kim Orr-Lane" is one two-word byline, not a credit and "Lane".
            starts = [t.i for t in name if t.i == name.start or doc[t.i - 1].whitespace_]
            byline = name.start > 0 and doc[name.start - 1].lower_.rstrip(":") == "by"
            if len(starts) >= 4 and not byline:  # "By Pól Mac Giolla Rua" is one long name
                yield doc[starts[2] : name.end]
            continue
        yield name


def age_beside(name: Span) -> int | None:
    """The age in apposition: "Ann Doe, 36," (a number under 120 between commas, or before a period)."""
    doc = name.doc
    if name.end + 2 > len(doc) or doc[name.end].text != ",":
        return None
    number = doc[name.end + 1]
    after = doc[name.end + 2].text if name.end + 2 < len(doc) else "."
    if number.text.isdigit() and int(number.text) < 120 and after in (",", ".", ")", ";"):
        return int(number.text)
    return None


def legal_names(names: list[Span], rules: PeopleRules) -> dict[int, Span]:
    """Legal names given beside the name an article goes by ("Kaz, whose real name is Kazimir
    Nowak", "Kazimir Nowak, better known as Kaz"): where each starts → the name it stands for."""
    found: dict[int, Span] = {}
    for first, second, between in _alias_pairs(names):
        if between in rules.real_name_cues:
            found[second.start] = first
        elif between in rules.stage_name_cues:
            found[first.start] = second
    found.update(_born_as(names, found))
    return found


def _born_as(names: list[Span], found: dict[int, Span]) -> dict[int, Span]:
    """ "Born Vera Pask in 1937, she ...": a profile's or an obituary's sentence that opens with the
    birth name gives it to the person the story is about, the one it names most in full."""
    counts: dict[str, int] = {}
    first_of: dict[str, Span] = {}
    for name in names:
        if len(name) > 1:
            key = fold(name_text(name))
            counts[key] = counts.get(key, 0) + 1
            first_of.setdefault(key, name)
    born: dict[int, Span] = {}
    for name in names:
        before = name.doc[name.start - 1] if name.start > 0 else None
        if before is None or before.lower_ != "born" or not before.is_sent_start or name.start in found:
            continue
        key = fold(name_text(name))
        words = set(key.split())
        others = [k for k in counts if not (set(k.split()) <= words or words <= set(k.split()))]
        if others:
            main = max(others, key=lambda k: (counts[k], -first_of[k].start))
            if counts[main] > counts.get(key, 0):
                born[name.start] = first_of[main]
    return born


def labelled_legal_names(names: list[Span], rules: PeopleRules) -> set[int]:
    """Where legal names start that are given as a label in brackets or between commas ("Lady Vex
    (real name Vera Exley)", "K-Lo, real name Kelvin Lomax,"), which a profile prints to say who the
    person is in full; a clause ("Kaz, whose real name is Kazimir Nowak") leaves the name the
    article goes by in charge."""
    return {second.start for _, second, between in _alias_pairs(names) if between in rules.real_name_labels}


def _longest_readings(names: list[Span]) -> list[Span]:
    """The names no longer name holds, in their order: one sweep by start (a name is held when one
    starting before it ends no earlier, or one starting with it ends later), not each against all."""
    held: set[int] = set()
    reach = -1  # the furthest end of the names that start before the present start
    by_start = sorted(range(len(names)), key=lambda n: (names[n].start, -names[n].end))
    group_start, group_end = -1, -1
    for n in by_start:
        name = names[n]
        if name.start != group_start:
            reach = max(reach, group_end)
            group_start, group_end = name.start, name.end
        if reach >= name.end or group_end > name.end:
            held.add(n)
    return [name for n, name in enumerate(names) if n not in held]


def _alias_pairs(names: list[Span]) -> Iterator[tuple[Span, Span, str]]:
    """Two names close together in a sentence, and the words between them (punctuation left out)."""
    # "K-Lo" found whole and as "Lo": the longest reading of each place.
    ordered = sorted(_longest_readings(names), key=lambda name: name.start)
    for first, second in pairwise(ordered):
        if first.sent != second.sent or second.start - first.end > 6:
            continue
        yield first, second, " ".join(t.lower_ for t in first.doc[first.end : second.start] if not t.is_punct)

"""Names that are things, not people: a show, a film, a band, a company or an outlet the tagger took
for a person ("Harbour Lights villa", "Silver Gulls singer Ann Cole", "Bellmoor Inc.", "a source
tells Glitzwire"), and characters ("plays Kit Vane"). Word lists: rules/en/people.toml [things]."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from storyline.pipeline.career import WORK_NOUNS
from storyline.pipeline.name_words import name_text
from storyline.pipeline.persons import PeopleRules, fold

__all__ = ["characters", "is_role", "is_title_modifier", "places", "used_as_thing"]

_YEAR = re.compile(r"^(?:19|20)\d\d$")


def is_role(name: Span, rules: PeopleRules) -> bool:
    """ "rose to fame as Hannah Vane", "the play Glass Orchard": a role or a title, not a person in the
    story (a role someone plays by name, "plays Kit Vane", is a character: see `characters`)."""
    before = name.doc[name.start - 1] if name.start > 0 else None
    if before is None:
        return False
    if before.lower_ == "as":
        return any(t.lemma_.lower() in rules.role_verbs for t in name.sent if t.i < name.start)
    # "the play Glass Orchard": a title, whatever the tagger thought.
    return before.lower_ in WORK_NOUNS


def _object_of_playing(name: Span) -> bool:
    """ "plays detective Kit Vane": the verb, then only lowercase words, then the name (but in
    "played Ann Cole's fiancé" the role is the fiancé)."""
    doc = name.doc
    if name.end < len(doc) and doc[name.end].tag_ == "POS":
        return False
    for i in range(name.start - 1, max(name.sent.start, name.start - 4) - 1, -1):
        if doc[i].lemma_.lower() in ("play", "portray") and doc[i].pos_ == "VERB":
            return True
        if not doc[i].is_lower or doc[i].lower_ == "by":  # "played by Ann Cole" is the actor
            return False
    return False


def _title_end(name: Span) -> int:
    """Where a title that starts with `name` ends: over quotes, possessives and capitalized words, and
    over the small words inside a title ("Snow Queen and the Huntsman", "Lord of the Rings")."""
    doc = name.doc
    after = name.end
    while after < len(doc) and after - name.end < 6:
        token = doc[after]
        if token.is_quote or token.tag_ == "POS" or token.is_title or token.text == ":":
            after += 1
            continue
        following = doc[after + 1 : after + 3]
        inner = token.lower_ in ("and", "of", "&") and len(following) > 0
        if inner and (following[0].is_title or (following[0].lower_ == "the" and following[-1].is_title)):
            after += 2 if following[0].lower_ == "the" else 1
            continue
        break
    return after


def _surname_of_someone(name: Span) -> bool:
    """A one-word name that ends a full name the tagger gave as a person's elsewhere in the text."""
    if len(name) != 1:
        return False
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == name[0].text and ent.start != name.start
        for ent in name.doc.ents
    )


def is_title_modifier(name: Span, rules: PeopleRules) -> bool:
    """ "the Emma actor", "the One Kiss singer", "Silver Gulls singer Ann Cole": a film, song or band
    title describing someone, not a person."""
    doc = name.doc
    if name.end < len(doc) and doc[name.end].tag_ == "POS" and _surname_of_someone(name):
        return False  # "Hart's Ridgeline co-star", Ben Hart named in full: the title is Ridgeline
    after = _title_end(name)
    if after + 2 < len(doc) and doc[after].lower_ == "co" and doc[after + 1].text == "-":
        after += 2  # "her Velvet Hour co-star"
    if after >= len(doc) or doc[after].is_title or doc[after].pos_ == "VERB":
        return False
    if rules.descriptor_gender(doc[after].lower_) is None:
        return False
    # A role noun between a title and a name: "Silver Gulls singer Ann Cole" (but "Ann Cole
    # girlfriend Mira Dahl" in a headline is Ann Cole's girlfriend).
    named = after + 1 < len(doc) and doc[after + 1].text[:1].isupper() and doc[after + 1].pos_ == "PROPN"
    if named and doc[after].lower_ not in rules.relatives:
        return True
    # Left of the name, over the rest of the title ("the Fantastic Beasts: The Crimes of"), to "the".
    for i in range(name.start - 1, max(-1, name.start - 9), -1):
        token = doc[i]
        if token.lower_ in ("the", "a", "an") or token.tag_ in ("POS", "PRP$"):
            return True
        ageing = token.lower_ in ("year", "years", "old", "-")  # "the 40-year-old ... actor"
        if not (
            token.is_title
            or token.is_punct
            or token.is_quote
            or token.like_num
            or ageing
            or (token.pos_ == "ADJ" and token.is_lower)  # "the former Harbour Lights star"
            or token.lower_ in ("of", "and")
        ):
            return False
    return False


def _is_thing(name: Span, rules: PeopleRules) -> bool:
    """A use of a name that only a thing has: "Bellmoor Inc.", "Tidewater shares", "Harbour Lights
    2019", "the magazine Tidewater", "a source tells Glitzwire", "his lawyers, Smyth Barkham"."""
    doc = name.doc
    after = doc[name.end] if name.end < len(doc) else None
    before = doc[name.start - 1] if name.start > 0 else None
    if after is not None and after.pos_ != "VERB" and after.lower_ in rules.thing_after:
        return True
    if after is not None and _YEAR.match(after.text):
        return True
    if before is not None and before.is_lower and before.lower_ in rules.thing_before:
        return True
    if len(name) > 1 and name[-1].text[:1].isupper() and name[-1].lower_ in rules.thing_last:
        return True
    if after is not None and _score_after(name):
        return True
    if (
        before is not None
        and before.lower_ == "in"
        and name.start > 1
        and doc[name.start - 2].lower_ in _HOLDINGS
    ):
        return True  # "shares in Tidewater", "a stake in Tidewater"
    root = name.root
    if _plural_verb(root):
        return True
    if root.dep_ in ("dobj", "dative") and root.head.lemma_ == "tell":
        subjects = [c for c in root.head.children if c.dep_ == "nsubj"]
        if any(s.lemma_.lower() in rules.informants for s in subjects):
            return True
    # A name standing for a plural noun is a firm or a band: "his lawyers, Smyth Barkham" (but "his
    # parents, Ned Vane, a pilot, and ..." is the first of two people).
    return (
        root.dep_ == "appos"
        and root.head.tag_ == "NNS"
        and 0 < name.start - root.head.i <= 2  # right after the noun, not a parse that reached back
        and not root.conjuncts
        and root.head.lemma_.lower() not in _PEOPLE_PLURALS
        and root.head.lower_ not in rules.kin_nouns
    )


# Plural nouns for people one by one, whom a name in apposition lists ("his parents, Ned Vane, ...").
_PEOPLE_PLURALS = frozenset({"parent", "grandparent", "friend", "guest", "child", "son", "daughter"})


_HOLDINGS = frozenset({"shares", "stake", "stock", "investment", "investors"})


def _score_after(name: Span) -> bool:
    """ "Harbour City 3 Kelso Rovers 1": a name with a small number after it and another name or the
    end of the line after that is a team in a result."""
    doc = name.doc
    number = doc[name.end]
    if not (number.text.isdigit() and int(number.text) < 30) or name.end + 1 >= len(doc):
        return name.end + 1 == len(doc) and number.text.isdigit() and int(number.text) < 30
    following = doc[name.end + 1]
    return following.is_space or (following.text[:1].isupper() and following.pos_ == "PROPN")


def _plural_verb(root: Token) -> bool:
    """ "Harbour City were without their captain", "Tidewater have cut jobs": a name alone taking a
    plural verb is a team, a band or a firm (British usage); a person takes "was" and "has"."""
    if root.dep_ != "nsubj" or root.conjuncts or root.lower_.endswith("s"):
        return False
    doc = root.doc
    if any(t.lower_ in ("and", "&") for t in doc[max(0, root.left_edge.i - 6) : root.i]):
        return False  # "Ann Cole and [her husband] Ben Hart have": a coordination the parse broke
    verb = root.head
    verbs = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if any(t.lower_ in ("and", "&", ",") for t in doc[root.i + 1 : min(verbs, key=lambda t: t.i).i]):
        return False  # "Ann Cole, Ben Hart and Cal Ng are": a list of people
    if any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
        return False  # "as if Ann were": the subjunctive
    first = min(verbs, key=lambda t: t.i)
    return first.lower_ in ("are", "were") or (first.lower_ == "have" and first.tag_ == "VBP")


def used_as_thing(name: Span, rules: PeopleRules) -> bool:
    """Whether this mention uses the name as a thing's; one such use makes the name a thing in the
    whole article, unless it starts with a first name ("the Ann Cole show" keeps Ann Cole a person)."""
    if rules.first_name(name[0].lower_):
        return False
    return _is_thing(name, rules) or is_title_modifier(name, rules)


def _names_a_person(token: Token) -> bool:
    """A name starts at `token`: a word tagged as a person's, or a capitalized proper noun."""
    return token.ent_type_ in ("PERSON", "") and token.pos_ == "PROPN" and token.text[:1].isupper()


def _actor_after(name: Span) -> bool:
    """ "Nell (Ann Cole)", "Nell's (Ann Cole) husband", "Nell (played by Ann Cole)": a name in
    parentheses after a name is the actor who plays it."""
    doc = name.doc
    i = name.end + (1 if name.end < len(doc) and doc[name.end].tag_ == "POS" else 0)
    if i + 2 >= len(doc) or doc[i].text != "(":
        return False
    inside = doc[i + 1]
    if inside.lower_ in ("played", "portrayed", "voiced") and doc[i + 2].lower_ == "by":
        return True
    # One name, closed at once ("(Ann Cole)") or followed by a remark ("(Ann Cole, back from the
    # first film)"); "(Glass Orchard, Low Tide)" lists works.
    end = i + 1
    while end < min(i + 5, len(doc)) and _names_a_person(doc[end]):
        end += 1
    if end == i + 1 or end >= len(doc):
        return False
    closing = doc[end]
    return closing.text == ")" or (closing.text == "," and end + 1 < len(doc) and doc[end + 1].is_lower)


def _played(name: Span) -> bool:
    """ "Nell will be played by Ann Cole": the subject of a passive of playing."""
    root = name.root
    return root.dep_ == "nsubjpass" and root.head.lemma_.lower() in ("play", "portray", "voice")


def _actors_character(name: Span) -> bool:
    """ "Cole's Nell and Hart's Kit": a one-word name owned by a name is the role that person plays
    (in copy about a film or a show, which the caller checks)."""
    doc = name.doc
    if len(name) != 1 or name.start < 2 or doc[name.start - 1].tag_ != "POS":
        return False
    owner = doc[name.start - 2]
    return owner.pos_ == "PROPN" and owner.text[:1].isupper()


def characters(names: list[Span]) -> set[str]:
    """The names of characters in the article (folded): a role someone plays ("plays Kit Vane",
    "who play Kit Vane and Nell Ash"), a name with its actor in parentheses ("Nell (Ann Cole)"),
    the subject of "will be played by"; and, in an article with any of those, a one-word name owned
    by an actor ("Cole's Nell")."""
    found = {
        fold(name.text)
        for name in names
        if _object_of_playing(name) or _conjunct_of_role(name) or _actor_after(name) or _played(name)
    }
    if found:
        found.update(fold(name.text) for name in names if _actors_character(name))
    return found


def _conjunct_of_role(name: Span) -> bool:
    """ "who play Kit Vane and Nell Ash": the second role of a verb of playing."""
    first = name.root
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first == name.root:
        return False
    start = first.left_edge.i
    while start < first.i and not first.doc[start].text[:1].isupper():
        start += 1
    return _object_of_playing(first.doc[start : first.i + 1])


# Words before a place's name: "married in Port Alder", "a villa near Costa Verano".
_LOCATIVES = frozenset({"in", "near", "outside"})
# Titles of peers, whose "of" names a place: "the Earl of Ashby", "Duchess of Wexmoor".
_PEERAGES = frozenset(
    {
        "duke", "duchess", "earl", "countess", "marquess", "marquis", "marchioness", "viscount",
        "viscountess", "baron", "baroness", "prince", "princess",
    }
)  # fmt: skip


def _place_mention(name: Span) -> bool:
    doc = name.doc
    before = doc[name.start - 1] if name.start > 0 else None
    after = doc[name.end] if name.end < len(doc) else None
    if before is None or (after is not None and after.tag_ == "POS"):
        return False  # "in Ann Cole's flat" is Ann's
    if before.lower_ in _LOCATIVES and before.is_lower:
        return True
    return before.lower_ == "of" and name.start > 1 and doc[name.start - 2].lower_ in _PEERAGES


def places(names: list[Span], rules: PeopleRules) -> set[str]:
    """Names the article only ever puts after "in" ("proposed on a beach in Isla Verde", "married in
    Port Alder") or after a peer's "of" ("the Marquess of Holbeck"): places, not people. One mention
    anywhere else (a subject, a possessive) keeps the name a person's, as does a known first name."""
    placed: dict[str, bool] = {}
    for name in names:
        key = fold(name_text(name))
        placed[key] = placed.get(key, True) and _place_mention(name) and not rules.first_name(name[0].lower_)
    return {key for key, place in placed.items() if place}

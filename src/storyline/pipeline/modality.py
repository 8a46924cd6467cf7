"""Whether a trigger states a fact: negation ("are not dating"), modality and plans ("will marry",
"plans to wed"), questions, and the tense that says a fact holds as the article is written."""

from __future__ import annotations

from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from storyline.pipeline.arguments import clause_head, possessor_people
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.pipeline.timing import Timing, governing_verb

__all__ = [
    "ahead",
    "generic_plural",
    "guest",
    "hypothetical",
    "misstated",
    "negated",
    "not_asserted",
    "not_until",
    "on_screen",
    "past_perfect",
    "so_by_now",
]

# Modals as written, with straight and curly apostrophes ("I\u2019ll get married").
_MODALS = frozenset(
    {"will", "would", "could", "might", "may", "shall", "should", "'ll", "\u2019ll", "'d", "\u2019d", "wo"}
)
# Verbs that make what hangs on them unreal: "plans to marry", "is set to wed", "wants to date",
# and the counterfactual ones: "failed to tie the knot", "declined to marry", "vowed to wed".
_IRREALIS = frozenset(
    {
        "plan",
        "want",
        "hope",
        "intend",
        "expect",
        "set",
        "wish",
        "consider",
        "refuse",
        "love",
        "like",
        "dream",
        "prepare",
        "try",
        "have",
        "fail",
        "decline",
        "vow",
        "promise",
        "pledge",
        "aim",
        "long",
    }
)
_NEGATIONS = frozenset({"not", "never", "n't", "no"})


def not_until(token: Token) -> bool:
    """ "Did not marry until 2012", "didn't start dating until years later": the date after "until"
    is when it happened."""
    words = (token, clause_head(token))
    return any(c.lower_ in ("until", "till") for w in words for c in w.children) and any(
        c.dep_ == "neg" for w in words for c in w.children
    )


def negated(token: Token, phrase: Span | None = None) -> bool:
    """ "are not dating", "no wedding"; the "no" of the phrase "no longer together" is its own; "did not
    begin dating until 2008" says when it began, not that it did not."""
    head = clause_head(token)
    own = range(phrase.start, phrase.end) if phrase is not None else range(0)
    if not_until(token):
        return False
    for word in (token, head):
        for c in word.children:
            if (c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")) and c.i not in own:
                return True
    return False


# Prepositions after which a clause is no event: "left without marrying her", "instead of marrying".
_NOT_EVENT_PREPOSITIONS = frozenset({"without", "instead"})


def not_asserted(token: Token) -> bool:
    """True for a trigger inside a clause that says nothing happened, which is neither a fact nor a
    denial: a negated gerund or infinitive under a noun or preposition ("a reason for not tying the
    knot", "the decision not to marry"), or a clause after "without" ("left without marrying her")."""
    head = clause_head(token)
    under_preposition = head.dep_ == "pcomp" and head.head.dep_ == "prep"
    if under_preposition and head.head.lower_ in _NOT_EVENT_PREPOSITIONS:
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    subordinate = under_preposition or (
        infinitive and head.dep_ in ("acl", "xcomp") and head.head.pos_ in ("NOUN", "ADJ")
    )
    return subordinate and negated(token)


_MISSTATING = frozenset({"misstate", "misstated", "misreport", "misreported", "misidentify", "misidentified"})
_WRONGLY = frozenset({"incorrectly", "wrongly", "erroneously", "mistakenly"})
_SAYING = frozenset({"say", "state", "report", "give", "describe", "write", "name", "identify", "list"})


def misstated(token: Token) -> bool:
    """True for a trigger in a correction's account of what an earlier version got wrong ("An earlier
    version of this story misstated the year the couple married", "incorrectly said they had wed in
    2021"): the sentence tells of an error, not of the event; the right fact comes in its own words."""
    sentence = token.sent
    for word in sentence:
        lemma = word.lemma_.lower()
        if lemma in _MISSTATING or word.lower_ in _MISSTATING:
            return True
        if word.lower_ in _WRONGLY and word.head.lemma_.lower() in _SAYING:
            return True
    return False


# Nouns and verbs under which a "when", "whether" or "if" clause is a question, not a fact:
# "questions about when they may marry", "wondered whether they had split".
_ASKING = frozenset(
    {"question", "ask", "wonder", "speculate", "speculation", "unclear", "unknown", "guess", "debate", "clue"}
)
# Events a plan's noun is the subject of: "the wedding will take place in spring" is a plan, while
# "her marriage would run and run" takes the marriage for granted.
_HAPPENING = frozenset({"take", "happen", "go", "occur", "be", "follow", "come"})


# Verbs whose object is still to come: "fans are waiting for news of their wedding".
_AWAITING = frozenset({"wait", "await", "anticipate", "expect", "hope", "plan", "prepare", "eye"})
_EVENT_NOUNS = frozenset(
    {
        "wedding",
        "marriage",
        "nuptials",
        "engagement",
        "divorce",
        "ceremony",
        "reconciliation",
        "split",
        "breakup",
    }
)


def _awaited(noun: Token) -> bool:
    """A relationship noun something still waits for: "waiting for the news of their wedding",
    "awaiting their engagement", "preparing for the wedding"."""
    if noun.lemma_.lower() not in _EVENT_NOUNS:
        return False  # "expecting a child with her husband": a partner is no event to wait for
    step = noun
    for _ in range(5):
        if step.dep_ not in ("dobj", "pobj", "prep", "compound", "nmod") or step.head == step:
            return False  # the subject ("Ann and her boyfriend are expecting a child") is no plan
        step = step.head
        if step.pos_ in ("VERB", "AUX"):
            return step.lemma_.lower() in _AWAITING
    return False


def _asked(clause: Token) -> bool:
    """A clause opened by "when", "whether" or "if" under a word of asking."""
    opener = any(
        c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "whether", "if") for c in clause.children
    )
    if not opener:
        return False
    above = clause.head
    for _ in range(3):
        if above.lemma_.lower() in _ASKING:
            return True
        if above.head == above:
            return False
        above = above.head
    return False


# Nouns whose infinitive is a chance, not an event: "the right moment to propose", "a chance to wed".
_CHANCES = frozenset({"moment", "time", "chance", "opportunity", "occasion", "courage", "nerve", "excuse"})


def hypothetical(token: Token) -> bool:
    """True for "will marry", "plans to wed", "is to marry", "set to tie the knot", "his plans to pop the
    question", "when they may say their vows and get married", questions direct and indirect."""
    if token.sent.text.rstrip().endswith("?"):
        return True
    if token.pos_ in ("NOUN", "PROPN") and _awaited(token):
        return True
    if token.pos_ in ("NOUN", "PROPN"):
        verb = governing_verb(token)  # "the wedding will take place in spring"
        owned = any(c.dep_ == "poss" for c in token.children)  # "her union would run and run"
        modal = verb is not None and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)
        if modal and verb is not None and (not owned or verb.lemma_.lower() in _HAPPENING):
            return True
    current = token
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in current.children):
            return True
        if current.dep_ == "conj" and any(
            c.dep_ == "aux" and c.lower_ in _MODALS for c in current.head.children
        ):
            return True  # "may say their vows and get married": the modal of the first verb is shared
        if _asked(current):
            return True
        if current.dep_ in ("acomp", "attr", "oprd", "prt", "auxpass") and current.head != current:
            current = current.head  # "will be engaged": the modal sits on the verb
            continue
        if current.dep_ == "conj" and current.head != current:
            current = current.head
            continue
        if current.dep_ == "acl" and current.head.lemma_.lower() in _IRREALIS:
            return True  # "his plans to pop the question", "her hopes to marry"
        if current.dep_ in ("acl", "relcl") and current.head.lemma_.lower() in _CHANCES:
            return True  # "the right moment to pop the question", "a chance to wed"
        if (
            current.dep_ == "advcl"
            and current.head.lemma_.lower() in _AWAITING
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        ):
            return True  # "waiting for the right moment to pop the question"
        if current.dep_ != "xcomp":
            return False
        governor = current.head
        if governor.lemma_.lower() in _IRREALIS or (governor.lemma_ == "be" and current.tag_ == "VB"):
            return True
        if governor.lower_ in ("going", "about") or governor.lemma_ == "go":
            return True
        current = governor
    return False


def so_by_now(token: Token) -> bool:
    """True for "have moved in", "has split", "are engaged", "gives birth": the text presents the
    fact as done or holding when it was written, so it happened on or before the publication date."""
    head = clause_head(token)
    if head.pos_ in ("NOUN", "PROPN"):
        head = governing_verb(token) or head  # "she has settled her divorce", "a divorce has been filed"
    if head.pos_ == "ADV" and head.dep_ == "advmod":
        head = head.head  # "they are no longer together"
    if head.pos_ not in ("VERB", "AUX"):
        return False
    if head.tag_ in ("VBZ", "VBP"):
        return True
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if head.tag_ in ("VBG", "VBN") and auxes & {"is", "are", "am", "'re", "'s"}:
        return True  # "they are separating", "they are engaged": so as the article is written
    return head.tag_ == "VBN" and bool(auxes & {"has", "have", "'ve", "'s"})


def past_perfect(token: Token) -> bool:
    """ "On Tuesday it was announced that she had filed for divorce": done by the day it was told."""
    head = clause_head(token)
    if head.pos_ in ("NOUN", "PROPN"):
        head = governing_verb(token) or head  # "she had filed for divorce"
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    return head.tag_ == "VBN" and "had" in auxes


def ahead(timing: Timing, published: date | None) -> bool:
    """True when the text dates the event after the article was written: a plan, not a fact."""
    when = timing.when
    return (
        published is not None and when is not None and when.earliest is not None and when.earliest > published
    )


# Verbs whose object is someone else's wedding: "attending a wedding", "officiated the wedding".
_GUEST_VERBS = frozenset({"attend", "officiate", "crash", "photograph", "cater", "host", "perform", "sing"})


def guest(token: Token) -> bool:
    """A wedding the subject goes to, not one they have: "attending a wedding", "in town for a
    wedding", "officiated the wedding". Their own wedding has an owner ("their wedding", "Ann and
    Ben's wedding") or is had or held ("they had a small wedding")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ("wedding", "nuptials", "ceremony"):
        return False
    if possessor_people(token) or any(
        c.dep_ == "prep" and c.lower_ in ("of", "between") for c in token.children
    ):
        return False
    verb = governing_verb(token)
    if verb is not None and verb.lemma_.lower() in _GUEST_VERBS:
        return True
    if (
        verb is not None
        and verb.lemma_ == "be"
        and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    ):
        return True  # "the wedding was for her manager": someone else's
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in token.children)
    return indefinite and (verb is None or verb.lemma_.lower() not in ("have", "hold", "throw", "plan"))


def generic_plural(token: Token) -> bool:
    """ "The officiant at the weddings", "divorces are costly": relationship nouns in the plural with no
    owner are about no one couple; "one of the most publicized divorces" is still theirs."""
    if token.tag_ != "NNS" or possessor_people(token):
        return False
    one_of = token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ == "one"
    return not one_of


@cache
def _screen_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """relations.toml [genre]: the words that put a relationship on screen, the partner nouns they
    mark, and the verbs of playing a part."""
    table = load_rules("relations").get("genre", {})
    file = "rules/en/relations.toml"
    return (
        frozenset(string_list(table, "screen", file, "genre")),
        frozenset(string_list(table, "screen_partners", file, "genre")),
        frozenset(string_list(table, "portray", file, "genre")),
    )


def _marked_on_screen(noun: Token, screen: frozenset[str]) -> bool:
    """ "on-screen wedding", "screen lovers": a screen word among the modifiers before the noun (not
    in its subject: "screen legend Ann married Ben" is a real wedding)."""
    return any(
        t.lower_ in screen
        for c in noun.lefts
        if c.dep_ in ("amod", "compound", "nmod", "advmod", "npadvmod")
        for t in c.subtree
    )


def on_screen(token: Token) -> bool:
    """A relationship in a film or show, not between the actors: "their on-screen wedding", "she plays
    his wife", "they play a married couple", "screen lovers Ann and Ben got back together". A screen
    legend who marries is still married: the screen word must mark a partner noun or the trigger."""
    screen, partners, portray = _screen_words()
    if _marked_on_screen(token, screen):
        return True
    if token.dep_ in ("amod", "compound") and _marked_on_screen(token.head, screen):
        return True  # "a screen married couple"
    step = token
    for _ in range(3):
        if step.dep_ in ("dobj", "attr", "oprd") and step.head.lemma_.lower() in portray:
            return True
        if step.head == step:
            break
        step = step.head
    for noun in token.sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in partners or not _marked_on_screen(noun, screen):
            continue
        named = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if (named is not None and named._.ref is not None) or any(
            c.dep_ == "appos" and c._.ref is not None for c in noun.children
        ):
            return True  # the people of the sentence are introduced as screen partners
    return False

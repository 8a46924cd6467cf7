"""How likely a relationship claim is to be right: a small logistic model over what the rules saw.

The rules propose claims for recall; this model, trained by `make train` on the annotated corpus
(scripts/train.py, cross-validated by `benchmarks/relations.py --cv 5`), turns what the rules saw
when they read a claim (`Signals`: the trigger rule, whether both people were named in the sentence,
how often the article speaks of each, whether the article reads like a film review, ...) into a
calibrated `confidence`, and claims below the model's threshold are left out. Pure Python: the
weights ship as JSON (storyline/models/claims.json), so scoring needs neither scikit-learn nor NumPy.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from storyline.errors import RulesError

__all__ = ["RELATIONS", "Scorer", "Signals", "default_scorer", "feature_names"]

# The relations the model scores: the eight annotated relationship relations.
RELATIONS = ("dating", "engaged", "married", "split", "divorced", "reconciled", "moved_in", "child_born")
_STATUSES = ("confirmed", "reported", "rumoured", "denied")
# How a rule reads its claim; the part of the rule name after the relation ("married.partner_noun").
_KINDS = (
    "word",
    "noun",
    "verb",
    "phrase",
    "partner_noun",
    "partner_word",
    "former_partner",
    "ex",
    "children",
    "parents",
    "born",
    "birth",
    "implied",
    "other",
)
_MODEL = "claims.json"


@dataclass(frozen=True, slots=True)
class Signals:
    """What the rules saw when they read one claim of one article."""

    relation: str
    rule: str  # the trigger rule of the claim's best reading ("married.partner_noun")
    status: str
    readings: int  # sentences of the article that state the claim
    named: bool  # both sides are named (not only a pronoun or description) in the claim's sentence
    filled: bool  # the other side came from the pair the article is about, not from the sentence
    dated: bool  # a date on the claim that is not only the publication date
    former: bool  # "his ex-wife", "former couple"
    a_mentions: int  # how often the article refers to each side
    b_mentions: int
    a_words: int  # words in each side's name (a first name alone is 1)
    b_words: int
    same_surname: bool  # "Liam and Noel Gallagher": brothers as often as spouses
    headline: bool  # the claim's sentence is the article's first line
    quoted: bool  # the claim's sentence is inside a quotation
    fiction: float  # share of the article's sentences that speak of films, shows, roles or scenes
    pair_claims: int  # the article's claims about this pair, of any relation
    main_pair: bool  # the pair the article has most claims about
    tagged: int = 2  # how many of the two sides the tagger itself took for a person somewhere

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _kind(rule: str) -> str:
    if ">" in rule:
        return "implied"
    name = rule.split(".", 1)[-1]
    return name if name in _KINDS else "other"


@cache
def feature_names() -> tuple[str, ...]:
    """The names of the model's inputs, in vector order."""
    names = [f"relation={r}" for r in RELATIONS]
    names += [f"status={s}" for s in _STATUSES]
    names += [f"kind={k}" for k in _KINDS]
    names += [
        "readings",
        "named",
        "filled",
        "dated",
        "former",
        "mentions_min",
        "mentions_max",
        "one_word_name",
        "same_surname",
        "headline",
        "quoted",
        "fiction",
        "pair_claims",
        "main_pair",
        "untagged_side",
    ]
    return tuple(names)


def vector(signals: Signals) -> list[float]:
    """The model's inputs for one claim: one-hot relation, status and rule kind, then numbers scaled
    to about 0..1 (log counts) and flags."""
    values: list[float] = [float(signals.relation == r) for r in RELATIONS]
    values += [float(signals.status == s) for s in _STATUSES]
    kind = _kind(signals.rule)
    values += [float(kind == k) for k in _KINDS]
    low, high = sorted((signals.a_mentions, signals.b_mentions))
    values += [
        math.log1p(signals.readings) / 2,
        float(signals.named),
        float(signals.filled),
        float(signals.dated),
        float(signals.former),
        math.log1p(low) / 3,
        math.log1p(high) / 3,
        float(min(signals.a_words, signals.b_words) <= 1),
        float(signals.same_surname),
        float(signals.headline),
        float(signals.quoted),
        signals.fiction,
        math.log1p(signals.pair_claims) / 2,
        float(signals.main_pair),
        float(signals.tagged < 2),
    ]
    return values


@dataclass(frozen=True, slots=True)
class Scorer:
    """A trained logistic model: P(claim right) = sigmoid(bias + weights · vector(signals))."""

    weights: tuple[float, ...]
    bias: float
    threshold: float  # claims scored below it are left out

    def confidence(self, signals: Signals) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, vector(signals), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, signals: Signals) -> bool:
        return self.confidence(signals) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(feature_names()),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = _MODEL) -> Scorer:
        if data.get("features") != list(feature_names()):
            raise RulesError(source, "features", "trained on other features: run `make train` again")
        return cls(tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"]))


@cache
def default_scorer() -> Scorer | None:
    """The model shipped in the package, or None when none has been trained yet."""
    path = resources.files("storyline") / "models" / _MODEL
    if not path.is_file():
        return None
    return Scorer.from_json(json.loads(path.read_text(encoding="utf-8")), f"models/{_MODEL}")

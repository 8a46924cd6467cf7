"""The claim scorer: pure Python over the signals the rules saw, with weights from JSON."""

import pytest

from storyline.errors import RulesError
from storyline.scoring import Scorer, Signals, feature_names, vector


def _signals(**changes: object) -> Signals:
    base: dict[str, object] = {
        "relation": "married",
        "rule": "married.word",
        "status": "confirmed",
        "readings": 2,
        "named": True,
        "filled": False,
        "dated": True,
        "former": False,
        "a_mentions": 6,
        "b_mentions": 4,
        "a_words": 2,
        "b_words": 2,
        "same_surname": False,
        "headline": False,
        "quoted": False,
        "fiction": 0.0,
        "pair_claims": 3,
        "main_pair": True,
    }
    base.update(changes)
    return Signals(**base)  # type: ignore[arg-type]


def test_the_vector_has_one_value_per_feature_and_one_hot_relation() -> None:
    values = vector(_signals())
    names = feature_names()
    assert len(values) == len(names)
    assert values[names.index("relation=married")] == 1.0
    assert sum(values[: names.index("relation=child_born") + 1]) == 1.0
    assert values[names.index("kind=word")] == 1.0
    assert vector(_signals(rule="split.divorce_filing>married"))[names.index("kind=implied")] == 1.0


def test_confidence_follows_the_weights_and_the_threshold_keeps_or_drops() -> None:
    names = feature_names()
    weights = [0.0] * len(names)
    weights[names.index("fiction")] = -8.0
    scorer = Scorer(tuple(weights), bias=2.0, threshold=0.5)
    news, review = _signals(), _signals(fiction=0.6)
    assert scorer.confidence(news) == pytest.approx(0.8808, abs=1e-3)
    assert scorer.confidence(review) < 0.5 < scorer.confidence(news)
    assert scorer.keeps(news) and not scorer.keeps(review)


def test_a_model_round_trips_and_one_for_other_features_is_refused() -> None:
    scorer = Scorer(tuple(0.1 for _ in feature_names()), bias=-0.2, threshold=0.3)
    assert Scorer.from_json(scorer.to_json()) == Scorer(tuple(0.1 for _ in feature_names()), -0.2, 0.3)
    stale = scorer.to_json() | {"features": ["relation=married"]}
    with pytest.raises(RulesError, match="make train"):
        Scorer.from_json(stale)


def test_the_shipped_model_loads_for_the_current_features() -> None:
    from storyline.scoring import default_scorer

    scorer = default_scorer()
    assert scorer is not None, "src/storyline/models/claims.json is missing: run make train"
    assert len(scorer.weights) == len(feature_names())
    assert 0.0 <= scorer.threshold < 1.0

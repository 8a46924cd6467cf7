"""Train the claim scorer (storyline/scoring.py) on the annotated corpus: `make train`.

    python scripts/train.py             # fit on dev + train (never the blind fold), write the model
    python scripts/train.py --cv 5      # only cross-validate, by cluster, and print the figures

Every relationship claim the rules give on ../shared/corpus/dev and ../shared/corpus/train (without
the blind fold of benchmarks/blind_fold.tsv) is labelled right or wrong by the benchmark's matching
rule; a logistic regression learns P(right) from the claim's `Signals`. The threshold below which
claims are left out is the one that gives the best F1 on claims the model did not see (out-of-fold,
by cluster: one couple's articles are never split across training and test). Deterministic: same
corpus and rules, same model. Needs scikit-learn (the `dev` extra); the shipped model does not.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from relations import SHARED, blind_files, corpus_files, corpus_gold, match  # noqa: E402
from storyline.scoring import RELATIONS, Scorer, Signals, feature_names, vector  # noqa: E402

MODEL = ROOT / "src" / "storyline" / "models" / "claims.json"
# Strong regularisation: a few hundred claims, a few dozen inputs.
C = 0.5
SEED = 7


@dataclass(frozen=True, slots=True)
class Row:
    """One claim of one article: what the scorer reads, whether the gold has it, and its cluster."""

    file: str
    cluster: str
    signals: Signals
    right: bool
    rules_confidence: float  # the confidence the rules alone give (0.9 when both sides are read)


def clusters() -> dict[str, str]:
    """File → cluster (one couple's articles), from the corpora's index.tsv; a file with no cluster
    is its own."""
    found: dict[str, str] = {}
    for corpus in ("dev", "train"):
        with (SHARED / corpus / "index.tsv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                cluster = row.get("cluster") or "-"
                found[row["file"]] = row["file"] if cluster == "-" else cluster
    return found


def _cluster_of(name: str, known: dict[str, str]) -> str:
    if name in known:
        return known[name]
    parts = name.split("_", 1)[-1].split("-")  # "000_norton-poots-split.txt" → "norton-poots"
    return "-".join(parts[:2])


def collect() -> tuple[list[Row], int]:
    """Every scored claim of dev + train (not the blind fold), labelled; and the number of gold facts."""
    from storyline.articles import read_articles
    from storyline.extract import article_context, readings_of
    from storyline.facts import merge_with_signals
    from storyline.model import Article
    from storyline.pipeline import load_pipeline, make_doc

    files = corpus_files("all")
    assert not {p.name for p in files} & blind_files(), "the blind fold never trains"
    gold = corpus_gold("all", files)
    known = clusters()
    nlp = load_pipeline()
    articles = [a for a in read_articles(files) if isinstance(a, Article)]
    rows: list[Row] = []
    pending = ((make_doc(nlp, a.text, a.published), a) for a in articles)
    for doc, article in nlp.pipe(pending, as_tuples=True, batch_size=16):
        pairs = merge_with_signals(readings_of(doc), article, article_context(doc))
        scored = [(claim, signals) for claim, signals in pairs if signals is not None]
        here = [g for g in gold if g["file"] == article.name]
        claims = [claim.to_json() for claim, _ in scored]
        matched = {q for _, q in match(here, claims)}
        rows.extend(
            Row(article.name, _cluster_of(article.name, known), signals, n in matched, claim.confidence)
            for n, (claim, signals) in enumerate(scored)
        )
    return rows, len(gold)


def fit(rows: list[Row]) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, solver="lbfgs", max_iter=5000, random_state=SEED)
    model.fit([vector(r.signals) for r in rows], [int(r.right) for r in rows])
    return model


def probabilities(model: Any, rows: list[Row]) -> list[float]:
    return [float(p) for p in model.predict_proba([vector(r.signals) for r in rows])[:, 1]]


def f1(kept_right: int, kept: int, gold: int) -> float:
    precision = kept_right / kept if kept else 0.0
    recall = kept_right / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def best_threshold(rows: list[Row], scores: list[float], gold: int) -> float:
    """The threshold that gives the best F1 on these claims (ties: the lowest, keeping more)."""
    candidates = sorted({0.0, *(round(s, 3) for s in scores)})
    best = max(
        candidates,
        key=lambda t: (
            f1(
                sum(r.right for r, s in zip(rows, scores, strict=True) if s >= t),
                sum(1 for s in scores if s >= t),
                gold,
            ),
            -t,
        ),
    )
    return best


def folds(rows: list[Row], k: int) -> list[set[str]]:
    """k sets of clusters with about as many claims each, assigned largest first (deterministic)."""
    sizes: dict[str, int] = {}
    for row in rows:
        sizes[row.cluster] = sizes.get(row.cluster, 0) + 1
    buckets: list[set[str]] = [set() for _ in range(k)]
    load = [0] * k
    for cluster in sorted(sizes, key=lambda c: (-sizes[c], c)):
        n = load.index(min(load))
        buckets[n].add(cluster)
        load[n] += sizes[cluster]
    return buckets


def cross_validate(rows: list[Row], gold_by_cluster: dict[str, int], k: int) -> dict[str, Any]:
    """Out-of-fold scores; per fold, F1 of the rules alone and with the scorer (its threshold chosen on
    the training folds only)."""
    out_of_fold: list[float] = [0.0] * len(rows)
    per_fold: list[dict[str, float]] = []
    for test in folds(rows, k):
        train_idx = [i for i, r in enumerate(rows) if r.cluster not in test]
        test_idx = [i for i, r in enumerate(rows) if r.cluster in test]
        train_rows = [rows[i] for i in train_idx]
        model = fit(train_rows)
        inner = _inner_scores(train_rows, gold_by_cluster, k)
        train_gold = sum(n for c, n in gold_by_cluster.items() if c not in test)
        threshold = best_threshold(train_rows, inner, train_gold)
        scores = probabilities(model, [rows[i] for i in test_idx])
        for i, s in zip(test_idx, scores, strict=True):
            out_of_fold[i] = s
        gold = sum(n for c, n in gold_by_cluster.items() if c in test)
        test_rows = [rows[i] for i in test_idx]
        right = sum(r.right for r in test_rows)
        kept = [(r, s) for r, s in zip(test_rows, scores, strict=True) if s >= threshold]
        per_fold.append(
            {
                "rules": f1(right, len(test_rows), gold),
                "scored": f1(sum(r.right for r, _ in kept), len(kept), gold),
                "rules_p": right / len(test_rows) if test_rows else 0.0,
                "scored_p": sum(r.right for r, _ in kept) / len(kept) if kept else 0.0,
                "threshold": threshold,
            }
        )
    return {"folds": per_fold, "scores": out_of_fold}


def _inner_scores(rows: list[Row], gold_by_cluster: dict[str, int], k: int) -> list[float]:
    """Out-of-fold scores within the training folds, to choose a threshold without the test fold."""
    scores = [0.0] * len(rows)
    for test in folds(rows, k):
        train = [r for r in rows if r.cluster not in test]
        idx = [i for i, r in enumerate(rows) if r.cluster in test]
        for i, s in zip(idx, probabilities(fit(train), [rows[i] for i in idx]), strict=True):
            scores[i] = s
    return scores


def calibration(rows: list[Row], scores: list[float]) -> list[tuple[str, int, float]]:
    """(confidence band, claims, share right) on out-of-fold scores."""
    bands = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01)]
    table = []
    for low, high in bands:
        inside = [r for r, s in zip(rows, scores, strict=True) if low <= s < high]
        share = sum(r.right for r in inside) / len(inside) if inside else 0.0
        table.append((f"{low:.1f}-{min(high, 1.0):.1f}", len(inside), share))
    at_least = [r for r, s in zip(rows, scores, strict=True) if s >= 0.8]
    share = sum(r.right for r in at_least) / len(at_least) if at_least else 0.0
    table.append((">=0.8", len(at_least), share))
    return table


def gold_per_cluster() -> dict[str, int]:
    files = corpus_files("all")
    known = clusters()
    counts: dict[str, int] = {}
    for g in corpus_gold("all", files):
        cluster = _cluster_of(g["file"], known)
        counts[cluster] = counts.get(cluster, 0) + 1
    return counts


def report_cv(rows: list[Row], k: int) -> None:
    result = cross_validate(rows, gold_per_cluster(), k)
    print(f"{k}-fold cross-validation by cluster on dev + train (not the blind fold), {len(rows)} claims")
    print(f"{'fold':>4} {'rules F1':>9} {'scored F1':>10} {'rules P':>8} {'scored P':>9} {'threshold':>9}")
    for n, fold in enumerate(result["folds"], start=1):
        print(
            f"{n:>4} {fold['rules']:9.3f} {fold['scored']:10.3f} {fold['rules_p']:8.3f} "
            f"{fold['scored_p']:9.3f} {fold['threshold']:9.3f}"
        )
    gains = [f["scored"] - f["rules"] for f in result["folds"]]
    rules = [f["rules"] for f in result["folds"]]
    scored = [f["scored"] for f in result["folds"]]
    print(
        f"mean F1: rules {statistics.mean(rules):.3f} ± {statistics.pstdev(rules):.3f}, "
        f"scored {statistics.mean(scored):.3f} ± {statistics.pstdev(scored):.3f}, "
        f"gain {statistics.mean(gains):+.3f} ± {statistics.pstdev(gains):.3f}"
    )
    brier = statistics.mean((s - r.right) ** 2 for r, s in zip(rows, result["scores"], strict=True))
    fixed = statistics.mean((r.rules_confidence - r.right) ** 2 for r in rows)
    print(f"Brier score of confidence (lower is better): scorer {brier:.4f}, rules alone {fixed:.4f}")
    print("\ncalibration (out-of-fold confidence against the share of claims right):")
    print(f"{'confidence':>11} {'claims':>7} {'right':>6}")
    for band, n, share in calibration(rows, result["scores"]):
        print(f"{band:>11} {n:7d} {share:6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cv", type=int, metavar="K", help="cross-validate with K folds instead of training")
    args = parser.parse_args()
    rows, gold = collect()
    if args.cv:
        report_cv(rows, args.cv)
        return
    model = fit(rows)
    gains = [f["scored"] - f["rules"] for f in cross_validate(rows, gold_per_cluster(), 5)["folds"]]
    # The scorer leaves claims out only where cross-validation shows that this gains F1; else it
    # only gives each claim its calibrated confidence.
    threshold = 0.0
    if statistics.mean(gains) > 0:
        threshold = best_threshold(rows, _inner_scores(rows, gold_per_cluster(), 5), gold)
    scorer = Scorer(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), threshold)
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_text(json.dumps(scorer.to_json(), indent=1) + "\n", encoding="utf-8")
    right = sum(r.right for r in rows)
    print(f"trained on {len(rows)} claims ({right} right) of {gold} gold facts; threshold {threshold:.3f}")
    print(f"wrote {MODEL.relative_to(ROOT)}: {len(feature_names())} features on {', '.join(RELATIONS)}")


if __name__ == "__main__":
    main()

"""Relation extraction accuracy against a gold JSONL (DESIGN.md claim format).

    python benchmarks/relations.py                       # extract ../shared/corpus/dev and score it
    python benchmarks/relations.py --corpus train        # ../shared/corpus/train without the blind fold
    python benchmarks/relations.py --corpus all          # dev and train, without the blind fold
    python benchmarks/relations.py --corpus blind        # the blind fold only: score it when an issue is done
    python benchmarks/relations.py --pred claims.jsonl   # score `storyline extract --json` output
    python benchmarks/relations.py --misses              # also list errors, by class

The blind fold (benchmarks/blind_fold.tsv) is a quarter of train's clusters that no rule is written
against: never read those articles or their misses; its score estimates accuracy on unseen news.

Matching (DESIGN.md): a predicted claim matches a gold fact of the same file when the relation is
the same and the pair is the same (in either order). Names match when they are equal ignoring case,
accents and punctuation, or when one's words are all in the other ("Meghan" and "Meghan, Duchess of
Sussex"). Each gold fact matches at most one claim. Only the eight gold relations are scored (`met`
and the career/speech relations are not annotated). On matched facts, `when` and `ended` are right
when both are null, or when they overlap the gold interval and are at least as precise (an interval
takes the precision of its coarsest bounded side); status must be equal.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.model import Precision, TimeSpan  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
BLIND_FOLD = Path(__file__).resolve().parent / "blind_fold.tsv"
SCORED = ("dating", "engaged", "married", "split", "divorced", "reconciled", "moved_in", "child_born")


def fold(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    return frozenset("".join(c if c.isalnum() else " " for c in plain).split())


def same_name(a: str | None, b: str | None) -> bool:
    x, y = fold(a), fold(b)
    return bool(x and y) and (x <= y or y <= x)


def same_pair(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    ga, gb, pa, pb = gold["a"], gold["b"], pred["a"], pred["b"]
    return (same_name(ga, pa) and same_name(gb, pb)) or (same_name(ga, pb) and same_name(gb, pa))


def _span(text: str | None) -> TimeSpan | None:
    if not text:
        return None
    try:
        return TimeSpan.parse(text)
    except ValueError:
        return None


def _precision(span: TimeSpan) -> Precision:
    return span.precision


def time_right(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    g, p = _span(gold), _span(pred)
    if g is None or p is None:
        return False
    return g.overlaps(p) and _precision(p) >= min(_precision(g), Precision.DAY)


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def blind_files() -> set[str]:
    """The files of the blind fold (benchmarks/blind_fold.tsv)."""
    lines = BLIND_FOLD.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[1] for line in lines if "\t" in line and not line.startswith(("#", "cluster"))}


def corpus_files(name: str) -> list[Path]:
    """The article files of a named corpus (dev, train, all, blind) or of a folder."""
    blind = blind_files()
    dev = sorted((SHARED / "dev").glob("*.txt"))
    train = sorted((SHARED / "train").glob("*.txt"))
    named = {
        "dev": dev,
        "train": [p for p in train if p.name not in blind],
        "blind": [p for p in train if p.name in blind],
    }
    named["all"] = named["dev"] + named["train"]
    if name in named:
        return named[name]
    return sorted(Path(name).glob("*.txt"))


def corpus_gold(name: str, files: list[Path]) -> list[dict[str, Any]]:
    """The gold facts of those files, from the gold.jsonl beside them."""
    wanted = {p.name for p in files}
    folders = sorted({p.parent for p in files})
    if name not in ("dev", "train", "all", "blind"):
        folders = [Path(name)]
    gold = [g for folder in folders for g in load(folder / "gold.jsonl")]
    return [g for g in gold if g["file"] in wanted]


def extract_files(files: list[Path]) -> list[dict[str, Any]]:
    from storyline.articles import read_articles
    from storyline.extract import extract_all
    from storyline.model import Article

    articles = [a for a in read_articles(files) if isinstance(a, Article)]
    return [claim.to_json() for ex in extract_all(articles) for claim in ex.claims]


def extract_corpus(corpus: Path, gold_files: set[str]) -> list[dict[str, Any]]:
    files = [corpus / name for name in sorted(gold_files | {p.name for p in corpus.glob("*.txt")})]
    return extract_files(files)


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (gold index, pred index): same file, relation and pair; dates decide between rivals."""
    options = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g["file"] == p["file"] and g["relation"] == p["relation"] and same_pair(g, p):
                score = (
                    time_right(g["when"], p["when"]),
                    time_right(g["ended"], p["ended"]),
                    g["status"] == p["status"],
                )
                options.append((score, gi, pi))
    options.sort(key=lambda o: o[0], reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in options:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], misses: bool, time_misses: bool = False
) -> dict[str, float]:
    pred = [p for p in pred if p["relation"] in SCORED and p.get("polarity", True)]
    pairs = match(gold, pred)
    print(f"{'relation':12} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}")
    totals = Counter[str]()
    for relation in SCORED:
        g_n = sum(1 for g in gold if g["relation"] == relation)
        p_n = sum(1 for p in pred if p["relation"] == relation)
        tp = sum(1 for gi, _ in pairs if gold[gi]["relation"] == relation)
        p, r, f = prf(tp, p_n - tp, g_n - tp)
        totals.update(gold=g_n, pred=p_n, tp=tp)
        print(f"{relation:12} {g_n:5d} {p_n:5d} {tp:4d} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(totals["tp"], totals["pred"] - totals["tp"], totals["gold"] - totals["tp"])
    print(
        f"{'overall':12} {totals['gold']:5d} {totals['pred']:5d} {totals['tp']:4d} {p:6.3f} {r:6.3f} {f:6.3f}"
    )
    n = len(pairs) or 1
    when = sum(time_right(gold[g]["when"], pred[q]["when"]) for g, q in pairs) / n
    ended = sum(time_right(gold[g]["ended"], pred[q]["ended"]) for g, q in pairs) / n
    status = sum(gold[g]["status"] == pred[q]["status"] for g, q in pairs) / n
    print(f"\non {len(pairs)} matched facts: when right {when:.3f}, ended right {ended:.3f}, ", end="")
    print(f"status right {status:.3f}")
    print(f"\n{'relation':12} {'matched':>7} {'when':>6} {'ended':>6}  (share right on matched facts)")
    for relation in SCORED:
        hit = [(g, q) for g, q in pairs if gold[g]["relation"] == relation]
        if hit:
            w = sum(time_right(gold[g]["when"], pred[q]["when"]) for g, q in hit) / len(hit)
            e = sum(time_right(gold[g]["ended"], pred[q]["ended"]) for g, q in hit) / len(hit)
            print(f"{relation:12} {len(hit):7d} {w:6.3f} {e:6.3f}")
    print(f"\n{'status':10} {'gold':>5} {'matched':>8} {'right':>6}")
    for name in ("confirmed", "reported", "rumoured", "denied"):
        in_gold = [g for g in gold if g["status"] == name]
        hit = [(g, q) for g, q in pairs if gold[g]["status"] == name]
        right = sum(pred[q]["status"] == name for _, q in hit)
        print(f"{name:10} {len(in_gold):5d} {len(hit):8d} {right:6d}")
    if misses:
        print_misses(gold, pred, pairs)
    if time_misses:
        print_time_misses(gold, pred, pairs)
    return {"precision": p, "recall": r, "f1": f, "when": when, "ended": ended, "status": status}


def _miss_class(g: dict[str, Any], pred: list[dict[str, Any]]) -> str:
    """Why a gold fact has no claim: a person never found, the pair read with another relation, or
    both people found but never paired."""
    here = [p for p in pred if p["file"] == g["file"]]
    names = [n for p in here for n in (p["a"], p["b"]) if n]
    if not any(same_name(g["a"], n) for n in names) or not any(same_name(g["b"], n) for n in names):
        return "a person in no claim"
    if any(same_pair(g, p) for p in here):
        return "pair read, other relation"
    return "pair never read"


def _alarm_class(q: dict[str, Any], gold: list[dict[str, Any]]) -> str:
    """Why a claim has no gold fact: a name that is no one of the gold, a pair the gold does not
    have, a pair the gold has with another relation, or one fact read twice."""
    here = [(i, g) for i, g in enumerate(gold) if g["file"] == q["file"]]
    names = [n for _, g in here for n in (g["a"], g["b"])]
    if not any(same_name(q["a"], n) for n in names) or not any(same_name(q["b"], n) for n in names):
        return "a name not in the gold"
    same = [(i, g) for i, g in here if same_pair(g, q)]
    if not same:
        return "a pair not in the gold"
    if any(g["relation"] == q["relation"] for _, g in same):
        return "a fact read twice"
    return "other relation of a gold pair"


def _time_class(gold: str | None, pred: str | None, published: str | None) -> str:
    """Why a matched fact's date is wrong."""
    if pred is None:
        return "no date where the article gives one"
    if gold is None:
        return "a date where the article gives none"
    g, p = _span(gold), _span(pred)
    if g is None or p is None:
        return "unreadable value"
    if g.overlaps(p):
        return "right time, too coarse"
    if published and p.latest is not None and str(p.latest) == published[:10]:
        return "the report date for the event's"
    return "another time"


def print_time_misses(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], pairs: list[tuple[int, int]]
) -> None:
    """Matched facts whose `when` or `ended` is wrong, by class."""
    for key in ("when", "ended"):
        groups: dict[str, list[str]] = defaultdict(list)
        for gi, qi in pairs:
            g, q = gold[gi], pred[qi]
            if time_right(g[key], q[key]):
                continue
            name = _time_class(g[key], q[key], q.get("published"))
            line = f"  {g['file'][:28]:28} {g['relation']:10} {g['a']} | {g['b']}  gold {g[key]} got {q[key]}"
            groups[name].append(f"{line}  {g['evidence'][:70]!r}")
        print(f"\n`{key}` wrong: {sum(len(v) for v in groups.values())}")
        for name, lines in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"\n {name} ({len(lines)}):")
            print("\n".join(lines))


def print_misses(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], pairs: list[tuple[int, int]]
) -> None:
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    missed: dict[str, list[str]] = defaultdict(list)
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            line = f"  {g['file'][:28]:28} {g['relation']:10} {g['a']} | {g['b']}  when={g['when']}"
            missed[_miss_class(g, pred)].append(f"{line}  {g['evidence'][:80]!r}")
    alarms: dict[str, list[str]] = defaultdict(list)
    for pi, q in enumerate(pred):
        if pi not in matched_p:
            line = f"  {q['file'][:28]:28} {q['relation']:10} {q['a']} | {q['b']}  when={q['when']}"
            alarms[_alarm_class(q, gold)].append(f"{line}  {q['evidence'][:80]!r}")
    for title, groups in (("missed (gold without a matching claim)", missed), ("false alarms", alarms)):
        print(f"\n{title}: {sum(len(v) for v in groups.values())}")
        for name, lines in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"\n {name} ({len(lines)}):")
            print("\n".join(lines))
    print("\nwrong details on matched facts:")
    for gi, qi in pairs:
        g, q = gold[gi], pred[qi]
        bad = [k for k in ("when", "ended") if not time_right(g[k], q[k])]
        if g["status"] != q["status"]:
            bad.append("status")
        if bad:
            details = ", ".join(f"{k}: gold {g[k]} got {q[k]}" for k in bad)
            print(f"  {g['file'][:28]:28} {g['relation']:10} {g['a']} | {g['b']}  {details}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus",
        default="dev",
        help="dev, train (without the blind fold), all (both), blind, or a folder with a gold.jsonl",
    )
    parser.add_argument("--gold", type=Path, help="gold facts (default: the corpus's gold.jsonl)")
    parser.add_argument(
        "--pred", type=Path, help="claims JSONL from `storyline extract --json` (default: extract now)"
    )
    parser.add_argument("--misses", action="store_true", help="list errors by class, and wrong details")
    parser.add_argument("--time-misses", action="store_true", help="list wrong `when`/`ended`, by class")
    parser.add_argument("--save", type=Path, help="also write the predicted claims to this JSONL file")
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    if not files:
        parser.error(f"no articles in {args.corpus!r}: name dev, train, all, blind or a folder of .txt files")
    gold = load(args.gold) if args.gold else corpus_gold(args.corpus, files)
    pred = load(args.pred) if args.pred else extract_files(files)
    if args.save:
        args.save.write_text("".join(json.dumps(p) + "\n" for p in pred), encoding="utf-8")
    by_file: dict[str, int] = defaultdict(int)
    for g in gold:
        by_file[g["file"]] += 1
    print(f"gold: {len(gold)} facts in {len(by_file)} files; predicted: {len(pred)} claims\n")
    report(gold, pred, args.misses, args.time_misses)


if __name__ == "__main__":
    main()

"""How fast `timeline --json` and `partners` answer for one person with many claims.

    python benchmarks/timeline.py [--claims 10000] [--runs 15] [--db sqlite:///path.db]

Builds a store (a temporary SQLite file unless --db) where one fictional person has `--claims`
claims over many articles and partners, then times the library calls the CLI makes:
`timeline(store, name)` with every entry turned to JSON, and `partners(store, name, at, as_of)`.
Prints the median and the 95th percentile in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.model import Article, Claim, Evidence, Extraction, Relation, Status, TimeSpan  # noqa: E402
from storyline.query import partners, timeline  # noqa: E402
from storyline.store import Store, open_store  # noqa: E402

PERSON = "Ann Cole"
_RELATIONS = [
    Relation.MET,
    Relation.DATING,
    Relation.ENGAGED,
    Relation.MARRIED,
    Relation.SPLIT,
    Relation.SAID,
]
_STATUSES = [Status.CONFIRMED, Status.CONFIRMED, Status.REPORTED, Status.RUMOURED, Status.DENIED]


def fill(store: Store, claims: int, per_article: int = 10) -> None:
    """`claims` claims about PERSON and invented partners, `per_article` to an article."""
    start = date(1990, 1, 1)
    made = 0
    n = 0
    while made < claims:
        published = start + timedelta(days=7 * n)
        article = Article(published=published, text=f"Article {n} about {PERSON}.", source=f"a{n:06d}.txt")
        batch = []
        for k in range(min(per_article, claims - made)):
            i = made + k
            partner = f"Partner{i % 400:03d} Quill"
            relation = _RELATIONS[i % len(_RELATIONS)]
            year = 1980 + (i % 40)
            batch.append(
                Claim(
                    subject=PERSON,
                    relation=relation,
                    object=partner,
                    when=TimeSpan.of(f"{year}-{1 + i % 12:02d}"),
                    status=_STATUSES[i % len(_STATUSES)],
                    evidence=Evidence(
                        article.id, f"{PERSON} and {partner}, claim {i}.", k * 40, k * 40 + 30, article.source
                    ),
                    known_at=published,
                    extra={"rule": "benchmark"},
                )
            )
        store.add(Extraction(article=article, claims=tuple(batch)))
        made += len(batch)
        n += 1


def timed(runs: int, call: object) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", help="a store URL to fill (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/timeline.db"
        with open_store(url) as store:
            started = time.perf_counter()
            fill(store, args.claims)
            print(
                f"filled {args.claims} claims about {PERSON} in {time.perf_counter() - started:.1f} s ({url})"
            )
            results = {
                "timeline --json": timed(args.runs, lambda: [e.to_json() for e in timeline(store, PERSON)]),
                "partners --at --as-of": timed(
                    args.runs,
                    lambda: [
                        p.to_json() for p in partners(store, PERSON, date(2000, 6, 1), date(2010, 1, 1))
                    ],
                ),
            }
    print(f"{'query':24} {'median ms':>10} {'p95 ms':>8}")
    for name, times in results.items():
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
        print(f"{name:24} {statistics.median(times):10.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()

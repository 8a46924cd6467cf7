"""Load order does not change answers: the dev corpus ingested in three shuffled orders.

    python benchmarks/shuffle.py [--corpus DIR] [--orders 3]

Extracts every article once, loads the extractions into a fresh store per order (shuffled with a
different seed each time), and compares `timeline --json`, `partners --json` (at and as of a few
dates) and a few `ask` answers for every person of the corpus clusters. Prints how many answers
were compared and how many differed (0 is the promise).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.articles import read_articles  # noqa: E402
from storyline.ask import ask  # noqa: E402
from storyline.extract import extract_all  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.query import PersonNotFound, partners, timeline  # noqa: E402
from storyline.store import open_store  # noqa: E402

QUESTIONS = ["Who is {} with?", "Is {} single?", "What happened to {}?", "Who has {} dated?"]
DAYS = [
    (date(2018, 1, 1), date(2019, 1, 1)),
    (date(2023, 6, 1), date(2024, 1, 1)),
    (date(2024, 6, 1), date(2025, 12, 31)),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--orders", type=int, default=3)
    args = parser.parse_args()
    with (args.corpus / "index.tsv").open() as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    people = sorted({p for r in rows if r["cluster"] != "-" for p in r["people"].split(";")})
    articles = [a for a in read_articles([args.corpus]) if isinstance(a, Article)]
    extractions = list(extract_all(articles))
    answers = []
    for seed in range(args.orders):
        order = extractions[:]
        random.Random(seed).shuffle(order)
        with open_store("sqlite://:memory:") as store:
            for extraction in order:
                store.add(extraction)
            seen = {}
            for name in people:
                try:
                    seen[name] = (
                        [e.to_json() for e in timeline(store, name)],
                        [
                            [p.to_json() for p in partners(store, name, at=at, as_of=as_of)]
                            for at, as_of in DAYS
                        ],
                        [
                            ask(store, question.format(name), as_of=as_of).to_json()
                            for question in QUESTIONS
                            for _, as_of in DAYS
                        ],
                    )
                except PersonNotFound:
                    seen[name] = None
            answers.append(seen)
    differing = [n for n in people if any(a[n] != answers[0][n] for a in answers[1:])]
    compared = sum(1 for n in people if answers[0][n] is not None)
    print(f"{len(people)} people of the corpus clusters, {compared} found; {args.orders} load orders")
    print(f"answers that differ between orders: {len(differing)} {differing if differing else ''}")


if __name__ == "__main__":
    main()

"""Extraction speed and memory: articles per second of the full pipeline on one core.

    python benchmarks/speed.py [--corpus DIR] [--rounds 3]

The model loads once (not timed); then the corpus goes through `extract_all` `--rounds` times.
Threads are pinned to one so the figure is per core. Prints articles/s, ms per article, characters
per second, and the process's peak resident memory.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.articles import read_articles  # noqa: E402
from storyline.extract import extract_all  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.pipeline import load_pipeline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = [a for a in read_articles([args.corpus]) if isinstance(a, Article)]
    started = time.perf_counter()
    load_pipeline()
    loaded = time.perf_counter() - started
    claims = 0
    started = time.perf_counter()
    for _ in range(args.rounds):
        claims = sum(len(x.claims) for x in extract_all(articles))
    elapsed = time.perf_counter() - started
    n = len(articles) * args.rounds
    chars = sum(len(a.text) for a in articles) * args.rounds
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(articles)} articles, {chars // args.rounds} characters; model load {loaded:.1f} s")
    print(
        f"extract: {n / elapsed:.1f} articles/s ({1000 * elapsed / n:.1f} ms/article, "
        f"{chars / elapsed / 1000:.0f}k chars/s) over {args.rounds} rounds; {claims} claims a round"
    )
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()

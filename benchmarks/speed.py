"""Extraction speed and memory on one core: storyline against the bare spaCy model it sits on.

    python benchmarks/speed.py [--corpus train|dev|all|DIR] [--rounds 5] [--profile FILE]
    python benchmarks/speed.py --long 20,40,80,100 --rounds 0 --no-breakdown

Both pipelines are loaded once (not timed) in this process: the bare md model (`spacy.load`, every
component, `nlp.pipe`) and storyline's (`extract_all`: the model, storyline's components, readings,
claims and their scores). Rounds alternate bare and storyline over the same texts; the figures are
the medians of the rounds. Threads are pinned to one and the process to one core, and times are the
process's CPU seconds, so a machine shared with other work slows neither side's figure (wall time
would count the time spent waiting for the core). The ratio storyline / bare is what storyline's own
work costs on top of the model (issue 16 asks for at most 1.3).

Then one more pass times each pipeline component and each stage after the pipeline (readings,
context, merging and scoring) on its own, so the cost of every stage is visible; its total is close
to, not exactly, the storyline figure (it runs the components one after another over the whole corpus).
`--profile FILE` writes a cProfile dump of one storyline round (read it with `python -m pstats FILE`).
`--long` times one fictional article repeated to each size in KB: extraction should grow linearly.
Peak memory is the process's peak resident set, both pipelines loaded.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
if hasattr(os, "sched_setaffinity"):
    # One core, whichever this process may run on first: both pipelines share it.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import argparse  # noqa: E402
import cProfile  # noqa: E402
import importlib  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable, Iterable  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from relations import corpus_files  # noqa: E402
from storyline.articles import read_articles  # noqa: E402
from storyline.extract import extract_all  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.pipeline import _load_model, load_pipeline, make_doc  # noqa: E402
from storyline.scoring import default_scorer  # noqa: E402

BATCH = 16
# The module, not the function `storyline.extract` that the package exports under the same name.
extract_module = importlib.import_module("storyline.extract")

# A short fictional story (invented people), repeated by --long into one long article.
LONG_STORY = """Ann Cole and Cal Ng were married in June 2014 after two years of dating, friends said.
The singer, 34, met the chef at a festival in Lisbon; he proposed to her the following spring.
"We are very happy," Cole told Harbor Weekly on Tuesday. Ng's sister Mira Dahl was a bridesmaid.
In 2019 the couple welcomed a daughter, June, and moved into a farmhouse outside Bristol.
Reports last month said they had split, but a spokesperson denied it. Cole starred in the film
Salt Road (2021) as a lighthouse keeper. She and Ng renewed their vows on Saturday.

"""


def _clock() -> float:
    """CPU seconds of this process: on a machine others share, the time it ran, not the time it
    waited for a core (one thread computes: OMP and BLAS threads are pinned to one above)."""
    return time.process_time()


def _bare_round(bare: Language, texts: list[str]) -> float:
    started = _clock()
    for _ in bare.pipe(texts, batch_size=BATCH):
        pass
    return _clock() - started


def _storyline_round(nlp: Language, articles: list[Article]) -> tuple[float, int]:
    started = _clock()
    claims = sum(len(x.claims) for x in extract_all(articles, nlp, batch_size=BATCH))
    return _clock() - started, claims


def _compare(bare: Language, nlp: Language, articles: list[Article], rounds: int) -> None:
    """Alternated rounds of the bare model and of storyline over the same texts; their medians."""
    texts = [a.text for a in articles]
    bare_times: list[float] = []
    ours_times: list[float] = []
    claims = 0
    for _ in range(rounds):
        bare_times.append(_bare_round(bare, texts))
        seconds, claims = _storyline_round(nlp, articles)
        ours_times.append(seconds)
    n, chars = len(articles), sum(len(t) for t in texts)
    bare_s, ours_s = statistics.median(bare_times), statistics.median(ours_times)
    print(f"medians of {rounds} alternated rounds, one core, CPU time:")
    print(
        f"  bare model  {n / bare_s:6.1f} articles/s  {1000 * bare_s / n:7.1f} ms/article  "
        f"{chars / bare_s / 1000:5.0f}k chars/s"
    )
    print(
        f"  storyline   {n / ours_s:6.1f} articles/s  {1000 * ours_s / n:7.1f} ms/article  "
        f"{chars / ours_s / 1000:5.0f}k chars/s  ({claims} claims)"
    )
    each = " ".join(f"{o / b:.2f}" for o, b in zip(ours_times, bare_times, strict=True))
    print(f"  ratio storyline / bare: {ours_s / bare_s:.2f}  (each round: {each})")


def _timed(name: str, spent: dict[str, float], function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = _clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += _clock() - started

    return wrapper


def _breakdown(nlp: Language, articles: list[Article]) -> dict[str, float]:
    """Seconds per pipeline component and per post-pipeline stage, over the whole corpus once.

    Components run one after another over every Doc (as `nlp.pipe` does batch by batch); the stages
    after the pipeline are timed by wrapping the functions `extract._from_doc` calls."""
    spent: dict[str, float] = defaultdict(float)
    started = _clock()
    docs: list[Doc] = [make_doc(nlp, a.text, a.published) for a in articles]
    spent["make_doc (tokenizer)"] += _clock() - started
    for name, proc in nlp.pipeline:
        started = _clock()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=BATCH))
        else:
            docs = [proc(doc) for doc in docs]
        spent[name] += _clock() - started
    stages = ("_entities", "readings_of", "article_context", "merge")
    saved: list[tuple[str, Any]] = []
    for attribute in stages:
        if hasattr(extract_module, attribute):
            saved.append((attribute, getattr(extract_module, attribute)))
            setattr(
                extract_module, attribute, _timed(f"  {attribute}", spent, getattr(extract_module, attribute))
            )
    from_doc = _timed("after the pipeline (extract._from_doc)", spent, extract_module._from_doc)
    try:
        scorer = default_scorer()
        for doc, article in zip(docs, articles, strict=True):
            from_doc(doc, article, scorer)
    finally:
        for attribute, original in saved:
            setattr(extract_module, attribute, original)
    return spent


def _print_breakdown(nlp: Language, spent: dict[str, float], n: int) -> None:
    total = sum(v for k, v in spent.items() if not k.startswith("  "))
    model = {"make_doc (tokenizer)"} | {name for name in nlp.pipe_names if not name.startswith("storyline_")}
    ours = total - sum(v for k, v in spent.items() if k in model)
    print(f"\nper stage, one pass ({n} articles): ms/article, share of the pass")
    for name, seconds in spent.items():
        print(f"  {name:<40} {1000 * seconds / n:8.2f} ms {100 * seconds / total:5.1f}%")
    print(f"  {'model (tokenizer + model components)':<40} {1000 * (total - ours) / n:8.2f} ms")
    print(f"  {'storyline (its components + after)':<40} {1000 * ours / n:8.2f} ms")


def _long_curve(bare: Language, nlp: Language, sizes: Iterable[int]) -> None:
    """One long article (the same couple and triggers again and again, the worst case for pairings),
    at each size: storyline's time against the bare model's, which is linear in the length."""
    print("\none long fictional article (a short story repeated): seconds to extract")
    previous: tuple[int, float] | None = None
    for kb in sizes:
        text = LONG_STORY * (kb * 1024 // len(LONG_STORY) + 1)
        text = text[: kb * 1024].rsplit("\n\n", 1)[0]
        article = Article(published=date(2024, 5, 1), text=text)
        bare_s = _bare_round(bare, [text])
        started = _clock()
        claims = sum(len(x.claims) for x in extract_all([article], nlp))
        ours = _clock() - started
        growth = f"  x{ours / previous[1]:.1f} for x{kb / previous[0]:.1f} the text" if previous else ""
        print(
            f"  {kb:4d} KB: storyline {ours:7.2f} s, bare model {bare_s:6.2f} s, ratio {ours / bare_s:5.2f}, "
            f"{claims} claims{growth}"
        )
        previous = (kb, ours)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", default="train", help="train (default, without the blind fold), dev, all, or a folder"
    )
    parser.add_argument("--rounds", type=int, default=5, help="alternated rounds of each (default 5)")
    parser.add_argument("--profile", type=Path, help="write a cProfile dump of one storyline round here")
    parser.add_argument(
        "--long", help="also time one long fictional article at these sizes in KB, e.g. 20,40,80,100"
    )
    parser.add_argument("--no-breakdown", action="store_true", help="skip the per-stage pass")
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    if not files:
        parser.error(f"no articles in {args.corpus!r}: name dev, train, all or a folder of .txt files")
    articles = [a for a in read_articles(files) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    started = time.perf_counter()
    bare = _load_model(None)
    nlp = load_pipeline()
    loaded = time.perf_counter() - started
    # Warm both up (first calls allocate and fill caches), untimed.
    _bare_round(bare, texts[:4])
    _storyline_round(nlp, articles[:4])
    n = len(articles)
    chars = sum(len(t) for t in texts)
    print(f"corpus {args.corpus}: {n} articles, {chars} characters; both pipelines loaded in {loaded:.1f} s")
    print(f"bare model ({', '.join(bare.pipe_names)}), storyline ({len(nlp.pipe_names)} components)")
    if args.rounds > 0:
        _compare(bare, nlp, articles, args.rounds)
    if not args.no_breakdown:
        _print_breakdown(nlp, _breakdown(nlp, articles), n)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        _storyline_round(nlp, articles)
        profiler.disable()
        profiler.dump_stats(args.profile)
        print(
            f"\ncProfile of one storyline round written to {args.profile} (python -m pstats {args.profile})"
        )
    if args.long:
        _long_curve(bare, nlp, [int(kb) for kb in args.long.split(",")])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory: {peak:.0f} MB (resident, both pipelines loaded)")


if __name__ == "__main__":
    main()

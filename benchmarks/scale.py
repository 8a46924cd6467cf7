"""Scale: Dask ingestion on 1 and 2 workers, memory per worker, and queries at 1M claims on both stores.

    scripts/with-postgres .venv/bin/python benchmarks/scale.py             # everything, about 20 minutes
    .venv/bin/python benchmarks/scale.py --articles 200 --memory 100,400 --claims 50000   # a quick look

1. Throughput: `--articles` generated articles (fictional names made of invented syllables, varied
   templates covering every relation) go through `ingest --engine dask` on a local cluster of 1, then
   2 worker processes, into a fresh SQLite file. The cluster is started and each worker's model
   loaded (by a warm-up ingest) before the clock starts: articles/s is the steady state, the best of
   `--repeat` runs, with the CPU time other programs took meanwhile (on a shared machine they
   take workers' cores).
2. Memory: the same on 2 workers for each size in `--memory`, each on a fresh cluster; the peak
   resident memory of each worker process (and its memory at the end) after the run.
3. Queries: `--claims` synthetic claims go into each store through `Store.add`, as extractions of
   synthetic articles (not through the NLP: a million claims would be 200,000 articles, hours of
   extraction), about `--claims / 20` people whose coverage is skewed as celebrity news is
   (`--skew`: the most-written-about couples get thousands of claims). Then `timeline` and
   `partners` of `--samples` people are timed, p50 and p95, the people drawn two ways: uniformly
   (anyone may be looked up) and in proportion to their claims (the famous are looked up more);
   `Store.claims` of the same people alone shows the store's part. PostgreSQL needs `--postgres URL`
   or $STORYLINE_TEST_POSTGRES (scripts/with-postgres sets it); its tables go in a schema of their
   own, dropped afterwards.

Prints a table of every figure. `--phases` picks some of throughput, memory, queries.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from collections.abc import Iterator  # noqa: E402

from storyline.model import (  # noqa: E402
    Article,
    Claim,
    Entity,
    Evidence,
    Extraction,
    Relation,
    Status,
    TimeSpan,
)
from storyline.store import Store, open_store  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Fictional people and articles

_ONSETS = ["b", "br", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "th", "v", "z", "sh", "kr"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io"]
_CODAS = ["", "", "n", "l", "r", "s", "th", "m", "x", "nd", "rk"]
_TOWNS = ["Velmora", "Kastrel", "Dunmarsh", "Orrin Bay", "Thessaly Hill", "Brackwater", "Lowen", "Sarne"]
_OUTLETS = ["The Evening Lantern", "Morning Courier", "The Daily Quill", "Weekend Herald"]
_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
]  # fmt: skip
_ROLES = ["actress", "actor", "singer", "presenter", "model", "comedian", "director", "footballer"]
_HEDGES = ["", "reportedly ", "", "are said to have ", ""]


class Namer:
    """Unique full names from invented syllables: "Tharik Velnost". First names come from a pool of
    300, as in life many people share one, so looking up a name meets many namesakes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()
        self.first = sorted({self.word(2).capitalize() for _ in range(300)})

    def word(self, syllables: int) -> str:
        rng = self.rng
        return "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )

    def person(self) -> str:
        while True:
            name = f"{self.rng.choice(self.first)} {self.word(self.rng.choice((2, 3))).capitalize()}"
            if name not in self.seen:
                self.seen.add(name)
                return name


def _when(rng: random.Random, year: int) -> str:
    return rng.choice([str(year), f"{rng.choice(_MONTHS)} {year}", f"the summer of {year}"])


def synthetic_article(rng: random.Random, namer: Namer, number: int) -> dict[str, Any]:
    """One JSONL record: a story about a couple, its past and their careers, in varied order and words."""
    a, b, ex, child = namer.person(), namer.person(), namer.person(), namer.word(2).capitalize()
    role_a, role_b = rng.sample(_ROLES, 2)
    met = rng.randint(2005, 2018)
    published = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1800))
    town, work = (
        rng.choice(_TOWNS),
        f"The {namer.word(2).capitalize()} {rng.choice(['Affair', 'Road', 'Hours'])}",
    )
    outlet = rng.choice(_OUTLETS)
    ending = rng.choice(["split", "married", "engaged", "baby", "reconciled", "divorced"])
    hedge = rng.choice(_HEDGES)
    said = rng.choice(["sources say", "a representative confirmed", "according to friends"])
    shown = rng.choice(["court papers show", "a spokesperson confirmed"])
    lead = {
        "split": f"{a} and {b} have {hedge}split after {published.year - met} years together.",
        "married": f"{a} and {b} {hedge or 'have '}married in a small ceremony in {town}.",
        "engaged": f"{a} is {hedge.replace('are', 'is')}engaged to {b}, {said}.",
        "baby": f"{a} and {b} have welcomed their first child, a daughter named {child}.",
        "reconciled": f"{a} and {b} have {hedge}reconciled, months after their split.",
        "divorced": f"{a} and {b} have finalised their divorce, {shown}.",
    }[ending]
    background = [
        f"The {role_a} and the {role_b} met in {_when(rng, met)} on the set of {work}.",
        f"They started dating in {_when(rng, met + rng.randint(0, 1))}.",
        f"The couple moved in together in {town} in {met + rng.randint(1, 3)}.",
        f"{b.split()[0]} proposed in {_when(rng, met + rng.randint(2, 5))}, a friend revealed.",
        f"Earlier that year, {a.split()[0]} had ended a two-year relationship with {ex}.",
        f"{a} starred in {work} at the {rng.choice(_TOWNS)} Playhouse in {met - 1}.",
        f"{b} lives in {rng.choice(_TOWNS)} with two dogs.",
        f'{a.split()[0]} told {outlet} in {met + 3}: "We are very happy and we are in no hurry."',
        f"It is rumoured that the pair quietly married in {met + rng.randint(4, 8)}.",
        f"{b.split()[0]} has denied reports that the couple split in {published.year - 1}.",
        f"{ex} and {b} were once photographed together at a premiere, fuelling speculation.",
    ]
    rng.shuffle(background)
    filler = [
        f"The {role_b} is best known for a long-running role in {work}.",
        f"Representatives for {a.split()[-1]} did not respond to a request for comment.",
        f"{b.split()[-1]} will next appear in a new series filmed in {rng.choice(_TOWNS)}.",
        "Fans flooded social media with messages after the news broke on Tuesday.",
    ]
    body = [lead, *background[: rng.randint(5, 9)], *rng.sample(filler, 2)]
    title = lead.split(",")[0].rstrip(".")
    return {
        "id": f"scale-{number:06d}",
        "published": published.isoformat(),
        "title": title,
        "text": title + "\n\n" + "\n\n".join(body),
        "url": None,
    }


def write_articles(path: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    namer = Namer(rng)
    with path.open("w", encoding="utf-8") as out:
        for number in range(n):
            out.write(json.dumps(synthetic_article(rng, namer, number)) + "\n")
    return path


# ---------------------------------------------------------------------------------------------
# Ingestion on Dask


def _memory() -> tuple[float, float]:
    """This process's peak and current resident memory, in MB (run on each worker)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return peak, current


def _cpu() -> float:
    """CPU seconds this process has used (run on each worker too)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all processes, /proc/stat)."""
    with open("/proc/stat") as stat:
        ticks = [int(t) for t in stat.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def dask_ingest(articles: Path, warm: Path, workers: int, folder: Path) -> dict[str, Any]:
    """Ingest `articles` on a fresh local cluster of `workers` processes, timed once the models are loaded.

    `other_cpu` is CPU time the machine spent on anything but this run (the parent, with the
    scheduler, and the workers): what other programs took from it while it was timed.
    """
    from distributed import Client

    from storyline.cluster import DaskEngine, local_cluster
    from storyline.ingest import ingest

    # The cluster `ingest --engine dask` starts, started here to ask its workers for their memory.
    with local_cluster(workers) as cluster, Client(cluster) as client:
        engine = DaskEngine(cluster.scheduler_address)
        with open_store("sqlite://:memory:") as scratch:
            ingest([warm], scratch, engine=engine)
        db = folder / f"ingest-{workers}-{uuid.uuid4().hex[:6]}.db"
        with open_store(str(db)) as store:
            ours = _cpu() + sum(client.run(_cpu).values())
            busy = _machine_busy()
            started = time.perf_counter()
            report = ingest([articles], store, engine=engine)
            elapsed = time.perf_counter() - started
            busy = _machine_busy() - busy
            ours = _cpu() + sum(client.run(_cpu).values()) - ours
            claims = store.counts()["claims"]
        memory = client.run(_memory)
    return {
        "articles": report.new,
        "failed": report.failed,
        "seconds": elapsed,
        "rate": report.new / elapsed,
        "other_cpu": max(busy - ours, 0.0),
        "claims": claims,
        "memory": sorted(memory.values()),
        "db_mb": db.stat().st_size / 2**20,
    }


# ---------------------------------------------------------------------------------------------
# A million claims, straight through the Store API

_PHASES = [
    Relation.MET,
    Relation.DATING,
    Relation.MOVED_IN,
    Relation.ENGAGED,
    Relation.MARRIED,
    Relation.SPLIT,
]


class Coverage:
    """Synthetic articles of 20 claims each (4 couples, 5 facts a couple) about claims/20 people, and
    how much is written about each person (a weight)."""

    def __init__(self, claims: int, seed: int, skew: float) -> None:
        self.rng = random.Random(seed)
        self.articles = claims // 20
        namer = Namer(self.rng)
        self.people = [namer.person() for _ in range(max(claims // 20, 10))]
        # Everyone has two or three partners over the years; some couples are written about far more.
        n = len(self.people)
        self.couples = [
            (self.people[i], self.people[(i + self.rng.choice((1, 7, 31))) % n]) for i in range(n)
        ]
        self.couples += [(p, self.rng.choice(self.people)) for p in self.rng.sample(self.people, n // 2)]
        self.weights = [1 / (rank + 10) ** skew for rank in range(len(self.couples))]
        self.claims: dict[str, int] = dict.fromkeys(self.people, 0)

    def extractions(self) -> Iterator[Extraction]:
        rng = self.rng
        for number in range(self.articles):
            published = date(2000, 1, 1) + timedelta(days=rng.randint(0, 9000))
            article = Article(
                published, f"synthetic {number}", title=f"Story {number}", source=f"s{number}.txt"
            )
            found: list[Claim] = []
            picked = rng.choices(range(len(self.couples)), weights=self.weights, k=4)
            for a, b in (self.couples[i] for i in picked):
                self.claims[a] += 5
                self.claims[b] += 5
                start = rng.randint(1995, published.year)
                for step, relation in enumerate(rng.sample(_PHASES, 5)):
                    year = min(start + step, published.year)
                    when = TimeSpan.parse(rng.choice([str(year), f"{year}-{rng.randint(1, 12):02d}"]))
                    at = len(found) * 40
                    found.append(
                        Claim(
                            subject=a,
                            relation=relation,
                            object=b,
                            when=when,
                            status=rng.choice([Status.CONFIRMED] * 6 + [Status.REPORTED, Status.RUMOURED]),
                            evidence=Evidence(article.id, f"{a} and {b}: {relation} in {year}.", at, at + 39),
                            known_at=published,
                            confidence=0.9,
                        )
                    )
            entities = tuple(Entity(n) for n in dict.fromkeys(n for i in picked for n in self.couples[i]))
            yield Extraction(article, entities, (), tuple(found))


def _percentiles(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def query_latency(
    store: Store, claims: dict[str, int], weighted: bool, samples: int, seed: int
) -> dict[str, Any]:
    """p50/p95 of timeline, partners and (their store part) `Store.claims`, over `samples` people."""
    from storyline.query import partners, timeline

    rng = random.Random(seed)
    people = [p for p, n in claims.items() if n]
    chosen = rng.choices(people, weights=[claims[p] for p in people] if weighted else None, k=samples)
    timeline(store, chosen[0])  # the first query pays for cold caches
    times: dict[str, list[float]] = {"timeline": [], "partners": [], "store": []}
    for name in chosen:
        started = time.perf_counter()
        timeline(store, name)
        times["timeline"].append(1000 * (time.perf_counter() - started))
        started = time.perf_counter()
        partners(store, name, at=date(rng.randint(2000, 2024), 6, 1))
        times["partners"].append(1000 * (time.perf_counter() - started))
        started = time.perf_counter()
        store.claims([name])
        times["store"].append(1000 * (time.perf_counter() - started))
    return {kind: _percentiles(values) for kind, values in times.items()} | {
        "claims": _percentiles([claims[n] for n in chosen]),
        "max_ms": max(max(v) for v in times.values()),
    }


def load_and_query(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    coverage = Coverage(args.claims, args.seed, args.skew)
    started = time.perf_counter()
    for extraction in coverage.extractions():
        store.add(extraction)
    loaded = time.perf_counter() - started
    claims = [n for n in coverage.claims.values() if n]
    return {
        "claims": store.counts()["claims"],
        "load_s": loaded,
        "people": len(claims),
        "per_person": (statistics.median(claims), statistics.quantiles(claims, n=20)[18], max(claims)),
        # Anyone may be looked up, or (as in life) the much-written-about are looked up much more.
        "uniform": query_latency(store, coverage.claims, False, args.samples, args.seed),
        "by coverage": query_latency(store, coverage.claims, True, args.samples, args.seed),
    }


def sqlite_queries(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    path = folder / "million.db"
    with open_store(str(path)) as store:
        result = load_and_query(store, args)
    return result | {"db_mb": path.stat().st_size / 2**20}


def postgres_queries(args: argparse.Namespace) -> dict[str, Any]:
    import psycopg

    schema = f"scale_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.postgres, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            joint = "&" if "?" in args.postgres else "?"
            with open_store(f"{args.postgres}{joint}options=-csearch_path%3D{schema}") as store:
                result = load_and_query(store, args)
            size = admin.execute(
                "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'",
                (schema,),
            ).fetchone()
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
    return result | {"db_mb": int(size[0] if size else 0) / 2**20}


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--phases", default="throughput,memory,queries")
    parser.add_argument("--articles", type=int, default=2000, help="articles for the 1 vs 2 workers run")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each throughput figure (best kept)")
    parser.add_argument("--memory", default="1000,10000", help="article counts for peak memory per worker")
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims in the store for the queries")
    parser.add_argument("--samples", type=int, default=300, help="people queried per store")
    parser.add_argument("--skew", type=float, default=0.7, help="how much more the famous are written about")
    parser.add_argument("--postgres", default=os.environ.get("STORYLINE_TEST_POSTGRES"), metavar="URL")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    phases = set(args.phases.split(","))
    rows: list[tuple[str, str]] = []

    def show(label: str, value: str) -> None:
        rows.append((label, value))
        print(f"  {label:58} {value}", flush=True)

    print(f"storyline scale benchmark ({os.cpu_count()} CPUs)", flush=True)
    with tempfile.TemporaryDirectory(prefix="storyline-scale-") as tmp:
        folder = Path(tmp)
        warm = write_articles(folder / "warm.jsonl", 24, seed=args.seed + 1)
        if "throughput" in phases:
            articles = write_articles(folder / "throughput.jsonl", args.articles, args.seed)
            # The best of --repeat runs, as timeit takes: other programs only ever slow a run down.
            runs = {
                w: max(
                    (dask_ingest(articles, warm, w, folder) for _ in range(args.repeat)),
                    key=lambda r: r["rate"],
                )
                for w in (1, 2)
            }
            for w, run in runs.items():
                show(
                    f"ingest {args.articles} articles, Dask, {w} worker{'s' * (w > 1)}",
                    f"{run['rate']:.1f} articles/s ({run['seconds']:.0f} s, {run['claims']} claims, "
                    f"{run['failed']} failed; other programs took {run['other_cpu']:.0f} CPU s)",
                )
            show("scaling 2 workers / 1 worker", f"{runs[2]['rate'] / runs[1]['rate']:.2f}x")
        if "memory" in phases:
            for n in (int(x) for x in args.memory.split(",")):
                articles = write_articles(folder / f"memory-{n}.jsonl", n, args.seed + n)
                run = dask_ingest(articles, warm, 2, folder)
                peaks = ", ".join(f"{peak:.0f}" for peak, _ in run["memory"])
                ends = ", ".join(f"{end:.0f}" for _, end in run["memory"])
                show(f"peak RSS per worker, {n} articles on 2 workers (MB)", f"{peaks} (at the end: {ends})")
                show(f"SQLite database after {n} articles", f"{run['db_mb']:.1f} MB, {run['claims']} claims")
                (folder / f"memory-{n}.jsonl").unlink()
        if "queries" in phases:
            stores = [("SQLite", lambda: sqlite_queries(args, folder))]
            if args.postgres:
                stores.append(("PostgreSQL", lambda: postgres_queries(args)))
            else:
                print("  (PostgreSQL skipped: no --postgres URL or $STORYLINE_TEST_POSTGRES)", flush=True)
            for name, run_queries in stores:
                result = run_queries()
                show(
                    f"{name}: {result['claims']} synthetic claims via Store.add",
                    f"{result['people']} people, {result['db_mb']:.0f} MB, in {result['load_s']:.0f} s",
                )
                p50, p95, most = result["per_person"]
                show(f"{name}: claims per person p50 / p95 / max", f"{p50:.0f} / {p95:.0f} / {most}")
                for sampling in ("uniform", "by coverage"):
                    figures = result[sampling]
                    for kind in ("timeline", "partners", "store"):
                        label = "Store.claims alone" if kind == "store" else kind
                        p50, p95 = figures[kind]
                        show(
                            f"{name}: {label} p50 / p95, people drawn {sampling}", f"{p50:.1f} / {p95:.1f} ms"
                        )
                    p50, p95 = figures["claims"]
                    show(
                        f"{name}: claims of the people drawn {sampling} p50 / p95; slowest query",
                        f"{p50:.0f} / {p95:.0f}; {figures['max_ms']:.0f} ms",
                    )
    print("\n| measure | figure |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()

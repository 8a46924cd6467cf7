"""Concurrent readers over the HTTP API, with and without another process ingesting into the same
database, and beside a client that asks the slowest questions allowed.

    python benchmarks/load.py [--readers 50] [--seconds 60] [--store sqlite|postgres] [--ingest ingest|load]
                              [--couples 8]
    scripts/with-postgres python benchmarks/load.py --store postgres

Builds a database of synthetic articles about the fictional couples of benchmarks/fictional.py (2,000
articles of 10 claims about `--couples` couples: 8 makes each person the subject of 1,250 claims,
100 about 160), serves it with `storyline serve` (one process, as a user runs it), and runs
`--readers` concurrent clients on this machine, each sending its next request as soon as the last is
answered: timelines, partners, person pages, questions and name searches, over the 16 people. Three
phases of `--seconds` each:

  alone        the readers only;
  ingesting    the readers while another process ingests into the same database: `storyline ingest`
               of fresh fictional articles, one after another (the model and all, as a user would;
               `--ingest load` instead loads an extraction file, all writing and little CPU);
  slow asks    the readers beside one more client that asks, again and again, the slowest question
               allowed (300 characters, one name repeated): no reader should wait on it.

Prints, per phase: requests answered, errors (anything but a 200, or no answer), requests per
second, and the 50th, 95th and 99th percentile latency; then the throughput while ingesting as a
share of the throughput alone, and the slow questions' own latency.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import httpx  # noqa: E402

from fictional import ARTICLES, QUESTIONS, couples, seed_files, synthetic_extractions  # noqa: E402
from storyline.shards import write_extractions  # noqa: E402
from storyline.store import open_store  # noqa: E402

_CLI = [sys.executable, "-c", "from storyline.cli import main; main()"]
SLOW_QUESTION = ("When did " + "Ann Cole and " * 30 + "Cal Ng marry?")[:300]


@dataclass(slots=True)
class Phase:
    """What the readers saw in one phase."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    slow: list[float] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database(kind: str, folder: Path) -> tuple[str, str | None]:
    """A fresh database URL (and the PostgreSQL schema to drop afterwards, if any)."""
    if kind == "sqlite":
        return f"sqlite:///{folder / 'load.db'}", None
    server = os.environ.get("STORYLINE_TEST_POSTGRES")
    if not server:
        sys.exit("load.py --store postgres needs $STORYLINE_TEST_POSTGRES (run it in scripts/with-postgres)")
    import psycopg

    schema = f"load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    joint = "&" if "?" in server else "?"
    return f"{server}{joint}options=-csearch_path%3D{schema}", schema


def drop(schema: str | None) -> None:
    if schema is None:
        return
    import psycopg

    with psycopg.connect(os.environ["STORYLINE_TEST_POSTGRES"], autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


def requests_for(rng: random.Random, pairs: list[tuple[str, str]]) -> str:
    a, b = rng.choice(pairs)
    name = quote(rng.choice([a, b]), safe="")
    roll = rng.random()
    if roll < 0.30:
        return f"/api/people/{name}/timeline"
    if roll < 0.55:
        return f"/api/people/{name}/partners?at=2021-06-01"
    if roll < 0.65:
        return f"/api/people/{name}"
    if roll < 0.85:
        question = rng.choice(QUESTIONS).format(a=a, b=b)
        return f"/api/ask?q={quote(question)}"
    return f"/api/people?q={quote(a.split()[0][:3].lower())}"


async def reader(
    client: httpx.AsyncClient, phase: Phase, until: float, seed: int, pairs: list[tuple[str, str]]
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        url = requests_for(rng, pairs)
        started = time.monotonic()
        try:
            answer = await client.get(url)
            if answer.status_code != 200:
                phase.errors.append(f"{answer.status_code} {url}")
        except httpx.HTTPError as err:
            phase.errors.append(f"{type(err).__name__} {url}")
        phase.latencies.append(time.monotonic() - started)


async def slow_asker(client: httpx.AsyncClient, phase: Phase, until: float) -> None:
    while time.monotonic() < until:
        started = time.monotonic()
        with contextlib.suppress(httpx.HTTPError):
            await client.get("/api/ask", params={"q": SLOW_QUESTION})
        phase.slow.append(time.monotonic() - started)


async def run_phase(
    base: str, phase: Phase, readers: int, seconds: float, slow: bool, pairs: list[tuple[str, str]]
) -> None:
    limits = httpx.Limits(max_connections=readers + 2, max_keepalive_connections=readers + 2)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        started = time.monotonic()
        until = started + seconds
        tasks = [reader(client, phase, until, seed, pairs) for seed in range(readers)]
        if slow:
            tasks.append(slow_asker(client, phase, until))
        await asyncio.gather(*tasks)
        phase.seconds = time.monotonic() - started


def fresh_articles(folder: Path, round_: int) -> list[str]:
    """Fictional articles no earlier round wrote (another day each), so that every one is extracted."""
    written = [
        (f"r{round_:03d}-{name}", f"{1990 + round_ % 30}-{published[5:]}", text)
        for name, published, text in ARTICLES
    ]
    target = folder / f"round{round_:03d}"
    target.mkdir()
    return seed_files(target, written)


class Ingester(threading.Thread):
    """Another process writing into the database until stopped: `storyline ingest` of fresh articles,
    one run after another (as a cron job would run them), or `storyline load` of an extraction file."""

    def __init__(self, kind: str, url: str, folder: Path) -> None:
        super().__init__(daemon=True)
        self.kind, self.url, self.folder = kind, url, folder
        self.stopping = threading.Event()
        self.process: subprocess.Popen[bytes] | None = None
        self.runs = 0

    def run(self) -> None:
        for round_ in range(1000):
            if self.kind == "load":
                inputs = [str(self.folder / f"more{round_}.jsonl")]
                write_extractions(synthetic_extractions(1000, 30, offset=100_000 * (round_ + 1)), inputs[0])
            else:
                inputs = fresh_articles(self.folder, round_)
            if self.stopping.is_set():
                return
            verb = "ingest" if self.kind == "ingest" else "load"
            self.process = subprocess.Popen(
                [*_CLI, verb, *inputs, "--db", self.url, "-q"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.process.wait()
            self.runs += 1

    def stop(self) -> None:
        self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        self.join()


def wait_until_serving(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the server stopped before it answered")
        try:
            if httpx.get(f"{base}/api/people", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    sys.exit("the server did not answer within 60 s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values) or [0.0]
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--ingest", choices=["ingest", "load"], default="ingest")
    parser.add_argument(
        "--couples",
        type=int,
        default=8,
        help="couples the 2,000 articles are about (up to 128): 8 makes people of 1,250 claims each",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="storyline-load-") as tmp:
        folder = Path(tmp)
        url, schema = database(args.store, folder)
        try:
            with open_store(url) as store:
                pairs = couples(args.couples)
                for extraction in synthetic_extractions(2000, 10, pairs=pairs):
                    store.add(extraction)
                counts = store.counts()
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = subprocess.Popen(
                [*_CLI, "serve", "--db", url, "--port", str(port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"},
            )
            try:
                wait_until_serving(base, server)
                print(
                    f"load: {args.store}, {counts['articles']:,} articles, {counts['claims']:,} claims about "
                    f"{len(pairs)} couples; "
                    f"{args.readers} readers, {args.seconds:g} s a phase, on {os.cpu_count()} CPUs"
                )
                phases = []
                alone = Phase("alone")
                asyncio.run(run_phase(base, alone, args.readers, args.seconds, slow=False, pairs=pairs))
                phases.append(alone)
                ingesting = Phase(f"ingesting ({args.ingest})")
                writer = Ingester(args.ingest, url, folder)
                writer.start()
                time.sleep(10 if args.ingest == "ingest" else 3)  # the model loads before anything is written
                try:
                    asyncio.run(
                        run_phase(base, ingesting, args.readers, args.seconds, slow=False, pairs=pairs)
                    )
                finally:
                    writer.stop()
                phases.append(ingesting)
                slow = Phase("slow asks")
                asyncio.run(run_phase(base, slow, args.readers, args.seconds, slow=True, pairs=pairs))
                phases.append(slow)
            finally:
                server.terminate()
                server.wait()
            with open_store(url) as store:
                ingested = store.counts()["articles"] - counts["articles"]
        finally:
            drop(schema)

    print(
        f"{'phase':20} {'requests':>9} {'errors':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    for phase in phases:
        rate = len(phase.latencies) / phase.seconds if phase.seconds else 0.0
        print(
            f"{phase.name:20} {len(phase.latencies):9,} {len(phase.errors):7} {rate:7.1f} "
            f"{percentile(phase.latencies, 0.5) * 1000:8.0f} {percentile(phase.latencies, 0.95) * 1000:8.0f} "
            f"{percentile(phase.latencies, 0.99) * 1000:8.0f}"
        )
    for phase in phases:
        for error in sorted(set(phase.errors))[:5]:
            print(f"  {phase.name}: {error}")
    rates = [len(p.latencies) / p.seconds for p in phases]
    print(
        f"throughput while ingesting: {rates[1] / rates[0]:.0%} of alone"
        f" ({ingested} articles ingested meanwhile)"
    )
    if slow.slow:
        print(
            f"slow questions: {len(slow.slow)} asked, median {statistics.median(slow.slow) * 1000:.0f} ms; "
            f"readers beside them: p95 {percentile(slow.latencies, 0.95) * 1000:.0f} ms "
            f"(alone {percentile(alone.latencies, 0.95) * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()

"""kill -9 during ingest and load: no article half-stored, and a re-run reaches the clean result.

    python benchmarks/crash.py [--kills 25] [--store sqlite|postgres|both] [--seed 1]
    scripts/with-postgres python benchmarks/crash.py --store both

Two kinds of run are killed, alternately, with SIGKILL at a random moment:

  ingest  `storyline ingest` of the fictional articles of benchmarks/fictional.py (model and all),
          killed between the model's loading and the end of the run;
  load    `storyline load` of an extraction file of 400 synthetic articles of 40 claims each, where
          the time goes into writing, so the kill lands inside a transaction.

Each kind has its own database; after every kill the database is checked: every article in it holds
exactly the claims, entities and children the clean result has for it (none half-stored), the names
index counts exactly the claims stored, and for SQLite `PRAGMA integrity_check` and
`foreign_key_check` find nothing. When a run completes, every table of the database (but the audit
column `ingested_at`) must equal the clean result's, and a fresh database is started for the next
kills. At the end, the last database of each kind is re-run to completion and compared too.

The clean result is the same command run once, uninterrupted, into a database of its own. PostgreSQL
needs `$STORYLINE_TEST_POSTGRES` (scripts/with-postgres sets it); each database is a schema of its own.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fictional import seed_files, synthetic_extractions  # noqa: E402
from storyline.shards import write_extractions  # noqa: E402
from storyline.store import open_store  # noqa: E402

TABLES = {
    "articles": "id",
    "entities": "article_id, name",
    "claims": "id",
    "claim_children": "claim_id",
    "names": "name",
    "name_words": "word, name",
    "identity_edits": "id",
    "meta": "key",
}
_CLI = [sys.executable, "-c", "from storyline.cli import main; main()"]


@dataclass(slots=True)
class Tally:
    """What the kills of one kind on one store found."""

    kills: int = 0
    completed: int = 0
    half_stored: int = 0
    broken: list[str] = field(default_factory=list)
    stored_at_kill: list[int] = field(default_factory=list)
    rerun_identical: list[bool] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Databases


class Databases:
    """Fresh databases of one backend: SQLite files in a folder, or PostgreSQL schemas on a server."""

    def __init__(self, kind: str, folder: Path) -> None:
        self.kind = kind
        self.folder = folder
        self.server = os.environ.get("STORYLINE_TEST_POSTGRES", "")
        self.schemas: list[str] = []
        if kind == "postgres" and not self.server:
            sys.exit(
                "crash.py --store postgres needs $STORYLINE_TEST_POSTGRES (run it in scripts/with-postgres)"
            )

    def fresh(self) -> str:
        name = f"crash_{uuid.uuid4().hex[:10]}"
        if self.kind == "sqlite":
            return f"sqlite:///{self.folder / name}.db"
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {name}")
        self.schemas.append(name)
        joint = "&" if "?" in self.server else "?"
        return f"{self.server}{joint}options=-csearch_path%3D{name}"

    def drop_all(self) -> None:
        if not self.schemas:
            return
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as admin:
            for name in self.schemas:
                admin.execute(f"DROP SCHEMA {name} CASCADE")


def tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, without the audit column `ingested_at`."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with open_store(url) as store:
        for table, order in TABLES.items():
            rows = store._query(f"SELECT * FROM {table} ORDER BY {order}")  # type: ignore[attr-defined]
            dump[table] = [
                tuple(v for k, v in dict(row).items() if k != "ingested_at") for row in rows
            ]  # fmt: skip
    return dump


def check(url: str, clean: dict[str, list[tuple[Any, ...]]]) -> tuple[int, list[str], int]:
    """(articles half-stored, other damage found, articles stored) in the database at `url`."""
    found = tables(url)
    problems: list[str] = []
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            orphans = db.execute("PRAGMA foreign_key_check").fetchall()
        if verdict != "ok":
            problems.append(f"integrity_check: {verdict}")
        if orphans:
            problems.append(f"{len(orphans)} rows whose article is missing")

    def by_article(dump: dict[str, list[tuple[Any, ...]]]) -> dict[str, Counter[str]]:
        held: dict[str, Counter[str]] = {row[0]: Counter() for row in dump["articles"]}
        for row in dump["claims"]:
            held.setdefault(row[1], Counter())[f"claim {row[0]}"] += 1
        for row in dump["entities"]:
            held.setdefault(row[0], Counter())[f"entity {row[1]}"] += 1
        claim_article = {row[0]: row[1] for row in dump["claims"]}
        for row in dump["claim_children"]:
            held.setdefault(claim_article.get(row[0], "?"), Counter())[f"child {row[1]}"] += 1
        return held

    expected, stored = by_article(clean), by_article(found)
    half = sum(1 for article, held in stored.items() if held != expected.get(article))
    claims_named = Counter(
        name for row in found["claims"] for name in (row[2], row[4]) if name is not None
    ) + Counter(row[1] for row in found["claim_children"])
    counted = {row[0]: row[2] for row in found["names"]}
    if counted != dict(claims_named):
        problems.append("the names index does not count the claims stored")
    return half, problems, len(found["articles"])


# ---------------------------------------------------------------------------------------------
# Runs


def command(kind: str, url: str, inputs: list[str]) -> list[str]:
    verb = "ingest" if kind == "ingest" else "load"
    return [*_CLI, verb, *inputs, "--db", url, "-q"]


def run_to_end(kind: str, url: str, inputs: list[str]) -> float:
    started = time.monotonic()
    done = subprocess.run(command(kind, url, inputs), capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the clean {kind} failed:\n{done.stdout}\n{done.stderr}")
    return time.monotonic() - started


def killed_run(kind: str, url: str, inputs: list[str], after: float) -> bool:
    """Run, and kill -9 after `after` seconds; whether the run ended before the kill."""
    process = subprocess.Popen(command(kind, url, inputs), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        process.wait(timeout=after)
        return True
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return False


def kill_loop(
    kind: str, inputs: list[str], databases: Databases, kills: int, rng: random.Random
) -> tuple[Tally, float]:
    clean_url = databases.fresh()
    duration = run_to_end(kind, clean_url, inputs)
    clean = tables(clean_url)
    # The model loads before the first article is stored: kills before then find an empty database.
    earliest = 0.3 if kind == "load" else min(6.0, duration * 0.4)
    tally = Tally()
    url = databases.fresh()
    while tally.kills < kills:
        ended = killed_run(kind, url, inputs, rng.uniform(earliest, duration * 1.1))
        half, problems, stored = check(url, clean)
        tally.half_stored += half
        tally.broken += problems
        if ended:
            tally.completed += 1
            tally.rerun_identical.append(tables(url) == clean)
            url = databases.fresh()
        else:
            tally.kills += 1
            tally.stored_at_kill.append(stored)
            print(
                f"  {kind} kill {tally.kills}: {stored} articles stored, {half} half-stored", file=sys.stderr
            )
    run_to_end(kind, url, inputs)  # the last database, re-run to completion
    tally.rerun_identical.append(tables(url) == clean)
    return tally, duration


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=25, help="kills per store (half ingest, half load)")
    parser.add_argument("--store", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stores = ["sqlite", "postgres"] if args.store == "both" else [args.store]
    ok = True
    with tempfile.TemporaryDirectory(prefix="storyline-crash-") as tmp:
        folder = Path(tmp)
        articles = folder / "articles"
        articles.mkdir()
        seeds = seed_files(articles)
        shard = folder / "shard.jsonl"
        write_extractions(synthetic_extractions(400, 40), shard)
        print(
            f"crash: {len(seeds)} fictional articles to ingest; 400 synthetic articles of 40 claims to load"
        )
        print(f"{'store':9} {'run':7} {'kills':>5} {'completed':>9} {'half-stored':>11} {'damage':>6} "
              f"{'stored at kill':>16} {'re-run = clean':>14} {'clean run s':>11}")  # fmt: skip
        for store in stores:
            databases = Databases(store, folder)
            try:
                for kind, inputs, share in (
                    ("ingest", [str(articles)], args.kills // 2),
                    ("load", [str(shard)], args.kills - args.kills // 2),
                ):
                    tally, duration = kill_loop(kind, inputs, databases, share, rng)
                    stored = tally.stored_at_kill
                    spread = f"{min(stored)}..{max(stored)}" if stored else "-"
                    identical = f"{sum(tally.rerun_identical)}/{len(tally.rerun_identical)}"
                    print(
                        f"{store:9} {kind:7} {tally.kills:5} {tally.completed:9} {tally.half_stored:11} "
                        f"{len(tally.broken):6} {spread:>16} {identical:>14} {duration:11.1f}"
                    )
                    for problem in tally.broken[:5]:
                        print(f"  damage: {problem}")
                    ok = ok and not tally.half_stored and not tally.broken and all(tally.rerun_identical)
            finally:
                databases.drop_all()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

"""`storyline ask` on natural questions about the dev and train corpora (never the blind fold).

    python benchmarks/ask.py [--questions FILE] [--db URL] [--show] [--only TEXT]

Ingests ../shared/corpus/dev and ../shared/corpus/train (leaving out the files of
benchmarks/blind_fold.tsv) into a temporary database (or the one --db names: ingesting is idempotent,
so a second run reuses it), asks every question of benchmarks/ask_questions.toml, and counts an answer
right when it holds what the question file says a right answer holds:

* the answer itself (`expect`: every word; `any`: one of them; `first`: "yes" or "no" first);
* how sure the articles are when they are not sure (`status`: one of "reportedly", "rumour",
  "denied"...), and no such hedge when the fact is confirmed (unless `mixed`);
* "unknown" (known: false) for what the articles do not tell (`unknown = true`).

Prints each miss (every answer with --show), then the totals by kind.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.ask import Answer, ask  # noqa: E402
from storyline.ingest import ingest  # noqa: E402
from storyline.store import Store, open_store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
QUESTIONS = Path(__file__).with_name("ask_questions.toml")
BLIND = Path(__file__).with_name("blind_fold.tsv")
# The words that say the articles are not sure; a confirmed fact's answer holds none of them.
HEDGES = ("reportedly", "reported by", "rumour", "rumor", "denied", "only by rumour")


@dataclass(frozen=True)
class Case:
    question: str
    as_of: date | None
    expect: tuple[str, ...]
    any: tuple[str, ...]
    first: str | None
    status: tuple[str, ...]
    mixed: bool
    unknown: bool

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Case:
        as_of = raw.get("as_of")
        return cls(
            question=raw["q"],
            as_of=date.fromisoformat(as_of) if as_of else None,
            expect=tuple(raw.get("expect", ())),
            any=tuple(raw.get("any", ())),
            first=raw.get("first"),
            status=tuple(raw.get("status", ())),
            mixed=bool(raw.get("mixed", False)),
            unknown=bool(raw.get("unknown", False)),
        )

    def judge(self, answer: Answer) -> str | None:
        """Why the answer is wrong, or None when it is right."""
        # File names say things too ("..._split-rumours-denied.txt"): they are no hedge.
        text = re.sub(r"\S+\.(?:txt|jsonl)\b", "", answer.answer).lower()
        if self.unknown:
            return None if not answer.known else "should be unknown"
        if not answer.known:
            return "unknown, but the articles tell"
        missing = [w for w in self.expect if w.lower() not in text]
        if missing:
            return f"lacks {missing}"
        if self.any and not any(w.lower() in text for w in self.any):
            return f"lacks one of {list(self.any)}"
        if self.first and not text.startswith(self.first.lower()):
            return f"does not say {self.first!r} first"
        if self.status and not any(w.lower() in text for w in self.status):
            return f"does not say it is {'/'.join(self.status)}"
        if not self.status and not self.mixed:
            hedged = [h for h in HEDGES if h in text]
            if hedged:
                return f"hedges a confirmed fact ({hedged[0]!r})"
        return None


def corpus_files() -> list[Path]:
    """The dev and train articles, without the blind fold's files."""
    with BLIND.open() as handle:
        rows = [line for line in handle if not line.startswith("#")]
    blind = {row["file"] for row in csv.DictReader(rows, delimiter="\t")}
    files = sorted((CORPUS / "dev").glob("*.txt")) + sorted((CORPUS / "train").glob("*.txt"))
    return [f for f in files if f.name not in blind]


def run(store: Store, cases: list[Case], show: bool) -> None:
    right = {"answerable": 0, "unknown": 0}
    total = {"answerable": 0, "unknown": 0}
    for case in cases:
        answer = ask(store, case.question, case.as_of)
        why = case.judge(answer)
        kind = "unknown" if case.unknown else "answerable"
        total[kind] += 1
        right[kind] += why is None
        if show or why is not None:
            mark = "ok  " if why is None else "MISS"
            as_of = f" [as of {case.as_of}]" if case.as_of else ""
            print(f"{mark} {case.question}{as_of}")
            print(f"     -> {'' if answer.known else 'unknown: '}{answer.answer}")
            if why is not None:
                print(f"     ({why})")
    n = sum(total.values())
    ok = sum(right.values())
    print(
        f"\n{ok}/{n} right ({100 * ok / n:.1f}%): "
        f"{right['answerable']}/{total['answerable']} answerable, "
        f"{right['unknown']}/{total['unknown']} unanswerable"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--db", help="use (and fill) this database instead of a temporary one")
    parser.add_argument("--show", action="store_true", help="print every answer")
    parser.add_argument("--only", help="ask only the questions holding this text")
    args = parser.parse_args()
    data = tomllib.loads(args.questions.read_text(encoding="utf-8"))
    cases = [Case.of(raw) for raw in data["question"]]
    if args.only:
        cases = [c for c in cases if args.only.lower() in c.question.lower()]
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/ask.db"
        with open_store(url) as store:
            ingest(corpus_files(), store)
            run(store, cases, args.show)


if __name__ == "__main__":
    main()

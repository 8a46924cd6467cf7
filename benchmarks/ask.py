"""`storyline ask` on the dev corpus: questions written for it, each with what a right answer says.

    python benchmarks/ask.py [--corpus DIR] [--show]

Ingests the corpus into a temporary database, asks every question, and counts an answer right when
it is known and holds all the expected words, or — for questions the corpus cannot answer — when it
says unknown. Prints each miss (and every answer with --show) and the total.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.ask import ask  # noqa: E402
from storyline.ingest import ingest  # noqa: E402
from storyline.store import open_store  # noqa: E402

# (question, words a right answer holds; None: the corpus cannot answer, the answer must be unknown)
QUESTIONS: list[tuple[str, list[str] | None]] = [
    ("When did James Norton and Imogen Poots get engaged?", ["2022"]),
    ("When did James Norton and Imogen Poots split?", ["2023"]),
    ("When did James Norton and Imogen Poots meet?", ["2017"]),
    ("When did Miley Cyrus and Liam Hemsworth get married?", ["2018-12"]),
    ("When did Miley Cyrus and Liam Hemsworth divorce?", ["2020-01"]),
    ("When did Kim Kardashian and Kanye West marry?", ["2014"]),
    ("When did Angelina Jolie and Brad Pitt split?", ["2016"]),
    ("When did Prince Harry and Meghan Markle get engaged?", ["2017-11"]),
    ("When did Blake Shelton marry Gwen Stefani?", ["2021-07"]),
    ("When did Kelly Clarkson and Brandon Blackstock divorce?", ["2022-03"]),
    ("Who was Blake Shelton married to in 2013?", ["Miranda Lambert"]),
    ("Who was Dua Lipa with in 2024-02?", ["Callum Turner"]),
    ("Who was Gwen Stefani married to in 2010?", ["Gavin Rossdale"]),
    ("Is Kim Kardashian married?", ["Kanye West"]),
    ("Was Miley Cyrus married in 2019?", ["Yes", "Liam Hemsworth"]),
    ("How long were Gerard Pique and Shakira together?", ["12 years"]),
    ("Who are Gwen Stefani's children?", ["Kingston", "Zuma", "Apollo"]),
    ("What did Jesse Buckley say about James Norton?", ["acrimonious"]),
    ("Did Zac Efron and Alexandra Daddario date?", ["denied"]),
    ("Did Ariana Grande and Ethan Slater move in together?", ["Reportedly"]),
    ("Who are Lionel Messi's children?", ["Thiago", "Mateo", "Ciro"]),
    ("Is Callum Turner single?", ["Dua Lipa"]),
    ("What has James Norton acted in?", ["Happy Valley", "Belleville"]),
    # What the corpus cannot answer: storyline must say so, not guess.
    ("When did Dido get married?", None),
    ("Who is Shania Twain married to?", None),
    ("When did Tom DeLonge and Mark Hoppus get engaged?", None),
    ("When did Zac Efron and Alexandra Daddario get married?", None),
    ("Who are Travis Barker's children?", None),
    ("What did Dido say about Shania Twain?", None),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--show", action="store_true", help="print every answer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, open_store(f"sqlite:///{folder}/ask.db") as store:
        ingest([args.corpus], store)
        right = 0
        for question, words in QUESTIONS:
            answer = ask(store, question)
            if words is None:
                ok = not answer.known
            else:
                ok = answer.known and all(w.lower() in answer.answer.lower() for w in words)
            right += ok
            if args.show or not ok:
                mark = "ok  " if ok else "MISS"
                print(f"{mark} {question}\n     -> {'' if answer.known else 'unknown: '}{answer.answer}")
        answerable = sum(1 for _, w in QUESTIONS if w is not None)
        print(
            f"\n{right}/{len(QUESTIONS)} right "
            f"({answerable} answerable, {len(QUESTIONS) - answerable} unanswerable)"
        )


if __name__ == "__main__":
    main()

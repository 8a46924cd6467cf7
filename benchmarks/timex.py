"""TempEval-3 evaluation of storyline's timex tagger on TimeML documents (TBAQ by default).

    python benchmarks/timex.py [--tbaq DIR] [--errors] [--rules] [--limit N] [--part aquaint|timebank]

Each document's TEXT is stripped of its markup and tagged with the document's creation time (the
TIMEX3 with functionInDocument="CREATION_TIME", which is not scored). Metrics as TempEval-3:
relaxed span P/R/F1 (any overlap), strict span P/R/F1 (identical span), and type and value accuracy
on the relaxed matches, whose F1 is that accuracy times the relaxed F1. Speed is timex tagging alone.
`--rules` counts, for each rule, the timexes it found with the gold value, with another value, and
with no gold timex under them: where a rule's errors outnumber its hits is where to look first.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.timex import Timex
from storyline.timex.grammar import load
from storyline.timex.tagger import tag_with_rules

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "te3" / "tbaq"
_TAG = re.compile(r"<(?P<close>/?)(?P<name>\w+)(?P<attrs>[^>]*?)(?P<empty>/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")
# Without a MANIFEST.tsv naming each file's subcorpus, files are split by their source's prefix.
_AQUAINT = ("APW", "NYT", "XIE")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    dct: date
    text: str
    gold: tuple[GoldTimex, ...]
    part: str


def subcorpora(folder: Path) -> dict[str, str]:
    """File stem → subcorpus (AQUAINT or TimeBank) from the folder's MANIFEST.tsv, if it has one."""
    manifest = folder / "MANIFEST.tsv"
    if not manifest.exists():
        return {}
    parts: dict[str, str] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 2:
            parts[Path(cells[0]).stem] = cells[1]
    return parts


def read_timeml(path: Path, part: str | None = None) -> Document:
    """The plain TEXT of a TimeML file, its DCT, and its TIMEX3s with offsets into that text."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = _DCT.search(raw)
    if dct_tag is None:
        raise ValueError(f"{path}: no CREATION_TIME timex")
    dct = date.fromisoformat(dict(_ATTR.findall(dct_tag.group(0)))["value"][:10])
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    offset = 0
    position = 0
    open_timexes: list[tuple[dict[str, str], int]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    for match in _TAG.finditer(body):
        chunk = html.unescape(body[position : match.start()])
        pieces.append(chunk)
        offset += len(chunk)
        position = match.end()
        if match["name"] != "TIMEX3" or match["empty"]:
            continue
        if match["close"]:
            attrs, start = open_timexes.pop()
            spans.append((start, offset, attrs))
        else:
            open_timexes.append((dict(_ATTR.findall(match["attrs"])), offset))
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    gold = tuple(
        GoldTimex(s, e, text[s:e], a.get("type", ""), a.get("value", ""), a.get("mod"))
        for s, e, a in sorted(spans, key=lambda x: x[0])
    )
    part = part or ("AQUAINT" if path.stem.startswith(_AQUAINT) else "TimeBank")
    return Document(path.stem, dct, text, gold, part)


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    gold_relaxed: int = 0
    system_relaxed: int = 0
    strict: int = 0
    pairs: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[str] = field(default_factory=list)
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(
        self, doc: Document, found: Sequence[Timex], keep_errors: bool, rules: Sequence[str] = ()
    ) -> None:
        """Score one document; `rules` names the rule behind each of `found`, for the per-rule counts."""
        self.gold += len(doc.gold)
        self.system += len(found)
        gold_spans = {(g.start, g.end) for g in doc.gold}
        self.strict += sum((t.start, t.end) in gold_spans for t in found)
        rule_of = dict(zip(found, rules, strict=False))
        for t in found:
            if any(g.start < t.end and t.start < g.end for g in doc.gold):
                self.system_relaxed += 1
                continue
            self.by_rule[(rule_of.get(t, "?"), "extra")] += 1
            if keep_errors:
                self.errors.append(
                    f"EXTRA  {doc.name} {doc.dct} {t.type} {t.value} | {_context(doc.text, t)}"
                )
        for g in doc.gold:
            overlapping = [t for t in found if g.start < t.end and t.start < g.end]
            if not overlapping:
                if keep_errors:
                    self.errors.append(
                        f"MISS   {doc.name} {doc.dct} {g.type} {g.value} | {_context(doc.text, g)}"
                    )
                continue
            self.gold_relaxed += 1
            best = max(overlapping, key=lambda t: min(t.end, g.end) - max(t.start, g.start))
            self.pairs += 1
            self.type_ok += best.type == g.type
            self.value_ok += best.value == g.value
            self.by_rule[(rule_of.get(best, "?"), "right" if best.value == g.value else "wrong")] += 1
            if keep_errors and best.value != g.value:
                self.errors.append(
                    f"VALUE  {doc.name} {doc.dct} gold {g.type} {g.value} ({g.text!r}) "
                    f"got {best.type} {best.value} ({best.text!r}) | {_context(doc.text, g)}"
                )

    def row(self, label: str, docs: int, seconds: float) -> str:
        p_rel = _ratio(self.system_relaxed, self.system)
        r_rel = _ratio(self.gold_relaxed, self.gold)
        f_rel = _f1(p_rel, r_rel)
        p_str = _ratio(self.strict, self.system)
        r_str = _ratio(self.strict, self.gold)
        f_str = _f1(p_str, r_str)
        type_acc = _ratio(self.type_ok, self.pairs)
        value_acc = _ratio(self.value_ok, self.pairs)
        speed = docs / seconds if seconds else 0.0
        return (
            f"{label:<9} {docs:>4} {self.gold:>5} {self.system:>5} | {p_rel:.3f} {r_rel:.3f} {f_rel:.3f} | "
            f"{p_str:.3f} {r_str:.3f} {f_str:.3f} | {type_acc:.3f} {type_acc * f_rel:.3f} | "
            f"{value_acc:.3f} {value_acc * f_rel:.3f} | {speed:>7.0f}"
        )


HEADER = (
    "part      docs  gold   sys | relaxed P/R/F1    | strict P/R/F1     | type acc/F1 | value acc/F1 | docs/s"
)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _context(text: str, t: Timex | GoldTimex) -> str:
    left = text[max(0, t.start - 50) : t.start].replace("\n", " ")
    right = text[t.end : t.end + 30].replace("\n", " ")
    return f"{left}[{text[t.start : t.end]}]{right}"


def rule_table(score: Score) -> list[str]:
    """One line per rule: timexes with the gold value, with another value, over no gold timex."""
    names = sorted({name for name, _ in score.by_rule})
    count = score.by_rule
    names.sort(key=lambda n: (count[(n, "right")] - count[(n, "wrong")] - count[(n, "extra")], n))
    lines = [f"{'rule':<32} {'right':>5} {'wrong':>5} {'extra':>5}"]
    for name in names:
        lines.append(
            f"{name:<32} {count[(name, 'right')]:>5} {count[(name, 'wrong')]:>5} {count[(name, 'extra')]:>5}"
        )
    return lines


def evaluate(docs: Iterable[Document], keep_errors: bool) -> list[tuple[str, Score, int, float]]:
    load()  # the rules are compiled once per process; keep that out of the speed figure
    parts: dict[str, tuple[Score, list[int], list[float]]] = {}
    total = Score()
    count, seconds = 0, 0.0
    for doc in docs:
        started = time.perf_counter()
        tagged = [(t, r.name) for t, r in tag_with_rules(doc.text, doc.dct) if not r.age]  # = tag()
        elapsed = time.perf_counter() - started
        found = [t for t, _ in tagged]
        rules = [name for _, name in tagged]
        score, n, secs = parts.setdefault(doc.part, (Score(), [0], [0.0]))
        score.add(doc, found, keep_errors, rules)
        total.add(doc, found, False, rules)
        n[0] += 1
        secs[0] += elapsed
        count += 1
        seconds += elapsed
    rows = [(name, s, n[0], secs[0]) for name, (s, n, secs) in sorted(parts.items())]
    rows.append(("all", total, count, seconds))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tbaq", type=Path, default=DEFAULT_DIR, help="folder of TimeML .tml files")
    parser.add_argument("--errors", action="store_true", help="list misses, extras and wrong values")
    parser.add_argument("--rules", action="store_true", help="count right, wrong and extra timexes by rule")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--part", choices=["aquaint", "timebank"], help="only one half of TBAQ")
    args = parser.parse_args(argv)
    paths = sorted(args.tbaq.glob("*.tml"))
    if not paths:
        print(f"no .tml files in {args.tbaq}", file=sys.stderr)
        return 2
    parts = subcorpora(args.tbaq)
    docs = [read_timeml(p, parts.get(p.stem)) for p in paths]
    if args.part:
        docs = [d for d in docs if d.part.lower() == args.part]
    docs = docs[: args.limit] if args.limit else docs
    rows = evaluate(docs, args.errors)
    if args.errors:
        for _, score, _, _ in rows[:-1]:
            for line in score.errors:
                print(line)
        print()
    if args.rules:
        print("\n".join(rule_table(rows[-1][1])))
        print()
    print(HEADER)
    for name, score, count, seconds in rows:
        print(score.row(name, count, seconds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Every regular expression storyline compiles, run over long adversarial strings: no backtracking
blow-up.

    python benchmarks/regexes.py [--size 400] [--show 10]

Records each pattern storyline's own code compiles (at import, and while it reads files, tags dates,
extracts an article and answers questions: the rule files' patterns too, as they are compiled on
first use), then runs `finditer` of each over strings made to trip it: each literal word and
character of the pattern repeated, with and without a character that fails the match at the end,
and a few classic troublemakers ("2020-", "a and ", digits, spaces, dots), at `--size` / 2 and at
`--size` characters. Twice the characters should take about twice the time; a pattern whose time
grows faster backtracks. Prints how many patterns and strings were tried and the steepest patterns
(growth, time on the longer string, the file that compiled it, the string).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_RE_PACKAGE = str(Path(re.__file__).parent)
_OURS = str(ROOT / "src" / "storyline")
_SEEN: dict[tuple[Any, int], str] = {}
_compile = re._compile  # type: ignore[attr-defined]


def _recording(pattern: Any, flags: Any) -> Any:
    """re's internal compile, noting each new pattern and the storyline file that compiled it."""
    if isinstance(pattern, str):
        key = (pattern, int(flags))
        if key not in _SEEN:
            frame = sys._getframe(1)
            while frame is not None and frame.f_code.co_filename.startswith(_RE_PACKAGE):
                frame = frame.f_back  # type: ignore[assignment]
            _SEEN[key] = frame.f_code.co_filename if frame is not None else ""
    return _compile(pattern, flags)


re._compile = _recording  # type: ignore[attr-defined]

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fictional import ARTICLES, PEOPLE, QUESTIONS  # noqa: E402

_CLASSICS = ["2020-", "2020 ", "a and ", "Ann Cole and ", "9", "1 ", " ", ".", "-", "a", "A", "'", "\n",
    "Jan. ", "the ", "of the ", "10 years ", "@a ", "s ", "aa", "<p>", "[", "\"", "\\"]  # fmt: skip
_FAIL = "\u2603"  # a snowman: matched by no pattern of storyline's, so a near-match must backtrack


def _exercise() -> None:
    """Use what compiles patterns on first use: the readers, the timex rules, extraction, questions."""
    import tempfile
    from datetime import date

    from storyline.articles import read_articles
    from storyline.ask import ask
    from storyline.extract import extract
    from storyline.model import Article
    from storyline.store import open_store
    from storyline.timex import tag

    _, published, text = ARTICLES[0]
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, content in [
            (".txt", f"date {published}\n{text}"),
            (".jsonl", '{"published": "Tue, 05 Sep 2023 10:00:00 +0000", "text": "' + text + '"}'),
            (".html", f"<html><body><article><p>{text}</p></article></body></html>"),
        ]:
            (Path(tmp) / f"a{suffix}").write_text(content, encoding="utf-8")
            list(read_articles([Path(tmp) / f"a{suffix}"], warn=lambda _: None))
    tag(text, date(2024, 1, 1), ages=True)
    extract(Article(published=date(2024, 1, 1), text=text, source="a.txt"))
    store = open_store("sqlite://:memory:")
    for a, b in PEOPLE[:2]:
        for question in QUESTIONS:
            ask(store, question.format(a=a, b=b), date(2024, 6, 1))
    store.close()


def _units(pattern: str) -> list[str]:
    words = list(dict.fromkeys(re.findall(r"[A-Za-z]{2,}|\d+", pattern)))[:40]
    chars = list(dict.fromkeys(c for c in pattern if not c.isalnum() and c.isprintable()))[:20]
    return list(dict.fromkeys([*(w + " " for w in words), *words, *chars, *_CLASSICS]))


def _time(compiled: re.Pattern[str], unit: str, size: int) -> float:
    """The slower of the string of `size` characters and the same ending in a failing character."""
    base = (unit * (size // len(unit) + 1))[:size]
    worst = 0.0
    for text in (base, base[:-1] + _FAIL):
        begun = time.perf_counter()
        for _ in compiled.finditer(text):
            pass
        worst = max(worst, time.perf_counter() - begun)
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=400, help="characters in the longer strings")
    parser.add_argument("--show", type=int, default=10, help="how many of the steepest to print")
    parser.add_argument("--verbose", action="store_true", help="each pattern as it is tried")
    args = parser.parse_args()
    _exercise()
    ours = sorted(
        {(p, f): where for (p, f), where in _SEEN.items() if where.startswith(_OURS)}.items(),
        key=lambda item: item[1],
    )
    results: list[tuple[float, float, str, str, str]] = []
    strings = 0
    started = time.monotonic()
    for (pattern, flags), where in ours:
        compiled = re.compile(pattern, flags)
        steepest = (0.0, 0.0, "")
        for unit in _units(pattern):
            short, long = _time(compiled, unit, args.size // 2), _time(compiled, unit, args.size)
            strings += 4
            growth = long / max(short, 20e-6)  # below 20 us the clock says little
            if long > 1e-3 and growth > 3.0:  # steep, or another process had the CPU: measure again
                short = min(_time(compiled, unit, args.size // 2) for _ in range(5))
                long = min(_time(compiled, unit, args.size) for _ in range(5))
                strings += 20
                growth = long / max(short, 20e-6)
            if long > 1e-3 and growth > steepest[0]:
                steepest = (growth, long, unit)
        shown = where.removeprefix(str(ROOT) + "/")
        results.append((steepest[0], steepest[1], shown, pattern, steepest[2]))
        if args.verbose:
            print(f"{steepest[0]:6.1f}x {steepest[1]:8.4f} s  {shown}  {pattern[:70]!r}", file=sys.stderr)
    results.sort(reverse=True)
    # Twice the characters: about twice the time when linear, four times when quadratic, eight cubic.
    steep = [r for r in results if r[0] > 3.0]
    print(
        f"regexes: {len(results)} patterns of storyline's, {strings:,} strings of {args.size // 2:,} and "
        f"{args.size:,} characters, {time.monotonic() - started:.0f} s; time growing faster than the "
        f"length (over 3x for twice the characters): {len(steep)}"
    )
    for growth, took, where, pattern, unit in results[: args.show]:
        if growth <= 0:
            break
        shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
        print(f"  {growth:5.1f}x ({took * 1000:7.1f} ms)  {where}  {shown!r}  on {unit!r} repeated")
    print(
        "A steep pattern is a blow-up only where it meets long text: the timex rules' context patterns"
        " see 40 characters (timex/recognize.py _CONTEXT), so benchmarks/fuzz.py's 100 KB inputs are"
        " the measure of the whole."
    )


if __name__ == "__main__":
    main()

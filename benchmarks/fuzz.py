"""Hostile input through the readers, the timex tagger, `ask` and the extractor: no crash, no hang.

    python benchmarks/fuzz.py [--n 100000] [--seed 1] [--extract 300] [--extract-long 6]
                              [--limit 2.0] [--save DIR] [--seconds S]

Generates `--n` inputs (deterministic for a seed) and gives each to three parts:

  readers  the bytes as a file under a random name (.txt .jsonl .json .html .xml .warc, none):
           `read_articles` must give articles or errors, and every article must be storable text;
  timex    the text to `tag(text, dct, ages=True)`, the DCT sometimes at the calendar's ends;
  ask      the text (or a question made of it) to `ask` over a store of fictional couples: an answer,
           or a clean refusal (a StorylineError such as "the question is too long").

Inputs: random bytes; random Unicode (lone surrogates, NUL, controls, combining marks, other
scripts); date words and absurd numbers ("99999999999 years ago", "9999-12-31"); JSON records with
deep nesting, numbers of thousands of digits, surrogate escapes, NUL, dates at the calendar's ends
and fields of the wrong kind; long repetitions up to 100 KB ("2020-2020-...", "Q1 Q1 ...", "a and a
and ...", "[[[["); fictional articles (benchmarks/fictional.py) mutated by cutting, inserting,
flipping bytes and repeating spans; fictional articles of 100 KB.

Then `--extract` articles read from mutated fictional articles (a fifth of them published at the
calendar's ends, with dates and ages that reach past them), and `--extract-long` fictional articles
of 100 KB (half of them one couple's story over and over, the worst case), go through the extractor
(`storyline.extract`, the spaCy model); each extraction is then stored in a store of its own and
everyone in it asked about (timeline, partners, ask, export: the part "stored").

A crash is any exception that escapes (an `ArticleError` from the extractor counts as one too); a
hang is an input that takes over `--limit` seconds (an input still running after 300 s is stopped
and counted). Prints, per part: inputs, crashes, inputs over the limit, the median, 99th
percentile and slowest time, and what the slowest input was; then the first crashes with their
tracebacks' last line. `--save DIR` writes each crash's and hang's input there. The exit code is 1
when any part had a crash or an input over the limit.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import signal
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fictional import ARTICLES, PEOPLE, QUESTIONS, long_article  # noqa: E402
from storyline.articles import read_articles  # noqa: E402
from storyline.errors import StorylineError  # noqa: E402
from storyline.model import (  # noqa: E402
    Article,
    Claim,
    Entity,
    EntityKind,
    Evidence,
    Extraction,
    Relation,
    Status,
    TimeSpan,
)
from storyline.store import Store, open_store  # noqa: E402

LONG = 100 * 1024
STOP_AFTER = 300.0
SUFFIXES = [".txt", ".jsonl", ".json", ".html", ".xml", ".warc", ""]
_DATE_WORDS = ["2020", "2020-", "Q1", "January", "Jan.", "May", "31", "29", "February", "1999", "9999",
    "0000", "0001", "99999999999", "1e400", "-5", "years", "ago", "in", "10", "years", "next", "last",
    "this", "year", "month", "week", "weekend", "decade", "century", "millennium", "Christmas",
    "Easter", "Eve", "summer", "spring", "of", "the", "1990s", "'90s", "mid-", "early", "late", "10:30",
    "p.m.", "noon", "tomorrow", "yesterday", "today", "since", "before", "after", "until", "by",
    "between", "and", "from", "to", "a", "an", "two", "twenty-five", "2", "1/2", "half", "quarter",
    "fiscal", "9999-12-31", "0001-01-01", "2024-02-30", "T", "W52", "-year-old", "aged", "old",
    "birthday", "anniversary", "every", "daily"]  # fmt: skip
_REPEATED = [
    "2020-", "Q1 ", "2020 ", "\u20132020", "noon ", "January ", "spring of ", "a and ", "Ann Cole and ",
    "[", "{\"a\":", "\"", "\\", "<p>", "<", "9", "99999999999 years ago ", "this year ", "the ", ". ",
    "\n", " ", "date 9999-12-31 ", "and Ann Cole married Cal Ng in 2020, ", "who ", "\u0000", "\ud800",
]  # fmt: skip
_DAYS = [date(1, 1, 1), date(9999, 12, 31), date(1, 12, 31), date(9998, 12, 31), date(1970, 1, 1)]


@dataclass(slots=True)
class Case:
    """One generated input: what kind it is, its bytes, its text, the file name and DCT it goes with."""

    kind: str
    data: bytes
    text: str
    suffix: str
    dct: date


@dataclass(slots=True)
class Part:
    """What one part of the run saw."""

    name: str
    times: list[float] = field(default_factory=list)
    crashes: list[tuple[Case, str]] = field(default_factory=list)
    over: list[tuple[Case, float]] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")


class Hang(Exception):
    pass


def _stop(signum: int, frame: Any) -> None:
    raise Hang(f"still running after {STOP_AFTER:g} s")


# ---------------------------------------------------------------------------------------------
# Generators


def _text_of(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")  # a bad byte becomes a lone surrogate: hostile too


def _bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _size(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.005:
        return LONG
    if roll < 0.05:
        return rng.randint(2000, 20000)
    return rng.randint(0, 1500)


def random_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(_size(rng))


def random_unicode(rng: random.Random) -> str:
    pools = [
        (0x20, 0x7E),
        (0x0, 0x1F),
        (0xA0, 0x2FF),
        (0x300, 0x36F),
        (0x590, 0x6FF),
        (0x4E00, 0x4FFF),
        (0xD800, 0xDFFF),
        (0x1F300, 0x1F6FF),
        (0xFFF0, 0xFFFF),
        (0x10FF00, 0x10FFFF),
    ]
    size = _size(rng)
    out = []
    while len(out) < size:
        low, high = rng.choice(pools)
        out.extend(chr(rng.randint(low, high)) for _ in range(rng.randint(1, 40)))
    return "".join(out[:size])


def date_words(rng: random.Random) -> str:
    words = [rng.choice(_DATE_WORDS) for _ in range(rng.randint(1, 60))]
    seps = [" ", " ", " ", "-", "/", ", ", ". ", "\n", ""]
    return "".join(w + rng.choice(seps) for w in words)


def json_record(rng: random.Random) -> str:
    a, b = rng.choice(PEOPLE)
    values: list[Any] = [
        f"{a} married {b} in 2020, the couple said on Monday.",
        "\ud800",
        "\u0000",
        "",
        None,
        7,
        ["x"],
        {"t": "x"},
        "x" * rng.randint(0, 3000),
    ]
    record: dict[str, Any] = {
        rng.choice(["text", "maintext", "body"]): rng.choice(values),
        rng.choice(["published", "date", "date_publish"]): rng.choice(
            [
                "2024-01-02",
                "0001-01-01",
                "9999-12-31",
                "2024-02-30",
                "Tue, 05 Sep 2023",
                "20230905",
                5,
                None,
                "",
            ]
        ),
        "title": rng.choice(values),
        "id": rng.choice(values),
        "url": rng.choice(values),
    }
    line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    match rng.randint(0, 5):
        case 0:
            depth = rng.randint(100, 20000)
            line = line[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}"
        case 1:
            line = line[:-1] + ', "n": ' + "9" * rng.randint(1000, 9000) + "}"
        case 2:
            line = line[: rng.randint(0, len(line))]
        case 3:
            line = "[" + ", ".join([line] * rng.randint(1, 5)) + "]"
    lines = [line, *(json_record(rng) for _ in range(rng.randint(0, 2)) if rng.random() < 0.3)]
    return "\n".join(lines)


def repetition(rng: random.Random) -> str:
    unit = rng.choice(_REPEATED)
    size = LONG if rng.random() < 0.05 else rng.randint(10, 20000)
    return (unit * (size // len(unit) + 1))[:size]


def _seed(rng: random.Random) -> str:
    name, published, text = rng.choice(ARTICLES)
    match rng.randint(0, 3):
        case 0:
            return json.dumps({"published": published, "title": name, "text": text})
        case 1:
            return (
                f"<html><head><meta property='article:published_time' content='{published}'>"
                f"<title>{name}</title></head><body><article><h1>{name}</h1><p>"
                + "</p><p>".join(text.split(". "))
                + "</p></article></body></html>"
            )
        case _:
            return f"date {published}\n{text}\n"


def mutated_article(rng: random.Random) -> bytes:
    content = bytearray(_seed(rng).encode())
    for _ in range(rng.randint(0, 8)):
        at = rng.randint(0, len(content))
        match rng.choice(["cut", "insert", "flip", "repeat", "swap"]):
            case "cut":
                del content[at : at + rng.randint(1, 60)]
            case "insert":
                piece = rng.choice([rng.randbytes(rng.randint(1, 20)), rng.choice(_DATE_WORDS).encode()])
                content[at:at] = piece
            case "flip" if at < len(content):
                content[at] ^= rng.randint(1, 255)
            case "repeat":
                content[at:at] = content[at : at + rng.randint(1, 40)] * rng.randint(1, 200)
            case "swap":
                other = rng.randint(0, len(content))
                content[at:at], content[other:other] = content[other : other + 20], content[at : at + 20]
    return bytes(content)


def long_fictional(rng: random.Random) -> str:
    _, published, _ = rng.choice(ARTICLES)
    return f"date {published}\n{long_article(LONG, rng, repeat_pair=rng.random() < 0.5)}"


def question(rng: random.Random) -> str:
    a, b = rng.choice(PEOPLE)
    text = rng.choice(QUESTIONS).format(a=a, b=b)
    match rng.randint(0, 6):
        case 0:
            return text.lower()
        case 1:
            return text.replace(a, a[:-1] + rng.choice("xyz"))  # misspelt
        case 2:
            return "When did " + f"{a} and " * rng.randint(1, 60) + f"{b} marry?"
        case 3:
            return text + " " + date_words(rng)
        case 4:
            return random_unicode(rng)[:200] + text
        case _:
            return text


GENERATORS: list[tuple[str, float, Callable[[random.Random], str | bytes]]] = [
    ("random bytes", 1.0, random_bytes),
    ("random unicode", 1.0, random_unicode),
    ("date words", 1.5, date_words),
    ("json record", 1.5, json_record),
    ("repetition", 1.0, repetition),
    ("mutated article", 2.0, mutated_article),
    ("long article", 0.05, long_fictional),
    ("question", 1.0, question),
]


def generate(rng: random.Random) -> Case:
    kind, _, make = rng.choices(GENERATORS, weights=[w for _, w, _ in GENERATORS])[0]
    made = make(rng)
    data, text = (made, _text_of(made)) if isinstance(made, bytes) else (_bytes_of(made), made)
    dct = rng.choice(_DAYS) if rng.random() < 0.2 else date(2024, 1, 1) + timedelta(days=rng.randint(0, 365))
    return Case(kind, data, text, rng.choice(SUFFIXES), dct)


def describe(case: Case) -> str:
    preview = case.text[:60].encode("unicode_escape").decode("ascii")
    return f"{case.kind}, {len(case.data):,} bytes{f' as {case.suffix}' if case.suffix else ''}: {preview!r}"


# ---------------------------------------------------------------------------------------------
# The parts


def ask_store() -> Store:
    """A store of the fictional couples' facts, as extraction would have stored them."""
    store = open_store("sqlite://:memory:")
    relations = [
        (Relation.MET, "2018", Status.CONFIRMED),
        (Relation.DATING, "2019", Status.CONFIRMED),
        (Relation.ENGAGED, "2021-06", Status.CONFIRMED),
        (Relation.MARRIED, "2022-07-02", Status.REPORTED),
        (Relation.SPLIT, "2023-12", Status.RUMOURED),
        (Relation.SPLIT, "2023-12", Status.DENIED),
        (Relation.CHILD_BORN, "2023-03-03", Status.CONFIRMED),
    ]
    for k, (a, b) in enumerate(PEOPLE):
        for n, (relation, when, status) in enumerate(relations):
            published = date(2024, 1, 1) + timedelta(days=30 * n + k)
            sentence = f"{a} and {b}: {relation.value} in {when}."
            article = Article(published=published, text=sentence, source=f"{k}-{n}.txt")
            claim = Claim(
                subject=a,
                relation=relation,
                object=b,
                when=TimeSpan.parse(when),
                status=status,
                evidence=Evidence(article.id, sentence, 0, len(sentence), article.source),
                known_at=published,
                extra={"child": "Ivy"} if relation is Relation.CHILD_BORN else {},
            )
            store.add(Extraction(article, (Entity(a), Entity(b)), (), (claim,)))
    return store


def timed(part: Part, case: Case, run: Callable[[], object], limit: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, STOP_AFTER)
    started = time.perf_counter()
    try:
        run()
    except Hang:
        part.over.append((case, STOP_AFTER))
    except Exception as err:
        last = traceback.format_exception_only(err)[-1].strip()[:300]
        part.crashes.append((case, last))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    took = time.perf_counter() - started
    part.times.append(took)
    if took > limit and not (part.over and part.over[-1][0] is case):
        part.over.append((case, took))
    if took > part.slowest[0]:
        part.slowest = (took, describe(case))


def read_part(case: Case, folder: Path) -> None:
    path = folder / f"input{case.suffix}"
    path.write_bytes(case.data)
    for item in read_articles([path], warn=lambda _: None):
        if isinstance(item, Article):
            item.text.encode("utf-8")  # storable: no lone surrogate got through
            item.title.encode("utf-8")
            item.source.encode("utf-8")


def ask_part(store: Store, text: str) -> None:
    from storyline.ask import ask

    with contextlib.suppress(StorylineError):  # a clean refusal (a question over the length limit)
        ask(store, text, date(2024, 6, 1))


_EXTREME_PHRASES = [
    " They married on December 31, 9999.",
    " They met in 0001 and split before 0001.",
    " Their 999-year-old son Leo was born this year.",
    " Ann Cole, 999, married Cal Ng 99999999999 years ago.",
    " They will divorce after 9999, this week or the week of December 30, 9999.",
    " The couple got engaged last winter, 10 years ago, in the year 1000.",
]
# The readers' ends (1000-01-01, 8999-12-31) and the calendar's, which the library accepts.
_EXTREME_DAYS = [date(1000, 1, 1), date(8999, 12, 31), date.min, date.max, date(9999, 12, 25)]


def _at_the_ends(rng: random.Random, article: Article) -> tuple[str, Article]:
    """The article with a publication day at the calendar's ends and dates or ages that reach past them."""
    text = article.text + "".join(rng.sample(_EXTREME_PHRASES, rng.randint(1, 3)))
    return "calendar's ends", Article(
        published=rng.choice(_EXTREME_DAYS), text=text, source=article.source, title=article.title
    )


def extract_inputs(rng: random.Random, count: int, long: int, folder: Path) -> list[tuple[str, Article]]:
    """Articles the readers make of mutated fictional articles (a fifth of them moved to the
    calendar's ends), and fictional articles of 100 KB."""
    found: list[tuple[str, Article]] = []
    attempts = 0
    while len(found) < count and attempts < count * 20:
        attempts += 1
        path = folder / f"extract{rng.choice(['.txt', '.jsonl', '.html'])}"
        path.write_bytes(mutated_article(rng))
        found += [
            _at_the_ends(rng, a) if rng.random() < 0.2 else ("mutated article", a)
            for a in read_articles([path], warn=lambda _: None)
            if isinstance(a, Article)
        ]
    for k in range(long):
        text = long_article(LONG, rng, repeat_pair=k % 2 == 1)
        kind = "100 KB, one couple repeated" if k % 2 else "100 KB, many couples"
        found.append((kind, Article(published=date(2024, 5, 1), text=text, source=f"long-{k}.txt")))
    return found[: count + long]


def _extract_into(made: list[Extraction], article: Article) -> None:
    from storyline.extract import extract

    made.append(extract(article))


def store_part(extraction: Extraction) -> None:
    """Store what was extracted and ask about everyone in it: the query side of hostile dates."""
    from storyline.ask import ask
    from storyline.export import export
    from storyline.query import partners, timeline

    with open_store("sqlite://:memory:") as store:
        store.add(extraction)
        for entity in extraction.entities[:6]:
            if entity.kind is not EntityKind.PERSON:
                continue
            # A clean refusal is no crash: someone named in no claim is not in the database.
            with contextlib.suppress(StorylineError):
                for as_of in (None, extraction.article.published):
                    timeline(store, entity.name, as_of)
                    partners(store, entity.name, at=as_of, as_of=as_of)
                ask(store, f"Who is {entity.name} dating?", extraction.article.published)
        export(store, "json")


def report(parts: list[Part], limit: float) -> bool:
    print(f"{'part':10} {'inputs':>8} {'crashes':>8} {'over ' + format(limit, 'g') + ' s':>9} "
          f"{'p50 ms':>8} {'p99 ms':>8} {'max s':>7}  slowest")  # fmt: skip
    ok = True
    for part in parts:
        times = sorted(part.times) or [0.0]
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"{part.name:10} {len(part.times):8,} {len(part.crashes):8} {len(part.over):9} "
            f"{statistics.median(times) * 1000:8.1f} {p99 * 1000:8.1f} {times[-1]:7.2f}  {part.slowest[1]}"
        )
        ok = ok and not part.crashes and not part.over
    for part in parts:
        for case, why in part.crashes[:5]:
            print(f"\ncrash in {part.name}: {why}\n  input: {describe(case)}")
        for case, took in part.over[:5]:
            print(f"\nover the limit in {part.name}: {took:.2f} s\n  input: {describe(case)}")
    return ok


def save(parts: list[Part], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for part in parts:
        for n, (case, _) in enumerate([*part.crashes, *part.over]):
            (folder / f"{part.name}-{n}{case.suffix or '.bin'}").write_bytes(case.data)


def warm_up(folder: Path, store: Store) -> None:
    """Load what the parts load on first use (trafilatura, feedparser, warcio, the language model, the
    timex rules), so that no input is timed with an import."""
    from storyline.ask import ask
    from storyline.timex import tag

    _, published, text = ARTICLES[0]
    for suffix, content in [
        (".txt", f"date {published}\n{text}"),
        (".jsonl", json.dumps({"published": published, "text": text})),
        (".html", _seed(random.Random(2))),
        (".xml", "<rss version='2.0'><channel><item><title>x</title></item></channel></rss>"),
        (".warc", "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"),
    ]:
        (folder / f"warm{suffix}").write_text(content, encoding="utf-8")
        list(read_articles([folder / f"warm{suffix}"], warn=lambda _: None))
    tag(text, date(2024, 1, 1), ages=True)
    ask(store, "When did Ann Cole and Cal Ng get engaged?")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="inputs for the readers, timex and ask")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extract", type=int, default=300, help="mutated articles through the extractor")
    parser.add_argument("--extract-long", type=int, default=6, help="100 KB articles through the extractor")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds an input may take")
    parser.add_argument("--save", type=Path, help="write the inputs that crashed or hung here")
    parser.add_argument(
        "--seconds",
        type=float,
        help="stop generating after this long (the report says how many inputs were reached)",
    )
    args = parser.parse_args()

    from storyline.timex import tag

    signal.signal(signal.SIGALRM, _stop)
    rng = random.Random(args.seed)
    store = ask_store()
    readers, timex, asking = Part("readers"), Part("timex"), Part("ask")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as tmp:
        folder = Path(tmp)
        warm_up(folder, store)
        reached = 0
        for k in range(args.n):
            if args.seconds is not None and time.monotonic() - started > args.seconds:
                print(f"  stopped at {k:,} inputs: --seconds {args.seconds:g} reached", file=sys.stderr)
                break
            reached = k + 1
            case = generate(rng)
            timed(readers, case, partial(read_part, case, folder), args.limit)
            timed(timex, case, partial(tag, case.text, case.dct, ages=True), args.limit)
            timed(asking, case, partial(ask_part, store, case.text), args.limit)
            if (k + 1) % max(1, args.n // 20) == 0:
                print(f"  {k + 1:,} inputs, {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        parts = [readers, timex, asking]
        if args.extract or args.extract_long:
            from storyline.extract import extract

            extractor, stored = Part("extractor"), Part("stored")
            inputs = extract_inputs(rng, args.extract, args.extract_long, folder)
            extract(Article(published=date(2024, 1, 1), text="Ann Cole met Cal Ng.", source="warm.txt"))
            for kind, article in inputs:
                case = Case(kind, article.text.encode(), article.text, ".txt", article.published)
                made: list[Extraction] = []
                timed(extractor, case, partial(_extract_into, made, article), args.limit)
                if made:
                    timed(stored, case, partial(store_part, made[0]), args.limit)
            parts += [extractor, stored]
    print(f"fuzz: seed {args.seed}, {reached:,} of {args.n:,} inputs, {time.monotonic() - started:.0f} s")
    ok = report(parts, args.limit)
    if args.save:
        save(parts, args.save)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

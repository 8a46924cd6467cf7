"""Memory while reading and ingesting a large web archive: it must stay flat, whatever the size.

    python benchmarks/warc_memory.py [--size-mb 500] [--workers 1] [--keep FILE]

Writes a WARC in a temporary folder, of repeated fictional news pages (a dozen stories, each page
about 300 KB with its scripts and menus, one gzip member per record as crawlers write them) until it
reaches --size-mb. Then, each in a fresh process:

  read    `read_articles` over the archive: every page through trafilatura and htmldate;
  ingest  `storyline ingest` of it into a temporary SQLite database: every page read, the stories
          extracted by the model once each, the repeats found in the store and skipped.

For each it prints the resident memory (RSS) after 10%, 50% and 100% of the pages and the peak.
Flat means the 100% figure is the 10% figure within a few MB: memory does not grow with the archive.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

# Invented people and outlets: (first person, second person, what the story says, published).
STORIES = [
    ("Ann Cole", "Cal Ng", "are engaged, the couple announced on Monday. They met in 2018", "2023-09-05"),
    ("Dora Vale", "Eli Marsh", "have split after four years together, a spokesperson said", "2023-10-12"),
    ("Nia Brook", "Owen Lusk", "married on Saturday in York. They got engaged in 2021", "2022-06-20"),
    (
        "Lena Frost",
        "Max Dorn",
        "have moved in together in Bath. They have been dating since 2020",
        "2023-11-14",
    ),
    (
        "Pia Lund",
        "Tom Esker",
        "have welcomed their first child, a daughter, a spokesperson said",
        "2023-11-16",
    ),
    (
        "Zoe Marr",
        "Abe Kent",
        "have confirmed they are dating, six months after they met in Cardiff",
        "2024-01-09",
    ),
    ("Mae Fenn", "Jude Ashe", "have finalised their divorce. They married in 2015", "2024-03-01"),
    ("Rae Moss", "Ned Gale", "married on Friday in Whitby. The couple met in 2020", "2024-04-27"),
    ("Ivy Quill", "Sam Rowe", "have been dating since March 2022, a friend of the couple said", "2023-05-20"),
    ("Gil Sand", "Ora Pell", "got engaged in Paris, a spokesperson for the couple said", "2023-07-03"),
    ("Kit Hale", "Una Vost", "have split, two years after they moved in together in Hull", "2024-02-14"),
    ("Bea Lorn", "Finn Arlo", "married in a small ceremony in Oban. They met in 2019", "2023-08-26"),
]


def page(number: int, rng: random.Random) -> tuple[str, bytes]:
    """A fictional news page: the story, a menu, related links and 250 KB of scripts, as pages have."""
    a, b, said, published = STORIES[number % len(STORIES)]
    slug = f"{a.split()[1]}-{b.split()[1]}".lower()
    url = f"https://lantern.example/people/{slug}"
    story = "".join(
        f"<p>{sentence}</p>"
        for sentence in (
            f"{a} and {b} {said}.",
            f"{a.split()[1]} told The Evening Echo that the news was a happy one for the family.",
            f"{b.split()[1]} has appeared in several productions at the Harbour Theatre since 2015.",
            "Friends of the couple said they had kept their private life out of the spotlight.",
        )
        * 3
    )
    script = base64.b64encode(rng.randbytes(190_000)).decode()
    meta = json.dumps({"@type": "NewsArticle", "headline": f"{a} and {b}", "datePublished": published})
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{a} and {b} | The Daily'
        f' Lantern</title><link rel="canonical" href="{url}">'
        f'<script type="application/ld+json">{meta}</script><script>var bundle="{script}";</script></head>'
        '<body><nav><a href="/">Home</a> <a href="/people">People</a> <a href="/tv">TV</a></nav>'
        f"<article><h1>{a} and {b}</h1>{story}</article>"
        '<aside><h2>Related</h2><ul><li><a href="/x">Ten proposals we loved</a></li></ul></aside>'
        "<footer>© The Daily Lantern</footer></body></html>"
    )
    return url, html.encode()


def write_archive(path: Path, size_mb: int) -> int:
    """Pages into `path` until it holds `size_mb` MB; the number of pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(13)
    written = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        while out.tell() < size_mb * 2**20:
            url, html = page(written, rng)
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html),
                length=len(html),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-06-01T12:00:00Z"},
            )
            writer.write_record(record)
            written += 1
    return written


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Sampler:
    """RSS at 10%, 50% and 100% of `total` ticks."""

    def __init__(self, total: int) -> None:
        self.total, self.seen, self.samples = total, 0, {}

    def tick(self, n: int = 1) -> None:
        self.seen += n
        for share in (10, 50, 100):
            if share not in self.samples and self.seen * 100 >= share * self.total:
                self.samples[share] = _rss_mb()


def phase(name: str, archive: Path, workers: int) -> dict[str, object]:
    """Run one phase in this process; what it measured."""
    from storyline.articles import count_records, read_articles

    total = count_records([archive])
    sampler = Sampler(total)
    started = time.perf_counter()
    if name == "read":
        articles = 0
        for item in read_articles([archive]):
            articles += not isinstance(item, Exception)
            sampler.tick()
        summary = f"{articles} articles"
    else:
        from storyline.ingest import ingest
        from storyline.store import open_store

        with tempfile.TemporaryDirectory() as folder, open_store(f"sqlite:///{folder}/bench.db") as store:
            report = ingest([archive], store, workers=workers, progress=sampler.tick)
        summary = report.summary()
    elapsed = time.perf_counter() - started
    return {
        "pages": total,
        "seconds": elapsed,
        "summary": summary,
        "rss": sampler.samples,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=int, default=500, help="size of the archive to write [500]")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes for ingest [1]")
    parser.add_argument(
        "--keep", type=Path, help="write the archive here and keep it (else a temporary folder)"
    )
    parser.add_argument("--phase", choices=["read", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--archive", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:  # a child: measure one phase in a fresh process, answer in JSON
        print(json.dumps(phase(args.phase, args.archive, args.workers)))
        return
    with tempfile.TemporaryDirectory(prefix="storyline-warc-") as folder:
        archive = args.keep or Path(folder) / "crawl.warc.gz"
        started = time.perf_counter()
        pages = write_archive(archive, args.size_mb)
        size = archive.stat().st_size / 2**20
        print(
            f"archive: {size:.0f} MB, {pages} pages ({len(STORIES)} stories repeated), written in"
            f" {time.perf_counter() - started:.0f} s"
        )
        for name in ("read", "ingest"):
            command = [sys.executable, __file__, "--phase", name, "--archive", str(archive)]
            command += ["--workers", str(args.workers)]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            rss = {int(k): v for k, v in result["rss"].items()}
            print(
                f"{name:6}  {result['pages']} pages in {result['seconds']:.0f} s"
                f" ({result['pages'] / result['seconds']:.0f} pages/s); RSS after 10% {rss[10]:.0f} MB,"
                f" 50% {rss[50]:.0f} MB, 100% {rss[100]:.0f} MB (growth {rss[100] - rss[10]:+.0f} MB);"
                f" peak {result['peak']:.0f} MB"
                + (
                    f", workers' peak {result['children_peak']:.0f} MB"
                    if name == "ingest" and args.workers > 1
                    else ""
                )
            )
            if name == "ingest":
                print(f"        {result['summary']}")


if __name__ == "__main__":
    main()

"""Fictional news articles for the robustness benchmarks (fuzz.py, crash.py, load.py): invented people,
written for them, in the seed format. Never text from ../shared/corpus."""

from __future__ import annotations

import random
from datetime import date, timedelta

from storyline.model import Article, Claim, Entity, Evidence, Extraction, Relation, Status, TimeSpan

__all__ = [
    "ARTICLES",
    "PEOPLE",
    "QUESTIONS",
    "couples",
    "long_article",
    "seed_files",
    "synthetic_extractions",
]

PEOPLE = [
    ("Ann Cole", "Cal Ng"),
    ("Dora Vale", "Eli Marsh"),
    ("Nia Brook", "Owen Lusk"),
    ("Lena Frost", "Max Dorn"),
    ("Pia Lund", "Tom Esker"),
    ("Zoe Marr", "Abe Kent"),
    ("Mae Fenn", "Jude Ashe"),
    ("Rae Moss", "Ned Gale"),
]

_TEMPLATES = [
    (
        "{a} and {b} are engaged",
        "Actress {a} and chef {b} are engaged, the couple announced on Monday. The pair met in 2018 on "
        "the set of a play in Leeds and have been dating since the spring of 2019. {b}, 41, proposed "
        'during a trip to Lisbon last month, a spokesperson for {a} told the Daily Lantern. "We are '
        'over the moon," {a} said. She was previously married to the producer Hal Reed; they divorced '
        "in 2016.",
    ),
    (
        "{a} and {b} split",
        "{a} and {b} have reportedly split after four years together, sources told the Weekly Post. The "
        "couple, who married in a small ceremony in Whitby in June 2020, were last seen together in "
        'December. A representative for {b} denied the reports on Tuesday, calling them "pure '
        'speculation". {a} and {b} share a nine-year-old daughter, Ivy.',
    ),
    (
        "{a} welcomes a son",
        "{a} and her husband {b} have welcomed their second child, a son, the couple said on Instagram "
        "on Friday. The baby was born on March 3. {a}, 36, and {b} wed in 2017 after two years of "
        "dating, and their first child, a daughter, was born in 2019. The family lives in Bath, where "
        "{b} runs a bakery.",
    ),
    (
        "{a} on life after divorce",
        "In an interview with the Evening Star, {a} spoke for the first time about her divorce from {b}, "
        'which was finalised last year. "We married too young," she said of the 2009 wedding. The two '
        "had been together since college and separated in the summer of 2021. {a} is now rumoured to be "
        "dating the drummer Kit Sayer, though neither has confirmed it.",
    ),
    (
        "{a} and {b} move in together",
        "{a} and {b} have moved in together in a flat in Peckham, East London, a friend of the couple "
        "said. They met at a party in 2021, went public with their relationship a year later and got "
        "engaged on Christmas Eve. {b} said on a podcast that they plan to marry next summer in Crete.",
    ),
]

ARTICLES: list[tuple[str, str, str]] = [
    (
        f"{k:02d}-{a.split()[0].lower()}.txt",
        f"2024-{(k % 12) + 1:02d}-{(k % 27) + 1:02d}",
        body.format(a=a, b=b) if not title else f"{title.format(a=a, b=b)}\n\n{body.format(a=a, b=b)}",
    )
    for k, ((a, b), (title, body)) in enumerate(
        (pair, template) for pair in PEOPLE for template in _TEMPLATES
    )
]
"""(file name, publication day, text): forty articles, five stories for each of eight couples."""

QUESTIONS = [
    "When did {a} and {b} get engaged?",
    "Is {a} still married to {b}?",
    "Who is {a} dating?",
    "Who has {a} dated?",
    "How many children do {a} and {b} have?",
    "How long were {a} and {b} together?",
    "Did {b} deny splitting from {a}?",
    "What did {a} say about {b}?",
    "Is {a} single?",
    "When did {a} and {b} tie the knot in 2020?",
    "Who was {a}'s first husband?",
    "Where does {a} live?",
]


def seed_files(folder: object, articles: list[tuple[str, str, str]] | None = None) -> list[str]:
    """Write the articles as seed-format files into `folder` (a Path); their paths."""
    from pathlib import Path

    paths = []
    for name, published, text in articles or ARTICLES:
        path = Path(str(folder)) / name
        path.write_text(f"date {published}\n{text}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def long_article(size: int, rng: random.Random, *, repeat_pair: bool = False) -> str:
    """An article of about `size` characters: the stories of many couples one after another, or (with
    `repeat_pair`) one couple's story told again and again, the worst case for extraction."""
    parts: list[str] = []
    length = 0
    while length < size:
        a, b = PEOPLE[0] if repeat_pair else rng.choice(PEOPLE)
        _, body = _TEMPLATES[0] if repeat_pair else rng.choice(_TEMPLATES)
        paragraph = body.format(a=a, b=b)
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def couples(count: int) -> list[tuple[str, str]]:
    """`count` fictional couples (up to 128): the eight of PEOPLE first, then their first names and
    surnames crossed, so that no one is in two couples."""
    firsts = [name.split()[0] for pair in PEOPLE for name in pair]
    lasts = [name.split()[1] for pair in PEOPLE for name in pair]
    made = list(PEOPLE)
    shift = 1
    while len(made) < count and shift < len(lasts):
        for k in range(0, len(firsts), 2):
            if len(made) == count:
                break
            made.append(
                (
                    f"{firsts[k]} {lasts[(k + shift) % len(lasts)]}",
                    f"{firsts[k + 1]} {lasts[(k + 1 + shift) % len(lasts)]}",
                )
            )
        shift += 1
    return made[:count]


def synthetic_extractions(
    count: int, claims: int, offset: int = 0, pairs: list[tuple[str, str]] | None = None
) -> list[Extraction]:
    """Articles of many claims each about the fictional couples (or `pairs`), as extraction would make
    them (no model needed), numbered from `offset`: loading them is all writing."""
    relations = [Relation.MET, Relation.DATING, Relation.ENGAGED, Relation.MARRIED, Relation.SPLIT]
    pairs = pairs or PEOPLE
    made = []
    for n in range(offset, offset + count):
        a, b = pairs[n % len(pairs)]
        published = date(1990, 1, 1) + timedelta(days=n % 15_000)
        article = Article(published=published, text=f"Story {n}: {a} and {b}.", source=f"s{n:05d}.txt")
        batch = []
        for k in range(claims):
            partner = f"{b} {k % 7}" if k % 3 else b
            relation = relations[k % len(relations)]
            sentence = f"{a} and {partner}, fact {k} of story {n}."
            batch.append(
                Claim(
                    subject=a,
                    relation=relation,
                    object=partner,
                    when=TimeSpan.of(f"{2000 + k % 24}-{1 + k % 12:02d}"),
                    status=[Status.CONFIRMED, Status.REPORTED, Status.RUMOURED][k % 3],
                    evidence=Evidence(article.id, sentence, k * 50, k * 50 + 40, article.source),
                    known_at=published,
                    extra={"child": f"Kid {n}"} if relation is Relation.MARRIED else {},
                )
            )
        entities = (Entity(a), Entity(b), *(Entity(f"{b} {k}") for k in range(7)))
        made.append(Extraction(article=article, entities=entities, claims=tuple(batch)))
    return made

"""Article → Extraction: the one place spaCy objects become model objects (pure, no I/O).

A processed Doc gives readings, one per trigger sentence (relationships, careers, speech), with
names instead of spaCy objects; `storyline.facts` merges them into one claim per fact, and the
claim scorer (scoring.py) gives each its confidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.facts import ArticleContext, Reading, merge
from storyline.model import Article, Entity, EntityKind, Extraction, Mention, Relation
from storyline.pipeline import load_pipeline, make_doc
from storyline.pipeline.quotes import quoted_ranges
from storyline.pipeline.rulefile import load_rules, string_list
from storyline.scoring import Scorer, default_scorer

__all__ = ["article_context", "extract", "extract_all", "readings_of"]

_LEADING = " \t\r\n:;,-\u2013\u2014|"


def _trimmed(sentence: Span) -> tuple[str, int, int]:
    """A sentence as evidence: its text without the spaces and stray punctuation around it, and the
    character span of exactly that text."""
    text = sentence.text
    left = len(text) - len(text.lstrip(_LEADING))
    right = len(text.rstrip())
    return text[left:right], sentence.start_char + left, sentence.start_char + right


def _named_in(sentence: Span, people: set[int]) -> bool:
    """Whether every one of `people` is named (not only pointed at) in the sentence."""
    named = {p for t in sentence if t._.ref is not None and t._.ref.kind == "name" for p in t._.ref.people}
    return people <= named


def _readings(doc: Doc) -> Iterator[Reading]:
    people = doc._.people or []
    quotes = quoted_ranges(doc.text)
    first_line = doc.text.lstrip().find("\n") + (len(doc.text) - len(doc.text.lstrip()))
    for candidate in doc._.relations or []:
        sentence = candidate.sentence
        b = people[candidate.b].name if candidate.b is not None else None
        sides = {candidate.a} if candidate.b is None else {candidate.a, candidate.b}
        yield Reading(
            relation=candidate.relation,
            a=people[candidate.a].name,
            b=b,
            sentence=_trimmed(sentence)[0],
            start=_trimmed(sentence)[1],
            end=_trimmed(sentence)[2],
            when=candidate.timing.when,
            ended=candidate.timing.ended,
            duration=candidate.timing.duration,
            duration_mod=candidate.timing.duration_mod,
            status=candidate.status,
            explicit=bool(candidate.cues),
            child=candidate.child,
            former=candidate.former,
            confidence=0.9 if candidate.b is not None else 0.7,
            rule=candidate.rule.name,
            trigger=candidate.trigger.start_char,
            by_now=candidate.timing.by_now,
            announced=candidate.timing.announced,
            derived=candidate.timing.derived,
            presupposed=candidate.nested or candidate.rule.role == "partner",
            least=candidate.rule.least,
            lasted=candidate.lasted,
            until=candidate.until,
            named=_named_in(sentence, sides),
            filled=candidate.filled,
            count=candidate.count,
            quoted=any(start <= candidate.trigger.start_char < end for start, end in quotes),
            headline=sentence.start_char <= max(first_line, 0),
        )


def _career_readings(doc: Doc) -> Iterator[Reading]:
    people = doc._.people or []
    for fact in doc._.career or []:
        extra = tuple((k, v) for k, v in (("role", fact.role), ("place", fact.place)) if v)
        for person in fact.people:
            yield Reading(
                relation=Relation(fact.kind),
                a=people[person].name,
                b=fact.obj,
                sentence=_trimmed(fact.sentence)[0],
                start=_trimmed(fact.sentence)[1],
                end=_trimmed(fact.sentence)[2],
                when=fact.when,
                confidence=0.7,
                rule=f"career.{fact.kind}",
                trigger=fact.sentence.start_char,
                extra=extra,
            )


def _speech_readings(doc: Doc) -> Iterator[Reading]:
    people = doc._.people or []
    for said in doc._.speech or []:
        about = "; ".join(people[p].name for p in said.about)
        extra = (("quote", said.quote), *((("about", about),) if about else ()))
        yield Reading(
            relation=Relation.SAID,
            a=people[said.speaker].name,
            b=said.outlet,
            sentence=_trimmed(said.sentence)[0],
            start=_trimmed(said.sentence)[1],
            end=_trimmed(said.sentence)[2],
            when=said.when,
            confidence=0.8,
            rule="speech",
            trigger=said.sentence.start_char,
            extra=extra,
        )


def _entities(doc: Doc) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    people = doc._.people or []
    descriptors: dict[int, list[str]] = {p.index: [] for p in people}
    mentions: list[Mention] = []
    for ref in doc._.refs or []:
        span = doc[ref.start : ref.end]
        for index in ref.people:
            mentions.append(Mention(people[index].name, span.start_char, span.end_char, span.text, ref.kind))
            if ref.kind == "descriptor" and span.text not in descriptors[index]:
                descriptors[index].append(span.text)
    entities = tuple(
        Entity(p.name, EntityKind.PERSON, tuple(sorted(p.forms - {p.name})), tuple(descriptors[p.index]))
        for p in people
    )
    return entities, tuple(mentions)


@cache
def _fiction_words() -> frozenset[str]:
    table = load_rules("relations").get("genre", {})
    return frozenset(string_list(table, "fiction", "rules/en/relations.toml", "genre"))


def article_context(doc: Doc) -> ArticleContext:
    """How often the article refers to each person, the share of its sentences that speak of films,
    shows, roles or scenes (relations.toml [genre]), and who the tagger itself took for a person."""
    people = doc._.people or []
    counts = Counter(p for ref in doc._.refs or [] for p in ref.people)
    sentences = list(doc.sents)
    words = _fiction_words()
    fiction = sum(any(t.lemma_.lower() in words for t in s) for s in sentences) / max(len(sentences), 1)
    tagged = {
        p
        for ref in doc._.refs or []
        if ref.kind == "name" and any(t.ent_type_ == "PERSON" for t in doc[ref.start : ref.end])
        for p in ref.people
    }
    return ArticleContext(
        {people[i].name: n for i, n in counts.items()},
        round(fiction, 3),
        frozenset(people[i].name for i in tagged),
    )


def readings_of(doc: Doc) -> list[Reading]:
    """Every reading of a processed Doc: relationships, careers and speech."""
    return [*_readings(doc), *_career_readings(doc), *_speech_readings(doc)]


def _from_doc(doc: Doc, article: Article, scorer: Scorer | None) -> Extraction:
    entities, mentions = _entities(doc)
    claims = merge(readings_of(doc), article, article_context(doc), scorer)
    return Extraction(article=article, entities=entities, mentions=mentions, claims=tuple(claims))


def extract(article: Article, nlp: Language | None = None) -> Extraction:
    """Everything one article says about people, each claim with its sentence as evidence."""
    nlp = nlp or load_pipeline()
    doc = nlp(make_doc(nlp, article.text, article.published))
    return _from_doc(doc, article, default_scorer())


def extract_all(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Extraction]:
    """`extract` over many articles, batching them through the model (faster than one by one)."""
    nlp = nlp or load_pipeline()
    pending = ((make_doc(nlp, a.text, a.published), a) for a in articles)
    scorer = default_scorer()
    for doc, article in nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
        yield _from_doc(doc, article, scorer)

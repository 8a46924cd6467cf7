"""Every rules file loads, and every rule's own examples hold (the rules files are their own tests)."""

from datetime import date
from typing import Any

import pytest

from storyline.model import Article, Relation
from storyline.pipeline.people import people_rules
from storyline.pipeline.rulefile import load_rules

TRIGGER_FILE = "relations"
DEFAULT_PUBLISHED = "2024-03-08"


def test_every_rules_file_loads_with_a_known_version() -> None:
    for name in ("people", "relations", "status", "timex"):
        assert load_rules(name)["version"] == 1


def test_people_rules_are_lowercase_word_lists() -> None:
    rules = people_rules()
    assert "she" in rules.female_pronouns and "couple" in rules.group_nouns
    assert rules.descriptor_gender("actress") == "f" and rules.descriptor_gender("singer") == ""
    assert not rules.female_names & rules.male_names


def _trigger_examples() -> list[Any]:
    from storyline.pipeline.triggers import trigger_rules

    return [
        pytest.param(rule, example, id=f"{rule.name}-{n}")
        for rule in trigger_rules()
        for n, example in enumerate(rule.examples)
    ]


def _career_examples() -> list[Any]:
    from storyline.pipeline.rulefile import load_rules

    data = load_rules("career")
    return [
        pytest.param(section, *example, id=f"{section}-{n}")
        for section in ("titles", "roles", "homes")
        for n, example in enumerate(data[section]["examples"])
    ]


def _cue_examples() -> list[Any]:
    from storyline.pipeline.status import cue_rules

    return [
        pytest.param(cue.name, text, status, id=f"{cue.name}-{n}")
        for cue in cue_rules()
        for n, (text, status) in enumerate(cue.examples)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("rule", "example"), _trigger_examples())
def test_trigger_rule_examples(nlp: Any, rule: Any, example: tuple[Any, ...]) -> None:
    from storyline.extract import extract

    text, a, b, when, *rest = example
    options = rest[0] if rest else {}
    body = f"{options.get('context', '')} {text}".strip()
    article = Article(published=date.fromisoformat(options.get("published", DEFAULT_PUBLISHED)), text=body)
    relation = Relation(options.get("relation", rule.relation))
    claims = [c for c in extract(article, nlp).claims if c.relation is relation]
    if not a and not b:  # a counterexample: the words are there, the relation is not
        assert not claims, f"{relation} claim in counterexample {text!r}: {[c.to_json() for c in claims]}"
        return
    found = [c for c in claims if {c.subject, c.object} == {a, b}]
    assert found, f"no {relation} claim for {a} and {b} in {text!r}; got {[c.to_json() for c in claims]}"
    claim = found[0]
    assert (claim.when.label() if claim.when else "") == when
    if "status" in options:
        assert claim.status.value == options["status"]
    if "ended" in options:
        assert claim.ended is not None and claim.ended.label() == options["ended"]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "status"), _cue_examples())
def test_status_cue_examples(nlp: Any, name: str, text: str, status: str) -> None:
    from storyline.extract import extract

    claims = extract(Article(published=date.fromisoformat(DEFAULT_PUBLISHED), text=text), nlp).claims
    relationship = [c for c in claims if c.relation is not Relation.MET]
    assert relationship, f"{name}: no claim in {text!r}"
    assert relationship[0].status.value == status


@pytest.mark.slow
@pytest.mark.parametrize(("section", "text", "person", "thing"), _career_examples())
def test_career_examples(nlp: Any, section: str, text: str, person: str, thing: str) -> None:
    from storyline.extract import extract

    context = "Ann Cole met Ben Hart in 2019. " if not person else ""
    claims = extract(
        Article(published=date.fromisoformat(DEFAULT_PUBLISHED), text=context + text), nlp
    ).claims
    if section == "roles":
        found = [c for c in claims if c.relation is Relation.ACTED_IN and c.extra.get("role") == thing]
    else:
        wanted = Relation.LIVES_IN if section == "homes" else Relation.ACTED_IN
        found = [c for c in claims if c.relation is wanted and c.object == thing]
    assert found, f"{section}: no claim for {thing!r} in {text!r}: {[c.to_json() for c in claims]}"
    if person:
        assert found[0].subject == person


def _partner_examples() -> list[Any]:
    table = load_rules(TRIGGER_FILE)["partners"]
    return [pytest.param(text, name, id=f"partners-{n}") for n, (text, name) in enumerate(table["examples"])]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "name"), _partner_examples())
def test_people_in_someones_life_are_not_partners(nlp: Any, text: str, name: str) -> None:
    from storyline.extract import extract

    article = Article(published=date.fromisoformat(DEFAULT_PUBLISHED), text=text)
    claims = [c for c in extract(article, nlp).claims if c.relation.is_partnership]
    assert not [c for c in claims if name in (c.subject, c.object)], [c.to_json() for c in claims]


def _screen_examples() -> list[Any]:
    table = load_rules(TRIGGER_FILE)["genre"]
    return [
        pytest.param(text, relation, id=f"screen-{n}") for n, (text, relation) in enumerate(table["examples"])
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "relation"), _screen_examples())
def test_a_relationship_on_screen_is_a_role_not_a_fact(nlp: Any, text: str, relation: str) -> None:
    """relations.toml [genre] examples: "" where nothing may be read, else the relation that must be."""
    from storyline.extract import extract

    article = Article(published=date.fromisoformat(DEFAULT_PUBLISHED), text=text)
    found = {c.relation.value for c in extract(article, nlp).claims if c.relation.is_partnership}
    assert (relation in found) if relation else not found, found

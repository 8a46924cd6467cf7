"""Contract tests: the public API is curated, and every command is documented."""

import re
import subprocess
import sys
from pathlib import Path

import storyline
from storyline.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_public_api_is_pinned() -> None:
    assert storyline.__all__ == [
        *("Answer", "Article", "ArticleError", "Claim", "ConflictEntry", "Entity", "Evidence"),
        *("Extraction", "IngestReport", "Partner", "Person", "PersonNotFound", "Relation", "RulesError"),
        *("SourceEntry", "Status", "Store", "StoreError", "StorylineError", "TimeSpan", "TimelineEntry"),
        *("ask", "conflicts", "export", "extract", "find_person", "ingest", "open_store"),
        *("parse_article", "partners", "read_articles", "sources", "statements", "timeline"),
    ]
    assert storyline.__all__ == sorted(storyline.__all__)


def test_every_public_name_is_documented() -> None:
    for name in storyline.__all__:
        assert getattr(storyline, name).__doc__, f"storyline.{name} has no docstring"


def test_importing_a_submodule_never_replaces_the_function_of_its_name() -> None:
    # A re-run notebook cell: the submodules are imported by now, and the functions still stand.
    code = (
        "import importlib, storyline, types\n"
        "for name in ('ingest', 'extract', 'ask', 'export'):\n"
        "    importlib.import_module('storyline.' + name)\n"
        "    import storyline.ingest, storyline.extract, storyline.ask, storyline.export\n"
        "    assert isinstance(getattr(storyline, name), types.FunctionType), name\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "ok"


def test_every_spacy_component_is_a_factory_entry_point() -> None:
    # In a fresh interpreter that never imported storyline.pipeline: spaCy finds each by its entry point.
    code = (
        "import re, pathlib, spacy\n"
        "from importlib.metadata import entry_points\n"
        "points = entry_points(group='spacy_factories')\n"
        "ours = sorted(e.name for e in points if e.value.startswith('storyline.'))\n"
        "nlp = spacy.blank('en')\n"
        "for name in ours:\n"
        "    nlp.add_pipe(name)\n"
        "print(' '.join(ours))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    declared = set(
        re.findall(r'Language\.(?:factory|component)\(\s*"(\w+)"', _pipeline_source(), flags=re.MULTILINE)
    )
    assert declared and set(out.split()) == declared


def _pipeline_source() -> str:
    folder = ROOT / "src" / "storyline" / "pipeline"
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py")))


def test_importing_storyline_does_not_import_spacy() -> None:
    code = "import sys, storyline; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, f"storyline {name} has no help text"
        assert re.search(rf"storyline {re.escape(name)}\b", readme), (
            f"README.md does not document `storyline {name}`"
        )


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.find("\n## ", readme.find("make test"))]
    assert "make demo" in head and "make test" in head


def test_architecture_page_names_every_module() -> None:
    page = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    src = ROOT / "src" / "storyline"
    for path in sorted(src.rglob("*.py")):
        if path.name == "__init__.py":
            continue
        assert path.name in page, f"ARCHITECTURE.md does not mention {path.relative_to(src)}"

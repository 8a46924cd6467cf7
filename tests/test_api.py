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
        *("Article", "ArticleError", "Claim", "Entity", "Evidence", "Extraction", "IngestReport"),
        *("PersonNotFound", "Relation", "RulesError", "Status", "Store", "StoreError", "StorylineError"),
        *("TimeSpan", "extract", "ingest", "open_store", "parse_article", "partners", "read_articles"),
        "timeline",
    ]
    assert storyline.__all__ == sorted(storyline.__all__)


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

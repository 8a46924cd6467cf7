"""The docs are tested: docs/library.md's walk-through runs, twice in one interpreter."""

import re
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parent.parent / "docs" / "library.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", LIBRARY.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_walk_through_has_blocks() -> None:
    assert len(_blocks()) >= 5


@pytest.mark.slow
def test_the_library_walk_through_runs_twice_in_one_interpreter(capsys: pytest.CaptureFixture[str]) -> None:
    # The second run is a re-run notebook: the submodules are imported by now, the names must still work.
    for _ in range(2):
        namespace: dict[str, object] = {}
        for block in _blocks():
            exec(compile(block, str(LIBRARY), "exec"), namespace)
    printed = capsys.readouterr().out
    assert printed.count("Oskar Lind") >= 4

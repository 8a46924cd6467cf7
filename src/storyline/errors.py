"""StorylineError and its few subclasses: what callers catch, each with a message that says what to do."""

from __future__ import annotations

__all__ = ["ArticleError", "LimitError", "RulesError", "StoreError", "StorylineError", "one_line"]


class StorylineError(Exception):
    """Base class for every error storyline raises on purpose."""


class ArticleError(StorylineError):
    """An input that cannot be read as a dated article; names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class RulesError(StorylineError):
    """A rules file under rules/<lang>/ that does not load; names the file, the rule and why."""

    def __init__(self, file: str, rule: str, reason: str) -> None:
        super().__init__(f"{file}: rule {rule!r}: {reason}")
        self.file = file
        self.rule = rule
        self.reason = reason


class StoreError(StorylineError):
    """The database cannot be opened, is of an unknown schema version, or refused a write."""


class LimitError(StorylineError):
    """An input over one of storyline's limits (a question too long to read); says the limit."""


def one_line(err: BaseException, limit: int = 300) -> str:
    """An unexpected exception in one line, for the message of the error that reports it: its type
    and the first line of what it says, cut at `limit` characters."""
    lines = str(err).splitlines()
    said = f"{type(err).__name__}: {lines[0]}" if lines and lines[0] else type(err).__name__
    return said if len(said) <= limit else said[: limit - 1] + "…"

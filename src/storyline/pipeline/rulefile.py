"""Loading a rules file from `storyline/rules/<lang>/`, with errors that name the file."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from storyline.errors import RulesError

__all__ = ["load_rules", "string_list"]

SUPPORTED_VERSION = 1


@cache
def load_rules(name: str, lang: str = "en") -> dict[str, Any]:
    """The parsed TOML of `rules/<lang>/<name>.toml`; raises RulesError when it is missing or malformed."""
    path = f"rules/{lang}/{name}.toml"
    try:
        text = resources.files("storyline").joinpath(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise RulesError(path, "-", "file not found") from None
    except tomllib.TOMLDecodeError as err:
        raise RulesError(path, "-", f"not valid TOML: {err}") from None
    if data.get("version") != SUPPORTED_VERSION:
        raise RulesError(path, "-", f"version must be {SUPPORTED_VERSION}, found {data.get('version')!r}")
    return data


def string_list(data: dict[str, Any], key: str, file: str, rule: str) -> tuple[str, ...]:
    """data[key] as a tuple of lowercase strings, or a RulesError saying what is wrong."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(file, rule, f"{key!r} must be a list of strings")
    return tuple(v.lower() for v in value)

"""The gender a first name usually has, from the US Census 1990 first-name lists (the `names` package).

The weakest cue to a person's gender: a title ("Mrs."), our own list of first names (people.toml) and
the noun before a name ("actress") all say it first, and a pronoun resolved to the person settles it.
A name counts only where one sex holds it ten times as often as the other: "Patti" is female and
"Rupert" male, while "Jamie", "Taylor" and "Leslie" say nothing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["census_gender"]

_RATIO = 10.0


def _frequencies(filename: str) -> dict[str, float]:
    text = resources.files("names").joinpath(filename).read_text(encoding="ascii")
    # Lines: NAME  frequency-in-percent  cumulative  rank
    return {fields[0].lower(): float(fields[1]) for fields in map(str.split, text.splitlines()) if fields}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    female = _frequencies("dist.female.first")
    male = _frequencies("dist.male.first")
    table: dict[str, str] = {}
    for name in female.keys() | male.keys():
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= _RATIO * m:
            table[name] = "f"
        elif m >= _RATIO * f:
            table[name] = "m"
    return table


def census_gender(first_name: str) -> str | None:
    """'f', 'm', or None when the name is rare, unknown or given to both sexes."""
    return _table().get(first_name.lower())

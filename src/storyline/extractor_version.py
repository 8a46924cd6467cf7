"""The extractor's version: what read an article, recorded with it so that `storyline reextract` can
find the articles read by older rules.

It is storyline's version and a digest of everything that decides what is drawn from a text: the
rules (rules/en/*.toml) and the claim scorer's weights (models/*.json). Editing a rule changes it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata, resources

__all__ = ["extractor_version"]


@cache
def extractor_version() -> str:
    """`<package version>+<12 hex digits of the rules and weights>`, e.g. `0.1.0+3f2a9c0d1e4b`."""
    digest = hashlib.sha256()
    root = resources.files("storyline")
    for folder, suffix in (("rules/en", ".toml"), ("models", ".json")):
        files = sorted(
            (f for f in root.joinpath(folder).iterdir() if f.name.endswith(suffix)), key=lambda f: f.name
        )
        for file in files:
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    try:
        version = metadata.version("storyline")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"{version}+{digest.hexdigest()[:12]}"

"""Article text as storyline accepts it: some text, not binary data, under 5 MB, and in English.

Every reader checks the text it found here, whatever the format it came in, so that a page, a feed
entry and a JSON record are refused for the same reasons and in the same words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from storyline.errors import ArticleError

__all__ = ["MAX_ARTICLE_BYTES", "check_text", "language"]

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Longer articles are refused: no news article is this long, and parsing one would stall a batch."""

_WORD = re.compile(r"[^\W\d_]+")
# Below this many words a detector guesses (a headline of names reads as Luxembourgish): let it be.
_MIN_WORDS = 20
# The detector's probabilities are calibrated: a confident other language is a foreign article,
# while a long, repetitive or name-heavy English text spreads its probability thin (0.02 for
# Afrikaans) rather than naming another language with confidence.
_CONFIDENT = 0.5
_SAMPLE = 20_000


@cache
def _identifier() -> Any:
    # Imported and loaded on first use: the model takes a second to unpack, and `import storyline`
    # (a web server reading its store, say) never needs it.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language(text: str) -> tuple[str, float]:
    """The language of `text` (an ISO 639 code) and the detector's probability for it.

    >>> language("Ann Cole and Ben Hart got engaged in June, the couple said on Monday.")[0]
    'en'
    """
    code, probability = _identifier().classify(text[:_SAMPLE])
    return str(code), float(probability)


def check_text(source: str, text: str, *, empty: str = "the article has no text") -> None:
    """Raise `ArticleError` naming `source` when `text` is not an English article storyline can read."""
    if not text.strip():
        raise ArticleError(source, empty)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if controls > max(8, len(text) // 100):
        raise ArticleError(source, "this looks like binary data, not article text")
    if len(text.encode()) > MAX_ARTICLE_BYTES:
        raise ArticleError(source, "the article is over 5 MB; no news article is that long (split it)")
    if len(_WORD.findall(text[:_SAMPLE])) < _MIN_WORDS:
        return
    code, probability = language(text)
    if code != "en" and probability >= _CONFIDENT:
        raise ArticleError(
            source,
            f"the text does not look like English but like {code!r} (storyline reads English articles)",
        )

"""Article text as storyline accepts it: some text, not binary data, not too long, and in English.

Every reader checks the text it found here, whatever the format it came in, so that a page, a feed
entry and a JSON record are refused for the same reasons and in the same words. `check_text` also
gives the text back as it is stored: a NUL character (which PostgreSQL cannot store) and a lone
surrogate (which no database can: it is half of a character, as a JSON escape like "\\ud800" can
write) become U+FFFD, the character decoders put where a byte made no sense.

Text files are read in the encoding their first bytes show: UTF-8 (with or without its byte order
mark), or UTF-16 or UTF-32 (as Windows tools save "Unicode" text), with or without a byte order mark.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from typing import Any

from storyline.errors import ArticleError

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_ARTICLE_CHARS",
    "check_text",
    "clean_text",
    "language",
    "sniff_encoding",
]

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Larger files and request bodies are refused before they are read: no news article is this long."""

MAX_ARTICLE_CHARS = 1_000_000
"""Longer texts are refused: no news article is this long, parsing one would stall a batch for long,
and it is the most the spaCy pipeline takes (its `max_length`)."""

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
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


def clean_text(text: str) -> str:
    """`text` with what no database stores (NUL, a lone surrogate) made U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", text) if _UNSTORABLE.search(text) else text


def check_text(source: str, text: str, *, empty: str = "the article has no text") -> str:
    """The text as stored (see `clean_text`); an `ArticleError` naming `source` when `text` is not an
    English article storyline can read."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(
            source,
            f"the article is {len(text):,} characters; storyline reads articles of up to"
            f" {MAX_ARTICLE_CHARS:,} (no news article is longer: split it)",
        )
    if not text.strip():
        raise ArticleError(source, empty)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if controls > max(8, len(text) // 100):
        raise ArticleError(source, "this looks like binary data, not article text")
    text = clean_text(text)
    if len(_WORD.findall(text[:_SAMPLE])) < _MIN_WORDS:
        return text
    code, probability = language(text)
    if code != "en" and probability >= _CONFIDENT:
        raise ArticleError(
            source,
            f"the text does not look like English but like {code!r} (storyline reads English articles)",
        )
    return text


def sniff_encoding(head: bytes) -> str:
    """The encoding a text file's first bytes show: `utf-8-sig` unless they show UTF-16 or UTF-32.

    Without a byte order mark, UTF-16 shows in its zero bytes: English text in it has one in every
    other byte, which UTF-8 text never has.
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[:512]
    if len(sample) >= 8:
        pairs = len(sample) // 2
        even = sample[0 : 2 * pairs : 2].count(0)
        odd = sample[1 : 2 * pairs : 2].count(0)
        if odd >= pairs * 0.6 and even <= pairs * 0.1:
            return "utf-16-le"
        if even >= pairs * 0.6 and odd <= pairs * 0.1:
            return "utf-16-be"
    return "utf-8-sig"

"""The Wikidata properties storyline's statements are made of: each property's label, and each
qualifier by the name statements carry it under with its property id. Shared by the statements
(`storyline.export`, which re-exports both) and their RDF (`wikidata.py`).
"""

from __future__ import annotations

__all__ = ["PROPERTIES", "QUALIFIERS"]

#: Wikidata's label of every property a statement or qualifier uses.
PROPERTIES = {
    "P26": "spouse",
    "P451": "unmarried partner",
    "P40": "child",
    "P161": "cast member",
    "P551": "residence",
    "P793": "significant event",
}
#: The qualifiers by the name statements carry them under, and their Wikidata property.
QUALIFIERS = {
    "start time": "P580",
    "end time": "P582",
    "point in time": "P585",
    "end cause": "P1534",
    "participant": "P710",
    "other parent": "P1038",
    "character role": "P453",
    "location": "P276",
    "publisher": "P123",
    "main subject": "P921",
    "quote": "P1683",
    "sourcing circumstances": "P1480",
    "reason for deprecated rank": "P2241",
}

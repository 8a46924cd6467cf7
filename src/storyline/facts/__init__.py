"""An article's readings become its claims: pure Python, no spaCy.

* `reading.py`  Reading: one fact as one sentence states it, with names instead of spaCy objects
* `implied.py`  what the readings of one article imply beyond themselves: a divorce a marriage, a
                split the end of the pair's states, a length a start, two parents named apart one birth
* `merge.py`    the readings of one fact merged into one claim (the best date, the status the article
                ends on), with the signals the claim scorer reads
"""

from storyline.facts.merge import ArticleContext, merge, merge_with_signals
from storyline.facts.reading import COUNTED, Reading

__all__ = ["COUNTED", "ArticleContext", "Reading", "merge", "merge_with_signals"]

"""The pure bi-temporal fold: claims from many articles → events, relationship phases, state at a date.

Two times matter. *Valid time* is when something was true (a claim's `when`/`ended`); *knowledge
time* is when it became known (the article's publication date, `known_at`). `as_of` keeps only what
was known on a date; `at` asks what was true on a date. The fold sorts its input first, so loading an
archive in any order gives the same answer.

* Claims of the same fact (same relation, same two people, compatible dates) become one `Event`;
  a confirmed claim supersedes rumours and reports of it; a denial beside a report or rumour is a
  conflict, kept with both sides' sources. A claim without a date joins a dated event only when that
  event had happened by the claim's article, so that no event is "known" before it happened; each
  quote is an event of its own.
* Phases follow the events between two people: met → dating → engaged → married; a split or divorce
  that is confirmed or reported ends the open phase (a rumoured or denied one does not, and is shown
  as disputed); a reconciliation reopens it.
* A phase that only rumours or reports stand for, with no article restating it for `STALE_MONTHS`,
  is stale: it is shown, but no longer taken for a current relationship.
"""

from storyline.history.conflicts import Conflict, conflicts
from storyline.history.events import Event, events, name_map, visible
from storyline.history.phases import (
    STALE_MONTHS,
    Phase,
    open_phases,
    phases,
    stale,
    stale_flags,
    stale_since,
)

__all__ = [
    "STALE_MONTHS",
    "Conflict",
    "Event",
    "Phase",
    "conflicts",
    "events",
    "name_map",
    "open_phases",
    "phases",
    "stale",
    "stale_flags",
    "stale_since",
    "visible",
]

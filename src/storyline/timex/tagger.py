"""Tagging a text: recognized expressions resolved in reading order into TIMEX3 timexes.

The reference time moves as the text goes: every date the text anchors by itself or against the
publication date becomes the time that "a year earlier" or "the following month" are counted from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from storyline.model import Mod, TimeSpan, value_interval
from storyline.timex.anchor import Context, Resolved, resolve
from storyline.timex.calendar import Point
from storyline.timex.grammar import Grammar, Rule, load
from storyline.timex.partial import Anchor, Direction, Partial, Unit
from storyline.timex.recognize import recognize
from storyline.timex.tense import tense_at

__all__ = ["Timex", "tag", "tag_with_rules"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: its span in the text, TIMEX3 type, value and mod.

    `signal` is the preposition right before the span ("before", "since"), which TimeML keeps out of
    the span; "before" and "after" also set the mod. `span` is the interval of days for date values.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: Mod | None = None
    signal: str | None = None
    span: TimeSpan | None = None

    def to_json(self) -> dict[str, object]:
        """The `storyline timex --json` record."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": str(self.mod) if self.mod is not None else None,
            "signal": self.signal,
        }


def tag(text: str, dct: date | None = None, *, ages: bool = False) -> list[Timex]:
    """All temporal expressions in text, in order, non-overlapping, resolved against dct and the
    narrative reference time. `ages=True` also gives people's ages ("nine-year-old" → P9Y), which
    TimeML does not annotate but the relation layer reads birth years from.

    >>> [t.value for t in tag("They met two years ago, and married a year later.", date(2024, 2, 8))]
    ['2022', '2023']
    """
    return [timex for timex, rule in tag_with_rules(text, dct) if ages or not rule.age]


def tag_with_rules(
    text: str, dct: date | None = None, grammar: Grammar | None = None
) -> list[tuple[Timex, Rule]]:
    """`tag`, with the rule that found each timex (for the rule examples and for debugging)."""
    grammar = grammar or load()
    found: list[tuple[Timex, Rule]] = []
    context = Context(dct, Point(dct, Unit.DAY) if dct is not None else None)
    # Resolution is pure: the same words in the same context resolve alike. A text that repeats an
    # expression ("Q1 Q1 Q1 ...", a table of dates) then costs a lookup per repetition.
    resolved_in: dict[tuple[object, ...], Resolved | None] = {}
    spans: dict[tuple[str, str, Mod | None], TimeSpan | None] = {}
    for candidate in recognize(text, grammar):
        partial = candidate.partial
        tense: Direction | None = None
        if partial.direction in (Direction.TENSE, Direction.LIKELY):
            if candidate.signal in grammar.tense.past_signals:
                partial = replace(partial, direction=Direction.PAST)
            elif candidate.signal in grammar.tense.future_signals and partial.direction is Direction.LIKELY:
                # "by March" leans to the future; "had filed reports by Wednesday" shows a weekday needs
                # its verbs, so future signals only weight the likely-occurrence rules.
                tense = Direction.FUTURE
            else:
                tense = tense_at(text, candidate.start, candidate.end, grammar.tense)
        key = (partial, tense, context.ref, *sorted(context.periods.items()))
        if key in resolved_in:
            resolved = resolved_in[key]
        else:
            resolved = resolved_in[key] = resolve(partial, context, tense)
        if resolved is None:
            continue
        mod = partial.mod
        if mod is None and candidate.signal is not None:
            mod = grammar.signals.get(candidate.signal)
        if resolved.point is not None and partial.type in ("DATE", "TIME") and _moves_reference(partial):
            context = context.moved_to(resolved.point, period=not _worked_out(partial))
        timex = Timex(
            start=candidate.start,
            end=candidate.end,
            text=text[candidate.start : candidate.end],
            type=candidate.rule.type,
            value=resolved.value,
            mod=mod,
            signal=candidate.signal,
            span=_span(candidate.rule.type, resolved.value, mod, spans),
        )
        found.append((timex, candidate.rule))
    return found


def _moves_reference(partial: Partial) -> bool:
    # A date counted back from the reference time ("a year earlier") is a step back in a comparison,
    # not a new point the story moves to; the next "a year earlier" still counts from the same place.
    # A step forward ("two years later", "the following spring") is the story moving on.
    if partial.anchor is Anchor.REF:
        return (partial.shift or 0) > 0 or partial.direction is Direction.AFTER
    return partial.anchor is not Anchor.PERIOD


def _worked_out(partial: Partial) -> bool:
    # A period the rule works out from a day inside it ("the quarter ended Sept. 30" is 1989-Q3) is
    # the calendar's; a report's "the quarter" may be a fiscal one it named ("the fiscal first
    # quarter"), so such a period moves the reference time but is not remembered as the report's.
    finest = partial.finest_field
    return partial.granularity is not None and finest is not None and partial.granularity < finest


def _span(
    type_: str, value: str, mod: Mod | None, known: dict[tuple[str, str, Mod | None], TimeSpan | None]
) -> TimeSpan | None:
    key = (type_, value, mod)
    if key not in known:
        known[key] = _interval(type_, value, mod)
    return known[key]


def _interval(type_: str, value: str, mod: Mod | None) -> TimeSpan | None:
    try:
        if type_ not in ("DATE", "TIME") or value_interval(value) is None:
            return None
        return TimeSpan.of(value, mod)
    except (ValueError, OverflowError):
        return None  # a value at the calendar's end ("9999-W52" runs into year 10000): no interval

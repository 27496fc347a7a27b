"""Change over time, in words that describe and never judge.

Used for a therapist's view of a client's reflections and check-ins: which way things have moved
between two readings, with a band of "about the same" so that small wobbles are not read as
change. feltsafe's own instrument has no population norms yet, so these compare a person only
with themselves, and say so (`NO_NORMS_NOTE`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

Direction = Literal["more_at_ease", "more_guarded", "about_the_same", "not_enough"]

DIRECTION_LABELS: Final[dict[str, str]] = {
    "more_at_ease": "more at ease",
    "more_guarded": "more guarded",
    "about_the_same": "about the same",
    "not_enough": "not enough to compare yet",
}

REFLECTION_STEADY_WITHIN: Final[float] = 5.0
"""On the 0-100 reflection scale, a change smaller than this reads as "about the same"."""
CHECKIN_STEADY_WITHIN: Final[float] = 0.5
"""On the 0-10 check-in scale, a change smaller than this reads as "about the same"."""

NO_NORMS_NOTE: Final[str] = (
    "The Emotional Safety Reflection has no norms yet: nobody has measured how these scores are "
    "spread in any population, so there is no cut-off and no 'clinically significant' change. "
    "Each number compares this person only with their own earlier answers, and a few points "
    "either way may be ordinary day-to-day variation."
)


@dataclass(frozen=True)
class Change:
    previous: float | None
    latest: float | None
    direction: Direction

    @property
    def delta(self) -> float | None:
        if self.previous is None or self.latest is None:
            return None
        return round(self.latest - self.previous, 1)

    @property
    def label(self) -> str:
        return DIRECTION_LABELS[self.direction]


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the known values, or None when there are none."""
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def change_between(previous: float | None, latest: float | None, *, steady_within: float) -> Change:
    """Which way `latest` moved from `previous`; higher always means more at ease."""
    if steady_within < 0:
        raise ValueError("steady_within cannot be negative.")
    if previous is None or latest is None:
        return Change(previous, latest, "not_enough")
    diff = latest - previous
    direction: Direction
    if abs(diff) < steady_within:
        direction = "about_the_same"
    elif diff > 0:
        direction = "more_at_ease"
    else:
        direction = "more_guarded"
    return Change(previous, latest, direction)

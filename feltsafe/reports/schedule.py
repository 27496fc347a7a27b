"""When an assigned reflection or check-in is next due: plain dates in, plain dates out.

A therapist may suggest a reflection or a check-in on a cadence. This module only answers the
calendar question; nothing here makes anything required, and "overdue" is a quiet note for the
therapist's dashboard, never a reproach shown to the person.

Cadences (all counted from `start`, the first day something is due):

- ``weekly``: every 7 days;
- ``fortnightly``: every 14 days ("every two weeks from a start date");
- ``monthly``: on the start's day of the month, or the month's last day when it is shorter
  (a start on 31 January is due on 28 or 29 February, then on 31 March);
- ``custom``: every `interval_days` days (1 to 366).

A round is *due* from its date for `grace_days` days and *overdue* after that, until something is
done on or after that round's date. Before `start` nothing is due yet ("upcoming").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

CadenceKind = Literal["weekly", "fortnightly", "monthly", "custom"]
DueState = Literal["upcoming", "done", "due", "overdue"]

CADENCE_KINDS: Final[tuple[CadenceKind, ...]] = ("weekly", "fortnightly", "monthly", "custom")
FIXED_INTERVALS: Final[dict[str, int]] = {"weekly": 7, "fortnightly": 14}
MAX_INTERVAL_DAYS: Final[int] = 366
DEFAULT_GRACE_DAYS: Final[int] = 3


class ScheduleError(ValueError):
    """A cadence that cannot be used; the message is a plain sentence."""


@dataclass(frozen=True)
class Schedule:
    kind: CadenceKind
    start: date
    interval_days: int | None = None
    """Only for ``custom``: the number of days between rounds."""

    def __post_init__(self) -> None:
        if self.kind not in CADENCE_KINDS:
            raise ScheduleError(
                f"{self.kind!r} is not a cadence; choose weekly, fortnightly, monthly or custom."
            )
        if self.kind == "custom":
            days = self.interval_days
            if not isinstance(days, int) or isinstance(days, bool):
                raise ScheduleError("A custom cadence needs a number of days between rounds.")
            if not 1 <= days <= MAX_INTERVAL_DAYS:
                raise ScheduleError(
                    f"A custom cadence must be from 1 to {MAX_INTERVAL_DAYS} days, not {days}."
                )
        elif self.interval_days is not None:
            raise ScheduleError(f"Only a custom cadence takes a number of days, not {self.kind}.")

    @property
    def step_days(self) -> int | None:
        """Days between rounds, or None for monthly (whose rounds are 28 to 31 days apart)."""
        if self.kind == "custom":
            return self.interval_days
        return FIXED_INTERVALS.get(self.kind)

    def describe(self) -> str:
        """The cadence in plain words, e.g. "every two weeks from 3 March 2026"."""
        when = f"{self.start.day} {calendar.month_name[self.start.month]} {self.start.year}"
        if self.kind == "weekly":
            return f"every week from {when}"
        if self.kind == "fortnightly":
            return f"every two weeks from {when}"
        if self.kind == "monthly":
            return f"every month from {when}"
        days = self.interval_days
        return f"every {days} day{'s' if days != 1 else ''} from {when}"


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def round_on_or_before(schedule: Schedule, day: date) -> date | None:
    """The latest round on or before `day`, or None when `day` is before the start."""
    start = schedule.start
    if day < start:
        return None
    step = schedule.step_days
    if step is not None:
        return start + timedelta(days=((day - start).days // step) * step)
    months = (day.year - start.year) * 12 + (day.month - start.month)
    candidate = _add_months(start, months)
    if candidate > day:
        candidate = _add_months(start, months - 1)
    return candidate


def next_round_after(schedule: Schedule, day: date) -> date:
    """The first round strictly after `day` (the start itself when `day` is before it)."""
    start = schedule.start
    if day < start:
        return start
    step = schedule.step_days
    if step is not None:
        return start + timedelta(days=((day - start).days // step + 1) * step)
    months = (day.year - start.year) * 12 + (day.month - start.month)
    candidate = _add_months(start, months)
    while candidate <= day:
        months += 1
        candidate = _add_months(start, months)
    return candidate


@dataclass(frozen=True)
class DueStatus:
    state: DueState
    round_date: date | None
    """The round this status is about: the current round, or the start when upcoming."""
    next_round: date
    """The first round after today."""
    days_since_round: int
    """Days from the current round to today (0 when upcoming or due today)."""

    @property
    def needs_attention(self) -> bool:
        return self.state in ("due", "overdue")


def due_status(
    schedule: Schedule,
    *,
    today: date,
    last_done: date | None,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> DueStatus:
    """Where an assignment stands today, given the last day something was done (or None)."""
    if grace_days < 0:
        raise ScheduleError("The grace period cannot be negative.")
    current = round_on_or_before(schedule, today)
    upcoming_next = next_round_after(schedule, today)
    if current is None:
        return DueStatus("upcoming", schedule.start, upcoming_next, 0)
    days_since = (today - current).days
    if last_done is not None and last_done >= current:
        return DueStatus("done", current, upcoming_next, days_since)
    state: DueState = "due" if days_since <= grace_days else "overdue"
    return DueStatus(state, current, upcoming_next, days_since)

"""The assignment calendar: when a round is due, and when it has been answered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feltsafe.reports.schedule import (
    Schedule,
    ScheduleError,
    due_status,
    next_round_after,
    round_on_or_before,
)

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
SCHEDULES = st.one_of(
    st.builds(Schedule, kind=st.sampled_from(["weekly", "fortnightly", "monthly"]), start=DAYS),
    st.builds(
        Schedule,
        kind=st.just("custom"),
        start=DAYS,
        interval_days=st.integers(min_value=1, max_value=366),
    ),
)


@given(SCHEDULES, DAYS)
def test_the_current_round_is_never_after_today_and_the_next_is_always_after_it(schedule, day):
    current = round_on_or_before(schedule, day)
    upcoming = next_round_after(schedule, day)
    assert upcoming > day
    if current is None:
        assert day < schedule.start
        assert upcoming == schedule.start
    else:
        assert schedule.start <= current <= day
        # No round falls between the current one and the next one.
        assert next_round_after(schedule, current) == upcoming


@given(SCHEDULES, DAYS)
def test_rounds_keep_their_rhythm(schedule, day):
    current = round_on_or_before(schedule, day)
    if current is None:
        return
    if schedule.step_days is not None:
        assert (current - schedule.start).days % schedule.step_days == 0
        assert (next_round_after(schedule, day) - current).days == schedule.step_days
    else:
        gap = (next_round_after(schedule, day) - current).days
        assert 28 <= gap <= 31
        expected_day = schedule.start.day
        assert current.day == expected_day or current.day < expected_day  # short month: last day


@given(SCHEDULES, DAYS, st.integers(min_value=0, max_value=10))
def test_due_becomes_overdue_only_after_the_grace_days(schedule, today, grace):
    status = due_status(schedule, today=today, last_done=None, grace_days=grace)
    if today < schedule.start:
        assert status.state == "upcoming"
    elif status.days_since_round <= grace:
        assert status.state == "due"
    else:
        assert status.state == "overdue"
    assert status.state != "done"


@given(SCHEDULES, DAYS, st.integers(min_value=0, max_value=400))
def test_anything_done_on_or_after_the_round_counts_for_it(schedule, today, days_back):
    current = round_on_or_before(schedule, today)
    if current is None:
        return
    last_done = today - timedelta(days=days_back)
    status = due_status(schedule, today=today, last_done=last_done)
    assert (status.state == "done") == (last_done >= current)


def test_a_monthly_round_on_the_31st_falls_on_the_last_day_of_a_short_month():
    schedule = Schedule("monthly", date(2026, 1, 31))
    assert round_on_or_before(schedule, date(2026, 3, 1)) == date(2026, 2, 28)
    assert next_round_after(schedule, date(2026, 3, 1)) == date(2026, 3, 31)


def test_every_two_weeks_counts_from_the_start_date():
    schedule = Schedule("fortnightly", date(2026, 3, 2))
    assert round_on_or_before(schedule, date(2026, 3, 15)) == date(2026, 3, 2)
    assert round_on_or_before(schedule, date(2026, 3, 16)) == date(2026, 3, 16)
    assert schedule.describe() == "every two weeks from 2 March 2026"


def test_it_refuses_a_custom_cadence_without_sensible_days():
    with pytest.raises(ScheduleError):
        Schedule("custom", date(2026, 1, 1))
    with pytest.raises(ScheduleError):
        Schedule("custom", date(2026, 1, 1), interval_days=0)
    with pytest.raises(ScheduleError):
        Schedule("weekly", date(2026, 1, 1), interval_days=3)
    with pytest.raises(ScheduleError):
        Schedule("daily", date(2026, 1, 1))  # type: ignore[arg-type]

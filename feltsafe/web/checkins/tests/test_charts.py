"""Chart geometry: gaps stay gaps, scales include zero, and charts of one range line up."""

from __future__ import annotations

from datetime import date

from feltsafe.web.checkins.charts import line_chart, nice_max
from feltsafe.web.journal.charts import hbar_chart


def test_a_day_without_a_rolling_value_breaks_the_line_instead_of_drawing_zero():
    chart = line_chart(
        [
            (date(2026, 1, 1), 4.0, 4.0),
            (date(2026, 1, 2), 6.0, 5.0),
            (date(2026, 1, 20), None, None),  # checked in, every question skipped
            (date(2026, 2, 1), 8.0, 8.0),
            (date(2026, 2, 2), 8.0, 8.0),
        ],
        y_max=10,
    )
    assert len(chart.lines) == 2
    assert chart.dot_count == 4
    assert all(",210" not in line for line in chart.lines)  # nothing drawn at 0


def test_a_lone_point_is_still_drawn():
    chart = line_chart([(date(2026, 1, 1), 5.0, 5.0)], y_max=10)
    assert chart.dot_count == 1
    first, second = chart.dots.split()
    assert first == second


def test_charts_given_the_same_range_share_their_time_axis():
    a = line_chart(
        [(date(2026, 1, 10), 5.0, 5.0)], y_max=10, x_from=date(2026, 1, 1), x_to=date(2026, 1, 31)
    )
    b = line_chart(
        [(date(2026, 1, 20), 5.0, 5.0)], y_max=10, x_from=date(2026, 1, 1), x_to=date(2026, 1, 31)
    )
    assert a.x_ticks == b.x_ticks
    assert a.x_ticks[0][0] == "1 Jan 2026"


def test_round_axis_bounds():
    assert [nice_max(v) for v in (0, 0.7, 7.3, 26, 140)] == [1.0, 0.8, 8.0, 30.0, 150.0]


def test_bars_grow_from_zero_both_ways():
    chart = hbar_chart([("Breathing", 2.0, "+2.0", False), ("Movement", -1.0, "-1.0", True)])
    up, down = chart.bars
    assert float(up.x) == float(chart.zero_x)
    assert float(down.x) + float(down.width) == float(chart.zero_x)
    assert down.negative and down.muted and not up.negative

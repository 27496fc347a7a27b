"""Geometry for the line charts of check-in trends and repair time (server-rendered SVG).

Only coordinates are computed here; the templates draw them, beside a table of the same figures.
Points sit at their real date along the x axis, so days without a check-in are visible gaps,
never zeros. Coordinates are handed to the templates as ready-made strings: a five-year chart
has hundreds of them, and Django's number localisation would otherwise dominate the page's
rendering time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WIDTH = 640
HEIGHT = 220
LEFT = 44
RIGHT = 16
TOP = 12
BOTTOM = 30


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right_edge: int
    top: int
    bottom_edge: int
    dots: str
    """Polyline points for the dots: the template draws a dot marker at each of them, which
    keeps a five-year chart to one element rather than nearly two thousand."""
    dot_count: int
    lines: tuple[str, ...]
    """Polyline point lists for the line; a gap in the line starts a new one."""
    y_ticks: tuple[tuple[str, str], ...]
    x_ticks: tuple[tuple[str, str], ...]

    @property
    def has_data(self) -> bool:
        return bool(self.dot_count or self.lines)


def nice_max(value: float) -> float:
    """A round upper bound for an axis: 7.3 -> 8, 26 -> 30, 140 -> 150."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def _fmt(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def one_decimal(value: float | None) -> str:
    """A figure for a table cell: 6.25 -> "6.3"; None -> "–" (nothing to show)."""
    return "–" if value is None else f"{value:.1f}"


def day_label(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def month_label(month: date) -> str:
    return month.strftime("%b %Y")


def coord(value: float) -> str:
    """A coordinate for an SVG attribute: "12.5", "40"."""
    return f"{value:.1f}".removesuffix(".0")


def line_chart(
    points: Sequence[tuple[date, float | None, float | None]],
    *,
    y_max: float | None = None,
    x_from: date | None = None,
    x_to: date | None = None,
    monthly: bool = False,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> LineChart:
    """Dots for each (day, value, line value) and a line through the line values.

    `y_max` fixes the scale (10 for check-ins); None picks a round bound above the data.
    `x_from` and `x_to` widen the time axis (so charts of one range line up); `monthly`
    labels its ends by month.
    """
    right_edge = width - RIGHT
    bottom_edge = height - BOTTOM
    known = [v for _, a, b in points for v in (a, b) if v is not None]
    top_value = y_max if y_max is not None else nice_max(max(known, default=0.0))
    bottom_value = 0.0

    days = [d for d, _, _ in points]
    ends = [*days, *(d for d in (x_from, x_to) if d is not None)]
    first = min(ends) if ends else date(2000, 1, 1)
    last = max(ends) if ends else first
    span = max(1, (last - first).days)

    def x_of(day: date) -> float:
        if first == last:
            return round((LEFT + right_edge) / 2, 1)
        return round(LEFT + (right_edge - LEFT) * (day - first).days / span, 1)

    def y_of(value: float) -> float:
        clamped = max(bottom_value, min(top_value, value))
        return round(bottom_edge - (bottom_edge - TOP) * clamped / top_value, 1)

    dots = [
        f"{coord(x_of(day))},{coord(y_of(value))}" for day, value, _ in points if value is not None
    ]
    lines: list[str] = []
    current: list[str] = []
    for day, _, line_value in points:
        if line_value is None:
            if len(current) > 1:
                lines.append(" ".join(current))
            current = []
            continue
        current.append(f"{coord(x_of(day))},{coord(y_of(line_value))}")
    if len(current) > 1:
        lines.append(" ".join(current))

    y_ticks = tuple((_fmt(v), coord(y_of(v))) for v in (0.0, top_value / 2, top_value))
    label = month_label if monthly else day_label
    x_ticks: tuple[tuple[str, str], ...] = ()
    if ends:
        if first == last:
            x_ticks = ((label(first), coord(x_of(first))),)
        else:
            x_ticks = ((label(first), coord(x_of(first))), (label(last), coord(x_of(last))))
    return LineChart(
        width=width,
        height=height,
        left=LEFT,
        right_edge=right_edge,
        top=TOP,
        bottom_edge=bottom_edge,
        # A lone point is doubled: a polyline needs two to be drawn, and so do its markers.
        dots=" ".join(dots * 2 if len(dots) == 1 else dots),
        dot_count=len(dots),
        lines=tuple(lines),
        y_ticks=y_ticks,
        x_ticks=x_ticks,
    )

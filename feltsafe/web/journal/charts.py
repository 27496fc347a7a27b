"""Geometry for the insights page's horizontal bar charts (server-rendered SVG).

Bars grow from a zero line, so a tool after which intensity tended to rise (a negative drop) is
drawn to the left of it rather than hidden. Labels longer than the label column are shortened
in the chart only; the table beside it has them in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from feltsafe.web.checkins.charts import coord, nice_max

BAR_HEIGHT = 20
BAR_GAP = 10
LABEL_WIDTH = 220
PLOT_WIDTH = 340
VALUE_WIDTH = 80
MAX_LABEL = 32


@dataclass(frozen=True)
class HBar:
    """One bar; coordinates are strings ready for SVG attributes."""

    label: str
    text: str
    x: str
    width: str
    y: str
    text_y: str
    value_x: str
    negative: bool
    muted: bool


@dataclass(frozen=True)
class HBarChart:
    bars: tuple[HBar, ...]
    height: int
    zero_x: str
    ticks: tuple[tuple[str, str], ...]
    label_width: int = LABEL_WIDTH
    width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _fmt(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def hbar_chart(rows: Sequence[tuple[str, float, str, bool]]) -> HBarChart:
    """Bars for (label, value, value as text, muted?) rows, on a scale that includes zero."""
    values = [value for _, value, _, _ in rows]
    hi = nice_max(max(values)) if values and max(values) > 0 else 0.0
    lo = -nice_max(-min(values)) if values and min(values) < 0 else 0.0
    if hi == lo:
        hi = 1.0
    span = hi - lo

    def x_of(value: float) -> float:
        return round(LABEL_WIDTH + PLOT_WIDTH * (value - lo) / span, 1)

    zero = x_of(0.0)
    bars = []
    for index, (label, value, text, muted) in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP) + 6
        end = x_of(value)
        left, right = min(zero, end), max(zero, end)
        bars.append(
            HBar(
                label=_short(label),
                text=text,
                x=coord(left),
                width=coord(right - left),
                y=str(y),
                text_y=str(y + BAR_HEIGHT - 5),
                value_x=coord(right + 6),
                negative=value < 0,
                muted=muted,
            )
        )
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + 28
    ticks = tuple((_fmt(v), coord(x_of(v))) for v in sorted({lo, 0.0, hi}))
    return HBarChart(bars=tuple(bars), height=height, zero_x=coord(zero), ticks=ticks)

"""Chart geometry for server-rendered SVG (no JavaScript, no CDN, works under a strict CSP).

Only attributes are computed here; the templates draw the shapes, so the text stays readable
by screen readers alongside a table of the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR_HEIGHT = 22
BAR_GAP = 12
LABEL_WIDTH = 260
PLOT_WIDTH = 360


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    y: int
    width: float
    text_y: int
    band_id: str


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    height: int
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH

    @property
    def width(self) -> int:
        return self.label_width + self.plot_width + 60

    @property
    def ticks(self) -> tuple[tuple[int, float], ...]:
        return tuple((v, self.label_width + self.plot_width * v / 100) for v in (0, 50, 100))


def bar_chart(rows: Sequence[tuple[str, float | None, str]]) -> BarChart:
    """Horizontal bars on a 0-100 scale; `rows` are (label, score or None, band id)."""
    bars = []
    for index, (label, value, band_id) in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP) + 8
        width = 0.0 if value is None else PLOT_WIDTH * max(0.0, min(100.0, value)) / 100
        bars.append(Bar(label, value, y, round(width, 1), y + BAR_HEIGHT - 6, band_id))
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + 30
    return BarChart(tuple(bars), height)


@dataclass(frozen=True)
class Sparkline:
    points: str
    dots: tuple[tuple[float, float, float], ...]
    width: int
    height: int


def sparkline(values: Sequence[float | None], width: int = 160, height: int = 40) -> Sparkline:
    """A small line over time on a 0-100 scale; gaps (None) are skipped."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    step = width / max(1, len(values) - 1)
    coords = [
        (
            round(i * step if len(values) > 1 else width / 2, 1),
            round(height - 4 - (height - 8) * v / 100, 1),
            v,
        )
        for i, v in known
    ]
    return Sparkline(" ".join(f"{x},{y}" for x, y, _ in coords), tuple(coords), width, height)

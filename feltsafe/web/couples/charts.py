"""Chart geometry for the couple's pages (server-rendered SVG; the templates draw the shapes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from feltsafe.web.charts import LABEL_WIDTH, PLOT_WIDTH

PAIR_BAR = 14
PAIR_GAP = 4
GROUP_GAP = 16


@dataclass(frozen=True)
class PairedBar:
    label: str
    mine: float | None
    theirs: float | None
    mine_y: int
    theirs_y: int
    mine_width: float
    theirs_width: float
    label_y: int


@dataclass(frozen=True)
class PairedBarChart:
    bars: tuple[PairedBar, ...]
    height: int
    bar_height: int = PAIR_BAR
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH

    @property
    def width(self) -> int:
        return self.label_width + self.plot_width + 60

    @property
    def ticks(self) -> tuple[tuple[int, float], ...]:
        return tuple((v, self.label_width + self.plot_width * v / 100) for v in (0, 50, 100))


def _width(value: float | None) -> float:
    return 0.0 if value is None else round(PLOT_WIDTH * max(0.0, min(100.0, value)) / 100, 1)


def paired_bar_chart(rows: Sequence[tuple[str, float | None, float | None]]) -> PairedBarChart:
    """Two horizontal bars per dimension on a 0-100 scale: (label, mine, theirs)."""
    bars = []
    group = 2 * PAIR_BAR + PAIR_GAP + GROUP_GAP
    for index, (label, mine, theirs) in enumerate(rows):
        top = index * group + 8
        bars.append(
            PairedBar(
                label=label,
                mine=mine,
                theirs=theirs,
                mine_y=top,
                theirs_y=top + PAIR_BAR + PAIR_GAP,
                mine_width=_width(mine),
                theirs_width=_width(theirs),
                label_y=top + PAIR_BAR + PAIR_GAP // 2 + 4,
            )
        )
    return PairedBarChart(tuple(bars), len(rows) * group + 30)


@dataclass(frozen=True)
class MonthBar:
    month: str
    hours: float
    repairs: int
    x: float
    y: float
    height: float
    label_x: float


@dataclass(frozen=True)
class MonthChart:
    bars: tuple[MonthBar, ...]
    width: int
    height: int
    plot_height: int
    max_hours: float


def repair_month_chart(
    by_month: Sequence[tuple[str, float, int]], *, bar_width: int = 36, plot_height: int = 140
) -> MonthChart:
    """Vertical bars of the median hours to repair per month (from `repair_insights`)."""
    max_hours = max((hours for _, hours, _ in by_month), default=0.0)
    scale = plot_height / max_hours if max_hours > 0 else 0.0
    bars = []
    for index, (month, hours, repairs) in enumerate(by_month):
        height = round(hours * scale, 1)
        x = 10 + index * (bar_width + 14)
        bars.append(
            MonthBar(
                month=month,
                hours=round(hours, 1),
                repairs=repairs,
                x=x,
                y=round(10 + plot_height - height, 1),
                height=height,
                label_x=x + bar_width / 2,
            )
        )
    width = 20 + len(by_month) * (bar_width + 14)
    return MonthChart(tuple(bars), max(width, 120), plot_height + 40, plot_height, max_hours)

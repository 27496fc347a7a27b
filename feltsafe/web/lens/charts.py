"""Geometry for the lens timeline: server-rendered SVG, safer moments above, harder ones below.

Each period of the conversation (an hour, a day or a week, as the core chose) is one column:
a bar up for the messages with a safer marker, a bar down for those with a less safe marker,
and a dot where a message spoke of a crisis. The template draws it, and a table carries the
same figures for screen readers and anyone who prefers numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

PLOT_WIDTH = 640
HALF_HEIGHT = 90
LEFT = 40
TOP = 20
BOTTOM = 40


@dataclass(frozen=True)
class Column:
    start: datetime
    label: str
    messages: int
    safety: int
    threat: int
    crisis: int
    x: float
    width: float
    safety_y: float
    safety_height: float
    threat_height: float
    dot_x: float


@dataclass(frozen=True)
class TimelineChart:
    columns: tuple[Column, ...]
    unit: str
    peak: int
    width: int = LEFT + PLOT_WIDTH + 20
    height: int = TOP + 2 * HALF_HEIGHT + BOTTOM
    left: int = LEFT
    baseline: int = TOP + HALF_HEIGHT

    @property
    def right(self) -> int:
        return LEFT + PLOT_WIDTH

    @property
    def top(self) -> int:
        return TOP

    @property
    def bottom(self) -> int:
        return TOP + 2 * HALF_HEIGHT

    @property
    def label_y(self) -> int:
        return self.bottom + 18

    @property
    def first(self) -> Column:
        return self.columns[0]

    @property
    def last(self) -> Column:
        return self.columns[-1]


def _label(moment: datetime, unit: str) -> str:
    if unit == "hour":
        return moment.strftime("%d %b %Y %H:00")
    if unit == "week":
        return "week of " + moment.strftime("%d %b %Y")
    return moment.strftime("%d %b %Y")


def timeline_chart(rows: Sequence[dict[str, Any]], unit: str) -> TimelineChart | None:
    """Columns for the core's timeline rows (``start``, ``safety``, ``threat``, ``crisis``)."""
    if not rows:
        return None
    peak = max(1, *(max(int(r["safety"]), int(r["threat"])) for r in rows))
    step = PLOT_WIDTH / len(rows)
    width = max(1.0, round(step * 0.8, 2))
    columns = []
    for position, row in enumerate(rows):
        start = datetime.fromisoformat(str(row["start"]))
        safety, threat = int(row["safety"]), int(row["threat"])
        up = round(HALF_HEIGHT * safety / peak, 2)
        down = round(HALF_HEIGHT * threat / peak, 2)
        x = round(LEFT + position * step + (step - width) / 2, 2)
        columns.append(
            Column(
                start=start,
                label=_label(start, unit),
                messages=int(row["messages"]),
                safety=safety,
                threat=threat,
                crisis=int(row.get("crisis", 0)),
                x=x,
                width=width,
                safety_y=round(TOP + HALF_HEIGHT - up, 2),
                safety_height=up,
                threat_height=down,
                dot_x=round(x + width / 2, 2),
            )
        )
    return TimelineChart(columns=tuple(columns), unit=unit, peak=peak)

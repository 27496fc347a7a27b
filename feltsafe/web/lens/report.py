"""Turn a stored analysis into what the report page shows, in the order that matters.

Safety comes first: crisis resources when any message spoke of a crisis, then, when one person
repeatedly tried to control or threaten, the abuse concern with abuse resources. Joint repair
suggestions appear only when neither that pattern nor a positive harm screen for the chosen
relationship (``relationship_at_risk``) says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feltsafe.lens.markers import (
    MARKER_DESCRIPTIONS,
    MARKER_LABELS,
    MARKERS,
    SAFETY_MARKERS,
    THREAT_MARKERS,
)
from feltsafe.lens.metrics import GOTTMAN_RATIO
from feltsafe.web.lens.charts import TimelineChart, timeline_chart
from feltsafe.web.lens.models import LensAnalysis, LensMessage
from feltsafe.web.safety.services import relationship_at_risk

LISTED_ROWS = 100
"""Episodes and repair attempts listed on the page; the counts (and the API) cover them all."""


def duration_words(seconds: float | None) -> str:
    """A plain duration: "about 3 minutes", "about 2.5 hours", "about 1.5 days"."""
    if seconds is None:
        return ""
    minutes = seconds / 60
    if minutes < 1:
        return "under a minute"
    if minutes < 90:
        whole = round(minutes)
        return f"about {whole} minute{'s' if whole != 1 else ''}"
    hours = minutes / 60
    if hours < 36:
        return f"about {hours:.1f} hours"
    return f"about {hours / 24:.1f} days"


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def marker_label(marker: str) -> str:
    return MARKER_LABELS.get(marker, marker)  # type: ignore[call-overload, no-any-return]


def marker_description(marker: str) -> str:
    return MARKER_DESCRIPTIONS.get(marker, "")  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class SpeakerRow:
    name: str
    messages: int
    safety: int
    threat: int
    ratio: float | None
    counts: dict[str, int]
    repair_attempts: int
    repairs_taken_up: int


@dataclass(frozen=True)
class MarkerRow:
    marker: str
    label: str
    safer: bool
    counts: list[int]


@dataclass(frozen=True)
class MessageView:
    index: int
    sender: str
    time: datetime | None
    kind: str
    crisis: bool
    text: str
    kept: bool
    markers: list[dict[str, Any]]


def message_view(message: LensMessage, *, kept: bool) -> MessageView:
    evidence = message.evidence_map if kept else {}
    markers = [
        {
            "name": name,
            "label": marker_label(name),
            "description": marker_description(name),
            "safer": name in SAFETY_MARKERS,
            "evidence": evidence.get(name, []),
        }
        for name in message.markers
    ]
    return MessageView(
        index=message.index,
        sender=message.sender,
        time=message.time,
        kind=message.kind,
        crisis=message.crisis,
        text=message.text if kept else "",
        kept=kept,
        markers=markers,
    )


def report_context(analysis: LensAnalysis) -> dict[str, Any]:
    """Everything but the messages page and the resources directory."""
    stored = analysis.summary or {}
    summary: dict[str, Any] = stored.get("summary", {})
    notes = [tuple(note) for note in stored.get("safety_notes", [])]
    at_risk = analysis.relationship_id is not None and relationship_at_risk(
        owner=analysis.owner, relationship_id=analysis.relationship_id
    )
    abuse = summary.get("abuse_concern")
    crisis = bool(summary.get("crisis"))
    speakers_json: dict[str, Any] = stored.get("speakers", {})
    speakers = [
        SpeakerRow(
            name=name,
            messages=int(data["messages"]),
            safety=int(data["safety"]),
            threat=int(data["threat"]),
            ratio=data.get("ratio"),
            counts=dict(data["markers"]),
            repair_attempts=int(data.get("repair_attempts", 0)),
            repairs_taken_up=int(data.get("repairs_taken_up", 0)),
        )
        for name, data in speakers_json.items()
    ]
    marker_rows = [
        MarkerRow(
            marker=m,
            label=marker_label(m),
            safer=m in SAFETY_MARKERS,
            counts=[s.counts.get(m, 0) for s in speakers],
        )
        for m in MARKERS
    ]
    episodes = [
        {
            **episode,
            "start_time": _time(episode.get("start_time")),
            "end_time": _time(episode.get("end_time")),
            "marker_labels": [
                f"{marker_label(m)} ({n})" for m, n in episode.get("markers", {}).items()
            ],
            "repair_words": duration_words(episode.get("repair_seconds")),
            "first": episode["start"] + 1,
            "last": episode["end"] + 1,
        }
        for episode in stored.get("episodes", [])[:LISTED_ROWS]
    ]
    repairs = [
        {**attempt, "time": _time(attempt.get("time")), "number": attempt["index"] + 1}
        for attempt in summary.get("repairs", [])[:LISTED_ROWS]
    ]
    silences = [
        {**silence, "start": _time(silence.get("start")), "end": _time(silence.get("end"))}
        for silence in summary.get("silences", [])
    ]
    chart: TimelineChart | None = timeline_chart(
        summary.get("timeline", []), summary.get("timeline_unit", "day")
    )
    return {
        "analysis": analysis,
        "notes": notes,
        "crisis": crisis,
        "abuse": abuse,
        "abuse_note": next((text for kind, text in notes if kind == "abuse"), ""),
        "at_risk": at_risk,
        "joint_repair": bool(summary.get("suggest_joint_repair", True)) and not at_risk,
        "summary": summary,
        "speakers": speakers,
        "marker_rows": marker_rows,
        "threat_markers": [marker_label(m) for m in THREAT_MARKERS],
        "safety_markers": [marker_label(m) for m in SAFETY_MARKERS],
        "reference_ratio": GOTTMAN_RATIO,
        "episodes": episodes,
        "episodes_total": len(stored.get("episodes", [])),
        "repairs": repairs,
        "repairs_total": len(summary.get("repairs", [])),
        "listed_rows": LISTED_ROWS,
        "silences": silences,
        "median_repair": duration_words(summary.get("median_repair_seconds")),
        "chart": chart,
    }

"""Conversation metrics: balance, escalation, repair, silences and safety flags.

Everything here is arithmetic on tagged messages (:class:`TaggedMessage`), so it can be tested
on hand-built conversations. Definitions:

* **threat message**: one with any of :data:`~feltsafe.lens.markers.THREAT_MARKERS`; **safety
  message**: one with any of :data:`~feltsafe.lens.markers.SAFETY_MARKERS`.
* **balance** per speaker: counts of each marker, and the ratio of safety-marker to
  threat-marker occurrences. Gottman observed about 5:1 in stable couples *during conflict*; it
  is shown as a reference point, never as a verdict (``None`` when there are no threat markers).
* **rupture**: a maximal run of consecutive threat messages (media and deleted placeholders are
  skipped); an **escalation episode** is a rupture of at least ``min_episode`` messages.
* **repair attempt**: a message with ``repair`` or ``accountability``. It is **taken up** when
  the next message from someone else has a safety marker and no threat marker (``None`` while
  nobody else has replied).
* **time to repair**: from the first message of a rupture to the first later repair attempt
  that was taken up (by either person).
* **silence after conflict**: a gap of at least ``silence_hours`` after the last message of a
  rupture.
* **safety flags**: every crisis message; and ``abuse_concern`` when one person's messages carry
  ``control`` or ``threat`` at least ``abuse_messages`` times or in at least ``abuse_episodes``
  escalation episodes: this may be more than ordinary conflict, and the report then suggests
  no joint repair.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from feltsafe.lens.markers import ABUSE_MARKERS, MARKERS, SAFETY_MARKERS, THREAT_MARKERS

__all__ = [
    "GOTTMAN_RATIO",
    "ConversationMetrics",
    "Episode",
    "RepairAttempt",
    "Silence",
    "SpeakerBalance",
    "TaggedMessage",
    "conversation_metrics",
]

GOTTMAN_RATIO: Final = 5.0
REPAIR_MARKERS: Final = ("repair", "accountability")


@dataclass(frozen=True)
class TaggedMessage:
    """A chat message with the lens's reading of it."""

    sender: str
    time: datetime | None
    text: str
    markers: tuple[str, ...] = ()
    crisis: bool = False
    kind: str = "text"

    @property
    def is_threat(self) -> bool:
        return any(marker in THREAT_MARKERS for marker in self.markers)

    @property
    def is_safety(self) -> bool:
        return any(marker in SAFETY_MARKERS for marker in self.markers)


@dataclass
class SpeakerBalance:
    """One person's markers in the conversation."""

    speaker: str
    messages: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MARKERS, 0))
    repair_attempts: int = 0
    repairs_taken_up: int = 0
    crisis_messages: int = 0

    @property
    def safety(self) -> int:
        return sum(self.counts[marker] for marker in SAFETY_MARKERS)

    @property
    def threat(self) -> int:
        return sum(self.counts[marker] for marker in THREAT_MARKERS)

    @property
    def ratio(self) -> float | None:
        """Safety to threat markers; None when there are no threat markers."""
        return round(self.safety / self.threat, 2) if self.threat else None

    def to_json(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "markers": dict(self.counts),
            "safety": self.safety,
            "threat": self.threat,
            "ratio": self.ratio,
            "reference_ratio": GOTTMAN_RATIO,
            "repair_attempts": self.repair_attempts,
            "repairs_taken_up": self.repairs_taken_up,
            "crisis_messages": self.crisis_messages,
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@dataclass(frozen=True)
class Episode:
    """A rupture: consecutive threat messages, ``start``..``end`` (message indices)."""

    start: int
    end: int
    start_time: datetime | None
    end_time: datetime | None
    speakers: tuple[str, ...]
    messages: int
    markers: dict[str, int]
    repaired_at: int | None = None
    repair_seconds: float | None = None

    @property
    def escalation(self) -> bool:
        return self.messages >= 2

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "start_time": _iso(self.start_time),
            "end_time": _iso(self.end_time),
            "speakers": list(self.speakers),
            "messages": self.messages,
            "markers": self.markers,
            "repaired_at": self.repaired_at,
            "repair_seconds": self.repair_seconds,
        }


@dataclass(frozen=True)
class RepairAttempt:
    index: int
    speaker: str
    time: datetime | None
    taken_up: bool | None
    reply: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "speaker": self.speaker,
            "time": _iso(self.time),
            "taken_up": self.taken_up,
            "reply": self.reply,
        }


@dataclass(frozen=True)
class Silence:
    """A long gap after a rupture: ``after`` is the last message before it."""

    after: int
    speaker: str
    start: datetime
    end: datetime
    broken_by: str

    @property
    def hours(self) -> float:
        return round((self.end - self.start).total_seconds() / 3600, 2)

    def to_json(self) -> dict[str, Any]:
        return {
            "after": self.after,
            "speaker": self.speaker,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "hours": self.hours,
            "broken_by": self.broken_by,
        }


@dataclass
class ConversationMetrics:
    speakers: dict[str, SpeakerBalance]
    ruptures: list[Episode]
    repairs: list[RepairAttempt]
    silences: list[Silence]
    timeline: list[dict[str, Any]]
    timeline_unit: str
    crisis_messages: list[int]
    abuse_concern: dict[str, Any] | None
    messages: int

    @property
    def episodes(self) -> list[Episode]:
        """Escalation episodes: ruptures of two or more messages."""
        return [episode for episode in self.ruptures if episode.escalation]

    def summary(self) -> dict[str, Any]:
        repaired = [e.repair_seconds for e in self.ruptures if e.repair_seconds is not None]
        taken = [r for r in self.repairs if r.taken_up is not None]
        return {
            "messages": self.messages,
            "speakers": len(self.speakers),
            "ruptures": len(self.ruptures),
            "episodes": len(self.episodes),
            "repair_attempts": len(self.repairs),
            "repairs_taken_up": sum(1 for r in taken if r.taken_up),
            "repairs_answered": len(taken),
            "ruptures_repaired": len(repaired),
            "median_repair_seconds": statistics.median(repaired) if repaired else None,
            "silences_after_conflict": len(self.silences),
            "reference_ratio": GOTTMAN_RATIO,
            "crisis": bool(self.crisis_messages),
            "crisis_messages": list(self.crisis_messages),
            "abuse_concern": self.abuse_concern,
            "timeline_unit": self.timeline_unit,
            "timeline": self.timeline,
        }


def _ruptures(messages: Sequence[TaggedMessage], text_idx: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    current: list[int] = []
    for index in text_idx:
        if messages[index].is_threat:
            current.append(index)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _repairs(messages: Sequence[TaggedMessage], text_idx: list[int]) -> list[RepairAttempt]:
    attempts = []
    # next_other[p]: the first text message after position p from someone else (built backwards
    # in one pass, so a long chat with many repair attempts stays linear).
    next_other: list[int | None] = [None] * len(text_idx)
    for position in range(len(text_idx) - 2, -1, -1):
        here, after = messages[text_idx[position]], text_idx[position + 1]
        same = messages[after].sender == here.sender
        next_other[position] = next_other[position + 1] if same else after
    for position, index in enumerate(text_idx):
        message = messages[index]
        if not any(marker in REPAIR_MARKERS for marker in message.markers):
            continue
        reply = next_other[position]
        taken_up = None
        if reply is not None:
            taken_up = messages[reply].is_safety and not messages[reply].is_threat
        attempts.append(RepairAttempt(index, message.sender, message.time, taken_up, reply))
    return attempts


def _bucket(moment: datetime, unit: str) -> datetime:
    if unit == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day


def _timeline(messages: Sequence[TaggedMessage]) -> tuple[list[dict[str, Any]], str]:
    times = [m.time for m in messages if m.time is not None]
    if not times:
        return [], "none"
    span = max(times) - min(times)
    unit = "hour" if span <= timedelta(days=3) else "day" if span <= timedelta(days=180) else "week"
    buckets: dict[datetime, dict[str, int]] = {}
    for message in messages:
        if message.time is None:
            continue
        row = buckets.setdefault(
            _bucket(message.time, unit), {"messages": 0, "threat": 0, "safety": 0, "crisis": 0}
        )
        row["messages"] += 1
        row["threat"] += int(message.is_threat)
        row["safety"] += int(message.is_safety)
        row["crisis"] += int(message.crisis)
    return [{"start": key.isoformat(), **buckets[key]} for key in sorted(buckets)], unit


def conversation_metrics(
    messages: Sequence[TaggedMessage],
    *,
    silence_hours: float = 4.0,
    abuse_messages: int = 3,
    abuse_episodes: int = 2,
) -> ConversationMetrics:
    """Compute every metric of the module docstring for ``messages`` (in chat order)."""
    speakers: dict[str, SpeakerBalance] = {}
    text_idx = [i for i, m in enumerate(messages) if m.kind == "text"]
    for message in messages:
        balance = speakers.setdefault(message.sender, SpeakerBalance(message.sender))
        balance.messages += 1
        for marker in message.markers:
            if marker in balance.counts:
                balance.counts[marker] += 1
        balance.crisis_messages += int(message.crisis)

    repairs = _repairs(messages, text_idx)
    for attempt in repairs:
        speakers[attempt.speaker].repair_attempts += 1
        speakers[attempt.speaker].repairs_taken_up += int(bool(attempt.taken_up))

    ruptures: list[Episode] = []
    silences: list[Silence] = []
    # Sorted indices, searched by bisection: a long chat has thousands of ruptures and repairs.
    taken_up = [r for r in repairs if r.taken_up]
    taken_up_at = [r.index for r in taken_up]
    for run in _ruptures(messages, text_idx):
        first, last = messages[run[0]], messages[run[-1]]
        counts: dict[str, int] = {}
        for index in run:
            for marker in messages[index].markers:
                if marker in THREAT_MARKERS:
                    counts[marker] = counts.get(marker, 0) + 1
        at = bisect_right(taken_up_at, run[-1])
        fix = taken_up[at] if at < len(taken_up) else None
        seconds = None
        if fix is not None and fix.time is not None and first.time is not None:
            seconds = (fix.time - first.time).total_seconds()
        ruptures.append(
            Episode(
                start=run[0],
                end=run[-1],
                start_time=first.time,
                end_time=last.time,
                speakers=tuple(sorted({messages[i].sender for i in run})),
                messages=len(run),
                markers=counts,
                repaired_at=fix.index if fix is not None else None,
                repair_seconds=seconds,
            )
        )
        at = bisect_right(text_idx, run[-1])
        following = text_idx[at] if at < len(text_idx) else None
        if following is not None and last.time is not None:
            after = messages[following]
            if after.time is not None and after.time - last.time >= timedelta(hours=silence_hours):
                silences.append(Silence(run[-1], last.sender, last.time, after.time, after.sender))

    abuse_concern = None
    worst: tuple[int, int, str] | None = None
    for name in speakers:
        count = sum(
            1
            for m in messages
            if m.sender == name and any(marker in ABUSE_MARKERS for marker in m.markers)
        )
        in_ruptures = sum(
            1
            for episode in ruptures
            if episode.escalation
            and any(
                messages[i].sender == name
                and any(marker in ABUSE_MARKERS for marker in messages[i].markers)
                for i in range(episode.start, episode.end + 1)
            )
        )
        if (count >= abuse_messages or in_ruptures >= abuse_episodes) and (
            worst is None or (count, in_ruptures) > worst[:2]
        ):
            worst = (count, in_ruptures, name)
    if worst is not None:
        abuse_concern = {"speaker": worst[2], "count": worst[0], "episodes": worst[1]}

    timeline, unit = _timeline(messages)
    return ConversationMetrics(
        speakers=speakers,
        ruptures=ruptures,
        repairs=repairs,
        silences=silences,
        timeline=timeline,
        timeline_unit=unit,
        crisis_messages=[i for i, m in enumerate(messages) if m.crisis],
        abuse_concern=abuse_concern,
        messages=len(messages),
    )

"""Insights from the activation journal, the rupture-and-repair log and the pulse check-ins.

Plain records in, frozen results out: the web layer builds the records from ORM rows, the
command line builds them from a CSV file, and both get the same figures. Every function here
makes a single pass over its records (plus a sort of the distinct days or groups), so a few
thousand records take well under ten milliseconds.

What the figures mean, in words a person can read, is in `explain()`.
"""

from __future__ import annotations

import statistics
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from feltsafe.journal.vocab import (
    CHECKIN_QUESTIONS,
    PATTERN_LABELS,
    PATTERNS,
    REPAIR_CATEGORIES,
    REPAIR_CATEGORY_LABELS,
    TOOL_LABELS,
    normalise_pattern,
    normalise_repair_category,
    normalise_tool,
)

SMALL_SAMPLE = 5
"""A tool tried fewer than this many times (with both intensities noted) is a small sample."""

_PATTERN_ORDER = {key: i for i, (key, _) in enumerate(PATTERNS)}
_REPAIR_ORDER = {key: i for i, (key, _) in enumerate(REPAIR_CATEGORIES)}
_QUESTIONS = {q.id: q for q in CHECKIN_QUESTIONS}
_REVERSED = {q.id: q.reverse for q in CHECKIN_QUESTIONS}


# --- records in --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivationRecord:
    """One activation journal entry, reduced to what the insights need.

    Intensities are 0-10 and may be missing; `pattern` and `tool` are ids from `vocab`
    (labels are accepted too and normalised).
    """

    when: date
    trigger: str
    tags: tuple[str, ...] = ()
    intensity_before: int | None = None
    pattern: str | None = None
    tool: str | None = None
    intensity_after: int | None = None


@dataclass(frozen=True)
class RepairRecord:
    """One rupture: when it happened, when (if yet) you reconnected, and what helped."""

    ruptured_at: datetime
    reconnected_at: datetime | None = None
    category: str | None = None
    initiated_by: str | None = None


@dataclass(frozen=True)
class CheckinRecord:
    """One pulse check-in: answers by question id (0-10, None for skipped)."""

    when: datetime
    answers: Mapping[str, int | None]
    relationship: str | None = None


# --- results out -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolInsight:
    """How much a regulation tool lowered intensity, on average, and from how many entries."""

    tool: str
    label: str
    mean_drop: float
    n: int
    small_sample: bool


@dataclass(frozen=True)
class Count:
    """How often something came up: `key` is the id (or folded text), `label` what people read."""

    key: str
    label: str
    n: int


@dataclass(frozen=True)
class JournalInsights:
    """What the activation journal shows: tools ranked by average drop, triggers, patterns."""

    tools: tuple[ToolInsight, ...]
    triggers: tuple[Count, ...]
    patterns: tuple[Count, ...]
    entries: int
    with_both_intensities: int

    @property
    def recurring_triggers(self) -> tuple[Count, ...]:
        """Triggers (and tags) that came up more than once."""
        return tuple(c for c in self.triggers if c.n > 1)

    def to_json(self) -> dict[str, Any]:
        """The command line's JSON: tools (highest mean drop first), triggers, patterns."""
        return {
            "tools": [
                {"tool": t.tool, "mean_drop": round(t.mean_drop, 2), "n": t.n} for t in self.tools
            ],
            "triggers": [{"trigger": c.label, "n": c.n} for c in self.triggers],
            "patterns": {c.key: c.n for c in self.patterns},
        }


@dataclass(frozen=True)
class RepairInsights:
    """How repair goes: how many ruptures, how many repaired, how long repair takes."""

    count: int
    repaired: int
    median_hours: float | None
    by_month: tuple[tuple[str, float, int], ...]
    """("2026-01", median hours to repair for ruptures that month, how many were repaired)."""
    categories: tuple[Count, ...]
    initiators: tuple[Count, ...] = ()
    """Who reached out to repair, as recorded (e.g. "me", "them", "both")."""

    @property
    def not_yet_repaired(self) -> int:
        return self.count - self.repaired


@dataclass(frozen=True)
class TrendPoint:
    """One day with at least one check-in: that day's mean and the rolling mean up to it."""

    day: date
    value: float | None
    rolling: float | None
    n: int = 1
    """How many check-ins that day."""


# --- the activation journal --------------------------------------------------------------------


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _tool_key(value: str) -> str:
    return normalise_tool(value) or _collapse(value)


def _pattern_key(value: str) -> str:
    return normalise_pattern(value) or _collapse(value)


def journal_insights(records: Iterable[ActivationRecord]) -> JournalInsights:
    """Rank tools by average drop in intensity, and count triggers, tags and patterns.

    * A tool's drop is ``intensity_before - intensity_after`` for entries that name the tool and
      note both intensities; entries missing either intensity are left out of the mean (they
      still count for patterns and triggers). Tools are sorted by mean drop, highest first,
      then by how many entries back it, then by id. Fewer than `SMALL_SAMPLE` entries is
      flagged as a small sample.
    * Triggers are grouped ignoring case and spacing; each tag counts as a trigger too. An entry
      counts once per trigger even if its text and a tag say the same thing. The label shown is
      the spelling used most often.
    """
    drop_sum: dict[str, int] = {}
    drop_n: dict[str, int] = {}
    trigger_n: dict[str, int] = {}
    spellings: dict[str, dict[str, int]] = {}
    pattern_n: dict[str, int] = {}
    entries = 0
    both = 0
    # Journals repeat the same few tool, pattern and trigger spellings: normalise each once.
    tool_keys: dict[str, str] = {}
    pattern_keys: dict[str, str] = {}
    trigger_keys: dict[str, tuple[str, str]] = {}

    for r in records:
        entries += 1
        before, after = r.intensity_before, r.intensity_after
        if before is not None and after is not None:
            both += 1
            if r.tool:
                key = tool_keys.get(r.tool)
                if key is None:
                    key = tool_keys[r.tool] = _tool_key(r.tool)
                if key:
                    drop_sum[key] = drop_sum.get(key, 0) + (before - after)
                    drop_n[key] = drop_n.get(key, 0) + 1
        if r.pattern:
            key = pattern_keys.get(r.pattern)
            if key is None:
                key = pattern_keys[r.pattern] = _pattern_key(r.pattern)
            if key:
                pattern_n[key] = pattern_n.get(key, 0) + 1

        seen: set[str] = set()
        for text in (r.trigger, *r.tags) if r.tags else (r.trigger,):
            folded = trigger_keys.get(text)
            if folded is None:
                shown = _collapse(text or "")
                folded = trigger_keys[text] = (shown, shown.casefold())
            shown, key = folded
            if not key:
                continue
            by_spelling = spellings.get(key)
            if by_spelling is None:
                by_spelling = spellings[key] = {}
            by_spelling[shown] = by_spelling.get(shown, 0) + 1
            if key not in seen:
                seen.add(key)
                trigger_n[key] = trigger_n.get(key, 0) + 1

    tools = sorted(
        (
            ToolInsight(
                tool=key,
                label=TOOL_LABELS.get(key, key),
                mean_drop=drop_sum[key] / n,
                n=n,
                small_sample=n < SMALL_SAMPLE,
            )
            for key, n in drop_n.items()
        ),
        key=lambda t: (-t.mean_drop, -t.n, t.tool),
    )

    def most_used(key: str) -> str:
        # The spelling used most, ties to the alphabetically first: independent of entry order.
        options = spellings[key]
        if len(options) == 1:
            return next(iter(options))
        return min(options.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    triggers = sorted(
        (Count(key=key, label=most_used(key), n=n) for key, n in trigger_n.items()),
        key=lambda c: (-c.n, c.key),
    )
    patterns = sorted(
        (Count(key=key, label=PATTERN_LABELS.get(key, key), n=n) for key, n in pattern_n.items()),
        key=lambda c: (-c.n, _PATTERN_ORDER.get(c.key, len(_PATTERN_ORDER)), c.key),
    )
    return JournalInsights(
        tools=tuple(tools),
        triggers=tuple(triggers),
        patterns=tuple(patterns),
        entries=entries,
        with_both_intensities=both,
    )


# --- rupture and repair ------------------------------------------------------------------------


def time_to_repair(r: RepairRecord) -> timedelta | None:
    """How long from the rupture to reconnecting; None if not reconnected yet.

    A reconnection recorded before the rupture is a data slip, not a repair time: None.
    """
    if r.reconnected_at is None:
        return None
    delta = r.reconnected_at - r.ruptured_at
    return delta if delta >= timedelta(0) else None


def repair_insights(records: Iterable[RepairRecord]) -> RepairInsights:
    """Count ruptures and repairs, the median time to repair overall and by month.

    Months are those of the rupture, in the timezone the datetime carries (the web layer
    passes local times). Categories and initiators are counted over every rupture that names one.
    """
    count = 0
    hours: list[float] = []
    by_month: dict[str, list[float]] = {}
    categories: Counter[str] = Counter()
    initiators: Counter[str] = Counter()

    for r in records:
        count += 1
        delta = time_to_repair(r)
        if delta is not None:
            h = delta.total_seconds() / 3600
            hours.append(h)
            by_month.setdefault(f"{r.ruptured_at.year:04d}-{r.ruptured_at.month:02d}", []).append(h)
        if r.category:
            categories[normalise_repair_category(r.category) or _collapse(r.category)] += 1
        if r.initiated_by and r.initiated_by.strip():
            initiators[_collapse(r.initiated_by)] += 1

    return RepairInsights(
        count=count,
        repaired=len(hours),
        median_hours=statistics.median(hours) if hours else None,
        by_month=tuple(
            (month, statistics.median(values), len(values))
            for month, values in sorted(by_month.items())
        ),
        categories=tuple(
            sorted(
                (
                    Count(key=k, label=REPAIR_CATEGORY_LABELS.get(k, k), n=n)
                    for k, n in categories.items()
                ),
                key=lambda c: (-c.n, _REPAIR_ORDER.get(c.key, len(_REPAIR_ORDER)), c.key),
            )
        ),
        initiators=tuple(
            sorted(
                (Count(key=k, label=k, n=n) for k, n in initiators.items()),
                key=lambda c: (-c.n, c.key),
            )
        ),
    )


# --- pulse check-ins ---------------------------------------------------------------------------


def _valid_answer(qid: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"the answer to {qid!r} must be a whole number 0-10 (got {value!r})")
    return value


def checkin_score(answers: Mapping[str, int | None]) -> float | None:
    """The 0-10 "felt safety" summary of one check-in, or None if nothing was answered.

    The mean of the answered pulse questions, each reverse-keyed answer flipped to
    ``10 - answer`` first (see `vocab`). Skipped questions are left out, not counted as zero;
    answers to ids that are not pulse questions are ignored. An answer outside 0-10 is a
    programming error and raises ValueError.
    """
    total = 0
    n = 0
    for qid, value in answers.items():
        reverse = _REVERSED.get(qid)
        if reverse is None or value is None:
            continue
        if value.__class__ is not int or not 0 <= value <= 10:
            value = _valid_answer(qid, value)  # raises unless an int subclass in range
            if value is None:
                continue
        total += 10 - value if reverse else value
        n += 1
    return total / n if n else None


def _answer_value(answers: Mapping[str, int | None], question: str) -> float | None:
    value = _valid_answer(question, answers.get(question))
    return None if value is None else float(value)


def checkin_trend(
    records: Iterable[CheckinRecord],
    *,
    window_days: int = 7,
    relationship: str | None = None,
    question: str | None = None,
) -> tuple[TrendPoint, ...]:
    """One point per day that has a check-in, with a rolling mean over the last `window_days`.

    * `value` is the mean "felt safety" score (`checkin_score`) of that day's check-ins, or,
      with `question`, the mean raw answer to that one question (not flipped, so the chart reads
      like the question). None when none of that day's check-ins answered.
    * `rolling` is the mean of the daily values from the days with a value in the
      `window_days` calendar days ending that day (each day weighs the same, however many
      check-ins it had). Days without a check-in are simply gaps: they are not zeros.
    * `relationship` keeps only check-ins about that relationship; None keeps them all.
    * The day is the calendar date of `when` as given: pass local times.
    """
    if window_days < 1:
        raise ValueError("window_days must be at least 1")
    if question is not None and question not in _QUESTIONS:
        raise ValueError(f"{question!r} is not a pulse question")

    days: dict[date, list[float]] = {}  # day -> [sum, answered, check-ins]
    for r in records:
        if relationship is not None and r.relationship != relationship:
            continue
        value = checkin_score(r.answers) if question is None else _answer_value(r.answers, question)
        when = r.when
        day = when.date() if isinstance(when, datetime) else when
        acc = days.get(day)
        if acc is None:
            acc = days[day] = [0.0, 0.0, 0.0]
        acc[2] += 1
        if value is not None:
            acc[0] += value
            acc[1] += 1

    points: list[TrendPoint] = []
    window: deque[tuple[date, float]] = deque()
    window_sum = 0.0
    span = timedelta(days=window_days)
    for day in sorted(days):
        total, answered, n = days[day]
        value = total / answered if answered else None
        if value is not None:
            window.append((day, value))
            window_sum += value
        while window and window[0][0] <= day - span:
            window_sum -= window.popleft()[1]
        if not window:
            window_sum = 0.0  # keep float drift from accumulating across long gaps
        rolling = window_sum / len(window) if window else None
        points.append(TrendPoint(day=day, value=value, rolling=rolling, n=int(n)))
    return tuple(points)


def checkin_trends_by_relationship(
    records: Iterable[CheckinRecord], *, window_days: int = 7
) -> dict[str | None, tuple[TrendPoint, ...]]:
    """`checkin_trend` for each relationship named in the records (None: no relationship)."""
    groups: dict[str | None, list[CheckinRecord]] = {}
    for r in records:
        groups.setdefault(r.relationship, []).append(r)
    return {
        rel: checkin_trend(group, window_days=window_days, relationship=rel)
        for rel, group in groups.items()
    }


# --- words -------------------------------------------------------------------------------------


def explain() -> dict[str, str]:
    """Plain explanations of each figure on the insights page: what it means, what it doesn't."""
    return {
        "tools": (
            "For each thing that helped, how much the intensity came down on average, from "
            "the intensity you noted before to the one you noted after. Higher means it tended "
            "to help more. Only entries with both intensities count here, so the number beside "
            "each tool says how many entries the average rests on."
        ),
        "mean_drop": (
            "The average drop is intensity before minus intensity after, averaged over the "
            "entries that used that tool. A drop of 3 means the feeling came down about three "
            "points on the 0 to 10 scale. It describes what happened for you; it is not proof "
            "that the tool caused it, and what helps can change with the moment."
        ),
        "small_sample": (
            f"A tool with fewer than {SMALL_SAMPLE} entries is marked as a small sample. With "
            "so few moments to go on, one unusual day can move the average a lot, so treat it "
            "as a first hint rather than a conclusion."
        ),
        "triggers": (
            "What happened before you felt activated, grouped when you wrote the same words "
            "(capital letters and spacing do not matter), with your tags counted alongside. "
            "Seeing a trigger come up again is information, not a judgement: it can point to "
            "something worth gentleness or a conversation."
        ),
        "patterns": (
            "How often each protective pattern showed up. These are ways your body and mind "
            "have learned to keep you safe; none of them is a flaw, and there is no right "
            "number. Noticing them is often the first step to having more choice."
        ),
        "repair_time": (
            "Time to repair is the time from a rupture to when you felt reconnected. The "
            "middle value (median) is shown so one very long or very short repair does not "
            "dominate. Repairs still in progress are counted but not timed; there is no "
            "deadline for reconnecting."
        ),
        "repair_by_month": (
            "The median time to repair for ruptures in each month, with how many repairs it "
            "rests on. A month with one or two repairs says little on its own. Repair is for "
            "relationships where you are safe: if someone hurts or frightens you, protecting "
            "yourself comes first, and the support page lists people who can help."
        ),
        "repair_categories": (
            "Which kinds of repair attempt were part of reconnecting: 'I feel', 'Sorry', "
            "'Getting to yes', 'I need to calm down', 'Stop' and 'I appreciate'. A count, not "
            "a ranking: different moments need different kinds of repair."
        ),
        "checkin_score": (
            "The felt safety summary of a check-in is the average of the questions you "
            "answered on the 0 to 10 scale, with 'there is something we need to repair' turned "
            "around so that higher always means feeling safer. Skipped questions are left out. "
            "It is a reflection aid, not a clinical measure, and never a pass or a fail."
        ),
        "checkin_trend": (
            "Each point is a day you checked in; the line is the average of the days you "
            "checked in during the last week. Days without a check-in are just gaps: they do "
            "not count against anything, and you can check in whenever it suits you."
        ),
    }


__all__ = [
    "SMALL_SAMPLE",
    "ActivationRecord",
    "CheckinRecord",
    "Count",
    "JournalInsights",
    "RepairInsights",
    "RepairRecord",
    "ToolInsight",
    "TrendPoint",
    "checkin_score",
    "checkin_trend",
    "checkin_trends_by_relationship",
    "explain",
    "journal_insights",
    "repair_insights",
    "time_to_repair",
]

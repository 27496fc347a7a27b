"""Check-in services: the only code that writes check-ins and reminder settings.

Reads are scoped to their owner (someone else's check-in answers 404). The figures come from
the core (`feltsafe.journal.insights`): this module only turns rows into the core's plain
records, reading just the columns the figures need.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Avg, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from feltsafe.journal.insights import (
    CheckinRecord,
    TrendPoint,
    checkin_score,
    checkin_trends_by_relationship,
)
from feltsafe.journal.vocab import CHECKIN_QUESTION_IDS
from feltsafe.web.checkins.charts import (
    LineChart,
    day_label,
    line_chart,
    month_label,
    one_decimal,
)
from feltsafe.web.checkins.models import ANSWER_FIELDS, Cadence, CheckIn, CheckinReminder
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.reflections.services import ReflectionInputError, relationship_get_or_create

Owner = User

MAX_NOTE_LENGTH = 5000
TREND_WINDOW_DAYS = 7
NO_RELATIONSHIP = "Not about one relationship"


class CheckinInputError(ValueError):
    """Input that cannot be saved; the message is safe to show to the person."""


# --- writing -----------------------------------------------------------------------------------


def _valid_answers(answers: Mapping[str, object]) -> dict[str, int | None]:
    unknown = sorted(set(answers) - CHECKIN_QUESTION_IDS)
    if unknown:
        raise CheckinInputError(
            f"{', '.join(unknown)} is not a check-in question, so nothing was saved."
        )
    clean: dict[str, int | None] = {}
    for field in ANSWER_FIELDS:
        value = answers.get(field)
        if value is None or value == "":
            clean[field] = None
        elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
            clean[field] = value
        else:
            raise CheckinInputError(
                f"The answer to {field} must be a whole number from 0 to 10, or left out."
            )
    return clean


def _owned_relationship(
    *, owner: Owner, relationship: Relationship | None, relationship_label: str
) -> Relationship | None:
    if relationship is not None:
        if relationship.owner_id != owner.pk:
            raise CheckinInputError("That relationship is not one of yours.")
        return relationship
    if relationship_label.strip():
        try:
            return relationship_get_or_create(owner=owner, label=relationship_label)
        except ReflectionInputError as exc:
            raise CheckinInputError(str(exc)) from exc
    return None


@transaction.atomic
def checkin_create(
    *,
    owner: Owner,
    answers: Mapping[str, object],
    note: str = "",
    relationship: Relationship | None = None,
    relationship_label: str = "",
    created_at: datetime | None = None,
) -> CheckIn:
    """Save a check-in; every answer may be skipped (None). Bad input saves nothing."""
    clean = _valid_answers(answers)
    note = note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise CheckinInputError(f"Please keep the note to {MAX_NOTE_LENGTH} characters or fewer.")
    rel = _owned_relationship(
        owner=owner, relationship=relationship, relationship_label=relationship_label
    )
    when = created_at or timezone.now()
    return CheckIn.objects.create(
        owner=owner,
        relationship=rel,
        note=note,
        created_at=when,
        felt_safety=checkin_score(clean),
        day=timezone.localdate(when),
        **clean,
    )


@transaction.atomic
def checkin_delete(*, checkin: CheckIn) -> None:
    checkin.delete()


@transaction.atomic
def checkin_reminder_set(*, owner: Owner, cadence: str) -> CheckinReminder:
    if cadence not in Cadence.values:
        raise CheckinInputError("Please choose off, daily or weekly.")
    reminder, _ = CheckinReminder.objects.update_or_create(
        owner=owner, defaults={"cadence": cadence}
    )
    return reminder


# --- reading -----------------------------------------------------------------------------------


def checkin_get(*, owner: Owner, pk: int) -> CheckIn:
    return get_object_or_404(CheckIn.objects.select_related("relationship"), owner=owner, pk=pk)


def checkin_list(*, owner: Owner) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(owner=owner).select_related("relationship")


def checkin_reminder_cadence(*, owner: Owner) -> str:
    found = CheckinReminder.objects.filter(owner=owner).values_list("cadence", flat=True).first()
    return found or Cadence.OFF


def felt_safety(checkin: CheckIn) -> float | None:
    """The 0-10 felt safety summary of one check-in (see `feltsafe.journal.vocab`)."""
    return checkin_score(checkin.answers)


def checkin_records(*, owner: Owner, since: datetime | None = None) -> list[CheckinRecord]:
    """The owner's check-ins as the core's records, in local time: one query, no model objects."""
    rows = CheckIn.objects.filter(owner=owner)
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    tz = timezone.get_current_timezone()
    records = []
    for created_at, label, *values in rows.order_by().values_list(
        "created_at", "relationship__label", *ANSWER_FIELDS
    ):
        records.append(
            CheckinRecord(
                when=created_at.astimezone(tz),
                answers=dict(zip(ANSWER_FIELDS, values, strict=True)),
                relationship=label,
            )
        )
    return records


@dataclass(frozen=True)
class RelationshipTrend:
    """The felt safety trend for one relationship (or for check-ins about no one in particular)."""

    label: str
    points: tuple[TrendPoint, ...]
    chart: LineChart

    @property
    def latest(self) -> TrendPoint | None:
        return self.points[-1] if self.points else None

    @property
    def checkins(self) -> int:
        return sum(p.n for p in self.points)

    @property
    def rows(self) -> list[tuple[str, str, str, str]]:
        """The table of the chart's figures: day, that day's value, the rolling mean, count."""
        return [
            (day_label(p.day), one_decimal(p.value), one_decimal(p.rolling), str(p.n))
            for p in self.points
        ]


def _ordered_trends(
    by_relationship: Mapping[str | None, tuple[TrendPoint, ...]],
) -> list[tuple[str, tuple[TrendPoint, ...]]]:
    ordered = sorted(
        ((k, v) for k, v in by_relationship.items() if k is not None),
        key=lambda kv: kv[0].casefold(),
    )
    if None in by_relationship:
        ordered.append((NO_RELATIONSHIP, by_relationship[None]))
    return ordered


def checkin_trends(*, owner: Owner, days: int | None = None) -> list[RelationshipTrend]:
    """Daily felt safety and its rolling mean per relationship, over the last `days` days.

    The rolling mean at the start of the range also counts the days just before it, so a
    shorter range shows the same line, only less of it.
    """
    today = timezone.localdate()
    start: date | None = None if days is None else today - timedelta(days=days - 1)
    since = None
    if start is not None:
        since = timezone.make_aware(
            datetime.combine(start - timedelta(days=TREND_WINDOW_DAYS), datetime.min.time())
        )
    records = checkin_records(owner=owner, since=since)
    trends = checkin_trends_by_relationship(records, window_days=TREND_WINDOW_DAYS)
    shown_by_label = [
        (label, points if start is None else tuple(p for p in points if p.day >= start))
        for label, points in _ordered_trends(trends)
    ]
    shown_by_label = [(label, shown) for label, shown in shown_by_label if shown]
    # Every chart spans the same dates, so they can be read one above the other.
    x_from = start or min((shown[0].day for _, shown in shown_by_label), default=None)
    return [
        RelationshipTrend(
            label=label,
            points=shown,
            chart=line_chart(
                [(p.day, p.value, p.rolling) for p in shown], y_max=10, x_from=x_from, x_to=today
            ),
        )
        for label, shown in shown_by_label
    ]


@dataclass(frozen=True)
class MonthlyTrend:
    label: str
    months: tuple[tuple[str, float, int], ...]
    """("2026-01", mean of that month's daily felt safety, days with a check-in)."""
    chart: LineChart

    @property
    def rows(self) -> list[tuple[str, str, str]]:
        """The table of the chart's figures: month, mean felt safety, days with a check-in."""
        return [(month_label(month_start(m)), one_decimal(v), str(d)) for m, v, d in self.months]


def monthly_means(points: Iterable[TrendPoint]) -> tuple[tuple[str, float, int], ...]:
    """Each month's mean of the daily values (days weigh the same), with how many days."""
    months: dict[str, list[float]] = {}
    for p in points:
        if p.value is not None:
            months.setdefault(f"{p.day.year:04d}-{p.day.month:02d}", []).append(p.value)
    return tuple((m, sum(v) / len(v), len(v)) for m, v in sorted(months.items()))


def month_start(month: str) -> date:
    year, mon = month.split("-")
    return date(int(year), int(mon), 1)


def checkin_monthly_trends(records: Iterable[CheckinRecord]) -> list[MonthlyTrend]:
    """Felt safety month by month, per relationship, for the insights page."""
    trends = checkin_trends_by_relationship(records, window_days=TREND_WINDOW_DAYS)
    by_label = [(label, monthly_means(points)) for label, points in _ordered_trends(trends)]
    return _monthly_charts([(label, months) for label, months in by_label if months])


def _monthly_charts(
    by_label: list[tuple[str, tuple[tuple[str, float, int], ...]]],
) -> list[MonthlyTrend]:
    x_from = min((month_start(months[0][0]) for _, months in by_label), default=None)
    x_to = max((month_start(months[-1][0]) for _, months in by_label), default=None)
    return [
        MonthlyTrend(
            label=label,
            months=months,
            chart=line_chart(
                [(month_start(m), v, v) for m, v, _ in months],
                y_max=10,
                x_from=x_from,
                x_to=x_to,
                monthly=True,
            ),
        )
        for label, months in by_label
    ]


def checkin_fill_derived(*, owner: Owner) -> int:
    """Fill `felt_safety` and `day` for check-ins written without the service; returns how many.

    One cheap read when there is nothing to do, which is always the case for check-ins saved
    through `checkin_create`; a write transaction is opened only when there is something to
    fill (on SQLite every transaction here takes the write lock).
    """
    missing = list(
        CheckIn.objects.filter(owner=owner, day__isnull=True).only("created_at", *ANSWER_FIELDS)
    )
    if not missing:
        return 0
    for checkin in missing:
        checkin.felt_safety = checkin_score(checkin.answers)
        checkin.day = timezone.localdate(checkin.created_at)
    with transaction.atomic():
        CheckIn.objects.bulk_update(missing, ["felt_safety", "day"], batch_size=500)
    return len(missing)


def checkin_monthly_summary(*, owner: Owner) -> list[MonthlyTrend]:
    """Felt safety month by month per relationship, averaged in the database.

    The same figures as `checkin_monthly_trends(checkin_records(...))` (a test holds them
    equal): the database averages each day's stored felt safety, as the core's
    `checkin_trend` does for a day's check-ins (skipped summaries left out), and each month is
    the mean of its days. Two queries however many check-ins there are (plus the fill-in of
    any row written without the service), instead of reading every check-in into Python.
    """
    checkin_fill_derived(owner=owner)
    daily = (
        CheckIn.objects.filter(owner=owner, felt_safety__isnull=False)
        .order_by()
        .values_list("relationship__label", "day")
        .annotate(mean=Avg("felt_safety"))
    )
    months: dict[str | None, dict[str, list[float]]] = {}
    for label, day, mean in daily:
        key = f"{day.year:04d}-{day.month:02d}"
        months.setdefault(label, {}).setdefault(key, []).append(mean)
    by_label = [
        (
            NO_RELATIONSHIP if label is None else label,
            tuple((m, sum(v) / len(v), len(v)) for m, v in sorted(per_month.items())),
        )
        for label, per_month in sorted(
            months.items(), key=lambda kv: (kv[0] is None, (kv[0] or "").casefold())
        )
    ]
    return _monthly_charts(by_label)


# --- the dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PulseSummary:
    """What the dashboard shows about check-ins: the last week, and whether to offer one."""

    cadence: str
    week_checkins: int
    week_mean: float | None
    offer_checkin: bool
    """True when the person chose reminders and has not checked in in that time."""

    @property
    def cadence_label(self) -> str:
        return str(Cadence(self.cadence).label).lower()


def checkin_dashboard(*, owner: Owner) -> PulseSummary:
    """Two queries, however many check-ins there are."""
    cadence = checkin_reminder_cadence(owner=owner)
    now = timezone.localtime()
    week_start = timezone.make_aware(
        datetime.combine(now.date() - timedelta(days=6), datetime.min.time())
    )
    week = checkin_records(owner=owner, since=week_start)
    scores = [s for s in (checkin_score(r.answers) for r in week) if s is not None]
    today = now.date()
    checked_in_today = any(r.when.date() == today for r in week)
    offer = (cadence == Cadence.DAILY and not checked_in_today) or (
        cadence == Cadence.WEEKLY and not week
    )
    return PulseSummary(
        cadence=cadence,
        week_checkins=len(week),
        week_mean=sum(scores) / len(scores) if scores else None,
        offer_checkin=offer,
    )

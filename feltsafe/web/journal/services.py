"""Journal services: the only code that writes activation entries and repair entries.

Reads are scoped to their owner (someone else's entry answers 404). Insights come from the
core (`feltsafe.journal`): this module turns rows into the core's plain records, reading only
the columns the figures need with `values_list` (one query per kind of record, however many
entries there are), and the CSV format is the core's too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TextIO

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from feltsafe.journal.csvio import RowError, read_journal_csv, write_journal_csv
from feltsafe.journal.insights import (
    ActivationRecord,
    JournalInsights,
    RepairInsights,
    RepairRecord,
    journal_insights,
    repair_insights,
    time_to_repair,
)
from feltsafe.journal.vocab import normalise_pattern, normalise_repair_category, normalise_tool
from feltsafe.web.audit.services import audit_record
from feltsafe.web.journal.models import ActivationEntry, Initiator, RepairEntry, split_tags
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.reflections.services import ReflectionInputError, relationship_get_or_create

Owner = User

MAX_TEXT_LENGTH = 5000
MAX_SHORT_LENGTH = 200
MAX_IMPORT_ROWS = 20_000


class JournalInputError(ValueError):
    """Input that cannot be saved; the message is safe to show to the person."""


# --- activation entries ------------------------------------------------------------------------


def _text(value: str, *, what: str, required: bool = False, limit: int = MAX_TEXT_LENGTH) -> str:
    clean = value.strip()
    if required and not clean:
        raise JournalInputError(f"Please write a few words about {what}.")
    if len(clean) > limit:
        raise JournalInputError(f"Please keep {what} to {limit} characters or fewer.")
    return clean


def _intensity(value: int | None, *, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise JournalInputError(f"The intensity {what} must be a whole number from 0 to 10.")
    return value


def _choice(value: str, normalise: Callable[[str], str | None], *, what: str) -> str:
    if not value or not value.strip():
        return ""
    found = normalise(value)
    if found is None:
        raise JournalInputError(f"{value!r} is not one of the {what} we know.")
    return str(found)


def _activation_fields(
    *,
    occurred_on: date,
    what_happened: str,
    tags: str,
    body: str,
    intensity_before: int | None,
    pattern: str,
    tool: str,
    intensity_after: int | None,
    note: str,
) -> dict[str, object]:
    if not isinstance(occurred_on, date) or isinstance(occurred_on, datetime):
        raise JournalInputError("Please give the day it happened.")
    return {
        "occurred_on": occurred_on,
        "what_happened": _text(what_happened, what="what happened", required=True),
        "tags": ", ".join(split_tags(_text(tags, what="the tags", limit=MAX_SHORT_LENGTH))),
        "body": _text(body, what="where you felt it in your body", limit=MAX_SHORT_LENGTH),
        "intensity_before": _intensity(intensity_before, what="before"),
        "pattern": _choice(pattern, normalise_pattern, what="protective patterns"),
        "tool": _choice(tool, normalise_tool, what="things that helped"),
        "intensity_after": _intensity(intensity_after, what="after"),
        "note": _text(note, what="the note"),
    }


@transaction.atomic
def activation_create(
    *,
    owner: Owner,
    occurred_on: date,
    what_happened: str,
    tags: str = "",
    body: str = "",
    intensity_before: int | None = None,
    pattern: str = "",
    tool: str = "",
    intensity_after: int | None = None,
    note: str = "",
) -> ActivationEntry:
    fields = _activation_fields(
        occurred_on=occurred_on,
        what_happened=what_happened,
        tags=tags,
        body=body,
        intensity_before=intensity_before,
        pattern=pattern,
        tool=tool,
        intensity_after=intensity_after,
        note=note,
    )
    return ActivationEntry.objects.create(owner=owner, **fields)


@transaction.atomic
def activation_update(
    *,
    entry: ActivationEntry,
    occurred_on: date,
    what_happened: str,
    tags: str = "",
    body: str = "",
    intensity_before: int | None = None,
    pattern: str = "",
    tool: str = "",
    intensity_after: int | None = None,
    note: str = "",
) -> ActivationEntry:
    fields = _activation_fields(
        occurred_on=occurred_on,
        what_happened=what_happened,
        tags=tags,
        body=body,
        intensity_before=intensity_before,
        pattern=pattern,
        tool=tool,
        intensity_after=intensity_after,
        note=note,
    )
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save(update_fields=list(fields))
    return entry


@transaction.atomic
def activation_delete(*, entry: ActivationEntry) -> None:
    entry.delete()


def activation_get(*, owner: Owner, pk: int) -> ActivationEntry:
    return get_object_or_404(ActivationEntry, owner=owner, pk=pk)


def activation_list(*, owner: Owner) -> QuerySet[ActivationEntry]:
    return ActivationEntry.objects.filter(owner=owner)


def activation_records(*, owner: Owner) -> list[ActivationRecord]:
    """The owner's activation entries as the core's records: one query, no model objects."""
    rows = (
        ActivationEntry.objects.filter(owner=owner)
        .order_by()
        .values_list(
            "occurred_on",
            "what_happened",
            "tags",
            "intensity_before",
            "pattern",
            "tool",
            "intensity_after",
        )
    )
    return [
        ActivationRecord(
            when=day,
            trigger=trigger,
            tags=split_tags(tags) if tags else (),
            intensity_before=before,
            pattern=pattern or None,
            tool=tool or None,
            intensity_after=after,
        )
        for day, trigger, tags, before, pattern, tool, after in rows
    ]


# --- repair entries ----------------------------------------------------------------------------


def _repair_fields(
    *,
    owner: Owner,
    what_happened: str,
    ruptured_at: datetime,
    reconnected_at: datetime | None,
    initiated_by: str,
    category: str,
    note: str,
    relationship: Relationship | None,
    relationship_label: str,
) -> dict[str, object]:
    if not isinstance(ruptured_at, datetime):
        raise JournalInputError("Please give when the rupture happened.")
    if timezone.is_naive(ruptured_at) or (
        reconnected_at is not None and timezone.is_naive(reconnected_at)
    ):
        raise JournalInputError("Times need a timezone.")
    if reconnected_at is not None and reconnected_at < ruptured_at:
        raise JournalInputError(
            "The time you reconnected is before the rupture; please check both times."
        )
    if initiated_by not in ("", *Initiator.values):
        raise JournalInputError("Please choose me, them, both of us or not yet.")
    if relationship is not None and relationship.owner_id != owner.pk:
        raise JournalInputError("That relationship is not one of yours.")
    if relationship is None and relationship_label.strip():
        try:
            relationship = relationship_get_or_create(owner=owner, label=relationship_label)
        except ReflectionInputError as exc:
            raise JournalInputError(str(exc)) from exc
    return {
        "what_happened": _text(what_happened, what="what happened", required=True),
        "ruptured_at": ruptured_at,
        "reconnected_at": reconnected_at,
        "initiated_by": initiated_by,
        "category": _choice(category, normalise_repair_category, what="kinds of repair"),
        "note": _text(note, what="the note"),
        "relationship": relationship,
    }


@transaction.atomic
def repair_create(
    *,
    owner: Owner,
    what_happened: str,
    ruptured_at: datetime,
    reconnected_at: datetime | None = None,
    initiated_by: str = "",
    category: str = "",
    note: str = "",
    relationship: Relationship | None = None,
    relationship_label: str = "",
) -> RepairEntry:
    fields = _repair_fields(
        owner=owner,
        what_happened=what_happened,
        ruptured_at=ruptured_at,
        reconnected_at=reconnected_at,
        initiated_by=initiated_by,
        category=category,
        note=note,
        relationship=relationship,
        relationship_label=relationship_label,
    )
    return RepairEntry.objects.create(owner=owner, **fields)


@transaction.atomic
def repair_update(
    *,
    entry: RepairEntry,
    what_happened: str,
    ruptured_at: datetime,
    reconnected_at: datetime | None = None,
    initiated_by: str = "",
    category: str = "",
    note: str = "",
    relationship: Relationship | None = None,
    relationship_label: str = "",
) -> RepairEntry:
    fields = _repair_fields(
        owner=entry.owner,
        what_happened=what_happened,
        ruptured_at=ruptured_at,
        reconnected_at=reconnected_at,
        initiated_by=initiated_by,
        category=category,
        note=note,
        relationship=relationship,
        relationship_label=relationship_label,
    )
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save(update_fields=list(fields))
    return entry


@transaction.atomic
def repair_delete(*, entry: RepairEntry) -> None:
    entry.delete()


def repair_get(*, owner: Owner, pk: int) -> RepairEntry:
    return get_object_or_404(RepairEntry.objects.select_related("relationship"), owner=owner, pk=pk)


def repair_list(*, owner: Owner) -> QuerySet[RepairEntry]:
    return RepairEntry.objects.filter(owner=owner).select_related("relationship")


def repair_time(entry: RepairEntry) -> timedelta | None:
    """Time from the rupture to reconnecting (None while not reconnected): the core's rule."""
    return time_to_repair(RepairRecord(entry.ruptured_at, entry.reconnected_at))


def repair_records(*, owner: Owner) -> list[RepairRecord]:
    """The owner's repair entries as the core's records, in local time: one query."""
    tz = timezone.get_current_timezone()
    rows = (
        RepairEntry.objects.filter(owner=owner)
        .order_by()
        .values_list("ruptured_at", "reconnected_at", "category", "initiated_by")
    )
    return [
        RepairRecord(
            ruptured_at=ruptured.astimezone(tz),
            reconnected_at=None if reconnected is None else reconnected.astimezone(tz),
            category=category or None,
            initiated_by=initiator or None,
        )
        for ruptured, reconnected, category, initiator in rows
    ]


# --- import and export -------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    imported: int
    errors: tuple[RowError, ...]
    texts: tuple[str, ...]
    """Every imported free text (what happened, notes), for crisis routing."""


@transaction.atomic
def journal_import_csv(*, owner: Owner, stream: TextIO) -> ImportOutcome:
    """Import every good row of a journal CSV in one transaction; report every other row.

    The format and its checks are the core's (`feltsafe.journal.csvio`). Nothing is dropped
    silently: each row that is not imported comes back as a `RowError` with its line number.
    """
    result = read_journal_csv(stream)
    rows = result.rows
    errors = list(result.errors)
    if len(rows) > MAX_IMPORT_ROWS:
        errors.append(
            RowError(
                rows[MAX_IMPORT_ROWS].line,
                f"only {MAX_IMPORT_ROWS} entries can be imported at once; this row and the "
                "ones after it were not imported (split the file and import the rest)",
            )
        )
        rows = rows[:MAX_IMPORT_ROWS]
    for row in rows:
        if len(row.trigger) > MAX_TEXT_LENGTH or len(row.note) > MAX_TEXT_LENGTH:
            errors.append(RowError(row.line, f"a cell is longer than {MAX_TEXT_LENGTH} characters"))
    rejected = {e.line for e in errors}
    good = [row for row in rows if row.line not in rejected]
    ActivationEntry.objects.bulk_create(
        [
            ActivationEntry(
                owner=owner,
                occurred_on=row.when,
                what_happened=row.trigger,
                intensity_before=row.intensity_before,
                pattern=row.pattern or "",
                tool=row.tool or "",
                intensity_after=row.intensity_after,
                note=row.note,
            )
            for row in good
        ],
        batch_size=500,
    )
    texts = tuple(t for row in good for t in (row.trigger, row.note) if t)
    audit_record(actor=owner, action="journal.import")
    return ImportOutcome(
        imported=len(good), errors=tuple(sorted(errors, key=lambda e: e.line)), texts=texts
    )


def journal_export_csv(*, owner: Owner, stream: TextIO) -> None:
    """Write the owner's activation journal, oldest first, in the core's CSV format.

    The export is recorded in the audit log (that it happened, never what it held).
    """
    audit_record(actor=owner, action="journal.export")
    rows = (
        ActivationEntry.objects.filter(owner=owner)
        .order_by("occurred_on", "pk")
        .values_list(
            "occurred_on",
            "what_happened",
            "intensity_before",
            "pattern",
            "tool",
            "intensity_after",
            "note",
        )
    )
    entries = list(rows)
    write_journal_csv(
        (
            ActivationRecord(
                when=day,
                trigger=trigger,
                intensity_before=before,
                pattern=pattern or None,
                tool=tool or None,
                intensity_after=after,
            )
            for day, trigger, before, pattern, tool, after, _ in entries
        ),
        stream,
        notes=(note for *_, note in entries),
    )


# --- insights ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalSummary:
    journal: JournalInsights
    repair: RepairInsights


def journal_summary(*, owner: Owner) -> JournalSummary:
    """The activation and repair insights for one person: two queries, however many entries."""
    return JournalSummary(
        journal=journal_insights(activation_records(owner=owner)),
        repair=repair_insights(repair_records(owner=owner)),
    )


@dataclass(frozen=True)
class JournalWeek:
    activations: int
    repairs: int


def journal_week(*, owner: Owner) -> JournalWeek:
    """How many journal and repair entries the last seven days hold (two counting queries)."""
    today = timezone.localdate()
    start = today - timedelta(days=6)
    since = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    return JournalWeek(
        activations=ActivationEntry.objects.filter(owner=owner, occurred_on__gte=start).count(),
        repairs=RepairEntry.objects.filter(owner=owner, ruptured_at__gte=since).count(),
    )

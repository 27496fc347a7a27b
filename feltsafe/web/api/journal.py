"""API for the activation journal, the repair log and insights (one's own data; 404 otherwise)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from feltsafe.journal.insights import explain
from feltsafe.web.checkins.services import checkin_monthly_summary
from feltsafe.web.journal import services
from feltsafe.web.journal.models import ActivationEntry, RepairEntry
from feltsafe.web.safety.routing import crisis_payload, person_country
from feltsafe.web.typing import AuthenticatedRequest

router = Router(tags=["journal"])

MAX_LIMIT = 1000
Intensity = int | None


class EntryIn(Schema):
    occurred_on: date
    what_happened: str
    tags: str = Field("", description="Short words separated by commas.")
    body: str = Field("", description="Where in the body it was felt.")
    intensity_before: Intensity = Field(None, ge=0, le=10)
    pattern: str = Field(
        "",
        description="guarding, withdrawing, people_pleasing, hypervigilance, escalating, "
        "freezing or other (a label in any case is accepted too); empty for not noted.",
    )
    tool: str = Field(
        "",
        description="breathing, grounding, movement, reaching_out, time_out, self_talk or "
        "other; empty for not noted.",
    )
    intensity_after: Intensity = Field(None, ge=0, le=10)
    note: str = ""


class EntryOut(Schema):
    id: int
    occurred_on: date
    what_happened: str
    tags: list[str]
    body: str
    intensity_before: int | None
    pattern: str | None
    tool: str | None
    intensity_after: int | None
    note: str
    crisis: dict[str, Any] | None = None


class RepairIn(Schema):
    what_happened: str
    ruptured_at: datetime
    reconnected_at: datetime | None = None
    initiated_by: str = Field("", description="me, them, both or not_yet; empty for not noted.")
    category: str = Field(
        "",
        description="i_feel, sorry, getting_to_yes, calm_down, stop or appreciate; empty for "
        "not noted.",
    )
    relationship: str | None = Field(None, description="Who it was with, in your own words.")
    note: str = ""


class RepairOut(Schema):
    id: int
    what_happened: str
    relationship: str | None
    ruptured_at: datetime
    reconnected_at: datetime | None
    hours_to_repair: float | None
    initiated_by: str | None
    category: str | None
    note: str
    crisis: dict[str, Any] | None = None


class ToolOut(Schema):
    tool: str
    label: str
    mean_drop: float
    n: int
    small_sample: bool


class CountOut(Schema):
    key: str
    label: str
    n: int


class RepairMonthOut(Schema):
    month: str
    median_hours: float
    repaired: int


class RepairSummaryOut(Schema):
    count: int
    repaired: int
    median_hours: float | None
    by_month: list[RepairMonthOut]
    categories: list[CountOut]
    initiators: list[CountOut]


class CheckinMonthOut(Schema):
    month: str
    felt_safety: float
    days: int


class CheckinTrendOut(Schema):
    relationship: str
    months: list[CheckinMonthOut]


class InsightsOut(Schema):
    entries: int
    tools: list[ToolOut]
    triggers: list[CountOut]
    patterns: list[CountOut]
    repair: RepairSummaryOut
    checkins: list[CheckinTrendOut]
    explanations: dict[str, str]


class ErrorOut(Schema):
    detail: str


def _entry_out(entry: ActivationEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "occurred_on": entry.occurred_on,
        "what_happened": entry.what_happened,
        "tags": list(entry.tag_list),
        "body": entry.body,
        "intensity_before": entry.intensity_before,
        "pattern": entry.pattern or None,
        "tool": entry.tool or None,
        "intensity_after": entry.intensity_after,
        "note": entry.note,
    }


def _repair_out(entry: RepairEntry) -> dict[str, Any]:
    took = services.repair_time(entry)
    return {
        "id": entry.pk,
        "what_happened": entry.what_happened,
        "relationship": entry.relationship.label if entry.relationship else None,
        "ruptured_at": entry.ruptured_at,
        "reconnected_at": entry.reconnected_at,
        "hours_to_repair": None if took is None else round(took.total_seconds() / 3600, 2),
        "initiated_by": entry.initiated_by or None,
        "category": entry.category or None,
        "note": entry.note,
    }


def _window(limit: int, offset: int) -> slice:
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return slice(offset, offset + limit)


@router.get("/journal/entries", response=list[EntryOut])
def entry_list(
    request: AuthenticatedRequest, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Your activation journal, newest first."""
    return [
        _entry_out(e) for e in services.activation_list(owner=request.user)[_window(limit, offset)]
    ]


@router.post("/journal/entries", response={201: EntryOut, 400: ErrorOut})
def entry_create(request: AuthenticatedRequest, payload: EntryIn) -> Status[dict[str, Any]]:
    """Save a journal entry. `crisis` carries support resources when the words need them."""
    try:
        entry = services.activation_create(owner=request.user, **payload.model_dump())
    except services.JournalInputError as exc:
        raise HttpError(400, str(exc)) from exc
    out = _entry_out(entry)
    out["crisis"] = crisis_payload(
        entry.what_happened, entry.tags, entry.body, entry.note, country=person_country(request)
    )
    return Status(201, out)


@router.get("/journal/entries/{entry_id}", response=EntryOut)
def entry_detail(request: AuthenticatedRequest, entry_id: int) -> dict[str, Any]:
    return _entry_out(services.activation_get(owner=request.user, pk=entry_id))


@router.delete("/journal/entries/{entry_id}", response={204: None})
def entry_delete(request: AuthenticatedRequest, entry_id: int) -> Status[None]:
    services.activation_delete(entry=services.activation_get(owner=request.user, pk=entry_id))
    return Status(204, None)


@router.get("/journal/repairs", response=list[RepairOut])
def repair_list(
    request: AuthenticatedRequest, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Your ruptures and repairs, newest first."""
    return [
        _repair_out(e) for e in services.repair_list(owner=request.user)[_window(limit, offset)]
    ]


@router.post("/journal/repairs", response={201: RepairOut, 400: ErrorOut})
def repair_create(request: AuthenticatedRequest, payload: RepairIn) -> Status[dict[str, Any]]:
    """Save a rupture (and, if it has happened, when you reconnected)."""
    try:
        entry = services.repair_create(
            owner=request.user,
            what_happened=payload.what_happened,
            ruptured_at=payload.ruptured_at,
            reconnected_at=payload.reconnected_at,
            initiated_by=payload.initiated_by,
            category=payload.category,
            note=payload.note,
            relationship_label=payload.relationship or "",
        )
    except services.JournalInputError as exc:
        raise HttpError(400, str(exc)) from exc
    out = _repair_out(entry)
    out["crisis"] = crisis_payload(entry.what_happened, entry.note, country=person_country(request))
    return Status(201, out)


def _counts(counts: Any) -> list[dict[str, Any]]:
    return [{"key": c.key, "label": c.label, "n": c.n} for c in counts]


@router.get("/journal/insights", response=InsightsOut)
def insights(request: AuthenticatedRequest) -> dict[str, Any]:
    """Tools ranked by average drop in intensity, triggers, patterns, repair time, check-ins."""
    summary = services.journal_summary(owner=request.user)
    journal, repair = summary.journal, summary.repair
    return {
        "entries": journal.entries,
        "tools": [
            {
                "tool": t.tool,
                "label": t.label,
                "mean_drop": round(t.mean_drop, 2),
                "n": t.n,
                "small_sample": t.small_sample,
            }
            for t in journal.tools
        ],
        "triggers": _counts(journal.triggers),
        "patterns": _counts(journal.patterns),
        "repair": {
            "count": repair.count,
            "repaired": repair.repaired,
            "median_hours": repair.median_hours,
            "by_month": [
                {"month": m, "median_hours": h, "repaired": n} for m, h, n in repair.by_month
            ],
            "categories": _counts(repair.categories),
            "initiators": _counts(repair.initiators),
        },
        "checkins": [
            {
                "relationship": t.label,
                "months": [
                    {"month": m, "felt_safety": round(v, 2), "days": d} for m, v, d in t.months
                ],
            }
            for t in checkin_monthly_summary(owner=request.user)
        ],
        "explanations": explain(),
    }

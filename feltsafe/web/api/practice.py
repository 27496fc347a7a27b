"""API for a therapist's views: their clients, one client's summary, and exports.

Every endpoint answers 404 unless the logged-in person is a therapist with a live grant from
that client; what comes back is only what the grant's scopes allow, exactly as on the web pages.
Flags carry a kind and a date, never words.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpResponse
from ninja import Router, Schema

from feltsafe.reports.progress import NO_NORMS_NOTE
from feltsafe.web.practice import exports, services, summaries
from feltsafe.web.practice.models import Grant
from feltsafe.web.typing import AuthenticatedRequest

router = Router(tags=["practice"])


class FlagOut(Schema):
    kind: str
    date: date


class AssignmentOut(Schema):
    id: int
    kind: str
    cadence: str
    interval_days: int | None
    start_date: date
    state: str
    """upcoming, done, due, overdue, or not_shared."""
    next_round: date | None


class ChangeOut(Schema):
    previous: float | None
    latest: float | None
    direction: str


class ClientOut(Schema):
    id: int
    """The grant's id: the client's number for this therapist."""
    name: str
    scopes: list[str]
    latest_checkin_at: datetime | None
    latest_checkin_score: float | None
    checkin_change: ChangeOut | None
    latest_reflection_at: datetime | None
    latest_reflection_about: str | None
    reflection_change: ChangeOut | None
    assignments: list[AssignmentOut]
    flags: list[FlagOut]


class RoundOut(Schema):
    reflection_id: int
    completed_at: datetime
    dimensions: dict[str, float | None]


class HistoryOut(Schema):
    relationship: str
    rounds: list[RoundOut]


class CheckinWeekOut(Schema):
    week_of: date
    mean: float | None
    count: int


class ClientDetailOut(Schema):
    client: ClientOut
    reflections: list[HistoryOut]
    checkin_weeks: list[CheckinWeekOut]
    note: str


def _change(change: Any) -> dict[str, Any] | None:
    if change is None:
        return None
    return {"previous": change.previous, "latest": change.latest, "direction": change.direction}


def _client_out(row: summaries.ClientRow) -> dict[str, Any]:
    latest = row.latest_reflection
    return {
        "id": row.grant.pk,
        "name": row.name,
        "scopes": list(row.grant.scopes),
        "latest_checkin_at": row.latest_checkin.when if row.latest_checkin else None,
        "latest_checkin_score": row.latest_checkin.score if row.latest_checkin else None,
        "checkin_change": _change(row.checkin_change),
        "latest_reflection_at": latest.completed_at if latest else None,
        "latest_reflection_about": latest.relationship if latest else None,
        "reflection_change": _change(row.reflection_change),
        "assignments": [
            {
                "id": a.assignment.pk,
                "kind": a.assignment.kind,
                "cadence": a.assignment.cadence,
                "interval_days": a.assignment.interval_days,
                "start_date": a.assignment.start_date,
                "state": a.status.state if a.status else "not_shared",
                "next_round": a.status.next_round if a.status else None,
            }
            for a in row.assignments
        ],
        "flags": [{"kind": f.kind, "date": f.day} for f in row.flags],
    }


def _grant(request: AuthenticatedRequest, client_id: int, action: str) -> Grant:
    grant = services.grant_for_therapist(therapist=request.user, pk=client_id)
    services.access_record(therapist=request.user, grant=grant, action=action)
    return grant


@router.get("/practice/clients", response=list[ClientOut])
def client_list(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    membership = services.therapist_membership(user=request.user)
    if membership is None:
        raise Http404("Not a therapist.")
    rows = summaries.dashboard_rows(list(services.grants_of_therapist(therapist=request.user)))
    services.dashboard_record(therapist=request.user, practice=membership.practice)
    return [_client_out(row) for row in rows]


@router.get("/practice/clients/{client_id}", response=ClientDetailOut)
def client_detail(request: AuthenticatedRequest, client_id: int) -> dict[str, Any]:
    grant = _grant(request, client_id, "practice.client_view")
    detail = summaries.client_detail(grant)
    return {
        "client": _client_out(detail.row),
        "reflections": [
            {
                "relationship": h.label,
                "rounds": [
                    {
                        "reflection_id": r.reflection_id,
                        "completed_at": r.completed_at,
                        "dimensions": r.result.as_dict(),
                    }
                    for r in h.rounds
                ],
            }
            for h in detail.history
        ],
        "checkin_weeks": [
            {"week_of": w.week_of, "mean": w.mean, "count": w.count} for w in detail.checkin_weeks
        ],
        "note": NO_NORMS_NOTE,
    }


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


@router.get(
    "/practice/clients/{client_id}/export.csv",
    openapi_extra={
        "responses": {200: {"description": "CSV", "content": {"text/csv": {}}}, 404: {}}
    },
)
def client_csv(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    grant = _grant(request, client_id, "practice.export_csv")
    return _download(
        exports.export_csv(grant), "text/csv; charset=utf-8", f"feltsafe-client-{grant.pk}.csv"
    )


@router.get(
    "/practice/clients/{client_id}/report.pdf",
    openapi_extra={
        "responses": {200: {"description": "PDF", "content": {"application/pdf": {}}}, 404: {}}
    },
)
def client_pdf(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    grant = _grant(request, client_id, "practice.export_pdf")
    return _download(
        exports.export_pdf(grant), "application/pdf", f"feltsafe-client-{grant.pk}.pdf"
    )


@router.get(
    "/practice/clients/{client_id}/fhir",
    openapi_extra={
        "responses": {
            200: {
                "description": "A FHIR R4 Bundle of QuestionnaireResponses",
                "content": {"application/fhir+json": {}},
            },
            404: {},
        }
    },
)
def client_fhir(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    grant = _grant(request, client_id, "practice.export_fhir")
    body = json.dumps(exports.export_fhir_bundle(grant), ensure_ascii=False)
    return _download(
        body, "application/fhir+json; charset=utf-8", f"feltsafe-client-{grant.pk}.fhir.json"
    )

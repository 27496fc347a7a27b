"""API for pulse check-ins: list, create and read one's own check-ins (404 for anyone else's)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from feltsafe.web.checkins import services
from feltsafe.web.checkins.models import CheckIn
from feltsafe.web.safety.routing import crisis_payload, person_country
from feltsafe.web.typing import AuthenticatedRequest

router = Router(tags=["check-ins"])

MAX_LIMIT = 1000


class CheckinIn(Schema):
    answers: dict[str, int | None] = Field(
        default_factory=dict,
        description=(
            "Answers from 0 to 10 by question id (could_be_myself, felt_heard, "
            "handled_with_care, body_calm, need_repair); leave one out or send null to skip it."
        ),
    )
    note: str = ""
    relationship: str | None = Field(
        None, description="Who it is about, in your own words (optional)."
    )


class CheckinOut(Schema):
    id: int
    created_at: datetime
    relationship: str | None
    answers: dict[str, int | None]
    felt_safety: float | None = Field(
        description="The 0-10 summary: the mean of the answers, need_repair turned around."
    )
    note: str
    crisis: dict[str, Any] | None = None


class ErrorOut(Schema):
    detail: str


def _out(checkin: CheckIn) -> dict[str, Any]:
    return {
        "id": checkin.pk,
        "created_at": checkin.created_at,
        "relationship": checkin.relationship.label if checkin.relationship else None,
        "answers": checkin.answers,
        "felt_safety": services.felt_safety(checkin),
        "note": checkin.note,
    }


@router.get("/checkins", response=list[CheckinOut])
def checkin_list(
    request: AuthenticatedRequest, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Your check-ins, newest first."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    rows = services.checkin_list(owner=request.user)[offset : offset + limit]
    return [_out(c) for c in rows]


@router.post("/checkins", response={201: CheckinOut, 400: ErrorOut})
def checkin_create(request: AuthenticatedRequest, payload: CheckinIn) -> Status[dict[str, Any]]:
    """Save a check-in. `crisis` carries support resources when the note needs them."""
    try:
        checkin = services.checkin_create(
            owner=request.user,
            answers=payload.answers,
            note=payload.note,
            relationship_label=payload.relationship or "",
        )
    except services.CheckinInputError as exc:
        raise HttpError(400, str(exc)) from exc
    out = _out(checkin)
    # Crisis routing: the check-in is saved, and the response leads with support.
    out["crisis"] = crisis_payload(checkin.note, country=person_country(request))
    return Status(201, out)


@router.get("/checkins/{checkin_id}", response=CheckinOut)
def checkin_detail(request: AuthenticatedRequest, checkin_id: int) -> dict[str, Any]:
    return _out(services.checkin_get(owner=request.user, pk=checkin_id))

"""API for instruments and reflections."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from feltsafe.instruments import InstrumentNotFound, available_instruments, load_instrument
from feltsafe.web.reflections import services
from feltsafe.web.safety.routing import crisis_payload, person_country
from feltsafe.web.typing import AuthenticatedRequest

router = Router(tags=["reflections"])


class InstrumentSummary(Schema):
    id: str
    version: str
    title: str


class ScaleOut(Schema):
    min: int
    max: int


class ItemOut(Schema):
    id: str
    text: str
    dimension: str
    reverse: bool
    scale: ScaleOut


class DimensionOut(Schema):
    id: str
    title: str


class InstrumentOut(Schema):
    id: str
    version: str
    title: str
    dimensions: list[DimensionOut]
    items: list[ItemOut]


class ReflectionIn(Schema):
    instrument: str = services.DEFAULT_INSTRUMENT
    relationship: str
    answers: dict[str, Any]
    note: str = ""


class ReflectionOut(Schema):
    id: int
    instrument: str
    version: str
    relationship: str
    completed_at: datetime | None
    dimensions: dict[str, float | None]
    crisis: dict[str, Any] | None = None


class ErrorOut(Schema):
    detail: str


def _instrument_or_404(instrument_id: str) -> Any:
    try:
        return load_instrument(instrument_id)
    except InstrumentNotFound as exc:
        raise Http404(str(exc)) from exc


@router.get("/instruments", response=list[InstrumentSummary], auth=None)
def instrument_list(request: HttpRequest) -> list[dict[str, str]]:
    result = []
    for instrument_id in available_instruments():
        instrument = load_instrument(instrument_id)
        result.append(
            {"id": instrument.id, "version": instrument.version, "title": instrument.title}
        )
    return result


@router.get("/instruments/{instrument_id}", response=InstrumentOut, auth=None)
def instrument_detail(request: HttpRequest, instrument_id: str) -> dict[str, Any]:
    data: dict[str, Any] = _instrument_or_404(instrument_id).to_dict()
    return data


def _reflection_out(reflection: Any) -> dict[str, Any]:
    result = services.reflection_score(reflection=reflection)
    return {
        "id": reflection.pk,
        "instrument": reflection.instrument_id,
        "version": reflection.instrument_version,
        "relationship": reflection.relationship.label,
        "completed_at": reflection.completed_at,
        "dimensions": result.as_dict(),
    }


@router.post("/reflections", response={201: ReflectionOut, 400: ErrorOut})
def reflection_create(
    request: AuthenticatedRequest, payload: ReflectionIn
) -> Status[dict[str, Any]]:
    _instrument_or_404(payload.instrument)
    reflection = services.reflection_submit(
        owner=request.user,
        relationship_label=payload.relationship,
        answers=payload.answers,
        instrument_id=payload.instrument,
        note=payload.note,
    )
    out = _reflection_out(reflection)
    # Crisis routing: the note is saved, and the response leads with support.
    out["crisis"] = crisis_payload(payload.note, country=person_country(request))
    return Status(201, out)


@router.get("/reflections", response=list[ReflectionOut])
def reflection_list(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": s.reflection.pk,
            "instrument": s.reflection.instrument_id,
            "version": s.reflection.instrument_version,
            "relationship": s.reflection.relationship.label,
            "completed_at": s.reflection.completed_at,
            "dimensions": s.result.as_dict(),
        }
        for s in services.scored_history(owner=request.user)
    ]


@router.get("/reflections/{reflection_id}", response=ReflectionOut)
def reflection_detail(request: AuthenticatedRequest, reflection_id: int) -> dict[str, Any]:
    return _reflection_out(services.reflection_get(owner=request.user, pk=reflection_id))

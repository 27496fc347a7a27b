"""API for the conversation lens: analyse a chat, read and delete analyses, coach a draft.

``POST /lens/analyses`` takes either a multipart upload (``file``, optional ``format``,
``relationship_id``, ``keep_text``) or JSON ``{"text", "format", "relationship_id",
"keep_text"}``. Uploaded bytes are copied into the lens's private temp folder under a random
name, size-checked as they are copied, and deleted in a ``finally``. Analyses are the person's
own: anyone else's id answers 404. Responses carry ``crisis`` resources when any message of the
chat (or the coached draft) speaks of a crisis, and ``abuse`` resources when the chat shows a
recurring pattern of control or threat.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from feltsafe.safety import CRISIS_INTRO_TEXT
from feltsafe.web.lens import services
from feltsafe.web.lens.forms import MAX_DRAFT_CHARS
from feltsafe.web.lens.models import LensAnalysis
from feltsafe.web.lens.report import message_view
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.safety.routing import directory_for, person_country
from feltsafe.web.safety.services import relationship_at_risk
from feltsafe.web.typing import AuthenticatedRequest

router = Router(tags=["lens"])

MAX_MESSAGES_LIMIT = 5000


class ErrorOut(Schema):
    detail: str


class AnalysisTextIn(Schema):
    text: str = Field(..., max_length=services.MAX_PASTE_CHARS)
    format: str = Field("auto", description="auto, whatsapp, telegram, transcript or csv.")
    relationship_id: int | None = None
    keep_text: bool = False


class AnalysisSummaryOut(Schema):
    id: int
    created_at: datetime
    format: str
    message_count: int
    kept_text: bool
    relationship_id: int | None


class MessageOut(Schema):
    index: int
    sender: str
    time: datetime | None
    kind: str
    markers: list[str]
    crisis: bool
    text: str | None = Field(None, description="Only when the person chose to keep the text.")
    evidence: dict[str, list[str]] | None = Field(
        None, description="The phrases behind each marker; only when the text was kept."
    )


class AnalysisOut(AnalysisSummaryOut):
    speakers: dict[str, Any]
    episodes: list[dict[str, Any]]
    summary: dict[str, Any]
    safety_notes: list[dict[str, str]]
    suggest_joint_repair: bool
    crisis: dict[str, Any] | None = None
    abuse: dict[str, Any] | None = None
    messages: list[MessageOut] = []
    messages_total: int = 0


class CoachIn(Schema):
    text: str = Field(..., max_length=MAX_DRAFT_CHARS)


class SuggestionOut(Schema):
    marker: str
    what: str
    why: str
    rewrite: str


class CoachOut(Schema):
    markers: list[str]
    evidence: dict[str, list[str]]
    suggestions: list[SuggestionOut]
    crisis: dict[str, Any] | None = None


def crisis_resources(request: HttpRequest) -> dict[str, Any]:
    directory = directory_for(person_country(request))
    return {"message": CRISIS_INTRO_TEXT, "resources": directory.to_dict()}


def _summary_out(analysis: LensAnalysis) -> dict[str, Any]:
    return {
        "id": analysis.pk,
        "created_at": analysis.created_at,
        "format": analysis.format,
        "message_count": analysis.message_count,
        "kept_text": analysis.kept_text,
        "relationship_id": analysis.relationship_id,
    }


def _analysis_out(
    request: AuthenticatedRequest, analysis: LensAnalysis, *, limit: int, offset: int
) -> dict[str, Any]:
    stored = analysis.summary or {}
    summary = dict(stored.get("summary", {}))
    at_risk = analysis.relationship_id is not None and relationship_at_risk(
        owner=request.user, relationship_id=analysis.relationship_id
    )
    notes = [{"kind": kind, "text": text} for kind, text in stored.get("safety_notes", [])]
    abuse = None
    if summary.get("abuse_concern") or at_risk:
        directory = directory_for(person_country(request))
        abuse_text = next((n["text"] for n in notes if n["kind"] == "abuse"), "")
        abuse = {"message": abuse_text, "resources": directory.to_dict()["abuse"]}
    messages = services.lens_messages(analysis=analysis)[offset : offset + limit]
    views = [message_view(m, kept=analysis.kept_text) for m in messages]
    return {
        **_summary_out(analysis),
        "speakers": stored.get("speakers", {}),
        "episodes": stored.get("episodes", []),
        "summary": summary,
        "safety_notes": notes,
        "suggest_joint_repair": bool(summary.get("suggest_joint_repair", True)) and not at_risk,
        "crisis": crisis_resources(request) if summary.get("crisis") else None,
        "abuse": abuse,
        "messages": [
            {
                "index": v.index,
                "sender": v.sender,
                "time": v.time,
                "kind": v.kind,
                "markers": [m["name"] for m in v.markers],
                "crisis": v.crisis,
                "text": v.text if v.kept else None,
                "evidence": {m["name"]: m["evidence"] for m in v.markers} if v.kept else None,
            }
            for v in views
        ],
        "messages_total": analysis.message_count,
    }


def _relationship(request: AuthenticatedRequest, value: Any) -> Relationship | None:
    if value in (None, ""):
        return None
    try:
        pk = int(value)
    except (TypeError, ValueError) as exc:
        raise HttpError(400, "relationship_id must be a number.") from exc
    return get_object_or_404(Relationship, owner=request.user, pk=pk)


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "on", "yes"}


_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "format": {"type": "string", "default": "auto"},
                        "relationship_id": {"type": "integer"},
                        "keep_text": {"type": "boolean", "default": False},
                    },
                }
            },
            "application/json": {"schema": AnalysisTextIn.model_json_schema()},
        },
    }
}


@router.post(
    "/lens/analyses",
    response={201: AnalysisOut, 400: ErrorOut, 413: ErrorOut, 415: ErrorOut},
    openapi_extra=_REQUEST_BODY,
)
def analysis_create(request: AuthenticatedRequest) -> Status[dict[str, Any]]:
    """Analyse a chat file (multipart) or pasted text (JSON). The raw file is never kept."""
    content_type = request.content_type or ""
    path: Path | None = None
    try:
        if content_type.startswith("multipart/"):
            upload = request.FILES.get("file")
            if upload is None:
                return Status(400, {"detail": "Please send the chat as a file field named file."})
            fmt = request.POST.get("format", "auto")
            relationship = _relationship(request, request.POST.get("relationship_id"))
            keep_text = _flag(request.POST.get("keep_text", ""))
            path = services.lens_upload_save(upload=upload)
            source: Path | str = path
        else:
            try:
                payload = AnalysisTextIn.model_validate(json.loads(request.body or b"null"))
            except ValueError as exc:
                detail = "Send JSON with a text field, or a multipart upload with a file field."
                raise HttpError(400, detail) from exc
            fmt, keep_text, source = payload.format, payload.keep_text, payload.text
            relationship = _relationship(request, payload.relationship_id)
        analysis = services.lens_analysis_create(
            owner=request.user,
            path_or_text=source,
            fmt=fmt,
            relationship=relationship,
            keep_text=keep_text,
        )
    except services.LensInputError as exc:
        return Status(exc.status, {"detail": exc.message})
    finally:
        if path is not None:
            services.discard_file(path)
    return Status(201, _analysis_out(request, analysis, limit=MAX_MESSAGES_LIMIT, offset=0))


@router.get("/lens/analyses", response=list[AnalysisSummaryOut])
def analysis_list(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    return [_summary_out(a) for a in services.lens_analysis_list(owner=request.user)]


@router.get("/lens/analyses/{analysis_id}", response=AnalysisOut)
def analysis_detail(
    request: AuthenticatedRequest,
    analysis_id: int,
    limit: int = 1000,
    offset: int = 0,
) -> dict[str, Any]:
    """One analysis with a window of its messages (``limit`` up to 5000, ``offset``)."""
    analysis = services.lens_analysis_get(owner=request.user, pk=analysis_id)
    limit, offset = max(1, min(limit, MAX_MESSAGES_LIMIT)), max(0, offset)
    return _analysis_out(request, analysis, limit=limit, offset=offset)


@router.delete("/lens/analyses/{analysis_id}", response={204: None})
def analysis_delete(request: AuthenticatedRequest, analysis_id: int) -> Status[None]:
    analysis = services.lens_analysis_get(owner=request.user, pk=analysis_id)
    services.lens_analysis_delete(analysis=analysis)
    return Status(204, None)


@router.post("/lens/coach", response=CoachOut)
def coach(request: AuthenticatedRequest, payload: CoachIn) -> dict[str, Any]:
    """Markers, the words behind them and gentler structures for a draft. Never stored."""
    result = services.lens_coach(text=payload.text)
    return {
        "markers": list(result.markers),
        "evidence": {m: list(words) for m, words in result.evidence.items()},
        "suggestions": [s.to_json() for s in result.suggestions],
        "crisis": crisis_resources(request) if result.crisis else None,
    }

"""API for couples: invitations, links, shares, what a partner shares, the shared report, repair.

The same rules as the pages: a link answers 404 to anyone but its two current members; what a
partner sees is the allowlisted `shared_view`; a revoked share or ended link is gone on the very
next request; and where the person's own safety answers pause joint features, the joint
endpoints say so (to that person only) and point to support.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from feltsafe.web.accounts.reauth import has_recent_auth
from feltsafe.web.couples import services
from feltsafe.web.couples.models import Invite
from feltsafe.web.reflections import services as reflections
from feltsafe.web.safety.routing import crisis_payload, person_country
from feltsafe.web.typing import AuthenticatedRequest

router = Router(tags=["couples"])

REAUTH_NEEDED = "Please confirm your password first (log in again), then try once more."


class ErrorOut(Schema):
    detail: str


class InviteIn(Schema):
    relationship_id: int | None = Field(None, description="One of your relationships.")
    relationship: str = Field("", description="Or a name for a new one, in your own words.")


class InviteOut(Schema):
    id: int
    relationship_id: int
    relationship: str
    expires_at: datetime


class NewInviteOut(InviteOut):
    code: str = Field(description="Shown only now; give it to the other person yourself.")


class AcceptIn(Schema):
    code: str
    relationship_id: int | None = Field(None, description="Which of your relationships it is.")
    relationship: str = Field("", description="Or a name for a new one.")


class LinkOut(Schema):
    id: int
    relationship_id: int = Field(description="Your own relationship on this link.")
    relationship: str = Field(description="Your own name for the other person.")
    joint_features_offered: bool


class ShareIn(Schema):
    kind: str = Field(description="reflection_scores, checkin_trends or repair_entries")
    object_id: int | None = Field(
        None, description="The reflection or repair entry (not for check-in trends)."
    )


class ShareOut(Schema):
    id: int
    kind: str
    object_id: int | None


class SharedDimensionOut(Schema):
    id: str
    title: str
    score: float | None


class SharedReflectionOut(Schema):
    instrument: str
    version: str
    dimensions: list[SharedDimensionOut]


class SharedMonthOut(Schema):
    month: str
    felt_safety: float


class SharedCheckinsOut(Schema):
    months: list[SharedMonthOut]


class SharedRepairOut(Schema):
    category: str
    category_label: str
    what_happened: str
    ruptured_at: datetime
    reconnected_at: datetime | None
    hours_to_repair: float | None


class PartnerViewOut(Schema):
    """Exactly what one person shares on a link: the partner's view and the sharer's preview."""

    reflection_scores: SharedReflectionOut | None
    checkin_trends: SharedCheckinsOut | None
    repair_entries: list[SharedRepairOut]


class SharedOut(Schema):
    joint_features_offered: bool
    support_url: str | None
    from_partner: PartnerViewOut | None


class PairOut(Schema):
    id: str
    title: str
    mine: float | None
    theirs: float | None
    gap: float | None


class DifferenceOut(Schema):
    id: str
    title: str
    mine: float
    theirs: float
    gap: float
    summary: str
    starters: list[str]


class PerceptionOut(Schema):
    id: str
    title: str
    imagined: float | None
    actual: float | None
    gap: float | None
    words: str


class ReportOut(Schema):
    joint_features_offered: bool
    support_url: str | None
    ready: bool = Field(description="True once both of you share a reflection's scores.")
    dimensions: list[PairOut] = []
    both_safe: list[str] = []
    differences: list[DifferenceOut] = []
    perception: list[PerceptionOut] | None = None


class RepairIn(Schema):
    what_happened: str
    ruptured_at: datetime
    reconnected_at: datetime | None = None
    category: str = ""
    share: bool = Field(False, description="Show this entry to the other person now.")


class RepairLogEntryOut(SharedRepairOut):
    mine: bool
    id: int | None = Field(description="Your own entries only.")
    shared: bool


class RepairMonthOut(Schema):
    month: str
    median_hours: float
    repairs: int


class RepairInsightsOut(Schema):
    count: int
    repaired: int
    median_hours: float | None
    by_month: list[RepairMonthOut]


class RepairLogOut(Schema):
    joint_features_offered: bool
    support_url: str | None
    entries: list[RepairLogEntryOut] = []
    insights: RepairInsightsOut | None = None


class RepairCreatedOut(RepairLogEntryOut):
    crisis: dict[str, Any] | None = None


def _link_out(side: services.LinkSide) -> dict[str, Any]:
    return {
        "id": side.pk,
        "relationship_id": side.my_relationship.pk,
        "relationship": side.label,
        "joint_features_offered": services.joint_features_offered(side=side),
    }


def _invite_out(invite: Invite) -> dict[str, Any]:
    return {
        "id": invite.pk,
        "relationship_id": invite.relationship_id,
        "relationship": invite.relationship.label,
        "expires_at": invite.expires_at,
    }


def _support_url(side: services.LinkSide) -> str:
    return reverse("safety:abuse_support", args=[side.my_relationship.pk])


def _input_error(exc: Exception) -> HttpError:
    if isinstance(exc, services.JointFeaturesPaused):
        return HttpError(409, str(exc))
    return HttpError(400, str(exc))


# --- invitations -------------------------------------------------------------------------------


@router.post("/couples/invites", response={201: NewInviteOut, 400: ErrorOut, 409: ErrorOut})
def invite_create(request: AuthenticatedRequest, payload: InviteIn) -> Status[dict[str, Any]]:
    """A single-use code, valid for 7 days, for one of your relationships."""
    try:
        if payload.relationship_id is not None:
            relationship = reflections.relationship_get(
                owner=request.user, pk=payload.relationship_id
            )
        else:
            relationship = reflections.relationship_get_or_create(
                owner=request.user, label=payload.relationship
            )
        new = services.invite_create(owner=request.user, relationship=relationship)
    except (services.CouplesInputError, reflections.ReflectionInputError) as exc:
        raise _input_error(exc) from exc
    return Status(201, _invite_out(new.invite) | {"code": new.code})


@router.post("/couples/invites/accept", response={201: LinkOut, 400: ErrorOut, 403: ErrorOut})
def invite_accept(request: AuthenticatedRequest, payload: AcceptIn) -> Status[dict[str, Any]]:
    """Accept a code. Every code that can't be used gets the very same answer."""
    if not has_recent_auth(request):
        raise HttpError(403, REAUTH_NEEDED)
    try:
        side = services.invite_accept(
            person=request.user,
            code=payload.code,
            relationship_id=payload.relationship_id,
            relationship_label=payload.relationship,
        )
    except services.CouplesInputError as exc:
        raise _input_error(exc) from exc
    return Status(201, _link_out(side))


@router.get("/couples/invites", response=list[InviteOut])
def invite_list(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    """Your codes that have not been used, cancelled or expired."""
    return [_invite_out(i) for i in services.invite_pending(owner=request.user)]


@router.delete("/couples/invites/{invite_id}", response={204: None})
def invite_cancel(request: AuthenticatedRequest, invite_id: int) -> Status[None]:
    services.invite_cancel(owner=request.user, pk=invite_id)
    return Status(204, None)


# --- links and shares --------------------------------------------------------------------------


@router.get("/couples/links", response=list[LinkOut])
def link_list(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    return [_link_out(side) for side in services.link_list(person=request.user)]


@router.get("/couples/links/{link_id}", response=LinkOut)
def link_detail(request: AuthenticatedRequest, link_id: int) -> dict[str, Any]:
    return _link_out(services.link_get(person=request.user, pk=link_id))


@router.delete("/couples/links/{link_id}", response={204: None, 403: ErrorOut})
def link_end(request: AuthenticatedRequest, link_id: int) -> Status[None]:
    """End the link at once. The other person is not told."""
    side = services.link_get(person=request.user, pk=link_id)
    if not has_recent_auth(request):
        raise HttpError(403, REAUTH_NEEDED)
    services.link_end(side=side)
    return Status(204, None)


@router.get("/couples/links/{link_id}/shares", response=list[ShareOut])
def share_list(request: AuthenticatedRequest, link_id: int) -> list[dict[str, Any]]:
    """What you share on this link."""
    side = services.link_get(person=request.user, pk=link_id)
    return [
        {"id": s.pk, "kind": s.kind, "object_id": s.object_id}
        for s in services.share_list(side=side)
    ]


@router.post(
    "/couples/links/{link_id}/shares", response={201: ShareOut, 400: ErrorOut, 409: ErrorOut}
)
def share_create(
    request: AuthenticatedRequest, link_id: int, payload: ShareIn
) -> Status[dict[str, Any]]:
    side = services.link_get(person=request.user, pk=link_id)
    try:
        share = services.share_create(side=side, kind=payload.kind, object_id=payload.object_id)
    except services.CouplesInputError as exc:
        raise _input_error(exc) from exc
    return Status(201, {"id": share.pk, "kind": share.kind, "object_id": share.object_id})


@router.delete("/couples/links/{link_id}/shares/{share_id}", response={204: None})
def share_revoke(request: AuthenticatedRequest, link_id: int, share_id: int) -> Status[None]:
    """Stop sharing, from the other person's very next request. They are not told."""
    side = services.link_get(person=request.user, pk=link_id)
    services.share_revoke(side=side, pk=share_id)
    return Status(204, None)


@router.get("/couples/links/{link_id}/shared", response=SharedOut)
def shared_with_me(request: AuthenticatedRequest, link_id: int) -> dict[str, Any]:
    """What the other person chooses to show you."""
    side = services.link_get(person=request.user, pk=link_id)
    if not services.joint_features_offered(side=side):
        return {
            "joint_features_offered": False,
            "support_url": _support_url(side),
            "from_partner": None,
        }
    return {
        "joint_features_offered": True,
        "support_url": None,
        "from_partner": services.shared_with_me(side=side),
    }


@router.get("/couples/links/{link_id}/preview", response=PartnerViewOut)
def preview(request: AuthenticatedRequest, link_id: int) -> dict[str, Any]:
    """Exactly what the other person sees of you."""
    side = services.link_get(person=request.user, pk=link_id)
    return services.preview(side=side)


# --- the shared report and repairing together --------------------------------------------------


@router.get("/couples/links/{link_id}/report", response=ReportOut)
def report(request: AuthenticatedRequest, link_id: int) -> dict[str, Any]:
    side = services.link_get(person=request.user, pk=link_id)
    if not services.joint_features_offered(side=side):
        return {"joint_features_offered": False, "support_url": _support_url(side), "ready": False}
    found = services.couple_report(side=side)
    if found is None:
        return {"joint_features_offered": True, "support_url": None, "ready": False}
    c = found.comparison
    return {
        "joint_features_offered": True,
        "support_url": None,
        "ready": True,
        "dimensions": [
            {
                "id": r.dimension_id,
                "title": r.title,
                "mine": r.mine,
                "theirs": r.theirs,
                "gap": r.gap,
            }
            for r in c.rows
        ],
        "both_safe": list(c.both_safe),
        "differences": [
            {
                "id": d.dimension_id,
                "title": d.title,
                "mine": d.mine,
                "theirs": d.theirs,
                "gap": d.gap,
                "summary": d.summary,
                "starters": list(d.starters),
            }
            for d in c.differences
        ],
        "perception": None
        if found.perception is None
        else [
            {
                "id": g.dimension_id,
                "title": g.title,
                "imagined": g.imagined,
                "actual": g.actual,
                "gap": g.gap,
                "words": g.words,
            }
            for g in found.perception.gaps
        ],
    }


def _entry_out(entry: services.RepairLogEntry) -> dict[str, Any]:
    return entry.data | {"mine": entry.mine, "id": entry.pk, "shared": entry.shared}


@router.get("/couples/links/{link_id}/repairs", response=RepairLogOut)
def repair_log(request: AuthenticatedRequest, link_id: int) -> dict[str, Any]:
    """Your entries in the couple's log, and those the other person shares with you."""
    side = services.link_get(person=request.user, pk=link_id)
    if not services.joint_features_offered(side=side):
        return {"joint_features_offered": False, "support_url": _support_url(side)}
    log = services.couple_repair_log(side=side)
    insights = log.insights
    return {
        "joint_features_offered": True,
        "support_url": None,
        "entries": [_entry_out(e) for e in log.entries],
        "insights": {
            "count": insights.count,
            "repaired": insights.repaired,
            "median_hours": insights.median_hours,
            "by_month": [
                {"month": m, "median_hours": h, "repairs": n} for m, h, n in insights.by_month
            ],
        },
    }


@router.post(
    "/couples/links/{link_id}/repairs",
    response={201: RepairCreatedOut, 400: ErrorOut, 409: ErrorOut},
)
def repair_create(
    request: AuthenticatedRequest, link_id: int, payload: RepairIn
) -> Status[dict[str, Any]]:
    """Add to the couple's log. `crisis` carries support resources when the words need them."""
    side = services.link_get(person=request.user, pk=link_id)
    try:
        entry = services.couple_repair_create(
            side=side,
            what_happened=payload.what_happened,
            ruptured_at=payload.ruptured_at,
            reconnected_at=payload.reconnected_at,
            category=payload.category,
            share=payload.share,
        )
    except services.CouplesInputError as exc:
        raise _input_error(exc) from exc
    shown = next(e for e in services.couple_repair_log(side=side).entries if e.pk == entry.pk)
    out = _entry_out(shown)
    # Crisis routing: the entry is saved, and the response leads with support.
    out["crisis"] = crisis_payload(entry.what_happened, country=person_country(request))
    return Status(201, out)

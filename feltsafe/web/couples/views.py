"""Thin views for linking, sharing, the shared report and repairing together.

Every view finds the link through `services.link_get`, which answers 404 to anyone but the two
people of a current link. When joint features are not offered to the person looking (their own
private safety answers), the joint pages show support instead; the partner's pages never change
because of it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST

from feltsafe.instruments import load_instrument
from feltsafe.web.accounts.reauth import require_recent_auth
from feltsafe.web.couples import services
from feltsafe.web.couples.charts import paired_bar_chart, repair_month_chart
from feltsafe.web.couples.forms import InviteForm, JoinForm, RepairForm, ShareForm
from feltsafe.web.reflections import services as reflections
from feltsafe.web.reflections.forms import ITEM_PREFIX, parse_item_answers
from feltsafe.web.safety.routing import crisis_redirect
from feltsafe.web.safety.services import relationships_at_risk
from feltsafe.web.typing import AuthenticatedRequest


def _invitable_relationships(request: AuthenticatedRequest) -> list[Any]:
    """Relationships not linked yet, leaving out any the person's safety answers flag."""
    linked = {side.my_relationship.pk for side in services.link_list(person=request.user)}
    linked |= relationships_at_risk(owner=request.user)
    return [r for r in reflections.relationship_list(owner=request.user) if r.pk not in linked]


def _unlinked_relationships(request: AuthenticatedRequest) -> list[Any]:
    linked = {side.my_relationship.pk for side in services.link_list(person=request.user)}
    return [r for r in reflections.relationship_list(owner=request.user) if r.pk not in linked]


def _is_htmx(request: AuthenticatedRequest) -> bool:
    """A request made by HTMX for a part of a page (django-htmx sets `request.htmx`)."""
    return bool(getattr(request, "htmx", False))


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    sides = services.link_list(person=request.user)
    return render(
        request,
        "couples/index.html",
        {
            "links": [
                {"side": side, "offered": services.joint_features_offered(side=side)}
                for side in sides
            ],
            "invites": services.invite_pending(owner=request.user),
            "invite_form": InviteForm(relationships=_invitable_relationships(request)),
            "invite_days": services.INVITE_DAYS,
        },
    )


@login_required
@require_POST
def invite_create(request: AuthenticatedRequest) -> HttpResponse:
    form = InviteForm(request.POST, relationships=_invitable_relationships(request))
    error = None
    if form.is_valid():
        try:
            relationship_id = form.relationship_id()
            if relationship_id is not None:
                relationship = reflections.relationship_get(owner=request.user, pk=relationship_id)
            else:
                relationship = reflections.relationship_get_or_create(
                    owner=request.user, label=form.cleaned_data["new_label"]
                )
            new = services.invite_create(owner=request.user, relationship=relationship)
        except services.JointFeaturesPaused:
            return render(
                request, "couples/paused.html", {"relationship": relationship, "side": None}
            )
        except (services.CouplesInputError, reflections.ReflectionInputError) as exc:
            error = str(exc)
        else:
            return render(
                request,
                "couples/invite_code.html",
                {"code": new.code, "invite": new.invite, "days": services.INVITE_DAYS},
            )
    return render(
        request,
        "couples/index.html",
        {
            "links": [],
            "invites": services.invite_pending(owner=request.user),
            "invite_form": form,
            "invite_days": services.INVITE_DAYS,
            "invite_error": error or "Please choose who to invite.",
        },
        status=400,
    )


@login_required
@require_POST
def invite_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    services.invite_cancel(owner=request.user, pk=pk)
    messages.info(request, "That invitation can no longer be used.")
    return redirect("couples:index")


@login_required
@require_recent_auth
@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedRequest) -> HttpResponse:
    relationships = _unlinked_relationships(request)
    form = JoinForm(request.POST or None, relationships=relationships)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                side = services.invite_accept(
                    person=request.user,
                    code=form.cleaned_data["code"],
                    relationship_id=form.relationship_id(),
                    relationship_label=form.cleaned_data["new_label"],
                )
            except services.InviteUnusable as exc:
                form.add_error("code", str(exc))
            except services.CouplesInputError as exc:
                form.add_error("new_label", str(exc))
            else:
                messages.info(request, "You are linked. Nothing is shared until you choose.")
                return redirect("couples:link", pk=side.pk)
    return render(request, "couples/join.html", {"form": form}, status=status)


def _link_context(request: AuthenticatedRequest, side: services.LinkSide) -> dict[str, Any]:
    offered = services.joint_features_offered(side=side)
    context: dict[str, Any] = {"side": side, "offered": offered}
    context["my_shares"] = _my_shares(side)
    if offered:
        context["from_partner"] = services.shared_with_me(side=side)
        context["reflections"] = services.shareable_reflections(side=side)
        context["checkins_available"] = services.checkins_available()
    return context


def _my_shares(side: services.LinkSide) -> list[dict[str, Any]]:
    """My active shares, described for me (never shown to the partner)."""
    shares = list(services.share_list(side=side))
    reflections_by_id = {
        r.pk: r
        for r in services.shareable_reflections(side=side).filter(
            pk__in=[s.object_id for s in shares if s.kind == "reflection_scores"]
        )
    }
    described = []
    for share in shares:
        if share.kind == "reflection_scores":
            reflection = reflections_by_id.get(share.object_id or 0)
            what = (
                "Your reflection scores from "
                + date_format(timezone.localtime(reflection.completed_at), "j F Y")
                if reflection is not None and reflection.completed_at is not None
                else "Your reflection scores"
            )
        elif share.kind == "checkin_trends":
            what = "Your check-in trends (whole months only)"
        else:
            what = "One of your entries in the repair log"
        described.append({"share": share, "what": what})
    return described


@login_required
def link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    context = _link_context(request, side)
    if _is_htmx(request) and context["offered"]:
        return render(request, "couples/link.html#from_partner", context)
    return render(request, "couples/link.html", context)


@login_required
def preview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    return render(
        request, "couples/preview.html", {"side": side, "view": services.preview(side=side)}
    )


@login_required
@require_POST
def share(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.share_create(
                side=side, kind=form.cleaned_data["kind"], object_id=form.cleaned_data["object_id"]
            )
        except services.CouplesInputError as exc:
            return _back_to_link(request, side, str(exc))
        return _back_to_link(request, side, "Shared. You can see exactly what they see.")
    return _back_to_link(request, side, "Please choose what to share.")


def _back_to_link(
    request: AuthenticatedRequest, side: services.LinkSide, status: str
) -> HttpResponse:
    """The sharing part of the page for HTMX, else a redirect back (with the same words)."""
    if _is_htmx(request):
        context = _link_context(request, side) | {"status": status}
        return render(request, "couples/link.html#my_sharing", context)
    messages.info(request, status)
    next_url = request.POST.get("next", "")
    if next_url == "repair":
        return redirect("couples:repair", pk=side.pk)
    return redirect("couples:link", pk=side.pk)


@login_required
@require_POST
def share_revoke(request: AuthenticatedRequest, pk: int, share_pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    services.share_revoke(side=side, pk=share_pk)
    return _back_to_link(request, side, "Stopped sharing. They no longer see it.")


@login_required
@require_POST
def share_revoke_all(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    services.share_revoke_all(side=side)
    return _back_to_link(request, side, "You are no longer sharing anything with them.")


@login_required
@require_recent_auth
@require_http_methods(["GET", "POST"])
def end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    if request.method == "POST":
        services.link_end(side=side)
        messages.info(request, "The link has ended. Nothing is shared any more.")
        return redirect("couples:index")
    return render(request, "couples/end.html", {"side": side})


@login_required
@require_POST
def stop_everything(request: AuthenticatedRequest) -> HttpResponse:
    ended = services.couples_stop_everything(person=request.user)
    messages.info(
        request,
        "Every link has ended and nothing is shared any more."
        if ended
        else "There was nothing to end. Nothing is shared.",
    )
    return redirect("couples:index")


def _paused(request: AuthenticatedRequest, side: services.LinkSide) -> HttpResponse:
    return render(
        request, "couples/paused.html", {"side": side, "relationship": side.my_relationship}
    )


@login_required
def report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    if not services.joint_features_offered(side=side):
        return _paused(request, side)
    found = services.couple_report(side=side)
    context: dict[str, Any] = {"side": side, "report": found}
    if found is not None:
        context["chart"] = paired_bar_chart(
            [(r.title, r.mine, r.theirs) for r in found.comparison.rows]
        )
    return render(request, "couples/report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def perception(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    if not services.joint_features_offered(side=side):
        return _paused(request, side)
    instrument = load_instrument(reflections.DEFAULT_INSTRUMENT)
    error = None
    if request.method == "POST":
        try:
            answers = parse_item_answers(request.POST, instrument.items)
            services.perception_submit(side=side, answers=answers)
        except (services.CouplesInputError, reflections.ReflectionInputError) as exc:
            error = str(exc)
        else:
            return redirect("couples:report", pk=side.pk)
    questions = [
        {
            "item": item,
            "name": ITEM_PREFIX + item.id,
            "options": [(item.scale.min + i, label) for i, label in enumerate(item.scale.labels)],
        }
        for item in instrument.items
    ]
    return render(
        request,
        "couples/perception.html",
        {"side": side, "instrument": instrument, "questions": questions, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def repair(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    side = services.link_get(person=request.user, pk=pk)
    if not services.joint_features_offered(side=side):
        return _paused(request, side)
    form = RepairForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            ruptured_at = form.aware("ruptured_at")
            assert ruptured_at is not None
            try:
                entry = services.couple_repair_create(
                    side=side,
                    what_happened=form.cleaned_data["what_happened"],
                    category=form.cleaned_data["category"],
                    ruptured_at=ruptured_at,
                    reconnected_at=form.aware("reconnected_at"),
                    share=form.cleaned_data["share"],
                )
            except services.CouplesInputError as exc:
                form.add_error(None, str(exc))
            else:
                next_url = reverse("couples:repair", args=[side.pk])
                return crisis_redirect(request, entry.what_happened, next_url=next_url) or redirect(
                    next_url
                )
    log = services.couple_repair_log(side=side)
    return render(
        request,
        "couples/repair.html",
        {
            "side": side,
            "form": form,
            "log": log,
            "chart": repair_month_chart(log.insights.by_month),
        },
        status=status,
    )

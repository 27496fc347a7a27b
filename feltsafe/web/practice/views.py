"""Thin views for the practice workspace: parse, call a service, render or redirect.

Every client URL resolves its grant with `services.grant_for_therapist`, which answers 404 to
anyone who is not the therapist of a live grant: an uninvited therapist, a practice admin, the
client, a stranger, or the same therapist after the client revoked.
"""

from __future__ import annotations

import json
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from feltsafe.reports.progress import NO_NORMS_NOTE
from feltsafe.web.charts import sparkline
from feltsafe.web.practice import exports, logos, services, summaries
from feltsafe.web.practice.forms import (
    AcceptForm,
    AssignmentForm,
    CodeForm,
    PracticeForm,
    ScopeForm,
)
from feltsafe.web.practice.integrations import require_recent_auth
from feltsafe.web.practice.models import Grant, Practice, PracticeMembership, Role, Scope
from feltsafe.web.safety.routing import crisis_redirect
from feltsafe.web.typing import AuthenticatedRequest


def _therapist(request: AuthenticatedRequest) -> PracticeMembership:
    membership = services.therapist_membership(user=request.user)
    if membership is None:
        raise Http404("Not a therapist.")
    return membership


def _grant(request: AuthenticatedRequest, pk: int, action: str) -> Grant:
    grant = services.grant_for_therapist(therapist=request.user, pk=pk)
    services.access_record(therapist=request.user, grant=grant, action=action)
    return grant


# --- overview ----------------------------------------------------------------------------------


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    memberships = list(services.memberships_of(user=request.user))
    if any(m.role == Role.THERAPIST for m in memberships):
        return redirect("practice:dashboard")
    return render(
        request,
        "practice/home.html",
        {
            "admin_of": [m.practice for m in memberships if m.role == Role.ADMIN],
            "grants": services.grants_of_client(client=request.user),
        },
    )


# --- therapists --------------------------------------------------------------------------------


def _table_body(lines: list[summaries.DashboardLine]) -> SafeString:
    """The client table's rows, escaped and joined here rather than in a template loop: with a
    few hundred clients the template engine alone took longer than reading the data. Every
    value goes through `html.escape`."""
    base = escape(reverse("practice:client", args=[0]).removesuffix("0/"))
    rows = []
    for line in lines:
        suggestions = "<br>".join(
            f'<span class="status status-{escape(state)}">{escape(words)}</span>'
            for state, words in line.suggestions
        )
        flags = "<br>".join(f'<span class="flag">{escape(flag)}</span>' for flag in line.flags)
        rows.append(
            f'<tr><th scope="row"><a href="{base}{line.pk}/">{escape(line.name)}</a></th>'
            f"<td>{escape(line.checkin)}</td><td>{escape(line.checkin_trend)}</td>"
            f"<td>{escape(line.reflection)}</td><td>{suggestions or '–'}</td>"
            f"<td>{flags or escape(line.no_flags)}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # every value above is escaped


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    membership = _therapist(request)
    grants = list(services.grants_of_therapist(therapist=request.user))
    lines = summaries.dashboard_lines(summaries.dashboard_rows(grants))
    # One audit event for the list as a whole (each client's own page records its own).
    services.dashboard_record(therapist=request.user, practice=membership.practice)
    return render(
        request,
        "practice/dashboard.html",
        {
            "membership": membership,
            "admin_of": [
                m.practice
                for m in services.memberships_of(user=request.user)
                if m.role == Role.ADMIN
            ],
            "lines": lines,
            "table_body": _table_body(lines),
        },
    )


@login_required
@require_POST
def invite_client(request: AuthenticatedRequest) -> HttpResponse:
    membership = _therapist(request)
    issued = services.client_invitation_create(therapist=request.user)
    link = request.build_absolute_uri(reverse("practice:connect", args=[membership.public_ref]))
    response = render(
        request,
        "practice/invitation.html",
        {"issued": issued, "link": link, "days": services.CLIENT_INVITATION_DAYS},
    )
    return response


@login_required
def client(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk, "practice.client_view")
    detail = summaries.client_detail(grant)
    weeks = detail.checkin_weeks
    return render(
        request,
        "practice/client.html",
        {
            "grant": grant,
            "detail": detail,
            "histories": [
                (h, [(d, sparkline(list(d.values))) for d in h.dimensions]) for h in detail.history
            ],
            "checkin_spark": (
                sparkline([None if w.mean is None else w.mean * 10 for w in weeks], width=520)
                if any(w.count for w in weeks)
                else None
            ),
            "assignment_form": AssignmentForm(
                kinds=services.assignment_kinds(grant=grant),
                initial={"start_date": timezone.localdate(), "cadence": "weekly"},
            ),
            "can_assign": bool(services.assignment_kinds(grant=grant)),
            "no_norms_note": NO_NORMS_NOTE,
            "scope_labels": [Scope(s).label.lower() for s in grant.scopes if s in Scope.values],
        },
    )


@login_required
@require_POST
def assignment_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk, "practice.assignment_create")
    form = AssignmentForm(request.POST, kinds=services.assignment_kinds(grant=grant))
    if form.is_valid():
        try:
            services.assignment_create(
                grant=grant,
                kind=form.cleaned_data["kind"],
                cadence=form.cleaned_data["cadence"],
                start_date=form.cleaned_data["start_date"],
                interval_days=form.cleaned_data["interval_days"],
            )
        except services.PracticeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Suggested. Your client will see it on their home page.")
    else:
        messages.error(request, "Please check the suggestion: " + form.errors.as_text())
    return redirect("practice:client", pk=grant.pk)


@login_required
@require_POST
def assignment_end(request: AuthenticatedRequest, pk: int, assignment_pk: int) -> HttpResponse:
    grant = _grant(request, pk, "practice.assignment_end")
    services.assignment_end(grant=grant, pk=assignment_pk)
    messages.success(request, "That suggestion has ended.")
    return redirect("practice:client", pk=grant.pk)


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_GET
def export_csv(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk, "practice.export_csv")
    body = exports.export_csv(grant)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    return _download(response, f"feltsafe-client-{grant.pk}.csv")


@login_required
@require_GET
def export_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk, "practice.export_pdf")
    response = HttpResponse(exports.export_pdf(grant), content_type="application/pdf")
    return _download(response, f"feltsafe-client-{grant.pk}.pdf")


@login_required
@require_GET
def export_fhir(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk, "practice.export_fhir")
    body = json.dumps(exports.export_fhir_bundle(grant), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/fhir+json; charset=utf-8")
    return _download(response, f"feltsafe-client-{grant.pk}.fhir.json")


# --- joining a practice as a therapist ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.therapist_join(user=request.user, code=form.cleaned_data["code"])
        except services.PracticeInputError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, "Welcome to the practice.")
            return redirect("practice:dashboard")
    return render(request, "practice/join.html", {"form": form})


# --- practice admins ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = services.admin_practice(user=request.user, pk=pk)
    initial = {
        "name": practice.name,
        "approach": practice.approach,
        "contact_url": practice.contact_url,
        "listed": practice.listed,
    }
    form = PracticeForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(
                practice=practice,
                name=form.cleaned_data["name"],
                approach=form.cleaned_data["approach"],
                contact_url=form.cleaned_data["contact_url"],
                listed=form.cleaned_data["listed"],
            )
            upload = form.cleaned_data.get("logo")
            if upload:
                logos.practice_logo_set(
                    practice=practice, data=upload.read(logos.MAX_LOGO_BYTES + 1)
                )
            elif form.cleaned_data["remove_logo"]:
                logos.practice_logo_clear(practice=practice)
        except (services.PracticeInputError, logos.LogoError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Saved.")
            next_url = reverse("practice:manage", args=[practice.pk])
            return crisis_redirect(
                request, practice.name, practice.approach, next_url=next_url
            ) or redirect(next_url)
    return render(
        request,
        "practice/manage.html",
        {
            "practice": practice,
            "form": form,
            "members": services.practice_therapists(practice=practice),
        },
    )


@login_required
@require_POST
def therapist_code(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = services.admin_practice(user=request.user, pk=pk)
    code = services.therapist_invite_create(practice=practice, admin=request.user)
    response = render(
        request,
        "practice/therapist_code.html",
        {"practice": practice, "code": code, "days": services.THERAPIST_INVITE_DAYS},
    )
    return response


@login_required
@require_POST
def therapist_remove(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    practice = services.admin_practice(user=request.user, pk=pk)
    services.therapist_remove(practice=practice, membership_pk=membership_pk, admin=request.user)
    messages.success(request, "The therapist was removed; their access to clients has ended.")
    return redirect("practice:manage", pk=practice.pk)


@require_GET
def logo(request: HttpRequest, pk: int) -> HttpResponse:
    """A practice's logo: public, like its name on the support page."""
    practice = Practice.objects.filter(pk=pk).first()
    data = logos.logo_bytes(practice) if practice is not None else None
    if data is None:
        raise Http404("No logo.")
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = "inline"
    return response


# --- clients: letting a therapist in, changing or stopping what they share ----------------------


@login_required
@require_recent_auth
@require_http_methods(["GET", "POST"])
def connect(request: AuthenticatedRequest, ref: str) -> HttpResponse:
    membership = services.therapist_by_ref(ref=ref)
    form = AcceptForm(
        request.POST or None,
        initial={"scopes": [s.value for s in services.SUMMARY_SCOPES]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_accept(
                client=request.user,
                therapist_ref=ref,
                code=form.cleaned_data["code"],
                scopes=form.cleaned_data["scopes"],
            )
        except services.PracticeInputError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(
                request,
                f"{membership.user.get_username()} can now see what you chose to share. "
                "You can change or stop this at any time.",
            )
            return redirect("practice:sharing")
    return render(request, "practice/connect.html", {"membership": membership, "form": form})


@login_required
def sharing(request: AuthenticatedRequest) -> HttpResponse:
    grants = services.grants_of_client(client=request.user)
    forms_by_grant = [
        (g, ScopeForm(initial={"scopes": g.scopes}, prefix=f"g{g.pk}")) for g in grants
    ]
    return render(request, "practice/sharing.html", {"grants": forms_by_grant})


@login_required
@require_recent_auth
@require_POST
def sharing_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = services.grant_for_client(client=request.user, pk=pk)
    form = ScopeForm(request.POST, prefix=f"g{grant.pk}")
    if form.is_valid():
        services.grant_update_scopes(grant=grant, scopes=form.cleaned_data["scopes"])
        messages.success(request, "Saved. This applies from now on.")
    return redirect("practice:sharing")


@login_required
@require_POST
def sharing_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Stopping is never behind an extra step: it takes effect on the therapist's next request."""
    grant = services.grant_for_client(client=request.user, pk=pk)
    services.grant_revoke(grant=grant)
    messages.success(request, "Stopped. Your therapist can no longer see anything you shared.")
    return redirect("practice:sharing")

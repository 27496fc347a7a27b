"""Thin views for the pulse check-in: parse with a form, call a service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from feltsafe.journal.insights import explain
from feltsafe.journal.vocab import CHECKIN_QUESTIONS
from feltsafe.web.checkins import services
from feltsafe.web.checkins.forms import CheckinForm, ReminderForm
from feltsafe.web.safety.routing import crisis_redirect
from feltsafe.web.typing import AuthenticatedRequest

RANGES: dict[str, int | None] = {"30": 30, "90": 90, "365": 365, "all": None}
DEFAULT_RANGE = "90"
RECENT = 20


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    chosen = request.GET.get("days", DEFAULT_RANGE)
    if chosen not in RANGES:
        chosen = DEFAULT_RANGE
    recent = list(services.checkin_list(owner=request.user)[:RECENT])
    return render(
        request,
        "checkins/index.html",
        {
            "trends": services.checkin_trends(owner=request.user, days=RANGES[chosen]),
            "recent": [(c, services.felt_safety(c)) for c in recent],
            "ranges": [("30", "30 days"), ("90", "90 days"), ("365", "A year"), ("all", "All")],
            "chosen": chosen,
            "explain": explain(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request: AuthenticatedRequest) -> HttpResponse:
    form = CheckinForm(request.POST or None, owner=request.user)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            checkin = services.checkin_create(
                owner=request.user,
                answers=form.answers(),
                note=form.cleaned_data["note"],
                relationship=form.cleaned_data["relationship"],
                relationship_label=form.cleaned_data["new_relationship"],
            )
        except services.CheckinInputError as exc:
            error = str(exc)
        else:
            url = reverse("checkins:detail", args=[checkin.pk])
            return crisis_redirect(
                request, checkin.note, form.cleaned_data["new_relationship"], next_url=url
            ) or redirect(url)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "checkins/new.html",
        {"form": form, "questions": form.questions(), "error": error},
        status=status,
    )


@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    checkin = services.checkin_get(owner=request.user, pk=pk)
    answers = checkin.answers
    return render(
        request,
        "checkins/detail.html",
        {
            "checkin": checkin,
            "score": services.felt_safety(checkin),
            "rows": [(q, answers[q.id]) for q in CHECKIN_QUESTIONS],
            "explain": explain(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    checkin = services.checkin_get(owner=request.user, pk=pk)
    if request.method == "POST":
        services.checkin_delete(checkin=checkin)
        messages.info(request, "That check-in has been deleted.")
        return redirect("checkins:index")
    return render(request, "checkins/delete.html", {"checkin": checkin})


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: AuthenticatedRequest) -> HttpResponse:
    current = services.checkin_reminder_cadence(owner=request.user)
    form = ReminderForm(request.POST or None, initial={"cadence": current})
    if request.method == "POST" and form.is_valid():
        services.checkin_reminder_set(owner=request.user, cadence=form.cleaned_data["cadence"])
        messages.info(request, "Saved. You can change this whenever you like.")
        return redirect("dashboard")
    return render(request, "checkins/reminders.html", {"form": form})

"""Safety pages: crisis resources, the directory, the private harm screen, safety settings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from feltsafe.safety import (
    ABUSE_PAGE_TEXT,
    CRISIS_INTRO_TEXT,
    SAFETY_PLANNING_BASICS,
    available_countries,
    load_harm_screen,
)
from feltsafe.web.reflections.services import relationship_get
from feltsafe.web.safety import services
from feltsafe.web.safety.forms import SafetySettingsForm
from feltsafe.web.safety.routing import directory_for, person_country, remember_preferences
from feltsafe.web.typing import AuthenticatedRequest


def crisis(request: HttpRequest) -> HttpResponse:
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    return render(
        request,
        "safety/crisis.html",
        {
            "intro": CRISIS_INTRO_TEXT,
            "directory": directory_for(person_country(request)),
            "next_url": next_url,
        },
    )


def resources(request: HttpRequest) -> HttpResponse:
    codes = {code for code, _ in available_countries()}
    asked = request.GET.get("country", "").upper()
    country = asked if asked in codes else person_country(request)
    return render(
        request,
        "safety/resources.html",
        {
            "directory": directory_for(country),
            "countries": available_countries(),
            "country": country,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def safety_settings(request: AuthenticatedRequest) -> HttpResponse:
    current = services.safety_settings_get(owner=request.user)
    form = SafetySettingsForm(
        request.POST or None,
        initial={
            "country": current.country or person_country(request),
            "discreet": current.discreet,
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = services.safety_settings_update(
            owner=request.user,
            country=form.cleaned_data["country"],
            discreet=form.cleaned_data["discreet"],
        )
        remember_preferences(request, saved)
        return redirect("safety:settings")
    return render(request, "safety/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def harm_screen(request: AuthenticatedRequest, relationship_pk: int) -> HttpResponse:
    relationship = relationship_get(owner=request.user, pk=relationship_pk)
    screen = load_harm_screen()
    error = None
    if request.method == "POST":
        answers: dict[str, int | None] = {}
        for question in screen.questions:
            raw = request.POST.get(f"q_{question.id}", "")
            answers[question.id] = int(raw) if raw.isdigit() else None
        unknown = [k for k in request.POST if k.startswith("q_") and k[2:] not in answers]
        try:
            if unknown:
                raise ValueError("unknown question")
            _, result = services.harm_screen_record(
                owner=request.user, relationship=relationship, answers=answers
            )
        except ValueError:
            error = "Something in this form was not one of the choices, so nothing was saved."
        else:
            if result.positive:
                return redirect("safety:abuse_support", relationship_pk=relationship.pk)
            return render(request, "safety/screen_done.html", {"relationship": relationship})
    return render(
        request,
        "safety/screen.html",
        {"relationship": relationship, "screen": screen, "error": error},
        status=400 if error else 200,
    )


@login_required
def abuse_support(request: AuthenticatedRequest, relationship_pk: int) -> HttpResponse:
    relationship = relationship_get(owner=request.user, pk=relationship_pk)
    return render(
        request,
        "safety/abuse_support.html",
        {
            "relationship": relationship,
            "text": ABUSE_PAGE_TEXT,
            "planning": SAFETY_PLANNING_BASICS,
            "directory": directory_for(person_country(request)),
        },
    )

"""Pages that belong to no single app: home, dashboard, finding support, quick exit, errors."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt

from feltsafe.reports import FINDING_SUPPORT
from feltsafe.web.accounts.views import CLEAR_SITE_DATA
from feltsafe.web.reflections import services as reflection_services
from feltsafe.web.typing import AuthenticatedRequest


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "home.html")


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "dashboard.html",
        {
            "in_progress": reflection_services.in_progress(owner=request.user),
            "latest": reflection_services.latest_by_relationship(owner=request.user),
        },
    )


def finding_support(request: HttpRequest) -> HttpResponse:
    return render(request, "support.html", {"sections": FINDING_SUPPORT})


# Quick exit must work in one step from any page, even a stale one whose CSRF token has
# expired; the worst a forged request can do is log someone out, which is what it is for.
@csrf_exempt
def quick_exit(request: HttpRequest) -> HttpResponse:
    logout(request)
    response = HttpResponseRedirect(settings.FELTSAFE_QUICK_EXIT_URL)
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    response["Cache-Control"] = "no-store"
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context from the failing request: nothing of what the person wrote can leak here.
    return render(request, "500.html", status=500)

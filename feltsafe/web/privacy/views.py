"""Download all my data; delete my account. Both ask for the password again first."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from feltsafe.web.accounts.reauth import require_recent_auth
from feltsafe.web.accounts.views import CLEAR_SITE_DATA
from feltsafe.web.privacy.forms import DeleteAccountForm
from feltsafe.web.privacy.services import account_delete, export_zip
from feltsafe.web.typing import AuthenticatedRequest


@login_required
@require_recent_auth
def export(request: AuthenticatedRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "privacy/export.html")
    response = HttpResponse(export_zip(user=request.user), content_type="application/zip")
    filename = f"feltsafe-export-{timezone.now():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_recent_auth
def delete(request: AuthenticatedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        response = render(request, "privacy/deleted.html")
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "privacy/delete.html", {"form": form})

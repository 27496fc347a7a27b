"""The owner's own activity page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from feltsafe.web.audit.services import ACTION_LABELS, audit_events_for, pseudonym_for
from feltsafe.web.typing import AuthenticatedRequest


@login_required
def activity(request: AuthenticatedRequest) -> HttpResponse:
    me = pseudonym_for(request.user)
    page = Paginator(audit_events_for(user=request.user), 50).get_page(request.GET.get("page"))
    rows = [
        {
            "at": event.at,
            "what": ACTION_LABELS.get(event.action, event.action),
            "by_someone_else": bool(event.actor) and event.actor != me,
            "outcome": event.outcome,
        }
        for event in page
    ]
    return render(request, "audit/activity.html", {"page": page, "rows": rows})

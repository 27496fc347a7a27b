"""Small pieces of the practice workspace shown on shared pages.

`{% practice_due %}` on a person's home page lists what their therapists suggested, and
`{% practice_front_door %}` on "Finding support" shows the practices hosting this feltsafe.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from feltsafe.reports.schedule import due_status
from feltsafe.web.practice import integrations
from feltsafe.web.practice.models import AssignmentKind, Practice
from feltsafe.web.practice.services import assignment_schedule, assignments_for_client, local_day
from feltsafe.web.reflections.models import Reflection

register = template.Library()


@register.inclusion_tag("practice/_due.html", takes_context=True)
def practice_due(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"items": []}
    assignments = list(assignments_for_client(client=user))
    if not assignments:
        return {"items": []}
    today = timezone.localdate()
    last_reflection = local_day(
        Reflection.objects.filter(owner=user, completed_at__isnull=False)
        .order_by("-completed_at")
        .values_list("completed_at", flat=True)
        .first()
    )
    last_checkin = None
    if integrations.installed(integrations.CHECKINS_APP):
        from feltsafe.web.checkins.models import CheckIn

        last_checkin = local_day(
            CheckIn.objects.filter(owner=user)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
    items = []
    for assignment in assignments:
        last = last_reflection if assignment.kind == AssignmentKind.REFLECTION else last_checkin
        schedule = assignment_schedule(assignment)
        items.append(
            {
                "assignment": assignment,
                "therapist": assignment.grant.therapist.get_username(),
                "cadence": schedule.describe(),
                "status": due_status(schedule, today=today, last_done=last),
            }
        )
    return {"items": items, "checkin_url": _url("checkins:new")}


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@register.inclusion_tag("practice/_front_door.html")
def practice_front_door() -> dict[str, Any]:
    return {"practices": list(Practice.objects.filter(listed=True))}

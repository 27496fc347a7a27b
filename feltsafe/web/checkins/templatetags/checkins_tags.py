"""`{% pulse_card %}`: the dashboard's check-in card, with its own (constant) queries."""

from __future__ import annotations

from typing import Any

from django import template

from feltsafe.web.checkins.services import checkin_dashboard

register = template.Library()


@register.inclusion_tag("checkins/_pulse_card.html", takes_context=True)
def pulse_card(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    return {"pulse": checkin_dashboard(owner=user)}

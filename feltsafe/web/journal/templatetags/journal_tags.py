"""Journal template helpers: durations in words, and the dashboard's journal card."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template

from feltsafe.web.journal.services import journal_week

register = template.Library()


def hours_words(hours: float | None) -> str:
    """1.5 -> "1 hour 30 minutes", 50 -> "2 days 2 hours"; None -> "" (not reconnected yet)."""
    if hours is None:
        return ""
    minutes = round(hours * 60)
    if minutes < 1:
        return "under a minute"
    days, rest = divmod(minutes, 24 * 60)
    hrs, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hrs:
        parts.append(f"{hrs} hour{'s' if hrs != 1 else ''}")
    if mins and not days:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts)


@register.filter
def duration_words(value: timedelta | float | None) -> str:
    if isinstance(value, timedelta):
        return hours_words(value.total_seconds() / 3600)
    return hours_words(value)


@register.inclusion_tag("journal/_journal_card.html", takes_context=True)
def journal_card(context: template.Context) -> dict[str, Any]:
    return {"week": journal_week(owner=context["request"].user)}

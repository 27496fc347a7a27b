"""`{% pulse_card %}`: the dashboard's check-in card (constant queries); `table_rows` for tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from feltsafe.web.checkins.services import checkin_dashboard

register = template.Library()


@register.inclusion_tag("checkins/_pulse_card.html", takes_context=True)
def pulse_card(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    return {"pulse": checkin_dashboard(owner=user)}


@register.filter
def table_rows(rows: Iterable[Sequence[str]]) -> SafeString:
    """Table body rows from ready-made cells: the first a row header, the rest figures.

    One filter call instead of a template loop: a five-year table has thousands of cells, and
    rendering each through the template engine costs more than the rest of the page.
    Every cell is escaped (the standard library's `html.escape`, quotes included).
    """
    out = []
    for first, *rest in rows:
        cells = "".join(f'<td class="num">{escape(str(cell))}</td>' for cell in rest)
        out.append(f'<tr><th scope="row">{escape(str(first))}</th>{cells}</tr>')
    return mark_safe("\n".join(out))  # noqa: S308 - every cell above is escaped

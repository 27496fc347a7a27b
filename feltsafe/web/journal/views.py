"""Thin views for the activation journal, the repair log, insights, import and export."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from feltsafe.journal.insights import explain
from feltsafe.journal.vocab import PATTERN_DESCRIPTIONS, PATTERN_LABELS, TOOL_LABELS
from feltsafe.web.accounts.reauth import require_recent_auth
from feltsafe.web.checkins.charts import line_chart, month_label, one_decimal
from feltsafe.web.checkins.services import checkin_monthly_summary, month_start
from feltsafe.web.journal import services
from feltsafe.web.journal.charts import hbar_chart
from feltsafe.web.journal.forms import ActivationForm, ImportForm, RepairForm, repair_initial_now
from feltsafe.web.journal.models import ActivationEntry, Initiator, RepairEntry
from feltsafe.web.journal.templatetags.journal_tags import hours_words
from feltsafe.web.safety.routing import crisis_redirect
from feltsafe.web.typing import AuthenticatedRequest

PAGE_SIZE = 50
IMPORT_REPORT_KEY = "journal_import_report"
MAX_REPORTED_ERRORS = 200
TOP_TRIGGERS = 10


# --- activation entries ------------------------------------------------------------------------


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(services.activation_list(owner=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "journal/index.html",
        {"page": page, "patterns": PATTERN_LABELS, "tools": TOOL_LABELS},
    )


def _activation_kwargs(form: ActivationForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "occurred_on": data["occurred_on"],
        "what_happened": data["what_happened"],
        "tags": data["tags"],
        "body": data["body"],
        "intensity_before": data["intensity_before"],
        "pattern": data["pattern"],
        "tool": data["tool"],
        "intensity_after": data["intensity_after"],
        "note": data["note"],
    }


def _activation_texts(entry: ActivationEntry) -> tuple[str, ...]:
    return (entry.what_happened, entry.tags, entry.body, entry.note)


def _render_activation_form(
    request: AuthenticatedRequest,
    form: ActivationForm,
    *,
    entry: ActivationEntry | None,
    error: str | None,
) -> HttpResponse:
    return render(
        request,
        "journal/activation_form.html",
        {"form": form, "entry": entry, "error": error, "pattern_help": PATTERN_DESCRIPTIONS},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activation_new(request: AuthenticatedRequest) -> HttpResponse:
    form = ActivationForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.activation_create(owner=request.user, **_activation_kwargs(form))
        except services.JournalInputError as exc:
            error = str(exc)
        else:
            url = reverse("journal:detail", args=[entry.pk])
            return crisis_redirect(request, *_activation_texts(entry), next_url=url) or redirect(
                url
            )
    return _render_activation_form(request, form, entry=None, error=error)


def _change_words(drop: int | None) -> str:
    if drop is None:
        return ""
    if drop == 0:
        return "no change"
    return f"down {drop}" if drop > 0 else f"up {-drop}"


@login_required
def activation_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = services.activation_get(owner=request.user, pk=pk)
    return render(
        request,
        "journal/detail.html",
        {
            "entry": entry,
            "pattern_label": PATTERN_LABELS.get(entry.pattern, ""),
            "pattern_help": PATTERN_DESCRIPTIONS.get(entry.pattern, ""),
            "tool_label": TOOL_LABELS.get(entry.tool, ""),
            "change": _change_words(entry.drop),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activation_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = services.activation_get(owner=request.user, pk=pk)
    initial = {
        "occurred_on": entry.occurred_on,
        "what_happened": entry.what_happened,
        "tags": entry.tags,
        "body": entry.body,
        "intensity_before": entry.intensity_before,
        "pattern": entry.pattern,
        "tool": entry.tool,
        "intensity_after": entry.intensity_after,
        "note": entry.note,
    }
    form = ActivationForm(request.POST or None, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.activation_update(entry=entry, **_activation_kwargs(form))
        except services.JournalInputError as exc:
            error = str(exc)
        else:
            url = reverse("journal:detail", args=[entry.pk])
            return crisis_redirect(request, *_activation_texts(entry), next_url=url) or redirect(
                url
            )
    return _render_activation_form(request, form, entry=entry, error=error)


@login_required
@require_http_methods(["GET", "POST"])
def activation_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = services.activation_get(owner=request.user, pk=pk)
    if request.method == "POST":
        services.activation_delete(entry=entry)
        messages.info(request, "That journal entry has been deleted.")
        return redirect("journal:index")
    return render(request, "journal/delete.html", {"entry": entry, "kind": "journal entry"})


# --- repair entries ----------------------------------------------------------------------------


@login_required
def repair_index(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(services.repair_list(owner=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(entry, services.repair_time(entry)) for entry in page]
    return render(
        request,
        "journal/repairs.html",
        {"page": page, "rows": rows, "initiators": dict(Initiator.choices)},
    )


def _repair_kwargs(form: RepairForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "what_happened": data["what_happened"],
        "ruptured_at": data["ruptured_at"],
        "reconnected_at": data["reconnected_at"],
        "initiated_by": data["initiated_by"],
        "category": data["category"],
        "note": data["note"],
        "relationship": data["relationship"],
        "relationship_label": data["new_relationship"],
    }


def _repair_texts(entry: RepairEntry, form: RepairForm) -> tuple[str, ...]:
    return (entry.what_happened, entry.note, form.cleaned_data["new_relationship"])


def _render_repair_form(
    request: AuthenticatedRequest, form: RepairForm, *, entry: RepairEntry | None, error: str | None
) -> HttpResponse:
    return render(
        request,
        "journal/repair_form.html",
        {"form": form, "entry": entry, "error": error},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def repair_new(request: AuthenticatedRequest) -> HttpResponse:
    form = RepairForm(request.POST or None, owner=request.user, initial=repair_initial_now())
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.repair_create(owner=request.user, **_repair_kwargs(form))
        except services.JournalInputError as exc:
            error = str(exc)
        else:
            url = reverse("journal:repairs")
            return crisis_redirect(request, *_repair_texts(entry, form), next_url=url) or redirect(
                url
            )
    return _render_repair_form(request, form, entry=None, error=error)


@login_required
@require_http_methods(["GET", "POST"])
def repair_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = services.repair_get(owner=request.user, pk=pk)
    initial = {
        "what_happened": entry.what_happened,
        "relationship": entry.relationship,
        "ruptured_at": timezone.localtime(entry.ruptured_at),
        "reconnected_at": (
            timezone.localtime(entry.reconnected_at) if entry.reconnected_at else None
        ),
        "initiated_by": entry.initiated_by,
        "category": entry.category,
        "note": entry.note,
    }
    form = RepairForm(request.POST or None, owner=request.user, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.repair_update(entry=entry, **_repair_kwargs(form))
        except services.JournalInputError as exc:
            error = str(exc)
        else:
            url = reverse("journal:repairs")
            return crisis_redirect(request, *_repair_texts(entry, form), next_url=url) or redirect(
                url
            )
    return _render_repair_form(request, form, entry=entry, error=error)


@login_required
@require_http_methods(["GET", "POST"])
def repair_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = services.repair_get(owner=request.user, pk=pk)
    if request.method == "POST":
        services.repair_delete(entry=entry)
        messages.info(request, "That repair entry has been deleted.")
        return redirect("journal:repairs")
    return render(request, "journal/delete.html", {"entry": entry, "kind": "repair entry"})


# --- insights ----------------------------------------------------------------------------------


@login_required
def insights(request: AuthenticatedRequest) -> HttpResponse:
    summary = services.journal_summary(owner=request.user)
    journal, repair = summary.journal, summary.repair
    triggers = journal.recurring_triggers[:TOP_TRIGGERS]
    initiator_labels = dict(Initiator.choices)
    repair_months = [
        (month_label(month_start(month)), one_decimal(hours), str(n))
        for month, hours, n in repair.by_month
    ]
    return render(
        request,
        "journal/insights.html",
        {
            "journal": journal,
            "repair": repair,
            "explain": explain(),
            "tools_chart": hbar_chart(
                [
                    (t.label, t.mean_drop, f"{t.mean_drop:+.1f} (n={t.n})", t.small_sample)
                    for t in journal.tools
                ]
            ),
            "triggers": triggers,
            "triggers_chart": hbar_chart([(c.label, c.n, str(c.n), False) for c in triggers]),
            "patterns_chart": hbar_chart(
                [(c.label, c.n, str(c.n), False) for c in journal.patterns]
            ),
            "repair_months": repair_months,
            "repair_chart": line_chart(
                [(month_start(month), hours, hours) for month, hours, _ in repair.by_month],
                monthly=True,
            ),
            "repair_median": hours_words(repair.median_hours),
            "repair_categories_chart": hbar_chart(
                [(c.label, c.n, str(c.n), False) for c in repair.categories]
            ),
            "initiators": [(initiator_labels.get(c.key, c.label), c.n) for c in repair.initiators],
            "checkin_trends": checkin_monthly_summary(owner=request.user),
        },
    )


# --- import and export -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_csv(request: AuthenticatedRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        outcome = services.journal_import_csv(
            owner=request.user, stream=io.StringIO(form.cleaned_data["file"], newline="")
        )
        request.session[IMPORT_REPORT_KEY] = {
            "imported": outcome.imported,
            "errors": [[e.line, e.message] for e in outcome.errors[:MAX_REPORTED_ERRORS]],
            "more": max(0, len(outcome.errors) - MAX_REPORTED_ERRORS),
        }
        url = reverse("journal:import")
        return crisis_redirect(request, *outcome.texts, next_url=url) or redirect(url)
    report = request.session.pop(IMPORT_REPORT_KEY, None) if request.method == "GET" else None
    return render(
        request,
        "journal/import.html",
        {"form": form, "report": report},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_recent_auth
@require_GET
def export_csv(request: AuthenticatedRequest) -> HttpResponse:
    buffer = io.StringIO(newline="")
    services.journal_export_csv(owner=request.user, stream=buffer)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"feltsafe-journal-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response

"""Thin views for the reflection flow: parse, call a service, render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from feltsafe.instruments import band_for, load_instrument
from feltsafe.reports import build_reflection_report
from feltsafe.web.charts import bar_chart, sparkline
from feltsafe.web.reflections import services
from feltsafe.web.reflections.forms import ITEM_PREFIX, NoteForm, StartForm, parse_item_answers
from feltsafe.web.safety.routing import crisis_redirect
from feltsafe.web.safety.services import relationship_at_risk
from feltsafe.web.typing import AuthenticatedRequest


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    latest = services.latest_by_relationship(owner=request.user)
    instrument = load_instrument(services.DEFAULT_INSTRUMENT)
    return render(
        request,
        "reflections/index.html",
        {
            "in_progress": services.in_progress(owner=request.user),
            "latest": latest,
            "relationship_map": _relationship_map(latest, instrument) if len(latest) >= 2 else None,
            "instrument": instrument,
        },
    )


def _relationship_map(latest: list[services.ScoredReflection], instrument: Any) -> dict[str, Any]:
    rows = []
    for scored in latest:
        cells = []
        for dim_score in scored.result.dimensions:
            band = dim_score.band
            cells.append({"score": dim_score.score, "band": band.id if band else "none"})
        rows.append({"reflection": scored.reflection, "cells": cells})
    return {"dimensions": instrument.dimensions, "rows": rows}


@login_required
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedRequest) -> HttpResponse:
    instrument = load_instrument(services.DEFAULT_INSTRUMENT)
    form = StartForm(request.POST or None, initial={"relationship": request.GET.get("for", "")})
    if request.method == "POST" and form.is_valid():
        try:
            reflection = services.reflection_start(
                owner=request.user, relationship_label=form.cleaned_data["relationship"]
            )
        except services.ReflectionInputError as exc:
            form.add_error("relationship", str(exc))
        else:
            return redirect("reflections:step", pk=reflection.pk, step=1)
    return render(
        request,
        "reflections/start.html",
        {
            "form": form,
            "instrument": instrument,
            "relationships": services.relationship_list(owner=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def step(request: AuthenticatedRequest, pk: int, step: int) -> HttpResponse:
    reflection = services.reflection_get(owner=request.user, pk=pk)
    instrument = services.reflection_instrument(reflection=reflection)
    total = len(instrument.dimensions)
    if not 1 <= step <= total:
        return redirect("reflections:step", pk=pk, step=min(max(step, 1), total))
    dimension = instrument.dimensions[step - 1]
    items = instrument.items_for(dimension.id)
    error = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "next")
        try:
            answers = parse_item_answers(request.POST, items)
            services.reflection_save_answers(
                reflection=reflection,
                answers=answers,
                item_ids=[item.id for item in items],
                resume_step=step - 1,
            )
        except services.ReflectionInputError as exc:
            error = str(exc)
            status = 400
        else:
            if action == "leave":
                messages.info(
                    request,
                    "Your answers are saved. You can pick up where you left off at any time.",
                )
                return redirect("reflections:index")
            if action == "back":
                return redirect("reflections:step", pk=pk, step=max(1, step - 1))
            if step < total:
                return redirect("reflections:step", pk=pk, step=step + 1)
            return redirect("reflections:finish", pk=pk)
    saved = services.reflection_answers(reflection=reflection)
    questions = [
        {
            "item": item,
            "name": ITEM_PREFIX + item.id,
            "value": saved.get(item.id),
            "options": [(item.scale.min + i, label) for i, label in enumerate(item.scale.labels)],
        }
        for item in items
    ]
    return render(
        request,
        "reflections/step.html",
        {
            "reflection": reflection,
            "instrument": instrument,
            "dimension": dimension,
            "questions": questions,
            "step": step,
            "total": total,
            "percent": round(100 * (step - 1) / total),
            "error": error,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def finish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reflection = services.reflection_get(owner=request.user, pk=pk)
    instrument = services.reflection_instrument(reflection=reflection)
    form = NoteForm(request.POST or None, initial={"note": reflection.note})
    if request.method == "POST" and form.is_valid():
        services.reflection_complete(reflection=reflection, note=form.cleaned_data["note"])
        report_url = reverse("reflections:report", args=[pk])
        return crisis_redirect(request, reflection.note, next_url=report_url) or redirect(
            report_url
        )
    answered = reflection.answers.count()
    return render(
        request,
        "reflections/finish.html",
        {
            "reflection": reflection,
            "form": form,
            "answered": answered,
            "total_items": len(instrument.items),
            "total": len(instrument.dimensions),
        },
    )


@login_required
def report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reflection = services.reflection_get(owner=request.user, pk=pk)
    instrument = services.reflection_instrument(reflection=reflection)
    result = services.reflection_score(reflection=reflection)
    at_risk = relationship_at_risk(owner=request.user, relationship_id=reflection.relationship_id)
    report = build_reflection_report(
        result, instrument, reflection.relationship.label, at_risk=at_risk
    )
    chart = bar_chart(
        [(d.dimension.title, d.score, d.band.id if d.band else "none") for d in result.dimensions]
    )
    return render(
        request,
        "reflections/report.html",
        {
            "reflection": reflection,
            "instrument": instrument,
            "result": result,
            "report": report,
            "chart": chart,
            "at_risk": at_risk,
        },
    )


@login_required
def history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    relationship = services.relationship_get(owner=request.user, pk=pk)
    scored = services.scored_history(owner=request.user, relationship=relationship)
    instrument = load_instrument(services.DEFAULT_INSTRUMENT)
    rows = []
    for index, dimension in enumerate(instrument.dimensions):
        values = [
            next((d.score for d in s.result.dimensions if d.dimension.id == dimension.id), None)
            for s in scored
        ]
        latest = next((v for v in reversed(values) if v is not None), None)
        rows.append(
            {
                "dimension": dimension,
                "values": values,
                "spark": sparkline(values),
                "latest": latest,
                "band": band_for(latest) if latest is not None else None,
                "index": index,
            }
        )
    return render(
        request,
        "reflections/history.html",
        {"relationship": relationship, "scored": scored, "rows": rows},
    )

"""Exports of what one client shares with their therapist: CSV, FHIR R4 Bundle and a PDF report.

Each export reads only through a grant's scopes, exactly as the client page does. Nothing here
fetches anything from the network: the PDF's logo is embedded from the private logo folder, and
WeasyPrint is given a URL fetcher that refuses every URL that is not inline data.
"""

from __future__ import annotations

import base64
import csv
import io
from datetime import datetime
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from feltsafe.instruments import band_for, load_instrument
from feltsafe.reports import fhir
from feltsafe.reports.progress import NO_NORMS_NOTE
from feltsafe.web.charts import bar_chart, sparkline
from feltsafe.web.practice import logos
from feltsafe.web.practice.models import Grant, Practice, Scope
from feltsafe.web.practice.summaries import (
    ClientDetail,
    RelationshipHistory,
    client_detail,
)
from feltsafe.web.reflections.models import Reflection

CSV_HEADER = ("section", "date", "relationship", "measure", "value")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _day(moment: datetime) -> str:
    return timezone.localtime(moment).date().isoformat()


def export_csv(grant: Grant, *, detail: ClientDetail | None = None) -> str:
    """Everything the client shares, one fact per row (free text only where they opted in)."""
    detail = detail or client_detail(grant)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)

    def row(*values: object) -> None:
        writer.writerow([_cell(v) for v in values])

    for history in detail.history:
        for scored in history.rounds:
            day = _day(scored.completed_at)
            for d in scored.result.dimensions:
                row("reflection score", day, history.label, d.dimension.title, d.score)
    if grant.allows(Scope.REFLECTION_SCORES):
        answers = (
            Reflection.objects.filter(owner_id=grant.client_id, completed_at__isnull=False)
            .select_related("relationship")
            .prefetch_related("answers")
            .order_by("completed_at", "pk")
        )
        for reflection in answers:
            assert reflection.completed_at is not None
            for answer in sorted(reflection.answers.all(), key=lambda a: a.item_id):
                row(
                    "reflection answer",
                    _day(reflection.completed_at),
                    reflection.relationship.label,
                    answer.item_id,
                    answer.value,
                )
    for week in detail.checkin_weeks:
        if week.count:
            row(
                "check-in weekly felt safety (0-10)",
                week.week_of.isoformat(),
                "",
                f"mean of {week.count} check-in{'s' if week.count != 1 else ''}",
                None if week.mean is None else round(week.mean, 2),
            )
    if detail.journal is not None:
        summary = detail.journal.summary
        if summary is not None:
            for tool in summary.journal.tools:
                row("journal: what helped", "", "", tool.label, f"{tool.mean_drop:.1f} ({tool.n})")
            for pattern in summary.journal.patterns:
                row("journal: protective pattern", "", "", pattern.label, pattern.n)
            row("journal: ruptures", "", "", "count", summary.repair.count)
            row("journal: ruptures", "", "", "repaired", summary.repair.repaired)
            row("journal: ruptures", "", "", "median hours to repair", summary.repair.median_hours)
        for entry in detail.journal.activations:
            row(
                "journal entry",
                entry.occurred_on.isoformat(),
                "",
                "what happened",
                entry.what_happened,
            )
        for entry in detail.journal.repairs:
            row("repair entry", _day(entry.ruptured_at), "", "what happened", entry.what_happened)
    for flag in detail.row.flags:
        row("safety flag", flag.day.isoformat(), "", flag.label, "")
    for status in detail.row.assignments:
        row(
            "assignment",
            status.assignment.start_date.isoformat(),
            "",
            f"{status.assignment.get_kind_display()}, {status.describe}",
            status.state_label,
        )
    return out.getvalue()


def export_fhir_bundle(grant: Grant, *, now: datetime | None = None) -> dict[str, Any]:
    """A FHIR R4 Bundle of the client's completed reflections as QuestionnaireResponses."""
    now = now or timezone.now()
    resources: list[dict[str, Any]] = []
    if grant.allows(Scope.REFLECTION_SCORES):
        reflections = (
            Reflection.objects.filter(owner_id=grant.client_id, completed_at__isnull=False)
            .select_related("relationship")
            .prefetch_related("answers")
            .order_by("completed_at", "pk")
        )
        resources = [reflection_resource(r, subject=f"client {grant.pk}") for r in reflections]
    return fhir.bundle(resources, bundle_id=f"client-{grant.pk}", timestamp=now)


def reflection_resource(reflection: Reflection, *, subject: str | None) -> dict[str, Any]:
    instrument = load_instrument(reflection.instrument_id, reflection.instrument_version)
    return fhir.questionnaire_response(
        instrument,
        {a.item_id: a.value for a in reflection.answers.all()},
        response_id=f"reflection-{reflection.pk}",
        authored=reflection.completed_at or reflection.started_at,
        completed=reflection.completed_at is not None,
        relationship=reflection.relationship.label,
        subject={"display": subject} if subject else None,
    )


# --- PDF ---------------------------------------------------------------------------------------


def _offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that only accepts inline ``data:`` URLs (no file, no network)."""
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    return URLFetcher(allowed_protocols={"data"})


def _history_rows(history: RelationshipHistory) -> list[dict[str, Any]]:
    rows = []
    for dim in history.dimensions:
        rows.append({"dim": dim, "spark": sparkline(list(dim.values), width=140, height=32)})
    return rows


def practice_context(practice: Practice) -> dict[str, Any]:
    logo = logos.logo_bytes(practice)
    return {
        "practice": practice,
        "logo_data": (
            "data:image/png;base64," + base64.b64encode(logo).decode("ascii") if logo else ""
        ),
    }


def report_context(grant: Grant, *, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    detail = client_detail(grant, now=now)
    latest_chart = None
    latest = detail.row.latest_reflection
    if latest is not None:
        latest_chart = bar_chart(
            [
                (
                    d.dimension.title,
                    d.score,
                    band_for(d.score).id if d.score is not None else "none",
                )
                for d in latest.result.dimensions
            ]
        )
    weeks = detail.checkin_weeks
    checkin_spark = (
        sparkline([None if w.mean is None else w.mean * 10 for w in weeks], width=520, height=80)
        if any(w.count for w in weeks)
        else None
    )
    return {
        "grant": grant,
        "client_name": grant.client.get_username(),
        "detail": detail,
        "latest_chart": latest_chart,
        "histories": [(h, _history_rows(h)) for h in detail.history],
        "checkin_spark": checkin_spark,
        "checkin_first": weeks[0].week_of if weeks else None,
        "checkin_last": weeks[-1].week_of if weeks else None,
        "no_norms_note": NO_NORMS_NOTE,
        "disclaimer": load_instrument("esr").disclaimer,
        "generated_at": now,
        **practice_context(grant.practice),
    }


def export_pdf(grant: Grant, *, now: datetime | None = None) -> bytes:
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    fetcher = _offline_fetcher()
    html = render_to_string("practice/report_pdf.html", report_context(grant, now=now))
    css_path = finders.find("practice/report_pdf.css")
    stylesheets = []
    if isinstance(css_path, str):
        with open(css_path, encoding="utf-8") as handle:
            stylesheets.append(CSS(string=handle.read(), url_fetcher=fetcher))
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=stylesheets)
    return pdf

"""Exports of what a client shares: CSV, a PDF report with charts, and FHIR R4."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from feltsafe.web.practice import exports
from feltsafe.web.reflections.services import reflection_submit
from tests.factories import answers_at
from tests.practice.conftest import login, share

pytestmark = pytest.mark.django_db

PRIVATE_NOTE = "a private note about the weekend"


@pytest.fixture
def history(alice, esr):
    for level in (2, 3, 4):
        reflection_submit(
            owner=alice,
            relationship_label="my partner",
            answers=answers_at(esr, level),
            note=PRIVATE_NOTE,
        )


def test_the_csv_holds_scores_and_answers_but_never_notes(grant, therapist, history, esr):
    response = login(Client(), therapist).get(reverse("practice:export_csv", args=[grant.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    sections = {r["section"] for r in rows}
    assert {"reflection score", "reflection answer"} <= sections
    answers = [r for r in rows if r["section"] == "reflection answer"]
    assert len(answers) == 3 * len(esr.items)
    assert PRIVATE_NOTE not in response.content.decode()


def test_the_csv_leaves_out_what_is_not_shared(alice, therapist, history):
    grant = share(alice, therapist, scopes=["safety_flags"])
    body = exports.export_csv(grant)
    assert body.splitlines() == [",".join(exports.CSV_HEADER)]


def test_the_csv_cannot_carry_a_spreadsheet_formula():
    assert exports._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert exports._cell("-3.5") == "-3.5"


def test_the_pdf_report_renders_with_the_practice_and_charts(grant, therapist, history):
    response = login(Client(), therapist).get(reverse("practice:export_pdf", args=[grant.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000


def test_the_pdf_context_carries_the_front_door_and_the_honest_note(grant, history):
    context = exports.report_context(grant)
    assert context["practice"].name == "Harbour Therapy"
    assert context["latest_chart"] is not None
    assert "no norms" in context["no_norms_note"]
    from django.template.loader import render_to_string

    html = render_to_string("practice/report_pdf.html", context)
    assert "Harbour Therapy" in html and "<svg" in html
    assert PRIVATE_NOTE not in html


def test_the_fhir_export_is_a_valid_bundle_of_questionnaire_responses(grant, therapist, history):
    response = login(Client(), therapist).get(reverse("practice:export_fhir", args=[grant.pk]))
    assert response.status_code == 200
    data = json.loads(response.content)
    bundle = Bundle.model_validate(data)
    assert len(bundle.entry) == 3
    assert {e.resource.get_resource_type() for e in bundle.entry} == {"QuestionnaireResponse"}
    assert PRIVATE_NOTE not in response.content.decode()

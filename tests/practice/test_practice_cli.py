"""The practice and FHIR commands, tested through their output."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from typer.testing import CliRunner

from feltsafe.cli import app
from feltsafe.web.reflections.services import reflection_start, reflection_submit
from tests.factories import answers_at

runner = CliRunner()


@pytest.fixture
def no_setup(monkeypatch):
    """The test database is already set up; the commands must not migrate another one."""
    monkeypatch.setattr("feltsafe.cli._setup_django", lambda: None)


def test_instruments_export_prints_a_valid_fhir_questionnaire(esr):
    result = runner.invoke(app, ["instruments", "export", "esr", "--fhir"])
    assert result.exit_code == 0, result.output
    questionnaire = Questionnaire.model_validate(json.loads(result.stdout))
    assert questionnaire.title == esr.title


def test_instruments_export_needs_a_format_and_a_known_instrument():
    assert runner.invoke(app, ["instruments", "export", "esr"]).exit_code == 2
    result = runner.invoke(app, ["instruments", "export", "nope", "--fhir"])
    assert result.exit_code == 2 and "nope" in result.stderr


@pytest.mark.django_db
def test_export_responses_prints_a_bundle_of_that_persons_reflections(no_setup, alice, esr):
    reflection_submit(owner=alice, relationship_label="my partner", answers=answers_at(esr, 4))
    reflection_start(owner=alice, relationship_label="Mum")  # still in progress
    result = runner.invoke(app, ["export", "responses", "--user", "alice", "--fhir"])
    assert result.exit_code == 0, result.output
    bundle = Bundle.model_validate(json.loads(result.stdout))
    assert sorted(e.resource.status for e in bundle.entry) == ["completed", "in-progress"]


@pytest.mark.django_db
def test_export_responses_for_someone_unknown_says_so(no_setup):
    result = runner.invoke(app, ["export", "responses", "--user", "nobody", "--fhir"])
    assert result.exit_code == 2
    assert "nobody" in result.stderr


@pytest.mark.django_db
def test_practice_create_makes_the_practice_with_its_admin(no_setup, alice):
    from feltsafe.web.practice.models import PracticeMembership

    result = runner.invoke(app, ["practice", "create", "Harbour Therapy", "--admin", "alice"])
    assert result.exit_code == 0, result.output
    assert "Harbour Therapy" in result.stdout
    membership = PracticeMembership.objects.get(user=alice)
    assert membership.role == "admin" and membership.practice.name == "Harbour Therapy"
    assert runner.invoke(app, ["practice", "create", "X", "--admin", "nobody"]).exit_code == 2

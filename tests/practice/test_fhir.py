"""FHIR R4 output validates with fhir.resources (its R4B models: Questionnaire and
QuestionnaireResponse are the same in R4 and R4B)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from feltsafe.reports.fhir import bundle, questionnaire, questionnaire_response

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_the_questionnaire_validates_and_keys_every_item_by_its_id(esr):
    data = questionnaire(esr)
    parsed = Questionnaire.model_validate(data)
    link_ids = {child.linkId for group in parsed.item[1:] for child in group.item}
    assert link_ids == {item.id for item in esr.items}
    assert all(not child.required for group in parsed.item[1:] for child in group.item)
    first = parsed.item[1].item[0]
    assert [o.valueCoding.code for o in first.answerOption] == ["1", "2", "3", "4", "5"]
    assert parsed.version == esr.version


def test_a_response_validates_and_leaves_out_skipped_items(esr):
    answers = {item.id: 4 for item in esr.items[:10]}
    data = questionnaire_response(
        esr,
        answers,
        response_id="reflection-7",
        authored=WHEN,
        relationship="my partner",
        subject={"display": "client 3"},
    )
    parsed = QuestionnaireResponse.model_validate(data)
    answered = {
        child.linkId: child.answer[0].valueCoding.code for g in parsed.item[1:] for child in g.item
    }
    assert answered == dict.fromkeys(answers, "4")
    assert parsed.item[0].answer[0].valueString == "my partner"
    assert parsed.questionnaire == f"urn:feltsafe:questionnaire:esr|{esr.version}"
    assert parsed.status == "completed"


def test_an_unfinished_reflection_is_in_progress(esr):
    data = questionnaire_response(esr, {}, response_id="r", authored=WHEN, completed=False)
    assert QuestionnaireResponse.model_validate(data).status == "in-progress"
    assert "item" not in data


def test_a_bundle_of_responses_validates(esr):
    responses = [
        questionnaire_response(esr, {esr.items[0].id: 2}, response_id=f"r-{n}", authored=WHEN)
        for n in range(3)
    ]
    parsed = Bundle.model_validate(bundle(responses, bundle_id="export", timestamp=WHEN))
    assert parsed.type == "collection"
    assert len(parsed.entry) == 3
    assert len({e.fullUrl for e in parsed.entry}) == 3


def test_it_refuses_answers_it_does_not_know(esr):
    with pytest.raises(ValueError):
        questionnaire_response(esr, {"nope": 3}, response_id="r", authored=WHEN)
    with pytest.raises(ValueError):
        questionnaire_response(esr, {esr.items[0].id: 9}, response_id="r", authored=WHEN)
    with pytest.raises(ValueError):
        questionnaire_response(esr, {}, response_id="r", authored=datetime(2026, 1, 1))  # noqa: DTZ001

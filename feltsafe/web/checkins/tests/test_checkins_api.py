"""The check-in API, exercised through its own OpenAPI schema."""

from __future__ import annotations

import json

import pytest

from feltsafe.journal.vocab import CHECKIN_QUESTIONS
from feltsafe.web.checkins.models import CheckIn
from tests.api_schema import response_schema

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"


def _post(client, payload):
    return client.post(
        f"{BASE}/checkins", data=json.dumps(payload), content_type="application/json"
    )


def test_the_schema_lists_the_check_in_endpoints(schema):
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths[f"{BASE}/checkins"])
    assert {"get"} <= set(paths[f"{BASE}/checkins/{{checkin_id}}"])


def test_creating_a_check_in_returns_what_the_schema_promises(alice_client, schema):
    answers = {"could_be_myself": 8, "felt_heard": 6, "need_repair": 2}
    response = _post(alice_client, {"answers": answers, "relationship": "my partner"})
    assert response.status_code == 201
    data = response.json()
    out = response_schema(schema, f"{BASE}/checkins", "post", "201")
    assert set(out["required"]) <= set(data)
    assert set(data["answers"]) == {q.id for q in CHECKIN_QUESTIONS}
    assert data["answers"]["felt_heard"] == 6 and data["answers"]["body_calm"] is None
    assert data["felt_safety"] == pytest.approx((8 + 6 + 8) / 3)
    assert data["relationship"] == "my partner"
    assert data["crisis"] is None

    listed = alice_client.get(f"{BASE}/checkins").json()
    assert [c["id"] for c in listed] == [data["id"]]
    detail = alice_client.get(f"{BASE}/checkins/{data['id']}").json()
    assert detail["answers"] == data["answers"]


@pytest.mark.parametrize(
    "answers, status", [({"felt_heard": 11}, 400), ({"not_a_question": 3}, 400)]
)
def test_bad_answers_are_refused_and_nothing_is_saved(alice_client, answers, status):
    response = _post(alice_client, {"answers": answers})
    assert response.status_code == status
    assert "detail" in response.json()
    assert CheckIn.objects.count() == 0


def test_a_crisis_note_is_saved_and_the_response_leads_with_support(alice_client):
    response = _post(alice_client, {"answers": {}, "note": CRISIS_TEXT})
    assert response.status_code == 201
    data = response.json()
    assert data["note"] == CRISIS_TEXT
    assert data["crisis"] is not None
    assert data["crisis"]["message"]
    assert "resources" in data["crisis"]


def test_another_person_gets_404_and_an_empty_list(client, alice, stranger):
    client.force_login(alice)
    created = _post(client, {"answers": {"felt_heard": 4}, "note": "mine"}).json()
    client.force_login(stranger)
    assert client.get(f"{BASE}/checkins/{created['id']}").status_code == 404
    assert client.get(f"{BASE}/checkins").json() == []


def test_anonymous_callers_cannot_read_or_write_check_ins(client):
    assert client.get(f"{BASE}/checkins").status_code == 401
    assert client.get(f"{BASE}/checkins/1").status_code == 401
    assert _post(client, {"answers": {}}).status_code == 401

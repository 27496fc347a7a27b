"""The JSON API, exercised through its own OpenAPI schema."""

from __future__ import annotations

import json

import pytest

from feltsafe.web.reflections.models import Answer, Reflection
from tests.factories import safest_answers

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


def _required(schema, ref_or_schema):
    node = ref_or_schema
    if "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return set(node.get("required", []))


def _response_schema(schema, path, method, status="200"):
    content = schema["paths"][path][method]["responses"][status]["content"]
    return content["application/json"]["schema"]


def _post(client, payload):
    return client.post(
        f"{BASE}/reflections", data=json.dumps(payload), content_type="application/json"
    )


def test_the_schema_lists_instruments_and_reflections(schema):
    paths = schema["paths"]
    assert {"get"} <= set(paths[f"{BASE}/instruments"])
    assert {"get"} <= set(paths[f"{BASE}/instruments/{{instrument_id}}"])
    assert {"get", "post"} <= set(paths[f"{BASE}/reflections"])
    assert {"get"} <= set(paths[f"{BASE}/reflections/{{reflection_id}}"])


def test_instrument_detail_matches_its_schema(client, schema, esr):
    data = client.get(f"{BASE}/instruments/esr").json()
    required = _required(
        schema, _response_schema(schema, f"{BASE}/instruments/{{instrument_id}}", "get")
    )
    assert required <= set(data)
    assert data["version"] == esr.version
    assert len(data["items"]) == len(esr.items)
    assert client.get(f"{BASE}/instruments/nope").status_code == 404


def test_submitting_a_response_returns_scores_that_match_the_schema(alice_client, schema, esr):
    response = _post(alice_client, {"relationship": "my partner", "answers": safest_answers(esr)})
    assert response.status_code == 201
    data = response.json()
    required = _required(schema, _response_schema(schema, f"{BASE}/reflections", "post", "201"))
    assert required <= set(data)
    assert set(data["dimensions"].values()) == {100.0}
    listed = alice_client.get(f"{BASE}/reflections").json()
    assert [r["id"] for r in listed] == [data["id"]]
    assert (
        alice_client.get(f"{BASE}/reflections/{data['id']}").json()["dimensions"]
        == data["dimensions"]
    )


@pytest.mark.parametrize(
    "bad_answers, words",
    [({"esr_not_an_item": 3}, "esr_not_an_item"), ("OFFSCALE", "scale")],
)
def test_tampered_answers_are_refused_and_nothing_is_saved(alice_client, esr, bad_answers, words):
    if bad_answers == "OFFSCALE":
        bad_answers = {esr.items[0].id: 7}
    response = _post(alice_client, {"relationship": "my partner", "answers": bad_answers})
    assert response.status_code == 400
    assert words in response.json()["detail"]
    assert Reflection.objects.count() == 0
    assert Answer.objects.count() == 0


def test_another_person_gets_404_for_someone_elses_scores(client, alice, stranger, esr):
    client.force_login(alice)
    created = _post(client, {"relationship": "my partner", "answers": safest_answers(esr)}).json()
    client.force_login(stranger)
    assert client.get(f"{BASE}/reflections/{created['id']}").status_code == 404
    assert client.get(f"{BASE}/reflections").json() == []


def test_anonymous_callers_cannot_read_or_write_reflections(client, esr):
    assert client.get(f"{BASE}/reflections").status_code == 401
    assert _post(client, {"relationship": "x", "answers": {}}).status_code == 401

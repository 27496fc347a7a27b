"""The therapist API, exercised through its OpenAPI schema."""

from __future__ import annotations

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle

from feltsafe.web.reflections.services import reflection_submit
from tests.factories import answers_at
from tests.practice.conftest import login

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
CLIENT_PATHS = [
    "/practice/clients/{client_id}",
    "/practice/clients/{client_id}/export.csv",
    "/practice/clients/{client_id}/report.pdf",
    "/practice/clients/{client_id}/fhir",
]


def _required(schema, path):
    node = schema["paths"][f"{BASE}{path}"]["get"]["responses"]["200"]["content"]
    node = node["application/json"]["schema"]
    if node.get("type") == "array":
        node = node["items"]
    name = node["$ref"].rsplit("/", 1)[1]
    return set(schema["components"]["schemas"][name].get("required", []))


def test_the_schema_lists_the_therapist_endpoints(schema):
    for path in ["/practice/clients", *CLIENT_PATHS]:
        assert "get" in schema["paths"][f"{BASE}{path}"], path


def test_the_client_list_matches_its_schema_and_shares_flags_without_words(
    schema, grant, alice, therapist, esr
):
    reflection_submit(
        owner=alice,
        relationship_label="my partner",
        answers=answers_at(esr, 3),
        note="I have the pills saved up and I don't want to be here anymore",
    )
    response = login(Client(), therapist).get(f"{BASE}/practice/clients")
    assert response.status_code == 200
    (client,) = response.json()
    assert _required(schema, "/practice/clients") <= set(client)
    assert client["name"] == "alice"
    assert [f["kind"] for f in client["flags"]] == ["crisis_text"]
    assert "pills" not in response.content.decode()


def test_the_client_detail_matches_its_schema(schema, grant, alice, therapist, esr):
    reflection_submit(owner=alice, relationship_label="my partner", answers=answers_at(esr, 2))
    reflection_submit(owner=alice, relationship_label="my partner", answers=answers_at(esr, 4))
    response = login(Client(), therapist).get(f"{BASE}/practice/clients/{grant.pk}")
    assert response.status_code == 200
    data = response.json()
    assert _required(schema, "/practice/clients/{client_id}") <= set(data)
    (history,) = data["reflections"]
    assert len(history["rounds"]) == 2
    assert data["client"]["reflection_change"]["direction"] in {
        "more_at_ease",
        "more_guarded",
        "about_the_same",
    }
    assert "no norms" in data["note"]


def test_the_exports_come_through_the_api(grant, alice, therapist, esr):
    reflection_submit(owner=alice, relationship_label="my partner", answers=answers_at(esr, 4))
    client = login(Client(), therapist)
    csv = client.get(f"{BASE}/practice/clients/{grant.pk}/export.csv")
    assert csv.status_code == 200 and csv.content.startswith(b"section,date")
    pdf = client.get(f"{BASE}/practice/clients/{grant.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    fhir = client.get(f"{BASE}/practice/clients/{grant.pk}/fhir")
    assert fhir.status_code == 200
    assert len(Bundle.model_validate(fhir.json()).entry) == 1


@pytest.mark.parametrize("who", ["other_therapist", "practice_admin", "alice", "stranger"])
def test_every_client_endpoint_answers_404_to_anyone_but_the_invited_therapist(
    request, schema, grant, who
):
    client = login(Client(), request.getfixturevalue(who))
    for path in CLIENT_PATHS:
        url = BASE + path.replace("{client_id}", str(grant.pk))
        assert client.get(url).status_code == 404, (who, path)


def test_the_client_list_is_404_for_someone_who_is_not_a_therapist(practice_admin, stranger):
    for person in (practice_admin, stranger):
        assert login(Client(), person).get(f"{BASE}/practice/clients").status_code == 404


def test_revocation_is_effective_on_the_next_api_request(grant, alice, therapist):
    from feltsafe.web.practice.services import grant_revoke

    client = login(Client(), therapist)
    assert client.get(f"{BASE}/practice/clients/{grant.pk}").status_code == 200
    grant_revoke(grant=grant)
    for path in CLIENT_PATHS:
        assert client.get(BASE + path.replace("{client_id}", str(grant.pk))).status_code == 404
    assert client.get(f"{BASE}/practice/clients").json() == []

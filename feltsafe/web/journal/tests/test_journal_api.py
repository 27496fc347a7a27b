"""The journal API (entries, repairs, insights), exercised through its own OpenAPI schema."""

from __future__ import annotations

import json

import pytest

from feltsafe.web.journal.models import ActivationEntry, RepairEntry
from tests.api_schema import response_schema

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"
ENTRY = {
    "occurred_on": "2026-03-02",
    "what_happened": "Raised voices about money",
    "tags": "money, tone of voice",
    "intensity_before": 8,
    "pattern": "Withdrawing",
    "tool": "time-out",
    "intensity_after": 5,
}
REPAIR = {
    "what_happened": "A sharp word at dinner",
    "ruptured_at": "2026-03-02T19:00:00Z",
    "reconnected_at": "2026-03-03T07:00:00Z",
    "initiated_by": "them",
    "category": "I feel",
    "relationship": "my partner",
}


def _post(client, path, payload):
    return client.post(f"{BASE}{path}", data=json.dumps(payload), content_type="application/json")


def test_the_schema_lists_entries_repairs_and_insights(schema):
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths[f"{BASE}/journal/entries"])
    assert {"get", "delete"} <= set(paths[f"{BASE}/journal/entries/{{entry_id}}"])
    assert {"get", "post"} <= set(paths[f"{BASE}/journal/repairs"])
    assert {"get"} <= set(paths[f"{BASE}/journal/insights"])


def test_an_entry_is_created_read_listed_and_deleted(alice_client, schema):
    response = _post(alice_client, "/journal/entries", ENTRY)
    assert response.status_code == 201
    data = response.json()
    out = response_schema(schema, f"{BASE}/journal/entries", "post", "201")
    assert set(out["required"]) <= set(data)
    assert data["pattern"] == "withdrawing" and data["tool"] == "time_out"  # labels normalised
    assert data["tags"] == ["money", "tone of voice"]
    assert data["crisis"] is None
    assert [e["id"] for e in alice_client.get(f"{BASE}/journal/entries").json()] == [data["id"]]
    detail = alice_client.get(f"{BASE}/journal/entries/{data['id']}")
    assert detail.json()["what_happened"] == ENTRY["what_happened"]
    assert alice_client.delete(f"{BASE}/journal/entries/{data['id']}").status_code == 204
    assert ActivationEntry.objects.count() == 0


@pytest.mark.parametrize(
    "change, status",
    [
        ({"intensity_before": 11}, 422),
        ({"pattern": "sulking"}, 400),
        ({"what_happened": "   "}, 400),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_saved(alice_client, change, status):
    response = _post(alice_client, "/journal/entries", ENTRY | change)
    assert response.status_code == status
    assert ActivationEntry.objects.count() == 0


def test_a_repair_is_created_with_its_time_to_repair(alice_client, schema):
    response = _post(alice_client, "/journal/repairs", REPAIR)
    assert response.status_code == 201
    data = response.json()
    out = response_schema(schema, f"{BASE}/journal/repairs", "post", "201")
    assert set(out["required"]) <= set(data)
    assert data["hours_to_repair"] == 12.0
    assert data["category"] == "i_feel"
    assert data["relationship"] == "my partner"
    assert [r["id"] for r in alice_client.get(f"{BASE}/journal/repairs").json()] == [data["id"]]


def test_a_reconnection_before_the_rupture_is_refused(alice_client):
    response = _post(
        alice_client, "/journal/repairs", REPAIR | {"reconnected_at": "2026-03-01T07:00:00Z"}
    )
    assert response.status_code == 400
    assert RepairEntry.objects.count() == 0


@pytest.mark.parametrize(
    "path, payload, field",
    [
        ("/journal/entries", ENTRY, "what_happened"),
        ("/journal/entries", ENTRY, "note"),
        ("/journal/repairs", REPAIR, "what_happened"),
        ("/journal/repairs", REPAIR, "note"),
    ],
)
def test_crisis_words_are_saved_and_the_response_leads_with_support(
    alice_client, path, payload, field
):
    response = _post(alice_client, path, payload | {field: CRISIS_TEXT})
    assert response.status_code == 201
    data = response.json()
    assert data[field] == CRISIS_TEXT
    assert data["crisis"] is not None and data["crisis"]["message"]


def test_insights_rank_tools_and_match_the_schema(alice_client, schema):
    for before, after, tool in [(8, 5, "breathing"), (8, 2, "grounding"), (6, 5, "breathing")]:
        _post(
            alice_client,
            "/journal/entries",
            ENTRY | {"intensity_before": before, "intensity_after": after, "tool": tool},
        )
    _post(alice_client, "/journal/repairs", REPAIR)
    _post(alice_client, "/checkins", {"answers": {"felt_heard": 7}})
    data = alice_client.get(f"{BASE}/journal/insights").json()
    out = response_schema(schema, f"{BASE}/journal/insights", "get")
    assert set(out["required"]) <= set(data)
    assert [t["tool"] for t in data["tools"]] == ["grounding", "breathing"]
    assert data["tools"][0]["mean_drop"] == 6.0 and data["tools"][1]["n"] == 2
    assert all(t["small_sample"] for t in data["tools"])
    assert data["repair"]["median_hours"] == 12.0
    assert data["checkins"][0]["months"][0]["felt_safety"] == 7.0
    assert "tools" in data["explanations"]


def test_another_person_gets_404_and_sees_nothing_of_anyone_elses_journal(client, alice, stranger):
    client.force_login(alice)
    entry = _post(client, "/journal/entries", ENTRY).json()
    _post(client, "/journal/repairs", REPAIR)
    client.force_login(stranger)
    assert client.get(f"{BASE}/journal/entries/{entry['id']}").status_code == 404
    assert client.delete(f"{BASE}/journal/entries/{entry['id']}").status_code == 404
    assert client.get(f"{BASE}/journal/entries").json() == []
    assert client.get(f"{BASE}/journal/repairs").json() == []
    insights = client.get(f"{BASE}/journal/insights").json()
    assert insights["entries"] == 0 and insights["repair"]["count"] == 0
    assert ActivationEntry.objects.filter(pk=entry["id"]).exists()


def test_anonymous_callers_cannot_read_or_write_the_journal(client):
    for path in ("/journal/entries", "/journal/entries/1", "/journal/repairs", "/journal/insights"):
        assert client.get(f"{BASE}{path}").status_code == 401
    assert _post(client, "/journal/entries", ENTRY).status_code == 401
    assert client.delete(f"{BASE}/journal/entries/1").status_code == 401

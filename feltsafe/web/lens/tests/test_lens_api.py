"""The lens API, exercised through its own OpenAPI schema: analyses and the coach."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from feltsafe.web.lens.models import LensAnalysis, LensMessage
from feltsafe.web.lens.tests import chats
from tests.api_schema import response_schema

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


@pytest.fixture(autouse=True)
def private_tmp(settings, tmp_path):
    folder = tmp_path / "lens-tmp"
    settings.FELTSAFE_LENS_TMP_DIR = str(folder)
    return folder


def _post_json(client, path, payload):
    return client.post(f"{BASE}{path}", data=json.dumps(payload), content_type="application/json")


def test_the_schema_lists_analyses_and_the_coach_with_both_body_kinds(schema):
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths[f"{BASE}/lens/analyses"])
    assert {"get", "delete"} <= set(paths[f"{BASE}/lens/analyses/{{analysis_id}}"])
    assert "post" in paths[f"{BASE}/lens/coach"]
    body = paths[f"{BASE}/lens/analyses"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(body)
    assert "file" in body["multipart/form-data"]["schema"]["properties"]
    assert "text" in body["application/json"]["schema"]["properties"]


def test_every_reference_in_the_lens_paths_resolves(schema):
    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    lens_paths = {p: v for p, v in schema["paths"].items() if p.startswith(f"{BASE}/lens/")}
    names = {ref.rsplit("/", 1)[1] for ref in refs(lens_paths)}
    assert names and names <= set(schema["components"]["schemas"])


def test_pasted_text_is_analysed_read_listed_and_deleted(alice_client, schema):
    response = _post_json(alice_client, "/lens/analyses", {"text": chats.TRANSCRIPT})
    assert response.status_code == 201, response.content
    data = response.json()
    out = response_schema(schema, f"{BASE}/lens/analyses", "post", "201")
    assert set(out["required"]) <= set(data)
    assert data["message_count"] == 3 and data["kept_text"] is False
    assert data["crisis"] is None and data["abuse"] is None
    assert data["suggest_joint_repair"] is True
    assert data["messages"][0]["text"] is None  # not kept
    assert "criticism" in data["messages"][0]["markers"]
    assert set(data["speakers"]) == {"Sam", "Alex"}
    listed = alice_client.get(f"{BASE}/lens/analyses").json()
    assert [a["id"] for a in listed] == [data["id"]]
    detail = alice_client.get(f"{BASE}/lens/analyses/{data['id']}?limit=1&offset=1").json()
    assert [m["index"] for m in detail["messages"]] == [1]
    assert alice_client.delete(f"{BASE}/lens/analyses/{data['id']}").status_code == 204
    assert LensAnalysis.objects.count() == 0 and LensMessage.objects.count() == 0


def test_a_multipart_upload_is_analysed_and_the_file_deleted(alice_client, private_tmp):
    upload = SimpleUploadedFile("WhatsApp Chat.zip", chats.whatsapp_zip())
    response = alice_client.post(
        f"{BASE}/lens/analyses", {"file": upload, "format": "auto", "keep_text": "true"}
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["format"] == "whatsapp" and data["message_count"] == 5
    assert data["messages"][0]["text"] == "You never listen to me, you always do this"
    assert data["messages"][0]["evidence"]["criticism"]
    assert list(private_tmp.iterdir()) == []


def test_a_crisis_in_the_chat_brings_crisis_resources(alice_client):
    response = _post_json(alice_client, "/lens/analyses", {"text": chats.CRISIS_TRANSCRIPT})
    data = response.json()
    assert data["crisis"] is not None
    assert data["crisis"]["resources"]["crisis"]
    assert data["safety_notes"][0]["kind"] == "crisis"


def test_recurring_control_brings_abuse_resources_and_no_joint_repair(alice_client):
    data = _post_json(alice_client, "/lens/analyses", {"text": chats.ABUSE_TRANSCRIPT}).json()
    assert data["abuse"] is not None and data["abuse"]["resources"]
    assert data["suggest_joint_repair"] is False


def test_another_persons_analysis_answers_404(client, alice, stranger):
    client.force_login(alice)
    created = _post_json(client, "/lens/analyses", {"text": chats.TRANSCRIPT}).json()
    client.force_login(stranger)
    assert client.get(f"{BASE}/lens/analyses/{created['id']}").status_code == 404
    assert client.delete(f"{BASE}/lens/analyses/{created['id']}").status_code == 404
    assert client.get(f"{BASE}/lens/analyses").json() == []
    assert LensAnalysis.objects.filter(pk=created["id"]).exists()


def test_someone_elses_relationship_answers_404(client, alice, stranger):
    from feltsafe.web.reflections.models import Relationship

    theirs = Relationship.objects.create(owner=stranger, label="their partner")
    client.force_login(alice)
    payload = {"text": chats.TRANSCRIPT, "relationship_id": theirs.pk}
    assert _post_json(client, "/lens/analyses", payload).status_code == 404
    assert LensAnalysis.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "make", "status"),
    [
        ("bomb.zip", chats.zip_bomb, 400),
        ("climb.zip", chats.traversal_zip, 400),
        ("link.zip", chats.symlink_zip, 400),
        ("many.zip", chats.many_entries_zip, 400),
        ("disguised.csv", chats.whatsapp_zip, 400),
        ("chat.exe", lambda: chats.WHATSAPP_TXT.encode(), 415),
    ],
)
def test_hostile_uploads_get_a_4xx_and_leave_nothing(alice_client, private_tmp, name, make, status):
    upload = SimpleUploadedFile(name, make())
    response = alice_client.post(f"{BASE}/lens/analyses", {"file": upload})
    assert response.status_code == status
    assert response.json()["detail"]
    assert LensAnalysis.objects.count() == 0 and LensMessage.objects.count() == 0
    assert not private_tmp.exists() or list(private_tmp.iterdir()) == []


def test_bad_json_is_a_400(alice_client):
    response = alice_client.post(
        f"{BASE}/lens/analyses", data=b"{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_the_coach_returns_markers_evidence_and_a_gentler_structure(alice_client, schema):
    response = _post_json(alice_client, "/lens/coach", {"text": "You never listen to me"})
    assert response.status_code == 200
    data = response.json()
    out = response_schema(schema, f"{BASE}/lens/coach", "post")
    assert set(out["required"]) <= set(data)
    assert data["markers"] == ["criticism"]
    assert data["evidence"]["criticism"]
    assert data["suggestions"][0]["rewrite"].startswith("I feel")
    assert data["crisis"] is None
    assert LensAnalysis.objects.count() == 0  # drafts are never stored


def test_a_crisis_draft_brings_crisis_resources(alice_client):
    data = _post_json(alice_client, "/lens/coach", {"text": chats.CRISIS_TEXT}).json()
    assert data["crisis"] is not None and data["crisis"]["resources"]["crisis"]


def test_the_api_needs_a_login(client):
    assert client.get(f"{BASE}/lens/analyses").status_code == 401
    assert _post_json(client, "/lens/coach", {"text": "hi"}).status_code == 401


def test_an_upload_over_the_size_cap_is_a_413_and_leaves_nothing(
    alice_client, private_tmp, monkeypatch
):
    from feltsafe.web.lens import services

    monkeypatch.setattr(services, "MAX_UPLOAD_BYTES", 100)
    upload = SimpleUploadedFile("chat.txt", chats.WHATSAPP_TXT.encode())
    response = alice_client.post(f"{BASE}/lens/analyses", {"file": upload})
    assert response.status_code == 413
    assert LensAnalysis.objects.count() == 0
    assert not private_tmp.exists() or list(private_tmp.iterdir()) == []

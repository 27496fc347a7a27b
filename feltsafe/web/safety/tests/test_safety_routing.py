"""Crisis routing, the private harm screen, resources and discreet mode in the web app."""

from __future__ import annotations

import html
import json

import pytest
from django.urls import reverse

from feltsafe.safety import load_harm_screen
from feltsafe.web.reflections.models import Reflection
from feltsafe.web.reflections.services import reflection_start, reflection_submit
from feltsafe.web.safety.models import HarmScreen
from tests.factories import safest_answers

pytestmark = pytest.mark.django_db

CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"


def _positive_answers():
    screen = load_harm_screen()
    return {f"q_{q.id}": str(max(v for v, _ in q.options)) for q in screen.questions}


def test_a_crisis_note_is_saved_and_the_next_page_is_crisis_support(alice_client, alice):
    reflection = reflection_start(owner=alice, relationship_label="my partner")
    response = alice_client.post(
        reverse("reflections:finish", args=[reflection.pk]), {"note": CRISIS_TEXT}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("safety:crisis"))
    reflection.refresh_from_db()
    assert reflection.note == CRISIS_TEXT
    assert reflection.is_complete
    page = alice_client.get(response["Location"])
    body = page.content.decode()
    assert "Talk to someone now" in body
    assert "immediate danger" in body
    assert reverse("reflections:report", args=[reflection.pk]) in body


def test_an_ordinary_note_goes_straight_to_the_report(alice_client, alice):
    reflection = reflection_start(owner=alice, relationship_label="my partner")
    response = alice_client.post(
        reverse("reflections:finish", args=[reflection.pk]),
        {"note": "This traffic is killing me, but we had a good talk tonight."},
    )
    assert response["Location"] == reverse("reflections:report", args=[reflection.pk])


def test_the_crisis_page_never_links_back_off_site(client):
    body = client.get(reverse("safety:crisis") + "?next=https://evil.example/").content.decode()
    assert "evil.example" not in body


def test_the_api_leads_with_crisis_resources_when_a_note_needs_it(alice_client, esr):
    response = alice_client.post(
        "/api/v1/reflections",
        data=json.dumps(
            {"relationship": "Dad", "answers": safest_answers(esr), "note": CRISIS_TEXT}
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    crisis = response.json()["crisis"]
    assert crisis["message"]
    assert crisis["resources"]["crisis"]
    assert Reflection.objects.get().note == CRISIS_TEXT
    calm = alice_client.post(
        "/api/v1/reflections",
        data=json.dumps({"relationship": "Dad", "answers": {}, "note": "a calm week"}),
        content_type="application/json",
    )
    assert calm.json()["crisis"] is None


def test_a_positive_harm_screen_leads_to_abuse_support_and_switches_off_joint_suggestions(
    alice_client, alice, esr
):
    partner = reflection_submit(
        owner=alice, relationship_label="my partner", answers=safest_answers(esr)
    )
    friend = reflection_submit(
        owner=alice, relationship_label="my friend", answers=safest_answers(esr)
    )
    before = alice_client.get(reverse("reflections:report", args=[partner.pk])).content.decode()
    assert "private safety questions" in before
    response = alice_client.post(
        reverse("safety:harm_screen", args=[partner.relationship.pk]), _positive_answers()
    )
    assert response["Location"] == reverse("safety:abuse_support", args=[partner.relationship.pk])
    support = alice_client.get(response["Location"]).content.decode()
    assert "immediate danger" in support
    assert "switched off" in support
    after = html.unescape(
        alice_client.get(reverse("reflections:report", args=[partner.pk])).content.decode()
    )
    assert "won't suggest" in after
    assert "can help two people build safety together" not in after
    other = html.unescape(
        alice_client.get(reverse("reflections:report", args=[friend.pk])).content.decode()
    )
    assert "can help two people build safety together" in other


def test_a_skipped_harm_screen_is_not_positive(alice_client, alice):
    reflection = reflection_start(owner=alice, relationship_label="Mum")
    response = alice_client.post(
        reverse("safety:harm_screen", args=[reflection.relationship.pk]), {}
    )
    assert response.status_code == 200
    assert "saved privately" in response.content.decode()
    assert HarmScreen.objects.get().positive is False


def test_a_tampered_harm_screen_saves_nothing(alice_client, alice):
    reflection = reflection_start(owner=alice, relationship_label="Mum")
    url = reverse("safety:harm_screen", args=[reflection.relationship.pk])
    assert alice_client.post(url, {"q_not_a_question": "1"}).status_code == 400
    assert HarmScreen.objects.count() == 0


def test_someone_else_gets_404_on_the_harm_screen_and_support_pages(client, alice, stranger):
    reflection = reflection_start(owner=alice, relationship_label="my partner")
    client.force_login(stranger)
    for name in ("safety:harm_screen", "safety:abuse_support"):
        url = reverse(name, args=[reflection.relationship.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, _positive_answers()).status_code == 404
    assert HarmScreen.objects.count() == 0


def test_resources_can_be_shown_for_each_country(client):
    for code in ("US", "GB", "CA", "AU", "IE", "INT"):
        response = client.get(reverse("safety:resources") + f"?country={code}")
        assert response.status_code == 200
        assert "immediate danger" in response.content.decode()


def test_a_chosen_country_and_discreet_mode_are_remembered(alice_client):
    response = alice_client.post(reverse("safety:settings"), {"country": "AU", "discreet": "on"})
    assert response.status_code == 302
    page = alice_client.get(reverse("dashboard")).content.decode()
    assert "<title>Notes</title>" in page
    assert "feltsafe</a>" not in page
    resources = alice_client.get(reverse("safety:resources")).content.decode()
    assert 'value="AU" selected' in resources


def test_the_practices_local_resources_appear_beside_the_national_lines(client, settings, tmp_path):
    from feltsafe.web.safety.routing import local_resources

    path = tmp_path / "local.toml"
    path.write_text(
        '[[resources]]\nname = "Riverside Family Centre"\ndescription = "Drop-in support"\n'
        'kind = "local"\nhours = "Weekdays"\nfree = true\n'
        '[[resources.channels]]\nkind = "call"\nvalue = "01234 567890"\n'
    )
    settings.FELTSAFE_LOCAL_RESOURCES = str(path)
    local_resources.cache_clear()
    try:
        body = client.get(reverse("safety:resources")).content.decode()
        assert "Riverside Family Centre" in body
    finally:
        local_resources.cache_clear()

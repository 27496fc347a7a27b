"""The message coach page: works without JavaScript, and HTMX gets only the result partial."""

from __future__ import annotations

import pytest
from django.urls import reverse

from feltsafe.web.lens.models import LensAnalysis
from feltsafe.web.lens.tests import chats

pytestmark = pytest.mark.django_db

CRITICAL = "You never listen to me, you always ignore my texts"


def test_the_coach_page_wires_the_live_box_to_the_fragment_view(alice_client):
    html = alice_client.get(reverse("lens:coach")).content.decode()
    assert f'hx-post="{reverse("lens:coach_result")}"' in html
    assert 'hx-trigger="keyup changed delay:500ms"' in html
    assert "vendor/htmx/htmx-2.0.11.min.js" in html
    assert "X-CSRFToken" in html
    assert 'id="coach-result"' in html  # the partial is rendered in place
    assert "<script>" not in html and 'style="' not in html


def test_a_plain_submit_shows_the_whole_page_with_a_gentler_structure(alice_client):
    response = alice_client.post(reverse("lens:coach"), {"text": CRITICAL})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "Exit this page" in html
    assert "criticism" in html
    assert "I feel [hurt / lonely / worn out] when you don&#x27;t listen to me" in html


def test_the_fragment_view_returns_only_the_partial(alice_client):
    response = alice_client.post(
        reverse("lens:coach_result"), {"text": CRITICAL}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode().strip()
    assert response.status_code == 200
    assert html.startswith('<section id="coach-result"')
    assert html.endswith("</section>")
    assert "<html" not in html and "Exit this page" not in html
    assert "A gentler way to say it" in html
    assert "You never listen" in html  # the words behind the marker


def test_a_crisis_draft_shows_crisis_resources_first(alice_client):
    html = alice_client.post(reverse("lens:coach_result"), {"text": chats.CRISIS_TEXT}).content
    html = html.decode()
    assert 'id="coach-crisis"' in html
    crisis_at = html.index('id="coach-crisis"')
    later = [h for h in ("It may read as", "noticed nothing harsh") if h in html]
    assert later and all(crisis_at < html.index(h) for h in later)
    assert "don't have to carry this alone" in html or "don&#x27;t have to carry" in html


def test_drafts_are_never_stored(alice_client):
    alice_client.post(reverse("lens:coach"), {"text": CRITICAL})
    alice_client.post(reverse("lens:coach_result"), {"text": CRITICAL})
    assert LensAnalysis.objects.count() == 0


def test_an_empty_draft_gets_a_hint(alice_client):
    html = alice_client.post(reverse("lens:coach_result"), {"text": "  "}).content.decode()
    assert "Start typing" in html


def test_the_fragment_view_only_takes_posts(alice_client):
    assert alice_client.get(reverse("lens:coach_result")).status_code == 405

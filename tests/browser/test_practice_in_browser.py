"""A therapist invites a client, the client chooses what to share, the therapist sees it; the
client stops sharing and the therapist's very next page load finds nothing. Two browsers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _stub_neutral_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and quiet passphrase"


def _person(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.route("https://www.bbc.co.uk/**", _stub_neutral_site)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    return context, page, problems


def _serious(page):
    """axe-core's serious and critical findings on the page (none expected)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


@pytest.fixture
def people(esr):
    from django.contrib.auth.models import User

    from feltsafe.web.practice import services
    from feltsafe.web.reflections.services import reflection_submit
    from tests.factories import answers_at

    admin = User.objects.create_user("pat-admin", password=PASSWORD)
    therapist = User.objects.create_user("dr-rowan", password=PASSWORD)
    client = User.objects.create_user("alice", password=PASSWORD)
    practice = services.practice_create(name="Harbour Therapy", admin=admin)
    services.therapist_join(
        user=therapist, code=services.therapist_invite_create(practice=practice, admin=admin)
    )
    for level in (2, 3, 4):
        reflection_submit(
            owner=client, relationship_label="my partner", answers=answers_at(esr, level)
        )


def test_a_client_lets_a_therapist_in_and_later_stops_sharing(browser, live_server, people):
    therapist_context, therapist, therapist_problems = _person(browser, live_server)
    client_context, client, client_problems = _person(browser, live_server)
    try:
        # The therapist makes an invitation: a link and a one-time code.
        _log_in(therapist, "dr-rowan")
        therapist.get_by_role("link", name="Therapists").click()
        therapist.wait_for_url(re.compile(r"/practice/clients/$"))
        therapist.get_by_role("button", name="Make an invitation").click()
        code = therapist.get_by_test_id("invitation-code").inner_text().strip()
        assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){2}", code)
        link = therapist.get_by_test_id("invitation-link").get_attribute("href")

        # The client opens the link, enters the code and chooses what to share.
        _log_in(client, "alice")
        client.goto(re.sub(r"^https?://[^/]+", "", link))
        expect(client.get_by_role("heading", name="Share with dr-rowan")).to_be_visible()
        assert _serious(client) == []
        client.get_by_label("Code").fill(code)
        assert client.get_by_label("Reflection scores:").is_checked()
        assert not client.get_by_label("Safety flags:").is_checked()
        client.get_by_role("button", name="Share what I chose").click()
        client.wait_for_url(re.compile(r"/practice/sharing/$"))
        expect(client.get_by_role("heading", name="dr-rowan, Harbour Therapy")).to_be_visible()

        # The therapist now sees the client, with change over time and the honest note.
        therapist.goto("/practice/clients/")
        therapist.get_by_role("link", name="alice").click()
        expect(therapist.get_by_role("heading", name="Reflections over time")).to_be_visible()
        expect(therapist.get_by_text("has no norms yet")).to_be_visible()
        assert therapist.locator("svg.spark").count() == 8
        client_page = therapist.url
        assert _serious(therapist) == []
        therapist.goto("/practice/clients/")
        assert _serious(therapist) == []
        therapist.goto(client_page)

        # The client stops sharing; the therapist's very next page load finds nothing.
        client.get_by_role("button", name="Stop sharing with dr-rowan").click()
        client.get_by_text("You are not sharing anything with a therapist.").wait_for()
        response = therapist.goto(client_page)
        assert response.status == 404
        therapist.goto("/practice/clients/")
        assert therapist.get_by_role("link", name="alice").count() == 0

        for problems in (therapist_problems, client_problems):
            assert not [p for p in problems if "Content Security Policy" in p], problems
    finally:
        therapist_context.close()
        client_context.close()
